import {
  CAP_NAMESPACE,
  own,
  toShanghaiIso,
  xmlElements,
  xmlText,
  type AlertKind,
  type AlertState,
  type Severity,
  type State,
} from '@floodnet/domain';

/** floodnet's own alerts that the city platform takes as CAP (its gauges and its forecasts). */
export const CAP_ALERT_KINDS: readonly AlertKind[] = [
  'waterlogging',
  'underpass-closure',
  'forecast',
  'trend',
];

const CAP_SEVERITY: Record<Severity, string> = {
  blue: 'Minor',
  yellow: 'Moderate',
  orange: 'Severe',
  red: 'Extreme',
};

const EVENT_NAMES: Partial<Record<AlertKind, string>> = {
  waterlogging: '道路积水 Road waterlogging',
  'underpass-closure': '下立交封闭 Underpass closed',
  forecast: '预报超警 Forecast over the alarm line',
  trend: '水位上涨趋势 Rising towards the alarm line',
};

const UNITS: Partial<Record<AlertKind, string>> = {
  waterlogging: 'cm',
  'underpass-closure': 'cm',
};

/** CAP's dateTime: whole seconds with an explicit offset (CAP 1.2, 3.3.2). */
function capTime(ms: number): string {
  return toShanghaiIso(Math.floor(ms / 1000) * 1000);
}

function infoFor(alert: AlertState, state: State): string {
  const asset = own(state.assets, alert.subjectId);
  const name = asset?.name ?? alert.subjectId;
  const unit =
    UNITS[alert.kind] ??
    (asset?.kind === 'underpass' || asset?.kind === 'waterlogging-point' ? 'cm' : 'm');
  const observed = alert.kind === 'waterlogging' || alert.kind === 'underpass-closure';
  const forecastId = own(state.forecastBySensor, alert.subjectId);
  const crossing = forecastId ? own(state.forecasts, forecastId)?.crossing : undefined;
  const trend = own(state.trends, alert.subjectId);
  const onset =
    alert.kind === 'forecast' && crossing
      ? crossing.at
      : alert.kind === 'trend' && trend
        ? trend.etaAt
        : alert.raisedAt;
  const value = alert.kind === 'forecast' ? `${alert.value} ${unit}` : `${alert.value} ${unit}`;
  const headline =
    alert.kind === 'forecast'
      ? `${name} 预报 ${value}，${capTime(onset)} 超警 ${alert.threshold} ${unit}`
      : alert.kind === 'trend'
        ? `${name} 约 ${capTime(onset)} 达到 ${alert.threshold} ${unit}`
        : `${name} ${value}（警戒 ${alert.threshold} ${unit}）`;
  const area = asset
    ? `        <circle>${asset.lat.toFixed(5)},${asset.lng.toFixed(5)} 0.2</circle>\n`
    : '';
  return [
    '  <info>',
    xmlElements(
      [
        ['language', 'zh-CN'],
        ['category', alert.kind === 'underpass-closure' ? 'Transport' : 'Met'],
        ['event', EVENT_NAMES[alert.kind] ?? alert.kind],
        ['responseType', observed ? 'Avoid' : 'Monitor'],
        ['urgency', observed ? 'Immediate' : 'Expected'],
        ['severity', CAP_SEVERITY[alert.severity]],
        ['certainty', observed ? 'Observed' : 'Likely'],
      ],
      '    ',
    ),
    '    <eventCode>',
    '      <valueName>floodnet:alertKind</valueName>',
    `      <value>${xmlText(alert.kind)}</value>`,
    '    </eventCode>',
    xmlElements(
      [
        ['effective', capTime(alert.raisedAt)],
        ['onset', capTime(onset)],
        ['senderName', '徐汇区防汛防台一张网 floodnet (Xuhui)'],
        ['headline', headline],
        ['description', `${headline}。floodnet alert ${alert.id}, colour ${alert.severity}.`],
      ],
      '    ',
    ),
    '    <parameter>',
    '      <valueName>floodnet:alertId</valueName>',
    `      <value>${xmlText(alert.id)}</value>`,
    '    </parameter>',
    '    <area>',
    `      <areaDesc>${xmlText(name)}</areaDesc>`,
    `${area}    </area>`,
    '  </info>',
  ].join('\n');
}

/**
 * floodnet's open alerts as one CAP 1.2 message, one `<info>` per alert (CAP allows several),
 * for the city platform. A drill's stream is marked `Exercise`, never `Actual`.
 */
export function alertsAsCap(state: State, stream: string, now: number): string {
  const open = Object.values(state.alerts)
    .filter((alert) => alert.clearedAt === null && CAP_ALERT_KINDS.includes(alert.kind))
    .sort((a, b) => a.raisedAt - b.raisedAt);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<alert xmlns="${CAP_NAMESPACE}">`,
    xmlElements(
      [
        ['identifier', `floodnet-xuhui-${stream.replace(':', '-')}-${state.seq}`],
        ['sender', 'floodnet@xuhui.example'],
        ['sent', capTime(now)],
        ['status', stream === 'live' ? 'Actual' : 'Exercise'],
        ['msgType', 'Alert'],
        ['scope', 'Public'],
        ['note', `${open.length} open floodnet alerts at seq ${state.seq}`],
      ],
      '  ',
    ),
    ...open.map((alert) => infoFor(alert, state)),
    '</alert>',
    '',
  ].join('\n');
}
