import { useCallback, useEffect, useMemo, useState } from 'react';
import { countOf } from '../../../src-main/contract';
import type { EntryView } from '../../../src-main/contract';
import { ScreenHeader } from '../../components/ScreenHeader';
import { VirtualTable } from '../../components/VirtualTable';
import type { Column, RowSource } from '../../components/VirtualTable';
import { useApp } from '../../store/app-store';
import { CreateKekDialog, CreateSecretKeyDialog } from './CreateDialogs';
import { EedkDialog } from './EedkDialog';
import { EntryDetails } from './EntryDetails';
import { ImportWizard } from './ImportWizard';
import { entryAt, indexOfEntry } from '../../store/keystore-slice';
import { TokenPanel } from './TokenPanel';
import { expiryText, TYPE_NAMES, TYPE_SHORT } from './present';
import { VaultGate } from '../../components/VaultGate';
import { Term } from '../../help/Term';

const COLUMNS: Column<EntryView>[] = [
  { header: 'Label', width: 'minmax(120px, 2fr)', cell: (e) => <strong title={e.label}>{e.label}</strong> },
  { header: 'Type', width: '100px', cell: (e) => TYPE_SHORT[e.type] },
  {
    header: 'State',
    width: '112px',
    cell: (e) => (
      <span className={`pill entry-${e.state}`} title={e.state}>
        {e.state}
      </span>
    ),
  },
  { header: 'Key', width: '80px', cell: (e) => `${e.algorithm}-${e.keyBits}` },
  {
    header: 'Expires',
    width: '95px',
    cell: (e) =>
      e.certificate ? (
        <span title={expiryText(e.certificate.notAfter)}>{e.certificate.notAfter.slice(0, 10)}</span>
      ) : (
        ''
      ),
  },
  {
    header: 'Fingerprint',
    // Shrinks first (cut with an ellipsis; whole in the details pane), so the other columns keep their room.
    width: 'minmax(0, 1fr)',
    cell: (e) => <code>{e.certificate ? e.certificate.sha256.slice(0, 23) : e.kcv ? `KCV ${e.kcv}` : ''}</code>,
  },
];
/**
 * Beside the details pane (which shows the fingerprint whole) the table drops its fingerprint
 * column: at 1280 px both were cut to a few characters, and keys that differ only at the end of
 * their labels ("Basel Archive Key 22710", "... 22711") could not be told apart.
 */
const COLUMNS_BESIDE_DETAILS = COLUMNS.filter((c) => c.header !== 'Fingerprint');

const SUBTITLE = (
  <>
    The keys this station holds (<Term id="kek">KEKs</Term>, AES keys with their <Term id="kcv">key check values</Term>,
    certificates), sealed in an encrypted vault.
  </>
);

export function KeystoreScreen() {
  const vault = useApp((s) => s.vault);
  if (vault?.state === 'unlocked') return <UnlockedKeystore />;
  return (
    <>
      <ScreenHeader title="Keystore" subtitle={SUBTITLE} />
      <VaultGate />
    </>
  );
}

function UnlockedKeystore() {
  const entryWindow = useApp((s) => s.entryWindow);
  const wantEntries = useApp((s) => s.wantEntries);
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const selectedId = useApp((s) => s.selectedId);
  const select = useApp((s) => s.select);
  const [dialog, setDialog] = useState<'kek' | 'secret' | 'import' | 'wrap' | 'unwrap' | null>(null);
  const [showTokens, setShowTokens] = useState(false);
  const tokens = useApp((s) => s.tokens);
  const loadTokens = useApp((s) => s.loadTokens);
  useEffect(() => void loadTokens(), [loadTokens]);
  // Main filters and pages (keystore.list); the table holds only the pages near its view.
  const rows = useMemo<RowSource<EntryView>>(
    () => ({
      count: entryWindow.matching,
      rowAt: (i) => entryAt(entryWindow, i),
      indexOf: (id) => indexOfEntry(entryWindow, id),
      want: wantEntries,
    }),
    [entryWindow, wantEntries],
  );
  const selected = useApp((s) => s.selectedEntry);
  const rowId = useCallback((e: EntryView) => e.id, []);
  const { matching, total } = entryWindow;

  return (
    <>
      <ScreenHeader title="Keystore" subtitle={SUBTITLE}>
        <div className="toolbar-actions" role="toolbar" aria-label="Keystore actions">
          <button className="primary" onClick={() => setDialog('kek')}>
            Create KEK
          </button>
          <button onClick={() => setDialog('secret')}>Create secret key</button>
          <button onClick={() => setDialog('import')}>Import…</button>
          <button aria-pressed={showTokens} onClick={() => setShowTokens(!showTokens)}>
            Tokens
          </button>
          <select aria-label="EEDK" value="" onChange={(e) => setDialog(e.target.value as 'wrap' | 'unwrap')}>
            <option value="" disabled>
              EEDK…
            </option>
            <option value="wrap">Wrap a data key…</option>
            <option value="unwrap">Open an EEDK file…</option>
          </select>
        </div>
      </ScreenHeader>
      <div className="keystore">
        <div className="toolbar" role="search" aria-label="Keystore filters">
          <input
            type="search"
            className="search"
            placeholder="Search label or fingerprint"
            aria-label="Search label or fingerprint"
            value={filter.query}
            onChange={(e) => setFilter({ query: e.target.value })}
          />
          <select
            aria-label="Type"
            value={filter.type}
            onChange={(e) => setFilter({ type: e.target.value as typeof filter.type })}
          >
            <option value="all">All types</option>
            {Object.entries(TYPE_NAMES).map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
          <select
            aria-label="State"
            value={filter.state}
            onChange={(e) => setFilter({ state: e.target.value as typeof filter.state })}
          >
            <option value="all">All states</option>
            <option value="active">Active</option>
            <option value="deactivated">Deactivated</option>
            <option value="compromised">Compromised</option>
            <option value="destroyed">Destroyed</option>
          </select>
          <select
            aria-label="Expiry"
            value={filter.expiry}
            onChange={(e) => setFilter({ expiry: e.target.value as typeof filter.expiry })}
          >
            <option value="all">Any expiry</option>
            <option value="90">Expires ≤ 90 days</option>
            <option value="30">Expires ≤ 30 days</option>
            <option value="expired">Expired</option>
          </select>
          <select
            aria-label="Store"
            value={filter.store ?? 'all'}
            onChange={(e) => setFilter({ store: e.target.value })}
          >
            <option value="all">Any store</option>
            <option value="vault">Vault</option>
            {tokens.map((t) => (
              <option key={t.name} value={`token:${t.name}`}>
                Token {t.name}
              </option>
            ))}
          </select>
        </div>
        {showTokens ? <TokenPanel /> : null}
        <p className="muted count" aria-live="polite">
          {matching === total
            ? countOf(total, 'entry', 'entries')
            : `${matching.toLocaleString('en-US')} of ${countOf(total, 'entry', 'entries')}`}
        </p>
        <div className="keystore-body">
          <VirtualTable
            label="Keystore entries"
            rows={rows}
            columns={selected ? COLUMNS_BESIDE_DETAILS : COLUMNS}
            rowId={rowId}
            selectedId={selectedId}
            onSelect={select}
            empty={
              total === 0
                ? 'The keystore is empty. Create a KEK or a secret key to begin.'
                : 'No entry matches the filters. Clear the filter to see every entry.'
            }
          />
          {selected ? <EntryDetails entry={selected} /> : null}
        </div>
        {dialog === 'kek' ? <CreateKekDialog onClose={() => setDialog(null)} /> : null}
        {dialog === 'secret' ? <CreateSecretKeyDialog onClose={() => setDialog(null)} /> : null}
        {dialog === 'import' ? <ImportWizard onClose={() => setDialog(null)} /> : null}
        {dialog === 'wrap' || dialog === 'unwrap' ? <EedkDialog mode={dialog} onClose={() => setDialog(null)} /> : null}
      </div>
    </>
  );
}
