import { createApp } from './app.ts';
import { deleteStaleLoginTokens } from './auth/login-tokens.ts';
import { prepareDatabase } from './boot.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DataDirLockedError } from './db-lock.ts';
import { listen } from './http-server.ts';
import { deleteExpiredRateLimits } from './http/rate-limit-store.ts';
import { deleteExpiredSessions } from './http/session-store.ts';
import { createTranslator } from './i18n/index.ts';
import { startScheduledJobs } from './jobs.ts';
import { createLogger } from './logger.ts';
import { createMailer } from './mail/mailer.ts';
import { deleteOldOutboxRows } from './mail/outbox.ts';
import { startOutboxWorker } from './mail/outbox-worker.ts';

const MAINTENANCE_INTERVAL_MS = 15 * 60 * 1000;

function fail(message: string): never {
  process.stderr.write(`retos: ${message}\n`);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const logger = createLogger(config);
if (config.usingDevSessionSecret) {
  logger.warn('SESSION_SECRET is not set: using a development value. Never do this in production.');
}

let database;
try {
  database = await prepareDatabase(config, logger);
} catch (error) {
  if (error instanceof DataDirLockedError) fail(error.message);
  logger.fatal({ err: error }, 'could not open the database');
  fail(`could not open the database: ${(error as Error).message}`);
}
const db = database;

const mailer = createMailer(config, logger);
const translator = createTranslator();
const outboxWorker = startOutboxWorker({ db: db.db, mailer, translator, config, logger });
const app = createApp({ config, database: db, logger, translator, outboxWorker });
const running = await listen(app, config.port);
logger.info(
  { port: running.port, database: db.driver, env: config.env },
  `Retos is listening on ${config.baseUrl}`,
);

const maintenance = setInterval(() => {
  Promise.all([
    deleteExpiredSessions(db.db),
    deleteExpiredRateLimits(db.db),
    deleteStaleLoginTokens(db.db),
    deleteOldOutboxRows(db.db),
  ]).catch((error) => logger.warn({ err: error }, 'maintenance failed'));
}, MAINTENANCE_INTERVAL_MS);
maintenance.unref();
const jobs = startScheduledJobs({ db: db.db, config, logger, outboxWorker });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  clearInterval(maintenance);
  await running.close();
  await jobs.stop();
  await outboxWorker.stop();
  mailer.close?.();
  await db.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
