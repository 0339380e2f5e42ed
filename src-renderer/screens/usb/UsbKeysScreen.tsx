import { useEffect, useState } from 'react';
import type { UsbKeyCopyView, UsbKeySetView, UsbValidateResult } from '../../../src-main/contract';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useApp } from '../../store/app-store';
import { attempt } from '../../store/attempt';
import { VaultGate } from '../../components/VaultGate';
import { BackupSharesOnDrives } from '../backup/BackupSharesOnDrives';
import { CopiesTable } from './CopiesTable';
import { DriveTable } from './DriveTable';
import { EraseDialog } from './EraseDialog';
import { ProvisionWizard } from './ProvisionWizard';

export function UsbKeysScreen() {
  const vault = useApp((s) => s.vault);
  return (
    <>
      <ScreenHeader
        title="USB keys"
        subtitle="Access keys on USB flash drives for storage systems with local key management, and where every copy is."
      />
      {vault?.state === 'unlocked' ? <UsbKeys /> : <VaultGate />}
    </>
  );
}

function UsbKeys() {
  const drives = useApp((s) => s.drives);
  const driveLister = useApp((s) => s.driveLister);
  const keySets = useApp((s) => s.keySets);
  const loadUsb = useApp((s) => s.loadUsb);
  const [wizard, setWizard] = useState<{ rekey?: string } | null>(null);
  const loadDriveLister = useApp((s) => s.loadDriveLister);
  useEffect(() => void loadUsb(), [loadUsb]);
  useEffect(() => void loadDriveLister(), [loadDriveLister]);
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="USB key actions">
        <span className="spacer" />
        <button className="primary" onClick={() => setWizard({})}>
          Provision a key set…
        </button>
      </div>
      <section className="card" aria-labelledby="drives-h">
        <h2 id="drives-h">Drives</h2>
        <DriveTable drives={drives} label="Inserted drives" />
        {driveLister ? (
          <p className="small muted" data-testid="drive-lister">
            {driveLister.detail}
          </p>
        ) : null}
      </section>
      <h2 className="section-title">Key sets</h2>
      {keySets.length === 0 ? (
        <p className="muted">
          No key sets yet. Insert at least 3 USB flash drives, then start with "Provision a key set…".
        </p>
      ) : null}
      {keySets.map((k) => (
        <KeySetCard key={k.id} keySet={k} onRekey={() => setWizard({ rekey: k.name })} />
      ))}
      <BackupSharesOnDrives />
      {wizard ? <ProvisionWizard rekey={wizard.rekey} onClose={() => setWizard(null)} /> : null}
    </>
  );
}

function KeySetCard({ keySet, onRekey }: { keySet: UsbKeySetView; onRekey: () => void }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const loadUsb = useApp((s) => s.loadUsb);
  const [copies, setCopies] = useState<UsbKeyCopyView[]>([]);
  const [validation, setValidation] = useState<UsbValidateResult | null>(null);
  const [erasing, setErasing] = useState(false);
  // A custody change or a copy recorded lost touches the copy, not always the key set: read the copies again.
  const [copiesRead, setCopiesRead] = useState(0);
  // "inserted" beside a copy follows the drives: read the copies again when a drive comes or goes.
  const inserted = useApp((s) => s.drives.map((d) => d.id).join('|'));
  useEffect(() => {
    void attempt(api?.usb.copies({ name: keySet.name }), notify, 'refresh').then((c) => c && setCopies(c));
  }, [api, notify, keySet.name, keySet.updatedAt, copiesRead, inserted]);
  const pending = keySet.state === 'preparing' || keySet.state === 'rekeying';
  const live = keySet.state !== 'erased' && keySet.state !== 'cancelled';
  const act = async (call: Promise<unknown> | undefined) => {
    await call;
    void loadUsb();
  };
  return (
    <section className="card keyset" aria-label={`Key set ${keySet.name}`}>
      <h3>
        {keySet.name} <span className={`pill keyset-${keySet.state}`}>{keySet.state}</span>{' '}
        {keySet.serial ? <span className="muted">serial {keySet.serial}</span> : null}
      </h3>
      <p className="small">
        Generation {keySet.generation}
        {keySet.kcv ? (
          <>
            {' '}
            (check value <code>{keySet.kcv}</code>)
          </>
        ) : null}{' '}
        · {keySet.currentCopies} current {keySet.currentCopies === 1 ? 'copy' : 'copies'} of {keySet.targetCopies}{' '}
        wanted (at least {keySet.minCopies}){keySet.staleCopies ? ` · ${keySet.staleCopies} stale` : ''}
        {pending ? ` · generation ${keySet.pendingGeneration} prepared on ${keySet.pendingCopies} drives` : ''}
        {keySet.escrow ? ' · escrow copy in the vault' : ''}
      </p>
      <div className="actions">
        {pending ? (
          <>
            <button
              className="primary"
              disabled={!keySet.canCommit}
              onClick={() => void act(attempt(api?.usb.commit({ name: keySet.name }), notify))}
            >
              Commit
            </button>
            <button onClick={() => void act(attempt(api?.usb.cancel({ name: keySet.name }), notify))}>
              Cancel prepared key
            </button>
          </>
        ) : null}
        {keySet.state === 'active' ? <button onClick={onRekey}>Rekey…</button> : null}
        {live ? (
          <button onClick={() => void attempt(api?.usb.validate({ name: keySet.name }), notify).then(setValidation)}>
            Validate inserted drives
          </button>
        ) : null}
        {live ? (
          <button className="danger-outline" onClick={() => setErasing(true)}>
            Crypto-erase…
          </button>
        ) : null}
      </div>
      {validation ? (
        <ul className="small validation" aria-label={`Validation of ${keySet.name}`}>
          <li>
            {validation.currentOnInserted} inserted {validation.currentOnInserted === 1 ? 'drive holds' : 'drives hold'}{' '}
            the current key.
          </li>
          {validation.drives.flatMap((d) =>
            d.files.map((f) => (
              <li key={`${d.drive.id}${f.fileName}`}>
                {d.drive.label}: <span className={`pill verdict-${f.verdict}`}>{f.verdict}</span> {f.sentence}
              </li>
            )),
          )}
        </ul>
      ) : null}
      <CopiesTable
        copies={copies}
        onChanged={() => {
          setCopiesRead((n) => n + 1);
          void loadUsb();
        }}
      />
      {erasing ? <EraseDialog keySet={keySet} onClose={() => setErasing(false)} /> : null}
    </section>
  );
}
