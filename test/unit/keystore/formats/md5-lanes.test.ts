import { hash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5ChainNative } from '../../../../src-main/services/keystore/formats/crypto/md5-chain';
import {
  md5ChainLanes,
  md5LanesInWebAssembly,
  md5LanesMemoryIsClear,
  ONE_BLOCK_MAX_PASSWORD,
  type Md5ChainLane,
} from '../../../../src-main/services/keystore/formats/crypto/md5-lanes';
import {
  MD5_K,
  MD5_LANES,
  md5LanesModuleBytes,
} from '../../../../src-main/services/keystore/formats/crypto/md5-lanes-module';
import { signedLeb, unsignedLeb } from '../../../../src-main/services/keystore/formats/crypto/wasm-bytes';
import {
  deriveKeysAndIvs,
  md5TripleDesDecrypt,
  md5TripleDesEncrypt,
} from '../../../../src-main/services/keystore/formats/crypto/sun-jce-key-protector';

/** The reference: Node's own MD5, one call per round. */
function expected(lane: Md5ChainLane): Buffer {
  return md5ChainNative(lane.start, lane.password, lane.rounds);
}

function lane(passwordLength: number, rounds: number): Md5ChainLane {
  return { start: hash('md5', randomBytes(12), 'buffer'), password: randomBytes(passwordLength), rounds };
}

describe('MD5 chains in WebAssembly SIMD lanes', () => {
  it('writes a module the engine validates, and runs it here (Node 20 and Electron have SIMD)', () => {
    const bytes = md5LanesModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(md5LanesInWebAssembly()).toBe(true);
    // A broken byte (the SIMD prefix of the first load turned into an unknown opcode) is refused.
    const broken = Uint8Array.from(bytes);
    broken[broken.indexOf(0xfd)] = 0xff;
    expect(WebAssembly.validate(broken)).toBe(false);
  });

  it('encodes LEB128 as the binary format wants it', () => {
    expect(unsignedLeb(0)).toEqual([0]);
    expect(unsignedLeb(127)).toEqual([0x7f]);
    expect(unsignedLeb(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb(1088)).toEqual([0xc0, 0x08]);
    expect(signedLeb(32)).toEqual([0x20]);
    expect(signedLeb(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb(-1)).toEqual([0x7f]);
    expect(signedLeb(-0x80000000)).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
  });

  it('uses the RFC 1321 step constants', () => {
    expect(MD5_K[0]).toBe(0xd76aa478 | 0);
    expect(MD5_K[63]).toBe(0xeb86d391 | 0);
  });

  it('equals Node’s MD5 chain for random digests and every password length 0..39, a full lane set at a time', () => {
    for (let length = 0; length <= ONE_BLOCK_MAX_PASSWORD; length++) {
      const lanes = Array.from({ length: MD5_LANES }, () => lane(length, 1 + (length % 5) * 37));
      const got = md5ChainLanes(lanes);
      for (const [i, one] of lanes.entries()) expect(got[i], `length ${length}, lane ${i}`).toEqual(expected(one));
    }
  });

  it('runs mixed password lengths and round counts in one lane set (lanes finish at different rounds)', () => {
    const lanes = [lane(0, 500), lane(39, 1), lane(8, 1_234), lane(17, 999), lane(3, 0), lane(40, 25), lane(64, 3)];
    const got = md5ChainLanes(lanes);
    for (const [i, one] of lanes.entries()) expect(got[i], `lane ${i}`).toEqual(expected(one));
  });

  it('gives the same digests on the JavaScript fallback (no SIMD), including passwords past one block', () => {
    const lanes = [lane(5, 300), lane(39, 77), lane(40, 77), lane(100, 10)];
    const simd = md5ChainLanes(lanes);
    const fallback = md5ChainLanes(lanes, { simd: false });
    expect(fallback).toEqual(simd);
    for (const [i, one] of lanes.entries()) expect(fallback[i]).toEqual(expected(one));
  });

  it('wipes the lanes’ memory after each run', () => {
    md5ChainLanes([lane(8, 100), lane(8, 100)]);
    expect(md5LanesMemoryIsClear()).toBe(true);
  });

  it('leaves the caller’s start digests and passwords as they were', () => {
    const lanes = [lane(8, 50), lane(12, 50)];
    const copies = lanes.map((l) => ({ start: Buffer.from(l.start), password: Buffer.from(l.password) }));
    md5ChainLanes(lanes);
    for (const [i, l] of lanes.entries()) expect(l).toMatchObject(copies[i] ?? {});
  });
});

describe('PBEWithMD5AndTripleDES derived in batches', () => {
  it('derives several keys at once exactly as one at a time, whatever their passwords and iterations', () => {
    const requests = [
      { password: 'changeit', salt: randomBytes(8), iterations: 1_000 },
      { password: '', salt: randomBytes(8), iterations: 17 },
      { password: 'x'.repeat(45), salt: randomBytes(8), iterations: 300 },
      // SunJCE reverses the first half of a salt whose halves are equal.
      { password: 'weak salt', salt: Buffer.from('abcdabcd'), iterations: 5 },
      { password: 'one', salt: randomBytes(8), iterations: 1 },
    ];
    const together = deriveKeysAndIvs(requests);
    for (const [i, request] of requests.entries()) {
      expect(together[i]).toEqual(deriveKeysAndIvs([request])[0]);
    }
  });

  it('decrypts with a prepared derivation and wipes it; a derivation for other parameters is not used', () => {
    const plain = randomBytes(40);
    const sealed = md5TripleDesEncrypt('changeit', plain, 500);
    const request = { password: 'changeit', salt: sealed.salt, iterations: 500 };
    const [keyAndIv] = deriveKeysAndIvs([request]);
    const prepared = { ...request, keyAndIv: keyAndIv as Buffer };
    expect(md5TripleDesDecrypt('changeit', sealed.salt, 500, sealed.ciphertext, prepared)).toEqual(plain);
    expect(prepared.keyAndIv.every((b) => b === 0)).toBe(true);
    const stale = { ...request, iterations: 499, keyAndIv: Buffer.alloc(32, 7) };
    expect(md5TripleDesDecrypt('changeit', sealed.salt, 500, sealed.ciphertext, stale)).toEqual(plain);
    expect(stale.keyAndIv.every((b) => b === 0)).toBe(true);
  });
});
