// `npm run db:seed`: migrates the configured database and fills it with demo data if it is empty.
import { loadConfig } from '../server/config.ts';
import { databaseOptionsFromConfig, openDatabase } from '../server/db/database.ts';
import { createLogger } from '../server/logger.ts';
import { seedDemoData } from '../server/seed/seed-demo-data.ts';

const config = loadConfig();
const logger = createLogger(config);
const database = await openDatabase(databaseOptionsFromConfig(config));
try {
  await database.migrate();
  const seeded = await seedDemoData(database.db, { config, logger });
  if (!seeded) {
    console.log('The database already has organizations or people: nothing seeded.');
  } else {
    await database.analyze();
    console.log(
      `Seeded ${seeded.organizations} organizations, ${seeded.users} people, ${seeded.challenges} challenges and ${seeded.proposals} proposals.`,
    );
  }
} finally {
  await database.close();
}
