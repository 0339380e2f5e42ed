import { useEffect, useState } from 'react';
import type { KeyServerView, TestStep } from '../../../src-main/contract';
import { Dialog } from '../../components/Dialog';
import { downloadText } from '../../components/files';
import { ScreenHeader } from '../../components/ScreenHeader';
import { StepList } from '../../components/StepList';
import { Warnings } from '../../components/Warnings';
import { useApp } from '../../store/app-store';
import { attempt } from '../../store/attempt';
import { VaultGate } from '../../components/VaultGate';
import { ExchangeWizard, savedProgress } from './exchange';
import { KmipConsole } from './KmipConsole';
import { Term } from '../../help/Term';

export function KeyServersScreen() {
  const vault = useApp((s) => s.vault);
  return (
    <>
      <ScreenHeader
        title="Key servers"
        subtitle={
          <>
            The primary and secondary <Term id="kmip">KMIP</Term> key servers this station talks to, and the trust
            between them.
          </>
        }
      />
      {vault?.state === 'unlocked' ? <Servers /> : <VaultGate />}
    </>
  );
}

function Servers() {
  const servers = useApp((s) => s.servers);
  const warnings = useApp((s) => s.serverWarnings);
  const loadServers = useApp((s) => s.loadServers);
  const [tab, setTab] = useState<'servers' | 'console'>('servers');
  const [wizard, setWizard] = useState<{ server?: string } | null>(
    savedProgress() ? { server: savedProgress()?.data.existing ?? undefined } : null,
  );
  useEffect(() => void loadServers(), [loadServers]);
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Key server views">
        <button role="tab" aria-selected={tab === 'servers'} onClick={() => setTab('servers')}>
          Servers
        </button>
        <button role="tab" aria-selected={tab === 'console'} onClick={() => setTab('console')}>
          KMIP console
        </button>
        <span className="spacer" />
        <button className="primary" onClick={() => setWizard({})}>
          Add key server…
        </button>
        <CalendarButton />
      </div>
      {tab === 'servers' ? (
        <>
          <Warnings warnings={warnings} label="Configuration warnings" />
          {servers.length === 0 ? (
            <p className="muted">
              No key servers yet. The certificate exchange wizard adds one and sets up trust both ways.
            </p>
          ) : null}
          <div className="columns">
            {servers.map((s) => (
              <ServerCard key={s.id} server={s} onExchange={() => setWizard({ server: s.name })} />
            ))}
          </div>
          <p className="small muted">
            Custos speaks KMIP. IBM's <Term id="ipp">IPP</Term> (TCP 3801, TLS 1441) is proprietary: Custos can only
            check that its ports answer.
          </p>
        </>
      ) : (
        <KmipConsole />
      )}
      {wizard ? (
        <ExchangeWizard
          server={wizard.server}
          onClose={() => {
            setWizard(null);
            void loadServers();
          }}
        />
      ) : null}
    </>
  );
}

function ServerCard({ server, onExchange }: { server: KeyServerView; onExchange: () => void }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const loadServers = useApp((s) => s.loadServers);
  const loadHealth = useApp((s) => s.loadHealth);
  const [steps, setSteps] = useState<{ title: string; steps: TestStep[]; optional?: boolean } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const [typed, setTyped] = useState('');
  const act = async (title: string, call: () => Promise<TestStep[] | null>, optional = false) => {
    setBusy(title);
    const result = await call();
    setBusy(null);
    if (result) setSteps({ title, steps: result, optional });
    void loadHealth();
  };
  /** The test negotiates the KMIP version: the card shows it at once, then the list is read again. */
  const connectionTest = async () => {
    const result = await attempt(api?.servers.test({ name: server.name }), notify);
    if (result?.kmipVersion) {
      const kmipVersion = result.kmipVersion;
      useApp.setState((s) => ({
        servers: s.servers.map((v) => (v.name === server.name ? { ...v, kmipVersion } : v)),
      }));
    }
    void loadServers();
    return result?.steps ?? null;
  };
  const remove = async () => {
    if ((await attempt(api?.servers.remove({ name: server.name, confirm: typed }), notify)) !== null) {
      setRemoving(false);
      void loadServers();
    }
  };
  return (
    <section className="card server" aria-label={`Key server ${server.name}`}>
      <h2>
        {server.name} <span className={`pill role-${server.role}`}>{server.role}</span>
      </h2>
      <dl className="facts">
        <dt>Address</dt>
        <dd>
          {server.address}:{server.kmipPort}
        </dd>
        <dt>Trusts</dt>
        <dd>{server.trustLabel ?? <span className="warn-text">no server certificate trusted</span>}</dd>
        <dt>Presents</dt>
        <dd>{server.identityLabel ?? <span className="warn-text">no station identity</span>}</dd>
        <dt>KMIP</dt>
        <dd>{server.kmipVersion ?? 'not negotiated yet'}</dd>
        {!server.verifyHostname ? (
          <>
            <dt>Host name</dt>
            <dd className="warn-text">not verified (override on)</dd>
          </>
        ) : null}
      </dl>
      <div className="actions">
        <button disabled={busy !== null} onClick={() => void act('Connection test', connectionTest)}>
          {busy === 'Connection test' ? 'Testing…' : 'Test'}
        </button>
        <button
          disabled={busy !== null}
          onClick={() =>
            void act('Test key retrieval', () => attempt(api?.servers.testKeyRetrieval({ name: server.name }), notify))
          }
        >
          Test key retrieval
        </button>
        <button
          disabled={busy !== null}
          onClick={() => void act('IPP ports', () => attempt(api?.servers.ipp({ name: server.name }), notify), true)}
        >
          Probe IPP
        </button>
        <button onClick={onExchange}>Certificate exchange…</button>
        <button className="danger-outline" onClick={() => setRemoving(true)}>
          Remove…
        </button>
      </div>
      {steps ? <StepList steps={steps.steps} label={steps.title} optional={steps.optional} /> : null}
      {removing ? (
        <Dialog
          title={`Remove "${server.name}"`}
          submitLabel="Remove from this station"
          danger
          onClose={() => setRemoving(false)}
          onSubmit={() => void remove()}
          disabled={typed.trim() !== server.name}
        >
          <p>
            This station stops using the key server. Nothing changes on the server, and the trusted certificate and
            identity stay in the keystore.
          </p>
          <label>
            Type the name to confirm
            <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
          </label>
        </Dialog>
      ) : null}
    </section>
  );
}

function CalendarButton() {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const download = async () => {
    const r = await attempt(api?.servers.calendar({}), notify);
    if (!r) return;
    downloadText('custos-certificate-expiry.ics', r.ics, 'text/calendar');
  };
  return <button onClick={() => void download()}>Expiry calendar (.ics)</button>;
}
