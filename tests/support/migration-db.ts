import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrationsFolder, openDatabase, type Database } from '../../server/db/index.ts';
import { adminQuery, testDatabaseUrl, withDatabase } from './test-db.ts';

// For tests of a migration that changes data: a database migrated up to just before it, filled
// with rows as they were written then, then migrated to the end.

/** A copy of the migrations folder that stops before the named migration. */
export function migrationsBefore(tag: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'retos-migrations-'));
  fs.cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as {
    entries: { tag: string }[];
  };
  const index = journal.entries.findIndex((entry) => entry.tag === tag);
  assert.ok(index > 0, `${tag} is in the journal`);
  journal.entries = journal.entries.slice(0, index);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

/** An empty database: PGlite in memory, or one of its own on the PostgreSQL server. */
export async function emptyDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!testDatabaseUrl) {
    const database = await openDatabase({ kind: 'pglite-memory' });
    return { database, drop: () => database.close() };
  }
  const name = `retos_migration_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(testDatabaseUrl, `CREATE DATABASE "${name}"`);
  const database = await openDatabase({
    kind: 'postgres',
    url: withDatabase(testDatabaseUrl, name),
    poolSize: 2,
    acquireTimeoutMs: 5000,
  });
  return {
    database,
    drop: async () => {
      await database.close();
      await adminQuery(testDatabaseUrl!, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
