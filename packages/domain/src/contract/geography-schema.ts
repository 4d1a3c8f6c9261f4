import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { MultiPolygonSchema, PolygonSchema } from './geojson-schema.js';

/**
 * `GET /api/v1/geography`: the base map, the same content as `fixtures/xuhui/*.geojson`
 * (WGS-84, `[lng, lat]`). Properties beyond those named (sources, provenance) are kept.
 */

const LineStringSchema = Type.Object({
  type: Type.Literal('LineString'),
  coordinates: Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 3 }), {
    minItems: 2,
  }),
});
const Area = Type.Union([PolygonSchema, MultiPolygonSchema]);

const NamedPropertiesSchema = Type.Object(
  { id: Type.Optional(Type.String()), name: Type.String(), nameEn: Type.String() },
  { additionalProperties: true },
);
const JiezhenPropertiesSchema = Type.Object(
  {
    code: Type.String({ description: 'GB/T 2260 code' }),
    name: Type.String(),
    nameEn: Type.String(),
    labelLat: Type.Number(),
    labelLng: Type.Number(),
  },
  { additionalProperties: true },
);

function feature<G extends TSchema, P extends TSchema>(geometry: G, properties: P) {
  return Type.Object({
    type: Type.Literal('Feature'),
    id: Type.Optional(Type.String()),
    geometry,
    properties,
  });
}
function layer<F extends TSchema>(features: F, description: string) {
  return Type.Object(
    { type: Type.Literal('FeatureCollection'), features: Type.Array(features) },
    { description },
  );
}

export const GeographySchema = Type.Object(
  {
    district: feature(Area, NamedPropertiesSchema),
    jiezhen: layer(feature(Area, JiezhenPropertiesSchema), 'the 13 街镇 (subdistricts and towns)'),
    huangpu: layer(
      feature(
        Type.Union([PolygonSchema, MultiPolygonSchema, LineStringSchema]),
        NamedPropertiesSchema,
      ),
      'the Huangpu river: its water, and the line of its frontage',
    ),
    keyAreas: layer(feature(Area, NamedPropertiesSchema), 'the key areas (重点区域)'),
  },
  { description: 'The base map: the district, its 街镇, the Huangpu and the key areas' },
);
export type GeographyJson = Static<typeof GeographySchema>;
