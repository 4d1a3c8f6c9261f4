import './drills.css';
import { own, type ReportComparison, type ReportSummary } from '@floodnet/domain';
import { useEffect, useState } from 'react';
import { downloadReport, fetchReport, type StreamReport } from '../api/drills';
import { ApiError } from '../api/http';
import { formatDateTime, nameIn, type Language } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { useStore } from '../store/store';
import { setDrillDialog } from '../store/stream-actions';
import { complain } from './drill-control';
import { UtilisationChart } from './UtilisationChart';

/** Rows drawn in the tables; the downloads carry all of them. */
const MAX_ROWS = 150;
const SUMMARY_KEYS: (keyof ReportSummary)[] = [
  'incidents',
  'meanMinutesToAssign',
  'worstMinutesToAssign',
  'openAtEnd',
  'alarms',
  'meanMinutesToAcknowledge',
  'unacknowledgedAtEnd',
  'deepestWaterloggingCm',
  'deepestAt',
];

/**
 * The after-action report of the stream on screen: for a fork, the side-by-side comparison with
 * its original first; then each incident from report to resolution, each alarm and how long it
 * waited, and squad utilisation by hour. Downloads as printable HTML or CSV.
 */
export default function ReportView() {
  const { language, t } = useLanguage();
  const stream = useStore((store) => store.picture.stream);
  const name = useStore((store) => store.drills.current?.name ?? store.picture.stream);
  const [report, setReport] = useState<StreamReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(
    function loadReport() {
      let stopped = false;
      setReport(null);
      setFailure(null);
      fetchReport(stream)
        .then((loaded) => !stopped && setReport(loaded))
        .catch((error: unknown) => {
          if (!stopped) setFailure(error instanceof ApiError ? error.message : t('error.generic'));
        });
      return () => {
        stopped = true;
      };
    },
    [stream, t],
  );

  const when = (ms: number | null) => (ms === null ? '—' : formatDateTime(language, ms).slice(5));
  const minutes = (n: number | null) => (n === null ? '—' : t('report.minutes', { n: round(n) }));

  return (
    <div className="modal-backdrop" role="dialog" aria-modal aria-label={t('report.heading')}>
      <div className="modal report" data-testid="report-view">
        <header className="report-head">
          <h2>
            {t('report.heading')} · {name}
          </h2>
          <button type="button" data-testid="report-close" onClick={() => setDrillDialog('none')}>
            {t('drill.close')}
          </button>
        </header>
        <div className="report-downloads">
          <button type="button" onClick={() => void downloadReport(stream, 'html').catch(complain)}>
            {t('report.downloadHtml')}
          </button>
          <button type="button" onClick={() => void downloadReport(stream, 'csv').catch(complain)}>
            {t('report.downloadCsv')}
          </button>
          {report && report.from !== null && report.to !== null && (
            <span className="muted">
              {t('drill.range', { from: when(report.from), to: when(report.to) })}
            </span>
          )}
        </div>
        {failure && <p className="refusal">{failure}</p>}
        {!report && !failure && <p className="muted">{t('report.loading')}</p>}
        {report && (
          <div className="report-body">
            {report.comparison?.length ? (
              <Comparison rows={report.comparison} language={language} />
            ) : (
              <Summary summary={report.summary} language={language} />
            )}
            <h3>{t('report.utilisation')}</h3>
            <UtilisationChart hours={report.utilisation} />
            <h3>
              {t('report.incidents')} ({report.incidents.length})
            </h3>
            <table className="report-table" data-testid="report-incidents">
              <thead>
                <tr>
                  <th>{t('report.col.incident')}</th>
                  <th>{t('report.col.kind')}</th>
                  <th>{t('report.col.reported')}</th>
                  <th>{t('report.col.assigned')}</th>
                  <th>{t('report.col.onScene')}</th>
                  <th>{t('report.col.resolved')}</th>
                  <th>{t('report.col.toAssign')}</th>
                </tr>
              </thead>
              <tbody>
                {report.incidents.slice(0, MAX_ROWS).map((incident) => (
                  <tr key={incident.id}>
                    <td>{incident.id}</td>
                    <td>{t(`incidentKind.${incident.kind}`)}</td>
                    <td>{when(incident.reportedAt)}</td>
                    <td>{when(incident.assignedAt)}</td>
                    <td>{when(incident.onSceneAt)}</td>
                    <td>{when(incident.resolvedAt)}</td>
                    <td>{minutes(incident.minutesToAssign)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <More total={report.incidents.length} />
            <h3>
              {t('report.alarms')} ({report.alarms.length})
            </h3>
            <table className="report-table" data-testid="report-alarms">
              <thead>
                <tr>
                  <th>{t('report.col.alarm')}</th>
                  <th>{t('report.col.subject')}</th>
                  <th>{t('report.col.severity')}</th>
                  <th>{t('report.col.raised')}</th>
                  <th>{t('report.col.acked')}</th>
                  <th>{t('report.col.toAck')}</th>
                </tr>
              </thead>
              <tbody>
                {report.alarms.slice(0, MAX_ROWS).map((alarm) => (
                  <tr key={alarm.id}>
                    <td>{t(`alertKind.${alarm.kind}`)}</td>
                    <td>
                      <SubjectName id={alarm.subjectId} language={language} />
                    </td>
                    <td className={`sev-${alarm.severity}`}>
                      <span className="sev-dot">●</span> {t(`severity.${alarm.severity}`)}
                    </td>
                    <td>{when(alarm.raisedAt)}</td>
                    <td>{when(alarm.acknowledgedAt)}</td>
                    <td>{minutes(alarm.minutesToAcknowledge)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <More total={report.alarms.length} />
          </div>
        )}
      </div>
    </div>
  );
}

function Comparison({ rows, language }: { rows: ReportComparison[]; language: Language }) {
  const { t } = useLanguage();
  return (
    <>
      <h3>{t('report.comparison')}</h3>
      <table className="report-table comparison" data-testid="report-comparison">
        <thead>
          <tr>
            <th>{t('report.metric')}</th>
            <th>{t('report.original')}</th>
            <th className="fork-column">{t('report.fork')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.metric} data-metric={row.metric}>
              <td>{t(`report.metric.${row.metric}`)}</td>
              <td>
                <MetricValue value={row.original} language={language} />
              </td>
              <td className="fork-column">
                <MetricValue value={row.fork} language={language} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Summary({ summary, language }: { summary: ReportSummary; language: Language }) {
  const { t } = useLanguage();
  return (
    <>
      <h3>{t('report.summary')}</h3>
      <dl className="report-summary" data-testid="report-summary">
        {SUMMARY_KEYS.map((key) => (
          <div key={key}>
            <dt>{t(`report.metric.${key}`)}</dt>
            <dd>
              <MetricValue value={summary[key]} language={language} />
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** A figure, or the deepest point as `sensorId@time` turned into its name and time. */
function MetricValue({ value, language }: { value: number | string | null; language: Language }) {
  if (value === null) return <>—</>;
  if (typeof value === 'number') return <>{round(value)}</>;
  const [id, at] = value.split('@');
  const ms = at ? Date.parse(at) : NaN;
  return (
    <>
      <SubjectName id={id ?? value} language={language} />
      {Number.isFinite(ms) ? ` · ${formatDateTime(language, ms).slice(5)}` : ''}
    </>
  );
}

function SubjectName({ id, language }: { id: string; language: Language }) {
  const asset = useStore((store) => {
    const assets = store.picture.state?.assets;
    return assets ? own(assets, id) : undefined;
  });
  return <>{asset ? nameIn(language, asset) : id}</>;
}

function More({ total }: { total: number }) {
  const { t } = useLanguage();
  return total > MAX_ROWS ? (
    <p className="muted">{t('report.more', { n: total - MAX_ROWS })}</p>
  ) : null;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
