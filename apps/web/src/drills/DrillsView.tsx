import './drills.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  deleteDrill,
  drillInfo,
  importRecording,
  listDrills,
  uploadLog,
  type Drill,
} from '../api/drills';
import { ApiError } from '../api/http';
import { formatDateTime } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { isTrainer } from '../store/permissions';
import type { DrillInfo } from '../store/slices';
import { useStore } from '../store/store';
import { backToLive, followStream, LIVE, setDrillDialog } from '../store/stream-actions';

/** Recordings the server holds under fixtures/recordings. */
const RECORDINGS = ['in-fa-2021'] as const;

interface Upload {
  sent: number;
  total: number;
  abort(): void;
}

/**
 * The drills: each one listed with what it was made from, to open or delete; a recording to
 * import, or an NDJSON log to upload with a progress bar. Loaded as its own chunk when opened.
 */
export default function DrillsView() {
  const { language, t } = useLanguage();
  const role = useStore((store) => store.session?.role);
  const following = useStore((store) => store.drills.following);
  const [drills, setDrills] = useState<DrillInfo[] | null>(null);
  const [recording, setRecording] = useState<string>(RECORDINGS[0]);
  const [busy, setBusy] = useState(false);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [message, setMessage] = useState<{ text: string; refused: boolean } | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const canManage = isTrainer(role);

  async function reload() {
    try {
      setDrills((await listDrills()).map(drillInfo));
    } catch (error) {
      setMessage({ text: explain(error), refused: true });
    }
  }
  useEffect(function loadDrills() {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the view opens
  }, []);

  function explain(error: unknown): string {
    return error instanceof ApiError ? error.message : t('error.generic');
  }

  function opened(created: Drill) {
    setMessage({ text: t('drill.imported', { n: created.events }), refused: false });
    followStream(created.stream);
    setDrillDialog('none');
  }

  async function attempt(action: () => Promise<Drill>) {
    setBusy(true);
    setMessage(null);
    try {
      opened(await action());
    } catch (error) {
      // A bad line comes back as "line 37: …": shown as the server wrote it.
      setMessage({ text: t('drill.refused', { message: explain(error) }), refused: true });
    } finally {
      setBusy(false);
      setUpload(null);
    }
  }

  function importChosen(event: FormEvent) {
    event.preventDefault();
    void attempt(() => importRecording(recording));
  }

  function uploadChosen(event: FormEvent) {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen) return;
    void attempt(() => {
      const sending = uploadLog(chosen, (sent, total) =>
        setUpload((now) => (now ? { ...now, sent, total } : now)),
      );
      setUpload({ sent: 0, total: chosen.size, abort: sending.abort });
      return sending.done;
    });
  }

  async function remove(drill: DrillInfo) {
    try {
      await deleteDrill(drill.id);
      if (following === drill.stream) backToLive();
      await reload();
    } catch (error) {
      setMessage({ text: explain(error), refused: true });
    }
  }

  const when = (ms: number | null) => (ms === null ? '—' : formatDateTime(language, ms));
  const percent = upload ? Math.floor((upload.sent / Math.max(1, upload.total)) * 100) : 0;

  return (
    <div className="modal-backdrop" role="dialog" aria-modal aria-label={t('drill.heading')}>
      <div className="modal drills" data-testid="drills-view">
        <header className="report-head">
          <h2>{t('drill.heading')}</h2>
          <button type="button" onClick={() => setDrillDialog('none')}>
            {t('drill.close')}
          </button>
        </header>
        {drills === null && <p className="muted">{t('app.loading')}</p>}
        {drills?.length === 0 && <p className="muted">{t('drill.none')}</p>}
        {drills && drills.length > 0 && (
          <ul className="drill-list">
            {drills.map((drill) => (
              <li key={drill.id} data-testid="drill-item" data-stream={drill.stream}>
                <div>
                  <strong>{drill.name}</strong>
                  {drill.parentId && <span className="fork-tag">{t('drill.forkLabel')}</span>}
                  <div className="muted">
                    {drill.parentId
                      ? t('drill.forkOf', { parent: drill.parentId, time: when(drill.forkAt) })
                      : drill.source}
                    {drill.createdAt !== null &&
                      ` · ${t('drill.created', { time: when(drill.createdAt) })}`}
                  </div>
                </div>
                {following === drill.stream ? (
                  <span className="muted">{t('drill.current')}</span>
                ) : (
                  <button
                    type="button"
                    className="primary"
                    data-testid="drill-enter"
                    onClick={() => {
                      followStream(drill.stream);
                      setDrillDialog('none');
                    }}
                  >
                    {t('drill.enter')}
                  </button>
                )}
                {canManage && (
                  <button type="button" onClick={() => void remove(drill)}>
                    {t('drill.delete')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canManage && (
          <form onSubmit={importChosen}>
            <h3>{t('drill.importHeading')}</h3>
            <select
              aria-label={t('drill.recording')}
              data-testid="recording-select"
              value={recording}
              onChange={(event) => setRecording(event.target.value)}
            >
              {RECORDINGS.map((name) => (
                <option key={name} value={name}>
                  {t(`drill.recording.${name}`)}
                </option>
              ))}
            </select>
            <button type="submit" data-testid="import-recording" disabled={busy}>
              {t('drill.importRecording')}
            </button>
          </form>
        )}
        {canManage && (
          <form onSubmit={uploadChosen}>
            <h3>{t('drill.uploadHeading')}</h3>
            <input
              ref={file}
              type="file"
              accept=".ndjson,.jsonl,application/x-ndjson"
              data-testid="upload-file"
              disabled={busy}
            />
            <button type="submit" data-testid="upload-button" disabled={busy}>
              {t('drill.upload')}
            </button>
            {upload && (
              <div className="upload-progress" data-testid="upload-progress">
                <progress max={100} value={percent} />
                <span>
                  {percent < 100
                    ? t('drill.uploading', {
                        percent,
                        sent: megabytes(upload.sent),
                        total: megabytes(upload.total),
                      })
                    : t('drill.importing')}
                </span>
                <button type="button" onClick={upload.abort}>
                  ×
                </button>
              </div>
            )}
          </form>
        )}
        {busy && !upload && <p className="muted">{t('drill.importing')}</p>}
        {message && (
          <p
            className={message.refused ? 'refusal' : ''}
            role={message.refused ? 'alert' : 'status'}
            data-testid="drill-message"
          >
            {message.text}
          </p>
        )}
        {following !== LIVE && (
          <button type="button" onClick={backToLive}>
            ← {t('drill.backToLive')}
          </button>
        )}
      </div>
    </div>
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
