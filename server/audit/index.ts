// The audit trail: who changed what, before and after, written in the change's transaction.
export { HISTORY_SHOWN, subjectHistory, type SubjectHistory } from './history.ts';
export { recordAudit, type AuditEntry } from './service.ts';
