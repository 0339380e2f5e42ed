import { createHmac, timingSafeEqual } from 'node:crypto';

/** Bytes of HMAC-SHA256(key, "custos-usb-kcv") kept: enough to tell keys apart, useless to recover one. */
export const KCV_BYTES = 8;
const KCV_LABEL = 'custos-usb-kcv';

/** The key check value: identifies a key without revealing it. */
export function keyCheckBytes(key: Buffer): Buffer {
  return createHmac('sha256', key).update(KCV_LABEL).digest().subarray(0, KCV_BYTES);
}

/** As shown to custodians and stored in the station database: 16 upper-case hex digits. */
export function keyCheckValue(key: Buffer): string {
  return keyCheckBytes(key).toString('hex').toUpperCase();
}

export function keyMatchesCheckValue(key: Buffer, kcv: string): boolean {
  const expected = Buffer.from(kcv, 'hex');
  const actual = keyCheckBytes(key);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
