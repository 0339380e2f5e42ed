import { useEffect, useState } from 'react';
import { useApp } from '../../store/app-store';
import { attempt } from '../../store/attempt';

/**
 * A console for one key server: Query what it offers, Locate objects by name or group, read an
 * object's attributes, and the message log (KMIP XML, key material already redacted).
 */
export function KmipConsole() {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const servers = useApp((s) => s.servers);
  const [server, setServer] = useState(servers[0]?.name ?? '');
  const [busy, setBusy] = useState(false);
  const [facts, setFacts] = useState<{ operations: string[]; objectTypes: string[]; vendor: string | null } | null>(
    null,
  );
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [offset, setOffset] = useState(0);
  const [ids, setIds] = useState<string[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [attributes, setAttributes] = useState<{ name: string; value: string }[]>([]);
  const [log, setLog] = useState<{ path: string; text: string } | null>(null);
  useEffect(() => {
    if (!server && servers[0]) setServer(servers[0].name);
  }, [servers, server]);

  const work = async <T,>(call: () => Promise<T>) => {
    setBusy(true);
    try {
      return await call();
    } finally {
      setBusy(false);
    }
  };
  const query = () => work(async () => setFacts(await attempt(api?.kmip.query({ name: server }), notify)));
  const locate = (from = 0) =>
    work(async () => {
      const r = await attempt(
        api?.kmip.locate({ server, ...(name ? { name } : {}), ...(group ? { group } : {}), offset: from, max: 50 }),
        notify,
      );
      if (r) {
        setIds(r.ids);
        setOffset(from);
      }
    });
  const open = (id: string) =>
    work(async () => {
      setSelected(id);
      setAttributes((await attempt(api?.kmip.attributes({ server, id }), notify)) ?? []);
    });
  const refreshLog = () => work(async () => setLog(await attempt(api?.kmip.log({}), notify)));

  if (servers.length === 0)
    return (
      <p className="muted">
        Add a key server first: the console talks to configured servers with this station's identity.
      </p>
    );
  return (
    <div className="console">
      <div className="toolbar" role="toolbar" aria-label="KMIP console">
        <select aria-label="Key server" value={server} onChange={(e) => setServer(e.target.value)}>
          {servers.map((s) => (
            <option key={s.id} value={s.name}>
              {s.name} ({s.role})
            </option>
          ))}
        </select>
        <button onClick={() => void query()} disabled={busy}>
          Query
        </button>
        <input aria-label="Name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} />
        <input
          aria-label="Object group"
          placeholder="Object group"
          value={group}
          onChange={(e) => setGroup(e.target.value)}
        />
        <button onClick={() => void locate(0)} disabled={busy}>
          Locate
        </button>
        <span className="spacer" />
        <button onClick={() => void refreshLog()} disabled={busy}>
          Message log
        </button>
      </div>
      <div className="console-grid">
        <section className="card" aria-label="Server capabilities">
          <h2>Query</h2>
          {facts ? (
            <>
              {facts.vendor ? <p>{facts.vendor}</p> : null}
              <p className="small">
                <strong>Operations:</strong> {facts.operations.join(', ')}
              </p>
              <p className="small">
                <strong>Object types:</strong> {facts.objectTypes.join(', ') || '(none reported)'}
              </p>
            </>
          ) : (
            <p className="muted">Run Query to see what the server offers.</p>
          )}
        </section>
        <section className="card" aria-label="Objects">
          <h2>Objects</h2>
          {ids === null ? <p className="muted">Locate by name or group, or leave both empty for all.</p> : null}
          {ids?.length === 0 ? <p className="muted">No object matches.</p> : null}
          <ul className="object-list">
            {ids?.map((id) => (
              <li key={id}>
                <button
                  className={selected === id ? 'link-button selected' : 'link-button'}
                  onClick={() => void open(id)}
                >
                  {id}
                </button>
              </li>
            ))}
          </ul>
          {ids && (offset > 0 || ids.length === 50) ? (
            <div className="row">
              <button disabled={offset === 0 || busy} onClick={() => void locate(Math.max(0, offset - 50))}>
                Previous 50
              </button>
              <button disabled={ids.length < 50 || busy} onClick={() => void locate(offset + 50)}>
                Next 50
              </button>
            </div>
          ) : null}
        </section>
        <section className="card" aria-label="Attributes">
          <h2>Attributes{selected ? ` of ${selected}` : ''}</h2>
          <dl className="facts small">
            {attributes.map((a) => (
              <div key={a.name} className="attr">
                <dt>{a.name}</dt>
                <dd>{a.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      {log ? (
        <section className="card" aria-label="KMIP message log">
          <h2>Message log</h2>
          <p className="small muted">
            {log.path}: newest last; key material appears only as its length and fingerprint.
          </p>
          <pre className="log" ref={(el) => el?.scrollTo({ top: el.scrollHeight })}>
            {log.text || 'No KMIP messages yet.'}
          </pre>
        </section>
      ) : null}
    </div>
  );
}
