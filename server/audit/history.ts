import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditEvents } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { AuditEntry } from './service.ts';

/**
 * What happened to one subject, oldest first, as its public history shows it: only the actions
 * named (status changes, not edits), each as its name without the subject prefix.
 */
export async function subjectHistory(
  db: Pick<Db, 'select'>,
  subjectType: AuditEntry['subjectType'],
  subjectId: string,
  actions: readonly string[],
): Promise<{ event: string; createdAt: Date }[]> {
  const rows = await db
    .select({ action: auditEvents.action, createdAt: auditEvents.createdAt })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, subjectType),
        eq(auditEvents.subjectId, subjectId),
        inArray(auditEvents.action, [...actions]),
      ),
    )
    .orderBy(asc(auditEvents.createdAt), asc(auditEvents.id));
  return rows.map((row) => ({
    event: row.action.slice(row.action.indexOf('.') + 1),
    createdAt: row.createdAt,
  }));
}
