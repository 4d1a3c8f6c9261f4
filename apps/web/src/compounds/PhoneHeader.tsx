import { nameIn } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { setLanguage, signOut } from '../store/actions';
import { useDerived } from '../store/hooks';
import { useStore } from '../store/store';

/** The phone pages' top line: whose page, the connection, language, sign out. */
export function PhoneHeader({
  unitId,
  title,
  pending,
}: {
  unitId: string;
  title: string;
  pending: number;
}) {
  const { language, t } = useLanguage();
  const status = useStore((store) => store.connection.status);
  const name = useDerived((store) => {
    const asset = store.picture.state?.assets[unitId];
    return asset ? nameIn(language, asset) : unitId;
  });
  return (
    <header className="phone-header">
      <div>
        <h1 data-testid="phone-unit">{name}</h1>
        <p className="muted">{title}</p>
      </div>
      <div className="phone-tools">
        <span className={`conn ${status}`} data-testid="phone-connection">
          ● {status === 'live' ? t('conn.online') : t('conn.offline')}
        </span>
        {pending > 0 && (
          <span className="pending" data-testid="phone-pending">
            {t('squad.pending', { n: pending })}
          </span>
        )}
        <button type="button" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}>
          {language === 'zh' ? 'EN' : '中'}
        </button>
        <button type="button" onClick={signOut}>
          {t('compound.signOut')}
        </button>
      </div>
    </header>
  );
}
