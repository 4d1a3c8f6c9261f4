import { no, yes, type Deciders } from '../../model/area.js';
import { typhoonRefusal } from '../../rules/plausibility.js';
import type { DomainEvent } from '../../model/events.js';
import { suggestionEvents, typhoonSignal } from './rules.js';

export const responseRoles = {
  reportTyphoonPosition: ['source', 'duty', 'commander', 'admin', 'system'],
  setResponseLevel: ['commander', 'admin'],
} as const;

export const responseDeciders: Deciders<'reportTyphoonPosition' | 'setResponseLevel'> = {
  reportTyphoonPosition(command, state, { now, config }) {
    const refused = typhoonRefusal(command, now, config.maxFutureSec);
    if (refused) return no(refused);
    const { name, lat, lng, windMs, pressureHpa } = command;
    const events: DomainEvent[] = [
      {
        type: 'typhoon.positionReported',
        at: command.at,
        data: { name, lat, lng, windMs, pressureHpa },
      },
    ];
    const level = typhoonSignal(command, config);
    if (level !== state.signals.typhoon) {
      events.push({ type: 'signal.changed', at: command.at, data: { kind: 'typhoon', level } });
      const after = { ...state, signals: { ...state.signals, typhoon: level } };
      events.push(...suggestionEvents(after, command.at, config));
    }
    return yes(events);
  },
  setResponseLevel(command, _state, { at, actor }) {
    return yes([{ type: 'responseLevel.changed', at, data: { level: command.level, by: actor } }]);
  },
};
