import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { get as httpGet } from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { progress } from '../support/table';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIR = join(ROOT, 'apps/web');
/** The bench builds the web app here, never into apps/web/dist (another engineer's folder). */
/** Marks a build made with BENCH_WEB_MINIFY=off, so the figures of record never use one. */
const UNMINIFIED = '<!-- bench: unminified -->\n';
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
  const minified = process.env.BENCH_WEB_MINIFY !== 'off';
  let builtMinified = true;
  try {
    builtMinified = !readFileSync(join(WEB_BUILD_DIR, 'index.html'), 'utf8').includes(UNMINIFIED);
  } catch {
    // not built yet
  }
  if (builtAt > sources && builtMinified === minified)
    return { dir: WEB_BUILD_DIR, builtSec: null };
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
      // BENCH_WEB_MINIFY=off (diagnosis): readable function names in the page's profile.
      build: {
        outDir: WEB_BUILD_DIR,
        emptyOutDir: true,
        ...(process.env.BENCH_WEB_MINIFY === 'off' ? { minify: false } : {}),
      },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  if (!minified)
    writeFileSync(
      join(WEB_BUILD_DIR, 'index.html'),
      readFileSync(join(WEB_BUILD_DIR, 'index.html'), 'utf8') + UNMINIFIED,
    );
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

export interface ServedJs {
  /** The initial scripts' bytes on the wire, as a browser asking for br/gzip receives them. */
  kbServed: number;
  /** The Content-Encoding of each, as answered. */
  encodings: string[];
  files: { file: string; kbServed: number; encoding: string }[];
}

/** One GET as a browser sends it, counting the bytes of the body as they arrive (no decoding). */
function getRaw(url: string): Promise<{ status: number; encoding: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(
      url,
      { headers: { 'accept-encoding': 'gzip, deflate, br, zstd', accept: '*/*' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            encoding: String(response.headers['content-encoding'] ?? 'identity'),
            bytes: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

/**
 * The initial JavaScript as the server really sends it: index.html fetched from the server, then
 * its entry script and modulepreload chunks, each with a browser's Accept-Encoding; the figure is
 * the body bytes on the wire (compressed if the server compressed them).
 */
export async function servedInitialJs(baseUrl: string): Promise<ServedJs> {
  const page = await getRaw(`${baseUrl}/`);
  if (page.status !== 200) throw new Error(`GET / answered ${page.status}`);
  const html = decode(page.bytes, page.encoding);
  const paths = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) paths.add(match[1]!);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) {
    paths.add(match[1]!);
  }
  const files = [];
  for (const path of paths) {
    const answer = await getRaw(new URL(path, `${baseUrl}/`).href);
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`);
    files.push({ file: path, kbServed: answer.bytes.length / 1024, encoding: answer.encoding });
  }
  return {
    kbServed: files.reduce((sum, file) => sum + file.kbServed, 0),
    encodings: [...new Set(files.map((file) => file.encoding))],
    files,
  };
}

function decode(bytes: Buffer, encoding: string): string {
  if (encoding === 'br') return brotliDecompressSync(bytes).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(bytes).toString('utf8');
  return bytes.toString('utf8');
}
