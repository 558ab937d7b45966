import { and, eq } from 'drizzle-orm';
import { outbox, type OutboxMessage } from '../../models/schema/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { Translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { Mailer } from './mailer.ts';
import { giveBackEmails, takeDueEmails } from './outbox-queue.ts';
import { renderOutboxMessage } from './render-outbox-message.ts';

export interface OutboxDeps {
  db: Db;
  mailer: Mailer;
  translator: Translator;
  config: Pick<Config, 'baseUrl' | 'sessionSecret' | 'outbox'>;
  logger: Logger;
}

export interface DeliveryOptions {
  batchSize?: number;
  /** How long a worker holds a message it took; longer than any SMTP timeout. */
  leaseMs?: number;
  now?: () => Date;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

const DEFAULT_BATCH = 20;
const DEFAULT_LEASE_MS = 5 * 60 * 1000;
// Longer than one message can take with the mailer's timeouts: a message is not started unless
// this much of the lease is left, so it never goes out after another worker could take it.
const LEASE_MARGIN_MS = 60 * 1000;

/** The wait before attempt `attempts + 1`: doubling from the base, never above the ceiling. */
function retryDelayMs(attempts: number, retry: Config['outbox']): number {
  const delay = retry.retryBaseMs * 2 ** Math.max(0, attempts - 1);
  return Math.min(delay, retry.retryMaxMs);
}

/** Only the worker that took the row (its lease, stamped in last_attempt_at) may record the outcome. */
const stillOurs = (row: OutboxMessage) =>
  and(
    eq(outbox.id, row.id),
    eq(outbox.status, 'pending'),
    eq(outbox.lastAttemptAt, row.lastAttemptAt!),
  );

/** A 5xx answer (no such mailbox, refused for good) will not change by asking again. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** A time-bound email (a sign-in link) that can no longer help is not sent late. */
function expired(row: OutboxMessage, now: Date): boolean {
  const validUntil = row.data.validUntil;
  return typeof validUntil === 'string' && new Date(validUntil) <= now;
}

async function deliverOne(deps: OutboxDeps, row: OutboxMessage, now: () => Date) {
  try {
    if (expired(row, now())) throw new Error('expired before it could be sent');
    await deps.mailer.send(renderOutboxMessage(deps, row));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const giveUp =
      row.attempts >= deps.config.outbox.maxAttempts || isPermanent(error) || expired(row, now());
    await deps.db
      .update(outbox)
      .set(
        giveUp
          ? { status: 'failed', lastError: message }
          : {
              lastError: message,
              nextAttemptAt: new Date(
                now().getTime() + retryDelayMs(row.attempts, deps.config.outbox),
              ),
            },
      )
      .where(stillOurs(row));
    deps.logger.warn(
      { err: error, outboxId: row.id, attempts: row.attempts, giveUp },
      giveUp ? 'an email failed for good: see /admin' : 'an email will be retried',
    );
    return giveUp ? 'failed' : 'retrying';
  }
  await deps.db
    .update(outbox)
    .set({
      status: 'sent',
      sentAt: now(),
      lastError: null,
      // A one-time link has no business staying in the database once it is delivered.
      ...(row.secret ? { data: {} } : {}),
    })
    .where(stillOurs(row));
  return 'sent';
}

/** Sends every message that is due now, a batch at a time, and says what happened. */
export async function deliverDueEmails(
  deps: OutboxDeps,
  options: DeliveryOptions = {},
): Promise<DeliveryReport> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    const takenAt = now().getTime();
    const batch = await takeDueEmails(deps.db, { batchSize, leaseMs, now: new Date(takenAt) });
    for (const [index, row] of batch.entries()) {
      if (now().getTime() > takenAt + leaseMs - Math.min(LEASE_MARGIN_MS, leaseMs / 2)) {
        await giveBackEmails(deps.db, batch.slice(index), now());
        return report;
      }
      report[await deliverOne(deps, row, now)] += 1;
    }
    if (batch.length < batchSize) return report;
  }
}

export interface OutboxWorker {
  /** Looks for due messages now (after a change that wrote some) instead of at the next poll. */
  wake(): void;
  /** Stops polling and waits for the message being sent. */
  stop(): Promise<void>;
}

/**
 * Delivers the outbox in the app process: every `pollMs`, and whenever woken. Several processes
 * may each run one: they never take the same message.
 */
export function startOutboxWorker(
  deps: OutboxDeps,
  options: DeliveryOptions & { pollMs?: number } = {},
): OutboxWorker {
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, options.pollMs ?? deps.config.outbox.pollMs);
    timer.unref();
  };
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = deliverDueEmails(deps, options)
      .then((report) => {
        if (report.sent + report.retrying + report.failed > 0) {
          deps.logger.info(report, 'outbox delivered');
        }
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'outbox delivery failed'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        } else schedule();
      });
  };
  run();
  return {
    wake: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
