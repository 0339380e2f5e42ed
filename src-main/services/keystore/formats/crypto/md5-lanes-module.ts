import { encodeModule, FunctionBody, ValueType } from './wasm-bytes';

/**
 * The WebAssembly module behind the MD5 lanes: `chain(rounds)` advances four independent MD5
 * chains at once, one per i32x4 lane, each round one 64-byte block of (previous digest ||
 * password || padding). A lane's block words 4..15 never change, so the module reads each
 * step's constant plus its block word as one precomputed addend; only words 0..3 (the digest)
 * live in locals and change from round to round.
 *
 * Memory layout (lanes interleaved, lane L of word W at W * 16 + L * 4):
 *   0     digest words 0..3, read at the start and written at the end of `chain`
 *   64    64 addends, one per MD5 step: K[step] + block word (0 where the word is the digest)
 */
export const MD5_LANES = 4;
export const DIGEST_OFFSET = 0;
export const ADDEND_OFFSET = 64;
export const MD5_LANES_MEMORY_BYTES = ADDEND_OFFSET + 64 * 16;

const SHIFTS = [
  [7, 12, 17, 22],
  [5, 9, 14, 20],
  [4, 11, 16, 23],
  [6, 10, 15, 21],
] as const;
const INIT = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476] as const;

/** MD5's step constants, floor(|sin(i + 1)| * 2^32) as RFC 1321 defines them (exact in doubles). */
export const MD5_K: readonly number[] = Array.from(
  { length: 64 },
  (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0,
);

/** Which block word step `i` adds (RFC 1321's message schedule). */
export function md5WordIndex(step: number): number {
  const round = step >> 4;
  if (round === 0) return step;
  if (round === 1) return (5 * step + 1) % 16;
  if (round === 2) return (3 * step + 5) % 16;
  return (7 * step) % 16;
}

/** The module's bytes, written here at load (see wasm-bytes.ts), not shipped as a blob. */
export function md5LanesModuleBytes(): Uint8Array {
  const f = new FunctionBody(1);
  const rounds = 0;
  const digest = [0, 1, 2, 3].map(() => f.local(ValueType.v128));
  const state = [0, 1, 2, 3].map(() => f.local(ValueType.v128));
  const x = f.local(ValueType.v128);
  const [a, b, c, d] = state as [number, number, number, number];

  for (let w = 0; w < 4; w++)
    f.i32Const(0)
      .v128Load(DIGEST_OFFSET + w * 16)
      .set(digest[w] ?? 0);
  f.block().loop();
  f.get(rounds).i32Eqz().brIf(1);
  // Each round is MD5 of one block from the standard initial state.
  for (let i = 0; i < 4; i++) f.i32x4Const(INIT[i] ?? 0).set(state[i] ?? 0);
  // Step i updates a, d, c, b in turn; the other three are its inputs in the rotated order.
  const roles = [
    [a, b, c, d],
    [d, a, b, c],
    [c, d, a, b],
    [b, c, d, a],
  ] as const;
  for (let step = 0; step < 64; step++) {
    const [t, p, q, r] = roles[step % 4] ?? roles[0];
    const round = step >> 4;
    const shift = SHIFTS[round]?.[step % 4] ?? 0;
    const word = md5WordIndex(step);
    // t = p + rotl(t + F(p, q, r) + addend [+ digest word], shift)
    f.get(p).get(t);
    mix(f, round, p, q, r);
    f.i32x4Add()
      .i32Const(0)
      .v128Load(ADDEND_OFFSET + step * 16)
      .i32x4Add();
    if (word < 4) f.get(digest[word] ?? 0).i32x4Add();
    // No SIMD rotate in WebAssembly: two shifts and an or.
    f.tee(x)
      .i32Const(shift)
      .i32x4Shl()
      .get(x)
      .i32Const(32 - shift)
      .i32x4ShrU()
      .v128Or();
    f.i32x4Add().set(t);
  }
  for (let i = 0; i < 4; i++)
    f.get(state[i] ?? 0)
      .i32x4Const(INIT[i] ?? 0)
      .i32x4Add()
      .set(digest[i] ?? 0);
  f.get(rounds).i32Const(1).i32Sub().set(rounds);
  f.br(0).end().end();
  for (let w = 0; w < 4; w++)
    f.i32Const(0)
      .get(digest[w] ?? 0)
      .v128Store(DIGEST_OFFSET + w * 16);
  return encodeModule({ params: 1, body: f, functionExport: 'chain', memoryExport: 'memory', memoryPages: 1 });
}

/** MD5's four round functions of (p, q, r); leaves one v128 on the stack. */
function mix(f: FunctionBody, round: number, p: number, q: number, r: number): void {
  if (round === 0)
    f.get(q).get(r).get(p).v128Bitselect(); // (p & q) | (~p & r)
  else if (round === 1)
    f.get(p).get(q).get(r).v128Bitselect(); // (r & p) | (~r & q)
  else if (round === 2)
    f.get(p).get(q).v128Xor().get(r).v128Xor(); // p ^ q ^ r
  else f.get(q).get(p).get(r).v128Not().v128Or().v128Xor(); // q ^ (p | ~r)
}
