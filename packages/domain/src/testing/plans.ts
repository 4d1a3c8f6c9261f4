import type { Asset } from '../model/assets.js';
import type { Command } from '../model/commands.js';
import type { Actor, DomainEvent } from '../model/events.js';
import { initialState, type State } from '../model/state.js';
import { decide } from '../decide.js';
import { testCatalogue } from './catalogue.js';
import { foldOrThrow, system, T0 } from './given.js';
import type { Plan } from '../areas/plans/schema.js';

const plausible = { kind: 'plausible', note: 'test plans' } as const;

/** A small graded plan and one key-area plan over the test catalogue. */
export const testPlans: Plan[] = [
  {
    id: 'graded-iv',
    kind: 'graded',
    level: 'IV',
    name: 'Ⅳ级',
    nameEn: 'Level IV',
    provenance: plausible,
    tasks: [
      {
        id: 'duty-roster',
        title: '落实值班',
        titleEn: 'Duty roster',
        assignee: { select: 'jiezhen-teams' },
        dueMinutes: 30,
        provenance: plausible,
      },
      {
        id: 'inspect-construction',
        title: '巡查工地',
        titleEn: 'Inspect construction sites',
        assignee: { select: 'jiezhen-teams' },
        dueMinutes: 120,
        inspect: { siteTypes: ['construction-site'] },
        provenance: plausible,
      },
    ],
  },
  {
    id: 'graded-iii',
    kind: 'graded',
    level: 'III',
    name: 'Ⅲ级',
    nameEn: 'Level III',
    provenance: plausible,
    tasks: [
      {
        id: 'preposition-pumps',
        title: '泵车前置',
        titleEn: 'Pump trucks forward',
        assignee: { select: 'squads', specialties: ['pump-truck'] },
        dueMinutes: 60,
        provenance: plausible,
      },
    ],
  },
  ...(['II', 'I'] as const).map((level): Plan => ({
    id: `graded-${level.toLowerCase()}`,
    kind: 'graded',
    level,
    name: `${level}级`,
    nameEn: `Level ${level}`,
    provenance: plausible,
    tasks: [
      {
        id: 'trees',
        title: '树木加固',
        titleEn: 'Brace trees',
        assignee: { unit: 'squad-tree-clearance' },
        dueMinutes: 45,
        provenance: plausible,
      },
    ],
  })),
  {
    id: 'key-riverside',
    kind: 'key-area',
    keyAreaId: 'key-riverside',
    name: '滨江',
    nameEn: 'Riverside',
    centre: { lat: 31.16, lng: 121.458 },
    provenance: plausible,
    triggers: [{ tideAtLeastM: 4.55 }, { level: 'II' }],
    tasks: [
      {
        id: 'riverside-clear',
        title: '滨江清场',
        titleEn: 'Clear the riverside',
        assignee: { unit: 'team-huajing' },
        dueMinutes: 60,
        provenance: plausible,
      },
    ],
  },
];

export const registerTestPlans: Command = { type: 'registerPlans', version: 1, plans: testPlans };

/**
 * More resettlement sites and a weak spot, beside the test catalogue (the weak spot last: until the
 * `hazard-site` kind is in the catalogue schema, folding it ends the registration).
 */
export const extraAssets = [
  {
    id: 'shelter-near',
    kind: 'resettlement-site',
    siteType: 'school',
    capacity: 100,
    name: '近的学校',
    nameEn: 'Near school',
    lat: 31.206,
    lng: 121.438,
    jiezhen: '310104003',
    provenance: plausible,
  },
  {
    id: 'shelter-far',
    kind: 'resettlement-site',
    siteType: 'gym',
    capacity: 1000,
    name: '远的体育馆',
    nameEn: 'Far gym',
    lat: 31.13,
    lng: 121.45,
    jiezhen: '310104103',
    provenance: plausible,
  },
  {
    id: 'hz-site-tianping',
    kind: 'hazard-site',
    siteType: 'construction-site',
    workforce: 260,
    name: '天平路工地',
    nameEn: 'Tianping Road site',
    lat: 31.205,
    lng: 121.437,
    jiezhen: '310104003',
    provenance: plausible,
  },
] as const;

/** The test catalogue with the extra assets and the test plans registered, then `steps`. */
export function givenPlans(...steps: [Command, Actor, number?][]): State {
  const state = initialState();
  const assets = [...testCatalogue, ...extraAssets] as unknown as Asset[];
  foldOrThrow(state, decide({ type: 'registerAssets', assets }, state, { now: T0, actor: system }));
  foldOrThrow(state, decide(registerTestPlans, state, { now: T0, actor: system }));
  for (const [command, actor, now = T0] of steps)
    foldOrThrow(state, decide(command, state, { now, actor }));
  return state;
}

/** Runs one command on `state` in place and returns its events (failing on a refusal). */
export function run(state: State, command: Command, actor: Actor, now = T0): DomainEvent[] {
  return foldOrThrow(state, decide(command, state, { now, actor }));
}
