import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { auditEvents } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { AuditEntry } from './service.ts';

/** Entries a public history shows: the latest ones; the page says how many older ones exist. */
export const HISTORY_SHOWN = 20;

/** The latest entries of a subject's history, oldest first, and how many older ones are left out. */
export interface SubjectHistory {
  entries: { event: string; createdAt: Date }[];
  older: number;
}

/**
 * What happened to one subject, as its public history shows it: only the actions named (status
 * changes, not edits), each as its name without the subject prefix. A subject that changed
 * status thousands of times still shows only the latest HISTORY_SHOWN.
 */
export async function subjectHistory(
  db: Pick<Db, 'select'>,
  subjectType: AuditEntry['subjectType'],
  subjectId: string,
  actions: readonly string[],
): Promise<SubjectHistory> {
  const where = and(
    eq(auditEvents.subjectType, subjectType),
    eq(auditEvents.subjectId, subjectId),
    inArray(auditEvents.action, [...actions]),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ action: auditEvents.action, createdAt: auditEvents.createdAt })
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(HISTORY_SHOWN),
    db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return {
    entries: rows.reverse().map((row) => ({
      event: row.action.slice(row.action.indexOf('.') + 1),
      createdAt: row.createdAt,
    })),
    older: Math.max(0, Number(total?.n ?? 0) - rows.length),
  };
}
