import { useEffect, useState } from 'react';
import { downloadText, sendFile } from '../../components/files';
import { StepList } from '../../components/StepList';
import { useApp } from '../../store/app-store';
import { identities } from './exchange-model';
import { Exchange } from './ExchangeWizard';

const usePatch = () => Exchange.useWizard((s) => s.patch);
const useData = () => Exchange.useWizard((s) => s.data);

/** a. Choose or add the key server. */
export function ServerStep() {
  const data = useData();
  const patch = usePatch();
  const existing = data.existing !== null;
  return (
    <>
      <p className="muted">
        The key server this station (and the storage systems it serves) will trust, and that will trust this station.
      </p>
      <label>
        Name
        <input
          value={data.name}
          disabled={existing}
          maxLength={64}
          onChange={(e) => patch({ name: e.target.value })}
          placeholder="SKLM primary"
          autoFocus
        />
      </label>
      <label>
        Address (IPv4, IPv6 or host name)
        <input
          value={data.address}
          disabled={existing}
          onChange={(e) => patch({ address: e.target.value })}
          placeholder="kms1.example.com"
        />
      </label>
      <div className="row">
        <label>
          KMIP port
          <input
            type="number"
            min={1}
            max={65535}
            value={data.kmipPort}
            disabled={existing}
            onChange={(e) => patch({ kmipPort: Number(e.target.value), fetchPort: Number(e.target.value) })}
          />
        </label>
        <label>
          Role
          <select
            value={data.role}
            disabled={existing}
            onChange={(e) => patch({ role: e.target.value as 'primary' | 'secondary' })}
          >
            <option value="primary">Primary</option>
            <option value="secondary">Secondary</option>
          </select>
        </label>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={!data.verifyHostname}
          onChange={(e) => patch({ verifyHostname: !e.target.checked })}
        />
        Accept a server certificate that does not name this address (not recommended; every test result will say so)
      </label>
    </>
  );
}

/** b. Retrieve the server's chain over TLS, compare its fingerprint out of band, trust it; or upload it. */
export function ServerCertificateStep() {
  const data = useData();
  const patch = usePatch();
  const call = Exchange.useWizard((s) => s.call);
  const api = useApp((s) => s.api);
  const chosen = data.chain?.chain[data.chosenIndex];
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
    call(
      () =>
        data.chain && chosen
          ? api?.servers.trustRetrieved({
              fetchId: data.chain.fetchId,
              index: data.chosenIndex,
              sha256: chosen.sha256,
              alias: data.trustAlias,
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
                    {c.san.length ? <div className="small muted">SAN: {c.san.join(', ')}</div> : null}
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
          <label className="check">
            <input type="checkbox" checked={data.compared} onChange={(e) => patch({ compared: e.target.checked })} />I
            compared the SHA-256 fingerprint of the selected certificate with the key server administrator, by phone or
            in person
          </label>
          <div className="row">
            <label>
              Keep it as
              <input value={data.trustAlias} maxLength={64} onChange={(e) => patch({ trustAlias: e.target.value })} />
            </label>
            <button
              type="button"
              className="primary"
              disabled={!data.compared || !data.trustAlias.trim()}
              onClick={() => void trust()}
            >
              Trust this certificate
            </button>
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

/** c. The station's client certificate: an existing identity, a new self-signed one, or a CSR for your CA. */
export function StationCertificateStep() {
  const data = useData();
  const patch = usePatch();
  const run = Exchange.useWizard((s) => s.run);
  const call = Exchange.useWizard((s) => s.call);
  const fail = Exchange.useWizard((s) => s.fail);
  const api = useApp((s) => s.api);
  const entries = useApp((s) => s.entries);
  const loadEntries = useApp((s) => s.loadEntries);
  const known = identities(entries);
  const [label, setLabel] = useState(`${data.name || 'Station'} client`);
  const sans = data.identitySans.split(/[\s,]+/).filter(Boolean);
  const create = () =>
    run(async () => {
      if (!api) return false;
      const input = { label, commonName: data.identityCn, subjectAltNames: sans };
      if (data.identityMode === 'self-signed') {
        const r = await api.identity.createSelfSigned(input);
        if (!r.ok) return (fail(r.message), false);
        patch({ identityLabel: r.value.label, csrPem: null });
      } else {
        const r = await api.identity.createCsr(input);
        if (!r.ok) return (fail(r.message), false);
        patch({ identityLabel: null, csrPem: r.value.csrPem, stationPem: null });
        setLabel(r.value.entry.label);
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
            disabled={known.length === 0}
            onChange={() => patch({ identityMode: 'existing' })}
          />
          Use an identity this station already has{known.length === 0 ? ' (none yet)' : ''}
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
        <label>
          Identity
          <select value={data.identityLabel ?? ''} onChange={(e) => patch({ identityLabel: e.target.value || null })}>
            <option value="">Choose…</option>
            {known.map((e) => (
              <option key={e.id} value={e.label} disabled={!e.certificate}>
                {e.label}
                {e.certificate
                  ? ` (until ${e.certificate.notAfter.slice(0, 10)})`
                  : ' (waiting for its signed certificate)'}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <>
          <div className="row">
            <label>
              Keep it as
              <input value={label} maxLength={64} onChange={(e) => setLabel(e.target.value)} />
            </label>
            <label>
              Common name
              <input
                value={data.identityCn}
                onChange={(e) => patch({ identityCn: e.target.value })}
                placeholder="custos-station-1"
              />
            </label>
          </div>
          <label>
            This station's names and addresses (SAN), separated by spaces
            <input
              value={data.identitySans}
              onChange={(e) => patch({ identitySans: e.target.value })}
              placeholder="station1.example.com 10.0.0.5"
            />
          </label>
          <button type="button" disabled={!data.identityCn.trim() || !label.trim()} onClick={() => void create()}>
            {data.identityMode === 'self-signed' ? 'Generate key pair and certificate' : 'Generate key pair and CSR'}
          </button>
          {data.csrPem ? (
            <div className="csr">
              <p>
                Send this request to your CA (it holds no secret). When the signed certificate comes back, import it
                here; it is checked against the key.
              </p>
              <textarea readOnly rows={6} value={data.csrPem} aria-label="Certificate signing request" />
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

/** d. Hand the station certificate to the key server administrator. */
export function HandOverStep() {
  const data = useData();
  const patch = usePatch();
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const load = async () => {
    if (!data.identityLabel) return;
    const r = await api?.identity.certificatePem({ label: data.identityLabel });
    if (r?.ok) patch({ stationPem: r.value.pem });
    else if (r) notify('error', r.message);
  };
  useEffect(() => {
    if (data.stationPem === null) void load();
    // Load once per identity.
  }, [data.identityLabel]);
  const download = () =>
    data.stationPem &&
    downloadText(
      `${(data.identityLabel ?? 'station').replace(/[^A-Za-z0-9._-]+/g, '_')}.pem`,
      data.stationPem,
      'application/x-pem-file',
    );
  return (
    <>
      <p>Give this certificate to the key server administrator (it is public: no key is in it). On the key server:</p>
      <ol className="small">
        <li>
          Import it as a client device certificate (SKLM: Client Device Certificates; other servers: their client
          certificate list or CA file).
        </li>
        <li>Choose to trust it. The server may hold it as pending until an administrator accepts it.</li>
        <li>Give it a useful name, such as this station's host name.</li>
      </ol>
      <textarea readOnly rows={8} value={data.stationPem ?? ''} aria-label="Station certificate (PEM)" />
      <button type="button" onClick={download} disabled={!data.stationPem}>
        Download PEM
      </button>
    </>
  );
}

/** e. Test step by step. */
export function TestStepView() {
  const data = useData();
  const patch = usePatch();
  const call = Exchange.useWizard((s) => s.call);
  const api = useApp((s) => s.api);
  const test = () =>
    call(
      () =>
        api?.servers.testDraft({
          name: data.name,
          address: data.address,
          kmipPort: data.kmipPort,
          role: data.role,
          verifyHostname: data.verifyHostname,
          ...(data.trustLabel ? { trustLabel: data.trustLabel } : {}),
          ...(data.identityLabel ? { identityLabel: data.identityLabel } : {}),
        }),
      (result) => patch({ test: { ok: result.ok, steps: result.steps } }),
    );
  return (
    <>
      <p className="muted">
        TCP reach, TLS handshake, certificates verified both ways, then KMIP DiscoverVersions and Query.
      </p>
      <button type="button" className="primary" onClick={() => void test()}>
        {data.test ? 'Test again' : 'Run the test'}
      </button>
      {data.test ? <StepList steps={data.test.steps} label="Test steps" /> : null}
      {data.test && !data.test.ok ? (
        <p className="small">You can save now and test again later, or go Back and fix what failed.</p>
      ) : null}
    </>
  );
}

/** f. Summary. */
export function SaveStep() {
  const data = useData();
  return (
    <dl className="facts">
      <dt>Key server</dt>
      <dd>
        {data.name} ({data.role}) at {data.address}:{data.kmipPort}
      </dd>
      <dt>Trusts</dt>
      <dd>{data.trustLabel ?? 'nothing yet'}</dd>
      <dt>Presents</dt>
      <dd>{data.identityLabel ?? 'no identity yet'}</dd>
      <dt>Host name</dt>
      <dd>{data.verifyHostname ? 'verified' : 'NOT verified (override on)'}</dd>
      <dt>Last test</dt>
      <dd>{data.test ? (data.test.ok ? 'passed' : 'failed') : 'not run'}</dd>
    </dl>
  );
}
