import { createApp } from './app.ts';
import {
  DatabaseUnreachableError,
  listen,
  prepareDatabase,
  startMaintenance,
  startScheduledJobs,
} from './runtime/index.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DataDirLockedError } from './db/index.ts';
import { createTranslator } from './i18n/index.ts';
import { createLogger } from './logger.ts';
import { createMailer, startOutboxWorker } from './mail/index.ts';

// EX_UNAVAILABLE from sysexits.h: a process manager can tell "database away" from a bad setting.
const EXIT_DATABASE_UNREACHABLE = 69;

function fail(message: string, code = 1): never {
  process.stderr.write(`retos: ${message}\n`);
  process.exit(code);
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
  if (error instanceof DatabaseUnreachableError) {
    logger.fatal(`giving up: ${error.message}`);
    fail(`giving up: ${error.message}`, EXIT_DATABASE_UNREACHABLE);
  }
  logger.fatal({ err: error }, 'could not open the database');
  fail(`could not open the database: ${(error as Error).message}`);
}
const db = database;

const mailer = createMailer(config, logger);
const translator = createTranslator();
const outboxWorker = startOutboxWorker({ db: db.db, mailer, translator, config, logger });
// Development tools are loaded only outside production, so production never runs their code.
const devTools = config.isProduction
  ? undefined
  : (await import('./dev/index.ts')).developmentTools(config);
const app = createApp({ config, database: db, logger, translator, outboxWorker, devTools });
const running = await listen(app, config.port);
logger.info(
  { port: running.port, database: db.driver, env: config.env },
  `Retos is listening on ${config.baseUrl}`,
);

const maintenance = startMaintenance(db.db, logger);
const jobs = startScheduledJobs({ db: db.db, config, logger, outboxWorker });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  maintenance.stop();
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
