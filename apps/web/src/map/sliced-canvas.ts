import L from 'leaflet';

// Leaflet's canvas renderer internals this renderer builds on (not in its public types).
interface DrawnLayer {
  _pxBounds?: L.Bounds;
  _updatePath(): void;
  _project(): void;
  /** Set by symbols that let this renderer place them lazily (shape-marker.ts). */
  projectedIn?: number;
}
interface DrawOrder {
  layer: DrawnLayer;
  next: DrawOrder | null;
}
interface CanvasInternals {
  _container: HTMLCanvasElement;
  _ctx: CanvasRenderingContext2D;
  _drawing: boolean;
  _drawFirst: DrawOrder | null;
  _redrawBounds: L.Bounds | null;
  _redrawRequest: number | null;
  _bounds?: L.Bounds;
  _layers: Record<string, DrawnLayer>;
}

/** Drawing time a frame may take, ms: well under a frame, so panning stays smooth. */
const SLICE_MS = 8;

interface Job {
  /** The next layer to draw, in Leaflet's draw order. */
  next: DrawOrder | null;
  /** What is redrawn, in layer pixels; null: everything. */
  clip: L.Bounds | null;
}

/**
 * Leaflet's canvas renderer, drawing a redraw a slice at a time: into a back buffer, SLICE_MS per
 * animation frame, shown in one copy when complete. Leaflet draws every layer of a redraw in
 * one task; with 20,000 symbols that task took hundreds of ms after every pan, zoom and round
 * of readings (the map bench's long tasks, in software rendering). A redraw asked for while
 * one is under way follows it. The picture is Leaflet's, a few frames later; hit-testing is
 * Leaflet's, on the current positions.
 */
export class SlicedCanvas extends L.Canvas {
  private job: Job | null = null;
  /** Asked for while a job ran: `undefined` none, `null` everything, else these bounds. */
  private pending: L.Bounds | null | undefined = undefined;
  private back: HTMLCanvasElement | null = null;
  private frame: number | null = null;
  /**
   * Counts zooms. Leaflet places every layer for the new zoom in one task at `zoomend` (20,000
   * symbols: the map bench's longest tasks); the symbols that count with this (`projectedIn`)
   * are placed as the redraw that follows reaches them, a slice at a time. Until then they are
   * not hit by the pointer; a click places them all first.
   */
  projection = 0;

  _onZoomEnd(): void {
    this.projection += 1;
    const self = this as unknown as CanvasInternals;
    for (const layer of Object.values(self._layers)) {
      if (layer.projectedIn === undefined) layer._project();
    }
  }

  _onClick(event: MouseEvent): void {
    if (event.type === 'click' || event.type === 'dblclick' || event.type === 'contextmenu') {
      const self = this as unknown as CanvasInternals;
      for (const layer of Object.values(self._layers)) {
        if (layer.projectedIn !== undefined && layer.projectedIn !== this.projection) {
          layer._project();
        }
      }
    }
    (L.Canvas.prototype as unknown as { _onClick(e: MouseEvent): void })._onClick.call(this, event);
  }

  _redraw(): void {
    const self = this as unknown as CanvasInternals;
    self._redrawRequest = null;
    const bounds = self._redrawBounds;
    self._redrawBounds = null;
    if (this.job) {
      if (bounds === null || this.pending === null) this.pending = null;
      else this.pending = this.pending === undefined ? bounds : merge(this.pending, bounds);
      return;
    }
    this.start(bounds);
  }

  /**
   * Leaflet resizes and moves the canvas at the end of a pan or zoom (which clears it) and then
   * redraws everything: a job drawn for the old place is dropped.
   */
  _update(): void {
    const self = this as unknown as { _map?: { _animatingZoom?: boolean }; _bounds?: L.Bounds };
    // As Leaflet, nothing happens to the canvas in the middle of a zoom animation.
    if (!(self._map?._animatingZoom && self._bounds)) {
      this.job = null;
      this.pending = undefined;
      if (this.frame !== null) cancelAnimationFrame(this.frame);
      this.frame = null;
    }
    (L.Canvas.prototype as unknown as { _update(): void })._update.call(this);
  }

  private start(bounds: L.Bounds | null): void {
    const self = this as unknown as CanvasInternals;
    const canvas = self._container;
    const back = (this.back ??= document.createElement('canvas'));
    if (back.width !== canvas.width || back.height !== canvas.height) {
      back.width = canvas.width;
      back.height = canvas.height;
    }
    const clip = bounds?.min && bounds.max ? L.bounds(bounds.min.floor(), bounds.max.ceil()) : null;
    const ctx = back.getContext('2d')!;
    ctx.setTransform(self._ctx.getTransform());
    if (clip)
      ctx.clearRect(clip.min!.x, clip.min!.y, clip.max!.x - clip.min!.x, clip.max!.y - clip.min!.y);
    else {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, back.width, back.height);
      ctx.restore();
    }
    this.job = { next: self._drawFirst, clip };
    this.slice();
  }

  private slice(): void {
    this.frame = null;
    const job = this.job;
    if (!job) return;
    const self = this as unknown as CanvasInternals;
    const visible = self._ctx;
    const ctx = this.back!.getContext('2d')!;
    const started = performance.now();
    // Layers draw into `_ctx`: the back buffer while the slice runs.
    self._ctx = ctx;
    ctx.save();
    const { clip } = job;
    if (clip) {
      ctx.beginPath();
      ctx.rect(clip.min!.x, clip.min!.y, clip.max!.x - clip.min!.x, clip.max!.y - clip.min!.y);
      ctx.clip();
    }
    self._drawing = true;
    let order = job.next;
    let drawn = 0;
    // Only what the canvas shows: Leaflet draws every layer of a full redraw, and at street
    // zoom most of 20,000 symbols are off the screen.
    const shown = clip ?? self._bounds ?? null;
    try {
      while (order) {
        const layer = order.layer;
        if (layer.projectedIn !== undefined && layer.projectedIn !== this.projection) {
          layer._project();
        }
        if (!shown || !layer._pxBounds || layer._pxBounds.intersects(shown)) layer._updatePath();
        order = order.next;
        drawn += 1;
        if (drawn % 200 === 0 && performance.now() - started > SLICE_MS) break;
      }
    } finally {
      self._drawing = false;
      ctx.restore();
      self._ctx = visible;
    }
    job.next = order;
    if (order) {
      this.frame = requestAnimationFrame(() => this.slice());
      return;
    }
    this.show(clip);
    this.job = null;
    const pending = this.pending;
    this.pending = undefined;
    if (pending !== undefined) this.start(pending);
  }

  /** Copies the finished redraw onto the map's canvas, in one step. */
  private show(clip: L.Bounds | null): void {
    const self = this as unknown as CanvasInternals;
    const ctx = self._ctx;
    const back = this.back!;
    ctx.save();
    if (clip) {
      ctx.beginPath();
      ctx.rect(clip.min!.x, clip.min!.y, clip.max!.x - clip.min!.x, clip.max!.y - clip.min!.y);
      ctx.clip();
    }
    // The clip was set in layer pixels and stays; the copy is in canvas pixels, one to one.
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, back.width, back.height);
    ctx.drawImage(back, 0, 0);
    ctx.restore();
  }
}

function merge(a: L.Bounds, b: L.Bounds): L.Bounds {
  const merged = L.bounds(a.min!, a.max!);
  merged.extend(b.min!);
  merged.extend(b.max!);
  return merged;
}
