import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JSHandle, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureBuilt,
  launchChromium,
  shot,
  signIn,
  startServer,
  type Browser,
  type Running,
} from './harness';

// The HTTP contract as a browser meets it, in Debian's Chromium: a page of another, allowed
// origin (a city platform's) signs in and reads the picture across origins (CORS), a page of an
// origin not on the list cannot, and the map works under floodnet's Content-Security-Policy.

const PASSWORD = 'platform-e2e-pass';

/** A plain page on its own port: another origin than floodnet's. */
async function foreignSite(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end('<!doctype html><title>city platform</title><p>city platform</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, server };
}

interface CrossOriginResult {
  role?: string;
  seq?: number;
  etag?: string | null;
  failed?: string;
}

/**
 * Runs in the foreign page: sign in on floodnet, then read its picture with the token. A string,
 * so that nothing the test's compiler adds travels into the page.
 */
const SIGN_IN_FROM_PAGE = `async ([base, password]) => {
  try {
    const session = await fetch(base + '/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'platform', password }),
    });
    const { token, role } = await session.json();
    const state = await fetch(base + '/api/v1/state', {
      headers: { authorization: 'Bearer ' + token },
    });
    const { seq } = await state.json();
    return { role, seq, etag: state.headers.get('etag') };
  } catch (error) {
    return { failed: String(error) };
  }
}`;

async function signInFrom(page: Page, base: string): Promise<CrossOriginResult> {
  const run = (await page.evaluateHandle(SIGN_IN_FROM_PAGE)) as JSHandle<
    (args: [string, string]) => Promise<CrossOriginResult>
  >;
  return run.evaluate((fn, args) => fn(args), [base, PASSWORD] as [string, string]);
}

describe('the HTTP contract in Chromium', () => {
  let allowed: { origin: string; server: Server };
  let stranger: { origin: string; server: Server };
  let server: Running;
  let browser: Browser;

  beforeAll(async () => {
    await ensureBuilt();
    allowed = await foreignSite();
    stranger = await foreignSite();
    server = await startServer({ origins: [allowed.origin] });
    await server.app.auth.createUser('platform', PASSWORD, 'viewer');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.stop();
    await server?.stop();
    allowed?.server.close();
    stranger?.server.close();
  });

  it('lets a page on an allowed foreign origin sign in and read the picture', async () => {
    const { page } = browser;
    await page.goto(allowed.origin);
    const result = await signInFrom(page, server.url);
    expect(result.failed).toBeUndefined();
    expect(result.role).toBe('viewer');
    expect(result.seq).toBeGreaterThan(0);
    // The ETag is exposed to the page, so it can poll with If-None-Match.
    expect(result.etag).toMatch(/^"\d+-/);
  });

  it('keeps a page on an origin that is not allowed from signing in', async () => {
    const { page } = browser;
    await page.goto(stranger.origin);
    const result = await signInFrom(page, server.url);
    expect(result.failed).toMatch(/Failed to fetch/);
  });

  it('draws the map under the Content-Security-Policy, with no violation', async () => {
    const context = await browser.context.browser()?.newContext();
    const page = context ? await context.newPage() : await browser.context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (process.env.DEBUG_E2E) console.log(message.type(), message.text());
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(
          `Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`,
        );
      });
    });
    // Its own page, on the default allowlist (the server's own origin).
    const own = await startServer({});
    try {
      await own.app.auth.createUser('duty', PASSWORD, 'duty');
      const response = await page.goto(own.url);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await signIn(page, 'duty', PASSWORD);
      await page.locator('.leaflet-container canvas').first().waitFor();
      await shot(page, 'csp-map.png');
    } finally {
      await own.stop();
    }
    expect(violations).toEqual([]);
    await page.close();
  });
});
