import { hash } from 'node:crypto';

/**
 * MD5 applied `rounds` times to (previous digest || password), the inner loop of
 * PBEWithMD5AndTripleDES. keytool writes 200000 rounds per salt half; Node's one-shot hash costs
 * a native call each time, so while the input fits one 64-byte block MD5 runs here (4x faster).
 */
const SHIFTS = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4,
  11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];
const CONSTANTS = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
const WORD_ORDER = Int32Array.from({ length: 64 }, (_, i) =>
  i < 16 ? i : i < 32 ? (5 * i + 1) & 15 : i < 48 ? (3 * i + 5) & 15 : (7 * i) & 15,
);
const INIT: readonly [number, number, number, number] = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476];
const ONE_BLOCK_MAX_PASSWORD = 64 - 16 - 9;

/** Returns the digest after `rounds` further rounds, starting from `digest` (16 bytes). */
export function md5Chain(digest: Buffer, password: Buffer, rounds: number): Buffer {
  if (password.length > ONE_BLOCK_MAX_PASSWORD) return md5ChainNative(digest, password, rounds);
  const block = Buffer.alloc(64);
  password.copy(block, 16);
  block[16 + password.length] = 0x80;
  block.writeUInt32LE((16 + password.length) * 8, 56);
  const words = new Int32Array(16);
  for (let i = 0; i < 16; i++) words[i] = block.readInt32LE(i * 4);
  block.fill(0);
  for (let i = 0; i < 4; i++) words[i] = digest.readInt32LE(i * 4);
  for (let r = 0; r < rounds; r++) {
    let [a, b, c, d] = INIT;
    for (let i = 0; i < 64; i++) {
      const f = i < 16 ? (b & c) | (~b & d) : i < 32 ? (d & b) | (~d & c) : i < 48 ? b ^ c ^ d : c ^ (b | ~d);
      const x = (a + f + (CONSTANTS[i] ?? 0) + (words[WORD_ORDER[i] ?? 0] ?? 0)) | 0;
      const s = SHIFTS[i] ?? 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    words[0] = (a + INIT[0]) | 0;
    words[1] = (b + INIT[1]) | 0;
    words[2] = (c + INIT[2]) | 0;
    words[3] = (d + INIT[3]) | 0;
  }
  const out = Buffer.alloc(16);
  for (let i = 0; i < 4; i++) out.writeInt32LE(words[i] ?? 0, i * 4);
  words.fill(0);
  return out;
}

/** The plain loop, for passwords too long for one block; also the reference the fast path is tested against. */
export function md5ChainNative(digest: Buffer, password: Buffer, rounds: number): Buffer {
  const input = Buffer.alloc(16 + password.length);
  password.copy(input, 16);
  let current = Buffer.from(digest);
  for (let r = 0; r < rounds; r++) {
    current.copy(input, 0);
    current.fill(0);
    current = hash('md5', input, 'buffer');
  }
  input.fill(0);
  return current;
}
