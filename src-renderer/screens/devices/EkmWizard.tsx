import { useStore } from 'zustand';
import { countOf, DevicePolicySchema, POLICY_SENTENCES } from '../../../src-main/contract';
import type { DevicePolicy, EkmPreview, EkmResult } from '../../../src-main/contract';
import { sendFile, sendOptionalFile } from '../../components/files';
import { useApp } from '../../store/app-store';
import { createWizardContext } from '../../wizard/use-wizard';
import { wizardFrameProps } from '../../wizard/wizard-frame-props';
import { WizardFrame } from '../../wizard/WizardFrame';

type Step = 'config' | 'keystore' | 'metadata' | 'preview' | 'done';
const STEPS: readonly Step[] = ['config', 'keystore', 'metadata', 'preview', 'done'];
const STEP_NAMES = ['Configuration file', 'Keystore', 'Key-usage metadata', 'Preview', 'Import'];

interface EkmData {
  name: string;
  policy: DevicePolicy | '';
  config: File | null;
  keystore: File | null;
  storePassword: string;
  metadata: File | null;
  preview: EkmPreview | null;
  result: EkmResult | null;
}

const Wizard = createWizardContext<Step, EkmData>();
const MAX_METADATA_BYTES = 50 * 1024 * 1024;

/** A retiring EKM/ISKLM into one 3592 group: its configuration, keystore and key-usage metadata, previewed, then imported at once. */
export function EkmWizard({ onClose }: { onClose: (created?: string) => void }) {
  const store = Wizard.useNewWizardStore(STEPS, () => ({
    data: {
      name: '',
      policy: '',
      config: null,
      keystore: null,
      storePassword: '',
      metadata: null,
      preview: null,
      result: null,
    },
  }));
  const api = useApp((s) => s.api);
  const loadEntries = useApp((s) => s.loadEntries);
  const wizard = useStore(store);
  const { step, data, run, call, goTo, back, fail, patch } = wizard;

  const close = () => {
    if (data.preview && !data.result) void api?.devices.ekmDiscard({ previewId: data.preview.previewId });
    onClose(data.result?.group.name);
  };

  const read = () =>
    run(async () => {
      if (!data.config) return false;
      if (data.metadata && data.metadata.size > MAX_METADATA_BYTES) {
        fail(
          `${data.metadata.name} is larger than 50 MB; split it with the old key server's tools and import the parts.`,
        );
        return false;
      }
      if (data.preview) await api?.devices.ekmDiscard({ previewId: data.preview.previewId });
      if (!api) return false;
      const { config, keystore, metadata } = data;
      // Each file reaches main in chunks (no path crosses); main takes all three in one preview.
      const result = await sendFile(api, config, 'ekm-config', (configUpload) =>
        sendOptionalFile(api, keystore, 'keystore-import', (keystoreUpload) =>
          sendOptionalFile(api, metadata, 'ekm-metadata', (metadataUpload) =>
            api.devices.ekmPreview({
              name: data.name.trim(),
              config: configUpload,
              ...(keystoreUpload ? { keystore: keystoreUpload, storePassword: data.storePassword } : {}),
              ...(metadataUpload ? { metadata: metadataUpload } : {}),
              ...(data.policy ? { policy: data.policy } : {}),
            }),
          ),
        ),
      );
      if (!result.ok) {
        fail(result.message, result.code);
        return false;
      }
      patch({ preview: result.value, storePassword: '' });
      goTo('preview');
      return true;
    });

  const commit = () => {
    const preview = data.preview;
    if (!preview) return;
    return call(
      () => api?.devices.ekmCommit({ previewId: preview.previewId }),
      async (result) => {
        patch({ result });
        goTo('done');
        await loadEntries();
      },
    );
  };

  const frame = wizardFrameProps(wizard, {
    config: () => ({ label: 'Next', disabled: !data.config || !data.name.trim(), go: () => goTo('keystore') }),
    keystore: () => ({
      label: 'Next',
      disabled: data.keystore !== null && !data.storePassword,
      go: () => goTo('metadata'),
    }),
    metadata: () => ({ label: 'Read the files', disabled: false, go: () => void read() }),
    preview: () => ({ label: 'Import', disabled: false, go: () => void commit() }),
    done: () => ({ label: 'Close', disabled: false, go: close }),
  });

  return (
    <Wizard.Provider value={store}>
      <WizardFrame
        title="Migrate from EKM"
        stepNames={STEP_NAMES}
        {...frame}
        onBack={step !== 'config' && step !== 'done' ? back : undefined}
        onCancel={close}
      >
        {step === 'config' ? <ConfigStep /> : null}
        {step === 'keystore' ? <KeystoreStep /> : null}
        {step === 'metadata' ? <MetadataStep /> : null}
        {step === 'preview' && data.preview ? <PreviewStep preview={data.preview} /> : null}
        {step === 'done' && data.result ? (
          <p role="status">
            Imported {countOf(data.result.imported.length, 'keystore entry', 'keystore entries')} and{' '}
            {countOf(data.result.events, 'key-usage event', 'key-usage events')} into{' '}
            <strong>{data.result.group.name}</strong> ({countOf(data.result.group.devices.length, 'device', 'devices')}
            ).
          </p>
        ) : null}
      </WizardFrame>
    </Wizard.Provider>
  );
}

function ConfigStep() {
  const data = Wizard.useWizard((s) => s.data);
  const patch = Wizard.useWizard((s) => s.patch);
  return (
    <>
      <p className="muted">
        The old key manager's configuration file (ISKLMConfig.properties, KeyManagerConfig.properties): its default KEK
        aliases and whether it accepted unknown drives. Nothing changes until you import.
      </p>
      <label>
        Configuration file
        <input
          type="file"
          accept=".properties,.txt,.zos,*"
          onChange={(e) => patch({ config: e.target.files?.[0] ?? null, preview: null })}
        />
      </label>
      <label>
        New 3592 group name
        <input value={data.name} onChange={(e) => patch({ name: e.target.value })} placeholder="EKM_Z1" />
      </label>
      <label>
        New devices
        <select
          value={data.policy}
          onChange={(e) => patch({ policy: DevicePolicySchema.safeParse(e.target.value).data ?? '' })}
        >
          <option value="">As the file says (drive.acceptUnknownDrives)</option>
          {DevicePolicySchema.options.map((p) => (
            <option key={p} value={p}>
              {p}: {POLICY_SENTENCES[p]}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

function KeystoreStep() {
  const data = Wizard.useWizard((s) => s.data);
  const patch = Wizard.useWizard((s) => s.patch);
  return (
    <>
      <p className="muted">
        The EKM keystore (JCEKS, JKS or PKCS#12) holding the default KEKs. Skip it if this station already holds them.
      </p>
      <label>
        Keystore file
        <input
          type="file"
          accept=".jceks,.jks,.p12,.pfx,.ks"
          onChange={(e) => patch({ keystore: e.target.files?.[0] ?? null })}
        />
      </label>
      {data.keystore ? (
        <label>
          Store password
          <input
            type="password"
            autoComplete="off"
            value={data.storePassword}
            onChange={(e) => patch({ storePassword: e.target.value })}
          />
        </label>
      ) : null}
    </>
  );
}

function MetadataStep() {
  const patch = Wizard.useWizard((s) => s.patch);
  return (
    <>
      <p className="muted">
        The key-usage metadata (SKLMData.xml): which cartridges (volsers) and drives used which KEKs. It is the record
        that keeps a KEK from being destroyed while cartridges still need it.
      </p>
      <label>
        Metadata file
        <input type="file" accept=".xml" onChange={(e) => patch({ metadata: e.target.files?.[0] ?? null })} />
      </label>
    </>
  );
}

function PreviewStep({ preview }: { preview: EkmPreview }) {
  return (
    <>
      {preview.warnings.length ? (
        <ul className="warnings" aria-label="Warnings">
          {preview.warnings.map((w) => (
            <li key={w} className="warning-warning">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="facts">
        <dt>Group</dt>
        <dd>
          {preview.name} ({preview.family}), new devices: {preview.policy}
        </dd>
        <dt>KEKs</dt>
        <dd>
          <ul className="plain">
            {preview.keks.map((k) => (
              <li key={k.role}>
                {k.role}: <strong>{k.label}</strong> <span className="muted">(from the {k.source})</span>
              </li>
            ))}
          </ul>
        </dd>
        <dt>Keystore</dt>
        <dd>
          {countOf(preview.keystoreEntries, 'entry', 'entries')} in the file
          {preview.keystoreType ? ` (the old server used ${preview.keystoreType})` : ''}
        </dd>
        <dt>Key usage</dt>
        <dd>
          {preview.events.toLocaleString('en')} events, {preview.devices.length} drives
        </dd>
        <dt>Old ports</dt>
        <dd>
          TCP {preview.ports.tcp ?? '—'}, SSL {preview.ports.ssl ?? '—'}
        </dd>
      </dl>
      {preview.devices.length ? (
        <table className="review" aria-label="Drives found">
          <thead>
            <tr>
              <th>Serial number</th>
              <th>WWN</th>
              <th>Will be</th>
            </tr>
          </thead>
          <tbody>
            {preview.devices.slice(0, 8).map((d) => (
              <tr key={d.serial}>
                <td>{d.serial}</td>
                <td>
                  <code>{d.wwn || '—'}</code>
                </td>
                <td>{d.state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {preview.devices.length > 8 ? <p className="small muted">and {preview.devices.length - 8} more drives.</p> : null}
    </>
  );
}
