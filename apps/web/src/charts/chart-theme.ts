import type { Theme } from '../store/slices';

export const CHART_COLOURS: Record<
  Theme,
  { axis: string; grid: string; line: string; fill: string; bar: string }
> = {
  dark: {
    axis: '#b0bec5',
    grid: 'rgba(176,190,197,0.12)',
    line: '#e0e0e0',
    fill: 'rgba(224,224,224,0.08)',
    bar: '#9575cd',
  },
  light: {
    axis: '#37474f',
    grid: 'rgba(55,71,79,0.15)',
    line: '#263238',
    fill: 'rgba(38,50,56,0.08)',
    bar: '#7e57c2',
  },
};

/** A horizontal threshold line across the plot, with an optional label at its right end. */
export function drawThreshold(
  ctx: CanvasRenderingContext2D,
  box: { left: number; top: number; width: number; height: number },
  y: number,
  colour: string,
  label: string | null,
  scale: number,
): void {
  if (y < box.top || y > box.top + box.height) return;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.lineWidth = (label ? 2 : 1) * scale;
  ctx.setLineDash([6 * scale, 4 * scale]);
  ctx.beginPath();
  ctx.moveTo(box.left, y);
  ctx.lineTo(box.left + box.width, y);
  ctx.stroke();
  if (label) {
    ctx.setLineDash([]);
    ctx.fillStyle = colour;
    ctx.font = `${11 * scale}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(label, box.left + box.width - 4 * scale, y - 2 * scale);
  }
  ctx.restore();
}
