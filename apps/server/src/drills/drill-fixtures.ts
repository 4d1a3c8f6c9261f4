// Test helpers for drills: the In-Fa recording (or a stand-in made by the sim engine) and uploads.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTime } from '@floodnet/domain';
import {
  envelopeLine,
  InFaScenario,
  loadInFaInputs,
  OfflineEngine,
  playScenario,
} from '@floodnet/sim';
import { call, type Answer } from '../test-support.js';

export const IN_FA_FILE = fileURLToPath(
  new URL('../../../../fixtures/recordings/in-fa-2021.ndjson', import.meta.url),
);

/** Whether the recorded In-Fa log is there (else the tests record a stand-in themselves). */
export const hasInFaRecording = existsSync(IN_FA_FILE);

/**
 * The In-Fa log as NDJSON lines — the recording when present, else the same scenario played
 * through the sim's engine — cut after `untilAt` (an ISO time) when given.
 */
export function inFaLines(untilAt?: string): string[] {
  const until = untilAt === undefined ? Infinity : parseTime(untilAt);
  if (hasInFaRecording) {
    const lines = readFileSync(IN_FA_FILE, 'utf8').split('\n').filter(Boolean);
    if (until === Infinity) return lines;
    const end = lines.findIndex((line) => parseTime(JSON.parse(line).at) > until);
    return end < 0 ? lines : lines.slice(0, end);
  }
  const inputs = loadInFaInputs();
  const scenario = new InFaScenario(inputs);
  const untilMs = Math.min(until, scenario.endMs);
  const lines: string[] = [];
  for (const envelope of playScenario(scenario, inputs.assets, new OfflineEngine(), untilMs)) {
    lines.push(envelopeLine(envelope));
  }
  return lines;
}

export const ndjson = (lines: string[]) => lines.join('\n') + '\n';

/** Uploads NDJSON as a new drill. */
export function uploadDrill(url: string, token: string, body: string, name?: string) {
  const query = name ? `?name=${encodeURIComponent(name)}` : '';
  return call<Answer>(url, 'POST', `/api/v1/drills${query}`, {
    token,
    raw: body,
    headers: { 'content-type': 'application/x-ndjson' },
  });
}

/** Sets a drill's clock and returns the answer `{at, seq}`. */
export async function clock(
  url: string,
  token: string,
  id: string,
  body: { action: string; at?: string; speed?: number },
) {
  const answer = await call<{ at: string; seq: number } & Answer>(
    url,
    'POST',
    `/api/v1/drills/${id}/clock`,
    { token, body },
  );
  if (answer.status !== 200) throw new Error(`clock ${body.action}: ${answer.text}`);
  return answer.body;
}

/** Polls until `test` holds, or fails after `ms`. */
export async function eventually(test: () => Promise<boolean> | boolean, what: string, ms = 8000) {
  const started = Date.now();
  while (!(await test())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
