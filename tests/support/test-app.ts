import type { Express, Router } from 'express';
import { pino, type Logger } from 'pino';
import request from 'supertest';
import { createApp, type AppDeps } from '../../server/app.ts';
import { parseConfig, type Config } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { developmentTools } from '../../server/dev/development-tools.ts';
import { createTranslator } from '../../server/i18n/index.ts';
import { type Mailer, type OutgoingEmail } from '../../server/mail/mailer.ts';
import {
  deliverDueEmails,
  startOutboxWorker,
  type DeliveryOptions,
  type DeliveryReport,
  type OutboxWorker,
} from '../../server/mail/outbox-worker.ts';
import { createTestDatabase } from './test-db.ts';

export interface TestApp {
  app: Express;
  database: Database;
  config: Config;
  /** Every email the outbox delivered (see deliverMail), newest last. */
  mail: OutgoingEmail[];
  /** Runs the outbox worker once, as the app's would: what is due goes to `mail`. */
  deliverMail(options?: DeliveryOptions): Promise<DeliveryReport>;
  close(): Promise<void>;
}

/** A mailer that keeps what it is given, for tests that read the emails. */
export function capturingMailer(): Mailer & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return {
    sent,
    send: async (email) => {
      sent.push(email);
    },
  };
}

export function testConfig(env: Record<string, string> = {}): Config {
  return parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
}

/** The real app on a fresh database of its own; `routers` mounts probes for a test. */
export async function buildTestApp(
  options: {
    env?: Record<string, string>;
    routers?: Router[];
    writeRateLimit?: AppDeps['writeRateLimit'];
    apiRateLimit?: AppDeps['apiRateLimit'];
    signInLimits?: AppDeps['signInLimits'];
    mailer?: Mailer;
    database?: Database;
    /** The app's logger (a test that reads the log passes one); silent by default. */
    logger?: Logger;
    /** Runs an outbox worker as a started app does (browser tests read the mail it sends). */
    outboxWorker?: boolean;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = testConfig(options.env);
  const captured = capturingMailer();
  const logger = options.logger ?? pino({ level: 'silent' });
  const translator = createTranslator();
  const mailer = options.mailer ?? captured;
  const outboxDeps = { db: database.db, mailer, translator, config, logger };
  let worker: OutboxWorker | undefined;
  if (options.outboxWorker) worker = startOutboxWorker(outboxDeps, { pollMs: 250 });
  const app = createApp({
    outboxWorker: worker,
    config,
    database,
    logger,
    translator,
    // As server/index.ts does: development tools outside production.
    devTools: developmentTools(config),
    routers: options.routers,
    writeRateLimit: options.writeRateLimit,
    apiRateLimit: options.apiRateLimit,
    signInLimits: options.signInLimits,
  });
  return {
    app,
    database,
    config,
    mail: captured.sent,
    deliverMail: (delivery) => deliverDueEmails(outboxDeps, delivery),
    close: async () => {
      await worker?.stop();
      await database.close();
    },
  };
}

const CSRF_FIELD = /name="_csrf" value="([^"]+)"/;

export function csrfTokenIn(html: string): string {
  const match = CSRF_FIELD.exec(html);
  if (!match) throw new Error('the page has no CSRF field');
  return match[1]!;
}

/** A visitor: keeps cookies between requests, and reads CSRF tokens from the forms it is shown. */
export function visitor(app: Express) {
  const agent = request.agent(app);
  return {
    agent,
    get: (path: string) => agent.get(path),
    /** Loads a page with a form and returns its CSRF token. */
    async csrfToken(path: string): Promise<string> {
      const page = await agent.get(path).expect(200);
      return csrfTokenIn(page.text);
    },
    postForm(path: string, fields: Record<string, string>) {
      return agent.post(path).type('form').send(fields);
    },
  };
}
