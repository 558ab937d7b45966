import type { Config } from '../config.ts';

/** The wait before attempt `attempts + 1`: doubling from the base, never above the ceiling. */
export function retryDelayMs(
  attempts: number,
  retry: Pick<Config['outbox'], 'retryBaseMs' | 'retryMaxMs'>,
): number {
  const delay = retry.retryBaseMs * 2 ** Math.max(0, attempts - 1);
  // Past 2^1023 the doubling is Infinity (and a bad count NaN): both mean the ceiling.
  return Number.isFinite(delay) ? Math.min(delay, retry.retryMaxMs) : retry.retryMaxMs;
}
