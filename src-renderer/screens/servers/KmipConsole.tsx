import { useEffect, useState } from 'react';
import { useApp } from '../../store/app-store';
import { attempt } from '../../store/attempt';
import { CreateKeyDialog, ObjectChangeDialog, RegisterCertificateDialog } from './KmipChangeDialogs';
import type { KmipChanged, ObjectChange } from './KmipChangeDialogs';
import { useKmipCall } from './kmip-call';

const PAGE = 50;
/** The select's value for "the pair": reads fail over to the secondary. */
const PAIR = '';

interface Line {
  name: string;
  value: string;
}
interface ObjectView {
  id: string;
  server: string;
  objectType: string | null;
  summary: Line[];
  attributes: Line[];
}

function nameOf(attributes: readonly Line[]): string | null {
  const line = attributes.find((a) => a.name === 'Name' || a.name.startsWith('Name ['));
  return line ? line.value : null;
}

function LinesTable({ lines, caption }: { lines: readonly Line[]; caption: string }) {
  return (
    <table className="kv-table small">
      <caption className="sr-only">{caption}</caption>
      <tbody>
        {lines.map((l) => (
          <tr key={l.name}>
            <th scope="row">{l.name}</th>
            <td>{l.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The KMIP console: every operation `custos kmip` has. Reads go to the chosen server, or through
 * the pair (primary, then secondary); changes go to the primary only, each behind a dialog that
 * names the object (revoke and destroy: its name or id typed). Key material never reaches this
 * window: a Get shows the key check value and a fingerprint. The message log is redacted in main.
 */
export function KmipConsole() {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const servers = useApp((s) => s.servers);
  const primary = servers.find((s) => s.role === 'primary')?.name ?? null;
  const [server, setServer] = useState(PAIR);
  const target = server === PAIR ? undefined : server;
  const reads = useKmipCall();
  const objectCall = useKmipCall();
  const [facts, setFacts] = useState<{
    operations: string[];
    objectTypes: string[];
    vendor: string | null;
    from: string;
  } | null>(null);
  const [versions, setVersions] = useState<{ versions: string[]; chosen: string | null; from: string } | null>(null);
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [offset, setOffset] = useState(0);
  const [ids, setIds] = useState<string[] | null>(null);
  const [object, setObject] = useState<ObjectView | null>(null);
  const [dialog, setDialog] = useState<'create' | 'register' | ObjectChange | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [log, setLog] = useState<{ path: string; text: string } | null>(null);
  useEffect(() => {
    if (server !== PAIR && !servers.some((s) => s.name === server)) setServer(PAIR);
  }, [servers, server]);
  const busy = reads.busy || objectCall.busy;

  const query = async () => {
    const to = target ?? primary ?? servers[0]?.name;
    if (!to) return;
    const r = await reads.run(api?.kmip.query({ name: to }));
    if (r) setFacts({ ...r, from: to });
  };
  const discover = async () => {
    const r = await reads.run(api?.kmip.discover({ server: target ?? null }));
    if (r) setVersions({ versions: r.versions, chosen: r.chosen, from: `${r.server} (${r.role})` });
  };
  const locate = async (from = 0) => {
    const r = await reads.run(
      api?.kmip.locate({
        server: target ?? null,
        ...(name ? { name } : {}),
        ...(group ? { group } : {}),
        offset: from,
        max: PAGE,
      }),
    );
    if (r) {
      setIds(r.ids);
      setOffset(from);
    }
  };
  const attributes = async (id: string) => {
    setDone(null);
    const r = await objectCall.run(api?.kmip.attributes({ server: target ?? null, id }));
    if (r) setObject({ id, server: target ?? 'the pair', objectType: null, summary: [], attributes: r });
  };
  const get = async (id: string) => {
    setDone(null);
    const r = await objectCall.run(api?.kmip.get({ server: target ?? null, id }));
    if (r)
      setObject({
        id,
        server: `${r.server} (${r.role})`,
        objectType: r.objectType,
        summary: r.summary,
        attributes: r.attributes,
      });
  };
  const changed = (verb: string) => (c: KmipChanged) => {
    setDialog(null);
    setDone(`${verb} ${c.uniqueIdentifier} on "${c.server}": now ${c.state}.`);
    if (verb === 'Created' || verb === 'Registered') {
      setIds((list) => (list?.includes(c.uniqueIdentifier) ? list : [...(list ?? []), c.uniqueIdentifier]));
    }
    if (verb === 'Destroyed') {
      // A destroyed object is gone from the server (PyKMIP answers ItemNotFound for it): reading
      // it back would only paint a red "not found" under the green "Destroyed".
      setIds((list) => list?.filter((id) => id !== c.uniqueIdentifier) ?? list);
      setObject(null);
      objectCall.setError(null);
      return;
    }
    // What the server holds now, read back through the same path as any read.
    void objectCall.run(api?.kmip.attributes({ server: target ?? null, id: c.uniqueIdentifier })).then((r) => {
      if (r)
        setObject({
          id: c.uniqueIdentifier,
          server: target ?? 'the pair',
          objectType: null,
          summary: [],
          attributes: r,
        });
    });
  };
  const refreshLog = async () => setLog(await attempt(api?.kmip.log({}), notify));

  if (servers.length === 0)
    return (
      <p className="muted">
        Add a key server first: the console talks to configured servers with this station&apos;s identity.
      </p>
    );
  const objectName = object ? nameOf(object.attributes) : null;
  return (
    <div className="console">
      <div className="toolbar console-toolbar" role="toolbar" aria-label="KMIP console">
        <select aria-label="Key server" value={server} onChange={(e) => setServer(e.target.value)}>
          <option value={PAIR}>Pair: primary, then secondary</option>
          {servers.map((s) => (
            <option key={s.id} value={s.name}>
              {s.name} ({s.role})
            </option>
          ))}
        </select>
        <button onClick={() => void query()} disabled={busy}>
          Query
        </button>
        <button onClick={() => void discover()} disabled={busy}>
          Discover versions
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
        <button onClick={() => setDialog('create')} disabled={busy || !primary}>
          Create key…
        </button>
        <button onClick={() => setDialog('register')} disabled={busy || !primary}>
          Register certificate…
        </button>
        <button onClick={() => void refreshLog()} disabled={busy}>
          Message log
        </button>
      </div>
      {reads.error ? (
        <p className="field-error" role="alert">
          {reads.error}
        </p>
      ) : null}
      {done ? (
        <p className="notice-ok" role="status">
          {done}
        </p>
      ) : null}
      <div className="console-grid">
        <section className="card" aria-label="Server capabilities">
          <h2>Query</h2>
          {facts ? (
            <>
              <p className="small muted">From {facts.from}</p>
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
          {versions ? (
            <p className="small" aria-label="KMIP versions">
              <strong>KMIP versions</strong> ({versions.from}): {versions.versions.join(', ') || '(none listed)'};
              Custos uses {versions.chosen ?? '(not settled)'}.
            </p>
          ) : null}
        </section>
        <section className="card" aria-label="Objects">
          <h2>Objects</h2>
          {ids === null ? <p className="muted">Locate by name or group, or leave both empty for all.</p> : null}
          {ids?.length === 0 ? <p className="muted">No object matches.</p> : null}
          <ul className="object-list">
            {ids?.map((id) => (
              <li key={id}>
                <button
                  className={object?.id === id ? 'link-button selected' : 'link-button'}
                  onClick={() => void attributes(id)}
                >
                  {id}
                </button>
              </li>
            ))}
          </ul>
          {ids && (offset > 0 || ids.length === PAGE) ? (
            <div className="row">
              <button disabled={offset === 0 || busy} onClick={() => void locate(Math.max(0, offset - PAGE))}>
                Previous {PAGE}
              </button>
              <button disabled={ids.length < PAGE || busy} onClick={() => void locate(offset + PAGE)}>
                Next {PAGE}
              </button>
            </div>
          ) : null}
        </section>
        <section className="card console-object" aria-label="Object">
          <h2>{object ? `Object ${object.id}` : 'Object'}</h2>
          {object ? (
            <>
              <p className="small muted">
                {objectName ? `"${objectName}", ` : ''}
                {object.objectType ? `${object.objectType}, ` : ''}read from {object.server}
              </p>
              <div className="row" role="group" aria-label="Object actions">
                <button onClick={() => void get(object.id)} disabled={busy}>
                  Get
                </button>
                <button onClick={() => void attributes(object.id)} disabled={busy}>
                  Attributes
                </button>
                <button onClick={() => setDialog('activate')} disabled={busy || !primary}>
                  Activate…
                </button>
                <button onClick={() => setDialog('revoke')} disabled={busy || !primary}>
                  Revoke…
                </button>
                <button className="danger" onClick={() => setDialog('destroy')} disabled={busy || !primary}>
                  Destroy…
                </button>
              </div>
              {objectCall.error ? (
                <p className="field-error" role="alert">
                  {objectCall.error}
                </p>
              ) : null}
              {object.summary.length > 0 ? <LinesTable lines={object.summary} caption="Key" /> : null}
              <LinesTable lines={object.attributes} caption="Attributes" />
            </>
          ) : (
            <p className="muted">Choose an object to read its attributes, Get it, or change it.</p>
          )}
          {objectCall.error && !object ? (
            <p className="field-error" role="alert">
              {objectCall.error}
            </p>
          ) : null}
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
      {dialog === 'create' ? (
        <CreateKeyDialog primary={primary} onClose={() => setDialog(null)} onDone={changed('Created')} />
      ) : null}
      {dialog === 'register' ? (
        <RegisterCertificateDialog primary={primary} onClose={() => setDialog(null)} onDone={changed('Registered')} />
      ) : null}
      {object && (dialog === 'activate' || dialog === 'revoke' || dialog === 'destroy') ? (
        <ObjectChangeDialog
          change={dialog}
          id={object.id}
          name={objectName}
          primary={primary}
          onClose={() => setDialog(null)}
          onDone={changed(dialog === 'activate' ? 'Activated' : dialog === 'revoke' ? 'Revoked' : 'Destroyed')}
        />
      ) : null}
    </div>
  );
}
