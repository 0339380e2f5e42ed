import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditRowView, AuditVerdictView } from '../../../src-main/contract';
import { downloadText } from '../../components/files';
import { ScreenHeader } from '../../components/ScreenHeader';
import { VirtualTable } from '../../components/VirtualTable';
import type { Column } from '../../components/VirtualTable';
import { useApp } from '../../store/app-store';
import { attempt } from '../../store/attempt';

type Outcome = '' | 'ok' | 'failed' | 'refused';

const COLUMNS: Column<AuditRowView>[] = [
  { header: '#', width: '70px', cell: (r) => r.seq },
  { header: 'Time (UTC)', width: '170px', cell: (r) => r.at.replace('T', ' ').slice(0, 19) },
  { header: 'Actor', width: '140px', cell: (r) => r.actor },
  { header: 'Action', width: '190px', cell: (r) => <code>{r.action}</code> },
  { header: 'Object', width: 'minmax(140px, 1fr)', cell: (r) => r.object },
  { header: 'Outcome', width: '90px', cell: (r) => <span className={`pill outcome-${r.outcome}`}>{r.outcome}</span> },
  { header: 'Detail', width: 'minmax(140px, 1fr)', cell: (r) => <span className="muted">{r.detail}</span> },
];

/** The audit log: filter, verify the hash chain, export CSV. Rows hold no secrets, so the renderer may have them. */
export function AuditScreen() {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const [action, setAction] = useState('');
  const [object, setObject] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('');
  const [rows, setRows] = useState<AuditRowView[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<AuditVerdictView | null>(null);
  const filter = useMemo(
    () => ({ ...(action ? { action } : {}), ...(object ? { object } : {}), ...(outcome ? { outcome } : {}) }),
    [action, object, outcome],
  );

  const load = useCallback(async () => {
    const found = await attempt(api?.audit.list({ ...filter, limit: 100_000 }), notify, 'refresh');
    if (found) setRows(found);
  }, [api, filter, notify]);
  useEffect(() => void load(), [load]);

  const [exported, setExported] = useState<string | null>(null);
  const verify = async () => setVerdict(await attempt(api?.audit.verify({}), notify));
  const exportCsv = async () => {
    const result = await attempt(api?.audit.exportCsv(filter), notify);
    if (!result) return;
    const fileName = `custos-audit-${new Date().toISOString().slice(0, 10)}.csv`;
    downloadText(fileName, result.csv, 'text/csv');
    // The browser saves it without a word: say under which name, and where to look.
    setExported(fileName);
  };

  return (
    <>
      <ScreenHeader title="Audit" subtitle="Who did what to which key, and when: append-only and hash-chained." />
      <div className="toolbar" role="toolbar" aria-label="Audit filters">
        <select aria-label="Action" value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="">All actions</option>
          <option value="vault">Vault</option>
          <option value="keystore">Keystore</option>
          <option value="eedk">EEDK</option>
        </select>
        <input
          type="search"
          aria-label="Object"
          placeholder="Key label"
          value={object}
          onChange={(e) => setObject(e.target.value)}
        />
        <select aria-label="Outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
          <option value="">Any outcome</option>
          <option value="ok">ok</option>
          <option value="failed">failed</option>
          <option value="refused">refused</option>
        </select>
        <span className="spacer" />
        <button onClick={() => void verify()}>Verify chain</button>
        <button onClick={() => void exportCsv()}>Export CSV</button>
      </div>
      {exported ? (
        <p className="notice notice-ok" role="status" aria-label="Export">
          Exported as <strong>{exported}</strong>, saved in this browser's downloads folder.
        </p>
      ) : null}
      {verdict ? (
        <div className={`notice ${verdict.intact ? 'notice-ok' : 'notice-error'}`} role="status">
          {verdict.sentence}
        </div>
      ) : null}
      <p className="muted count">{rows.length} rows</p>
      <VirtualTable
        label="Audit rows"
        rows={rows}
        columns={COLUMNS}
        rowId={(r) => String(r.seq)}
        selectedId={selected}
        onSelect={setSelected}
        empty="No audit rows match. Clear the filter to see every row."
      />
    </>
  );
}
