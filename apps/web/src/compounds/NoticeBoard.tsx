import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../api/http';
import { formatHourMinute, nameIn } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { setNotice } from '../store/actions';
import { useDerived } from '../store/hooks';
import { useCan } from '../store/permissions';

/** The notices board: for every notice, how many of how many acknowledged, and who is late. */
export function NoticeBoard() {
  const { language, t } = useLanguage();
  const canIssue = useCan('issueNotice');
  const rows = useDerived((store) => {
    const state = store.picture.state;
    if (!state) return [];
    const now = state.clock ?? 0;
    return Object.values(state.notices)
      .reverse()
      .map((notice) => {
        const receipts = Object.entries(notice.recipients);
        const acked = receipts.filter(([, receipt]) => receipt.acknowledged !== null).length;
        const late =
          notice.ackBy !== null && now >= notice.ackBy
            ? receipts.filter(([, receipt]) => receipt.acknowledged === null)
            : [];
        return {
          id: notice.id,
          title: notice.title,
          issuedAt: notice.issuedAt,
          acked,
          of: receipts.length,
          late: late.map(([id, receipt]) => {
            const asset = state.assets[id];
            const team = receipt.followUpTeamId ? state.assets[receipt.followUpTeamId] : undefined;
            return {
              id,
              name: asset ? nameIn(language, asset) : id,
              team: team ? nameIn(language, team) : null,
            };
          }),
        };
      });
  });
  return (
    <div className="notice-board" data-testid="notice-board">
      {canIssue && <NewNotice />}
      {rows.length === 0 && <p className="muted">{t('board.none')}</p>}
      <ul className="alarm-list">
        {rows.map((row) => (
          <li key={row.id} data-testid={`board-${row.id}`}>
            <b>{row.title}</b>{' '}
            <span className="muted">{formatHourMinute(language, row.issuedAt)}</span>
            <div className="ack-bar" aria-hidden>
              <span style={{ width: `${row.of ? (100 * row.acked) / row.of : 0}%` }} />
            </div>
            <div data-testid={`board-count-${row.id}`}>
              {t('board.acked', { n: row.acked, of: row.of })}
            </div>
            {row.late.length > 0 && (
              <div className="late">
                {t('board.late', { n: row.late.length })}
                {row.late
                  .slice(0, 8)
                  .map((late) => (late.team ? `${late.name}（${late.team}）` : late.name))
                  .join('、')}
                {row.late.length > 8 && ' …'}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function NewNotice() {
  const { t } = useLanguage();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [lowLying, setLowLying] = useState(false);
  const [garage, setGarage] = useState(false);
  const [within, setWithin] = useState('30');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const audience = lowLying || garage ? { lowLying, undergroundGarage: garage } : { all: true };
    try {
      await request('POST', '/api/v1/notices', 'NoticeIssued', {
        title,
        body,
        audience,
        ...(within ? { ackWithinMinutes: Number(within) } : {}),
      });
      setOpen(false);
      setTitle('');
      setBody('');
    } catch (error) {
      setNotice(error instanceof ApiError ? error.message : String(error));
    }
  }
  if (!open)
    return (
      <button
        type="button"
        className="primary"
        data-testid="board-new"
        onClick={() => setOpen(true)}
      >
        {t('board.new')}
      </button>
    );
  return (
    <form className="new-notice" onSubmit={submit}>
      <input
        placeholder={t('board.titleField')}
        required
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <textarea
        placeholder={t('board.body')}
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <label>
        <input type="checkbox" checked={lowLying} onChange={(e) => setLowLying(e.target.checked)} />
        {t('board.lowLying')}
      </label>
      <label>
        <input type="checkbox" checked={garage} onChange={(e) => setGarage(e.target.checked)} />
        {t('board.garage')}
      </label>
      <label>
        {t('board.within')}
        <input type="number" min={1} value={within} onChange={(e) => setWithin(e.target.value)} />
      </label>
      <button type="submit" className="primary">
        {t('board.send')}
      </button>
    </form>
  );
}
