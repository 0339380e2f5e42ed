import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { fail, EedkCode } from '../../contract';
import type { EedkUnwrapResult, EntryView } from '../../contract';
import type { AuditLog } from '../audit';
import type { Keystore } from '../keystore';
import { keyCheckValue } from '../keystore';
import { DATA_KEY_BYTES, decodeEedkSet, encodeEedkSet, unwrapRecord } from './format';
import type { EedkRecord, EedkTarget, KeyLabelEncoding } from './format';

export interface WrapRequest {
  keks: { label: string; encoding: KeyLabelEncoding }[];
  /** A given 32-byte data key; a fresh random one when absent. Wiped after use. */
  dataKey?: Buffer;
}

export interface UnwrapResult {
  /** The data key. The caller writes it where the custodian asked and wipes it. */
  dataKey: Buffer;
  kcv: string;
  /** Which of this station's KEKs opened it, and through which encoding. */
  kekLabel: string;
  encoding: KeyLabelEncoding;
}

/** Wraps data keys under one or two KEKs into an EEDK set, and unwraps with whichever KEK this station holds. */
export class EedkService {
  constructor(
    private readonly keystore: Keystore,
    private readonly audit: AuditLog,
  ) {}

  wrap(request: WrapRequest): { file: Buffer; kcv: string } {
    if (request.keks.length < 1 || request.keks.length > 2)
      fail(EedkCode.KekCount, 'An EEDK set wraps a data key under one or two KEKs.');
    const targets: EedkTarget[] = request.keks.map(({ label, encoding }) => {
      const entry = this.keystore.show(label);
      if (entry.type !== 'kek' && entry.type !== 'public-kek')
        fail(EedkCode.NotAKek, `"${entry.label}" is a ${entry.type}, not a KEK.`);
      if (entry.state !== 'active')
        fail(EedkCode.KekNotActive, `"${entry.label}" is ${entry.state}; only an active KEK may wrap new data keys.`);
      const publicKey = new X509Certificate(this.keystore.certificateOf(entry.label)).publicKey;
      return { label: entry.label, encoding, publicKey, spkiSha256: entry.certificate?.spkiSha256 ?? '' };
    });
    // Two records for one key give a cartridge no second site: say so instead of writing it.
    const [first, second] = targets;
    if (first && second && (first.label === second.label || first.spkiSha256 === second.spkiSha256)) {
      fail(
        EedkCode.SameKekTwice,
        `Both KEKs of the EEDK set are the same key ("${first.label}"${first.label === second.label ? '' : ` and "${second.label}"`}): a second EEDK exists so that another site's KEK can open the data key. Choose two different KEKs, or wrap under one.`,
      );
    }
    const dataKey = request.dataKey ?? randomBytes(DATA_KEY_BYTES);
    try {
      if (dataKey.length !== DATA_KEY_BYTES)
        fail(EedkCode.DataKeyInvalid, `A data key is 32 bytes (AES-256); the one given has ${dataKey.length}.`);
      const kcv = keyCheckValue(dataKey);
      const file = encodeEedkSet(dataKey, kcv, targets);
      this.audit.record({
        action: 'eedk.wrap',
        object: targets.map((t) => `${t.label}:${t.encoding}`).join(', '),
        outcome: 'ok',
        detail: `KCV ${kcv}`,
      });
      return { file, kcv };
    } finally {
      dataKey.fill(0);
    }
  }

  unwrap(file: Buffer): UnwrapResult {
    const set = decodeEedkSet(file);
    const unknown: string[] = [];
    for (const record of set.records) {
      const candidates =
        record.encoding === 'H' ? this.keystore.bySpki(record.spkiSha256 ?? '') : this.byLabel(record.label ?? '');
      const kek = candidates.find((e) => e.type === 'kek' && e.hasSecret);
      if (!kek) {
        unknown.push(
          record.encoding === 'L'
            ? `the label "${record.label}"`
            : `the public key hash ${record.spkiSha256?.slice(0, 16)}…`,
        );
        continue;
      }
      const dataKey = this.open(kek, record);
      if (!dataKey || keyCheckValue(dataKey) !== set.kcv) {
        dataKey?.fill(0);
        this.audit.record({
          action: 'eedk.unwrap',
          object: kek.label,
          outcome: 'failed',
          detail: 'the KEK did not open the EEDK',
        });
        fail(
          EedkCode.UnwrapFailed,
          `The KEK "${kek.label}" matches this EEDK but does not open it: the EEDK was altered or wrapped for another key.`,
        );
      }
      this.audit.record({
        action: 'eedk.unwrap',
        object: kek.label,
        outcome: 'ok',
        detail: `encoding ${record.encoding}, KCV ${set.kcv}`,
      });
      return { dataKey, kcv: set.kcv, kekLabel: kek.label, encoding: record.encoding };
    }
    this.audit.record({
      action: 'eedk.unwrap',
      object: unknown.join('; '),
      outcome: 'failed',
      detail: 'no matching KEK on this station',
    });
    fail(
      EedkCode.NoMatchingKek,
      `This station holds no KEK with a private key for ${unknown.join(' or ')}; the EEDK was wrapped for another site's key.`,
    );
  }

  /** With the sealed private key, or on the store that holds it (a token) when it never leaves there. */
  private open(kek: EntryView, record: EedkRecord): Buffer | null {
    const unwrapper = this.keystore.unwrapperFor(kek.label);
    if (unwrapper) {
      const key = unwrapper(kek, record.wrapped);
      return key?.length === DATA_KEY_BYTES ? key : null;
    }
    const { secret } = this.keystore.secretOf(kek.label);
    try {
      return unwrapRecord(record, createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' }));
    } finally {
      secret.fill(0);
    }
  }

  /** Unwraps only to say which KEK opens the EEDK and the data key's check value (the UI's view); the key is wiped. */
  identify(file: Buffer): EedkUnwrapResult {
    const { dataKey, kcv, kekLabel, encoding } = this.unwrap(file);
    dataKey.fill(0);
    return { kekLabel, encoding, kcv };
  }

  private byLabel(label: string) {
    return this.keystore.isLabelTaken(label) ? [this.keystore.show(label)] : [];
  }
}
