export { AuditLog, auditCsv } from './log';
export type { AuditEvent } from './log';
