import { auditCsv } from '../../services/audit';
import type { OpenStation } from '../../services';
import type { Handlers } from '../register';

export function auditHandlers({
  audit,
}: OpenStation): Pick<Handlers, 'audit.list' | 'audit.verify' | 'audit.exportCsv'> {
  return {
    'audit.list': (filter) => audit.list(filter),
    'audit.verify': () => audit.verify(),
    'audit.exportCsv': (filter) => ({ csv: auditCsv(audit.list(filter)) }),
  };
}
