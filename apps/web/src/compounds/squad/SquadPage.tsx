import '../phone.css';
import { useEffect, type ComponentType } from 'react';
import { useLanguage } from '../../i18n/use-language';
import { loadBaseData } from '../../live/base-data';
import type { Session } from '../../store/slices';
import type { CommandOutbox } from '../outbox';
import { NoticeList } from '../NoticeList';
import { PhoneHeader } from '../PhoneHeader';
import { phoneOutbox, unitOfToken, usePending, usePhoneStream } from '../phone-session';
import { AssignmentCard } from './AssignmentCard';
import { CheckInButton } from './CheckInButton';
import { StatusButtons } from './StatusButtons';
import { TaskList } from '../../plans/TaskList';

/** What every section of the squad page gets. */
export interface SquadSectionProps {
  squadId: string;
  outbox: CommandOutbox;
}

/**
 * The page's sections, top to bottom. A new one (the plans branch's tasks) is one line here.
 */
export const SQUAD_SECTIONS: ComponentType<SquadSectionProps>[] = [
  AssignmentCard,
  StatusButtons,
  CheckInButton,
  ({ squadId, outbox }) => <NoticeList unitId={squadId} outbox={outbox} />,
  SquadTasks,
];

/** The plan tasks issued to this squad, in a card like the page's other sections. */
function SquadTasks({ squadId, outbox }: SquadSectionProps) {
  const { t } = useLanguage();
  return (
    <section className="phone-card" data-testid="squad-tasks">
      <h2>{t('task.squadHeading')}</h2>
      <TaskList assigneeId={squadId} outbox={outbox} />
    </section>
  );
}

/** `/squad`: the squad leader's phone. Works offline: commands wait in the outbox. */
export default function SquadPage({ session }: { session: Session }) {
  const { t } = useLanguage();
  const squadId = unitOfToken(session.token) ?? session.username;
  const outbox = phoneOutbox(session.username);
  const pending = usePending(outbox);
  usePhoneStream(session.token, squadId);
  // The small map's 街镇 and river (cached by the browser: the answer carries an ETag).
  useEffect(() => loadBaseData(), []);
  return (
    <div className="phone" data-testid="squad-page">
      <PhoneHeader unitId={squadId} title={t('squad.title')} pending={pending} />
      {SQUAD_SECTIONS.map((Section, index) => (
        <Section key={index} squadId={squadId} outbox={outbox} />
      ))}
    </div>
  );
}
