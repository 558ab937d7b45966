import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/database.ts';

// Set by tests/support/run-tests.ts; a test file run on its own migrates a database itself.
const templateFile = process.env.RETOS_TEST_PGLITE_TEMPLATE;
const pgTemplate = process.env.RETOS_TEST_PG_TEMPLATE;
const runPrefix = process.env.RETOS_TEST_DB_PREFIX ?? `retos_test_${process.pid}`;

export const testDatabaseUrl = process.env.DATABASE_URL;

/** The server URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a database of
 * its own on the PostgreSQL server named by DATABASE_URL, dropped again on close.
 */
export async function createTestDatabase(): Promise<Database> {
  if (!testDatabaseUrl) {
    const loadDataDir = templateFile
      ? new Blob([fs.readFileSync(templateFile)], { type: 'application/x-gzip' })
      : undefined;
    const database = await openDatabase({ kind: 'pglite-memory', loadDataDir });
    if (!loadDataDir) await database.migrate();
    return database;
  }

  const name = `${runPrefix}_${randomBytes(4).toString('hex')}`;
  await adminQuery(
    testDatabaseUrl,
    pgTemplate ? `CREATE DATABASE "${name}" TEMPLATE "${pgTemplate}"` : `CREATE DATABASE "${name}"`,
  );
  const database = await openDatabase({
    kind: 'postgres',
    url: withDatabase(testDatabaseUrl, name),
    poolSize: 4,
  });
  if (!pgTemplate) await database.migrate();
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      await adminQuery(testDatabaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
