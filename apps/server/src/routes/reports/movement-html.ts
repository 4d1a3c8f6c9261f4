import { MATERIAL_TYPES, MATERIAL_TYPE_NAMES, type MovementReport } from '@floodnet/domain';
import { escape, minutes, table, time } from './html.js';

/** The report's part on travel, materials and check-ins (issue 12), as HTML sections. */
export function movementSections(movement: MovementReport): string[] {
  return [
    `<h2>出动时间 <span>Travel: assigned → on scene (mean ${minutes(movement.meanTravelMinutes)} min)</span></h2>`,
    table(
      ['队伍 Squad', '事件 Incident', '派遣 Assigned', '到场 On scene', '分钟 Minutes'],
      movement.travel.map((trip) => [
        escape(trip.squadId),
        escape(trip.incidentId),
        time(trip.assignedAt),
        time(trip.onSceneAt),
        minutes(trip.minutes),
      ]),
      '无出动 No trips',
    ),
    `<h2>物资消耗 <span>Materials used per incident</span></h2>`,
    table(
      ['事件 Incident', '消耗 Used'],
      movement.materialsUsed.map((row) => [
        escape(row.incidentId),
        escape(
          MATERIAL_TYPE_NAMES.filter((type) => row.used[type])
            .map(
              (type) =>
                `${row.used[type]} ${MATERIAL_TYPES[type].unitZh}${MATERIAL_TYPES[type].name}`,
            )
            .join('、'),
        ),
      ]),
      '无物资消耗 No materials used',
    ),
    `<h2>报平安超时 <span>Check-ins missed</span></h2>`,
    table(
      ['队伍 Squad', '告警 Alert', '时间 Raised', '严重 Critical'],
      movement.checkInsMissed.map((miss) => [
        escape(miss.squadId),
        escape(miss.alertId),
        time(miss.raisedAt),
        miss.critical ? '是 yes' : '否 no',
      ]),
      '无超时 None missed',
    ),
  ];
}
