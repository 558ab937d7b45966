import { sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { queryRows } from './query-rows.ts';

/** How many migrations the database has applied (0 before the first), as Drizzle records them. */
export async function appliedMigrationCount(db: Db): Promise<number> {
  // Two queries: a query naming a missing table fails even in a branch that is never taken.
  const [table] = await queryRows<{ present: boolean }>(
    db,
    sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`,
  );
  if (!table?.present) return 0;
  const [row] = await queryRows<{ applied: number }>(
    db,
    sql`SELECT count(*)::int AS applied FROM drizzle.__drizzle_migrations`,
  );
  return Number(row?.applied ?? 0);
}
