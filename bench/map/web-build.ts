import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { progress } from '../support/table';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIR = join(ROOT, 'apps/web');
/** The bench builds the web app here, never into apps/web/dist (another engineer's folder). */
export const WEB_BUILD_DIR = fileURLToPath(new URL('../.cache/web-dist/', import.meta.url));

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/**
 * A production build of apps/web from its current sources (Vite, the app's own config), rebuilt
 * only when a source (the app's or the domain's, which it bundles) is newer than the build.
 */
export async function buildWebApp(): Promise<{ dir: string; builtSec: number | null }> {
  const sources = Math.max(
    newest(join(WEB_DIR, 'src')),
    newest(join(WEB_DIR, 'index.html')),
    newest(join(WEB_DIR, 'vite.config.ts')),
    newest(join(ROOT, 'packages/domain/src')),
  );
  let builtAt = 0;
  try {
    builtAt = statSync(join(WEB_BUILD_DIR, 'index.html')).mtimeMs;
  } catch {
    // not built yet
  }
  if (builtAt > sources) return { dir: WEB_BUILD_DIR, builtSec: null };
  progress('map: building apps/web for production (vite) into bench/.cache/web-dist');
  const started = performance.now();
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production'; // React's production build
  try {
    await build({
      root: WEB_DIR,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: WEB_BUILD_DIR, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return { dir: WEB_BUILD_DIR, builtSec: (performance.now() - started) / 1000 };
}

export interface InitialJs {
  kbGzip: number;
  kbRaw: number;
  files: { file: string; kbGzip: number }[];
  /** Every JS file of the build, gzipped, for comparison (lazy chunks included). */
  allKbGzip: number;
}

/**
 * The JavaScript a first visit downloads before anything else: the entry script and the chunks it
 * modulepreloads, as listed in the built index.html; gzip at level 9 (as Vite reports sizes).
 */
export function initialJs(dir: string): InitialJs {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const paths = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) paths.add(match[1]!);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) {
    paths.add(match[1]!);
  }
  const gzipKb = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length / 1024;
  const files = [...paths].map((path) => {
    const bytes = readFileSync(join(dir, path.replace(/^\//, '')));
    return { file: path, kbGzip: gzipKb(bytes), kbRaw: bytes.length / 1024 };
  });
  const assets = join(dir, 'assets');
  const allKbGzip = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + gzipKb(readFileSync(join(assets, name))), 0);
  return {
    kbGzip: files.reduce((sum, file) => sum + file.kbGzip, 0),
    kbRaw: files.reduce((sum, file) => sum + file.kbRaw, 0),
    files: files.map(({ file, kbGzip }) => ({ file, kbGzip })),
    allKbGzip,
  };
}
