import type { Config } from '../config.ts';
import {
  appliedMigrationCount,
  databaseOptionsFromConfig,
  openDatabase,
  type Database,
} from '../db/index.ts';
import type { Logger } from '../logger.ts';
import { isDatabaseEmpty, seedDemoData } from '../seed/index.ts';
import { waitForDatabase } from './wait-for-database.ts';

/** Host and port of a database URL, for a log line that must not carry its password. */
function databaseHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}`;
}

/**
 * Opens the configured database (waiting for a server that is not up yet), migrates it and, on
 * a first development start, seeds demo data.
 */
export async function prepareDatabase(config: Config, logger: Logger): Promise<Database> {
  const database = await openDatabase(
    databaseOptionsFromConfig(config, {
      onConnectionError: (error) => logger.warn({ err: error }, 'a database connection broke'),
    }),
  );
  try {
    await waitForDatabase(database, {
      waitMs: config.databaseStartupWaitMs,
      logger,
      describeTarget: databaseHost(config.databaseUrl),
    });
    const appliedBefore = await appliedMigrationCount(database.db);
    await database.migrate();
    let changed = (await appliedMigrationCount(database.db)) !== appliedBefore;
    const embeddedDevelopment = database.driver === 'pglite' && config.env === 'development';
    if (embeddedDevelopment && (await isDatabaseEmpty(database.db))) {
      const seeded = await seedDemoData(database.db, { config, logger });
      if (seeded) logger.info(seeded, 'empty embedded database: demo data seeded');
      changed ||= Boolean(seeded);
    }
    // Statistics only go stale through a migration or a bulk load: a plain restart skips the
    // whole-database pass (seconds on a large embedded database).
    if (changed) {
      await database.analyze();
      logger.info('database statistics refreshed after migrating or seeding');
    }
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
