import { Type } from '@sinclair/typebox';
import { EntityIdSchema, IsoTimeSchema } from '../../model/primitives.js';
import { SeveritySchema, WarningKindSchema } from '../../model/vocabulary.js';

/** What an official warning says, as floodnet keeps it (from the CAP message's `info`). */
const WarningContent = {
  level: SeveritySchema,
  sentAt: IsoTimeSchema,
  onsetAt: IsoTimeSchema,
  expiresAt: IsoTimeSchema,
  headline: Type.String(),
  description: Type.String(),
  areaDesc: Type.String(),
  /** The CAP message that said it. */
  identifier: EntityIdSchema,
};

/** Official warnings: issued, updated and cancelled by their issuers, never by floodnet. */
export const warningEvents = {
  'warning.issued': Type.Object({
    /** The first message's CAP identifier: the warning's id for its whole life. */
    warningId: EntityIdSchema,
    kind: WarningKindSchema,
    sender: Type.String(),
    event: Type.String(),
    ...WarningContent,
  }),
  'warning.updated': Type.Object({ warningId: EntityIdSchema, ...WarningContent }),
  'warning.cancelled': Type.Object({
    warningId: EntityIdSchema,
    /** The Cancel message, or null when the warning simply ran out (`reason: expired`). */
    identifier: Type.Union([EntityIdSchema, Type.Null()]),
    reason: Type.Union([Type.Literal('cancelled'), Type.Literal('expired')]),
  }),
} as const;
