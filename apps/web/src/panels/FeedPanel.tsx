import { useEffect, useRef } from 'react';
import { formatTime } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { readingsInLastMinute } from '../store/picture';
import { useStore } from '../store/store';
import { describeEvent } from './describe-event';

/**
 * The live feed: the last 200 events that are news. Readings are counted, not listed (hundreds a
 * minute would bury everything else), and the count is written to the DOM directly.
 */
export function FeedPanel() {
  const { language, t } = useLanguage();
  const feed = useStore((store) => store.picture.feed);
  const counter = useRef<HTMLParagraphElement>(null);
  useEffect(
    function countReadings() {
      const draw = () => {
        if (counter.current) {
          counter.current.textContent = t('feed.readings', { n: readingsInLastMinute() });
        }
      };
      draw();
      const timer = setInterval(draw, 2000);
      return () => clearInterval(timer);
    },
    [t],
  );
  const state = useStore.getState().picture.state;
  return (
    <div className="feed">
      <p className="muted" ref={counter} data-testid="reading-rate" />
      {feed.length === 0 && <p className="empty">{t('feed.empty')}</p>}
      <ol className="feed-list" data-testid="feed-list">
        {feed.map((event) => (
          <li key={event.seq} className={`feed-item feed-${event.type.split('.')[0]}`}>
            <time>{formatTime(language, Date.parse(event.at))}</time>{' '}
            {describeEvent(event, state, language, t)}
          </li>
        ))}
      </ol>
    </div>
  );
}
