import { Type, type Static, type TLiteral, type TProperties } from '@sinclair/typebox';
import { SpecialtySchema } from './vocabulary.js';

/** Where a record comes from: a public source, or a realistic placement that is not real. */
export const ProvenanceSchema = Type.Union([
  Type.Object({ kind: Type.Literal('sourced'), source: Type.String({ minLength: 1 }) }),
  Type.Object({ kind: Type.Literal('plausible'), note: Type.Optional(Type.String()) }),
]);
export type Provenance = Static<typeof ProvenanceSchema>;

export const LatLngSchema = Type.Object({
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
});
export type LatLng = Static<typeof LatLngSchema>;

const common = {
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 80 }),
  name: Type.String({ minLength: 1 }),
  nameEn: Type.String({ minLength: 1 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  /** GB/T 2260 code of the 街镇 the asset lies in; null outside the district. */
  jiezhen: Type.Union([Type.String({ pattern: '^310104\\d{3}$' }), Type.Null()]),
  provenance: ProvenanceSchema,
};

function assetOf<K extends string, P extends TProperties>(kind: K, extra: P) {
  return Type.Object({ ...common, kind: Type.Literal(kind) as TLiteral<K>, ...extra });
}

const intervalSec = Type.Integer({ minimum: 1, maximum: 86_400 });

export const SubdistrictTeamSchema = assetOf('subdistrict-team', {
  specialty: Type.Literal('general'),
  members: Type.Integer({ minimum: 1 }),
});
export const SpecialistSquadSchema = assetOf('specialist-squad', {
  specialty: SpecialtySchema,
  members: Type.Integer({ minimum: 1 }),
});
export const PumpStationSchema = assetOf('pump-station', {
  capacityM3s: Type.Number({ minimum: 0 }),
  river: Type.String(),
  hasPump: Type.Boolean(),
});
export const SluiceSchema = assetOf('sluice', {
  capacityM3s: Type.Number({ minimum: 0 }),
  river: Type.String(),
  hasPump: Type.Boolean(),
});
export const TideGateSchema = assetOf('tide-gate', {
  gateType: Type.Union([Type.Literal('gate'), Type.Literal('well')]),
});
export const WaterloggingPointSchema = assetOf('waterlogging-point', {
  thresholdCm: Type.Number({ minimum: 0 }),
  intervalSec,
});
export const UnderpassSchema = assetOf('underpass', {
  closeAtCm: Type.Number({ minimum: 0 }),
  intervalSec,
});
export const ResettlementSiteSchema = assetOf('resettlement-site', {
  capacity: Type.Integer({ minimum: 1 }),
  siteType: Type.Union([
    Type.Literal('school'),
    Type.Literal('community-centre'),
    Type.Literal('gym'),
    Type.Literal('other'),
  ]),
});
export const RainGaugeSchema = assetOf('rain-gauge', { intervalSec });
export const WaterLevelGaugeSchema = assetOf('water-level-gauge', {
  intervalSec,
  river: Type.String(),
  warningLevelM: Type.Number(),
  tideStation: Type.Boolean(),
});
export const WarehouseSchema = assetOf('warehouse', {});
export const VehicleStagingSchema = assetOf('vehicle-staging', {});

// Same shape as the fixtures branch's schema (which owns it); kept identical so the merge is one.
/** One of the 256 compounds on the property managers' network, always inside a 街镇. */
export const ResidentialCompoundSchema = Type.Object({
  ...common,
  kind: Type.Literal('residential-compound'),
  jiezhen: Type.String({ pattern: '^310104\\d{3}$' }),
  households: Type.Integer({ minimum: 1 }),
  /** 低洼小区: watched first in a storm. */
  lowLying: Type.Boolean(),
  undergroundGarage: Type.Boolean(),
  /** The property-management company. */
  manager: Type.String({ minLength: 1 }),
});
export type ResidentialCompound = Static<typeof ResidentialCompoundSchema>;

export const AssetSchema = Type.Union([
  SubdistrictTeamSchema,
  SpecialistSquadSchema,
  PumpStationSchema,
  SluiceSchema,
  TideGateSchema,
  WaterloggingPointSchema,
  UnderpassSchema,
  ResettlementSiteSchema,
  RainGaugeSchema,
  WaterLevelGaugeSchema,
  WarehouseSchema,
  VehicleStagingSchema,
  ResidentialCompoundSchema,
]);
export type Asset = Static<typeof AssetSchema>;
export type SubdistrictTeam = Static<typeof SubdistrictTeamSchema>;
export type SpecialistSquad = Static<typeof SpecialistSquadSchema>;
export type WaterLevelGauge = Static<typeof WaterLevelGaugeSchema>;

/** Teams and squads are the units a commander dispatches. */
export type DispatchUnit = SubdistrictTeam | SpecialistSquad;
export function isDispatchUnit(asset: Asset): asset is DispatchUnit {
  return asset.kind === 'subdistrict-team' || asset.kind === 'specialist-squad';
}

/** What a sensor measures, which decides how its readings are read. */
export type SensorKind = 'rain' | 'level' | 'depth' | 'pump' | 'gate';

/**
 * The sensor behind an asset, if any. Gauges, waterlogging points and underpasses report
 * measurements; pump stations, sluices and tide gates report their state as a coded value
 * (pumps 0 stopped / 1 running / 2 fault; gates 0 open / 1 closed).
 */
export function sensorKindOf(asset: Asset): SensorKind | null {
  switch (asset.kind) {
    case 'rain-gauge':
      return 'rain';
    case 'water-level-gauge':
      return 'level';
    case 'waterlogging-point':
    case 'underpass':
      return 'depth';
    case 'pump-station':
    case 'sluice':
      return 'pump';
    case 'tide-gate':
      return 'gate';
    case 'subdistrict-team':
    case 'specialist-squad':
    case 'resettlement-site':
    case 'warehouse':
    case 'vehicle-staging':
    case 'residential-compound':
      return null;
    default:
      return assertNever(asset);
  }
}

/** Default reporting interval for state sensors that have none in the catalogue. */
export const STATE_SENSOR_INTERVAL_SEC = 600;

export function sensorIntervalSec(asset: Asset): number {
  return 'intervalSec' in asset ? asset.intervalSec : STATE_SENSOR_INTERVAL_SEC;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
