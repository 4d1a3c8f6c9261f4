import type L from 'leaflet';

/**
 * Labels drawn on the map's canvas beside their symbol. A permanent Leaflet tooltip per symbol
 * costs a page layout each time its text changes (5,000 live values at 1 Hz took the map to a few
 * frames a second); text on the canvas costs a redraw of a small rectangle.
 */
export type LabelKind = 'alert' | 'value' | 'stale' | 'name';
export type LabelSide = 'left' | 'right';

/** What every label on one map depends on besides its own text: set by the command map. */
export interface LabelLook {
  zoom: number;
  /** Values and stale readings appear from this zoom on, names from `nameZoom`. */
  valueZoom: number;
  nameZoom: number;
  theme: 'dark' | 'light';
  /** When the stream is not live every value is greyed, as the DOM labels were (map.css). */
  live: boolean;
}

const DEFAULT_LOOK: LabelLook = {
  zoom: Infinity,
  valueZoom: 0,
  nameZoom: 0,
  theme: 'dark',
  live: true,
};
const looks = new WeakMap<L.Map, LabelLook>();

export function setLabelLook(map: L.Map, look: LabelLook): void {
  looks.set(map, look);
}

/**
 * The look of a map's labels, at the map's zoom now: Leaflet re-projects every symbol at the end
 * of a zoom before the command map hears `zoomend`, and a symbol's bounds hold its label only
 * when that zoom shows it.
 */
export function labelLook(map: L.Map | undefined): LabelLook {
  const look = map && looks.get(map);
  if (!look) return DEFAULT_LOOK;
  look.zoom = map.getZoom();
  return look;
}

/** Whether a label of this kind shows at the look's zoom (alarming ones always do). */
export function labelShown(kind: LabelKind, look: LabelLook): boolean {
  if (kind === 'alert') return true;
  if (kind === 'name') return look.zoom >= look.nameZoom;
  return look.zoom >= look.valueZoom;
}

// The same box as the former `.map-label` tooltips in map.css: 11px text, 16px high, 4px padding.
const FONT_FAMILY = "system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const FONT_SIZE = 11;
export const LABEL_HEIGHT = 16;
const PADDING_X = 4;
/** Gap between the symbol's edge and the box, per side (the tooltips' offsets). */
const GAP: Record<LabelSide, number> = { right: 2, left: 4 };

export function labelFont(kind: LabelKind): string {
  const weight = kind === 'value' || kind === 'alert' ? 600 : 400;
  return `${weight} ${FONT_SIZE}px ${FONT_FAMILY}`;
}

export interface LabelColours {
  text: string;
  box: string;
}

/** The colours map.css gave each label; a stale reading is grey on dark in either theme. */
export function labelColours(kind: LabelKind, look: LabelLook): LabelColours {
  const greyed = kind === 'stale' || (!look.live && (kind === 'value' || kind === 'alert'));
  if (greyed) return { text: '#9e9e9e', box: 'rgba(40, 40, 40, 0.7)' };
  if (look.theme === 'light') return { text: '#1b2631', box: 'rgba(255, 255, 255, 0.85)' };
  return { text: '#eceff1', box: 'rgba(11, 16, 22, 0.78)' };
}

let measurer: CanvasRenderingContext2D | null | undefined;
/**
 * Widths measured, by kind and text: 20,000 values at 1 Hz are a few hundred texts ("12 cm"),
 * and a zoom re-measures every shown label.
 */
const widths = new Map<string, number>();
const WIDTHS_KEPT = 5000;

/** The box's width for a text: measured on a spare canvas, or estimated where there is none. */
export function labelWidth(text: string, kind: LabelKind): number {
  const key = `${kind === 'value' || kind === 'alert' ? 'b' : 'r'}${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    width = measureLabel(text, kind);
    if (widths.size >= WIDTHS_KEPT) widths.clear();
    widths.set(key, width);
  }
  return width;
}

function measureLabel(text: string, kind: LabelKind): number {
  if (measurer === undefined) {
    measurer =
      typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  if (measurer) {
    measurer.font = labelFont(kind);
    const width = measurer.measureText(text).width;
    if (width > 0) return Math.ceil(width) + 2 * PADDING_X;
  }
  // No 2D canvas (tests): wide for CJK, about 0.6 em for Latin text and digits.
  let width = 0;
  for (const char of text) width += char.charCodeAt(0) > 0x2e80 ? FONT_SIZE : FONT_SIZE * 0.62;
  return Math.ceil(width) + 2 * PADDING_X;
}

/** A width no label of this text is wider than: every glyph at most an em (CJK glyphs are one). */
export function labelWidthAtMost(text: string): number {
  return text.length * FONT_SIZE + 2 * PADDING_X;
}

/** The box's left edge for a symbol at `x` of radius `r`. */
export function labelLeft(x: number, r: number, side: LabelSide, width: number): number {
  return side === 'left' ? x - r - GAP.left - width : x + r + GAP.right;
}

export function drawLabel(
  ctx: CanvasRenderingContext2D,
  label: { text: string; kind: LabelKind; side: LabelSide; width: number },
  x: number,
  y: number,
  r: number,
  look: LabelLook,
): void {
  const colours = labelColours(label.kind, look);
  const left = Math.round(labelLeft(x, r, label.side, label.width));
  const top = Math.round(y - LABEL_HEIGHT / 2);
  ctx.globalAlpha = 1;
  ctx.fillStyle = colours.box;
  ctx.fillRect(left, top, label.width, LABEL_HEIGHT);
  ctx.font = labelFont(label.kind);
  ctx.fillStyle = colours.text;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(label.text, left + PADDING_X, top + LABEL_HEIGHT / 2 + 0.5);
}
