import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { BackupCreateInput } from '../../../src-main/contract';
import { ProgressBar } from '../../components/ProgressBar';
import { useApp } from '../../store/app-store';
import { ChosenEntries } from '../../components/ChosenEntries';
import { NOT_DESTROYED, useEntrySearch } from '../../store/entry-choices';
import { createWizardContext } from '../../wizard/use-wizard';
import { wizardFrameProps } from '../../wizard/wizard-frame-props';
import { WizardFrame } from '../../wizard/WizardFrame';
import { shareDrivesProblem } from './share-places';
import type { SharePlace } from './share-places';
import { ShareDrivesPicker } from './ShareDrivesPicker';
import { useBackupStatus } from './use-backup-status';
import { Term } from '../../help/Term';

type Step = 'what' | 'protection' | 'where' | 'write' | 'sheets';
const STEPS: readonly Step[] = ['what', 'protection', 'where', 'write', 'sheets'];
const MIN_PASSPHRASE = 12;

interface Data {
  all: boolean;
  labels: string[];
  includeIdentities: boolean;
  usePassphrase: boolean;
  passphrase: string;
  repeat: string;
  useShares: boolean;
  threshold: number;
  count: number;
  holders: string[];
  sheets: boolean;
  where: SharePlace;
  /** The drive id for share i (drives mode). */
  shareDrives: string[];
  jobId: string | null;
}

const Wizard = createWizardContext<Step, Data>();

/**
 * What -> protection (passphrase and/or M of N custodian shares) -> where (the shares: the
 * backups folder, or each to its own USB drive) -> write and verify -> sheets. Main chooses the
 * archive's path (the station's backups/ folder) and writes the shares; the passphrase goes to
 * main once and is cleared here; shares are never shown in the window.
 */
export function BackupWizard({ onClose }: { onClose: () => void }) {
  const store = Wizard.useNewWizardStore(STEPS, () => ({
    data: {
      all: true,
      labels: [],
      includeIdentities: false,
      usePassphrase: true,
      passphrase: '',
      repeat: '',
      useShares: false,
      threshold: 2,
      count: 3,
      holders: ['', '', ''],
      sheets: true,
      where: 'folder',
      shareDrives: [],
      jobId: null,
    },
  }));
  const wizard = useStore(store);
  const { step, data, goTo, back, run, fail, patch } = wizard;
  const api = useApp((s) => s.api);
  const drives = useApp((s) => s.drives);
  const jobs = useApp((s) => s.jobs);
  const job = jobs.find((j) => j.id === data.jobId);
  const jobDone = job !== undefined && job.state !== 'running' && job.state !== 'cancelling';

  const passphraseOk =
    !data.usePassphrase || ([...data.passphrase].length >= MIN_PASSPHRASE && data.passphrase === data.repeat);
  const sharesOk = !data.useShares || (data.threshold >= 2 && data.threshold <= data.count && data.count <= 16);
  const protectionOk = (data.usePassphrase || data.useShares) && passphraseOk && sharesOk;
  const onDrives = data.useShares && data.where === 'drives';
  const whereOk = !onDrives || shareDrivesProblem(data.shareDrives, data.count, drives) === null;

  const write = () =>
    run(async () => {
      if (!api) return false;
      const input: BackupCreateInput = {
        selection: data.all ? { all: true } : { labels: data.labels },
        includeIdentities: data.includeIdentities,
        sheets: data.useShares && data.sheets,
        ...(data.usePassphrase ? { passphrase: data.passphrase } : {}),
        ...(data.useShares
          ? { shares: { threshold: data.threshold, count: data.count, holders: data.holders.slice(0, data.count) } }
          : {}),
        ...(onDrives ? { shareDrives: data.shareDrives.slice(0, data.count) } : {}),
      };
      const r = await api.backup.create(input);
      patch({ passphrase: '', repeat: '' });
      if (!r.ok) return (fail(r.message, r.code), false);
      patch({ jobId: r.value.jobId });
      goTo('write');
      return true;
    });

  const frame = wizardFrameProps(wizard, {
    what: () => ({ label: 'Next', disabled: !data.all && data.labels.length === 0, go: () => goTo('protection') }),
    protection: () => ({ label: 'Next', disabled: !protectionOk, go: () => goTo('where') }),
    where: () => ({ label: 'Write and verify', disabled: !whereOk, go: () => void write() }),
    write: () => ({
      label: data.useShares ? 'Next' : 'Done',
      disabled: !jobDone,
      go: () => (data.useShares && job?.state === 'succeeded' ? goTo('sheets') : onClose()),
    }),
    sheets: () => ({ label: 'Done', disabled: false, go: onClose }),
  });
  return (
    <Wizard.Provider value={store}>
      <WizardFrame
        title="Back up keys"
        stepNames={['What', 'Protection', 'Where', 'Write and verify', 'Shares and sheets']}
        {...frame}
        onBack={step === 'protection' || step === 'where' ? back : undefined}
        onCancel={onClose}
      >
        {step === 'what' ? <WhatStep /> : null}
        {step === 'protection' ? <ProtectionStep /> : null}
        {step === 'where' ? <WhereStep /> : null}
        {step === 'write' ? (
          <div role="status">
            <p>{job?.phase ?? 'Starting'}</p>
            <ProgressBar value={jobDone ? 1 : (job?.progress ?? null)} label="Backup progress" />
            {jobDone ? (
              <p className={job?.state === 'succeeded' ? '' : 'field-error'}>{job?.outcome}</p>
            ) : (
              <p className="muted small">
                The archive is read back from disk and opened with each protector before it counts.
              </p>
            )}
          </div>
        ) : null}
        {step === 'sheets' ? <SheetsStep /> : null}
      </WizardFrame>
    </Wizard.Provider>
  );
}

function WhatStep() {
  const data = Wizard.useWizard((s) => s.data);
  const patch = Wizard.useWizard((s) => s.patch);
  // Only the count is asked for here; the chosen keys are searched for as the custodian types.
  const { matching } = useEntrySearch(NOT_DESTROYED, '', 1);
  return (
    <>
      <label className="check">
        <input type="radio" name="what" checked={data.all} onChange={() => patch({ all: true })} />
        Every key and certificate of this station ({matching.toLocaleString('en-US')})
      </label>
      <label className="check">
        <input type="radio" name="what" checked={!data.all} onChange={() => patch({ all: false })} />
        Chosen keys
      </label>
      {!data.all ? (
        <ChosenEntries
          label="Keys to back up"
          filters={NOT_DESTROYED}
          chosen={data.labels}
          onChange={(labels) => patch({ labels })}
          note={(e) => `(${e.type})`}
          empty="No key chosen yet: type part of a label, then pick it."
        />
      ) : null}
      <label className="check">
        <input
          type="checkbox"
          checked={data.includeIdentities}
          onChange={(e) => patch({ includeIdentities: e.target.checked })}
        />
        Include this station's private TLS client identities (off: a restored station makes a new one)
      </label>
    </>
  );
}

function ProtectionStep() {
  const data = Wizard.useWizard((s) => s.data);
  const patch = Wizard.useWizard((s) => s.patch);
  const setCount = (count: number) =>
    patch({ count, holders: Array.from({ length: count }, (_, i) => data.holders[i] ?? '') });
  return (
    <>
      <p className="muted">
        Backups live for years: protect the archive with a backup passphrase, with{' '}
        <Term id="custodian-share">custodian shares</Term> (no custodian holds enough alone), or both. A lost passphrase
        is a lost backup.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={data.usePassphrase}
          onChange={(e) => patch({ usePassphrase: e.target.checked })}
        />
        Protect with a backup passphrase
      </label>
      {data.usePassphrase ? (
        <div className="row">
          <label>
            Backup passphrase
            <input
              type="password"
              autoComplete="new-password"
              value={data.passphrase}
              onChange={(e) => patch({ passphrase: e.target.value })}
            />
          </label>
          <label>
            Repeat it
            <input
              type="password"
              autoComplete="new-password"
              value={data.repeat}
              aria-invalid={data.repeat.length > 0 && data.repeat !== data.passphrase}
              onChange={(e) => patch({ repeat: e.target.value })}
            />
          </label>
        </div>
      ) : null}
      {data.usePassphrase ? (
        <p className="hint">At least {MIN_PASSPHRASE} characters; it is not the vault's master passphrase.</p>
      ) : null}
      <label className="check">
        <input type="checkbox" checked={data.useShares} onChange={(e) => patch({ useShares: e.target.checked })} />
        Protect with custodian shares (M of N)
      </label>
      {data.useShares ? (
        <>
          <div className="row">
            <label>
              Shares needed (M)
              <input
                type="number"
                min={2}
                max={16}
                value={data.threshold}
                onChange={(e) => patch({ threshold: Number(e.target.value) })}
              />
            </label>
            <label>
              Shares made (N)
              <input
                type="number"
                min={2}
                max={16}
                value={data.count}
                onChange={(e) => setCount(Number(e.target.value))}
              />
            </label>
          </div>
          {data.holders.slice(0, data.count).map((h, i) => (
            <label key={i}>
              Holder of share {i + 1}
              <input
                value={h}
                maxLength={128}
                placeholder={`custodian ${i + 1}`}
                onChange={(e) => patch({ holders: data.holders.map((x, j) => (j === i ? e.target.value : x)) })}
              />
            </label>
          ))}
          <label className="check">
            <input type="checkbox" checked={data.sheets} onChange={(e) => patch({ sheets: e.target.checked })} />A
            printable sheet (PDF with QR code) per custodian
          </label>
        </>
      ) : null}
    </>
  );
}

function WhereStep() {
  const data = Wizard.useWizard((s) => s.data);
  const patch = Wizard.useWizard((s) => s.patch);
  const drives = useApp((s) => s.drives);
  const loadUsb = useApp((s) => s.loadUsb);
  useEffect(() => void loadUsb(), [loadUsb]);
  const problem = data.where === 'drives' ? shareDrivesProblem(data.shareDrives, data.count, drives) : null;
  return (
    <>
      <p>
        The archive goes to this station's backups folder; copy it to where backups are kept. It opens only with{' '}
        {data.usePassphrase && data.useShares
          ? 'the backup passphrase or the custodian shares'
          : data.usePassphrase
            ? 'the backup passphrase'
            : 'the custodian shares'}
        .
      </p>
      {data.useShares ? (
        <fieldset>
          <legend>The {data.count} custodian shares</legend>
          <label className="check">
            <input
              type="radio"
              name="where"
              checked={data.where === 'folder'}
              onChange={() => patch({ where: 'folder' })}
            />
            This station's backups folder: carry each share file to its holder, then delete it here
          </label>
          <label className="check">
            <input
              type="radio"
              name="where"
              checked={data.where === 'drives'}
              onChange={() => patch({ where: 'drives' })}
            />
            USB drives, one per share: each written and read back, custody recorded per drive
          </label>
          {data.where === 'drives' ? (
            <ShareDrivesPicker
              count={data.count}
              holders={data.holders}
              chosen={data.shareDrives}
              drives={drives}
              problem={problem}
              onChoose={(i, id) => {
                const next = Array.from({ length: data.count }, (_, j) => data.shareDrives[j] ?? '');
                next[i] = id;
                patch({ shareDrives: next });
              }}
            />
          ) : null}
        </fieldset>
      ) : (
        <p className="muted small">No custodian shares: nothing else is written.</p>
      )}
    </>
  );
}

function SheetsStep() {
  const { status } = useBackupStatus();
  const last = status?.archives[0];
  return (
    <div role="status">
      <p>
        Archive: <code>{last?.path ?? '…'}</code>
      </p>
      {(last?.custody ?? []).some((c) => c.drive) ? (
        <p>Give each custodian their drive (and print their sheet from it); record where each drive is kept.</p>
      ) : (
        <p>Give each custodian their share file (and print their sheet); then delete the copies here.</p>
      )}
      <ul aria-label="Custodian shares">
        {(last?.custody ?? []).map((c) => (
          <li key={c.index}>
            Share {c.index} — {c.holder}:{' '}
            {c.drive ? (
              <>
                USB drive <strong>{c.drive.label}</strong>
                {c.drive.volumeId ? ` (serial ${c.drive.volumeId})` : ''},{' '}
              </>
            ) : null}
            <code className="small">{c.place}</code>
          </li>
        ))}
      </ul>
      <p className="small muted">
        The shares are not shown in this window: only the files and printed sheets hold them.
      </p>
    </div>
  );
}
