import { isDatabaseUnavailable, type Database } from '../db/index.ts';
import type { Logger } from '../logger.ts';

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 5_000;

/** The database did not answer within the start-up wait. */
export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

/**
 * Pings until the database answers: a server started beside the app (a container, a managed
 * database after a restart) may need a while. Waits double from 250 ms to 5 s, each failure is
 * logged, and after `waitMs` it gives up. Errors other than "not reachable" (a wrong password, a
 * missing database) fail at once, since waiting would not mend them.
 */
export async function waitForDatabase(
  database: Pick<Database, 'ping'>,
  options: { waitMs: number; logger: Logger; describeTarget?: string },
): Promise<void> {
  const deadline = performance.now() + options.waitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await database.ping();
      if (attempt > 1) options.logger.info({ attempt }, 'the database answers');
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const left = deadline - performance.now();
      if (left <= 0) {
        const { message, code } = error as { message?: string; code?: string };
        const target = options.describeTarget ? ` at ${options.describeTarget}` : '';
        const seconds = Math.round(options.waitMs / 100) / 10;
        throw new DatabaseUnreachableError(
          `the database${target} did not answer within ${seconds} s ` +
            `(${attempt} attempts; last: ${message || code || 'no answer'})`,
        );
      }
      const retryInMs = Math.round(
        Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), LONGEST_RETRY_MS, left),
      );
      options.logger.warn({ attempt, retryInMs, err: error }, 'the database does not answer yet');
      await new Promise((resolve) => setTimeout(resolve, retryInMs));
    }
  }
}
