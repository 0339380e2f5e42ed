import { MD5_LANES } from '../crypto/md5-lanes-module';
import {
  chargeJceksKey,
  derivationPossible,
  deriveKeysAndIvs,
  isJceksPassword,
  type JceksDerivation,
  type PreparedDerivation,
} from '../crypto/sun-jce-key-protector';
import { readKeyProtection } from './key-protection';
import type { StoredRecord } from './keystore-body';
import { isCustosError, KeystoreFileCode } from '../../../../contract';

/** Keys derived together: two keys' two salt-half chains fill one WebAssembly SIMD lane set. */
export const KEYS_PER_BATCH = MD5_LANES / 2;

/**
 * Derives JCEKS keys a batch at a time, ahead of their decryption: when a key is about to be
 * opened, it and the next protected entries of this reader's shard are charged to the work
 * budget in file order and derived side by side. The decryption then takes its prepared key
 * (already charged) and reports the key opened, so budget, progress and errors come as when each
 * key was derived alone: an entry that cannot be derived (damaged, unknown protection, a budget
 * refusal) is left to the ordinary path, which raises its error in its turn.
 */
export class JceksKeyBatches {
  private readonly ready = new Map<number, PreparedDerivation>();

  constructor(
    private readonly records: readonly StoredRecord[],
    private readonly mine: readonly boolean[],
    private readonly passwordFor: (record: StoredRecord) => string,
  ) {}

  /** The prepared derivation of record `index` (the caller's decryption wipes it), if it can be made. */
  take(index: number): PreparedDerivation | undefined {
    if (!this.ready.has(index)) this.prepareFrom(index);
    const prepared = this.ready.get(index);
    this.ready.delete(index);
    return prepared;
  }

  /** Wipes derivations never taken (a read that stopped on an error). */
  wipe(): void {
    for (const prepared of this.ready.values()) prepared.keyAndIv.fill(0);
    this.ready.clear();
  }

  private prepareFrom(index: number): void {
    const batch: [number, JceksDerivation][] = [];
    for (let i = index; i < this.records.length && batch.length < KEYS_PER_BATCH; i++) {
      if (!this.mine[i]) continue;
      const derivation = this.derivationAt(i);
      if (derivation) batch.push([i, derivation]);
      else if (i === index) return;
    }
    const charged: [number, JceksDerivation][] = [];
    for (const entry of batch) {
      try {
        chargeJceksKey(entry[1].iterations);
      } catch (e) {
        // The budget refuses before it counts: the key's own turn charges it again and fails there.
        if (isCustosError(e) && e.code === KeystoreFileCode.WorkBudget) break;
        throw e;
      }
      charged.push(entry);
    }
    if (charged.length === 0) return;
    const keys = deriveKeysAndIvs(charged.map(([, derivation]) => derivation));
    for (const [k, [i, derivation]] of charged.entries())
      this.ready.set(i, { ...derivation, keyAndIv: keys[k] as Buffer });
  }

  /** The derivation the entry's decryption will ask for, or undefined where it would not derive. */
  private derivationAt(i: number): JceksDerivation | undefined {
    const record = this.records[i];
    if (record === undefined || record.tag === 'trusted-certificate') return undefined;
    const password = this.passwordFor(record);
    if (record.tag === 'secret-key') {
      const { salt, iterations, ciphertext } = record.sealed;
      return derivationPossible(salt, ciphertext) ? { password, salt, iterations } : undefined;
    }
    let protection;
    try {
      protection = readKeyProtection(record.protectedKey, 'jceks', record.alias);
    } catch {
      return undefined;
    }
    if (protection.scheme !== 'sun-jce' || !isJceksPassword(password)) return undefined;
    const { salt, iterations, encrypted } = protection;
    return derivationPossible(salt, encrypted) ? { password, salt, iterations } : undefined;
  }
}
