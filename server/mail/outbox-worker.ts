import { and, eq } from 'drizzle-orm';
import { outbox, type OutboxMessage } from '../../models/schema/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { Translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { Mailer } from './mailer.ts';
import {
  anyEmailWaitingForServer,
  giveBackEmails,
  releaseEmailsWaitingForServer,
  takeDueEmails,
} from './outbox-queue.ts';
import { renderOutboxMessage } from './render-outbox-message.ts';
import { retryDelayMs } from './retry-delay.ts';
import { isPermanentRefusal, isServerDown } from './smtp-failure.ts';

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
  /** Tried again later: after its own back-off, or as soon as a server that was down is back. */
  retrying: number;
  failed: number;
}

const DEFAULT_BATCH = 20;
const DEFAULT_LEASE_MS = 5 * 60 * 1000;
// Longer than one message can take with the mailer's timeouts: a message is not started unless
// this much of the lease is left, so it never goes out after another worker could take it.
const LEASE_MARGIN_MS = 60 * 1000;

/** Only the worker that took the row (its lease, stamped in last_attempt_at) may record the outcome. */
const stillOurs = (row: OutboxMessage) =>
  and(
    eq(outbox.id, row.id),
    eq(outbox.status, 'pending'),
    eq(outbox.lastAttemptAt, row.lastAttemptAt!),
  );

/** A time-bound email (a sign-in link) that can no longer help is not sent late. */
function expired(row: OutboxMessage, now: Date): boolean {
  const validUntil = row.data.validUntil;
  return typeof validUntil === 'string' && new Date(validUntil) <= now;
}

type Outcome = keyof DeliveryReport | 'server down';

async function deliverOne(deps: OutboxDeps, row: OutboxMessage, now: () => Date): Promise<Outcome> {
  try {
    if (expired(row, now())) throw new Error('expired before it could be sent');
    await deps.mailer.send(renderOutboxMessage(deps, row));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const serverDown = isServerDown(error);
    const giveUp =
      row.attempts >= deps.config.outbox.maxAttempts ||
      isPermanentRefusal(error) ||
      expired(row, now());
    await deps.db
      .update(outbox)
      .set(
        giveUp
          ? { status: 'failed', lastError: message }
          : {
              lastError: message,
              // With the server down this is only a fallback: the worker releases the row as soon
              // as it reaches the server again.
              nextAttemptAt: new Date(
                now().getTime() + retryDelayMs(row.attempts, deps.config.outbox),
              ),
              waitingForServer: serverDown,
            },
      )
      .where(stillOurs(row));
    deps.logger.warn(
      { err: error, outboxId: row.id, attempts: row.attempts, giveUp, serverDown },
      giveUp
        ? 'an email failed for good: see /admin'
        : serverDown
          ? 'the mail server is down: the email waits for it'
          : 'an email will be retried',
    );
    if (giveUp) return 'failed';
    return serverDown ? 'server down' : 'retrying';
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

interface Delivery {
  report: DeliveryReport;
  /** A send found the mail server down: the rest of the due messages were left untried. */
  serverDown: boolean;
}

/**
 * Sends what is due, a batch at a time. A server that is down stops the run: trying the other
 * messages would only fail them too (each after a timeout). The first delivery of a run makes the
 * messages that were waiting for the server due again.
 */
async function deliverDue(deps: OutboxDeps, options: DeliveryOptions): Promise<Delivery> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  let released = false;
  for (;;) {
    const takenAt = now().getTime();
    const batch = await takeDueEmails(deps.db, { batchSize, leaseMs, now: new Date(takenAt) });
    let more = batch.length === batchSize;
    for (const [index, row] of batch.entries()) {
      if (now().getTime() > takenAt + leaseMs - Math.min(LEASE_MARGIN_MS, leaseMs / 2)) {
        await giveBackEmails(deps.db, batch.slice(index), now());
        return { report, serverDown: false };
      }
      const outcome = await deliverOne(deps, row, now);
      if (outcome === 'server down') {
        report.retrying += 1;
        await giveBackEmails(deps.db, batch.slice(index + 1), now());
        return { report, serverDown: true };
      }
      report[outcome] += 1;
      if (outcome === 'sent' && !released) {
        released = true;
        if ((await releaseEmailsWaitingForServer(deps.db, now())) > 0) more = true;
      }
    }
    if (!more) return { report, serverDown: false };
  }
}

/** Sends every message that is due now, a batch at a time, and says what happened. */
export async function deliverDueEmails(
  deps: OutboxDeps,
  options: DeliveryOptions = {},
): Promise<DeliveryReport> {
  return (await deliverDue(deps, options)).report;
}

export interface OutboxWorker {
  /** Looks for due messages now (after a change that wrote some) instead of at the next poll. */
  wake(): void;
  /** Stops polling and waits for the message being sent. */
  stop(): Promise<void>;
}

export interface WorkerOptions extends DeliveryOptions {
  pollMs?: number;
  /** While the mail server is down, the wait between two checks of it. */
  probeMs?: number;
}

/**
 * Delivers the outbox in the app process: every `pollMs`, and whenever woken. Several processes
 * may each run one: they never take the same message. When the mail server is down the worker
 * stops sending and checks the server every `probeMs` instead; once it answers, every message
 * that waited for it is due at once, however long the outage was.
 */
export function startOutboxWorker(deps: OutboxDeps, options: WorkerOptions = {}): OutboxWorker {
  const now = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? deps.config.outbox.pollMs;
  const probeMs = options.probeMs ?? deps.config.outbox.probeMs;
  let stopped = false;
  let serverDown = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const later = (next: () => void, ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(next, ms);
    timer.unref();
  };
  const track = (work: Promise<void>) => {
    running = work
      .catch((error: unknown) => deps.logger.error({ err: error }, 'outbox delivery failed'))
      .finally(() => {
        running = undefined;
        if (stopped) return;
        if (serverDown) later(probe, probeMs);
        else if (again) {
          again = false;
          run();
        } else later(run, pollMs);
      });
  };

  const checkServer = async () => {
    try {
      await deps.mailer.verify?.();
    } catch (error) {
      deps.logger.debug({ err: error }, 'the mail server is still down');
      return;
    }
    const released = await releaseEmailsWaitingForServer(deps.db, now());
    serverDown = false;
    again = true;
    deps.logger.info({ released }, 'the mail server is back: the waiting emails go out');
  };
  const probe = () => {
    if (!stopped && !running) track(checkServer());
  };
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    // Woken while the server is down: the message waits for the next check like the others.
    if (serverDown) return;
    track(
      deliverDue(deps, options).then((delivery) => {
        const { report } = delivery;
        if (report.sent + report.retrying + report.failed > 0) {
          deps.logger.info(report, 'outbox delivered');
        }
        if (delivery.serverDown) {
          serverDown = true;
          deps.logger.warn({ probeMs }, 'the mail server is down: checking it until it is back');
        }
      }),
    );
  };

  // Messages may be waiting for the server since before this process started: check it first.
  track(
    anyEmailWaitingForServer(deps.db).then(async (waiting) => {
      if (!waiting) {
        again = true;
        return;
      }
      serverDown = true;
      await checkServer();
    }),
  );
  return {
    wake: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
