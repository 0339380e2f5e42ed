import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { countOf } from '../../../src-main/contract';
import type { BackupInspection, OnClash, RestorePreview, RestoreResult } from '../../../src-main/contract';
import { sendFile } from '../../components/files';
import { useApp } from '../../store/app-store';
import { createWizardContext } from '../../wizard/use-wizard';
import { wizardFrameProps } from '../../wizard/wizard-frame-props';
import { WizardFrame } from '../../wizard/WizardFrame';

type Step = 'archive' | 'unlock' | 'preview' | 'done';
const STEPS: readonly Step[] = ['archive', 'unlock', 'preview', 'done'];

interface Data {
  sessionId: string | null;
  inspection: BackupInspection | null;
  method: 'passphrase' | 'shares';
  passphrase: string;
  given: { index: number; holder: string }[];
  preview: RestorePreview | null;
  onClash: OnClash;
  result: RestoreResult | null;
}

const Wizard = createWizardContext<Step, Data>();

/**
 * Archive -> passphrase, or shares one custodian at a time ("k of M given") -> preview -> restore.
 * Main keeps the archive and the shares given; each share is checked as it is given and never
 * shown back. Cancelling closes the session: nothing is restored.
 */
export function RestoreWizard({ archiveId, onClose }: { archiveId?: string; onClose: () => void }) {
  const store = Wizard.useNewWizardStore(STEPS, () => ({
    data: {
      sessionId: null,
      inspection: null,
      method: 'passphrase',
      passphrase: '',
      given: [],
      preview: null,
      onClash: 'skip',
      result: null,
    },
  }));
  const wizard = useStore(store);
  const { step, data, goTo, call, patch } = wizard;
  const api = useApp((s) => s.api);
  const loadEntries = useApp((s) => s.loadEntries);

  useEffect(() => {
    if (!archiveId || !api) return;
    void call(
      () => api.backup.open({ archiveId }),
      (v) =>
        patch({
          sessionId: v.sessionId,
          inspection: v.inspection,
          method: v.inspection.passphrase ? 'passphrase' : 'shares',
        }),
    );
  }, [archiveId, api, call, patch]);

  const close = () => {
    if (data.sessionId && step !== 'done') void api?.backup.close({ sessionId: data.sessionId });
    patch({ passphrase: '' });
    onClose();
  };
  const unlockArg = () =>
    data.method === 'passphrase' && data.passphrase ? { passphrase: data.passphrase } : ({} as { passphrase?: string });
  const preview = () =>
    call(
      () => (data.sessionId ? api?.backup.preview({ sessionId: data.sessionId, ...unlockArg() }) : undefined),
      (v) => {
        patch({ preview: v });
        goTo('preview');
      },
    );
  const restore = () =>
    call(
      () =>
        data.sessionId
          ? api?.backup.restore({ sessionId: data.sessionId, onClash: data.onClash, ...unlockArg() })
          : undefined,
      async (v) => {
        patch({ result: v, passphrase: '' });
        goTo('done');
        await loadEntries?.();
      },
    );
  const needed = data.inspection?.shares?.threshold ?? 0;
  const unlockReady = data.method === 'passphrase' ? data.passphrase.length > 0 : data.given.length >= needed;
  const comesIn =
    data.preview?.entries.filter((e) => e.status === 'comes-in' || (e.status === 'clash' && data.onClash === 'rename'))
      .length ?? 0;
  const frame = wizardFrameProps(wizard, {
    archive: () => ({ label: 'Next', disabled: !data.inspection, go: () => goTo('unlock') }),
    unlock: () => ({ label: 'Preview', disabled: !unlockReady, go: () => void preview() }),
    preview: () => ({
      label: `Restore ${comesIn} entr${comesIn === 1 ? 'y' : 'ies'}`,
      disabled: false,
      go: () => void restore(),
    }),
    done: () => ({ label: 'Done', disabled: false, go: onClose }),
  });
  return (
    <Wizard.Provider value={store}>
      <WizardFrame
        title="Restore from a backup archive"
        stepNames={['Archive', 'Passphrase or shares', 'Preview', 'Restored']}
        {...frame}
        onCancel={close}
      >
        {step === 'archive' ? <ArchiveStep fixed={archiveId !== undefined} /> : null}
        {step === 'unlock' ? <UnlockStep /> : null}
        {step === 'preview' ? <PreviewStep /> : null}
        {step === 'done' ? <DoneStep /> : null}
      </WizardFrame>
    </Wizard.Provider>
  );
}

function ArchiveStep({ fixed }: { fixed: boolean }) {
  const api = useApp((s) => s.api);
  const data = Wizard.useWizard((s) => s.data);
  const call = Wizard.useWizard((s) => s.call);
  const patch = Wizard.useWizard((s) => s.patch);
  const pick = async (file: File | undefined) => {
    if (!file || !api) return;
    await call(
      () => sendFile(api, file, 'backup-archive', (upload) => api.backup.open({ upload })),
      (v) =>
        patch({
          sessionId: v.sessionId,
          inspection: v.inspection,
          method: v.inspection.passphrase ? 'passphrase' : 'shares',
          given: [],
        }),
    );
  };
  const i = data.inspection;
  return (
    <>
      {!fixed ? (
        <label>
          Backup archive (.cbk)
          <input type="file" accept=".cbk" onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
      ) : null}
      {i ? (
        <dl className="facts" aria-label="Archive header">
          <dt>Archive</dt>
          <dd>{i.fileName}</dd>
          <dt>Made</dt>
          <dd>
            {i.createdAt.slice(0, 16).replace('T', ' ')} on {i.station}
          </dd>
          <dt>Holds</dt>
          <dd>
            {countOf(i.entries.length, 'entry', 'entries')}
            {i.servers.length ? `, ${countOf(i.servers.length, 'key server', 'key servers')}` : ''}
          </dd>
          <dt>Opens with</dt>
          <dd>
            {[
              i.passphrase ? 'its backup passphrase' : '',
              i.shares ? `${i.shares.threshold} of ${i.shares.count} custodian shares (set ${i.shares.setId})` : '',
            ]
              .filter(Boolean)
              .join(' or ')}
          </dd>
        </dl>
      ) : (
        <p className="muted">The header is read without any secret: what the archive holds and how it opens.</p>
      )}
    </>
  );
}

function UnlockStep() {
  const api = useApp((s) => s.api);
  const data = Wizard.useWizard((s) => s.data);
  const patch = Wizard.useWizard((s) => s.patch);
  const call = Wizard.useWizard((s) => s.call);
  const [share, setShare] = useState('');
  const set = data.inspection?.shares;
  const give = async (text: string) => {
    if (!data.sessionId || !api) return;
    const sessionId = data.sessionId;
    await call(
      () => api.backup.giveShare({ sessionId, share: text }),
      (v) => patch({ given: [...data.given, { index: v.index, holder: v.holder }] }),
    );
    setShare('');
  };
  const fromFile = async (file: File | undefined) => {
    if (file) await give(await file.text());
  };
  return (
    <>
      {data.inspection?.passphrase && set ? (
        <div className="row" role="radiogroup" aria-label="Open with">
          <label className="check">
            <input
              type="radio"
              checked={data.method === 'passphrase'}
              onChange={() => patch({ method: 'passphrase' })}
            />
            Backup passphrase
          </label>
          <label className="check">
            <input type="radio" checked={data.method === 'shares'} onChange={() => patch({ method: 'shares' })} />
            Custodian shares
          </label>
        </div>
      ) : null}
      {data.method === 'passphrase' ? (
        <label>
          Backup passphrase
          <input
            type="password"
            autoComplete="off"
            value={data.passphrase}
            onChange={(e) => patch({ passphrase: e.target.value })}
          />
        </label>
      ) : set ? (
        <>
          <p role="status" aria-label="Shares given">
            {data.given.length} of {set.threshold} given
            {data.given.length
              ? `: ${data.given.map((g) => `${g.holder} (${g.index} of ${set.count})`).join(', ')}`
              : ''}
          </p>
          {data.given.length < set.threshold ? (
            <>
              <p className="muted small">
                One custodian at a time: type your share (hidden as you type) or load your share file. Each share is
                checked at once.
              </p>
              <label>
                Share
                <input
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  value={share}
                  placeholder="CS1-…"
                  onChange={(e) => setShare(e.target.value)}
                />
              </label>
              <div className="row">
                <button type="button" disabled={share.length < 10} onClick={() => void give(share)}>
                  Give this share
                </button>
                <label>
                  or load a share file
                  <input type="file" accept=".txt" onChange={(e) => void fromFile(e.target.files?.[0])} />
                </label>
              </div>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function PreviewStep() {
  const data = Wizard.useWizard((s) => s.data);
  const patch = Wizard.useWizard((s) => s.patch);
  const p = data.preview;
  if (!p) return null;
  const clashes = p.entries.filter((e) => e.status === 'clash').length;
  return (
    <>
      <p role="status">
        Every entry decrypted and matches the header. {p.entries.filter((e) => e.status === 'comes-in').length} come in,{' '}
        {p.entries.filter((e) => e.status === 'same-material').length} are already here with the same material,{' '}
        {clashes} clash with a label in use.
      </p>
      {clashes ? (
        <label>
          Labels taken here by other keys
          <select value={data.onClash} onChange={(e) => patch({ onClash: e.target.value as OnClash })}>
            <option value="skip">Skip them</option>
            <option value="rename">Restore them under a free label</option>
            <option value="fail">Restore nothing</option>
          </select>
        </label>
      ) : null}
      <table className="table" aria-label="Restore preview">
        <thead>
          <tr>
            <th>Label</th>
            <th>Type</th>
            <th>Here</th>
          </tr>
        </thead>
        <tbody>
          {p.entries.slice(0, 500).map((e) => (
            <tr key={e.label}>
              <td>{e.label}</td>
              <td>{e.type}</td>
              <td>
                {e.status === 'comes-in'
                  ? 'comes in'
                  : e.status === 'same-material'
                    ? 'already here (same key)'
                    : `label taken${e.suggestedLabel ? `; would be "${e.suggestedLabel}"` : ''}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function DoneStep() {
  const result = Wizard.useWizard((s) => s.data.result);
  if (!result) return null;
  return (
    <div role="status">
      <p>
        Restored {result.restored.length} entr{result.restored.length === 1 ? 'y' : 'ies'}; skipped{' '}
        {result.skipped.length}.
      </p>
      <ul aria-label="Restored entries">
        {result.restored.map((r) => (
          <li key={r.as}>{r.as === r.label ? r.label : `${r.label} as "${r.as}"`}</li>
        ))}
      </ul>
    </div>
  );
}
