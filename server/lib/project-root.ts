import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Retos' package.json. Found by walking up, because the same code runs from
 * its TypeScript source (tsx, tests) and from one compiled file under dist/.
 */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'retos') return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`No Retos package.json above ${start}`);
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project: views, public files, migrations, catalogues, reference data. */
export const projectPath = (...parts: string[]) => path.join(projectRoot, ...parts);
