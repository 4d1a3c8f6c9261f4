import {
  ClientConfigSchema,
  ClockAnswerSchema,
  CommandAckSchema,
  CreatedSchema,
  DrillListSchema,
  DrillMarksSchema,
  DrillSchema,
  ErrorBodySchema,
  EventBatchSchema,
  FollowAckSchema,
  GeographySchema,
  KeyIssuedSchema,
  NoticeIssuedSchema,
  ReportAnswerSchema,
  SessionSchema,
  SocketRefusalSchema,
  StreamStateSchema,
  UserCreatedSchema,
} from '@floodnet/domain';
import type { Static } from '@sinclair/typebox';

/**
 * Every answer the web app reads from the server, HTTP and socket, by the name of its schema in
 * the contract. The schemas are the domain's own objects — the ones the server's routes answer
 * with — and `checkers.generated.ts` holds their compiled checkers (see generate-checkers.ts).
 */
export const ANSWERS = {
  Session: SessionSchema,
  ClientConfig: ClientConfigSchema,
  Geography: GeographySchema,
  StreamState: StreamStateSchema,
  CommandAck: CommandAckSchema,
  Created: CreatedSchema,
  UserCreated: UserCreatedSchema,
  KeyIssued: KeyIssuedSchema,
  NoticeIssued: NoticeIssuedSchema,
  Drill: DrillSchema,
  DrillList: DrillListSchema,
  Clock: ClockAnswerSchema,
  Marks: DrillMarksSchema,
  Report: ReportAnswerSchema,
  Error: ErrorBodySchema,
  EventBatch: EventBatchSchema,
  FollowAck: FollowAckSchema,
  SocketRefusal: SocketRefusalSchema,
};

export type AnswerName = keyof typeof ANSWERS;
export type Answer<K extends AnswerName> = Static<(typeof ANSWERS)[K]>;
