// The real app, listening on a free local port, with the demo data seeded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { pino } from 'pino';
import type { Config } from '../../../server/config.ts';
import type { Database } from '../../../server/db/database.ts';
import { listen, type RunningServer } from '../../../server/runtime/http-server.ts';
import { createMailer, outboxDir } from '../../../server/mail/mailer.ts';
import { seedDemoData } from '../../../server/seed/seed-demo-data.ts';
import { buildTestApp, testConfig, type TestApp } from '../../support/test-app.ts';

export interface E2eServer {
  /** e.g. http://127.0.0.1:41234, without a trailing slash. */
  baseUrl: string;
  database: Database;
  config: Config;
  /** Where the app writes the emails it "sends" (shown at /dev/correo). */
  outbox: string;
  close(): Promise<void>;
}

/**
 * Listens first, so the app can be built knowing its own URL: the demo GitHub's token
 * exchange and the links in emails use BASE_URL. Emails are written as .eml files under a fresh
 * temporary DATA_DIR, where /dev/correo reads them.
 */
export async function startServer(): Promise<E2eServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retos-e2e-data-'));
  let app: Express | undefined;
  let running: RunningServer | undefined;
  let testApp: TestApp | undefined;
  try {
    running = await listen(
      (req, res) => {
        if (app) return app(req, res);
        res.statusCode = 503;
        res.end('starting');
      },
      0,
      '127.0.0.1',
    );
    const baseUrl = `http://127.0.0.1:${running.port}`;
    const env = { BASE_URL: baseUrl, DATA_DIR: dataDir };
    // The real development mailer (test apps capture mail by default): .eml files in the outbox.
    const mailer = createMailer(testConfig(env), pino({ level: 'silent' }));
    testApp = await buildTestApp({ env, mailer, outboxWorker: true });
    await seedDemoData(testApp.database.db, {
      config: testApp.config,
      logger: pino({ level: 'silent' }),
    });
    app = testApp.app;

    const server = running;
    const built = testApp;
    let closing: Promise<void> | undefined;
    return {
      baseUrl,
      database: built.database,
      config: built.config,
      outbox: outboxDir(built.config),
      close() {
        closing ??= server
          .close(1_000)
          .finally(() => built.close())
          .finally(() => fs.rmSync(dataDir, { recursive: true, force: true }));
        return closing;
      },
    };
  } catch (error) {
    await running?.close(0);
    await testApp?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
