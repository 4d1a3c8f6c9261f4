import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';

/** A TypeBox union of string literals, plus the same values as a readonly array. */
function literalUnion<const T extends readonly string[]>(values: T) {
  return Type.Union(values.map((value) => Type.Literal(value))) as unknown as TUnion<
    TLiteral<T[number]>[]
  >;
}

export const ASSET_KINDS = [
  'subdistrict-team',
  'specialist-squad',
  'pump-station',
  'tide-gate',
  'sluice',
  'waterlogging-point',
  'underpass',
  'resettlement-site',
  'rain-gauge',
  'water-level-gauge',
  'warehouse',
  'vehicle-staging',
  'vehicle',
  'residential-compound',
  'hazard-site',
  'key-area',
] as const;
export const AssetKindSchema = literalUnion(ASSET_KINDS);
export type AssetKind = Static<typeof AssetKindSchema>;

/** The 16 specialist squads each own one specialty; subdistrict teams are `general`. */
export const SPECIALTIES = [
  'general',
  'pump-truck',
  'tree-clearance',
  'power-repair',
  'underground-space',
  'drainage',
  'embankment',
  'water-rescue',
  'road-traffic',
  'construction-site',
  'gas-utility',
  'communications',
  'medical',
  'tide-gate',
  'evacuation',
  'materials-transport',
  'building-safety',
] as const;
export const SpecialtySchema = literalUnion(SPECIALTIES);
export type Specialty = Static<typeof SpecialtySchema>;

/** standby → assigned → en-route → on-scene → returning → standby, plus unavailable. */
export const SQUAD_STATUSES = [
  'standby',
  'assigned',
  'en-route',
  'on-scene',
  'returning',
  'unavailable',
] as const;
export const SquadStatusSchema = literalUnion(SQUAD_STATUSES);
export type SquadStatus = Static<typeof SquadStatusSchema>;

export const INCIDENT_STATUSES = ['open', 'assigned', 'resolved'] as const;
export const IncidentStatusSchema = literalUnion(INCIDENT_STATUSES);
export type IncidentStatus = Static<typeof IncidentStatusSchema>;

export const INCIDENT_KINDS = [
  'waterlogging',
  'underpass-flooded',
  'underground-space',
  'tree-down',
  'power-outage',
  'pump-fault',
  'embankment',
  'construction-site',
  'evacuation',
  'other',
] as const;
export const IncidentKindSchema = literalUnion(INCIDENT_KINDS);
export type IncidentKind = Static<typeof IncidentKindSchema>;

/** The national warning colours, in rising order. */
export const SEVERITIES = ['blue', 'yellow', 'orange', 'red'] as const;
export const SeveritySchema = literalUnion(SEVERITIES);
export type Severity = Static<typeof SeveritySchema>;

/** Emergency response levels, IV the lowest and I the highest. */
export const RESPONSE_LEVELS = ['IV', 'III', 'II', 'I'] as const;
export const ResponseLevelSchema = literalUnion(RESPONSE_LEVELS);
export type ResponseLevel = Static<typeof ResponseLevelSchema>;

/** `compound` (a property manager) and `squad` (a squad leader) act only for their own unit. */
export const ROLES = ['viewer', 'duty', 'commander', 'admin', 'compound', 'squad'] as const;
export const RoleSchema = literalUnion(ROLES);
export type Role = Static<typeof RoleSchema>;

/** Who issued a command: a person with a role, a gauge network (`source`), or floodnet itself. */
export const ACTOR_ROLES = [...ROLES, 'source', 'system'] as const;
export const ActorRoleSchema = literalUnion(ACTOR_ROLES);
export type ActorRole = Static<typeof ActorRoleSchema>;

export const ALERT_KINDS = [
  'rainstorm',
  'tide',
  'water-level',
  'waterlogging',
  'underpass-closure',
  'pump-fault',
  'sensor-stale',
  'task-overdue',
  'compound-report',
  'notice-overdue',
  'low-stock',
  'check-in',
  'forecast',
  'trend',
] as const;
export const AlertKindSchema = literalUnion(ALERT_KINDS);
export type AlertKind = Static<typeof AlertKindSchema>;

/** Warning signals in force district-wide. */
export const SIGNAL_KINDS = ['rainstorm', 'tide', 'typhoon'] as const;
export const SignalKindSchema = literalUnion(SIGNAL_KINDS);
export type SignalKind = Static<typeof SignalKindSchema>;

export const PUMP_STATUSES = ['stopped', 'running', 'fault'] as const;
export type PumpStatus = (typeof PUMP_STATUSES)[number];
export const GATE_STATUSES = ['open', 'closed'] as const;
export type GateStatus = (typeof GATE_STATUSES)[number];

export function severityRank(severity: Severity | null): number {
  return severity === null ? -1 : SEVERITIES.indexOf(severity);
}

export function maxSeverity(a: Severity | null, b: Severity | null): Severity | null {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/**
 * Official warnings floodnet takes in (issued elsewhere, never computed here): typhoon and
 * rainstorm signals from 上海中心气象台, high-tide signals from the flood-control information
 * centre, and the city-wide flood-control warning from 市防汛指挥部 (DOMAIN.md, "Water and rain").
 */
export const WARNING_KINDS = ['typhoon', 'rainstorm', 'high-tide', 'flood-control'] as const;
export const WarningKindSchema = literalUnion(WARNING_KINDS);
export type WarningKind = Static<typeof WarningKindSchema>;
