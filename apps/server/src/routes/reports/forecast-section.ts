import type { ForecastVerification } from '@floodnet/domain';

interface Helpers {
  time(ms: number | null): string;
  table(head: string[], rows: string[][], empty: string): string;
}

const signed = (value: number | null, digits: number) =>
  value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(digits)}`;

/**
 * The after-action report's forecasts section: each crossing a forecast foresaw, against the one
 * observed — the warning it gave (lead time) and how far off it was, in time and in height.
 */
export function forecastSection(rows: ForecastVerification[], { time, table }: Helpers): string[] {
  return [
    `<h2>预报检验 <span>Forecasts: lead time and error</span></h2>`,
    table(
      [
        '站点 Sensor',
        '发布 Issued',
        '预报超警 Foreseen crossing',
        '预报峰值 Foreseen peak',
        '实测超警 Observed crossing',
        '提前量 Lead (min)',
        '时间误差 Timing error (min)',
        '实测峰值 Observed peak',
        '峰值误差 Peak error',
      ],
      rows.map((row) => [
        row.sensorId,
        time(row.issuedAt),
        time(row.expectedAt),
        row.expectedPeak.toFixed(2),
        time(row.observedAt),
        row.leadMin === null ? '—' : String(row.leadMin),
        signed(row.timingErrorMin, 0),
        row.observedPeak === null ? '—' : row.observedPeak.toFixed(2),
        signed(row.peakError, 2),
      ]),
      '无超警预报 No forecast crossed a line',
    ),
  ];
}
