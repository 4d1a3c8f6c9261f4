import { defaultRuleConfig, SEVERITIES, type State } from '@floodnet/domain';
import uPlot from 'uplot';
import { shortJiezhenName, type Language } from '../i18n/translate';
import { SEVERITY_COLOURS } from '../map/palette';
import { rainLastHourByJiezhen } from '../store/derive';
import type { Geography, Theme } from '../store/slices';
import { CHART_COLOURS, drawThreshold } from './chart-theme';

export function rainData(state: State | null, geography: Geography): uPlot.AlignedData {
  const rain = rainLastHourByJiezhen(state);
  const codes = geography.jiezhen.features.map((feature) => feature.properties.code);
  return [codes.map((_, i) => i), codes.map((code) => rain[code] ?? 0)];
}

/** Rain in the last hour per 街镇 as bars, with the 1-hour rainstorm signal lines. */
export function createRainChart(
  target: HTMLElement,
  size: { width: number; height: number },
  options: { state: State | null; geography: Geography; language: Language; theme: Theme },
): uPlot {
  const colours = CHART_COLOURS[options.theme];
  const names = options.geography.jiezhen.features.map((feature) =>
    shortJiezhenName(options.language, feature.properties),
  );
  const bands = defaultRuleConfig.rainstorm.oneHourMm.value;
  return new uPlot(
    {
      ...size,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: [-0.6, names.length - 0.4] },
        y: { range: (_u, _min, max) => [0, Math.max(40, (max || 0) * 1.15)] },
      },
      axes: [
        {
          stroke: colours.axis,
          grid: { show: false },
          ticks: { show: false },
          splits: () => names.map((_, i) => i),
          values: (_u, splits) => splits.map((i) => names[i] ?? ''),
          rotate: options.language === 'en' ? -30 : 0,
          size: options.language === 'en' ? 44 : 26,
          font: '11px system-ui, sans-serif',
        },
        {
          stroke: colours.axis,
          grid: { stroke: colours.grid },
          ticks: { stroke: colours.grid },
          size: 34,
        },
      ],
      series: [
        {},
        {
          fill: colours.bar,
          stroke: colours.bar,
          paths: uPlot.paths.bars!({ size: [0.7, 48] }),
          points: { show: false },
        },
      ],
      hooks: {
        draw: [
          (u) => {
            for (const severity of SEVERITIES) {
              const y = u.valToPos(bands[severity], 'y', true);
              drawThreshold(u.ctx, u.bbox, y, SEVERITY_COLOURS[severity], null, uPlot.pxRatio);
            }
          },
        ],
      },
    },
    rainData(options.state, options.geography),
    target,
  );
}
