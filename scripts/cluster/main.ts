// `npm run cluster`: the scale-out topology from Debian's packages, until SIGTERM or Ctrl-C.
import { startCluster } from './cluster';

const cluster = await startCluster({
  adminPassword: process.env.FLOODNET_ADMIN_PASSWORD || undefined,
  sim: (process.env.FLOODNET_SIM ?? 'on').toLowerCase() !== 'off',
  ...(process.env.FLOODNET_SIM_SPEED ? { simSpeed: Number(process.env.FLOODNET_SIM_SPEED) } : {}),
});
for (const replica of cluster.replicas) {
  process.stdout.write(`replica ${replica.n} pid ${replica.pid()} url ${replica.url}\n`);
}
process.stdout.write(`floodnet cluster ready at ${cluster.proxyUrl}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await cluster.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
