import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from '../../models/schema/index.ts';
import { projectPath } from '../lib/index.ts';
import { lockDataDir } from './data-dir-lock.ts';

export type Schema = typeof schema;
/** The Drizzle database, the same type on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseDriver = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  driver: DatabaseDriver;
  /**
   * Applies pending migrations from models/migrations (or another folder, to test a migration
   * on data written before it); a second run does nothing.
   */
  migrate(folder?: string): Promise<void>;
  /** Refreshes planner statistics: PGlite never autovacuums. */
  analyze(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole database as a gzipped tarball, to clone test databases from. */
  dumpDataDir?: () => Promise<Blob>;
}

export interface PostgresOptions {
  kind: 'postgres';
  url: string;
  /** Connections in the pool (10 by default). */
  poolSize?: number;
  /** How long a query waits for a free connection before failing (1.5 s by default). */
  acquireTimeoutMs?: number;
  /** Told when a connection breaks (the server restarted, the network dropped it). */
  onConnectionError?: (error: Error) => void;
}

export type DatabaseOptions =
  | PostgresOptions
  | { kind: 'pglite-dir'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob };

export const migrationsFolder = projectPath('models', 'migrations');

const pgliteExtensions = { pg_trgm, unaccent };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') return openPostgres(options);
  if (options.kind === 'pglite-memory') {
    const client = await PGlite.create({
      extensions: pgliteExtensions,
      loadDataDir: options.loadDataDir,
    });
    return wrapPglite(client, () => {});
  }
  const dbDir = path.join(options.dataDir, 'db');
  const release = lockDataDir(options.dataDir);
  try {
    const client = await PGlite.create({ dataDir: dbDir, extensions: pgliteExtensions });
    return wrapPglite(client, release);
  } catch (error) {
    release();
    throw error;
  }
}

function wrapPglite(client: PGlite, release: () => void): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    migrate: (folder = migrationsFolder) =>
      migratePglite(db as never, { migrationsFolder: folder }),
    analyze: async () => {
      await client.exec('VACUUM ANALYZE');
    },
    ping: async () => {
      await client.query('SELECT 1');
    },
    dumpDataDir: async () => (await client.dumpDataDir('gzip')) as Blob,
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        release();
      }
    },
  };
}

async function openPostgres(options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // A short wait: when every connection is busy, answering "try again" beats a long queue.
    connectionTimeoutMillis: options.acquireTimeoutMs ?? 1500,
  });
  const onConnectionError = options.onConnectionError ?? (() => {});
  // pg-pool listens on idle clients only, so a client lost mid-transaction would crash the process.
  pool.on('connect', (client) => client.on('error', onConnectionError));
  // The client's own listener above has already reported it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    driver: 'postgres',
    migrate: (folder = migrationsFolder) => migratePg(db as never, { migrationsFolder: folder }),
    analyze: async () => {
      await db.execute(sql`VACUUM ANALYZE`);
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The database the configuration asks for: PostgreSQL with a URL, embedded PGlite without. */
export function databaseOptionsFromConfig(
  config: {
    databaseUrl?: string;
    dataDir: string;
    databasePool?: { size: number; acquireTimeoutMs: number };
  },
  hooks: Pick<PostgresOptions, 'onConnectionError'> = {},
): DatabaseOptions {
  return config.databaseUrl
    ? {
        kind: 'postgres',
        url: config.databaseUrl,
        poolSize: config.databasePool?.size,
        acquireTimeoutMs: config.databasePool?.acquireTimeoutMs,
        ...hooks,
      }
    : { kind: 'pglite-dir', dataDir: config.dataDir };
}
