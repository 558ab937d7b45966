// `npm run db:seed`: migrates the configured database and fills it with demo data if it is empty.
import { loadConfig } from '../server/config.ts';
import { databaseOptionsFromConfig, openDatabase } from '../server/db/database.ts';
import { isDatabaseEmpty, seedDemoData } from '../server/seed/seed-demo-data.ts';

const config = loadConfig();
const database = await openDatabase(databaseOptionsFromConfig(config));
try {
  await database.migrate();
  if (!(await isDatabaseEmpty(database.db))) {
    console.log('The database already has organizations or people: nothing seeded.');
  } else {
    const seeded = await seedDemoData(database.db);
    await database.analyze();
    console.log(
      `Seeded ${seeded.organizations} organizations, ${seeded.users} people and ${seeded.challenges} challenges.`,
    );
  }
} finally {
  await database.close();
}
