const BASE = 'http://retos.invalid';

// `//host` and `/\host` are read by browsers as another site, even when they look like a path.
const leavesSite = (path: string) => !path.startsWith('/') || /^\/[/\\]/.test(path);

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '//';
  }
}

/**
 * Where to send someone after sign-in: only a path on this site. Anything else (another host,
 * `//host`, a backslash trick, a scheme) falls back to the home page. The value is checked both
 * as given and once normalised, since `/.//host` or `/a/..//host` normalise to `//host`.
 */
export function safeReturnTo(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (leavesSite(value) || value.includes('\\')) return fallback;
  if ([...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return fallback;
  }
  try {
    const url = new URL(value, BASE);
    if (url.origin !== BASE) return fallback;
    const path = `${url.pathname}${url.search}${url.hash}`;
    // An encoded `//` or `\` is harmless here but not after a proxy or another redirect decodes it.
    if (leavesSite(path) || leavesSite(decoded(url.pathname))) return fallback;
    return path;
  } catch {
    return fallback;
  }
}
