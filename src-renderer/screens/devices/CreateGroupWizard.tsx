import { useEffect, useId } from 'react';
import { useStore } from 'zustand';
import {
  AES_FAMILIES,
  DEVICE_FAMILIES,
  DevicePolicySchema,
  FAMILY_SENTENCES,
  GroupNameSchema,
  MAX_GROUP_KEYS,
  POLICY_SENTENCES,
} from '../../../src-main/contract';
import type {
  CreateGroupInput,
  DeviceFamily,
  DevicePolicy,
  EntryFilter as ListFilter,
  KekEncoding,
} from '../../../src-main/contract';
import { ProgressBar } from '../../components/ProgressBar';
import { useApp } from '../../store/app-store';
import { ChosenEntries } from '../../components/ChosenEntries';
import { ACTIVE_KEKS, certificateProblem, useEntrySearch } from '../../store/entry-choices';
import { createWizardContext } from '../../wizard/use-wizard';
import { wizardFrameProps } from '../../wizard/wizard-frame-props';
import { WizardFrame } from '../../wizard/WizardFrame';
import { Term } from '../../help/Term';

/** Certificates a device can be accepted by. */
const DEVICE_CERTIFICATES: readonly ListFilter[] = [{ type: 'trusted-certificate' }, { type: 'public-kek' }];

type Step = 'family' | 'name' | 'keys' | 'devices' | 'servers' | 'review' | 'create';
const STEPS: readonly Step[] = ['family', 'name', 'keys', 'devices', 'servers', 'review', 'create'];
const STEP_NAMES = ['Family', 'Name and policy', 'Keys', 'Devices and certificates', 'Key servers', 'Review', 'Create'];

interface NewDevice {
  serial: string;
  wwn: string;
}

interface GroupData {
  family: DeviceFamily | null;
  name: string;
  policy: DevicePolicy;
  description: string;
  keks: { label: string; encoding: KekEncoding }[];
  keyCount: string;
  bits: 128 | 256;
  keyPrefix: string;
  certificates: string[];
  devices: NewDevice[];
  sync: boolean;
  jobId: string | null;
}

const Wizard = createWizardContext<Step, GroupData>();

/** Name problems as the custodian types: the contract's schema, then uniqueness among the groups shown. */
function nameProblem(name: string, taken: readonly string[]): string | null {
  const parsed = GroupNameSchema.safeParse(name);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Not a group name.';
  if (taken.some((t) => t.toUpperCase() === name.toUpperCase()))
    return `A device group named "${name}" already exists (names are unique regardless of case).`;
  return null;
}

function keyCountProblem(data: GroupData): string | null {
  if (!data.family || !AES_FAMILIES.includes(data.family)) return null;
  const n = Number(data.keyCount);
  return Number.isInteger(n) && n >= 1 && n <= MAX_GROUP_KEYS
    ? null
    : `Give 1 to ${MAX_GROUP_KEYS.toLocaleString('en')} keys.`;
}

function kekProblem(data: GroupData): string | null {
  if (data.family !== '3592') return null;
  const [a, b] = data.keks;
  if (!a?.label.trim() || !b?.label.trim()) return 'A 3592 group needs two KEKs: alias1 and alias2.';
  if (a.label.trim().toLowerCase() === b.label.trim().toLowerCase())
    return 'alias1 and alias2 must be two different KEKs, so either site can read a cartridge.';
  return null;
}

/** The creation walk: family -> name and policy -> keys -> devices and certificates -> key servers -> review -> create (a job). */
export function CreateGroupWizard({ onClose }: { onClose: (created?: string) => void }) {
  const store = Wizard.useNewWizardStore(STEPS, () => ({
    data: {
      family: null,
      name: '',
      policy: 'pending',
      description: '',
      keks: [],
      keyCount: '4',
      bits: 256,
      keyPrefix: '',
      certificates: [],
      devices: [],
      sync: true,
      jobId: null,
    },
  }));
  const api = useApp((s) => s.api);
  const groups = useApp((s) => s.groups);
  const servers = useApp((s) => s.servers);
  const jobs = useApp((s) => s.jobs);
  const loadEntries = useApp((s) => s.loadEntries);
  const loadServers = useApp((s) => s.loadServers);
  const wizard = useStore(store);
  const { step, data, goTo, back, call, fail, patch } = wizard;
  useEffect(() => {
    void loadEntries();
    void loadServers();
  }, [loadEntries, loadServers]);
  const job = data.jobId ? jobs.find((j) => j.id === data.jobId) : undefined;
  const finished = job?.state === 'succeeded' || job?.state === 'failed';

  const input = (): CreateGroupInput => {
    const family = data.family ?? 'GENERIC';
    const aes = AES_FAMILIES.includes(family);
    return {
      name: data.name.trim(),
      family,
      policy: data.policy,
      ...(data.description.trim() ? { description: data.description.trim() } : {}),
      ...(family === '3592' || family === 'DS8000' || family === 'GPFS'
        ? {
            keks: data.keks.filter((k) => k.label.trim()).map((k) => ({ label: k.label.trim(), encoding: k.encoding })),
          }
        : {}),
      ...(aes ? { keys: Number(data.keyCount), bits: data.bits } : {}),
      ...(aes && data.keyPrefix.trim() ? { keyPrefix: data.keyPrefix.trim() } : {}),
      ...(data.certificates.length ? { certificates: data.certificates } : {}),
    };
  };

  const create = () =>
    call(
      () => api?.devices.create({ group: input(), sync: data.sync && servers.length > 0 }),
      ({ jobId }) => {
        patch({ jobId });
        goTo('create');
      },
    );

  // Devices typed in the wizard are added by hand once the group exists (each accepted, each audited).
  useEffect(() => {
    if (job?.state !== 'succeeded' || data.devices.length === 0) return;
    const devices = data.devices;
    patch({ devices: [] });
    void (async () => {
      for (const d of devices) {
        const r = await api?.devices.addDevice({
          name: data.name.trim(),
          serial: d.serial,
          ...(d.wwn ? { wwn: d.wwn } : {}),
        });
        if (r && !r.ok) fail(r.message, r.code);
      }
    })();
  }, [job?.state, data.devices, data.name, api, patch, fail]);

  const next = (to: Step, problem: string | null) => () => (problem ? fail(problem) : goTo(to));
  const frame = wizardFrameProps(wizard, {
    family: () => ({
      label: 'Next',
      disabled: !data.family,
      go: () => {
        if (data.family === '3592' && data.keks.length === 0)
          patch({
            keks: [
              { label: '', encoding: 'L' },
              { label: '', encoding: 'H' },
            ],
          });
        goTo('name');
      },
    }),
    name: () => ({
      label: 'Next',
      disabled:
        nameProblem(
          data.name,
          groups.map((g) => g.name),
        ) !== null,
      go: next('keys', null),
    }),
    keys: () => ({ label: 'Next', go: next('devices', keyCountProblem(data) ?? kekProblem(data)) }),
    devices: () => ({ label: 'Next', go: next('servers', null) }),
    servers: () => ({ label: 'Review', go: next('review', null) }),
    review: () => ({ label: 'Create the group', go: () => void create() }),
    create: () => ({
      label: 'Close',
      disabled: !finished,
      go: () => onClose(job?.state === 'succeeded' ? data.name.trim() : undefined),
    }),
  });

  return (
    <Wizard.Provider value={store}>
      <WizardFrame
        title="Create a device group"
        stepNames={STEP_NAMES}
        {...frame}
        onBack={step !== 'family' && step !== 'create' ? back : undefined}
        onCancel={() => onClose(job?.state === 'succeeded' ? data.name.trim() : undefined)}
      >
        {step === 'family' ? <FamilyStep /> : null}
        {step === 'name' ? <NameStep /> : null}
        {step === 'keys' ? <KeysStep /> : null}
        {step === 'devices' ? <DevicesStep /> : null}
        {step === 'servers' ? <ServersStep /> : null}
        {step === 'review' ? <ReviewStep input={input()} /> : null}
        {step === 'create' ? (
          <div aria-live="polite">
            <ProgressBar value={job?.progress ?? null} label="Creating the group" />
            <p>{job?.outcome ?? job?.phase ?? 'Starting…'}</p>
            {job?.state === 'failed' ? <p className="field-error">The group was not created.</p> : null}
          </div>
        ) : null}
      </WizardFrame>
    </Wizard.Provider>
  );
}

function FamilyStep() {
  const family = Wizard.useWizard((s) => s.data.family);
  const patch = Wizard.useWizard((s) => s.patch);
  return (
    <fieldset className="choices families">
      <legend>
        What kind of devices will use this group (its <Term id="device-family">device family</Term>)?
      </legend>
      {DEVICE_FAMILIES.map((f) => (
        <label key={f} className="inline family">
          <input
            type="radio"
            name="family"
            value={f}
            checked={family === f}
            onChange={() => patch({ family: f, keks: [] })}
          />
          <span>
            <strong>{f}</strong> — {FAMILY_SENTENCES[f]}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function NameStep() {
  const data = Wizard.useWizard((s) => s.data);
  const patch = Wizard.useWizard((s) => s.patch);
  const groups = useApp((s) => s.groups);
  const problem =
    data.name === ''
      ? null
      : nameProblem(
          data.name,
          groups.map((g) => g.name),
        );
  return (
    <>
      <label>
        Group name
        <input
          value={data.name}
          maxLength={40}
          autoFocus
          aria-invalid={problem !== null}
          aria-describedby="group-name-hint"
          onChange={(e) => patch({ name: e.target.value })}
        />
      </label>
      <p id="group-name-hint" className={problem ? 'field-error' : 'hint'}>
        {problem ?? 'At most 16 letters, digits or _, starting with a letter; not a family or TLS group name.'}
      </p>
      <label>
        Description
        <input value={data.description} onChange={(e) => patch({ description: e.target.value })} />
      </label>
      <fieldset className="choices">
        <legend>New device requests</legend>
        {DevicePolicySchema.options.map((p) => (
          <label key={p} className="inline">
            <input type="radio" name="policy" checked={data.policy === p} onChange={() => patch({ policy: p })} />
            <span>
              <strong>{p}</strong> — {POLICY_SENTENCES[p]}
            </span>
          </label>
        ))}
      </fieldset>
    </>
  );
}

function KeysStep() {
  const data = Wizard.useWizard((s) => s.data);
  const patch = Wizard.useWizard((s) => s.patch);
  if (data.family && AES_FAMILIES.includes(data.family)) {
    const prefix = data.keyPrefix.trim() || `${data.name.trim()}_`;
    return (
      <>
        <p className="muted">
          AES keys are made on this station and kept in its vault; labels follow in sequence and are never reused.
        </p>
        <div className="row">
          <label>
            Number of keys
            <input
              type="number"
              min={1}
              max={MAX_GROUP_KEYS}
              value={data.keyCount}
              onChange={(e) => patch({ keyCount: e.target.value })}
            />
          </label>
          <label>
            Key size
            <select value={data.bits} onChange={(e) => patch({ bits: e.target.value === '128' ? 128 : 256 })}>
              <option value={256}>AES-256</option>
              <option value={128}>AES-128</option>
            </select>
          </label>
          <label>
            Label prefix
            <input
              value={data.keyPrefix}
              placeholder={`${data.name.trim()}_`}
              onChange={(e) => patch({ keyPrefix: e.target.value })}
            />
          </label>
        </div>
        <p className="hint">First label: {prefix}000001 (or the next free number of that prefix).</p>
      </>
    );
  }
  const rows = data.family === '3592' ? data.keks : data.keks.length ? data.keks : [];
  const setKek = (i: number, patchKek: Partial<{ label: string; encoding: KekEncoding }>) =>
    patch({ keks: data.keks.map((k, j) => (j === i ? { ...k, ...patchKek } : k)) });
  return (
    <>
      <p className="muted">
        {data.family === '3592'
          ? 'Two KEKs wrap every cartridge data key: alias1 and alias2, one per site. Pick KEKs this station holds, or type a new label to make one (RSA-3072).'
          : 'KEKs this station holds, or new labels to make (optional; certificates come next).'}
      </p>
      {rows.map((k, i) => (
        <KekRow
          key={i}
          name={data.family === '3592' ? `alias${i + 1}` : `KEK ${i + 1}`}
          kek={k}
          onChange={(patchKek) => setKek(i, patchKek)}
        />
      ))}
      {data.family !== '3592' ? (
        <button type="button" onClick={() => patch({ keks: [...data.keks, { label: '', encoding: 'L' }] })}>
          Add a KEK
        </button>
      ) : null}
    </>
  );
}

/**
 * One KEK of the group: a label this station holds or a new one to make, so the field stays free
 * text; what the custodian types is searched in main and the matches offered under it.
 */
function KekRow(props: {
  name: string;
  kek: { label: string; encoding: KekEncoding };
  onChange: (patchKek: Partial<{ label: string; encoding: KekEncoding }>) => void;
}) {
  const { name, kek } = props;
  const typed = kek.label.trim();
  const { entries } = useEntrySearch(ACTIVE_KEKS, typed);
  const exists = entries.some((e) => e.label.toLowerCase() === typed.toLowerCase());
  const list = useId();
  return (
    <div className="row">
      <datalist id={list}>
        {entries.map((e) => (
          <option key={e.id} value={e.label} />
        ))}
      </datalist>
      <label>
        {name}
        <input list={list} value={kek.label} onChange={(e) => props.onChange({ label: e.target.value })} />
      </label>
      <label>
        Label encoding
        <select value={kek.encoding} onChange={(e) => props.onChange({ encoding: e.target.value === 'H' ? 'H' : 'L' })}>
          <option value="L">L: clear label</option>
          <option value="H">H: public key hash</option>
        </select>
      </label>
      <p className="hint">{typed ? (exists ? 'Held by this station.' : 'Will be made on this station.') : ''}</p>
    </div>
  );
}

function DevicesStep() {
  const data = Wizard.useWizard((s) => s.data);
  const patch = Wizard.useWizard((s) => s.patch);
  const byCertificate = data.family === 'DS8000' || data.family === 'GPFS';
  return (
    <>
      <p className="muted">
        Devices added here are accepted. Devices that ask later follow the group's policy ({data.policy}).
      </p>
      {data.devices.map((d, i) => (
        <div className="row" key={i}>
          <label>
            Serial number
            <input
              value={d.serial}
              onChange={(e) =>
                patch({ devices: data.devices.map((x, j) => (j === i ? { ...x, serial: e.target.value } : x)) })
              }
            />
          </label>
          <label>
            WWN
            <input
              value={d.wwn}
              onChange={(e) =>
                patch({ devices: data.devices.map((x, j) => (j === i ? { ...x, wwn: e.target.value } : x)) })
              }
            />
          </label>
          <button type="button" onClick={() => patch({ devices: data.devices.filter((_, j) => j !== i) })}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" onClick={() => patch({ devices: [...data.devices, { serial: '', wwn: '' }] })}>
        Add a device
      </button>
      {byCertificate ? (
        <ChosenEntries
          label="Certificates that grant access"
          filters={DEVICE_CERTIFICATES}
          chosen={data.certificates}
          onChange={(certificates) => patch({ certificates })}
          note={(e) => `(${e.type})`}
          unavailable={certificateProblem}
          empty="No certificate chosen yet: type part of a label, then pick it."
        />
      ) : null}
    </>
  );
}

function ServersStep() {
  const sync = Wizard.useWizard((s) => s.data.sync);
  const patch = Wizard.useWizard((s) => s.patch);
  const servers = useApp((s) => s.servers);
  if (servers.length === 0)
    return (
      <p className="muted">
        No key server is registered. The keys stay in this station's vault; register them later from the group.
      </p>
    );
  return (
    <>
      <ul className="small">
        {servers.map((s) => (
          <li key={s.id}>
            {s.name} ({s.role}) {s.address}:{s.kmipPort}
          </li>
        ))}
      </ul>
      <label className="inline">
        <input type="checkbox" checked={sync} onChange={(e) => patch({ sync: e.target.checked })} />
        Register the keys on the primary (Name = label, Object Group = group name)
      </label>
    </>
  );
}

function ReviewStep({ input }: { input: CreateGroupInput }) {
  const data = Wizard.useWizard((s) => s.data);
  const servers = useApp((s) => s.servers);
  return (
    <dl className="facts review-group">
      <dt>Group</dt>
      <dd>
        {input.name} ({input.family})
      </dd>
      <dt>New devices</dt>
      <dd>{input.policy}</dd>
      <dt>Keys</dt>
      <dd>
        {input.keys !== undefined
          ? `${input.keys} AES-${input.bits ?? 256} keys, labels from ${input.keyPrefix ?? `${input.name}_`}`
          : (input.keks ?? []).map((k) => `${k.label} (${k.encoding ?? 'L'})`).join(', ') || 'none'}
      </dd>
      <dt>Devices</dt>
      <dd>
        {data.devices
          .filter((d) => d.serial.trim())
          .map((d) => d.serial)
          .join(', ') || 'none yet'}
      </dd>
      {input.certificates?.length ? (
        <>
          <dt>Certificates</dt>
          <dd>{input.certificates.join(', ')}</dd>
        </>
      ) : null}
      <dt>Key servers</dt>
      <dd>
        {servers.length && data.sync
          ? `registered on ${servers.find((s) => s.role === 'primary')?.name ?? servers[0]?.name}`
          : 'not now'}
      </dd>
    </dl>
  );
}
