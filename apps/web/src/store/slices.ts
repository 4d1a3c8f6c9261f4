import type { EventEnvelope, IncidentKind, LatLng, Role, State } from '@floodnet/domain';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import type { Language } from '../i18n/translate';

/** Who is signed in. Kept in localStorage so a wall screen survives a reload. */
export interface Session {
  token: string;
  role: Role;
  username: string;
}
export interface SessionSlice {
  session: Session | null;
}

export type ConnectionStatus = 'live' | 'reconnecting' | 'offline';
export interface ConnectionSlice {
  connection: {
    status: ConnectionStatus;
    /** Wall time (epoch ms) when the last batch arrived: what "data as of" shows. */
    lastEventAt: number | null;
    /** The last sequence number applied, as of the last notification. */
    lastSeq: number;
  };
}

/**
 * The picture, folded in place by `evolve`; `version` is bumped (once per animation frame) when it
 * changed, so subscribers compare versions instead of the state object.
 */
export interface PictureSlice {
  picture: {
    stream: string;
    state: State | null;
    version: number;
    /** The latest events other than readings, newest first (at most FEED_LIMIT). */
    feed: EventEnvelope[];
    /**
     * The assets the events folded since the previous version touched (a reading's sensor, an
     * alert's subject, a tracker's unit), so the map redraws just those; null when anything may
     * have changed (a snapshot, or an event of another kind).
     */
    touched: ReadonlySet<string> | null;
  };
}

export type JiezhenProperties = {
  code: string;
  name: string;
  nameEn: string;
  labelLat: number;
  labelLng: number;
};
export type NamedProperties = { id?: string; name: string; nameEn: string };

/** The base map (GET /api/v1/geography): the same content as fixtures/xuhui/*.geojson. */
export interface Geography {
  district: Feature<Polygon | MultiPolygon, NamedProperties> | FeatureCollection;
  jiezhen: FeatureCollection<Polygon | MultiPolygon, JiezhenProperties>;
  /** The river's water (polygons) and the line of its frontage. */
  huangpu: FeatureCollection<Polygon | MultiPolygon | LineString, NamedProperties>;
  keyAreas: FeatureCollection<Polygon | MultiPolygon, NamedProperties>;
}
export interface ServerConfig {
  tiles: string | null;
  sim: boolean;
}
export interface GeoSlice {
  geography: Geography | null;
  serverConfig: ServerConfig | null;
}

/** A drill as the server lists it (`GET /api/v1/drills`); times are epoch ms. */
export interface DrillInfo {
  id: string;
  stream: string;
  name: string;
  source: string;
  /** A recording replays and takes no commands; a fork takes the trainees' commands. */
  kind: 'recording' | 'fork';
  createdAt: number | null;
  /** The drill this one was forked from, and the time it was forked at. */
  parentId: string | null;
  forkAt: number | null;
  /** The event-time range of the recording, when known. */
  from: number | null;
  to: number | null;
}

/** The drill's own clock as last heard from the server, and the wall time it was heard. */
export interface DrillClock {
  at: number;
  speed: number;
  playing: boolean;
  heardAt: number;
}

export type DrillDialog = 'none' | 'drills' | 'report';

export interface DrillSlice {
  drills: {
    /** The stream the screen asks the server for: `live` or `drill:<id>`. */
    following: string;
    /** The followed drill, once the server has described it (null on `live`). */
    current: DrillInfo | null;
    clock: DrillClock | null;
    dialog: DrillDialog;
  };
}

export const LAYER_KEYS = [
  'rainShade',
  'units',
  'incidents',
  'points',
  'underpasses',
  'waterworks',
  'gates',
  'gauges',
  'shelters',
  'logistics',
  'compounds',
  'typhoon',
  'vehicles',
] as const;
export type LayerKey = (typeof LAYER_KEYS)[number];

export interface IncidentDraft {
  location: LatLng;
  pointId: string | null;
  kind: IncidentKind | null;
}

export type Selection = { kind: 'alert' | 'incident' | 'asset'; id: string };
export type PanelTab =
  'alarms' | 'incidents' | 'roster' | 'feed' | 'plans' | 'evacuation' | 'materials' | 'notices';
export type Theme = 'dark' | 'light';

export interface UiSlice {
  ui: {
    selected: Selection | null;
    layers: Record<LayerKey, boolean>;
    language: Language;
    theme: Theme;
    /** True while the stream is a drill (`drill:*`): the screen must not look like the real night. */
    drill: boolean;
    tab: PanelTab;
    /** Audible chime for new red alarms; off by default. */
    chime: boolean;
    /** Waiting for a map click to place a new incident. */
    reporting: boolean;
    /** The incident being reported: where (WGS-84), and what it is about when known. */
    draft: IncidentDraft | null;
    /** A one-line message for the user (e.g. why a keyboard acknowledgement failed). */
    notice: string | null;
    /** A request to move the map; `n` changes each time so the same place can be asked twice. */
    focus: { lat: number; lng: number; zoom: number; n: number } | null;
    adminOpen: boolean;
  };
}

export type Store = SessionSlice & ConnectionSlice & PictureSlice & GeoSlice & UiSlice & DrillSlice;

export const FEED_LIMIT = 200;
