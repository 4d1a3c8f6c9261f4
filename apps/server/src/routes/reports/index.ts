import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { compareReports, toShanghaiIso } from '@floodnet/domain';
import { UnknownStream } from '../../errors.js';
import { bearer, errors, readErrors, ref } from '../schemas.js';
import { buildReport } from './build.js';
import { reportCsv } from './csv.js';
import { reportHtml } from './html.js';
import { ReportAnswerSchema, ReportQuerySchema, type ReportAnswer } from './schemas.js';

/** After-action reports of any stream: live, a drill up to its clock, a fork beside its original. */
const reports: FastifyPluginAsyncTypebox = async (app) => {
  /** The report of a stream as it stands, with the comparison when the stream is a fork. */
  async function answerFor(stream: string): Promise<ReportAnswer> {
    if (!stream.startsWith('drill:')) {
      const engine = app.engine.get(stream);
      const report = await buildReport(app.eventLog, stream, engine.committedSeq);
      const clockAt = engine.state.clock === null ? null : toShanghaiIso(engine.state.clock);
      return { stream, clockAt, report };
    }
    const scope = app.drills.reportScope(stream);
    if (!scope) throw new UnknownStream(stream);
    const report = await buildReport(app.eventLog, stream, scope.toSeq);
    const answer: ReportAnswer = { stream, clockAt: toShanghaiIso(scope.clockAt), report };
    if (scope.original) {
      const { stream: parent, toSeq } = scope.original;
      const original = await buildReport(app.eventLog, parent, toSeq);
      answer.original = { stream: parent, report: original };
      answer.comparison = compareReports(original, report);
    }
    return answer;
  }

  app.get(
    '/reports',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'getReport',
        tags: ['reports'],
        summary: 'After-action report of a stream',
        description:
          'Any signed-in role. For each incident the times reported → assigned → on scene → ' +
          'resolved; every alarm and how long until acknowledged; squad utilisation by hour. ' +
          'A drill is reported up to its clock; a fork also gets `original` (its parent over ' +
          'the same period: the common past plus what the original did after the fork) and a ' +
          '`comparison` of the figures a trainer compares. `format=html` is a printable page ' +
          '(Chinese and English headings, Asia/Shanghai times); `format=csv` downloads the ' +
          'incidents, alarms and utilisation tables, each with a header row. Times in JSON are ' +
          'epoch ms.',
        security: bearer,
        querystring: ReportQuerySchema,
        response: {
          200: {
            description: 'The report (JSON), a printable page (HTML) or tables (CSV)',
            content: {
              'application/json': { schema: ref('Report', ReportAnswerSchema) },
              'text/html': { schema: Type.String({ description: 'self-contained page' }) },
              'text/csv': {
                schema: Type.String({ description: 'incidents, alarms, utilisation' }),
              },
            },
          },
          ...errors(readErrors),
        },
      },
    },
    async (request, reply) => {
      const { stream = 'live', format = 'json' } = request.query;
      const answer = await answerFor(stream);
      const file = `floodnet-report-${stream.replace(':', '-')}`;
      switch (format) {
        case 'json':
          return reply.type('application/json').send(answer);
        case 'html':
          return reply
            .type('text/html; charset=utf-8')
            .header('content-disposition', `inline; filename="${file}.html"`)
            .send(reportHtml(answer, Date.now()));
        case 'csv':
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${file}.csv"`)
            .send(reportCsv(answer));
        default:
          return format satisfies never;
      }
    },
  );
};

export default reports;
