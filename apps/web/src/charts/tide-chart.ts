import { defaultRuleConfig, levelBands, SEVERITIES, type State } from '@floodnet/domain';
import uPlot from 'uplot';
import { formatHourMinute, translate, type Language } from '../i18n/translate';
import type { Theme } from '../store/slices';
import { SEVERITY_COLOURS } from '../map/palette';
import { CHART_COLOURS, drawThreshold } from './chart-theme';

export const TIDE_STATION = 'tide-huangpu-park';
const FALLBACK_BANDS = defaultRuleConfig.tideBandsM[TIDE_STATION]!.value;

function bandsOf(state: State | null) {
  const asset = state?.assets[TIDE_STATION];
  return (asset && levelBands(asset, defaultRuleConfig)) || FALLBACK_BANDS;
}

export function tideData(state: State | null): uPlot.AlignedData {
  const series = state?.levelSeries[TIDE_STATION] ?? [];
  return [series.map(([at]) => at / 1000), series.map(([, m]) => m)];
}

/** The 黄浦公园 hydrograph with its warning line (4.55 m) and the higher bands. */
export function createTideChart(
  target: HTMLElement,
  size: { width: number; height: number },
  options: { state: State | null; language: Language; theme: Theme },
): uPlot {
  const colours = CHART_COLOURS[options.theme];
  const bands = bandsOf(options.state);
  const warning = translate(options.language, 'chart.warning', { level: bands.blue.toFixed(2) });
  return new uPlot(
    {
      ...size,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Shanghai'),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        y: {
          range: (_u, min, max) => [
            Math.min(Number.isFinite(min) ? min : 2, 2) - 0.1,
            Math.max(Number.isFinite(max) ? max : bands.red, bands.red) + 0.2,
          ],
        },
      },
      axes: [
        {
          stroke: colours.axis,
          grid: { stroke: colours.grid },
          ticks: { stroke: colours.grid },
          // 24-hour Shanghai time, the same in both languages.
          values: (_u, splits) => splits.map((s) => formatHourMinute(options.language, s * 1000)),
        },
        {
          stroke: colours.axis,
          grid: { stroke: colours.grid },
          ticks: { stroke: colours.grid },
          size: 40,
          values: (_u, splits) => splits.map((v) => v.toFixed(1)),
        },
      ],
      series: [{}, { stroke: colours.line, width: 2, fill: colours.fill, points: { show: false } }],
      hooks: {
        draw: [
          (u) => {
            const box = u.bbox;
            for (const severity of SEVERITIES) {
              const y = u.valToPos(bands[severity], 'y', true);
              drawThreshold(
                u.ctx,
                box,
                y,
                SEVERITY_COLOURS[severity],
                severity === 'blue' ? warning : null,
                uPlot.pxRatio,
              );
            }
          },
        ],
      },
    },
    tideData(options.state),
    target,
  );
}
