import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import { useLanguage } from '../i18n/use-language';
import { useStore } from '../store/store';
import { createRainChart, rainData } from './rain-chart';
import { createTideChart, tideData } from './tide-chart';

/** Charts follow the picture at most once a second: a hydrograph needs no more. */
const REFRESH_MS = 1000;

function sizeOf(element: HTMLElement) {
  return { width: Math.max(120, element.clientWidth), height: Math.max(60, element.clientHeight) };
}

/**
 * The bottom strip: the 黄浦公园 tide hydrograph and rain by 街镇. Loaded as its own chunk (uPlot
 * is not needed to sign in or to see the map) and updated imperatively, never by React renders.
 */
export default function BottomStrip() {
  const { language, t } = useLanguage();
  const theme = useStore((store) => store.ui.theme);
  const geography = useStore((store) => store.geography);
  const tideBox = useRef<HTMLDivElement>(null);
  const rainBox = useRef<HTMLDivElement>(null);

  useEffect(
    function mountCharts() {
      const tideElement = tideBox.current;
      const rainElement = rainBox.current;
      if (!tideElement || !rainElement || !geography) return;
      const state = useStore.getState().picture.state;
      const tide = createTideChart(tideElement, sizeOf(tideElement), { state, language, theme });
      const rain = createRainChart(rainElement, sizeOf(rainElement), {
        state,
        geography,
        language,
        theme,
      });
      let timer: ReturnType<typeof setTimeout> | null = null;
      let refreshedAt = 0;
      const refresh = () => {
        timer = null;
        refreshedAt = Date.now();
        const current = useStore.getState().picture.state;
        const tideSeries = tideData(current);
        tide.setData(tideSeries);
        rain.setData(rainData(current, geography));
        // How many observed points the hydrograph holds (the forecast's are counted apart): for
        // tests and for anyone inspecting the page.
        const observed = (tideSeries[1] ?? []).filter(
          (value) => value !== null && value !== undefined,
        );
        tideElement.dataset.points = String(observed.length);
        tideElement.dataset.forecastPoints = String(tideSeries[0].length - observed.length);
      };
      refresh();
      const unsubscribe = useStore.subscribe((store, prev) => {
        if (store.picture.version === prev.picture.version || timer !== null) return;
        const wait = Math.max(0, refreshedAt + REFRESH_MS - Date.now());
        timer = setTimeout(refresh, wait);
      });
      const resize =
        typeof ResizeObserver === 'function'
          ? new ResizeObserver(() => {
              tide.setSize(sizeOf(tideElement));
              rain.setSize(sizeOf(rainElement));
            })
          : null;
      resize?.observe(tideElement);
      resize?.observe(rainElement);
      return () => {
        unsubscribe();
        resize?.disconnect();
        if (timer !== null) clearTimeout(timer);
        tide.destroy();
        rain.destroy();
      };
    },
    [geography, language, theme],
  );

  return (
    <footer className="bottom-strip" data-testid="bottom-strip">
      <figure className="chart">
        <figcaption>{t('chart.tide')}</figcaption>
        <div className="chart-canvas" ref={tideBox} data-testid="tide-chart" />
      </figure>
      <figure className="chart">
        <figcaption>{t('chart.rain')}</figcaption>
        <div className="chart-canvas" ref={rainBox} data-testid="rain-chart" />
      </figure>
    </footer>
  );
}
