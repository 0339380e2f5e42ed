/** The audit log. */
export const AuditCode = {
  ChainBroken: 'AUDIT_CHAIN_BROKEN',
} as const;
