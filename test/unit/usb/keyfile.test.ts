import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeKeyFile,
  encodeKeyFile,
  keyCheckValue,
  keyMatchesCheckValue,
  MAX_KEY_FILE_BYTES,
} from '../../../src-main/services/usb/keyfile';

/**
 * The USB key file format, version 1 (docs/usb-key-file.md). The known answer pins the layout;
 * its KCV and checksum were cross-checked with openssl:
 *   printf custos-usb-kcv | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102...1f
 *   echo <first 101 bytes in hex> | xxd -r -p | openssl dgst -sha256
 */
const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const CONTENT = {
  keySetId: '2f1c9a4e-7b3d-4c8e-9f10-5a6b7c8d9e0f',
  generation: 3,
  createdAt: new Date('2025-01-02T03:04:05.678Z'),
  keySetName: 'Storwize Prod',
  serial: '78E00AB',
  kcv: '',
};
const KNOWN =
  '435553544f53554b0001' + // magic CUSTOSUK, version 1
  '2f1c9a4e7b3d4c8e9f105a6b7c8d9e0f' + // key set id
  '00000003' + // generation
  '0000019424f8632e' + // created, ms since 1970
  '01' + // algorithm: 256-bit access key
  '0d53746f7277697a652050726f64' + // name
  '0737384530304142' + // serial
  '4fa191c4617ca6fe' + // KCV
  '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f' + // key
  'd652ea83085d7b4512bab9856a6ae26c'; // checksum

const good = () => encodeKeyFile({ ...CONTENT, key: Buffer.from(KEY) });
/** Re-seals the checksum, to build files that are well-formed but say something wrong. */
const resealed = (bytes: Buffer) => {
  const body = bytes.subarray(0, bytes.length - 16);
  return Buffer.concat([body, createHash('sha256').update(body).digest().subarray(0, 16)]);
};
const code = (bytes: Buffer) => {
  try {
    decodeKeyFile(bytes, 'custos_x_1.key on KEYS1');
    return 'decoded';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('USB key file format v1', () => {
  it('encodes the known answer and decodes it back', () => {
    expect(good().toString('hex')).toBe(KNOWN);
    const decoded = decodeKeyFile(Buffer.from(KNOWN, 'hex'), 'known');
    expect(decoded).toMatchObject({ ...CONTENT, kcv: '4FA191C4617CA6FE' });
    expect(decoded.key.equals(KEY)).toBe(true);
    expect(keyCheckValue(KEY)).toBe('4FA191C4617CA6FE');
    expect(keyMatchesCheckValue(KEY, '4FA191C4617CA6FE')).toBe(true);
    expect(keyMatchesCheckValue(Buffer.alloc(32), '4FA191C4617CA6FE')).toBe(false);
  });

  it('takes UTF-8 names and an empty serial', () => {
    const bytes = encodeKeyFile({ ...CONTENT, keySetName: 'Zürich DS8000 ✓', serial: '', key: Buffer.from(KEY) });
    expect(decodeKeyFile(bytes, 'x')).toMatchObject({ keySetName: 'Zürich DS8000 ✓', serial: '' });
    expect(bytes.length).toBeLessThanOrEqual(MAX_KEY_FILE_BYTES);
  });

  it('says exactly what is wrong with a broken file', () => {
    const bytes = good();
    expect(code(Buffer.alloc(0))).toBe('USB_KEY_FILE_NOT_CUSTOS');
    expect(code(Buffer.from('PK\u0003\u0004 a zip file, not a key'))).toBe('USB_KEY_FILE_NOT_CUSTOS');
    expect(code(bytes.subarray(0, 5))).toBe('USB_KEY_FILE_TRUNCATED');
    for (const cut of [9, 40, 41, 60, 100, bytes.length - 1])
      expect(code(bytes.subarray(0, cut)), `cut at ${cut}`).toBe('USB_KEY_FILE_TRUNCATED');
    expect(code(Buffer.concat([bytes, Buffer.from([0])]))).toBe('USB_KEY_FILE_CORRUPT');
    const v2 = Buffer.from(bytes);
    v2.writeUInt16BE(2, 8);
    expect(code(v2)).toBe('USB_KEY_FILE_VERSION');
    expect(() => decodeKeyFile(v2, 'custos_x_1.key on KEYS1')).toThrow(
      'custos_x_1.key on KEYS1 is a Custos key file of format 2; this Custos reads format 1. Update Custos on this station.',
    );
  });

  it('never decodes a file with any single bit flipped', () => {
    const bytes = good();
    const codes = new Map<string, number>();
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = Buffer.from(bytes);
        flipped.writeUInt8(flipped.readUInt8(i) ^ (1 << bit), i);
        const c = code(flipped);
        expect(c, `byte ${i} bit ${bit}`).not.toBe('decoded');
        codes.set(c, (codes.get(c) ?? 0) + 1);
        if (i < 8) expect(c).toBe('USB_KEY_FILE_NOT_CUSTOS');
        else if (i < 10) expect(c).toBe('USB_KEY_FILE_VERSION');
        else if (i !== 39 && i !== 40 + CONTENT.keySetName.length) expect(c, `byte ${i}`).toBe('USB_KEY_FILE_CORRUPT');
      }
    }
    expect([...codes.keys()].sort()).toEqual([
      'USB_KEY_FILE_CORRUPT',
      'USB_KEY_FILE_NOT_CUSTOS',
      'USB_KEY_FILE_TRUNCATED',
      'USB_KEY_FILE_VERSION',
    ]);
  });

  it('refuses well-formed files that say something impossible', () => {
    const kcvWrong = Buffer.from(good());
    kcvWrong.writeUInt8(kcvWrong.readUInt8(70) ^ 1, 70); // inside the key: the KCV no longer matches
    expect(() => decodeKeyFile(resealed(kcvWrong), 'f')).toThrow(
      'f is damaged: its key does not match its key check value. Do not rely on this copy.',
    );
    const algorithm = Buffer.from(good());
    algorithm.writeUInt8(2, 38);
    expect(code(resealed(algorithm))).toBe('USB_KEY_FILE_CORRUPT');
    const generation0 = Buffer.from(good());
    generation0.writeUInt32BE(0, 26);
    expect(code(resealed(generation0))).toBe('USB_KEY_FILE_CORRUPT');
    const badUtf8 = Buffer.from(good());
    badUtf8.writeUInt8(0xff, 40);
    expect(code(resealed(badUtf8))).toBe('USB_KEY_FILE_CORRUPT');
  });

  it('refuses to encode what the format cannot hold', () => {
    expect(() => encodeKeyFile({ ...CONTENT, key: Buffer.alloc(16) })).toThrow(RangeError);
    expect(() => encodeKeyFile({ ...CONTENT, generation: 0, key: Buffer.from(KEY) })).toThrow(RangeError);
    expect(() => encodeKeyFile({ ...CONTENT, keySetName: '', key: Buffer.from(KEY) })).toThrow(RangeError);
    expect(() => encodeKeyFile({ ...CONTENT, keySetId: 'not-a-uuid', key: Buffer.from(KEY) })).toThrow(RangeError);
  });
});
