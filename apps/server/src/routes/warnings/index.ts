import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { own, WarningBodySchema, type CapAlert, type RefusalCode } from '@floodnet/domain';
import { RefusedError } from '../../errors.js';
import createError from '@fastify/error';
import { actorOf } from '../../plugins/auth.js';
import { bearer, commandErrors, errors, StreamQuerySchema } from '../schemas.js';
import { parseCapXml } from './cap-xml.js';

const CAP_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'];
/** A CAP message is a few kB; a megabyte leaves room for long descriptions. */
const WARNING_BODY_LIMIT = 1024 * 1024;

const Invalid = createError('VALIDATION_FAILED', '%s', 400);

const WarningAckSchema = Type.Object(
  {
    warningId: Type.String({ description: 'the warning the message belongs to' }),
    seq: Type.Integer(),
    duplicate: Type.Boolean({ description: 'the message was already received (not stored twice)' }),
  },
  {
    description: 'Taken',
    examples: [{ warningId: 'sh-hightide-20210723-blue', seq: 88, duplicate: false }],
  },
);

const example = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>sh-hightide-20210723-blue</identifier>
  <sender>shfxzx@sh.gov.cn</sender>
  <sent>2021-07-23T10:00:00+08:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <category>Met</category>
    <event>高潮位蓝色预警</event>
    <urgency>Expected</urgency>
    <severity>Minor</severity>
    <certainty>Likely</certainty>
    <onset>2021-07-24T00:00:00+08:00</onset>
    <expires>2021-07-26T12:00:00+08:00</expires>
    <headline>上海市防汛信息中心发布高潮位蓝色预警</headline>
    <description>受台风“烟花”影响，24—26日子潮黄浦公园站潮位将超警戒。</description>
    <area><areaDesc>黄浦江沿线</areaDesc></area>
  </info>
</alert>`;

/**
 * Official warnings in: CAP 1.2 as XML (as China's national early-warning platform publishes
 * it) or the same content as JSON. Refused whole, with the element at fault, or taken whole.
 */
const warnings: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(CAP_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });

  app.post(
    '/warnings',
    {
      onRequest: app.auth.authenticateIngest,
      bodyLimit: WARNING_BODY_LIMIT,
      schema: {
        operationId: 'receiveWarning',
        tags: ['warnings'],
        summary: 'Take in an official warning (CAP 1.2)',
        description:
          'An official warning from the weather bureau, the hydrological service or the city ' +
          'flood-control headquarters, as CAP 1.2 XML (`Content-Type: application/cap+xml`) or ' +
          'as JSON `{alert: {…}}` with CAP’s element names. `msgType` Alert issues a warning, ' +
          'Update and Cancel name it in `references` (`sender,identifier,sent`). Typhoon, ' +
          'rainstorm, high-tide (高潮位 / 风暴潮) and flood-control (防汛) warnings are taken; ' +
          'the colour is read from the event (蓝色 / 黄色 / 橙色 / 红色) or from CAP `severity`. ' +
          'A warning ends at its `expires`.\n\n' +
          'Refusals, nothing stored: 400 `XML_DOCTYPE_REFUSED` (DOCTYPE or ENTITY ' +
          'declarations: XML bombs), `MALFORMED_XML`, `CAP_INVALID` / `VALIDATION_FAILED` ' +
          '(`error.path` names the element, e.g. `/alert/info/event`), `CAP_ELEMENT_MISSING`; ' +
          '413 `BODY_TOO_LARGE` (over 1 MB); 422 `WARNING_EVENT_UNSUPPORTED`, ' +
          '`WARNING_LEVEL_UNKNOWN`, `WARNING_EXPIRED`, `WARNING_NOT_ACTUAL`, ' +
          '`UNKNOWN_WARNING_REFERENCE`, `WARNING_KIND_MISMATCH`; 409 `WARNING_NOT_IN_FORCE`. A ' +
          'message whose identifier was already received is acknowledged and not stored twice.',
        security: bearer,
        querystring: StreamQuerySchema,
        body: {
          content: {
            'application/json': { schema: WarningBodySchema },
            'application/cap+xml': { schema: Type.String({ examples: [example] }) },
          },
        },
        response: {
          201: WarningAckSchema,
          ...errors({
            ...commandErrors,
            400: [
              'VALIDATION_FAILED',
              'MALFORMED_XML',
              'XML_DOCTYPE_REFUSED',
              'CAP_INVALID',
              'CAP_ELEMENT_MISSING',
            ],
            409: ['WARNING_NOT_IN_FORCE'],
            415: ['UNSUPPORTED_MEDIA_TYPE'],
            422: [
              'WARNING_EVENT_UNSUPPORTED',
              'WARNING_LEVEL_UNKNOWN',
              'WARNING_EXPIRED',
              'UNKNOWN_WARNING_REFERENCE',
            ],
          }),
        },
      },
    },
    async (request, reply) => {
      const alert = readAlert(request.body as unknown);
      const stream = request.query.stream ?? 'live';
      const { events, seq } = await app.engine.execute(
        stream,
        { type: 'receiveWarning', alert },
        actorOf(request),
      );
      const first = events.find((event) => event.type.startsWith('warning.'));
      const warningId =
        (first?.data as { warningId?: string } | undefined)?.warningId ??
        own(app.engine.get(stream).state.warningByMessage, alert.identifier) ??
        alert.identifier;
      return reply.status(201).send({ warningId, seq, duplicate: events.length === 0 });
    },
  );
};

/** The CAP message from either form: XML text parsed and checked, JSON already checked. */
function readAlert(body: unknown): CapAlert {
  if (typeof body === 'string') {
    const parsed = parseCapXml(body);
    if (!parsed.ok) {
      const { code, message, path } = parsed.refusal;
      // The parser's codes are the API's own (not domain refusals), passed the same way.
      throw new RefusedError({ code: code as RefusalCode, status: 400, message, path });
    }
    return parsed.alert;
  }
  if (!Value.Check(WarningBodySchema, body)) throw new Invalid('not a CAP alert');
  return body.alert;
}

export default warnings;
