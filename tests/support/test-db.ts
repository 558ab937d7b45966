import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database, type PostgresOptions } from '../../server/db/database.ts';

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
 * An empty database of its own on the PostgreSQL server named by DATABASE_URL (migrated when
 * the suite's template exists), and how to drop it again.
 */
export async function createServerDatabase(): Promise<{
  url: string;
  migrated: boolean;
  drop(): Promise<void>;
}> {
  if (!testDatabaseUrl) throw new Error('DATABASE_URL names no PostgreSQL server');
  const serverUrl = testDatabaseUrl;
  const name = `${runPrefix}_${randomBytes(4).toString('hex')}`;
  await adminQuery(
    serverUrl,
    pgTemplate ? `CREATE DATABASE "${name}" TEMPLATE "${pgTemplate}"` : `CREATE DATABASE "${name}"`,
  );
  return {
    url: withDatabase(serverUrl, name),
    migrated: Boolean(pgTemplate),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** Pool settings for a test on PostgreSQL; `via` rewrites the URL (through a TCP proxy). */
export type TestDatabaseOptions = Pick<
  PostgresOptions,
  'poolSize' | 'acquireTimeoutMs' | 'onConnectionError'
> & { via?: (url: string) => string };

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a database of
 * its own on the PostgreSQL server named by DATABASE_URL, dropped again on close.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<Database> {
  if (!testDatabaseUrl) {
    const loadDataDir = templateFile
      ? new Blob([fs.readFileSync(templateFile)], { type: 'application/x-gzip' })
      : undefined;
    const database = await openDatabase({ kind: 'pglite-memory', loadDataDir });
    if (!loadDataDir) await database.migrate();
    return database;
  }

  const server = await createServerDatabase();
  const { via, ...pool } = options;
  const database = await openDatabase({
    kind: 'postgres',
    url: via ? via(server.url) : server.url,
    poolSize: 4,
    // Test files share a busy machine: a slow connection must not turn into a 503 by accident.
    acquireTimeoutMs: 5000,
    ...pool,
  });
  if (!server.migrated) await database.migrate();
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      await server.drop();
    },
  };
}
