import { useEffect, useState } from 'react';
import type { ServerHealth as Health } from '../../src-main/contract';
import { Warnings } from '../components/Warnings';
import { useApp } from '../store/app-store';
import { attempt } from '../store/attempt';

const STATE_TEXT = {
  ok: 'serving keys',
  degraded: 'TCP works, TLS or KMIP fails',
  unreachable: 'unreachable',
  unknown: 'not checked yet',
} as const;

/** The Dashboard's key server health: a picture of the links, each server's record, and the events. */
export function ServerHealth() {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const vault = useApp((s) => s.vault?.state);
  const health = useApp((s) => s.health);
  const loadHealth = useApp((s) => s.loadHealth);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (vault === 'unlocked') void loadHealth();
  }, [vault, loadHealth]);

  if (vault !== 'unlocked')
    return <p className="muted">Unlock the vault to see key server health: the checks use the station's identity.</p>;
  if (!health) return <p className="muted">Reading health…</p>;
  if (health.servers.length === 0) {
    return (
      <>
        <p>
          No key servers are configured on this station. Start with the certificate exchange wizard under Key servers.
        </p>
        <Warnings warnings={health.events} label="Key server events" />
      </>
    );
  }
  const checkAll = async () => {
    setBusy(true);
    const report = await attempt(api?.servers.checkAll({}), notify);
    setBusy(false);
    if (report) useApp.setState({ health: report });
  };
  const schedule = async (minutes: number) => {
    const report = await attempt(api?.servers.setSchedule({ minutes }), notify);
    if (report) useApp.setState({ health: report });
  };
  return (
    <>
      <LinkPicture servers={health.servers} />
      <Warnings warnings={health.events} label="Key server events" />
      <table className="review health" aria-label="Key server health">
        <thead>
          <tr>
            <th>Server</th>
            <th>State</th>
            <th>Last success</th>
            <th>Last failure</th>
            <th>Latency</th>
            <th>Certificates until</th>
          </tr>
        </thead>
        <tbody>
          {health.servers.map((s) => (
            <tr key={s.serverId}>
              <td>
                <strong>{s.name}</strong> <span className="muted">{s.role}</span>
              </td>
              <td>
                <span className={`pill health-${s.state}`}>{STATE_TEXT[s.state]}</span>
              </td>
              <td>{when(s.lastSuccess)}</td>
              <td>
                {when(s.lastFailure)}
                {s.lastFailureReason ? <div className="small muted">{s.lastFailureReason}</div> : null}
              </td>
              <td>{s.latencyMs !== null ? `${s.latencyMs} ms` : '–'}</td>
              <td className="small">
                server {s.serverCertificateExpires?.slice(0, 10) ?? '–'}
                <br />
                station {s.stationCertificateExpires?.slice(0, 10) ?? '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button className="primary" disabled={busy} onClick={() => void checkAll()}>
          {busy ? 'Testing key retrieval…' : 'Test key retrieval now'}
        </button>
        <label className="inline">
          Test every
          <select
            aria-label="Test every"
            value={health.checkEveryMinutes}
            onChange={(e) => void schedule(Number(e.target.value))}
          >
            <option value={0}>never (manual)</option>
            <option value={5}>5 minutes</option>
            <option value={15}>15 minutes</option>
            <option value={60}>hour</option>
          </select>
        </label>
      </div>
    </>
  );
}

function when(iso: string | null): string {
  return iso ? iso.replace('T', ' ').slice(0, 16) : 'never';
}

/** The station, its primary and secondary, each link coloured by the server's last known health. */
function LinkPicture({ servers }: { servers: Health[] }) {
  const shown = servers.slice(0, 4);
  const height = Math.max(140, shown.length * 70 + 20);
  return (
    <svg
      className="links"
      viewBox={`0 0 520 ${height}`}
      role="img"
      aria-label={`Station links: ${shown.map((s) => `${s.name} ${s.state}`).join(', ')}`}
    >
      <rect x="10" y={height / 2 - 28} width="130" height="56" rx="8" className="node station" />
      <text x="75" y={height / 2 + 5} textAnchor="middle">
        This station
      </text>
      {shown.map((s, i) => {
        const y = 20 + i * 70 + 25;
        return (
          <g key={s.serverId}>
            <line x1="140" y1={height / 2} x2="340" y2={y} className={`link link-${s.state}`} />
            <rect x="340" y={y - 25} width="170" height="50" rx="8" className={`node server-${s.state}`} />
            <text x="425" y={y - 3} textAnchor="middle">
              {s.name.length > 20 ? `${s.name.slice(0, 19)}…` : s.name}
            </text>
            <text x="425" y={y + 15} textAnchor="middle" className="node-sub">
              {s.role} · {s.state}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
