import { Type, type Static } from '@sinclair/typebox';
import { ProvenanceSchema } from '../model/assets.js';
import {
  AssetKindSchema,
  IncidentKindSchema,
  IncidentStatusSchema,
  SpecialtySchema,
} from '../model/vocabulary.js';

/**
 * `GET /api/v1/state.geojson`: the picture as an RFC 7946 FeatureCollection (WGS-84,
 * `[lng, lat]`), for any GIS. Every feature has `properties.kind`, `.id`, `.name` and `.status`.
 */

const Position = Type.Array(Type.Number(), {
  minItems: 2,
  maxItems: 3,
  description: '[longitude, latitude] in WGS-84',
});
const Ring = Type.Array(Position, { minItems: 4, description: 'a closed linear ring' });

export const PointSchema = Type.Object({ type: Type.Literal('Point'), coordinates: Position });
export const PolygonSchema = Type.Object({
  type: Type.Literal('Polygon'),
  coordinates: Type.Array(Ring),
});
export const MultiPolygonSchema = Type.Object({
  type: Type.Literal('MultiPolygon'),
  coordinates: Type.Array(Type.Array(Ring)),
});

const Iso = Type.String({ description: 'ISO-8601 time, +08:00' });

/** An asset of the catalogue with what the map shows of it now. */
export const AssetFeaturePropertiesSchema = Type.Object({
  kind: AssetKindSchema,
  id: Type.String(),
  name: Type.String(),
  status: Type.String({
    description:
      'units: their duty (standby, assigned, en-route, …); pumps: stopped / running / fault; ' +
      'gates: open / closed; underpasses: open / closed; sensors: the worst open alarm ' +
      '(blue … red), else stale or normal',
  }),
  nameEn: Type.String(),
  jiezhen: Type.Union([Type.String(), Type.Null()], { description: 'GB/T 2260 code of its 街镇' }),
  specialty: Type.Optional(SpecialtySchema),
  incidentId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  lastValue: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  lastAt: Type.Optional(Type.Union([Iso, Type.Null()])),
  stale: Type.Optional(Type.Boolean()),
  depth: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'cm' })),
});

/** An incident that is not resolved. */
export const IncidentFeaturePropertiesSchema = Type.Object({
  kind: Type.Literal('incident'),
  id: Type.String(),
  name: Type.String({ description: 'its description, or its kind' }),
  status: IncidentStatusSchema,
  incidentKind: IncidentKindSchema,
  pointId: Type.Union([Type.String(), Type.Null()]),
  squadIds: Type.Array(Type.String()),
  reportedAt: Iso,
});

/** One of the district's key areas (重点区域), watched during a typhoon. */
export const KeyAreaFeaturePropertiesSchema = Type.Object({
  kind: Type.Literal('key-area'),
  id: Type.String(),
  name: Type.String(),
  status: Type.Literal('watch'),
  nameEn: Type.Optional(Type.String()),
  provenance: Type.Optional(ProvenanceSchema),
});

export const AssetFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: PointSchema,
  properties: AssetFeaturePropertiesSchema,
});
export const IncidentFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: PointSchema,
  properties: IncidentFeaturePropertiesSchema,
});
export const KeyAreaFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Optional(Type.String()),
  geometry: Type.Union([PolygonSchema, MultiPolygonSchema]),
  properties: KeyAreaFeaturePropertiesSchema,
});

export const PictureFeatureSchema = Type.Union([
  AssetFeatureSchema,
  IncidentFeatureSchema,
  KeyAreaFeatureSchema,
]);
export type PictureFeature = Static<typeof PictureFeatureSchema>;
export type AssetFeature = Static<typeof AssetFeatureSchema>;
export type IncidentFeature = Static<typeof IncidentFeatureSchema>;
export type KeyAreaFeature = Static<typeof KeyAreaFeatureSchema>;

export const PictureFeatureCollectionSchema = Type.Object(
  { type: Type.Literal('FeatureCollection'), features: Type.Array(PictureFeatureSchema) },
  { description: 'Every asset, every open incident and the key areas (RFC 7946)' },
);
export type PictureFeatureCollection = Static<typeof PictureFeatureCollectionSchema>;
