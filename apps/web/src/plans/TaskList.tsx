import { useState } from 'react';
import { ApiError } from '../api/http';
import { formatHourMinute, nameIn } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { setNotice } from '../store/actions';
import { useDerived } from '../store/hooks';
import { useCan } from '../store/permissions';
import { useStore } from '../store/store';
import { acknowledgeTask, completeTask } from './api';
import { openTasks, type TaskRow } from './derive';
import './plans.css';

/**
 * A unit's open plan tasks with acknowledge and complete: mounted on the squad page for its own
 * squad, and on the plan board for any unit (a commander acting for it). Without `assigneeId`,
 * every unit's open tasks.
 */
/** How a phone sends commands: queued, resent until answered (the squad page's outbox). */
export interface TaskOutbox {
  send(path: string, body: unknown, label: string): void;
}

export function TaskList({ assigneeId, outbox }: { assigneeId?: string; outbox?: TaskOutbox }) {
  const { t } = useLanguage();
  const rows = useDerived((store) => openTasks(store.picture.state, assigneeId));
  if (rows.length === 0)
    return (
      <p className="empty" data-testid="task-list-empty">
        {t('task.none')}
      </p>
    );
  return (
    <ul className="task-list" data-testid="task-list">
      {rows.map((row) => (
        <TaskItem key={row.id} row={row} showUnit={!assigneeId} outbox={outbox} />
      ))}
    </ul>
  );
}

function TaskItem({
  row,
  showUnit,
  outbox,
}: {
  row: TaskRow;
  showUnit: boolean;
  outbox: TaskOutbox | undefined;
}) {
  const { language, t } = useLanguage();
  const canAck = useCan('acknowledgeTask');
  const canComplete = useCan('completeTask');
  const unit = useStore((store) => store.picture.state?.assets[row.assigneeId]);
  const [completing, setCompleting] = useState(false);
  const [busy, setBusy] = useState(false);
  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    try {
      await action();
      setCompleting(false);
    } catch (error) {
      setNotice(error instanceof ApiError ? error.message : t('error.generic'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <li
      className={`task-item${row.overdue ? ' task-overdue' : ''}`}
      data-testid="task-item"
      data-task-id={row.id}
      data-overdue={row.overdue}
    >
      <div className="task-title">
        <strong>{language === 'en' ? row.titleEn : row.title}</strong>
        {showUnit && unit && <span className="muted"> · {nameIn(language, unit)}</span>}
      </div>
      <div className="task-meta">
        <span className={row.overdue ? 'overdue' : 'muted'}>
          {t('task.due', { time: formatHourMinute(language, row.dueAt) })}
          {row.overdue && ` · ${t('task.overdue')}`}
        </span>
        {row.acknowledged && <span className="muted"> · {t('task.acked')}</span>}
        {row.siteIds.length > 0 && (
          <span className="muted"> · {t('task.sites', { n: row.siteIds.length })}</span>
        )}
      </div>
      {!completing && (
        <div className="task-actions">
          {canAck && !row.acknowledged && (
            <button
              type="button"
              data-testid="task-ack"
              disabled={busy}
              onClick={() =>
                void act(() =>
                  outbox
                    ? Promise.resolve(outbox.send(taskPath(row.id, 'ack'), {}, `ack ${row.id}`))
                    : acknowledgeTask(row.id),
                )
              }
            >
              {t('task.ack')}
            </button>
          )}
          {canComplete && (
            <button
              type="button"
              className="primary"
              data-testid="task-complete"
              disabled={busy}
              onClick={() => setCompleting(true)}
            >
              {t('task.complete')}
            </button>
          )}
        </div>
      )}
      {completing && (
        <CompleteForm
          inspection={row.siteIds.length > 0}
          busy={busy}
          onCancel={() => setCompleting(false)}
          onDone={(body) =>
            void act(() =>
              outbox
                ? Promise.resolve(outbox.send(taskPath(row.id, 'complete'), body, `done ${row.id}`))
                : completeTask(row.id, body),
            )
          }
        />
      )}
    </li>
  );
}

const taskPath = (taskId: string, step: 'ack' | 'complete') =>
  `/api/v1/tasks/${encodeURIComponent(taskId)}/${step}`;

type CompleteBody = Parameters<typeof completeTask>[1];

function CompleteForm(props: {
  inspection: boolean;
  busy: boolean;
  onCancel: () => void;
  onDone: (body: CompleteBody) => void;
}) {
  const { t } = useLanguage();
  const [note, setNote] = useState('');
  const [result, setResult] = useState<'fine' | 'hazard'>('fine');
  const [hazardNote, setHazardNote] = useState('');
  const ready = !props.inspection || result === 'fine' || hazardNote.trim().length > 0;
  return (
    <form
      className="task-form"
      data-testid="task-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready) return;
        props.onDone({
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(props.inspection
            ? {
                finding:
                  result === 'hazard' ? { result, note: hazardNote.trim() } : { result: 'fine' },
              }
            : {}),
        });
      }}
    >
      {props.inspection && (
        <fieldset className="finding">
          <legend>{t('task.finding')}</legend>
          <label>
            <input
              type="radio"
              name="result"
              checked={result === 'fine'}
              onChange={() => setResult('fine')}
            />
            {t('task.fine')}
          </label>
          <label>
            <input
              type="radio"
              name="result"
              data-testid="finding-hazard"
              checked={result === 'hazard'}
              onChange={() => setResult('hazard')}
            />
            {t('task.hazard')}
          </label>
          {result === 'hazard' && (
            <input
              data-testid="finding-note"
              placeholder={t('task.hazardNote')}
              value={hazardNote}
              onChange={(event) => setHazardNote(event.target.value)}
            />
          )}
        </fieldset>
      )}
      <input
        data-testid="task-note"
        placeholder={t('task.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="task-actions">
        <button type="button" onClick={props.onCancel}>
          {t('task.cancel')}
        </button>
        <button
          type="submit"
          className="primary"
          data-testid="task-confirm"
          disabled={props.busy || !ready}
        >
          {t('task.confirm')}
        </button>
      </div>
    </form>
  );
}
