import type { CopyState, KeySetState } from '../../../contract';

/** One row of usb_key_sets, as stored. The sealed columns are ciphertext under the vault key. */
export interface KeySetRow {
  id: string;
  name: string;
  name_key: string;
  serial: string;
  state: KeySetState;
  generation: number;
  generation_created_at: string | null;
  current_kcv: string | null;
  pending_generation: number | null;
  pending_created_at: string | null;
  pending_kcv: string | null;
  pending_sealed: Buffer | null;
  escrow: number;
  escrow_sealed: Buffer | null;
  min_copies: number;
  target_copies: number;
  created_at: string;
  updated_at: string;
  erased_at: string | null;
}

/** One row of usb_key_copies: where a copy of which key is, and who keeps it. */
export interface CopyRow {
  id: string;
  key_set_id: string;
  generation: number;
  kcv: string;
  file_name: string;
  drive_label: string;
  volume_id: string;
  mount_seen: string;
  kept_at: string;
  custodian: string;
  state: CopyState;
  written_at: string;
  last_verified_at: string | null;
  updated_at: string;
}

/** Copies that still exist somewhere, as far as the station knows. */
export const LIVE_COPY_STATES: readonly CopyState[] = ['pending', 'committed', 'stale'];
