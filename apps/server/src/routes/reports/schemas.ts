import { Type } from '@sinclair/typebox';
import { StreamNameSchema } from '@floodnet/domain';

// The report answer both ends read lives in the domain's contract; the query is the server's.
export {
  AfterActionReportSchema,
  ComparisonSchema,
  ReportAnswerSchema,
  type ReportAnswer,
} from '@floodnet/domain';

export const ReportQuerySchema = Type.Object({
  stream: Type.Optional(StreamNameSchema),
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('html'), Type.Literal('csv')], {
      default: 'json',
    }),
  ),
});
