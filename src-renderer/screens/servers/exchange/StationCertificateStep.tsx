import { useState } from 'react';
import { downloadText, sendFile } from '../../../components/files';
import { useApp } from '../../../store/app-store';
import { EntryPicker } from '../../../components/EntryPicker';
import { useEntrySearch } from '../../../store/entry-choices';
import { hasErrors } from '../../../wizard/field-errors';
import { FieldError } from '../../../wizard/FieldError';
import { Exchange, useExchangeData, usePatch } from './context';
import { IDENTITIES, identityAlias, identityErrors, identityFields, identityNote, identityProblem } from './model';

/** c. The station's client certificate: an existing identity, a new self-signed one, or a CSR for your CA. */
export function StationCertificateStep() {
  const data = useExchangeData();
  const patch = usePatch();
  const run = Exchange.useWizard((s) => s.run);
  const call = Exchange.useWizard((s) => s.call);
  const fail = Exchange.useWizard((s) => s.fail);
  const showErrors = Exchange.useWizard((s) => s.showErrors);
  const api = useApp((s) => s.api);
  // Only whether there is any; the picker searches main as the custodian types.
  const known = useEntrySearch(IDENTITIES, '', 1).matching;
  const loadEntries = useApp((s) => s.loadEntries);
  const label = identityAlias(data);
  const errors = identityErrors(data);
  const fields = Exchange.useFields({
    identityAlias: errors.label,
    identityCn: errors.commonName,
    identitySans: errors.subjectAltNames,
  });
  const create = () =>
    run(async () => {
      if (!api) return false;
      if (hasErrors(errors)) return (showErrors(), false);
      const input = identityFields(data);
      if (data.identityMode === 'self-signed') {
        const r = await api.identity.createSelfSigned(input);
        if (!r.ok) return (fail(r.message, r.code), false);
        patch({ identityLabel: r.value.label, csrPem: null });
      } else {
        const r = await api.identity.createCsr(input);
        if (!r.ok) return (fail(r.message, r.code), false);
        patch({ identityLabel: null, csrPem: r.value.csrPem, stationPem: null });
        patch({ identityAlias: r.value.entry.label });
      }
      await loadEntries();
      return true;
    });
  const importSigned = (file: File) =>
    call(
      async () =>
        api ? sendFile(api, file, 'certificate', (upload) => api.identity.importSigned({ label, upload })) : undefined,
      async (entry) => {
        patch({ identityLabel: entry.label, csrPem: null });
        await loadEntries();
      },
    );
  return (
    <>
      {data.identityLabel ? (
        <p className="notice notice-ok" role="status">
          The station will present "{data.identityLabel}".
        </p>
      ) : null}
      <fieldset className="choices">
        <legend>The station's client certificate</legend>
        <label className="check">
          <input
            type="radio"
            checked={data.identityMode === 'existing'}
            disabled={known === 0}
            onChange={() => patch({ identityMode: 'existing' })}
          />
          Use an identity this station already has{known === 0 ? ' (none yet)' : ''}
        </label>
        <label className="check">
          <input
            type="radio"
            checked={data.identityMode === 'self-signed'}
            onChange={() => patch({ identityMode: 'self-signed' })}
          />
          Generate a key pair with a self-signed certificate
        </label>
        <label className="check">
          <input type="radio" checked={data.identityMode === 'csr'} onChange={() => patch({ identityMode: 'csr' })} />
          Generate a key pair and a request (CSR) for our CA
        </label>
      </fieldset>
      {data.identityMode === 'existing' ? (
        <EntryPicker
          label="Identity"
          filters={IDENTITIES}
          value={data.identityLabel ?? ''}
          onChange={(picked) => patch({ identityLabel: picked || null })}
          optional
          note={identityNote}
          unavailable={identityProblem}
        />
      ) : (
        <>
          <div className="row">
            <div className="field">
              <label>
                Keep it as
                <input
                  value={label}
                  onChange={(e) => patch({ identityAlias: e.target.value })}
                  {...fields.input('identityAlias')}
                />
              </label>
              <FieldError {...fields.error('identityAlias')} />
            </div>
            <div className="field">
              <label>
                Common name
                <input
                  value={data.identityCn}
                  onChange={(e) => patch({ identityCn: e.target.value })}
                  placeholder="custos-station-1"
                  {...fields.input('identityCn')}
                />
              </label>
              <FieldError {...fields.error('identityCn')} />
            </div>
          </div>
          <label>
            This station's names and addresses (SAN), separated by spaces
            <input
              value={data.identitySans}
              onChange={(e) => patch({ identitySans: e.target.value })}
              placeholder="station1.example.com 10.0.0.5"
              {...fields.input('identitySans')}
            />
          </label>
          <FieldError {...fields.error('identitySans')} />
          <button type="button" onClick={() => void create()}>
            {data.identityMode === 'self-signed' ? 'Generate key pair and certificate' : 'Generate key pair and CSR'}
          </button>
          {data.csrPem ? (
            <div className="csr">
              <p>
                Send this request to your CA (it holds no secret). When the signed certificate comes back, import it
                here; it is checked against the key.
              </p>
              <textarea readOnly rows={6} value={data.csrPem} aria-label="Certificate signing request" />
              <CsrActions pem={data.csrPem} label={label} />
              <label>
                Signed certificate (PEM or DER)
                <input
                  type="file"
                  accept=".pem,.crt,.cer,.der"
                  onChange={(e) => e.target.files?.[0] && void importSigned(e.target.files[0])}
                />
              </label>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}

/** The request leaves the station by file or clipboard (it is public: no key is in it). */
function CsrActions({ pem, label }: { pem: string; label: string }) {
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null);
  const save = () =>
    downloadText(`${label.replace(/[^A-Za-z0-9._-]+/g, '_') || 'station'}.csr`, pem, 'application/pkcs10');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(pem);
      setCopied('copied');
    } catch {
      // No clipboard permission (a browser that refuses it): the text is selected for Ctrl+C instead.
      document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Certificate signing request"]')?.select();
      setCopied('select');
    }
  };
  return (
    <div className="row">
      <button type="button" onClick={save}>
        Save CSR…
      </button>
      <button type="button" onClick={() => void copy()}>
        Copy CSR
      </button>
      <span role="status" className="small muted">
        {copied === 'copied'
          ? 'Copied to the clipboard.'
          : copied === 'select'
            ? 'Selected: press Ctrl+C to copy.'
            : ''}
      </span>
    </div>
  );
}
