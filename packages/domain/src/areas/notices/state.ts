import type { Audience } from './commands.js';

/** Times in the state are epoch milliseconds; the envelope carries ISO strings. */
type EpochMs = number;

/** One recipient's receipt: each step's time, or null until it happens. */
export interface Receipt {
  delivered: EpochMs | null;
  read: EpochMs | null;
  acknowledged: EpochMs | null;
  /** When it went overdue (and was handed to `followUpTeamId`), or null. */
  overdue: EpochMs | null;
  followUpTeamId: string | null;
  note: string | null;
}

export interface NoticeState {
  id: string;
  title: string;
  body: string;
  audience: Audience;
  issuedAt: EpochMs;
  issuedBy: string;
  ackBy: EpochMs | null;
  recipients: Record<string, Receipt>;
}

export interface NoticesSlice {
  notices: Record<string, NoticeState>;
  noticeCount: number;
}

export function initialNotices(): NoticesSlice {
  return { notices: {}, noticeCount: 0 };
}
