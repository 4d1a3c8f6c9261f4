import { toShanghaiIso, type Asset, type Reading } from '@floodnet/domain';
import { seededRandom } from '../support/stats';

/**
 * Every live point reports once a second over HTTP, as a gauge network would: depths drift a few
 * cm (a few points stand in deep water and raise alarms), rain gauges tip a little.
 */
export class LiveFeeder {
  sent = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<void>>();
  private readonly depth = new Map<string, number>();
  private tick = 0;
  private readonly random = seededRandom(2106);

  constructor(
    private readonly server: { url: string; apiKey: string },
    private readonly sensors: Asset[],
  ) {
    for (const sensor of sensors) {
      if (sensor.kind !== 'waterlogging-point') continue;
      const deep = this.random() < 0.01;
      this.depth.set(sensor.id, deep ? 18 + this.random() * 10 : this.random() * 10);
    }
  }

  start(): void {
    this.send();
    this.timer = setInterval(() => this.send(), 1000);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.inFlight);
  }

  private send(): void {
    this.tick += 1;
    const at = toShanghaiIso(Date.now());
    const readings: Reading[] = this.sensors.map((sensor) => {
      const id = `map-${sensor.id}-${this.tick}`;
      if (sensor.kind === 'rain-gauge') {
        return { id, sensorId: sensor.id, at, value: Math.round(this.random() * 3) / 100 };
      }
      const depth = Math.max(0, this.depth.get(sensor.id)! + (this.random() - 0.5) * 3);
      this.depth.set(sensor.id, depth);
      return { id, sensorId: sensor.id, at, value: Math.round(depth * 10) / 10 };
    });
    const headers = {
      authorization: `Bearer ${this.server.apiKey}`,
      'content-type': 'application/json',
    };
    for (let i = 0; i < readings.length; i += 1000) {
      const body = JSON.stringify({ readings: readings.slice(i, i + 1000) });
      const request = fetch(`${this.server.url}/api/v1/readings`, { method: 'POST', headers, body })
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.status === 202) this.sent += Math.min(1000, readings.length - i);
        })
        .catch(() => undefined)
        .finally(() => this.inFlight.delete(request));
      this.inFlight.add(request);
    }
  }
}
