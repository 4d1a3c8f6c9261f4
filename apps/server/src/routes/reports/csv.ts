import { toShanghaiIso } from '@floodnet/domain';
import type { ReportAnswer } from './schemas.js';

const time = (ms: number | null) => (ms === null ? '' : toShanghaiIso(ms));

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (values: (string | number | null)[]) => values.map(cell).join(',');

/**
 * The report as CSV: the incidents table, then the alarms and the hourly utilisation, each with
 * its own header row, separated by a blank line. Times in Asia/Shanghai. A byte-order mark leads,
 * so spreadsheet programs read the Chinese names as UTF-8.
 */
export function reportCsv({ report }: ReportAnswer): string {
  const lines = [
    row([
      'incident_id',
      'kind',
      'point_id',
      'reported_at',
      'assigned_at',
      'on_scene_at',
      'resolved_at',
      'minutes_to_assign',
    ]),
    ...report.incidents.map((incident) =>
      row([
        incident.id,
        incident.kind,
        incident.pointId,
        time(incident.reportedAt),
        time(incident.assignedAt),
        time(incident.onSceneAt),
        time(incident.resolvedAt),
        incident.minutesToAssign === null ? null : Math.round(incident.minutesToAssign * 10) / 10,
      ]),
    ),
    '',
    row([
      'alarm_id',
      'kind',
      'subject_id',
      'severity',
      'raised_at',
      'acknowledged_at',
      'minutes_to_acknowledge',
    ]),
    ...report.alarms.map((alarm) =>
      row([
        alarm.id,
        alarm.kind,
        alarm.subjectId,
        alarm.severity,
        time(alarm.raisedAt),
        time(alarm.acknowledgedAt),
        alarm.minutesToAcknowledge === null
          ? null
          : Math.round(alarm.minutesToAcknowledge * 10) / 10,
      ]),
    ),
    '',
    row(['hour_start', 'busy_unit_hours', 'share_busy']),
    ...report.utilisation.map((hour) =>
      row([time(hour.hourStart), hour.busyUnitHours, hour.share]),
    ),
  ];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
