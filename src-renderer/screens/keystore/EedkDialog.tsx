import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { EntryPicker } from '../../components/EntryPicker';
import { sendFile } from '../../components/files';
import { Term } from '../../help/Term';
import { useApp } from '../../store/app-store';
import { ACTIVE_KEKS } from '../../store/entry-choices';
import { attempt } from '../../store/attempt';

type Encoding = 'L' | 'H';
type DataKeySource = 'fresh' | 'file';

/**
 * Wrap a data key under one or two KEKs (the second usually the partner site's public KEK): a
 * fresh one, or one the custodian supplies as a 32-byte file (as `custos eedk wrap --dk-file`;
 * the bytes go to main as an upload and never come back). Or check which KEK here opens an EEDK
 * file. Only the check value is ever shown; a refusal is shown in the dialog.
 */
export function EedkDialog({ mode, onClose }: { mode: 'wrap' | 'unwrap'; onClose: () => void }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  // The first KEK main lists is picked until the custodian picks another (EntryPicker).
  const [first, setFirst] = useState({ label: '', encoding: 'H' as Encoding });
  const [second, setSecond] = useState({ label: '', encoding: 'H' as Encoding });
  const [source, setSource] = useState<DataKeySource>('fresh');
  const [dataKeyFile, setDataKeyFile] = useState<File | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const submit = async () => {
    if (done) return onClose();
    if (!api) return;
    setBusy(true);
    try {
      if (mode === 'wrap') {
        const keks = [first, ...(second.label ? [second] : [])];
        const r = await attempt(
          source === 'file' && dataKeyFile
            ? sendFile(api, dataKeyFile, 'data-key', (dataKeyUpload) => api.eedk.wrap({ keks, dataKeyUpload }))
            : api.eedk.wrap({ keks }),
          notify,
        );
        if (r) setDone(`Wrote ${r.path}. Data key check value: ${r.kcv}.`);
      } else if (file) {
        const r = await attempt(
          sendFile(api, file, 'eedk', (upload) => api.eedk.unwrap({ upload })),
          notify,
        );
        if (r) setDone(`Opened with "${r.kekLabel}" (encoding ${r.encoding}). Data key check value: ${r.kcv}.`);
      }
    } catch {
      notify('error', 'The chosen file could not be read (moved or changed while reading); choose it again.');
    } finally {
      setBusy(false);
    }
  };

  const kekPicker = (
    value: { label: string; encoding: Encoding },
    set: (v: { label: string; encoding: Encoding }) => void,
    optional: boolean,
    name: string,
  ) => (
    <div className="row">
      <EntryPicker
        label={name}
        filters={ACTIVE_KEKS}
        value={value.label}
        onChange={(label) => set({ ...value, label })}
        optional={optional}
        note={(k) => (k.type === 'public-kek' ? '(partner site)' : '')}
      />
      <label>
        Key label encoding
        <select value={value.encoding} onChange={(e) => set({ ...value, encoding: e.target.value as Encoding })}>
          <option value="H">H: public key hash</option>
          <option value="L">L: clear label</option>
        </select>
      </label>
    </div>
  );

  const ready = mode === 'wrap' ? !!first.label && (source === 'fresh' || dataKeyFile !== null) : file !== null;
  return (
    <Dialog
      title={mode === 'wrap' ? 'Wrap a data key (EEDK)' : 'Open an EEDK file'}
      submitLabel={
        done
          ? 'Close'
          : mode === 'unwrap'
            ? 'Check'
            : source === 'file'
              ? 'Wrap this data key'
              : 'Wrap a fresh data key'
      }
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      disabled={!done && !ready}
      cancellable={!done}
    >
      {done ? (
        <p role="status">{done}</p>
      ) : mode === 'wrap' ? (
        <div className="eedk-form">
          <p className="muted">
            An AES-256 <Term id="data-key">data key</Term>, wrapped with RSA-OAEP under each <Term id="kek">KEK</Term>{' '}
            (in <Term id="label-encoding">L or H encoding</Term>), into one <Term id="eedk">EEDK</Term> file in the
            station's exports folder.
          </p>
          <fieldset className="choices">
            <legend>Data key</legend>
            <label className="check">
              <input type="radio" name="dk" checked={source === 'fresh'} onChange={() => setSource('fresh')} />A fresh
              random data key
            </label>
            <label className="check">
              <input type="radio" name="dk" checked={source === 'file'} onChange={() => setSource('file')} />
              An existing data key (a 32-byte file)
            </label>
            {source === 'file' ? (
              <label>
                Data key file
                <input type="file" onChange={(e) => setDataKeyFile(e.target.files?.[0] ?? null)} />
              </label>
            ) : null}
          </fieldset>
          {kekPicker(first, setFirst, false, 'First KEK (this site)')}
          {kekPicker(second, setSecond, true, 'Second KEK (the other site)')}
          <p className="small muted">
            H (public key hash) works whatever the other site calls its key; L (clear label) needs the same label at
            both sites.
          </p>
        </div>
      ) : (
        <div className="eedk-form">
          <p className="muted">
            Finds the KEK on this station that opens the file and shows the data key's check value (never the key).
          </p>
          <label>
            EEDK file
            <input type="file" accept=".eedk" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
        </div>
      )}
    </Dialog>
  );
}
