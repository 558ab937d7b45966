import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { publicDir } from '../paths.ts';

const versions = new Map<string, string>();

/** `{{asset "css/site.css"}}`: the file's URL with a content hash, so caches renew on change. */
export default function asset(file: string): string {
  let version = versions.get(file);
  if (version === undefined) {
    const content = fs.readFileSync(path.join(publicDir, path.normalize(`/${file}`)));
    version = createHash('sha256').update(content).digest('hex').slice(0, 10);
    versions.set(file, version);
  }
  return `/${file}?v=${version}`;
}
