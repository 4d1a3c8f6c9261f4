import type { CanvasInternals, ShapeMarker, Shape } from './shape-marker';

// The bitmaps a ShapeMarker is stamped with, and the paths they are drawn from (also the legend's).

export interface Sprite {
  canvas: CanvasImageSource;
  /** Half its side in CSS pixels: the symbol's centre is (half, half). */
  half: number;
}

/**
 * One bitmap per look of a symbol — shape, size, colours, hatching, cross, ring — drawn with the
 * same path code as before, then stamped with `drawImage` wherever a symbol looks like that.
 * Chromium's software canvas (what this map gets on a machine without a GPU, and in the
 * benchmark) rasterises each path's anti-aliased fill and stroke anew: a full redraw of 20,000
 * points took seconds, in `fill` and `stroke` (profile of `npm run bench -- map --cpu-prof`).
 * A map has a few dozen looks at a time.
 */
const sprites = new Map<string, Sprite>();
const SPRITE_LIMIT = 2000;

export function spriteOf(
  marker: ShapeMarker,
  r: number,
  ratio: number,
  renderer: CanvasInternals,
): Sprite {
  const o = marker.options;
  const key = [
    o.shape,
    r,
    ratio,
    o.fillColor,
    o.fillOpacity,
    o.color,
    o.weight,
    o.opacity,
    o.hatch,
    o.cross,
    o.ring,
  ].join('|');
  let sprite = sprites.get(key);
  if (sprite) return sprite;
  // The farthest any part reaches from the centre: the drop's tip (1.5 r), the ring (r + 6),
  // plus the stroke and a pixel of anti-aliasing.
  const half = Math.ceil(Math.max(r * 1.5, o.ring ? r + 6 : 0) + (o.weight ?? 3) + 2);
  // Drawn into an OffscreenCanvas and kept as an ImageBitmap: stamping a <canvas> makes the
  // software canvas take a snapshot of it at every drawImage (6 s of a 17 s profile).
  const side = Math.ceil(half * 2 * ratio);
  const offscreen = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(side, side) : null;
  const element = offscreen ? null : document.createElement('canvas');
  if (element) element.width = element.height = side;
  const ctx = (offscreen?.getContext('2d') ??
    element!.getContext('2d')!) as CanvasRenderingContext2D;
  ctx.scale(ratio, ratio);
  tracePath(ctx, o.shape, half, half, r);
  renderer._fillStroke(ctx, marker);
  if (o.hatch) drawHatch(ctx, half, half, r);
  if (o.cross) drawCross(ctx, half, half, r, o.color ?? '#000');
  if (o.ring) drawRing(ctx, half, half, r, o.ring);
  if (sprites.size >= SPRITE_LIMIT) sprites.clear();
  sprite = { canvas: offscreen ? offscreen.transferToImageBitmap() : element!, half };
  sprites.set(key, sprite);
  return sprite;
}

function polygon(ctx: CanvasRenderingContext2D, points: [number, number][]): void {
  ctx.beginPath();
  points.forEach(([px, py], i) => (i === 0 ? ctx.moveTo(px, py) : ctx.lineTo(px, py)));
  ctx.closePath();
}

function regular(x: number, y: number, r: number, sides: number, turn: number) {
  return Array.from({ length: sides }, (_, i): [number, number] => {
    const angle = turn + (i * 2 * Math.PI) / sides;
    return [x + r * Math.cos(angle), y + r * Math.sin(angle)];
  });
}

export function tracePath(
  ctx: CanvasRenderingContext2D,
  shape: Shape,
  x: number,
  y: number,
  r: number,
) {
  switch (shape) {
    case 'circle':
      ctx.beginPath();
      ctx.arc(x, y, r, 0, Math.PI * 2);
      return;
    case 'square': {
      const s = r * 0.9;
      polygon(ctx, [
        [x - s, y - s],
        [x + s, y - s],
        [x + s, y + s],
        [x - s, y + s],
      ]);
      return;
    }
    case 'diamond':
      polygon(ctx, regular(x, y, r * 1.2, 4, -Math.PI / 2));
      return;
    case 'triangle':
      polygon(ctx, regular(x, y + r * 0.15, r * 1.25, 3, -Math.PI / 2));
      return;
    case 'triangle-down':
      polygon(ctx, regular(x, y - r * 0.15, r * 1.25, 3, Math.PI / 2));
      return;
    case 'hexagon':
      polygon(ctx, regular(x, y, r * 1.1, 6, 0));
      return;
    case 'house':
      polygon(ctx, [
        [x, y - r * 1.2],
        [x + r, y - r * 0.2],
        [x + r, y + r],
        [x - r, y + r],
        [x - r, y - r * 0.2],
      ]);
      return;
    case 'star': {
      const points: [number, number][] = [];
      for (let i = 0; i < 10; i += 1) {
        const radius = i % 2 === 0 ? r * 1.35 : r * 0.6;
        const angle = -Math.PI / 2 + (i * Math.PI) / 5;
        points.push([x + radius * Math.cos(angle), y + radius * Math.sin(angle)]);
      }
      polygon(ctx, points);
      return;
    }
    case 'tunnel':
      // An arch over a road: the sign of an underpass.
      ctx.beginPath();
      ctx.moveTo(x - r, y + r * 0.8);
      ctx.lineTo(x - r, y);
      ctx.arc(x, y, r, Math.PI, 0);
      ctx.lineTo(x + r, y + r * 0.8);
      ctx.closePath();
      return;
    case 'bar':
      // A gate leaf across the water.
      polygon(ctx, [
        [x - r * 1.3, y - r * 0.55],
        [x + r * 1.3, y - r * 0.55],
        [x + r * 1.3, y + r * 0.55],
        [x - r * 1.3, y + r * 0.55],
      ]);
      return;
    case 'drop':
      ctx.beginPath();
      ctx.moveTo(x, y - r * 1.5);
      ctx.bezierCurveTo(x + r * 0.4, y - r * 0.7, x + r, y - r * 0.2, x + r, y + r * 0.25);
      ctx.arc(x, y + r * 0.25, r, 0, Math.PI);
      ctx.bezierCurveTo(x - r, y - r * 0.2, x - r * 0.4, y - r * 0.7, x, y - r * 1.5);
      ctx.closePath();
      return;
    case 'pentagon':
      polygon(ctx, regular(x, y, r * 1.15, 5, -Math.PI / 2));
      return;
    case 'plus': {
      const a = r * 0.4;
      const b = r * 1.15;
      polygon(ctx, [
        [x - a, y - b],
        [x + a, y - b],
        [x + a, y - a],
        [x + b, y - a],
        [x + b, y + a],
        [x + a, y + a],
        [x + a, y + b],
        [x - a, y + b],
        [x - a, y + a],
        [x - b, y + a],
        [x - b, y - a],
        [x - a, y - a],
      ]);
      return;
    }
  }
}

function drawHatch(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.save();
  ctx.clip();
  ctx.globalAlpha = 0.9;
  ctx.strokeStyle = '#cfd8dc';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let d = -2 * r; d <= 2 * r; d += 4) {
    ctx.moveTo(x + d - r * 1.5, y + r * 1.5);
    ctx.lineTo(x + d + r * 1.5, y - r * 1.5);
  }
  ctx.stroke();
  ctx.restore();
}

function drawCross(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, colour: string) {
  const s = r * 0.6;
  ctx.globalAlpha = 1;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  ctx.moveTo(x - s, y - s);
  ctx.lineTo(x + s, y + s);
  ctx.moveTo(x + s, y - s);
  ctx.lineTo(x - s, y + s);
  ctx.stroke();
}

function drawRing(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, colour: string) {
  ctx.globalAlpha = 1;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(x, y, r + 5, 0, Math.PI * 2);
  ctx.stroke();
}
