import { releaseExpiredClaims, type ExpiryDeps } from './claims/expiry.ts';

const HOUR_MS = 60 * 60 * 1000;
const FIRST_RUN_DELAY_MS = 5_000;

export interface ScheduledJobs {
  /** Stops the schedule and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Work the app process does on a schedule. Safe with several processes: each job decides row by
 * row in the database. The timers are unref'd, so they never keep a stopping process alive.
 */
export function startScheduledJobs(
  deps: ExpiryDeps,
  options: { intervalMs?: number; firstRunDelayMs?: number } = {},
): ScheduledJobs {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return;
    running = releaseExpiredClaims(deps)
      .then(({ expired, emailed }) => {
        if (expired > 0) deps.logger.info({ expired, emailed }, 'expired claims released');
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'claim expiry failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(run, options.firstRunDelayMs ?? FIRST_RUN_DELAY_MS);
  const every = setInterval(run, options.intervalMs ?? HOUR_MS);
  first.unref();
  every.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
