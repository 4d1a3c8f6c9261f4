import { Type } from '@sinclair/typebox';
import type { ErrorCode } from '@floodnet/domain';

// The drill answers both ends read live in the domain's contract; these two are the server's own.
export {
  ClockAnswerSchema,
  ClockBodySchema,
  DrillListSchema,
  DrillMarksSchema,
  DrillSchema,
  ForkBodySchema,
  ImportRecordingSchema,
  RecordingListSchema,
} from '@floodnet/domain';

export const ImportQuerySchema = Type.Object({
  name: Type.Optional(
    Type.String({ minLength: 1, maxLength: 120, description: 'name of an uploaded drill' }),
  ),
});

/** A refused import: the error body, with the number of the first bad line. */
export const BadLineSchema = (codes: ErrorCode[]) =>
  Type.Object(
    {
      error: Type.Object({
        code: Type.Unsafe<ErrorCode>({ type: 'string', enum: codes }),
        message: Type.String({ examples: ['line 37: not JSON (Unexpected token } in JSON)'] }),
        path: Type.Optional(Type.String()),
        line: Type.Optional(Type.Integer({ minimum: 1, description: 'the first bad line' })),
      }),
    },
    { description: `${codes.join(', ')}: nothing of the import is kept` },
  );
