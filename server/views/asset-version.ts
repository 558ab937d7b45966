import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { publicDir } from './paths.ts';

const versions = new Map<string, string>();

/** A public file's content hash (read once per process), or undefined if there is no such file. */
export function assetVersion(file: string): string | undefined {
  const relative = path.normalize(`/${file}`).slice(1);
  let version = versions.get(relative);
  if (version === undefined) {
    let content: Buffer;
    try {
      content = fs.readFileSync(path.join(publicDir, relative));
    } catch {
      return undefined;
    }
    version = createHash('sha256').update(content).digest('hex').slice(0, 10);
    versions.set(relative, version);
  }
  return version;
}
