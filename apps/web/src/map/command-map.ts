import L from 'leaflet';
import { placeDraft, select } from '../store/actions';
import { RainLastHour } from '../store/derive';
import type { Geography, LayerKey, ServerConfig, Store } from '../store/slices';
import { useStore } from '../store/store';
import { labelColours, labelShown, setLabelLook, type LabelLook } from './canvas-label';
import { updateRainShade, type BaseMap } from './base-map';
import { createMarkerLayer, patchMarkers, updateMarkers, type MarkerLayer } from './marker-layer';
import { BASE_COLOURS } from './palette';
import { projectionFor, unprojectFor } from './projection';
import { createTyphoonLayer, typhoonView, updateTyphoon, type TyphoonView } from './typhoon-layer';
import { createCountdownLayer } from '../warnings/countdown-layer';
import { SlicedCanvas } from './sliced-canvas';
import { AssetViewCache } from './view-cache';
import type { MarkerLayerKey } from './views';
import { createClusterLayer, showCompoundZoom } from '../compounds/cluster-layer';

/** Drawn bottom to top on the one canvas: units and incidents stay above everything else. */
const MARKER_ORDER: MarkerLayerKey[] = [
  'compounds',
  'shelters',
  'logistics',
  'vehicles',
  'gauges',
  'waterworks',
  'gates',
  'underpasses',
  'points',
  'incidents',
  'units',
];
/** Time a frame may spend on the sensor symbols, ms; what is left waits for the next frame. */
const VIEW_BUDGET_MS = 12;
/** Values appear from this zoom on, names from the next; alarming values are always shown. */
const VALUE_LABEL_ZOOM = 14;
const NAME_LABEL_ZOOM = 15;
/**
 * Room kept when fitting the district: for the legend (top-left) where there is room beside it,
 * for the attribution line along the bottom, and a little all round.
 */
const LEGEND_WIDTH = 270;
const ATTRIBUTION_HEIGHT = 18;
const FIT_PADDING = 10;
const ZOOM_SNAP = 0.25;

export interface MapHooks {
  /** The element that carries the map's state as classes (not live, reporting, names hidden). */
  frame?: HTMLElement | null;
  /** A hidden element that says how many unit symbols are drawn, and their colours (tests). */
  unitCounter?: HTMLElement | null;
  /**
   * A hidden element that lists the stale readings' labels drawn on the canvas — their text,
   * colour and whether the zoom shows them — since a test cannot read text off a canvas.
   */
  labelProbe?: HTMLElement | null;
}

/** What MapView gives Leaflet when it makes the map (react-leaflet's MapContainer). */
export function commandMapOptions(): L.MapOptions {
  return {
    preferCanvas: true,
    // One canvas for every vector layer and symbol: cheap to redraw, however many assets;
    // redraws are drawn a slice per frame, so none holds the page (sliced-canvas.ts).
    renderer: new SlicedCanvas({ padding: 0.3 }),
    zoomControl: false,
    minZoom: 10,
    maxZoom: 18,
    // Quarter steps and half-step buttons: finer than whole levels, still a few clicks across.
    zoomSnap: ZOOM_SNAP,
    zoomDelta: 0.5,
  };
}

/**
 * Keeps the command map — made by MapView's react-leaflet components, the base map among them
 * — in step with the store, imperatively: React never re-renders for a reading; this adds the
 * symbol layers and updates the Leaflet objects through refs.
 */
export function mountCommandMap(
  map: L.Map,
  base: BaseMap,
  geography: Geography,
  config: ServerConfig,
  hooks: MapHooks = {},
): () => void {
  const initial = useStore.getState();
  const container = map.getContainer();
  const frame = hooks.frame ?? container;
  const project = projectionFor(config.tiles);
  const unproject = unprojectFor(config.tiles);
  const renderer = map.options.renderer!;

  // The district fills the pane, clear of the legend and the attribution. Until someone moves
  // the map it is fitted again as the pane changes: a window made full-screen on a wall, the
  // drill bar opening under the map.
  let fitting = false;
  let moved = false;
  function fitDistrict(): void {
    fitting = true;
    // The fit itself is exact: the district is tall and the pane wide, so rounding down to a
    // quarter step could leave up to a sixth of the height empty. Zooming snaps again from here.
    map.options.zoomSnap = 0;
    map.fitBounds(base.district.getBounds(), {
      paddingTopLeft: [container.clientWidth > 900 ? LEGEND_WIDTH : FIT_PADDING, FIT_PADDING],
      paddingBottomRight: [FIT_PADDING, ATTRIBUTION_HEIGHT + FIT_PADDING],
      animate: false,
    });
    map.options.zoomSnap = ZOOM_SNAP;
    fitting = false;
  }
  fitDistrict();
  const handlers: L.LeafletEventHandlerFnMap = {
    dragstart: () => {
      moved = true;
    },
    zoomstart: () => {
      if (!fitting) moved = true;
    },
    resize: () => {
      if (!moved) fitDistrict();
    },
  };
  // Leaflet hears the window resize by itself, not a pane that changes inside the page.
  const resizes =
    typeof ResizeObserver === 'function' ? new ResizeObserver(() => map.invalidateSize()) : null;
  resizes?.observe(container);

  const typhoon = createTyphoonLayer({ project });
  const countdowns = createCountdownLayer(project);
  countdowns.group.addTo(map);
  const markers = Object.fromEntries(
    MARKER_ORDER.map((key) => [key, createMarkerLayer({ project, onSelect: select })]),
  ) as Record<MarkerLayerKey, MarkerLayer>;
  const groups: Record<Exclude<LayerKey, 'rainShade'>, L.LayerGroup> = {
    typhoon: typhoon.group,
    ...(Object.fromEntries(MARKER_ORDER.map((key) => [key, markers[key].group])) as Record<
      MarkerLayerKey,
      L.LayerGroup
    >),
  };

  // Compounds: a count per 街镇 at district zoom, each compound from COMPOUND_DETAIL_ZOOM on.
  const compoundClusters = createClusterLayer(project, (code) => {
    const name = base.properties.get(code);
    return name && { lat: name.labelLat, lng: name.labelLng };
  });
  groups.compounds = L.layerGroup([compoundClusters.group]);
  const showCompoundDetail = () =>
    showCompoundZoom(
      groups.compounds,
      compoundClusters.group,
      markers.compounds.group,
      map.getZoom(),
    );

  const views = new AssetViewCache();
  const rainShade = new RainLastHour();
  let prevVersion: number | null = null;
  let prevRain: Record<string, number> | null = null;
  let prevTyphoon: TyphoonView | null = null;
  let prevUnits = '';
  let clustered = false;
  let catchUp: number | null = null;
  let prevStale = '';

  function render(store: Store): void {
    const state = store.picture.state;
    if (!state) return;
    const { language, theme, selected, layers } = store.ui;
    const { version, touched: batch } = store.picture;
    // What the batch touched, if this frame follows the one before; otherwise look at all.
    const touched = prevVersion !== null && version === prevVersion + 1 ? batch : null;
    // The same version: the picture has not changed since (a click, a layer switched).
    const changed = prevVersion === version ? new Set<string>() : touched;
    prevVersion = version;
    const updates = views.update(state, { language, theme, selected }, changed, VIEW_BUDGET_MS);
    // What the budget left is looked at in the frames that follow.
    if (views.pending && catchUp === null) {
      catchUp = requestAnimationFrame(() => {
        catchUp = null;
        render(useStore.getState());
      });
    }
    for (const key of MARKER_ORDER) {
      const update = updates[key];
      if (update.whole) updateMarkers(markers[key], update.views);
      else patchMarkers(markers[key], update.views, update.removed);
    }
    // The 街镇 counts follow the compounds' alerts: most frames touch none of them.
    if (!clustered || views.compoundsTouched) compoundClusters.update(state);
    clustered = true;
    const rain = rainShade.update(state, changed);
    updateRainShade(base, rain, prevRain, layers.rainShade);
    prevRain = rain;
    const storm = typhoonView(state);
    updateTyphoon(typhoon, storm, prevTyphoon);
    prevTyphoon = storm;
    countdowns.update(state, language);
    reportUnits(store);
    reportLabels();
  }

  function reportUnits(store: Store): void {
    const counter = hooks.unitCounter;
    if (!counter) return;
    const shown = store.ui.layers.units;
    const units = [...markers.units.views.values()];
    const report = JSON.stringify([shown, units]);
    if (report === prevUnits) return;
    prevUnits = report;
    counter.textContent = String(shown ? markers.units.markers.size : 0);
    counter.dataset.colours = JSON.stringify(
      Object.fromEntries(units.map((view) => [view.id, view.fill])),
    );
    // Where each unit is drawn, since a test cannot read positions off a canvas either.
    counter.dataset.places = JSON.stringify(
      Object.fromEntries(units.map((view) => [view.id, [view.lat, view.lng]])),
    );
    counter.dataset.labels = JSON.stringify(
      Object.fromEntries(units.map((view) => [view.id, view.label])),
    );
  }

  function reportLabels(): void {
    const probe = hooks.labelProbe;
    if (!probe) return;
    const look = labelLookNow(useStore.getState());
    const stale = MARKER_ORDER.flatMap((key) =>
      [...markers[key].stale].map((id) => {
        const view = markers[key].views.get(id)!;
        return {
          id,
          text: view.label,
          colour: labelColours('stale', look).text,
          shown: labelShown('stale', look),
        };
      }),
    );
    const report = JSON.stringify(stale);
    if (report === prevStale) return;
    prevStale = report;
    probe.dataset.stale = report;
  }

  function showLayers(layers: Record<LayerKey, boolean>): void {
    for (const [key, group] of Object.entries(groups) as [keyof typeof groups, L.LayerGroup][]) {
      if (layers[key] && !map.hasLayer(group)) map.addLayer(group);
      if (!layers[key] && map.hasLayer(group)) map.removeLayer(group);
    }
  }

  function markContainer(store: Store): void {
    frame.classList.toggle('map-not-live', store.connection.status !== 'live');
    frame.classList.toggle('map-reporting', store.ui.reporting);
    frame.style.background = BASE_COLOURS[store.ui.theme].background;
  }

  function labelLookNow(store: Store): LabelLook {
    return {
      zoom: map.getZoom(),
      valueZoom: VALUE_LABEL_ZOOM,
      nameZoom: NAME_LABEL_ZOOM,
      theme: store.ui.theme,
      live: store.connection.status === 'live',
    };
  }

  /**
   * Tells the canvas labels the zoom, theme and liveness. On a zoom, Leaflet redraws every path
   * at the `moveend` that follows `zoomend`; otherwise the canvas is redrawn here.
   */
  function markLabels(redraw: boolean): void {
    setLabelLook(map, labelLookNow(useStore.getState()));
    reportLabels();
    const canvas = renderer as unknown as { _map?: L.Map; _redraw(): void };
    if (redraw && canvas._map) canvas._redraw();
  }

  function markZoom(): void {
    // The 街镇 and key-area names are DOM labels still hidden by class.
    frame.classList.toggle('map-names-hidden', map.getZoom() < NAME_LABEL_ZOOM);
    showCompoundDetail();
    markLabels(false);
  }

  handlers.zoomend = markZoom;
  handlers.click = (event) => {
    if (!useStore.getState().ui.reporting) return;
    const { latlng } = event as L.LeafletMouseEvent;
    const [lat, lng] = unproject(latlng.lat, latlng.lng);
    placeDraft({ lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 });
  };
  map.on(handlers);

  showLayers(initial.ui.layers);
  markContainer(initial);
  markZoom();
  render(initial);

  const unsubscribe = useStore.subscribe((store, prev) => {
    const ui = store.ui;
    // The base map restyles itself (BaseMapLayer's props); its shade is laid again here.
    if (ui.theme !== prev.ui.theme) prevRain = null;
    if (ui.layers !== prev.ui.layers) {
      showLayers(ui.layers);
      if (ui.layers.rainShade !== prev.ui.layers.rainShade) prevRain = null;
    }
    if (
      store.picture.version !== prev.picture.version ||
      ui.selected !== prev.ui.selected ||
      ui.language !== prev.ui.language ||
      ui.theme !== prev.ui.theme ||
      ui.layers !== prev.ui.layers
    ) {
      render(store);
    }
    if (ui.focus && ui.focus !== prev.ui.focus) {
      map.flyTo(project(ui.focus.lat, ui.focus.lng), ui.focus.zoom, { duration: 0.6 });
    }
    if (
      store.connection.status !== prev.connection.status ||
      ui.reporting !== prev.ui.reporting ||
      ui.theme !== prev.ui.theme
    ) {
      markContainer(store);
      markLabels(true);
    }
  });

  return () => {
    if (catchUp !== null) cancelAnimationFrame(catchUp);
    unsubscribe();
    resizes?.disconnect();
    for (const group of [...Object.values(groups), countdowns.group]) map.removeLayer(group);
    map.off(handlers);
  };
}
