import type { Config } from '../config.ts';
import { databaseOptionsFromConfig, openDatabase, type Database } from '../db/index.ts';
import type { Logger } from '../logger.ts';
import { isDatabaseEmpty, seedDemoData } from '../seed/index.ts';

/** Opens the configured database, migrates it and, on a first development start, seeds demo data. */
export async function prepareDatabase(config: Config, logger: Logger): Promise<Database> {
  const database = await openDatabase(
    databaseOptionsFromConfig(config, {
      onConnectionError: (error) => logger.warn({ err: error }, 'a database connection broke'),
    }),
  );
  try {
    await database.migrate();
    const embeddedDevelopment = database.driver === 'pglite' && config.env === 'development';
    if (embeddedDevelopment && (await isDatabaseEmpty(database.db))) {
      const seeded = await seedDemoData(database.db, { config, logger });
      if (seeded) logger.info(seeded, 'empty embedded database: demo data seeded');
    }
    await database.analyze();
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
