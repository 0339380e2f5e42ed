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
      return verdict.intact
        ? {
            intact: true,
            rows: verdict.rows,
            seq: null,
            sentence: `All ${verdict.rows} audit rows are intact and in order.`,
          }
        : { intact: false, rows: verdict.rows, seq: verdict.seq, sentence: verdict.sentence };
    },
    'audit.exportCsv': (filter) => ({ csv: auditCsv(audit.list(filter)) }),
  };
}
