import { useEffect, useState } from 'react';
import type { SelfTestCheck } from '../../src-main/contract';
import { ScreenHeader } from '../components/ScreenHeader';
import { useApp } from '../store/app-store';
import { ServerHealth } from './ServerHealth';
import { BackupCard } from './backup/BackupCard';

export function Dashboard() {
  const snapshot = useApp((s) => s.snapshot);
  const vault = useApp((s) => s.vault?.state ?? s.snapshot?.vault);
  const go = useApp((s) => s.go);
  return (
    <>
      <ScreenHeader title="Dashboard" subtitle="The state of this station and of the key servers it relies on." />
      <div className="columns">
        <div className="column">
          <section className="card" aria-labelledby="station-h">
            <h2 id="station-h">This station</h2>
            <dl className="facts">
              <dt>Station home</dt>
              <dd>
                <code>{snapshot?.home ?? '…'}</code>
              </dd>
              <dt>Vault</dt>
              <dd>{vault ? vaultSentence(vault) : '…'}</dd>
              <dt>Running as</dt>
              <dd>{snapshot?.transport === 'electron' ? 'Desktop app' : 'Browser host on 127.0.0.1'}</dd>
              <dt>Version</dt>
              <dd>{snapshot?.version ?? '…'}</dd>
            </dl>
            {vault === 'none' ? (
              // The first thing a new station needs; the Keystore screen holds the form.
              <p className="card-actions">
                <button type="button" className="primary" onClick={() => go('keystore')}>
                  Create the vault
                </button>
              </p>
            ) : null}
          </section>
          <PendingDevicesCard />
          <BackupCard />
        </div>
        <div className="column">
          <SelfTestCard />
        </div>
      </div>
      {/* Full width: dates, latencies and state pills need the room to stay on one line. */}
      <section className="card wide-card" aria-labelledby="servers-h">
        <h2 id="servers-h">Key server health</h2>
        <ServerHealth />
      </section>
    </>
  );
}

function vaultSentence(vault: 'none' | 'locked' | 'unlocked'): string {
  if (vault === 'none') return 'No vault yet: this station holds no keys.';
  return vault === 'locked' ? 'Locked' : 'Unlocked';
}

/** Runs the station self-test as a job and shows the last results. */
function SelfTestCard() {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const jobs = useApp((s) => s.jobs);
  const [checks, setChecks] = useState<SelfTestCheck[]>([]);
  const job = [...jobs].reverse().find((j) => j.kind === 'station.self-test');
  const running = job?.state === 'running' || job?.state === 'cancelling';

  useEffect(() => {
    if (!api || running) return;
    void api.station.lastSelfTest({}).then((r) => r.ok && setChecks(r.value));
  }, [api, running, job?.state]);

  const start = async () => {
    const result = await api?.station.selfTest({});
    if (result && !result.ok) notify('error', result.message, { code: result.code });
  };

  return (
    <section className="card" aria-labelledby="selftest-h">
      <h2 id="selftest-h">Station self-test</h2>
      <p className="muted">
        Checks durable storage, free space, crypto known answers, key generation speed and passphrase hardening cost.
      </p>
      <button type="button" className="primary" disabled={running || !api} onClick={() => void start()}>
        {running ? 'Self-test running…' : 'Run self-test'}
      </button>
      {checks.length > 0 ? (
        <ul className="checks" aria-label="Self-test results">
          {checks.map((c) => (
            <li key={c.name}>
              <span>
                <span className={`pill ${c.passed ? 'state-succeeded' : 'state-failed'}`}>
                  {c.passed ? 'ok' : 'failed'}
                </span>
              </span>
              <span className="check-name">{c.name}</span>
              <span className="check-detail muted">{c.detail}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Devices waiting for a custodian's decision, in every device group. */
function PendingDevicesCard() {
  const vault = useApp((s) => s.vault);
  const pending = useApp((s) => s.pendingDevices);
  const loadGroups = useApp((s) => s.loadGroups);
  const go = useApp((s) => s.go);
  const unlocked = vault?.state === 'unlocked';
  useEffect(() => {
    if (unlocked) void loadGroups();
  }, [unlocked, loadGroups]);
  if (!unlocked) return null;
  return (
    <section className="card" aria-labelledby="pending-h">
      <h2 id="pending-h">Device requests</h2>
      <p data-testid="pending-devices">
        {pending === 0
          ? 'No device is waiting for approval.'
          : `${pending} ${pending === 1 ? 'device is' : 'devices are'} waiting for approval.`}
      </p>
      {pending > 0 ? (
        <button type="button" onClick={() => go('device-groups')}>
          Review in Device groups
        </button>
      ) : null}
    </section>
  );
}
