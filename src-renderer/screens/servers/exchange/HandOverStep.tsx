import { useEffect } from 'react';
import { downloadText } from '../../../components/files';
import { useApp } from '../../../store/app-store';
import { useExchangeData, usePatch } from './context';

/** d. Hand the station certificate to the key server administrator. */
export function HandOverStep() {
  const data = useExchangeData();
  const patch = usePatch();
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const load = async () => {
    if (!data.identityLabel) return;
    const r = await api?.identity.certificatePem({ label: data.identityLabel });
    if (r?.ok) patch({ stationPem: r.value.pem });
    else if (r) notify('error', r.message, { code: r.code });
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
