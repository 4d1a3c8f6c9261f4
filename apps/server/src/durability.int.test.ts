import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toShanghaiIso } from '@floodnet/domain';
import { call, catalogue, launchServer, removeDir } from './test-support.js';

const { rainGauge } = catalogue();
const ADMIN_PASSWORD = 'durability-trial-password';

const launch = (dataDir: string) => launchServer(dataDir, ADMIN_PASSWORD);

async function allReadingIds(url: string, token: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let after = 0;
  for (;;) {
    const page = await call(url, 'GET', `/api/v1/events?after=${after}&limit=5000`, { token });
    const lines = page.text.split('\n').filter(Boolean);
    for (const line of lines) {
      const event = JSON.parse(line) as { seq: number; id: string; type: string };
      if (event.type === 'reading.recorded') ids.add(event.id);
      after = event.seq;
    }
    if (lines.length < 5000) return ids;
  }
}

describe('durability', () => {
  it('keeps every acknowledged reading when the server is killed mid-stream (3 trials)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'floodnet-durability-'));
    try {
      const acknowledged = new Set<string>();
      let next = 0;
      for (let trial = 0; trial < 3; trial += 1) {
        const { child, url } = await launch(dataDir);
        const session = await call(url, 'POST', '/api/v1/session', {
          body: { username: 'admin', password: ADMIN_PASSWORD },
        });
        const token = String(session.body.token);
        const key = String(
          (await call(url, 'POST', '/api/v1/keys', { token, body: { name: `w${trial}` } })).body
            .key,
        );

        // Four writers push batches until the process dies under them.
        let killed = false;
        const writer = async () => {
          while (!killed) {
            const readings = Array.from({ length: 20 }, () => {
              next += 1;
              return {
                id: `d-${next}`,
                sensorId: rainGauge.id,
                at: toShanghaiIso(Date.now() - 3600_000),
                value: 0.2,
              };
            });
            try {
              const answer = await call(url, 'POST', '/api/v1/readings', {
                token: key,
                body: { readings },
              });
              if (answer.status === 202) for (const r of readings) acknowledged.add(r.id);
            } catch {
              return; // the connection died with the server: this batch was never acknowledged
            }
          }
        };
        const writers = Array.from({ length: 4 }, writer);
        const before = acknowledged.size;
        while (acknowledged.size < before + 200) await new Promise((r) => setTimeout(r, 5));
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        killed = true;
        await Promise.all([exited, ...writers]);

        const restarted = await launch(dataDir);
        try {
          const login = await call(restarted.url, 'POST', '/api/v1/session', {
            body: { username: 'admin', password: ADMIN_PASSWORD },
          });
          const stored = await allReadingIds(restarted.url, String(login.body.token));
          const lost = [...acknowledged].filter((id) => !stored.has(id));
          expect(lost).toEqual([]);
        } finally {
          const exited = new Promise((resolve) => restarted.child.once('exit', resolve));
          restarted.child.kill('SIGTERM');
          await exited;
        }
      }
    } finally {
      removeDir(dataDir);
    }
  }, 120_000);
});
