import { useState } from 'react';
import type { EntryView } from '../../../src-main/contract';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../store/app-store';
import { attempt } from '../../store/attempt';

type Format = 'pkcs12' | 'jceks' | 'pem';

/**
 * Export one entry. Key material is written by main into the station's exports folder; the
 * renderer only learns the path. Certificates (PEM) need no password.
 */
export function ExportDialog({ entry, onClose }: { entry: EntryView; onClose: () => void }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const [format, setFormat] = useState<Format>(entry.certificate ? 'pem' : 'pkcs12');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [legacy, setLegacy] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ path: string; warning: string | null } | null>(null);
  const needsPassword = format !== 'pem';
  const ready = !needsPassword || ([...password].length >= 6 && password === repeat);

  const submit = async () => {
    if (done) return onClose();
    setBusy(true);
    const result = await attempt(
      api?.keystore.export({
        labels: [entry.label],
        format,
        legacy: format === 'pkcs12' && legacy,
        ...(needsPassword ? { storePassword: password } : {}),
      }),
      notify,
    );
    setBusy(false);
    setPassword('');
    setRepeat('');
    if (result) setDone({ path: result.path, warning: result.warning });
  };

  return (
    <Dialog
      title={`Export "${entry.label}"`}
      submitLabel={done ? 'Close' : 'Export'}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      disabled={!done && !ready}
      cancellable={!done}
    >
      {done ? (
        <div role="status">
          <p>Written to:</p>
          <p>
            <code>{done.path}</code>
          </p>
          {done.warning ? <p className="warn-text">{done.warning}</p> : null}
        </div>
      ) : (
        <>
          <label>
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as Format)}>
              {entry.certificate ? (
                <option value="pem">PEM certificate (public half, for a partner site or key server)</option>
              ) : null}
              {entry.state !== 'destroyed' ? <option value="pkcs12">PKCS#12 with the key</option> : null}
              {entry.state !== 'destroyed' ? <option value="jceks">JCEKS with the key (ISKLM, EKM)</option> : null}
            </select>
          </label>
          {needsPassword ? (
            <>
              <label>
                Store password for the file
                <input
                  type="password"
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              </label>
              <label>
                Repeat it
                <input
                  type="password"
                  autoComplete="new-password"
                  value={repeat}
                  onChange={(e) => setRepeat(e.target.value)}
                  aria-invalid={repeat.length > 0 && repeat !== password}
                />
              </label>
              <p className="hint">At least 6 characters; whoever imports the file needs it.</p>
            </>
          ) : null}
          {format === 'pkcs12' ? (
            <>
              <label className="check">
                <input type="checkbox" checked={legacy} onChange={(e) => setLegacy(e.target.checked)} />
                Legacy PKCS#12 (3DES, SHA-1) for old appliances
              </label>
              {legacy ? (
                <p className="warn-text small">
                  Weaker protection: use only for an appliance that cannot read the modern format.
                </p>
              ) : null}
            </>
          ) : null}
        </>
      )}
    </Dialog>
  );
}
