// `npm run build` (and every `npm start`): compiles the server into one JavaScript file,
// dist/server.js, so production runs plain Node; packages stay in node_modules. esbuild only
// strips types (about a second); `npm run typecheck` is what checks them. `npm start` skips the
// build when no source file or folder changed since the last one (`--force` builds anyway).
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const outfile = 'dist/server.js';
const sources = ['server', 'models', 'package.json', 'package-lock.json', 'scripts/build.mjs'];

/** The newest modification time under the given paths: a deletion touches its folder. */
function newestChange(paths) {
  let newest = 0;
  for (const entry of paths) {
    const stat = fs.statSync(entry, { throwIfNoEntry: false });
    if (!stat) continue;
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) {
      const children = fs.readdirSync(entry).map((name) => path.join(entry, name));
      newest = Math.max(newest, newestChange(children));
    }
  }
  return newest;
}

const built = fs.statSync(outfile, { throwIfNoEntry: false });
const force = process.argv.includes('--force');
if (force || !built || newestChange(sources) > built.mtimeMs) {
  await build({
    entryPoints: ['server/index.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}
