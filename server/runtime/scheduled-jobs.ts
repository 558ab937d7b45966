import { closeChallengesPastDeadline } from '../challenges/index.ts';
import { warnExpiringClaims, releaseExpiredClaims, type ExpiryDeps } from '../claims/index.ts';
import type { Config } from '../config.ts';
import { sendDailyDigests } from '../notifications/index.ts';
import { remindOverduePledges } from '../sponsorships/index.ts';

const HOUR_MS = 60 * 60 * 1000;
const FIRST_RUN_DELAY_MS = 5_000;

export interface ScheduledJobs {
  /** Stops the schedule and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export interface JobDeps extends ExpiryDeps {
  config: Config;
  /** Told after a run, since jobs write emails to the outbox. */
  outboxWorker?: { wake(): void };
}

// Each job decides row by row in the database, so several processes may run them at once.
const jobs: { name: string; run: (deps: JobDeps) => Promise<Record<string, number>> }[] = [
  { name: 'challenge deadline', run: (deps) => closeChallengesPastDeadline(deps) },
  { name: 'claim expiry warning', run: (deps) => warnExpiringClaims(deps) },
  { name: 'claim expiry', run: (deps) => releaseExpiredClaims(deps) },
  { name: 'overdue pledge reminder', run: (deps) => remindOverduePledges(deps) },
  { name: 'daily digest', run: (deps) => sendDailyDigests(deps) },
];

/**
 * Work the app process does every hour. The timers are unref'd, so they never keep a stopping
 * process alive.
 */
export function startScheduledJobs(
  deps: JobDeps,
  options: { intervalMs?: number; firstRunDelayMs?: number } = {},
): ScheduledJobs {
  let running: Promise<void> | undefined;
  const runAll = async () => {
    for (const job of jobs) {
      try {
        const report = await job.run(deps);
        if (Object.values(report).some((count) => count > 0)) {
          deps.logger.info(report, `${job.name} done`);
        }
      } catch (error) {
        deps.logger.warn({ err: error }, `${job.name} failed`);
      }
    }
    deps.outboxWorker?.wake();
  };
  const run = () => {
    if (running) return;
    running = runAll().finally(() => {
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
