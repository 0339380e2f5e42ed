import { useEffect } from 'react';
import { useStore } from 'zustand';
import { ProgressBar } from '../../components/ProgressBar';
import { useApp } from '../../store/app-store';
import { createWizardContext } from '../../wizard/use-wizard';
import { WizardFrame } from '../../wizard/WizardFrame';
import { hasErrors } from '../../wizard/field-errors';
import { FieldError } from '../../wizard/FieldError';
import { DriveTable } from './DriveTable';
import {
  drivesErrors,
  drivesNeeded,
  keySetErrors,
  keySetFields,
  PROVISION_STEP_NAMES,
  PROVISION_STEPS,
  writeLabel,
} from './provision-model';
import type { ProvisionData, ProvisionStep } from './provision-model';

const Wizard = createWizardContext<ProvisionStep, ProvisionData>();

/**
 * Provisioning (and rekey) in Storwize's two phases: write the key to every chosen drive,
 * read each copy back, and commit only when at least the minimum number of copies verified.
 */
export function ProvisionWizard({ rekey, onClose }: { rekey?: string; onClose: () => void }) {
  const keySets = useApp((s) => s.keySets);
  const existing = keySets.find((k) => k.name === rekey);
  const store = Wizard.useNewWizardStore(PROVISION_STEPS, () => ({
    data: {
      rekey: rekey ?? null,
      name: rekey ?? '',
      serial: existing?.serial ?? '',
      minCopies: existing?.minCopies ?? 3,
      targetCopies: existing?.targetCopies ?? 4,
      escrow: false,
      drives: [],
      jobId: null,
    },
    ...(rekey ? { step: 'drives' as const } : {}),
  }));
  const { step, data, busy, error, goTo, back, run, fail, call, showErrors } = useStore(store);
  const api = useApp((s) => s.api);
  const jobs = useApp((s) => s.jobs);
  const loadUsb = useApp((s) => s.loadUsb);
  const job = jobs.find((j) => j.id === data.jobId);
  const keySet = keySets.find((k) => k.name.toLowerCase() === data.name.trim().toLowerCase());

  useEffect(() => {
    if (job && job.state !== 'running' && job.state !== 'cancelling') void loadUsb();
  }, [job, loadUsb]);

  const write = () =>
    run(async () => {
      if (!api) return false;
      if (hasErrors(drivesErrors(data))) return (showErrors(), false);
      const r = data.rekey
        ? await api.usb.rekey({ name: data.rekey, drives: data.drives })
        : await api.usb.create({ ...keySetFields(data), drives: data.drives });
      if (!r.ok) return (fail(r.message), false);
      store.getState().patch({ jobId: r.value.jobId });
      goTo('write');
      return true;
    });
  const commit = () =>
    call(
      () => api?.usb.commit({ name: data.name.trim() }),
      async () => {
        await loadUsb();
        onClose();
      },
    );
  const cancelPrepared = async () => {
    if (data.jobId && keySet && (keySet.state === 'preparing' || keySet.state === 'rekeying'))
      await api?.usb.cancel({ name: keySet.name });
    await loadUsb();
    onClose();
  };

  const jobDone = job !== undefined && job.state !== 'running' && job.state !== 'cancelling';
  const primary =
    step === 'key-set'
      ? {
          label: 'Next',
          disabled: false,
          go: () => (hasErrors(keySetErrors(data)) ? showErrors() : goTo('drives')),
        }
      : step === 'drives'
        ? {
            label: writeLabel(data.rekey, data.drives.length),
            disabled: data.drives.length === 0,
            go: () => void write(),
          }
        : step === 'write'
          ? { label: 'Next', disabled: !jobDone, go: () => goTo('commit') }
          : { label: 'Commit', disabled: !keySet?.canCommit, go: () => void commit() };
  return (
    <Wizard.Provider value={store}>
      <WizardFrame
        title={data.rekey ? `Rekey ${data.rekey}` : 'Provision USB key copies'}
        stepNames={PROVISION_STEP_NAMES}
        current={PROVISION_STEPS.indexOf(step)}
        error={error}
        busy={busy}
        primaryLabel={primary.label}
        primaryDisabled={primary.disabled}
        onPrimary={primary.go}
        onBack={step === 'drives' && !data.rekey ? back : undefined}
        onCancel={() => void cancelPrepared()}
      >
        {step === 'key-set' ? <KeySetStep /> : null}
        {step === 'drives' ? <DrivesStep /> : null}
        {step === 'write' ? <WriteStep /> : null}
        {step === 'commit' ? <CommitStep /> : null}
      </WizardFrame>
    </Wizard.Provider>
  );
}

function KeySetStep() {
  const data = Wizard.useWizard((s) => s.data);
  const patch = Wizard.useWizard((s) => s.patch);
  const fields = Wizard.useFields(keySetErrors(data));
  return (
    <>
      <p className="muted">
        A key set protects one storage system: a random 256-bit access key, copied to several USB flash drives.
      </p>
      <div className="row">
        <div className="field">
          <label>
            Key set name (the storage system)
            <input
              value={data.name}
              onChange={(e) => patch({ name: e.target.value })}
              autoFocus
              placeholder="TS7770-A"
              {...fields.input('name')}
            />
          </label>
          <FieldError {...fields.error('name')} />
        </div>
        <div className="field">
          <label>
            Serial number
            <input
              value={data.serial}
              onChange={(e) => patch({ serial: e.target.value })}
              placeholder="78-12345"
              {...fields.input('serial')}
            />
          </label>
          <FieldError {...fields.error('serial')} />
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label>
            Minimum copies before commit
            <input
              type="number"
              value={Number.isFinite(data.minCopies) ? data.minCopies : ''}
              onChange={(e) => patch({ minCopies: e.target.valueAsNumber })}
              {...fields.input('minCopies')}
            />
          </label>
          <FieldError {...fields.error('minCopies')} />
        </div>
        <div className="field">
          <label>
            Target copies
            <input
              type="number"
              value={Number.isFinite(data.targetCopies) ? data.targetCopies : ''}
              onChange={(e) => patch({ targetCopies: e.target.valueAsNumber })}
              {...fields.input('targetCopies')}
            />
          </label>
          <FieldError {...fields.error('targetCopies')} />
        </div>
      </div>
      <p className="small muted">
        Storwize requires at least 3 copies; the usual target is 4: two inserted, two kept in a safe.
      </p>
      <label className="check">
        <input type="checkbox" checked={data.escrow} onChange={(e) => patch({ escrow: e.target.checked })} />
        Also keep a sealed escrow copy of the key in this station's vault (off by default: then only the drives hold it)
      </label>
    </>
  );
}

function DrivesStep() {
  const drives = useApp((s) => s.drives);
  const chosen = Wizard.useWizard((s) => s.data.drives);
  const patch = Wizard.useWizard((s) => s.patch);
  const rekey = Wizard.useWizard((s) => s.data.rekey);
  const minCopies = Wizard.useWizard((s) => s.data.minCopies);
  const fields = Wizard.useFields(drivesErrors({ rekey, drives: chosen }));
  const needed = drivesNeeded(drives.length, drives.filter((d) => !d.blocked).length, chosen.length, minCopies);
  const selected = new Set(chosen);
  const toggle = (id: string) => patch({ drives: selected.has(id) ? chosen.filter((d) => d !== id) : [...chosen, id] });
  return (
    <>
      <p className="muted">Choose the drives to write. System drives, read-only and full drives cannot be chosen.</p>
      <DriveTable drives={drives} selected={selected} onToggle={toggle} label="Drives to write" />
      {needed ? (
        <p className="hint" role="status" aria-label="What is needed">
          {needed}
        </p>
      ) : null}
      <FieldError {...fields.error('drives')} />
    </>
  );
}

function WriteStep() {
  const jobId = Wizard.useWizard((s) => s.data.jobId);
  const progress = useApp((s) => s.usbProgress);
  const job = useApp((s) => s.jobs.find((j) => j.id === jobId));
  const rows = Object.values(progress).filter((p) => p.jobId === jobId);
  return (
    <div aria-label="Write progress">
      {rows.length === 0 ? <p className="muted">Starting…</p> : null}
      <ul className="drive-progress">
        {rows.map((p) => (
          <li key={p.drive.id}>
            <strong>{p.drive.label || p.drive.mountPoint}</strong>{' '}
            <span className={`pill phase-${p.phase}`}>{p.phase}</span>
            <ProgressBar
              value={p.bytesTotal ? p.bytesDone / p.bytesTotal : null}
              label={`${p.drive.label}: ${p.phase}`}
            />
          </li>
        ))}
      </ul>
      {job && job.state !== 'running' ? (
        <p role="status" className={job.state === 'succeeded' ? 'notice notice-ok' : 'notice notice-error'}>
          {job.outcome}
        </p>
      ) : null}
    </div>
  );
}

function CommitStep() {
  const name = Wizard.useWizard((s) => s.data.name);
  const keySet = useApp((s) => s.keySets.find((k) => k.name.trim().toLowerCase() === name.toLowerCase()));
  if (!keySet) return null;
  const copies = keySet.pendingCopies;
  return (
    <>
      <p>
        {copies} verified {copies === 1 ? 'copy' : 'copies'} of generation {keySet.pendingGeneration} (check value{' '}
        <code>{keySet.pendingKcv}</code>): {copies} written, {keySet.minCopies} needed to commit.
      </p>
      {keySet.canCommit ? (
        <p className="notice notice-ok">
          Committing makes this key current.{' '}
          {keySet.generation > 0
            ? 'Drives that were not inserted keep the old, now useless key: they are flagged stale.'
            : ''}
        </p>
      ) : (
        <p className="notice notice-error">
          Not enough verified copies: go on with more drives later (Add copies), or cancel.
        </p>
      )}
    </>
  );
}
