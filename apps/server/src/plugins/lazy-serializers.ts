import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Factory = ReturnType<typeof SerializerSelector>;

/**
 * Response serialisers compiled at a route's first answer with each status, not all at start.
 * Fastify compiles every route's response schemas with fast-json-stringify before it listens;
 * with the picture described over all sixteen areas that took 1.3 s of a 1.5 s start (profile of
 * `buildApp` + `listen`) — on the night a server restarts, before any screen is served. Most
 * of those serialisers never run: `GET /state` sends a body rendered once per seq, and most
 * error statuses are rare. The output is the same fast-json-stringify output, compiled later.
 */
export function lazySerializers(): Factory {
  const build = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (route) => {
      let serialize: ((doc: unknown) => string) | null = null;
      return (doc) => (serialize ??= compile(route))(doc);
    };
  };
}
