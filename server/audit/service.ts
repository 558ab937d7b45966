import { auditEvents } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType:
    | 'account'
    | 'challenge'
    | 'organization'
    | 'membership'
    | 'invitation'
    | 'proposal'
    | 'sponsorship'
    | 'email';
  subjectId: string;
  organizationId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit event; call it with the transaction that makes the change. */
export async function recordAudit(db: Pick<Db, 'insert'>, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    organizationId: entry.organizationId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
