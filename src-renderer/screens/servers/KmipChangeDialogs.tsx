import { useState } from 'react';
import { KMIP_REVOCATION_REASONS } from '../../../src-main/contract';
import type { KmipRevocationReason } from '../../../src-main/contract';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../store/app-store';
import { EntryPicker } from '../../components/EntryPicker';
import { CERTIFICATE_HOLDERS, certificateProblem, useEntrySearch } from '../../store/entry-choices';
import { useKmipCall } from './kmip-call';

/** What a change did, for the console to show and to refresh its object list. */
export interface KmipChanged {
  server: string;
  uniqueIdentifier: string;
  state: string;
}

/** Changes go to the primary only: every dialog names it. */
function PrimaryNote({ primary }: { primary: string | null }) {
  return (
    <p className="small muted">
      {primary
        ? `Sent to the primary key server "${primary}" only; if it cannot be reached nothing is sent to the secondary.`
        : 'No primary key server is registered: changes cannot be sent.'}
    </p>
  );
}

function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p className="field-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** Create an AES key on the primary: the dialog names the key and is the confirmation. */
export function CreateKeyDialog(props: {
  primary: string | null;
  onClose: () => void;
  onDone: (c: KmipChanged) => void;
}) {
  const api = useApp((s) => s.api);
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [bits, setBits] = useState<128 | 192 | 256>(256);
  const { busy, error, run } = useKmipCall();
  const trimmed = name.trim();
  const submit = async () => {
    const r = await run(
      api?.kmip.create({ name: trimmed, ...(group.trim() ? { group: group.trim() } : {}), bits, confirm: trimmed }),
    );
    if (r) props.onDone(r);
  };
  return (
    <Dialog
      title="Create a key on the key server"
      submitLabel={trimmed ? `Create AES-${bits} key "${trimmed}"` : 'Create key'}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      busy={busy}
      disabled={!trimmed || !props.primary}
    >
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={256} autoFocus />
      </label>
      <label>
        Object group (optional)
        <input value={group} onChange={(e) => setGroup(e.target.value)} maxLength={256} />
      </label>
      <label>
        Length
        <select value={bits} onChange={(e) => setBits(Number(e.target.value) as 128 | 192 | 256)}>
          <option value={256}>AES-256</option>
          <option value={192}>AES-192</option>
          <option value={128}>AES-128</option>
        </select>
      </label>
      <p>The key server generates the key; it is created Pre-Active and never leaves the server through Custos.</p>
      <PrimaryNote primary={props.primary} />
      <ErrorLine error={error} />
    </Dialog>
  );
}

/** Register a certificate this station holds (never a private key) on the primary. */
export function RegisterCertificateDialog(props: {
  primary: string | null;
  onClose: () => void;
  onDone: (c: KmipChanged) => void;
}) {
  const api = useApp((s) => s.api);
  // Only whether there is any; the picker searches main as the custodian types.
  const holders = useEntrySearch(CERTIFICATE_HOLDERS, '', 1).matching;
  // The picker puts in the first certificate main lists until the custodian picks another.
  const [label, setLabel] = useState('');
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const { busy, error, run } = useKmipCall();
  const trimmed = name.trim();
  const submit = async () => {
    const r = await run(
      api?.kmip.register({ label, name: trimmed, ...(group.trim() ? { group: group.trim() } : {}), confirm: trimmed }),
    );
    if (r) props.onDone(r);
  };
  return (
    <Dialog
      title="Register a certificate on the key server"
      submitLabel={trimmed ? `Register "${trimmed}"` : 'Register'}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      busy={busy}
      disabled={!label || !trimmed || !props.primary}
    >
      {holders === 0 ? (
        <p className="muted">This station holds no certificate yet (trust one, or create a KEK or an identity).</p>
      ) : (
        <EntryPicker
          label="Certificate from this station"
          filters={CERTIFICATE_HOLDERS}
          value={label}
          onChange={(picked) => {
            setLabel(picked);
            setName(picked);
          }}
          note={(e) => `(${e.type})`}
          unavailable={certificateProblem}
        />
      )}
      <label>
        Name on the key server
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={256} />
      </label>
      <label>
        Object group (optional)
        <input value={group} onChange={(e) => setGroup(e.target.value)} maxLength={256} />
      </label>
      <p>Only the certificate is sent; a private key never leaves the station this way.</p>
      <PrimaryNote primary={props.primary} />
      <ErrorLine error={error} />
    </Dialog>
  );
}

export type ObjectChange = 'activate' | 'revoke' | 'destroy';

const CHANGE_TEXT: Record<ObjectChange, { title: string; button: string; what: string }> = {
  activate: {
    title: 'Activate',
    button: 'Activate',
    what: 'From now on it may protect data (its Activation Date is set to now).',
  },
  revoke: {
    title: 'Revoke',
    button: 'Revoke',
    what: 'It may no longer protect new data. A revocation cannot be undone.',
  },
  destroy: {
    title: 'Destroy',
    button: 'Destroy key material',
    what: 'The key server erases its key material for good; data only it protects becomes unreadable. Revoke an active key first.',
  },
};

/** Activate, revoke or destroy one object; revoke and destroy want its id or name typed. */
export function ObjectChangeDialog(props: {
  change: ObjectChange;
  id: string;
  name: string | null;
  primary: string | null;
  onClose: () => void;
  onDone: (c: KmipChanged) => void;
}) {
  const api = useApp((s) => s.api);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState<KmipRevocationReason>('cessation-of-operation');
  const { busy, error, run } = useKmipCall();
  const text = CHANGE_TEXT[props.change];
  const mustType = props.change !== 'activate';
  const entered = typed.trim();
  const matches = !mustType || entered === props.id || (props.name !== null && entered === props.name);
  const label = props.name ? `"${props.name}" (${props.id})` : props.id;
  const submit = async () => {
    const confirm = mustType ? entered : props.id;
    const r = await run(
      props.change === 'activate'
        ? api?.kmip.activate({ id: props.id, confirm })
        : props.change === 'revoke'
          ? api?.kmip.revoke({ id: props.id, reason, confirm })
          : api?.kmip.destroy({ id: props.id, confirm }),
    );
    if (r) props.onDone(r);
  };
  return (
    <Dialog
      title={`${text.title} ${label}`}
      submitLabel={text.button}
      danger={props.change !== 'activate'}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      busy={busy}
      disabled={!matches || !props.primary}
    >
      <p>
        {text.title} <strong>{label}</strong> on the key server. {text.what}
      </p>
      {props.change === 'revoke' ? (
        <label>
          Reason
          <select value={reason} onChange={(e) => setReason(e.target.value as KmipRevocationReason)}>
            {KMIP_REVOCATION_REASONS.map((r) => (
              <option key={r} value={r}>
                {r.replace(/-/g, ' ')}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {mustType ? (
        <>
          <label>
            Type the object&apos;s {props.name ? 'name or id' : 'id'} to confirm
            <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus aria-describedby="kmip-hint" />
          </label>
          <p id="kmip-hint" className="hint">
            {matches ? 'Confirmed.' : `Type: ${props.name ?? props.id}`}
          </p>
        </>
      ) : null}
      <PrimaryNote primary={props.primary} />
      <ErrorLine error={error} />
    </Dialog>
  );
}
