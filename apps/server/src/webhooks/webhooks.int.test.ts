import type { ChildProcess } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, catalogue, launchServer, removeDir } from '../test-support.js';

const ADMIN_PASSWORD = 'webhook-trial-password';
const { squad } = catalogue();

/** The server retrying a failed delivery after 40 ms (1 s by default), so a test sees it. */
const launch = (dataDir: string) =>
  launchServer(dataDir, ADMIN_PASSWORD, { FLOODNET_WEBHOOK_RETRY_MS: '40' });

interface Delivery {
  id: string;
  type: string;
  signed: boolean;
}

/** A real receiver, an SMS gateway's stand-in: refuses each event's first attempt every 3rd time. */
function receiver(secret: () => string) {
  const deliveries: Delivery[] = [];
  const attempts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const envelope = JSON.parse(raw) as { id: string; type: string };
      const tries = (attempts.get(envelope.id) ?? 0) + 1;
      attempts.set(envelope.id, tries);
      if (tries === 1 && attempts.size % 3 === 0) {
        response.writeHead(503).end();
        return;
      }
      const expected = Buffer.from(
        `sha256=${createHmac('sha256', secret()).update(raw).digest('hex')}`,
      );
      const given = Buffer.from(String(request.headers['x-floodnet-signature'] ?? ''));
      const signed = given.length === expected.length && timingSafeEqual(given, expected);
      deliveries.push({ id: envelope.id, type: envelope.type, signed });
      response.writeHead(204).end();
    });
  });
  return { server, deliveries };
}

async function until(
  what: string,
  test: () => boolean | Promise<boolean>,
  ms = 20_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('webhooks', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'floodnet-webhooks-'));
  let secret = '';
  const sink = receiver(() => secret);
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    sink.server.close();
    removeDir(dataDir);
  });

  it('delivers every notice once after dropping repeats, signed, across a kill -9', async () => {
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(sink.server.address() as AddressInfo).port}/sms`;
    const signIn = async (url: string) =>
      String(
        (
          await call(url, 'POST', '/api/v1/session', {
            body: { username: 'admin', password: ADMIN_PASSWORD },
          })
        ).body.token,
      );
    const notify = async (url: string, token: string, n: number) => {
      const commander = await call(url, 'POST', '/api/v1/users', {
        token,
        body: { username: `cmd${n}`, password: 'commander pass 1', role: 'commander' },
      });
      expect(commander.status).toBe(201);
      const own = String(
        (
          await call(url, 'POST', '/api/v1/session', {
            body: { username: `cmd${n}`, password: 'commander pass 1' },
          })
        ).body.token,
      );
      for (let i = 0; i < 10; i += 1) {
        const issued = await call(url, 'POST', '/api/v1/notices', {
          token: own,
          body: { title: `通知 ${n}-${i}`, body: '请注意', audience: { squadIds: [squad.id] } },
        });
        expect(issued.status).toBe(201);
      }
    };

    const first = await launch(dataDir);
    children.push(first.child);
    const admin = await signIn(first.url);
    for (const bad of ['ftp://127.0.0.1/x', 'file:///etc/passwd', 'http//nohost', 'gopher://a']) {
      const refused = await call(first.url, 'POST', '/api/v1/webhooks', {
        token: admin,
        body: { url: bad, events: ['notice.issued'] },
      });
      expect([bad, refused.status, refused.body.error?.code]).toEqual([
        bad,
        422,
        'WEBHOOK_URL_INVALID',
      ]);
    }
    const registered = await call(first.url, 'POST', '/api/v1/webhooks', {
      token: admin,
      body: { url: hookUrl, events: ['notice.issued'] },
    });
    expect(registered.status).toBe(201);
    secret = String(registered.body.secret);
    await notify(first.url, admin, 1);
    await until('4 deliveries', () => new Set(sink.deliveries.map((d) => d.id)).size >= 4);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await launch(dataDir);
    children.push(second.child);
    try {
      const token = await signIn(second.url);
      await notify(second.url, token, 2);
      const events = await call(second.url, 'GET', '/api/v1/events?after=0&limit=5000', { token });
      const issued = events.text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { id: string; type: string })
        .filter((event) => event.type === 'notice.issued')
        .map((event) => event.id);
      expect(issued).toHaveLength(20);
      await until(
        `20 deliveries, not ${JSON.stringify(sink.deliveries)}`,
        () => new Set(sink.deliveries.map((d) => d.id)).size >= 20,
      );
      const unique = [...new Set(sink.deliveries.map((d) => d.id))];
      expect(unique.sort()).toEqual([...issued].sort());
      expect(sink.deliveries.every((d) => d.signed && d.type === 'notice.issued')).toBe(true);
      // The retries are visible, and once caught up nothing is left failing.
      await until('the webhook caught up', async () => {
        const list = await call<{ webhooks: { delivered: number; failing: unknown }[] }>(
          second.url,
          'GET',
          '/api/v1/webhooks',
          { token },
        );
        const hook = list.body.webhooks[0];
        return hook !== undefined && hook.failing === null && hook.delivered >= 20;
      });
      const log = await call(second.url, 'GET', '/api/v1/events?after=0&limit=5000', { token });
      expect(log.text).toContain('"type":"webhook.attemptFailed"');
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
    }
  }, 90_000);
});
