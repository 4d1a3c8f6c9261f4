import { toShanghaiIso, type ReportSummary } from '@floodnet/domain';
import { forecastSection } from './forecast-section.js';
import type { ReportAnswer } from './schemas.js';
import { movementSections } from './movement-html.js';
import { planSectionHtml } from './plans-html.js';

export const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** `07-25 14:00` in Asia/Shanghai, or a dash. */
export const time = (ms: number | null) =>
  ms === null ? '—' : toShanghaiIso(ms).slice(5, 16).replace('T', ' ');
/** `2021-07-25 14:00`, for the period and the print date. */
const day = (ms: number | null) =>
  ms === null ? '—' : toShanghaiIso(ms).slice(0, 16).replace('T', ' ');
export const minutes = (value: number | null) => (value === null ? '—' : value.toFixed(1));
const shown = (value: number | string | null) =>
  value === null ? '—' : typeof value === 'number' ? String(Math.round(value * 10) / 10) : value;

const METRICS: Record<keyof ReportSummary, string> = {
  incidents: '事件数 Incidents',
  meanMinutesToAssign: '平均派遣用时（分钟）Mean minutes to assign',
  worstMinutesToAssign: '最长派遣用时（分钟）Worst minutes to assign',
  openAtEnd: '结束时未处置事件 Incidents still open at the end',
  alarms: '告警数 Alarms',
  meanMinutesToAcknowledge: '平均确认用时（分钟）Mean minutes to acknowledge',
  unacknowledgedAtEnd: '结束时未确认告警 Alarms unacknowledged at the end',
  deepestWaterloggingCm: '最深积水（厘米）Deepest waterlogging (cm)',
  deepestAt: '最深积水点与时间 Where and when',
};

const INCIDENT_KINDS: Record<string, string> = {
  waterlogging: '积水',
  'underpass-flooded': '下立交积水',
  'underground-space': '地下空间',
  'tree-down': '树木倒伏',
  'power-outage': '停电',
  'pump-fault': '泵站故障',
  embankment: '堤防险情',
  'construction-site': '工地',
  evacuation: '人员转移',
  other: '其他',
};
const ALERT_KINDS: Record<string, string> = {
  rainstorm: '暴雨',
  tide: '高潮位',
  'water-level': '河道水位',
  waterlogging: '积水',
  'underpass-closure': '下立交封闭',
  'pump-fault': '泵站故障',
  'sensor-stale': '传感器失联',
  'low-stock': '物资不足',
  'check-in': '报平安超时',
};
const SEVERITIES: Record<string, string> = { blue: '蓝', yellow: '黄', orange: '橙', red: '红' };

const both = (labels: Record<string, string>, code: string) =>
  `${escape(labels[code] ?? code)} <small>${escape(code)}</small>`;

export function table(head: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${empty}</p>`;
  const th = head.map((cell) => `<th>${cell}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`);
  return `<table><thead><tr>${th}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

const STYLE = `
  body { font: 13px/1.45 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
    color: #1b2733; margin: 24px auto; max-width: 1100px; padding: 0 16px; }
  h1 { font-size: 22px; margin: 0 0 4px; } h1 span, h2 span { color: #5b6b7b; font-weight: 400; }
  h2 { font-size: 16px; margin: 24px 0 8px; border-bottom: 2px solid #1f5f99; padding-bottom: 3px; }
  .meta { color: #5b6b7b; margin: 0 0 8px; } .drill { color: #b35900; font-weight: 600; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  th, td { border: 1px solid #c8d2dc; padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #eef3f8; } small { color: #6b7b8b; }
  .bar { background: #1f5f99; height: 9px; display: inline-block; vertical-align: middle; }
  .empty { color: #6b7b8b; font-style: italic; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10.5px; }
    h2 { break-after: avoid; } tr { break-inside: avoid; } thead { display: table-header-group; }
    .bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    @page { size: A4; margin: 14mm 12mm; }
  }
`;

/**
 * The report as one printable page: no script, no outside file (styles inline), Chinese and
 * English headings, times in Asia/Shanghai (+08:00).
 */
export function reportHtml(answer: ReportAnswer, generatedAt: number): string {
  const { report, original, comparison } = answer;
  const drill = answer.stream.startsWith('drill:');
  const summaryRows = (Object.keys(METRICS) as (keyof ReportSummary)[]).map((key) => [
    METRICS[key],
    escape(shown(report.summary[key])),
  ]);
  const sections = [
    `<h2>概要 <span>Summary</span></h2>`,
    table(['指标 Measure', '数值 Value'], summaryRows, ''),
  ];
  if (comparison && original) {
    sections.push(
      `<h2>与原始记录对比 <span>Compared with the original</span></h2>`,
      `<p class="meta">原始 Original: ${escape(original.stream)} · 同一时段 same period</p>`,
      table(
        ['指标 Measure', '原始 Original', '演练 Fork'],
        comparison.map((row) => [
          METRICS[row.metric as keyof ReportSummary] ?? escape(row.metric),
          escape(shown(row.original)),
          escape(shown(row.fork)),
        ]),
        '',
      ),
    );
  }
  sections.push(
    `<h2>事件处置 <span>Incidents: reported → assigned → on scene → resolved</span></h2>`,
    table(
      [
        '编号 ID',
        '类型 Kind',
        '位置 Point',
        '报告 Reported',
        '派遣 Assigned',
        '到场 On scene',
        '处置完毕 Resolved',
        '派遣用时 Min. to assign',
      ],
      report.incidents.map((incident) => [
        escape(incident.id),
        both(INCIDENT_KINDS, incident.kind),
        escape(incident.pointId ?? '—'),
        time(incident.reportedAt),
        time(incident.assignedAt),
        time(incident.onSceneAt),
        time(incident.resolvedAt),
        minutes(incident.minutesToAssign),
      ]),
      '无事件 No incidents',
    ),
    `<h2>告警 <span>Alarms and time to acknowledge</span></h2>`,
    table(
      [
        '编号 ID',
        '类型 Kind',
        '对象 Subject',
        '等级 Level',
        '发出 Raised',
        '确认 Acknowledged',
        '确认用时 Min.',
      ],
      report.alarms.map((alarm) => [
        escape(alarm.id),
        both(ALERT_KINDS, alarm.kind),
        escape(alarm.subjectId),
        both(SEVERITIES, alarm.severity),
        time(alarm.raisedAt),
        time(alarm.acknowledgedAt),
        minutes(alarm.minutesToAcknowledge),
      ]),
      '无告警 No alarms',
    ),
    ...forecastSection(report.forecasts, { time, table }),
    `<h2>队伍利用率 <span>Squad utilisation by hour</span></h2>`,
    table(
      ['时段 Hour', '出勤队伍·小时 Busy unit-hours', '占比 Share busy'],
      report.utilisation.map((hour) => [
        time(hour.hourStart),
        hour.busyUnitHours.toFixed(2),
        `<span class="bar" style="width:${Math.round(hour.share * 200)}px"></span> ` +
          `${(hour.share * 100).toFixed(1)}%`,
      ]),
      '无数据 No data',
    ),
    ...movementSections(report.movement),
  );
  sections.push(...planSectionHtml(report.plans, { table, escape, time }));
  const title = `事后评估报告 After-action report · ${answer.stream}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>事后评估报告 <span>After-action report</span></h1>
<p class="meta">${drill ? '<span class="drill">演练 DRILL</span> · ' : ''}${escape(answer.stream)}
 · 时段 Period ${day(report.from)} – ${day(report.to)} (Asia/Shanghai, UTC+8)
 · 生成 Generated ${day(generatedAt)}</p>
${sections.join('\n')}
</body>
</html>
`;
}
