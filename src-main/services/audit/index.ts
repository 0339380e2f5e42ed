export { AuditLog, auditCsv } from './log';
export type { AuditEvent, AuditFilter, AuditRow, AuditVerdict } from './log';
