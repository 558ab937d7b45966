// The database: one Drizzle type over embedded PGlite or a PostgreSQL server.
export { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';
export {
  databaseOptionsFromConfig,
  migrationsFolder,
  openDatabase,
  type Database,
  type DatabaseDriver,
  type DatabaseOptions,
  type PostgresOptions,
  type Db,
  type Schema,
} from './database.ts';
export {
  constraintOf,
  isDatabaseUnavailable,
  isRejectedData,
  sqlStateOf,
} from './database-errors.ts';
export { databaseErrorForLog } from './log-safe-error.ts';
export { appliedMigrationCount } from './applied-migrations.ts';
export { queryRows } from './query-rows.ts';
export type { Tx } from './transaction.ts';
export { isUniqueViolation, isUniqueViolationOf } from './unique-violation.ts';
