// The documents an integrator starts from, checked by the ecosystem's own tools against a live
// server: three OpenAPI validators, openapi-typescript's generated client, and AsyncAPI's parser.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import { Parser } from '@asyncapi/parser';
import ts from 'typescript';
import type { OpenAPIV3_1 } from 'openapi-types';
import { call, removeDir, startServer, type Running } from '../test-support.js';

type Document = OpenAPIV3_1.Document;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

describe('the published contract', { timeout: 60_000 }, () => {
  let server: Running;
  let openapi: Document;
  let text: string;

  beforeAll(async () => {
    server = await startServer();
    const answer = await call<Document>(server.url, 'GET', '/docs/json');
    expect(answer.status).toBe(200);
    openapi = answer.body;
    text = answer.text;
  }, 60_000);
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  const operations = () =>
    Object.entries(openapi.paths ?? {}).flatMap(([path, item]) =>
      METHODS.flatMap((method) => {
        const operation = item?.[method];
        return operation ? [{ path, method, operation }] : [];
      }),
    );

  it('is OpenAPI 3.1 that @apidevtools/swagger-parser accepts', async () => {
    expect(openapi.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(openapi) as never)).resolves.toBeTruthy();
  });

  it('is OpenAPI 3.1 that @seriousme/openapi-schema-validator accepts', async () => {
    const result = await new Validator().validate(structuredClone(openapi) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it(
    'has no error under @redocly/openapi-core’s recommended rules',
    { timeout: 30_000 },
    async () => {
      const config = await createConfig({ extends: ['recommended'] });
      const problems = await lintFromString({ source: text, absoluteRef: 'openapi.json', config });
      const errors = problems
        .filter((problem) => problem.severity === 'error')
        .map(
          (problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`,
        );
      expect(errors).toEqual([]);
    },
  );

  it('names and describes every operation, and lists each error response’s codes', () => {
    const ids = new Set<string>();
    for (const { path, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(operation.operationId!), `${where}: operationId repeated`).toBe(false);
      ids.add(operation.operationId!);
      expect(operation.summary, where).toBeTruthy();
      expect(operation.tags?.length, where).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 400) continue;
        // Readiness says why it is not ready in its own body, for load balancers, not an error.
        if (path === '/healthz' && status === '503') continue;
        const schema = (response as OpenAPIV3_1.ResponseObject).content?.['application/json']
          ?.schema as OpenAPIV3_1.SchemaObject | undefined;
        const code = (schema?.properties?.error as OpenAPIV3_1.SchemaObject | undefined)?.properties
          ?.code as OpenAPIV3_1.SchemaObject | undefined;
        expect(code?.enum?.length ?? 0, `${where} ${status} has no code enum`).toBeGreaterThan(0);
      }
    }
    expect(ids.size).toBeGreaterThan(25);
  });

  it('names the contract’s schemas and documents ETag, RateLimit and Retry-After headers', () => {
    const schemas = openapi.components?.schemas ?? {};
    for (const name of ['State', 'StreamState', 'EventEnvelope', 'Feature', 'FeatureCollection']) {
      expect(schemas, name).toHaveProperty(name);
    }
    for (const name of ['Drill', 'Clock', 'Report', 'Marks', 'Error', 'CommandAck', 'Created']) {
      expect(schemas, name).toHaveProperty(name);
    }
    const envelope = schemas.EventEnvelope as OpenAPIV3_1.SchemaObject;
    expect(envelope.oneOf?.length).toBeGreaterThanOrEqual(17);
    const state = openapi.paths?.['/api/v1/state']?.get?.responses?.['200'] as
      OpenAPIV3_1.ResponseObject | undefined;
    expect(state?.content?.['application/json']?.schema).toMatchObject({
      $ref: '#/components/schemas/StreamState',
    });
    expect(Object.keys(state?.headers ?? {})).toContain('etag');
    const readings = openapi.paths?.['/api/v1/readings']?.post?.responses as Record<
      string,
      OpenAPIV3_1.ResponseObject
    >;
    expect(Object.keys(readings['429']?.headers ?? {})).toEqual(
      expect.arrayContaining(['retry-after', 'ratelimit-limit', 'ratelimit-remaining']),
    );
  });

  it(
    'gives a client generated by openapi-typescript real types for state, events and GeoJSON',
    {
      timeout: 60_000,
    },
    async () => {
      const generated = astToString(await openapiTS(structuredClone(openapi) as never));
      const dir = mkdtempSync(join(tmpdir(), 'floodnet-client-'));
      try {
        writeFileSync(join(dir, 'api.ts'), generated);
        // Each line either compiles or, marked, must not: `unknown` would accept the bad ones.
        writeFileSync(
          join(dir, 'use.ts'),
          `import type { components, paths } from './api';
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Picture = Json<paths['/api/v1/state']['get']['responses'][200]>;
type Envelope = components['schemas']['EventEnvelope'];
type Feature = components['schemas']['FeatureCollection']['features'][number];
export const seq: Picture['seq'] = 42;
export const level: Picture['state']['responseLevel'] = 'III';
// @ts-expect-error a response level is one of IV, III, II, I
export const badLevel: Picture['state']['responseLevel'] = 'V';
export const status: Picture['state']['units'][string]['status'] = 'en-route';
// @ts-expect-error the picture's seq is a number
export const badSeq: Picture['seq'] = 'forty-two';
export function valueOf(event: Envelope): number | null {
  if (event.type === 'reading.recorded') return event.data.value;
  // @ts-expect-error an alert has no sensorId
  if (event.type === 'alert.raised') return event.data.sensorId;
  return null;
}
// @ts-expect-error no such event type
export const badType: Envelope['type'] = 'reading.deleted';
export const kind: Feature['properties']['kind'] = 'incident';
// @ts-expect-error not a kind of feature
export const badKind: Feature['properties']['kind'] = 'spaceship';
export const x: Feature['geometry']['type'] = 'Point';
`,
        );
        const program = ts.createProgram([join(dir, 'use.ts')], {
          strict: true,
          noEmit: true,
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          moduleResolution: ts.ModuleResolutionKind.Bundler,
          skipLibCheck: true,
        });
        const diagnostics = ts
          .getPreEmitDiagnostics(program)
          .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        expect(diagnostics).toEqual([]);
      } finally {
        removeDir(dir);
      }
    },
  );

  it(
    'publishes AsyncAPI 3.0 for the socket that @asyncapi/parser accepts',
    {
      timeout: 60_000,
    },
    async () => {
      const answer = await call<Record<string, unknown>>(server.url, 'GET', '/docs/asyncapi.json');
      expect(answer.status).toBe(200);
      expect(answer.body.asyncapi).toBe('3.0.0');
      const { document, diagnostics } = await new Parser().parse(answer.text);
      const errors = diagnostics
        .filter((diagnostic) => diagnostic.severity === 0)
        .map(
          (diagnostic) =>
            `${diagnostic.code}: ${diagnostic.message} at ${diagnostic.path.join('.')}`,
        );
      expect(errors).toEqual([]);
      expect(document).toBeDefined();
      const messages = document!
        .allMessages()
        .all()
        .map((message) => message.name());
      expect(messages).toEqual(
        expect.arrayContaining(['handshake', 'connect_error', 'snapshot', 'events', 'follow']),
      );
      const refusal = document!.components().schemas().get('SocketRefusal')?.json() as {
        properties: { code: { anyOf: { const: string }[] } };
      };
      expect(refusal.properties.code.anyOf.map((member) => member.const)).toEqual(
        expect.arrayContaining(['UNAUTHORIZED', 'UNKNOWN_STREAM', 'ORIGIN_NOT_ALLOWED']),
      );
    },
  );
});
