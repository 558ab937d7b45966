import { constraintOf, sqlStateOf } from './database-errors.ts';

/** A write refused by a unique index (SQLSTATE 23505), as either driver reports it. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { cause?: { code?: string }; code?: string } | null | undefined)?.cause
    ?.code;
  return code === '23505' || (error as { code?: string } | null | undefined)?.code === '23505';
}

/** A write refused by the named unique index or constraint. */
export function isUniqueViolationOf(error: unknown, constraint: string): boolean {
  return sqlStateOf(error) === '23505' && constraintOf(error) === constraint;
}
