import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** OpenAPI 3 built from the route schemas; UI at `/docs`, JSON at `/docs/json`. */
export default fp(
  async function docsPlugin(app) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'floodnet API (防汛防台一张网)',
          version: '1',
          description:
            'Readings and commands become events in an append-only log; the picture is a fold ' +
            'of the log. Writes go over HTTP and are answered after the commit; reads stream ' +
            'over Socket.IO (`auth: {token, stream, afterSeq?}`; messages `snapshot` ' +
            '`{stream, seq, state}` and `events` — arrays of envelopes; emit `follow` ' +
            '`{stream, afterSeq?}` to switch stream).\n\nEvery error is ' +
            '`{"error": {"code", "message", "path"?}}` with a 4xx/5xx status; `path` is a JSON ' +
            'pointer to the field at fault.',
        },
        components: {
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
          { name: 'ops', description: 'Health and metrics' },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'docs' },
);
