import { useState } from 'react';
import { sendFile } from '../../../components/files';
import { useApp } from '../../../store/app-store';
import { hasErrors } from '../../../wizard/field-errors';
import { FieldError } from '../../../wizard/FieldError';
import { Exchange, useExchangeData, usePatch } from './context';
import { trustAliasErrors } from './model';
import { Term } from '../../../help/Term';

/** b. Retrieve the server's chain over TLS, compare its fingerprint out of band, trust it; or upload it. */
export function ServerCertificateStep() {
  const data = useExchangeData();
  const patch = usePatch();
  const call = Exchange.useWizard((s) => s.call);
  const api = useApp((s) => s.api);
  const showErrors = Exchange.useWizard((s) => s.showErrors);
  const chosen = data.chain?.chain[data.chosenIndex];
  const aliasErrors = trustAliasErrors(data.trustAlias);
  const fields = Exchange.useFields({ trustAlias: aliasErrors.alias });
  const retrieve = () =>
    call(
      () => api?.servers.fetchChain({ host: data.address, port: data.fetchPort }),
      (chain) =>
        patch({
          chain,
          chosenIndex: 0,
          compared: false,
          trustAlias: data.trustAlias || `${data.name} server certificate`,
        }),
    );
  const trust = () =>
    hasErrors(aliasErrors)
      ? showErrors()
      : call(
          () =>
            data.chain && chosen
              ? api?.servers.trustRetrieved({
                  fetchId: data.chain.fetchId,
                  index: data.chosenIndex,
                  sha256: chosen.sha256,
                  alias: data.trustAlias.trim(),
                })
              : undefined,
          (entry) => patch({ trustLabel: entry.label }),
        );
  return (
    <>
      {data.trustLabel ? (
        <p className="notice notice-ok" role="status">
          This station trusts "{data.trustLabel}" for this server.
        </p>
      ) : null}
      <div className="row">
        <label>
          Retrieve from port
          <select value={data.fetchPort} onChange={(e) => patch({ fetchPort: Number(e.target.value) })}>
            <option value={data.kmipPort}>{data.kmipPort} (KMIP)</option>
            {data.kmipPort !== 5696 ? <option value={5696}>5696 (KMIP)</option> : null}
            <option value={1441}>1441 (IBM IPP over TLS)</option>
            <option value={443}>443 (web)</option>
          </select>
        </label>
        <button type="button" onClick={() => void retrieve()}>
          Retrieve certificate from {data.address}:{data.fetchPort}
        </button>
      </div>
      {data.fetchPort === 443 ? (
        <p className="warn-text small">Port 443 is usually a web server, not the key server: KMIP listens on 5696.</p>
      ) : null}
      {data.chain ? (
        <>
          <p className="small muted">
            TLS: {data.chain.protocol ? `${data.chain.protocol}, ${data.chain.cipher}` : data.chain.handshake}
          </p>
          {data.chain.warnings.map((w) => (
            <p key={w} className="warn-text small">
              {w}
            </p>
          ))}
          <table className="review chain" aria-label="Certificate chain">
            <thead>
              <tr>
                <th>Trust</th>
                <th>Certificate</th>
                <th>Fingerprints</th>
              </tr>
            </thead>
            <tbody>
              {data.chain.chain.map((c, i) => (
                <tr key={c.sha256}>
                  <td>
                    <input
                      type="radio"
                      name="chosen"
                      aria-label={`Trust ${c.subject}`}
                      checked={data.chosenIndex === i}
                      onChange={() => patch({ chosenIndex: i, compared: false })}
                    />
                  </td>
                  <td>
                    <strong>{i === 0 ? 'Server' : `CA ${i}`}</strong>: {c.subject}
                    <div className="small muted">
                      issued by {c.issuer} · {c.keyType}-{c.keyBits} · {c.notBefore.slice(0, 10)} to{' '}
                      {c.notAfter.slice(0, 10)}
                    </div>
                    {c.san.length ? (
                      <div className="small muted">
                        <Term id="san">SAN</Term>: {c.san.join(', ')}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <div className="small">SHA-256</div>
                    <code className="fingerprint">{c.sha256}</code>
                    <div className="small">SHA-1</div>
                    <code className="fingerprint">{c.sha1}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {/* Sticky: however long the chain, the decision stays in sight at the bottom of the step. */}
          <div className="sticky-actions">
            <label className="check">
              <input type="checkbox" checked={data.compared} onChange={(e) => patch({ compared: e.target.checked })} />I
              compared the SHA-256 fingerprint of the selected certificate with the key server administrator, by phone
              or in person
            </label>
            <div className="row">
              <div className="field">
                <label>
                  Keep it as
                  <input
                    value={data.trustAlias}
                    onChange={(e) => patch({ trustAlias: e.target.value })}
                    {...fields.input('trustAlias')}
                  />
                </label>
                <FieldError {...fields.error('trustAlias')} />
              </div>
              <button type="button" className="primary" disabled={!data.compared} onClick={() => void trust()}>
                Trust this certificate
              </button>
            </div>
          </div>
        </>
      ) : (
        <UploadTrust />
      )}
    </>
  );
}

function UploadTrust() {
  const patch = usePatch();
  const call = Exchange.useWizard((s) => s.call);
  const name = Exchange.useWizard((s) => s.data.name);
  const api = useApp((s) => s.api);
  const [file, setFile] = useState<File | null>(null);
  const [sha256, setSha256] = useState('');
  const upload = () =>
    call(
      async () =>
        file && api
          ? sendFile(api, file, 'certificate', (upload) =>
              api.servers.trustUpload({ upload, sha256, alias: `${name} server certificate` }),
            )
          : undefined,
      (entry) => patch({ trustLabel: entry.label }),
    );
  return (
    <details className="alternative">
      <summary>Or upload the server's certificate, or its CA's</summary>
      <label>
        Certificate file (PEM or DER)
        <input type="file" accept=".pem,.crt,.cer,.der" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <label>
        Its SHA-256 fingerprint, as the administrator gave it
        <input value={sha256} onChange={(e) => setSha256(e.target.value)} placeholder="AB:CD:…" />
      </label>
      <button
        type="button"
        disabled={!file || sha256.replace(/[^0-9a-f]/gi, '').length !== 64}
        onClick={() => void upload()}
      >
        Trust the uploaded certificate
      </button>
    </details>
  );
}
