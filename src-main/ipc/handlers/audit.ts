import { auditCsv } from '../../services/audit';
import type { OpenStation } from '../../services';
import type { Handlers } from '../register';

export function auditHandlers({
  audit,
}: OpenStation): Pick<Handlers, 'audit.list' | 'audit.verify' | 'audit.exportCsv'> {
  return {
    'audit.list': (filter) => audit.list(filter).map(({ prevHash: _prev, ...row }) => row),
    'audit.verify': () => {
      const verdict = audit.verify();
      return {
        intact: verdict.intact,
        rows: verdict.rows,
        seq: verdict.intact ? null : verdict.seq,
        sentence: verdict.sentence,
      };
    },
    'audit.exportCsv': (filter) => ({ csv: auditCsv(audit.list(filter)) }),
  };
}
