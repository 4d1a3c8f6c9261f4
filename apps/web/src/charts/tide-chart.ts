import { defaultRuleConfig, levelBands, SEVERITIES, type State } from '@floodnet/domain';
import uPlot from 'uplot';
import { formatHourMinute, translate, type Language } from '../i18n/translate';
import type { Theme } from '../store/slices';
import { SEVERITY_COLOURS } from '../map/palette';
import { CHART_COLOURS, drawThreshold } from './chart-theme';
import { useStore } from '../store/store';
import { tideDataWithForecast, tideForecast, tideForecastLabel } from '../warnings/tide-forecast';

export const TIDE_STATION = 'tide-huangpu-park';
const FALLBACK_BANDS = defaultRuleConfig.tideBandsM[TIDE_STATION]!.value;

function bandsOf(state: State | null) {
  const asset = state?.assets[TIDE_STATION];
  return (asset && levelBands(asset, defaultRuleConfig)) || FALLBACK_BANDS;
}

/** Observations, and the newest forecast beside them (warnings/tide-forecast.ts). */
export function tideData(state: State | null): uPlot.AlignedData {
  return tideDataWithForecast(state);
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
      series: [
        {},
        { stroke: colours.line, width: 2, fill: colours.fill, points: { show: false } },
        // The forecast: dashed, in the warning colour it reaches, beside the observations.
        {
          stroke: SEVERITY_COLOURS[tideForecast(options.state)?.crossing?.severity ?? 'blue'],
          width: 2,
          dash: [6, 4],
          spanGaps: true,
          points: { show: false },
        },
      ],
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
            drawForecastLabel(u, options.language);
          },
        ],
      },
    },
    tideData(options.state),
    target,
  );
}

/** The forecast's high water, when and in how long, written beside its peak on the chart. */
function drawForecastLabel(u: uPlot, language: Language): void {
  // The chart redraws on new data: the label reads the picture it was drawn from.
  const state = useStore.getState().picture.state;
  const label = tideForecastLabel(state, language);
  const crossing = tideForecast(state)?.crossing;
  if (!label || !crossing) return;
  const x = u.valToPos(crossing.peakAt / 1000, 'x', true);
  const y = u.valToPos(crossing.peak, 'y', true);
  const ctx = u.ctx;
  ctx.save();
  ctx.font = `${Math.round(12 * uPlot.pxRatio)}px sans-serif`;
  ctx.fillStyle = SEVERITY_COLOURS[crossing.severity];
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(label, x - 4 * uPlot.pxRatio, y - 4 * uPlot.pxRatio);
  ctx.restore();
}
