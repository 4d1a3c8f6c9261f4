import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { CloneType, Type, type TSchema } from '@sinclair/typebox';
import {
  ClientConfigSchema,
  ClockAnswerSchema,
  CommandAckSchema,
  CreatedSchema,
  DrillMarksSchema,
  DrillSchema,
  ErrorBodySchema,
  EventEnvelopeSchema,
  FollowAckSchema,
  GeographySchema,
  KeyIssuedSchema,
  NoticeIssuedSchema,
  PictureFeatureSchema,
  ReadingsAckSchema,
  RecordingListSchema,
  ReportAnswerSchema,
  SessionSchema,
  SocketRefusalSchema,
  StateSchema,
  UserCreatedSchema,
} from '@floodnet/domain';
import { asyncApiDocument } from '../docs/asyncapi.js';
import { contractNameOf } from '../routes/schemas.js';

/** `reading.recorded` → `ReadingRecordedEvent`: one named schema per event type. */
export function eventSchemaName(type: string): string {
  const words = type.split(/[.]/).map((word) => word[0]!.toUpperCase() + word.slice(1));
  return `${words.join('')}Event`;
}

const local = (name: string) => Type.Unsafe({ $ref: `#/components/schemas/${name}` });

/** The event envelope's variants, each named, and the envelope as their tagged union. */
function eventComponents(): Record<string, TSchema> {
  const variants = EventEnvelopeSchema.anyOf as TSchema[];
  const named: Record<string, TSchema> = {};
  const mapping: Record<string, string> = {};
  for (const variant of variants) {
    const type = (variant as unknown as { properties: { type: { const: string } } }).properties.type
      .const;
    const name = eventSchemaName(type);
    named[name] = CloneType(variant, { description: `The \`${type}\` event` });
    mapping[type] = `#/components/schemas/${name}`;
  }
  named.EventEnvelope = Type.Unsafe({
    description:
      'One event of the log, as in NDJSON exports and the socket stream: `seq` is gap-free ' +
      'and rises by one within a stream, `id` is unique (an idempotency key), `at` is the event ' +
      'time, ISO 8601 in +08:00 to the second like every time floodnet answers. Clients skip ' +
      'types they do not know.',
    oneOf: Object.keys(named).map(local),
    discriminator: { propertyName: 'type', mapping },
  });
  return named;
}

/**
 * The contract's named schemas (`components.schemas`): what a client generated from `/docs/json`
 * gets as types. Routes refer to them with `ref(name, schema)`.
 */
export function contractComponents(): Record<string, TSchema> {
  return {
    State: StateSchema,
    StreamState: Type.Object(
      {
        stream: Type.String({ description: '`live` or `drill:<id>`' }),
        seq: Type.Integer({ minimum: 0, description: 'the committed seq the picture stands at' }),
        state: local('State'),
      },
      { description: 'A stream’s picture at a committed seq (`GET /state`, socket `snapshot`)' },
    ),
    ...eventComponents(),
    Feature: CloneType(PictureFeatureSchema, {
      description: 'An asset, an open incident or a key area (RFC 7946 Feature)',
    }),
    FeatureCollection: Type.Object(
      {
        type: Type.Literal('FeatureCollection'),
        features: Type.Array(local('Feature')),
      },
      { description: 'The picture as GeoJSON (WGS-84): every asset, open incident and key area' },
    ),
    Drill: DrillSchema,
    DrillList: Type.Object({ drills: Type.Array(local('Drill')) }),
    Recordings: RecordingListSchema,
    Clock: ClockAnswerSchema,
    Marks: DrillMarksSchema,
    Report: ReportAnswerSchema,
    Error: CloneType(ErrorBodySchema, {
      description: 'Every 4xx/5xx answer: `code` (one of these) for programs, `message` for people',
    }),
    CommandAck: CommandAckSchema,
    Created: CreatedSchema,
    ReadingsAck: ReadingsAckSchema,
    Session: SessionSchema,
    ClientConfig: ClientConfigSchema,
    Geography: GeographySchema,
    UserCreated: UserCreatedSchema,
    KeyIssued: KeyIssuedSchema,
    NoticeIssued: NoticeIssuedSchema,
    FollowAck: FollowAckSchema,
    SocketRefusal: SocketRefusalSchema,
  };
}

/**
 * TypeBox writes tuples the draft-07 way (`items: [...]`, `additionalItems`); OpenAPI 3.1 speaks
 * JSON Schema 2020-12, where they are `prefixItems` and `items: false`.
 */
function toDraft2020<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item: unknown) => toDraft2020(item)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = toDraft2020(value);
  if (out.type === 'array' && Array.isArray(out.items)) {
    out.prefixItems = out.items;
    out.items = out.additionalItems === undefined ? true : out.additionalItems;
    delete out.additionalItems;
  }
  // A union of string literals reads best, and generates best, as one enum.
  const members = out.anyOf;
  if (Array.isArray(members) && members.length > 0 && members.every(isStringLiteral)) {
    delete out.anyOf;
    out.type = 'string';
    out.enum = members.map((member: { enum: [string] }) => member.enum[0]);
  }
  return out as T;
}

/** A route's schema for the docs: each part that stands for a named schema becomes its `$ref`. */
function withRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withRefs);
  if (node === null || typeof node !== 'object') return node;
  const name = contractNameOf(node);
  if (name !== undefined) {
    const { description, headers } = node as { description?: string; headers?: unknown };
    return {
      $ref: `#/components/schemas/${name}`,
      ...(description === undefined ? {} : { description }),
      ...(headers === undefined ? {} : { headers }),
    };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = withRefs(value);
  return out;
}

function isStringLiteral(node: unknown): node is { enum: [string] } {
  if (node === null || typeof node !== 'object') return false;
  const { type, enum: values, ...rest } = node as Record<string, unknown>;
  return (
    type === 'string' &&
    Array.isArray(values) &&
    values.length === 1 &&
    Object.keys(rest).length === 0
  );
}

/** OpenAPI 3.1 built from the route schemas; UI at `/docs`, JSON at `/docs/json`. */
export default fp(
  async function docsPlugin(app) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'floodnet API (防汛防台一张网)',
          version: '1.0.0',
          summary: 'Readings, commands and the live picture of a district’s flood defence',
          license: { name: 'MIT', identifier: 'MIT' },
          description:
            'Readings and commands become events in an append-only log; the picture is a fold ' +
            'of the log. Writes go over HTTP and are answered after the commit; reads show only ' +
            'what the log has committed. The socket stream (Socket.IO) is described by AsyncAPI ' +
            'at `/docs/asyncapi.json`.\n\nEvery error is `{"error": {"code", "message", ' +
            '"path"?}}` with a 4xx/5xx status; each response lists the codes it can carry, and ' +
            '`path` is a JSON pointer to the field at fault. Times are ISO 8601 with an offset.',
        },
        servers: [{ url: '/', description: 'this server' }],
        components: {
          // Plain JSON (TypeBox's symbols dropped); never `addSchema`d, which would make every
          // route compile its serialiser against all of them.
          schemas: JSON.parse(JSON.stringify(contractComponents())) as Record<string, object>,
          securitySchemes: {
            bearer: {
              type: 'http',
              scheme: 'bearer',
              description: 'A session token from POST /api/v1/session, or an API key',
            },
          },
        },
        tags: [
          { name: 'session', description: 'Sign in' },
          { name: 'ingest', description: 'Gauge networks and integrators push data' },
          { name: 'state', description: 'The picture and the log' },
          { name: 'commands', description: 'Role-checked commands, recorded with their actor' },
          { name: 'drills', description: 'Replay recorded logs: import, clock, seek, forks' },
          { name: 'reports', description: 'After-action reports (JSON, HTML, CSV)' },
          { name: 'admin', description: 'Accounts and API keys' },
          { name: 'map', description: 'Base map and client configuration' },
          { name: 'ops', description: 'Health, metrics and these documents' },
        ],
      },
      transform: ({ schema, url }) => ({ schema: withRefs(schema) as typeof schema, url }),
      transformObject: (document) =>
        'openapiObject' in document ? toDraft2020(document.openapiObject) : document.swaggerObject,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });

    app.get(
      '/docs/asyncapi.json',
      {
        schema: {
          operationId: 'getAsyncApi',
          // Open to all: no sign-in.
          security: [],
          tags: ['ops'],
          summary: 'AsyncAPI 3.0 document of the socket stream',
          description:
            'Handshake auth, `snapshot`, `events`, `follow` and its acknowledgement, refusals.',
          response: {
            200: {
              description: 'AsyncAPI 3.0 (JSON)',
              content: {
                'application/json': { schema: Type.Object({}, { additionalProperties: true }) },
              },
            },
          },
        },
      },
      async (_request, reply) =>
        reply.type('application/json; charset=utf-8').send(JSON.stringify(asyncApiDocument())),
    );
  },
  { name: 'docs' },
);
