import { useEffect, useState } from 'react';
import { Fingerprint } from '../../components/Fingerprint';
import type { EntryView } from '../../../src-main/contract';
import { useApp } from '../../store/app-store';
import { DestroyDialog } from './DestroyDialog';
import { CompromiseDialog } from './CompromiseDialog';
import { ExportDialog } from './ExportDialog';
import { expiryText, TYPE_NAMES } from './present';

/** "Used by N cartridges" from the key-usage inventory (device groups, EKM metadata). */
function useCartridges(label: string, updatedAt: string): number | null {
  const api = useApp((s) => s.api);
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void api?.devices.usedBy({ label }).then((r) => live && setCount(r.ok ? r.value.cartridges : null));
    return () => {
      live = false;
    };
  }, [api, label, updatedAt]);
  return count;
}

export function EntryDetails({ entry }: { entry: EntryView }) {
  const setEntryState = useApp((s) => s.setEntryState);
  const setEntryNotes = useApp((s) => s.setEntryNotes);
  const [destroying, setDestroying] = useState(false);
  const [compromising, setCompromising] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [notes, setNotes] = useState(entry.notes);
  const cartridges = useCartridges(entry.label, entry.updatedAt);
  useEffect(() => setNotes(entry.notes), [entry.id, entry.notes]);
  const c = entry.certificate;
  const live = entry.state !== 'destroyed';
  return (
    <aside className="card details" aria-label={`Details of ${entry.label}`}>
      <h2>{entry.label}</h2>
      <p>
        <span className={`pill entry-${entry.state}`}>{entry.state}</span>{' '}
        <span className="muted">{TYPE_NAMES[entry.type]}</span>
      </p>
      <dl className="facts">
        <dt>Key</dt>
        <dd>
          {entry.algorithm}-{entry.keyBits}
          {!entry.hasSecret ? (entry.state === 'destroyed' ? ' · material destroyed' : ' · public half only') : ''}
        </dd>
        <dt>Usage</dt>
        <dd>{entry.usage}</dd>
        {entry.kcv ? (
          <>
            <dt>Check value</dt>
            <dd>
              <code>{entry.kcv}</code>
            </dd>
          </>
        ) : null}
        {c ? (
          <>
            <dt>Subject</dt>
            <dd>{c.subject}</dd>
            <dt>Issuer</dt>
            <dd>{c.selfSigned ? 'self-signed' : c.issuer}</dd>
            <dt>Valid</dt>
            <dd>
              {c.notBefore.slice(0, 10)} to {c.notAfter.slice(0, 10)}{' '}
              <span className="muted">({expiryText(c.notAfter)})</span>
            </dd>
            <dt>SHA-256</dt>
            <dd>
              <Fingerprint name="SHA-256" value={c.sha256} />
            </dd>
            <dt>Key hash (H)</dt>
            <dd>
              <Fingerprint name="key hash" value={c.spkiSha256} />
            </dd>
          </>
        ) : null}
        <dt>Stored in</dt>
        <dd>
          {entry.store === 'vault'
            ? 'the station vault'
            : `${entry.store.replace(/^token:/, 'token ')} (never leaves it)`}
        </dd>
        {entry.type === 'kek' || entry.type === 'public-kek' || entry.type === 'secret-key' ? (
          <>
            <dt>Cartridges</dt>
            <dd data-testid="used-by">
              {cartridges === null ? '…' : `used by ${cartridges} cartridge${cartridges === 1 ? '' : 's'}`}
            </dd>
          </>
        ) : null}
        <dt>Origin</dt>
        <dd>{entry.origin}</dd>
        <dt>Created</dt>
        <dd>{entry.createdAt.replace('T', ' ').slice(0, 19)} UTC</dd>
      </dl>
      <label>
        Notes
        <textarea
          value={notes}
          rows={3}
          onChange={(e) => setNotes(e.target.value)}
          onBlur={() => notes !== entry.notes && void setEntryNotes(entry.label, notes)}
        />
      </label>
      {live || entry.certificate ? (
        <div className="actions">
          <button onClick={() => setExporting(true)}>Export…</button>
          {live && entry.state === 'active' ? (
            <button onClick={() => void setEntryState(entry.label, 'deactivated')}>Deactivate</button>
          ) : null}
          {live && entry.state === 'deactivated' ? (
            <button onClick={() => void setEntryState(entry.label, 'active')}>Reactivate</button>
          ) : null}
          {live && entry.state !== 'compromised' ? (
            <button className="danger" onClick={() => setCompromising(true)}>
              Mark compromised…
            </button>
          ) : null}
          {entry.hasSecret ? (
            <button className="danger" onClick={() => setDestroying(true)}>
              Destroy…
            </button>
          ) : null}
        </div>
      ) : null}
      {destroying ? (
        <DestroyDialog entry={entry} cartridges={cartridges ?? 0} onClose={() => setDestroying(false)} />
      ) : null}
      {compromising ? <CompromiseDialog entry={entry} onClose={() => setCompromising(false)} /> : null}
      {exporting ? <ExportDialog entry={entry} onClose={() => setExporting(false)} /> : null}
    </aside>
  );
}
