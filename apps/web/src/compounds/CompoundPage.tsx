import './phone.css';
import { useLanguage } from '../i18n/use-language';
import type { Session } from '../store/slices';
import { NoticeList } from './NoticeList';
import { PhoneHeader } from './PhoneHeader';
import { phoneOutbox, unitOfToken, usePending, usePhoneStream } from './phone-session';
import { ReportForm } from './ReportForm';
import { ReportHistory } from './ReportHistory';

/** `/compound`: the property manager's phone. Notices first, then the report form and history. */
export default function CompoundPage({ session }: { session: Session }) {
  const { t } = useLanguage();
  const compoundId = unitOfToken(session.token) ?? session.username;
  const outbox = phoneOutbox(session.username);
  const pending = usePending(outbox);
  usePhoneStream(session.token, compoundId);
  return (
    <div className="phone" data-testid="compound-page">
      <PhoneHeader unitId={compoundId} title={t('compound.title')} pending={pending} />
      <NoticeList unitId={compoundId} outbox={outbox} />
      <ReportForm outbox={outbox} />
      <ReportHistory compoundId={compoundId} />
    </div>
  );
}
