import L from 'leaflet';
import type { Selection } from '../store/slices';
import { wgs84, type Projection } from './projection';
import type { LabelKind, LabelSide } from './canvas-label';
import { AlertTooltip } from './alert-tooltip';
import { ShapeMarker, type CanvasLabel, type Shape } from './shape-marker';

/** What one map symbol should look like: plain data, derived from the picture each frame. */
export interface MarkerView {
  id: string;
  lat: number;
  lng: number;
  shape: Shape;
  radius: number;
  /** null draws the shape hollow. */
  fill: string | null;
  stroke: string;
  weight: number;
  hatch: boolean;
  /** The colour of a ring round the symbol (over threshold and rising), or null. */
  ring: string | null;
  cross: boolean;
  /**
   * A permanent label. What is alarming is always shown; values and stale readings appear as
   * you zoom in, names closer still, so the district view stays readable.
   */
  label: string | null;
  labelKind: LabelKind;
  /** Which side the label sits on (incidents label to the left, off the point they are at). */
  labelSide?: LabelSide;
  /** What a click on the symbol selects. */
  selects: Selection;
}

/** A group of shape markers kept in step with a list of views. */
export interface MarkerLayer {
  group: L.LayerGroup;
  markers: Map<string, ShapeMarker>;
  views: Map<string, MarkerView>;
  /** The ids whose label is a stale reading's (the command map lists them for tests). */
  stale: Set<string>;
  renderer?: L.Renderer;
  project: Projection;
  onSelect?: (selection: Selection) => void;
}

export function createMarkerLayer(
  options: Partial<Pick<MarkerLayer, 'renderer' | 'project' | 'onSelect'>> = {},
): MarkerLayer {
  return {
    group: L.layerGroup(),
    markers: new Map(),
    views: new Map(),
    stale: new Set(),
    project: options.project ?? wgs84,
    renderer: options.renderer,
    onSelect: options.onSelect,
  };
}

function styleOf(view: MarkerView) {
  return {
    shape: view.shape,
    radius: view.radius,
    fill: true,
    fillColor: view.fill ?? 'transparent',
    fillOpacity: view.fill === null ? 0 : 0.95,
    color: view.stroke,
    weight: view.weight,
    hatch: view.hatch,
    ring: view.ring,
    cross: view.cross,
  };
}

/**
 * The label drawn on the canvas: every kind but the alarming one. Alarming labels are few and
 * must stand out above everything, so they stay permanent tooltips with a border.
 */
function canvasLabelOf(view: MarkerView): CanvasLabel | null {
  if (view.label === null || view.labelKind === 'alert') return null;
  return { text: view.label, kind: view.labelKind, side: view.labelSide ?? 'right' };
}

const ALERT_CLASS = 'map-label map-label-alert';
/** An alarm label no longer alarming: kept hidden for the next alarm (map.css). */
const IDLE_CLASS = 'map-label map-label-idle';

function alertOffset(view: MarkerView): [number, number] {
  return [view.labelSide === 'left' ? -view.radius - 4 : view.radius + 2, 0];
}

/**
 * Shows the view's alarm label, or hides it. A point's tooltip is made the first time it alarms
 * and kept: binding one places it by reading its size (a forced layout), and the few hundred
 * points near their thresholds cross them back and forth every second. Hidden, it is a class.
 */
function showAlertLabel(marker: ShapeMarker, view: MarkerView): void {
  const alert = view.label !== null && view.labelKind === 'alert';
  let tooltip = marker.getTooltip();
  const offset = alertOffset(view);
  const direction = view.labelSide === 'left' ? 'left' : 'right';
  const placed = tooltip?.options.offset as [number, number] | undefined;
  if (tooltip && alert && (tooltip.options.direction !== direction || placed?.[0] !== offset[0])) {
    marker.unbindTooltip();
    tooltip = undefined;
  }
  if (!tooltip) {
    if (!alert) return;
    const created = new AlertTooltip({
      permanent: true,
      direction,
      offset,
      className: ALERT_CLASS,
      interactive: false,
    });
    created.setContent(view.label!);
    marker.bindTooltip(created);
    return;
  }
  const className = alert ? ALERT_CLASS : IDLE_CLASS;
  if (tooltip.options.className !== className) {
    tooltip.options.className = className;
    const element = tooltip.getElement();
    element?.classList.toggle('map-label-alert', alert);
    element?.classList.toggle('map-label-idle', !alert);
  }
  if (alert && tooltip.getContent() !== view.label) {
    relabelAlert(marker, view.label!, direction === 'left');
  }
}

/**
 * A new text for an alarm label. One on the right is anchored at its left edge, so only its text
 * changes: `setTooltipContent` re-places the tooltip, reading its size right after the write (a
 * forced layout per alarm per reading — 16 % of the map bench's page time). One on the left is
 * anchored by its width and is re-placed.
 */
function relabelAlert(marker: ShapeMarker, text: string, left: boolean): void {
  const tooltip = marker.getTooltip();
  const element = tooltip?.getElement();
  if (left || !tooltip || !element) {
    marker.setTooltipContent(text);
    return;
  }
  // What setContent keeps, without its update(); Leaflet reads it again on the next re-bind.
  (tooltip as unknown as { _content: string })._content = text;
  element.textContent = text;
}

/** The text of the alarm label a marker shows, or null (none, or hidden). */
export function shownAlertLabel(marker: ShapeMarker): string | null {
  const tooltip = marker.getTooltip();
  if (!tooltip || tooltip.options.className !== ALERT_CLASS) return null;
  return String(tooltip.getContent());
}

/**
 * Brings a layer to `next`, the whole layer: adds new symbols, removes gone ones, and touches
 * only the markers whose view changed. Leaflet then redraws just those on the canvas.
 */
export function updateMarkers(layer: MarkerLayer, next: readonly MarkerView[]): void {
  const seen = new Set<string>();
  for (const view of next) {
    seen.add(view.id);
    applyView(layer, view);
  }
  const gone: string[] = [];
  for (const id of layer.markers.keys()) if (!seen.has(id)) gone.push(id);
  removeMarkers(layer, gone);
}

/** Changes only these symbols of a layer: `changed` views (new or not), `removed` ids. */
export function patchMarkers(
  layer: MarkerLayer,
  changed: readonly MarkerView[],
  removed: readonly string[],
): void {
  for (const view of changed) applyView(layer, view);
  removeMarkers(layer, removed);
}

function removeMarkers(layer: MarkerLayer, ids: readonly string[]): void {
  for (const id of ids) {
    const marker = layer.markers.get(id);
    if (marker) layer.group.removeLayer(marker);
    layer.markers.delete(id);
    layer.views.delete(id);
    layer.stale.delete(id);
  }
}

function applyView(layer: MarkerLayer, view: MarkerView): void {
  const marker = layer.markers.get(view.id);
  const before = layer.views.get(view.id);
  layer.views.set(view.id, view);
  if (view.labelKind === 'stale' && view.label !== null) layer.stale.add(view.id);
  else layer.stale.delete(view.id);
  if (!marker) {
    const created = new ShapeMarker(layer.project(view.lat, view.lng), {
      ...styleOf(view),
      label: canvasLabelOf(view),
      renderer: layer.renderer,
      bubblingMouseEvents: false,
    });
    created.on('click', () => {
      const current = layer.views.get(view.id);
      if (current) layer.onSelect?.(current.selects);
    });
    showAlertLabel(created, view);
    layer.markers.set(view.id, created);
    layer.group.addLayer(created);
    return;
  }
  if (before && sameView(before, view)) return;
  // Only what changed: each of these re-projects the symbol or asks for a redraw, and at 1 Hz
  // over 20,000 points most changes are a label's text alone.
  const labelBefore = marker.options.label;
  marker.setLabel(canvasLabelOf(view));
  const moved = !before || before.lat !== view.lat || before.lng !== view.lng;
  const resized = !before || before.radius !== view.radius;
  if (moved) marker.setLatLng(layer.project(view.lat, view.lng));
  if (!before || !sameStyle(before, view)) marker.setStyle(styleOf(view));
  if (resized) marker.setRadius(view.radius);
  // A new label text changes the symbol's box (the label is inside its redraw bounds); one the
  // zoom does not show (most of 1 Hz readings at district level) changes nothing on the map.
  else if (!moved && !sameLabel(before, view) && marker.labelChangeShows(labelBefore)) {
    marker.redraw();
  }
  if (!before || !sameLabel(before, view)) showAlertLabel(marker, view);
}

function sameStyle(a: MarkerView, b: MarkerView): boolean {
  return (
    a.shape === b.shape &&
    a.fill === b.fill &&
    a.stroke === b.stroke &&
    a.weight === b.weight &&
    a.hatch === b.hatch &&
    a.ring === b.ring &&
    a.cross === b.cross
  );
}

function sameLabel(a: MarkerView, b: MarkerView): boolean {
  return a.label === b.label && a.labelKind === b.labelKind && a.labelSide === b.labelSide;
}

function sameView(a: MarkerView, b: MarkerView): boolean {
  return (
    a.lat === b.lat &&
    a.lng === b.lng &&
    a.radius === b.radius &&
    sameStyle(a, b) &&
    sameLabel(a, b)
  );
}
