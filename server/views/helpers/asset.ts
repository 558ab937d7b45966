import { assetVersion } from '../asset-version.ts';

/** `{{asset "css/site.css"}}`: the file's URL with a content hash, so caches renew on change. */
export default function asset(file: string): string {
  const version = assetVersion(file);
  if (version === undefined) throw new Error(`No public file ${file}`);
  return `/${file}?v=${version}`;
}
