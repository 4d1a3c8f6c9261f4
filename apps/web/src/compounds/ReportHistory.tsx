import { formatHourMinute } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { useDerived } from '../store/hooks';
import { describeReport } from './report-text';

/** The compound's own reports, newest first. */
export function ReportHistory({ compoundId }: { compoundId: string }) {
  const { language, t } = useLanguage();
  const reports = useDerived((store) => {
    const state = store.picture.state;
    const ids = state?.reportsByCompound[compoundId] ?? [];
    return ids
      .map((id) => state!.compoundReports[id]!)
      .reverse()
      .map(({ id, kind, depthCm, where, people, text, at }) => ({
        id,
        kind,
        depthCm,
        where,
        people,
        text,
        at,
      }));
  });
  return (
    <section className="phone-card" data-testid="report-history">
      <h2>{t('compound.history')}</h2>
      {reports.length === 0 && <p className="muted">{t('compound.noHistory')}</p>}
      <ul className="history">
        {reports.map((report) => (
          <li key={report.id}>
            <span className="muted">{formatHourMinute(language, report.at)}</span>{' '}
            {describeReport(report, t)}
          </li>
        ))}
      </ul>
    </section>
  );
}
