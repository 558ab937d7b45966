// The TRUST_PROXY setting: which proxies in front of the app may say who the client is.
import { isIP } from 'node:net';

/** Which proxies may set X-Forwarded-For: none, the nearest N hops, or these addresses. */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (isIP(prefix) === family) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const TRUST_PROXY_FORMAT =
  'must be false, a number of proxy hops (1, 2…) or a comma-separated list of proxy addresses or subnets';

/**
 * `true` is refused, not mapped: Express would then trust every X-Forwarded-For hop, so any client
 * could pick its own address and slip past every per-address limit.
 */
export function parseTrustProxy(value: string): TrustProxy | { refused: string } {
  const text = value.trim().toLowerCase();
  if (text === 'false' || text === '0') return false;
  if (text === 'true') {
    return {
      refused:
        'must not be true (it lets any client choose its own address): set the number of proxies in front of the app, such as 1, or their addresses',
    };
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10 ? hops : { refused: 'must be at most 10 proxy hops' };
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0 || !entries.every(isProxyAddress))
    return { refused: TRUST_PROXY_FORMAT };
  return entries;
}
