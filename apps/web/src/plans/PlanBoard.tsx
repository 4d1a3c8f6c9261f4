import { useState } from 'react';
import { ApiError } from '../api/http';
import { formatHourMinute, nameIn } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { setNotice } from '../store/actions';
import { useDerived } from '../store/hooks';
import { useCan } from '../store/permissions';
import { useStore } from '../store/store';
import { openHandoverPage, recordHandover } from './api';
import { planRows, unitsWithOpenTasks } from './derive';
import { TaskList } from './TaskList';
import './plans.css';

/**
 * The plan board: each plan in force with its tasks issued / acknowledged / done / overdue, then
 * every unit with open tasks (the late ones first), each unfolding to its tasks; and the shift
 * handover at the foot.
 */
export function PlanBoard() {
  const { language, t } = useLanguage();
  const plans = useDerived((store) => planRows(store.picture.state));
  const units = useDerived((store) => unitsWithOpenTasks(store.picture.state));
  const assets = useStore((store) => store.picture.state?.assets);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="plan-board" data-testid="plan-board">
      {plans.length === 0 && <p className="empty">{t('plans.none')}</p>}
      {plans.length > 0 && (
        <table className="plan-table">
          <thead>
            <tr>
              <th />
              <th>{t('plans.issued')}</th>
              <th>{t('plans.acknowledged')}</th>
              <th>{t('plans.done')}</th>
              <th>{t('plans.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((plan) => (
              <tr key={plan.planId} data-testid="plan-row" data-plan-id={plan.planId}>
                <th scope="row">
                  {language === 'en' ? plan.nameEn : plan.name}
                  <div className="muted">
                    {t('plans.since', { time: formatHourMinute(language, plan.since) })}
                  </div>
                </th>
                <td data-testid="plan-issued">{plan.issued}</td>
                <td>{plan.acknowledged}</td>
                <td data-testid="plan-done">{plan.done}</td>
                <td data-testid="plan-overdue" className={plan.overdue > 0 ? 'overdue' : ''}>
                  {plan.overdue}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plans.length > 0 && <h3>{t('plans.byUnit')}</h3>}
      {plans.length > 0 && units.length === 0 && <p className="empty">{t('plans.noOpen')}</p>}
      <ul className="unit-tasks">
        {units.map((unit) => {
          const asset = assets?.[unit.unitId];
          return (
            <li key={unit.unitId} data-testid="unit-tasks" data-unit-id={unit.unitId}>
              <button
                type="button"
                className="unit-toggle"
                aria-expanded={open === unit.unitId}
                onClick={() => setOpen(open === unit.unitId ? null : unit.unitId)}
              >
                <span>{asset ? nameIn(language, asset) : unit.unitId}</span>
                <span className="muted">{unit.open}</span>
                {unit.overdue > 0 && (
                  <span className="overdue">
                    {t('plans.overdue')} {unit.overdue}
                  </span>
                )}
              </button>
              {open === unit.unitId && <TaskList assigneeId={unit.unitId} />}
            </li>
          );
        })}
      </ul>
      <Handover />
    </div>
  );
}

/** The outgoing commander's note and the printable page; the incoming one reads the last note. */
function Handover() {
  const { language, t } = useLanguage();
  const canRecord = useCan('handOverShift');
  const previous = useDerived((store) => {
    const last = store.picture.state?.handovers.at(-1);
    return last ? { ...last } : null;
  });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  async function record() {
    setBusy(true);
    try {
      await recordHandover(note.trim());
      setNote('');
      setNotice(t('handover.recorded'));
    } catch (error) {
      setNotice(error instanceof ApiError ? error.message : t('error.generic'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="handover" data-testid="handover">
      <h3>{t('handover.heading')}</h3>
      {previous && (
        <blockquote data-testid="handover-previous">
          <div className="muted">
            {t('handover.previous', {
              who: previous.by,
              time: formatHourMinute(language, previous.at),
            })}
          </div>
          {previous.note}
        </blockquote>
      )}
      <button type="button" data-testid="handover-print" onClick={() => void openHandoverPage()}>
        {t('handover.print')}
      </button>
      {canRecord && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (note.trim()) void record();
          }}
        >
          <textarea
            data-testid="handover-note"
            placeholder={t('handover.note')}
            value={note}
            rows={2}
            onChange={(event) => setNote(event.target.value)}
          />
          <button
            type="submit"
            className="primary"
            data-testid="handover-record"
            disabled={busy || !note.trim()}
          >
            {t('handover.record')}
          </button>
        </form>
      )}
    </section>
  );
}
