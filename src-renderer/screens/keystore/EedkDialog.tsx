import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { sendFile } from '../../components/files';
import { useApp } from '../../store/app-store';
import { ACTIVE_KEKS, useEntryChoices } from '../../store/entry-choices';
import { attempt } from '../../store/attempt';

type Encoding = 'L' | 'H';

/**
 * Wrap a fresh data key under one or two KEKs (the second usually the partner site's public
 * KEK), or check which KEK here opens an EEDK file. Only the check value is ever shown.
 */
export function EedkDialog({ mode, onClose }: { mode: 'wrap' | 'unwrap'; onClose: () => void }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const keks = useEntryChoices(ACTIVE_KEKS).entries;
  const [first, setFirst] = useState({ label: keks[0]?.label ?? '', encoding: 'H' as Encoding });
  // The KEKs arrive from main after the dialog opens: the first one is the default, as before.
  const firstKek = keks[0]?.label ?? '';
  useEffect(() => {
    if (firstKek) setFirst((f) => (f.label ? f : { ...f, label: firstKek }));
  }, [firstKek]);
  const [second, setSecond] = useState({ label: '', encoding: 'H' as Encoding });
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const submit = async () => {
    if (done) return onClose();
    setBusy(true);
    if (mode === 'wrap') {
      const chosen = [first, ...(second.label ? [second] : [])];
      const r = await attempt(api?.eedk.wrap({ keks: chosen }), notify);
      if (r) setDone(`Wrote ${r.path}. Data key check value: ${r.kcv}.`);
    } else if (file && api) {
      const r = await attempt(
        sendFile(api, file, 'eedk', (upload) => api.eedk.unwrap({ upload })),
        notify,
      );
      if (r) setDone(`Opened with "${r.kekLabel}" (encoding ${r.encoding}). Data key check value: ${r.kcv}.`);
    }
    setBusy(false);
  };

  const kekPicker = (
    value: { label: string; encoding: Encoding },
    set: (v: { label: string; encoding: Encoding }) => void,
    optional: boolean,
    name: string,
  ) => (
    <div className="row">
      <label>
        {name}
        <select value={value.label} onChange={(e) => set({ ...value, label: e.target.value })}>
          {optional ? <option value="">None</option> : null}
          {keks.map((k) => (
            <option key={k.id} value={k.label}>
              {k.label} {k.type === 'public-kek' ? '(partner site)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Key label encoding
        <select value={value.encoding} onChange={(e) => set({ ...value, encoding: e.target.value as Encoding })}>
          <option value="H">H: public key hash (works whatever the other site calls it)</option>
          <option value="L">L: clear label (the other site must use the same label)</option>
        </select>
      </label>
    </div>
  );

  return (
    <Dialog
      title={mode === 'wrap' ? 'Wrap a data key (EEDK)' : 'Open an EEDK file'}
      submitLabel={done ? 'Close' : mode === 'wrap' ? 'Wrap a fresh data key' : 'Check'}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      disabled={!done && (mode === 'wrap' ? !first.label : !file)}
      cancellable={!done}
    >
      {done ? (
        <p role="status">{done}</p>
      ) : mode === 'wrap' ? (
        <>
          <p className="muted">
            A fresh AES-256 data key, wrapped with RSA-OAEP under each KEK, into one EEDK file in the station's exports
            folder.
          </p>
          {kekPicker(first, setFirst, false, 'First KEK (this site)')}
          {kekPicker(second, setSecond, true, 'Second KEK (the other site)')}
        </>
      ) : (
        <>
          <p className="muted">
            Finds the KEK on this station that opens the file and shows the data key's check value (never the key).
          </p>
          <label>
            EEDK file
            <input type="file" accept=".eedk" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
        </>
      )}
    </Dialog>
  );
}
