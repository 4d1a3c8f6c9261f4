import {
  MATERIAL_TYPES,
  MATERIAL_TYPE_NAMES,
  type EventOf,
  type Quantities,
} from '@floodnet/domain';
import type { Translate } from '../i18n/translate';

type MovementEvent = EventOf<
  | 'unit.positionReported'
  | 'materials.requested'
  | 'materials.dispatched'
  | 'materials.delivered'
  | 'materials.returned'
  | 'materials.usedUp'
  | 'squad.checkedIn'
>;

/** "200 袋沙袋, 20 米挡水板" in the current language's words. */
export function describeItems(items: Quantities, zh: boolean): string {
  return MATERIAL_TYPE_NAMES.filter((type) => items[type])
    .map((type) => {
      const info = MATERIAL_TYPES[type];
      return zh
        ? `${items[type]} ${info.unitZh}${info.name}`
        : `${items[type]} ${info.nameEn.toLowerCase()}`;
    })
    .join(zh ? '、' : ', ');
}

/** The feed's line for an event of squads on the move, materials or check-ins. */
export function describeMovement(
  event: MovementEvent,
  name: (id: string) => string,
  t: Translate,
): string {
  const zh = t('materials.tab') === '物资';
  switch (event.type) {
    case 'unit.positionReported':
      return t('feed.unit.positionReported', { name: name(event.data.unitId) });
    case 'materials.requested':
      return t('feed.materials.requested', {
        who: event.data.by.name,
        store: name(event.data.fromId),
        items: describeItems(event.data.items, zh),
      });
    case 'materials.dispatched':
      return t('feed.materials.dispatched', { id: event.data.requestId });
    case 'materials.delivered':
      return t('feed.materials.delivered', { id: event.data.requestId });
    case 'materials.returned':
      return t('feed.materials.returned', { id: event.data.requestId });
    case 'materials.usedUp':
      return t('feed.materials.usedUp', { id: event.data.requestId });
    case 'squad.checkedIn':
      return t('feed.squad.checkedIn', { squad: name(event.data.squadId) });
  }
}
