/** A write refused by a unique index (SQLSTATE 23505), as either driver reports it. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { cause?: { code?: string }; code?: string } | null | undefined)?.cause
    ?.code;
  return code === '23505' || (error as { code?: string } | null | undefined)?.code === '23505';
}
