import { useEffect, useRef } from 'react';
import { tracePath, type Shape } from './shape-marker';

/** A legend swatch drawn with the same path code as the map symbol it explains. */
export function LegendSymbol(props: {
  shape: Shape;
  fill: string | null;
  stroke?: string;
  cross?: boolean;
  /** Colour of the ring, if any. */
  ring?: string;
  hatch?: boolean;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { shape, fill, stroke = '#90a4ae', cross, ring, hatch } = props;
  useEffect(
    function drawSwatch() {
      const canvas = ref.current;
      const ctx = canvas?.getContext?.('2d');
      if (!canvas || !ctx) return; // no canvas in some test environments
      const ratio = window.devicePixelRatio || 1;
      canvas.width = 22 * ratio;
      canvas.height = 20 * ratio;
      ctx.scale(ratio, ratio);
      ctx.clearRect(0, 0, 22, 20);
      tracePath(ctx, shape, 11, 10, ring ? 4.5 : 5.5);
      if (fill) {
        ctx.fillStyle = fill;
        ctx.fill();
      }
      ctx.strokeStyle = stroke;
      ctx.lineWidth = fill ? 1 : 2;
      ctx.stroke();
      if (hatch) {
        ctx.save();
        ctx.clip();
        ctx.strokeStyle = '#cfd8dc';
        ctx.beginPath();
        for (let d = -12; d <= 12; d += 4) {
          ctx.moveTo(d + 2, 20);
          ctx.lineTo(d + 22, 0);
        }
        ctx.stroke();
        ctx.restore();
      }
      if (cross) {
        ctx.strokeStyle = '#0b1016';
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(8, 7);
        ctx.lineTo(14, 13);
        ctx.moveTo(14, 7);
        ctx.lineTo(8, 13);
        ctx.stroke();
      }
      if (ring) {
        ctx.strokeStyle = ring;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.arc(11, 10, 8.5, 0, Math.PI * 2);
        ctx.stroke();
      }
    },
    [shape, fill, stroke, cross, ring, hatch],
  );
  return <canvas ref={ref} className="legend-symbol" width={22} height={20} aria-hidden />;
}
