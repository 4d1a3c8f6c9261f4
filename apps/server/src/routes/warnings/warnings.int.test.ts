import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capAlertToXml, toShanghaiIso, type CapAlert } from '@floodnet/domain';
import { call, removeDir, startServer, T0, type Running } from '../../test-support.js';

const HOUR = 3600_000;
const iso = (ms: number) => toShanghaiIso(ms);
const SENDER = 'shfxxx@sh.gov.cn';

function highTide(identifier: string, colour: string, extra: Partial<CapAlert> = {}): CapAlert {
  return {
    identifier,
    sender: SENDER,
    sent: iso(T0),
    status: 'Actual',
    msgType: 'Alert',
    info: {
      event: `高潮位${colour}预警`,
      severity: 'Minor',
      onset: iso(T0 + 13 * HOUR),
      expires: iso(T0 + 48 * HOUR),
      headline: `上海市防汛信息中心发布高潮位${colour}预警`,
      description: '黄浦公园站子潮潮位将超过警戒水位 4.55 米。',
      area: { areaDesc: '黄浦江沿线' },
    },
    ...extra,
  };
}

describe('official warnings over HTTP (CAP 1.2)', () => {
  let server: Running;
  let feed: string;
  let viewer: string;

  beforeAll(async () => {
    server = await startServer();
    feed = server.app.auth.issueKey('shanghai-warnings');
    viewer = server.app.auth.issueToken({ name: 'zhao', role: 'viewer' });
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  const postXml = (xml: string) =>
    call(server.url, 'POST', '/api/v1/warnings', {
      token: feed,
      raw: xml,
      headers: { 'content-type': 'application/cap+xml' },
    });
  const eventCount = async () => {
    const { text } = await call(server.url, 'GET', '/api/v1/events?after=0&limit=100000', {
      token: viewer,
    });
    return text.trim().split('\n').filter(Boolean).length;
  };
  const picture = async () =>
    (
      await call<{ state: { warnings: Record<string, unknown>; suggestedLevel: string | null } }>(
        server.url,
        'GET',
        '/api/v1/state',
        { token: viewer },
      )
    ).body.state;

  it('takes an Alert, an Update and a Cancel as CAP XML, and the suggested level follows', async () => {
    const issued = await postXml(capAlertToXml(highTide('tide-a1', '蓝色')));
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ warningId: 'tide-a1', duplicate: false });
    expect((await picture()).suggestedLevel).toBe('IV');

    const references = `${SENDER},tide-a1,${iso(T0)}`;
    const updated = await postXml(
      capAlertToXml(highTide('tide-a2', '黄色', { msgType: 'Update', references })),
    );
    expect(updated.body).toMatchObject({ warningId: 'tide-a1' });
    expect((await picture()).warnings['tide-a1']).toMatchObject({ level: 'yellow', inForce: true });
    expect((await picture()).suggestedLevel).toBe('III');

    const cancelled = await postXml(
      capAlertToXml({
        ...highTide('tide-a3', '黄色', { msgType: 'Cancel', references }),
        info: undefined,
      }),
    );
    expect(cancelled.status).toBe(201);
    expect((await picture()).warnings['tide-a1']).toMatchObject({
      inForce: false,
      endReason: 'cancelled',
    });
    expect((await picture()).suggestedLevel).toBeNull();
  });

  it('takes the same content as JSON, and a repeat is not stored twice', async () => {
    const body = { alert: highTide('rain-j1', '蓝色', {}) };
    body.alert.info = { ...body.alert.info!, event: '暴雨蓝色预警', headline: '暴雨蓝色预警' };
    const first = await call(server.url, 'POST', '/api/v1/warnings', { token: feed, body });
    expect(first.status).toBe(201);
    const before = await eventCount();
    const again = await call(server.url, 'POST', '/api/v1/warnings', { token: feed, body });
    expect(again.body).toMatchObject({ warningId: 'rain-j1', duplicate: true });
    expect(await eventCount()).toBe(before);
  });

  it('ends a warning at its expires on the clock, and refuses to update it afterwards', async () => {
    await postXml(capAlertToXml(highTide('tide-e1', '蓝色')));
    server.clock.advance(49 * HOUR);
    const late = await postXml(
      capAlertToXml(
        highTide('tide-e2', '黄色', {
          msgType: 'Update',
          references: `${SENDER},tide-e1,${iso(T0)}`,
          sent: iso(T0 + 49 * HOUR),
        }),
      ),
    );
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({
      code: 'WARNING_NOT_IN_FORCE',
      path: '/alert/references',
    });
    await server.app.engine.execute(
      'live',
      { type: 'checkWarnings' },
      { name: 'floodnet', role: 'system' },
    );
    expect((await picture()).warnings['tide-e1']).toMatchObject({
      inForce: false,
      endReason: 'expired',
    });
  });

  describe('refuses bad messages with a coded error and stores nothing', () => {
    const refusals: [
      string,
      () => Promise<{ status: number; body: { error?: { code: string; path?: string } } }>,
      number,
      string,
      string?,
    ][] = [
      [
        'malformed XML',
        () => postXml('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</alert>'),
        400,
        'MALFORMED_XML',
      ],
      [
        'a missing required element',
        () =>
          postXml(capAlertToXml(highTide('tide-m1', '蓝色')).replace(/<event>.*<\/event>\n/, '')),
        400,
        'CAP_INVALID',
        '/alert/info/event',
      ],
      [
        'an XML bomb (entity expansion)',
        () =>
          postXml(
            '<?xml version="1.0"?>\n<!DOCTYPE alert [\n<!ENTITY a "lol">\n' +
              Array.from(
                { length: 9 },
                (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${'&a;'.repeat(10)}">`,
              ).join('\n') +
              '\n]>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&bbbbbbbbb;</identifier></alert>',
          ),
        400,
        'XML_DOCTYPE_REFUSED',
      ],
      [
        'a 5 MB body',
        () =>
          postXml(
            capAlertToXml(highTide('tide-big', '蓝色')).replace(
              '</description>',
              `${'潮'.repeat(1_750_000)}</description>`,
            ),
          ),
        413,
        'BODY_TOO_LARGE',
      ],
      [
        'an event that is not a flood warning',
        () => {
          const alert = highTide('fog-1', '蓝色');
          alert.info = { ...alert.info!, event: '大雾蓝色预警' };
          return postXml(capAlertToXml(alert));
        },
        422,
        'WARNING_EVENT_UNSUPPORTED',
        '/alert/info/event',
      ],
      [
        'JSON missing a required element',
        () =>
          call(server.url, 'POST', '/api/v1/warnings', {
            token: feed,
            body: { alert: { ...highTide('j-bad', '蓝色'), sender: undefined } },
          }),
        400,
        'VALIDATION_FAILED',
        '/alert/sender',
      ],
    ];
    for (const [what, send, status, code, path] of refusals) {
      it(what, async () => {
        const before = await eventCount();
        const answer = await send();
        expect(answer.status).toBe(status);
        expect(answer.body.error?.code).toBe(code);
        if (path) expect(answer.body.error?.path).toBe(path);
        expect(await eventCount()).toBe(before);
      });
    }
  });
});
