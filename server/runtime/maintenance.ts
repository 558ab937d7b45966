import { deleteStaleLoginTokens } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { deleteExpiredRateLimits, deleteExpiredSessions } from '../http/index.ts';
import type { Logger } from '../logger.ts';
import { deleteOldOutboxRows } from '../mail/index.ts';

const MAINTENANCE_INTERVAL_MS = 15 * 60 * 1000;

/** Clears what expires (sessions, rate-limit counters, sign-in links, old emails) every 15 minutes. */
export function startMaintenance(db: Db, logger: Logger): { stop(): void } {
  const timer = setInterval(() => {
    Promise.all([
      deleteExpiredSessions(db),
      deleteExpiredRateLimits(db),
      deleteStaleLoginTokens(db),
      deleteOldOutboxRows(db),
    ]).catch((error) => logger.warn({ err: error }, 'maintenance failed'));
  }, MAINTENANCE_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
