import type { UsbKeyCopyView, UsbKeySetView } from '../../../contract';
import type { CopyRow, KeySetRow } from './rows';
import type { KeySetStore } from './store';

export function keySetView(row: KeySetRow, store: KeySetStore): UsbKeySetView {
  const counts = store.countsOf(row.id);
  const count = (state: string, generation: number | null) =>
    generation === null ? 0 : (counts.get(`${state}:${generation}`) ?? 0);
  let stale = 0;
  for (const [key, n] of counts) if (key.startsWith('stale:')) stale += n;
  const pendingCopies = count('pending', row.pending_generation);
  return {
    id: row.id,
    name: row.name,
    serial: row.serial,
    state: row.state,
    generation: row.generation,
    generationCreatedAt: row.generation_created_at,
    kcv: row.current_kcv,
    pendingGeneration: row.pending_generation,
    pendingKcv: row.pending_kcv,
    minCopies: row.min_copies,
    targetCopies: row.target_copies,
    escrow: row.escrow === 1,
    currentCopies: count('committed', row.generation),
    pendingCopies,
    staleCopies: stale,
    canCommit: row.pending_generation !== null && pendingCopies >= row.min_copies,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    erasedAt: row.erased_at,
  };
}

export function copyView(row: CopyRow, keySetName: string, inserted: boolean | null = null): UsbKeyCopyView {
  return {
    id: row.id,
    keySetId: row.key_set_id,
    keySetName,
    generation: row.generation,
    kcv: row.kcv,
    fileName: row.file_name,
    driveLabel: row.drive_label,
    volumeId: row.volume_id,
    mountSeen: row.mount_seen,
    keptAt: row.kept_at,
    custodian: row.custodian,
    state: row.state,
    writtenAt: row.written_at,
    lastVerifiedAt: row.last_verified_at,
    updatedAt: row.updated_at,
    inserted,
  };
}
