// The audit trail: who changed what, before and after, written in the change's transaction.
export { subjectHistory } from './history.ts';
export { recordAudit, type AuditEntry } from './service.ts';
