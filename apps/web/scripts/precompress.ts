import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** What the server would otherwise compress per request: scripts, styles, the page, SVG, JSON. */
const TEXT = /\.(js|css|html|svg|json|webmanifest)$/;

/**
 * Writes `file.br` (brotli quality 11) and `file.gz` (gzip level 9) beside every text file of the
 * build. The server sends them as they are (`@fastify/static`'s `preCompressed`): the best ratio
 * once at build time instead of a quick one at every request.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'floodnet-precompress',
    apply: 'build',
    configResolved(config) {
      // outDir is relative to the project root, not to the process's cwd (the e2e harness builds
      // from the repository root).
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) walk(path);
          else if (TEXT.test(name)) {
            const data = readFileSync(path);
            if (data.length < 1024) continue;
            const br = brotliCompressSync(data, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 11,
                [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              },
            });
            writeFileSync(`${path}.br`, br);
            writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
          }
        }
      };
      walk(outDir);
    },
  };
}
