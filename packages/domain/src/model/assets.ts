import {
  Type,
  type Static,
  type TInteger,
  type TLiteral,
  type TProperties,
  type TUnion,
} from '@sinclair/typebox';
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

const jiezhenCode = Type.String({ pattern: '^310104\\d{3}$' });

const common = {
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 80 }),
  name: Type.String({ minLength: 1 }),
  nameEn: Type.String({ minLength: 1 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  /** GB/T 2260 code of the 街镇 the asset lies in; null outside the district. */
  jiezhen: Type.Union([jiezhenCode, Type.Null()]),
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
/**
 * The materials stores hold, with their units. Configuration, not law: a district adds a type
 * here and in its fixtures. `reserve` is the default level below which a store's stock of that
 * type counts as low (plausible, not from a published norm).
 */
export const MATERIAL_TYPES = {
  sandbags: { unit: 'bag', unitZh: '袋', name: '沙袋', nameEn: 'Sandbags', reserve: 500 },
  'mobile-pumps': { unit: 'set', unitZh: '台', name: '移动泵', nameEn: 'Mobile pumps', reserve: 2 },
  'generator-sets': {
    unit: 'set',
    unitZh: '台',
    name: '发电机组',
    nameEn: 'Generator sets',
    reserve: 1,
  },
  'water-barriers': {
    unit: 'm',
    unitZh: '米',
    name: '挡水板',
    nameEn: 'Water barriers',
    reserve: 50,
  },
  'life-jackets': {
    unit: 'piece',
    unitZh: '件',
    name: '救生衣',
    nameEn: 'Life jackets',
    reserve: 20,
  },
  boats: { unit: 'boat', unitZh: '艘', name: '冲锋舟', nameEn: 'Assault boats', reserve: 1 },
  tarpaulins: { unit: 'sheet', unitZh: '块', name: '防雨篷布', nameEn: 'Tarpaulins', reserve: 20 },
} as const satisfies Record<
  string,
  { unit: string; unitZh: string; name: string; nameEn: string; reserve: number }
>;
export type MaterialType = keyof typeof MATERIAL_TYPES;
export const MATERIAL_TYPE_NAMES = Object.keys(MATERIAL_TYPES) as MaterialType[];
export const MaterialTypeSchema = Type.Union(
  MATERIAL_TYPE_NAMES.map((type) => Type.Literal(type)),
) as unknown as TUnion<TLiteral<MaterialType>[]>;

/** What a store holds: every material type with its quantity in the type's unit. */
export const StockSchema = Type.Object(
  Object.fromEntries(
    MATERIAL_TYPE_NAMES.map((type) => [type, Type.Integer({ minimum: 0 })]),
  ) as Record<MaterialType, TInteger>,
);
export type Stock = Static<typeof StockSchema>;

export const WarehouseSchema = assetOf('warehouse', { stock: StockSchema });
export const VehicleStagingSchema = assetOf('vehicle-staging', { stock: StockSchema });

const assetId = common.id;

/** A squad's or team's vehicle, parked at its home store or staging point (`homeId`). */
function vehicleOf<T extends string, P extends TProperties>(vehicleType: T, extra: P) {
  return assetOf('vehicle', {
    vehicleType: Type.Literal(vehicleType) as TLiteral<T>,
    squadId: assetId,
    homeId: assetId,
    /** A Shanghai plate: 沪, a letter for the issuing office, then five or six characters. */
    plate: Type.String({ pattern: '^沪[A-HJ-NP-Z][A-HJ-NP-Z0-9]{5,6}$' }),
    ...extra,
  });
}
export const VehicleSchema = Type.Union([
  vehicleOf('pump-truck', { pumpM3h: Type.Number({ exclusiveMinimum: 0 }) }),
  vehicleOf('generator-truck', { powerKw: Type.Number({ exclusiveMinimum: 0 }) }),
  vehicleOf('cargo-truck', { payloadT: Type.Number({ exclusiveMinimum: 0 }) }),
  vehicleOf('command-vehicle', {}),
  vehicleOf('utility-van', {}),
  vehicleOf('bus', { seats: Type.Integer({ minimum: 1 }) }),
  vehicleOf('boat', { seats: Type.Integer({ minimum: 1 }) }),
]);
export type Vehicle = Static<typeof VehicleSchema>;
export type VehicleType = Vehicle['vehicleType'];

/** One of the 256 compounds on the property managers' network, always inside a 街镇. */
export const ResidentialCompoundSchema = Type.Object({
  ...common,
  kind: Type.Literal('residential-compound'),
  jiezhen: jiezhenCode,
  households: Type.Integer({ minimum: 1 }),
  /** 低洼小区: watched first in a storm. */
  lowLying: Type.Boolean(),
  undergroundGarage: Type.Boolean(),
  /** The property-management company. */
  manager: Type.String({ minLength: 1 }),
});
export type ResidentialCompound = Static<typeof ResidentialCompoundSchema>;

/** A weak spot inspected in rounds (隐患排查). */
function hazardOf<T extends string, P extends TProperties>(siteType: T, extra: P) {
  return assetOf('hazard-site', { siteType: Type.Literal(siteType) as TLiteral<T>, ...extra });
}
export const HazardSiteSchema = Type.Union([
  hazardOf('construction-site', { workforce: Type.Integer({ minimum: 0 }) }),
  hazardOf('embankment', {
    river: Type.String({ minLength: 1 }),
    lengthM: Type.Number({ minimum: 1 }),
  }),
  hazardOf('underground-space', {}),
  hazardOf('low-lying-area', {}),
  hazardOf('underpass-approach', {}),
]);
export type HazardSite = Static<typeof HazardSiteSchema>;
export type HazardSiteType = HazardSite['siteType'];

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
  VehicleSchema,
  ResidentialCompoundSchema,
  HazardSiteSchema,
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
    case 'vehicle':
    case 'residential-compound':
    case 'hazard-site':
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
