import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../lib/index.ts';

const localesDir = projectPath('server', 'i18n', 'locales');

export type Catalogue = Record<string, unknown>;

/**
 * Each language is a folder of JSON files, one per feature, so features add strings without
 * touching each other's files. The files' top-level keys must not collide.
 */
export function loadCatalogue(language: string): Catalogue {
  const dir = path.join(localesDir, language);
  const catalogue: Catalogue = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const part = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Catalogue;
    for (const [key, value] of Object.entries(part)) {
      if (key in catalogue)
        throw new Error(`i18n: "${key}" is defined twice in ${language}/ (again in ${file})`);
      catalogue[key] = value;
    }
  }
  return catalogue;
}
