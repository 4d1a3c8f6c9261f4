import { useState, type FormEvent } from 'react';
import { COMPOUND_REPORT_KINDS } from '@floodnet/domain';
import { useLanguage } from '../i18n/use-language';
import type { CommandOutbox } from './outbox';

type Kind = (typeof COMPOUND_REPORT_KINDS)[number];

/** What the property manager sees and sends: one kind, the numbers it needs, a line of text. */
export function ReportForm({ outbox }: { outbox: CommandOutbox }) {
  const { t } = useLanguage();
  const [kind, setKind] = useState<Kind>('water-depth');
  const [depth, setDepth] = useState('');
  const [where, setWhere] = useState<'garage' | 'entrance'>('garage');
  const [people, setPeople] = useState('');
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const needsDepth = kind === 'water-depth' || kind === 'garage-flooded';

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      kind,
      ...(needsDepth && depth !== '' ? { depthCm: Number(depth), where } : {}),
      ...(kind === 'people-to-move' && people !== '' ? { people: Number(people) } : {}),
      ...(text.trim() ? { text: text.trim() } : {}),
    };
    outbox.send('/api/v1/compound-reports', body, kind);
    setSent(true);
    setDepth('');
    setPeople('');
    setText('');
  }

  return (
    <form className="phone-card report-form" onSubmit={submit} data-testid="report-form">
      <h2>{t('compound.report')}</h2>
      <div className="kinds" role="radiogroup" aria-label={t('compound.kind')}>
        {COMPOUND_REPORT_KINDS.map((option) => (
          <button
            key={option}
            type="button"
            role="radio"
            aria-checked={kind === option}
            className={kind === option ? 'on' : ''}
            data-testid={`kind-${option}`}
            onClick={() => {
              setKind(option);
              setSent(false);
            }}
          >
            {t(`report.${option}`)}
          </button>
        ))}
      </div>
      {needsDepth && (
        <>
          <label>
            {t('compound.where')}
            <select
              value={where}
              data-testid="report-where"
              onChange={(event) => setWhere(event.target.value as 'garage' | 'entrance')}
            >
              <option value="garage">{t('report.garage')}</option>
              <option value="entrance">{t('report.entrance')}</option>
            </select>
          </label>
          <label>
            {t('compound.depth')}
            <input
              inputMode="numeric"
              type="number"
              min={0}
              max={500}
              required
              value={depth}
              data-testid="report-depth"
              onChange={(event) => setDepth(event.target.value)}
            />
          </label>
        </>
      )}
      {kind === 'people-to-move' && (
        <label>
          {t('compound.people')}
          <input
            inputMode="numeric"
            type="number"
            min={0}
            required
            value={people}
            onChange={(event) => setPeople(event.target.value)}
          />
        </label>
      )}
      <label>
        {t('compound.text')}
        <textarea
          rows={2}
          maxLength={1000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button type="submit" className="big primary" data-testid="report-send">
        {t('compound.send')}
      </button>
      {sent && <p className="done">✓ {t('compound.sent')}</p>}
    </form>
  );
}
