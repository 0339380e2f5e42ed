import { useId } from 'react';
import { useStore } from 'zustand';
import type { EntryType } from '../../../src-main/contract';
import { sendFile } from '../../components/files';
import { ProgressBar } from '../../components/ProgressBar';
import { useApp } from '../../store/app-store';
import { hasErrors } from '../../wizard/field-errors';
import { FieldError } from '../../wizard/FieldError';
import { createWizardContext } from '../../wizard/use-wizard';
import { WizardFrame } from '../../wizard/WizardFrame';
import {
  decisionsOf,
  fileErrors,
  freshImport,
  IMPORT_STEP_NAMES,
  IMPORT_STEPS,
  initialChoices,
  renameErrors,
  renamesFailing,
} from './import-model';
import type { Choice, ImportData, ImportStep } from './import-model';
import { TYPE_NAMES } from './present';

const Wizard = createWizardContext<ImportStep, ImportData>();

/** Import a keystore file: read it in main, review every entry and clash, then add all-or-nothing. */
export function ImportWizard({ onClose }: { onClose: () => void }) {
  const store = Wizard.useNewWizardStore(IMPORT_STEPS, () => ({ data: freshImport() }));
  const api = useApp((s) => s.api);
  const loadEntries = useApp((s) => s.loadEntries);
  const { step, busy, error, data, run, call, goTo, fail, patch, back, showErrors } = useStore(store);
  const readJob = useApp((s) => s.jobs.find((j) => j.id === data.readJobId));

  /** Stops the read: main terminates the reading threads; nothing was added. */
  const cancelRead = () => {
    if (data.readJobId) void api?.jobs.cancel({ id: data.readJobId });
  };

  const close = () => {
    cancelRead();
    if (data.preview && !data.result) void api?.keystore.importDiscard({ previewId: data.preview.previewId });
    onClose();
  };

  const read = () =>
    run(async () => {
      const file = data.file;
      if (!file || !api) return false;
      if (hasErrors(fileErrors(data))) return (showErrors(), false);
      // Main checks the size (at most 32 MiB) and gets the bytes in chunks; no path crosses.
      const started = await sendFile(api, file, 'keystore-import', (upload) =>
        api.keystore.importRead({
          upload,
          ...(data.format ? { format: data.format } : {}),
          ...(data.storePassword ? { storePassword: data.storePassword } : {}),
        }),
      );
      if (!started.ok) {
        fail(started.message);
        return false;
      }
      // Main reads the file in worker threads as a job; its progress and Cancel show meanwhile.
      patch({ readJobId: started.value.jobId });
      const result = await api.keystore.importReadResult({ jobId: started.value.jobId });
      patch({ readJobId: null });
      if (!result.ok) {
        fail(
          result.code === 'JOB_CANCELLED' ? 'Reading the file was cancelled; nothing was imported.' : result.message,
        );
        return false;
      }
      // The password has done its job; do not keep it in the renderer.
      patch({ preview: result.value, choices: initialChoices(result.value), storePassword: '' });
      goTo('review');
      return true;
    });

  const commit = () => {
    const preview = data.preview;
    if (!preview) return;
    if (renamesFailing(data.choices).length > 0) return showErrors();
    const decisions = decisionsOf(data.choices);
    return call(
      () => api?.keystore.importCommit({ previewId: preview.previewId, onClash: 'fail', decisions }),
      async (result) => {
        patch({ result });
        goTo('done');
        await loadEntries();
      },
    );
  };

  const importing = Object.values(data.choices).filter((c) => c.action !== 'skip').length;
  const primary =
    step === 'file'
      ? { label: 'Read file', disabled: !data.file, go: () => void read() }
      : step === 'review'
        ? {
            label: `Import ${importing} ${importing === 1 ? 'entry' : 'entries'}`,
            disabled: importing === 0,
            go: () => void commit(),
          }
        : { label: 'Close', disabled: false, go: onClose };

  return (
    <Wizard.Provider value={store}>
      <WizardFrame
        title="Import a keystore"
        stepNames={IMPORT_STEP_NAMES}
        current={IMPORT_STEPS.indexOf(step)}
        error={error}
        busy={busy}
        primaryLabel={primary.label}
        primaryDisabled={primary.disabled}
        onPrimary={primary.go}
        onBack={step === 'review' ? back : undefined}
        onCancel={close}
        showCancel={step !== 'done'}
      >
        {step === 'file' ? <FileStep /> : step === 'review' ? <ReviewStep /> : <DoneStep />}
        {data.readJobId ? (
          <div className="import-reading" role="status">
            <p>{readJob?.phase ?? 'Reading the file'}</p>
            <ProgressBar value={readJob?.progress ?? null} label="Reading the keystore file" />
            <button type="button" onClick={cancelRead} disabled={readJob?.state === 'cancelling'}>
              Cancel reading
            </button>
          </div>
        ) : null}
      </WizardFrame>
    </Wizard.Provider>
  );
}

function FileStep() {
  const data = Wizard.useWizard((s) => s.data);
  const patch = Wizard.useWizard((s) => s.patch);
  const errors = fileErrors(data);
  const fields = Wizard.useFields({
    file: errors.fileName,
    format: errors.format,
    storePassword: errors.storePassword,
  });
  return (
    <>
      <p className="muted">
        PKCS#12 (.p12, .pfx), JKS, JCEKS, PEM or DER. The file is read on this station; nothing is added until you
        confirm.
      </p>
      <label>
        Keystore file
        <input
          type="file"
          accept=".p12,.pfx,.jks,.jceks,.ks,.pem,.crt,.cer,.der,.key"
          onChange={(e) => patch({ file: e.target.files?.[0] ?? null })}
          {...fields.input('file')}
        />
      </label>
      <FieldError {...fields.error('file')} />
      <label>
        Format
        <select
          value={data.format}
          onChange={(e) => patch({ format: e.target.value as ImportData['format'] })}
          {...fields.input('format')}
        >
          <option value="">Detect from the file</option>
          <option value="pkcs12">PKCS#12</option>
          <option value="jks">JKS</option>
          <option value="jceks">JCEKS</option>
          <option value="pem">PEM</option>
        </select>
      </label>
      <FieldError {...fields.error('format')} />
      <label>
        Store password <span className="muted">(not needed for certificates)</span>
        <input
          type="password"
          autoComplete="off"
          value={data.storePassword}
          onChange={(e) => patch({ storePassword: e.target.value })}
          {...fields.input('storePassword')}
        />
      </label>
      <FieldError {...fields.error('storePassword')} />
    </>
  );
}

function ReviewStep() {
  const preview = Wizard.useWizard((s) => s.data.preview);
  const choices = Wizard.useWizard((s) => s.data.choices);
  const patch = Wizard.useWizard((s) => s.patch);
  const ids = useId();
  if (!preview) return null;
  const set = (alias: string, change: Partial<Choice>) => {
    const current = choices[alias];
    if (current) patch({ choices: { ...choices, [alias]: { ...current, ...change } } });
  };
  return (
    <>
      <p>
        <strong>{preview.fileName}</strong> ({preview.format}) holds {preview.entries.length}{' '}
        {preview.entries.length === 1 ? 'entry' : 'entries'}.
      </p>
      {preview.warnings.map((w) => (
        <p key={w} className="warn-text" role="alert">
          {w}
        </p>
      ))}
      <table className="review">
        <thead>
          <tr>
            <th>In the file</th>
            <th>Becomes</th>
            <th>Label here</th>
            <th>Action</th>
          </tr>
        </thead>
        <tbody>
          {preview.entries.map((e, i) => {
            const c = choices[e.alias];
            if (!c) return null;
            const isCertificate = e.type === 'public-kek' || e.type === 'trusted-certificate';
            return (
              <tr key={e.alias} className={e.problem ? 'problem' : e.clash ? 'clash' : undefined}>
                <td>
                  <strong>{e.alias}</strong>
                  <div className="muted small">
                    {e.algorithm}-{e.keyBits}
                    {e.certificate ? ` · ${e.certificate.subject}` : ''}
                  </div>
                  {e.problem ? <div className="field-error small">{e.problem}</div> : null}
                  {e.alreadyHere && !e.problem ? (
                    <div className="small warn-text">Already on this station as "{e.alreadyHere}" (the same key).</div>
                  ) : null}
                  {e.clash && !e.problem ? (
                    <div className="small warn-text">The label "{e.label}" is already used here.</div>
                  ) : null}
                </td>
                <td>
                  {isCertificate ? (
                    <select
                      aria-label={`${e.alias} becomes`}
                      value={c.as ?? e.type ?? 'public-kek'}
                      onChange={(ev) => set(e.alias, { as: ev.target.value as 'public-kek' | 'trusted-certificate' })}
                    >
                      <option value="public-kek">{TYPE_NAMES['public-kek']}</option>
                      <option value="trusted-certificate">{TYPE_NAMES['trusted-certificate']}</option>
                    </select>
                  ) : (
                    ((e.type && TYPE_NAMES[e.type as EntryType]) ?? 'not importable')
                  )}
                </td>
                <td>
                  {c.action === 'rename' ? (
                    <RenameField
                      id={`${ids}-${i}`}
                      alias={e.alias}
                      label={c.label}
                      onChange={(label) => set(e.alias, { label })}
                    />
                  ) : (
                    e.label
                  )}
                </td>
                <td>
                  <select
                    aria-label={`Action for ${e.alias}`}
                    value={c.action}
                    disabled={e.problem !== null}
                    onChange={(ev) => set(e.alias, { action: ev.target.value as Choice['action'] })}
                  >
                    {!e.clash ? <option value="import">Import</option> : null}
                    <option value="rename">Import as…</option>
                    <option value="skip">Skip</option>
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** The new label for one entry; it starts as a free label, so a sentence here follows the custodian's own edit. */
function RenameField(props: { id: string; alias: string; label: string; onChange: (label: string) => void }) {
  const message = renameErrors(props.label).label;
  return (
    <>
      <input
        aria-label={`New label for ${props.alias}`}
        value={props.label}
        onChange={(ev) => props.onChange(ev.target.value)}
        aria-invalid={message !== undefined}
        aria-describedby={message ? props.id : undefined}
      />
      <FieldError id={props.id} message={message} />
    </>
  );
}

function DoneStep() {
  const result = Wizard.useWizard((s) => s.data.result);
  if (!result) return null;
  return (
    <div role="status">
      <p>
        Imported <strong>{result.imported.length}</strong> {result.imported.length === 1 ? 'entry' : 'entries'}.
      </p>
      <ul>
        {result.imported.map((e) => (
          <li key={e.id}>
            {e.label} <span className="muted">({TYPE_NAMES[e.type]})</span>
          </li>
        ))}
        {result.skipped.map((s) => (
          <li key={s.alias} className="muted">
            Skipped {s.alias}: {s.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
