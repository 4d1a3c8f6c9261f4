import { Type, type Static } from '@sinclair/typebox';
import { RoleSchema } from '../model/vocabulary.js';

/** What the commands and sign-in answer: the same shapes for the server and the web app. */

/** A command that committed: the seq of its last event (wait for it on the stream). */
export const CommandAckSchema = Type.Object(
  { seq: Type.Integer({ minimum: 0, description: 'seq of the last event the command committed' }) },
  { description: 'Committed', examples: [{ seq: 4711 }] },
);
export type CommandAck = Static<typeof CommandAckSchema>;

/** A command that created something (an incident): its id, and the seq of its events. */
export const CreatedSchema = Type.Object(
  {
    id: Type.String({ description: 'id of what was created' }),
    seq: Type.Integer({ minimum: 0, description: 'seq of the last event the command committed' }),
  },
  { description: 'Created and committed', examples: [{ id: 'inc-7', seq: 5120 }] },
);
export type Created = Static<typeof CreatedSchema>;

/** `POST /api/v1/readings`, once committed. */
export const ReadingsAckSchema = Type.Object(
  {
    accepted: Type.Integer({ minimum: 0, description: 'readings stored by this request' }),
    duplicates: Type.Integer({
      minimum: 0,
      description: 'readings whose id was already stored (not again)',
    }),
    seq: Type.Integer({ minimum: 0, description: 'the stream seq once committed' }),
  },
  { description: 'Committed', examples: [{ accepted: 2, duplicates: 0, seq: 1842 }] },
);
export type ReadingsAck = Static<typeof ReadingsAckSchema>;

/** `POST /api/v1/session`. */
export const SessionSchema = Type.Object({
  token: Type.String({ description: 'Bearer token for the API and the socket, valid one shift' }),
  role: RoleSchema,
  expiresAt: Type.String({
    description: 'ISO-8601 expiry (the configured token lifetime, 8 hours by default)',
  }),
  compoundId: Type.Optional(
    Type.String({ description: 'the compound a `compound` account acts for' }),
  ),
  squadId: Type.Optional(Type.String({ description: 'the squad a `squad` account acts for' })),
});
export type Session = Static<typeof SessionSchema>;

/** `GET /api/v1/config`: what the web app needs before sign-in. */
export const ClientConfigSchema = Type.Object(
  {
    tiles: Type.Union([Type.String(), Type.Null()], {
      description: 'tile URL template (FLOODNET_TILES), or null: base map only',
    }),
    sim: Type.Boolean({ description: 'the simulation drives live' }),
    drill: Type.Boolean({ description: 'drills (replay, forks, reports) are available' }),
  },
  { examples: [{ tiles: null, sim: true, drill: true }] },
);
export type ClientConfig = Static<typeof ClientConfigSchema>;

/** `POST /api/v1/users`: the account as created (its binding, if it has one). */
export const UserCreatedSchema = Type.Object(
  {
    username: Type.String(),
    role: RoleSchema,
    compoundId: Type.Optional(Type.String()),
    squadId: Type.Optional(Type.String()),
  },
  { description: 'Created' },
);
export type UserCreated = Static<typeof UserCreatedSchema>;

/** `POST /api/v1/notices`: the notice, how many it went to, and the seq of its events. */
export const NoticeIssuedSchema = Type.Object(
  {
    id: Type.String(),
    recipients: Type.Integer({ description: 'how many compounds and squads it went to' }),
    seq: Type.Integer(),
  },
  { description: 'Issued', examples: [{ id: 'ntc-3', recipients: 42, seq: 9120 }] },
);
export type NoticeIssued = Static<typeof NoticeIssuedSchema>;

/** What a key may do: `ingest` (readings, positions, …) by default, `read` when granted. */
export const KEY_SCOPES = ['ingest', 'read'] as const;
export const KeyScopeSchema = Type.Union(KEY_SCOPES.map((scope) => Type.Literal(scope)));

/** `POST /api/v1/keys`: the key itself, shown this once (only its hash is kept). */
export const KeyIssuedSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    key: Type.String({ description: 'shown once' }),
    scopes: Type.Array(KeyScopeSchema),
  },
  { description: 'Issued' },
);
export type KeyIssued = Static<typeof KeyIssuedSchema>;
