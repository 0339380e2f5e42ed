import { useCallback, useEffect, useState } from 'react';
import type { DeviceView, GroupHoldings, GroupView } from '../../../src-main/contract';
import { FAMILY_SENTENCES, POLICY_SENTENCES } from '../../../src-main/contract';
import { useApp } from '../../store/app-store';
import { attempt } from '../../store/attempt';

/** One group: its keys (and which key server holds each), its devices and the approval queue. */
export function GroupDetail({ name, onChanged }: { name: string; onChanged: () => void }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const servers = useApp((s) => s.servers);
  const [group, setGroup] = useState<GroupView | null>(null);
  const [holdings, setHoldings] = useState<GroupHoldings | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    const view = await attempt(api?.devices.show({ name }), notify);
    if (view) setGroup(view);
  }, [api, notify, name]);
  const check = useCallback(async () => {
    setHoldings(await attempt(api?.devices.holdings({ name }), notify));
  }, [api, notify, name]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (servers.length > 0) void check();
  }, [check, servers.length]);

  const changed = (view: GroupView | null) => {
    if (view) setGroup(view);
    onChanged();
  };
  const sync = async () => {
    setBusy(true);
    const report = await attempt(api?.devices.sync({ name }), notify);
    setBusy(false);
    if (report)
      notify(
        report.failed.length || report.conflicts.length ? 'error' : 'info',
        `${report.registered.length} keys registered on ${report.server}, ${report.alreadyThere.length} already there${report.conflicts.length ? `; ${report.conflicts.map((c) => c.detail).join(' ')}` : ''}${report.failed.length ? `; ${report.failed.length} failed: ${report.failed[0]?.detail ?? ''}` : ''}`,
      );
    void check();
  };
  if (!group) return null;
  const pending = group.devices.filter((d) => d.state === 'pending' || d.state === 'unknown');
  return (
    <section className="card group-detail" aria-label={`Device group ${group.name}`}>
      <h2>
        {group.name} <span className="pill">{group.family}</span>
      </h2>
      <p className="small muted">{FAMILY_SENTENCES[group.family]}</p>
      <p className="small">
        New devices: <strong>{group.policy}</strong> — {POLICY_SENTENCES[group.policy]}
        {group.description ? ` · ${group.description}` : ''}
      </p>

      <h3>Keys</h3>
      <table className="review group-keys" aria-label={`Keys of ${group.name}`}>
        <thead>
          <tr>
            <th>Label</th>
            <th>Role</th>
            <th>State</th>
            <th>Check value</th>
            <th>Cartridges</th>
            {holdings?.servers.map((s) => (
              <th key={s.server}>
                {s.server} <span className="muted">({s.role})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {group.keyDetails.map((k) => (
            <tr key={k.label}>
              <td>{k.label}</td>
              <td>
                {k.role}
                {k.encoding ? ` · ${k.encoding === 'L' ? 'label (L)' : 'hash (H)'}` : ''}
              </td>
              <td>{k.state ?? 'not in keystore'}</td>
              <td>{k.kcv ? <code>{k.kcv}</code> : '—'}</td>
              <td>{k.cartridges ? `used by ${k.cartridges}` : '—'}</td>
              {holdings?.servers.map((s) => (
                <td key={s.server}>
                  {!s.reachable ? (
                    <span className="pill state-failed" title={s.problem ?? ''}>
                      unreachable
                    </span>
                  ) : s.holds.includes(k.label) ? (
                    <span className="pill state-succeeded">held</span>
                  ) : (
                    <span className="pill state-failed">missing</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {servers.length > 0 ? (
        <div className="actions">
          <button className="primary" disabled={busy || group.keyDetails.length === 0} onClick={() => void sync()}>
            {busy ? 'Registering…' : 'Register keys on the key servers'}
          </button>
          <button onClick={() => void check()}>Check what each server holds</button>
        </div>
      ) : (
        <p className="small muted">No key server is registered: the keys stay in this station's vault until one is.</p>
      )}

      <h3>Pending device requests</h3>
      {pending.length === 0 ? (
        <p className="small muted">No device is waiting for a decision.</p>
      ) : (
        <DeviceTable
          label={`Pending devices of ${group.name}`}
          devices={pending}
          actions={(d) => (
            <>
              <button
                onClick={async () => changed(await attempt(api?.devices.approve({ name, serial: d.serial }), notify))}
              >
                Approve
              </button>
              <button
                className="danger-outline"
                onClick={async () => changed(await attempt(api?.devices.reject({ name, serial: d.serial }), notify))}
              >
                Reject
              </button>
            </>
          )}
        />
      )}
      <h3>Devices</h3>
      <DeviceTable label={`Devices of ${group.name}`} devices={group.devices.filter((d) => !pending.includes(d))} />
      <AddDevice name={name} onAdded={changed} />
    </section>
  );
}

function DeviceTable(props: { label: string; devices: DeviceView[]; actions?: (d: DeviceView) => React.ReactNode }) {
  if (props.devices.length === 0) return <p className="small muted">None.</p>;
  return (
    <table className="review devices" aria-label={props.label}>
      <thead>
        <tr>
          <th>Serial number</th>
          <th>WWN</th>
          <th>State</th>
          <th>Seen</th>
          <th>Description</th>
          {props.actions ? <th>Decision</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.devices.map((d) => (
          <tr key={d.serial}>
            <td>{d.serial}</td>
            <td>
              <code>{d.wwn || '—'}</code>
            </td>
            <td>
              <span className={`pill device-${d.state}`}>{d.state}</span>
            </td>
            <td>{d.source === 'metadata' ? `in key-usage data, ${d.firstSeen.slice(0, 10)}` : 'added by hand'}</td>
            <td>{d.description}</td>
            {props.actions ? <td className="actions-cell">{props.actions(d)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddDevice({ name, onAdded }: { name: string; onAdded: (view: GroupView | null) => void }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const [serial, setSerial] = useState('');
  const [wwn, setWwn] = useState('');
  const add = async () => {
    const view = await attempt(api?.devices.addDevice({ name, serial, ...(wwn ? { wwn } : {}) }), notify);
    if (view) {
      setSerial('');
      setWwn('');
    }
    onAdded(view);
  };
  return (
    <form
      className="row add-device"
      aria-label="Add a device"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <label>
        Serial number
        <input value={serial} onChange={(e) => setSerial(e.target.value)} placeholder="000007888422" />
      </label>
      <label>
        WWN (optional)
        <input value={wwn} onChange={(e) => setWwn(e.target.value)} placeholder="500507630240FBCC" />
      </label>
      <button type="submit" disabled={!serial.trim()}>
        Add device
      </button>
    </form>
  );
}
