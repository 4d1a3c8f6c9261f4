import L from 'leaflet';
import { spriteOf, type Sprite } from './shape-sprite';
import {
  drawLabel,
  LABEL_HEIGHT,
  labelLeft,
  labelLook,
  labelShown,
  labelWidth,
  labelWidthAtMost,
  type LabelKind,
  type LabelSide,
} from './canvas-label';

/** Shape tells kind (UI.md): each asset kind draws with one of these. */
export type Shape =
  | 'circle'
  | 'square'
  | 'diamond'
  | 'triangle'
  | 'triangle-down'
  | 'hexagon'
  | 'house'
  | 'star'
  | 'tunnel'
  | 'bar'
  | 'drop'
  | 'pentagon'
  | 'plus';

export interface ShapeOptions extends L.CircleMarkerOptions {
  shape: Shape;
  /** Diagonal stripes over the fill: units that are unavailable. */
  hatch?: boolean;
  /** An outer ring's colour: a point over its threshold and still rising. */
  ring?: string | null;
  /** A cross over the symbol: a closed underpass, a faulty pump. */
  cross?: boolean;
  /** A label drawn on the canvas beside the symbol; shown by zoom (see canvas-label.ts). */
  label?: CanvasLabel | null;
}

export interface CanvasLabel {
  text: string;
  kind: LabelKind;
  side: LabelSide;
}

// Leaflet's canvas renderer internals that a custom shape needs (not in its public types).
export interface CanvasInternals {
  _drawing: boolean;
  _ctx: CanvasRenderingContext2D;
  _fillStroke(ctx: CanvasRenderingContext2D, layer: L.Path): void;
}
interface MarkerInternals {
  _renderer: L.Renderer;
  _point: L.Point;
  _radius: number;
  _pxBounds: L.Bounds;
  _map?: L.Map;
  _empty(): boolean;
}

/**
 * A circle marker that draws its own shape on the canvas renderer. It keeps CircleMarker's hit
 * test (a circle of its radius), which is what a finger or a mouse needs anyway.
 */
export class ShapeMarker extends L.CircleMarker {
  declare options: ShapeOptions;

  /** The measured box width of the label's text, kept until the text or kind changes. */
  private measured: { text: string; kind: LabelKind; width: number } | null = null;
  /** The bitmap this symbol is stamped with, until its style or size changes. */
  private stamp: { r: number; ratio: number; sprite: Sprite } | null = null;
  /**
   * Which of its renderer's projections this symbol was last placed in: after a zoom the
   * sliced canvas places symbols as it draws them, not all in one task (sliced-canvas.ts).
   */
  projectedIn = -1;

  constructor(latlng: L.LatLngExpression, options: ShapeOptions) {
    super(latlng, options);
  }

  _project(): void {
    (L.CircleMarker.prototype as unknown as { _project(): void })._project.call(this);
    this.projectedIn = projectionOf(this);
  }

  /** Whether the symbol is placed for the map's zoom now. */
  isProjected(): boolean {
    return this.projectedIn === projectionOf(this);
  }

  /** Places the symbol now if the zoom has changed since it was placed. */
  ensureProjected(): void {
    if ((this as unknown as MarkerInternals)._map && !this.isProjected()) this._project();
  }

  /** A symbol not yet placed for this zoom is not under the pointer (a few frames after one). */
  _containsPoint(point: L.Point): boolean {
    if (!this.isProjected()) return false;
    return (
      L.CircleMarker.prototype as unknown as { _containsPoint(p: L.Point): boolean }
    )._containsPoint.call(this, point);
  }

  override setStyle(style: L.PathOptions): this {
    this.stamp = null;
    this.ensureProjected();
    return super.setStyle(style);
  }

  override setRadius(radius: number): this {
    this.stamp = null;
    return super.setRadius(radius);
  }

  override redraw(): this {
    this.ensureProjected();
    return super.redraw();
  }

  /** The bitmap to stamp, looked up again only when the style, size or pixel ratio changed. */
  spriteFor(r: number, renderer: CanvasInternals): Sprite {
    const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
    const stamp = this.stamp;
    if (stamp && stamp.r === r && stamp.ratio === ratio) return stamp.sprite;
    const sprite = spriteOf(this, r, ratio, renderer);
    this.stamp = { r, ratio, sprite };
    return sprite;
  }

  /** Changes the label; the canvas redraws it with the next change of position or style. */
  setLabel(label: CanvasLabel | null): void {
    this.options.label = label;
  }

  /**
   * Whether the label on the map would change from `before` to the current one: not if neither
   * shows at this zoom (a value label at district level). A zoom re-projects every symbol, and
   * with it the label's box, so a label hidden now is right when it appears.
   */
  labelChangeShows(before: CanvasLabel | null | undefined): boolean {
    const look = labelLook((this as unknown as MarkerInternals)._map);
    const label = this.options.label;
    return (!!before && labelShown(before.kind, look)) || (!!label && labelShown(label.kind, look));
  }

  private labelWidth(label: CanvasLabel): number {
    const measured = this.measured;
    if (measured && measured.text === label.text && measured.kind === label.kind) {
      return measured.width;
    }
    const width = labelWidth(label.text, label.kind);
    this.measured = { text: label.text, kind: label.kind, width };
    return width;
  }

  /**
   * The canvas clears and redraws only inside its layers' pixel bounds: a label outside them
   * would be left half erased, so the bounds take in the label the zoom shows. One it does not
   * show is left out (and not measured): a zoom re-projects every symbol, and a new label is
   * redrawn through `redraw`, which projects it again.
   */
  _updateBounds(): void {
    (L.CircleMarker.prototype as unknown as { _updateBounds(): void })._updateBounds.call(this);
    const label = this.options.label;
    const self = this as unknown as MarkerInternals;
    if (!label || !labelShown(label.kind, labelLook(self._map))) return;
    // At least the box's width without measuring it (a zoom places every symbol, most of them
    // off the screen): a redraw may clear a little more round the label, never less.
    const width = labelWidthAtMost(label.text);
    const left = labelLeft(self._point.x, self._radius, label.side, width);
    const top = self._point.y - LABEL_HEIGHT / 2;
    self._pxBounds.extend(L.point(left - 1, top - 1));
    self._pxBounds.extend(L.point(left + width + 1, top + LABEL_HEIGHT + 1));
  }

  _updatePath(): void {
    const self = this as unknown as MarkerInternals;
    if (!(self._renderer instanceof L.Canvas)) {
      // SVG (tests, or a map without canvas): a plain circle is an honest fallback.
      (L.CircleMarker.prototype as unknown as { _updatePath(): void })._updatePath.call(this);
      return;
    }
    const renderer = self._renderer as unknown as CanvasInternals;
    if (!renderer._drawing || self._empty()) return;
    const ctx = renderer._ctx;
    const { x, y } = self._point;
    const r = Math.max(Math.round(self._radius), 1);
    // The symbol is stamped from a bitmap drawn once per look (see spriteOf), the label drawn
    // over it as before: same order, same pixels but for a sub-pixel shift of the symbol.
    const sprite = this.spriteFor(r, renderer);
    ctx.globalAlpha = 1;
    ctx.drawImage(
      sprite.canvas,
      Math.round(x) - sprite.half,
      Math.round(y) - sprite.half,
      sprite.half * 2,
      sprite.half * 2,
    );
    const label = this.options.label;
    const look = labelLook(self._map);
    if (label && labelShown(label.kind, look)) {
      drawLabel(ctx, { ...label, width: this.labelWidth(label) }, x, y, r, look);
    }
  }
}

/** The projection count of the marker's renderer: 0 for a renderer that does not count. */
function projectionOf(marker: ShapeMarker): number {
  const renderer = (marker as unknown as { _renderer?: { projection?: number } })._renderer;
  return renderer?.projection ?? 0;
}

export { tracePath } from './shape-sprite';
