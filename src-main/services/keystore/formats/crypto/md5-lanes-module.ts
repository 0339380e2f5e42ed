import { encodeModule, FunctionBody, ValueType } from './wasm-bytes';

/**
 * The WebAssembly module behind the MD5 lanes: `chain(rounds)` advances four independent MD5
 * chains at once, one per i32x4 lane, each round one 64-byte block of (previous digest ||
 * password || padding). A lane's block words 4..15 never change, so the module reads each
 * step's constant plus its block word as one precomputed addend; only words 0..3 (the digest)
 * live in locals and change from round to round.
 *
 * Memory layout of each i32x4 vector's four lanes, at vector * VECTOR_BYTES (lanes interleaved,
 * lane L of word W at W * 16 + L * 4):
 *   0     digest words 0..3, read at the start and written at the end of `chain`
 *   64    64 addends, one per MD5 step: K[step] + block word (0 where the word is the digest)
 */

/**
 * i32x4 vectors per lane set, their steps interleaved. Two (eight lanes) measured only about 12%
 * faster per lane than one, so one: a lane set is then two keys' salt halves.
 */
const MD5_VECTORS = 1;
export const MD5_LANES = 4 * MD5_VECTORS;
const DIGEST_OFFSET = 0;
const ADDEND_OFFSET = 64;
const VECTOR_BYTES = ADDEND_OFFSET + 64 * 16;
export const MD5_LANES_MEMORY_BYTES = MD5_VECTORS * VECTOR_BYTES;

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
export function md5LanesModuleBytes(): Uint8Array<ArrayBuffer> {
  const f = new FunctionBody(1);
  const rounds = 0;
  const vectors = Array.from({ length: MD5_VECTORS }, (_, v) => ({
    base: v * VECTOR_BYTES,
    digest: [0, 1, 2, 3].map(() => f.local(ValueType.v128)),
    state: [0, 1, 2, 3].map(() => f.local(ValueType.v128)),
    x: f.local(ValueType.v128),
  }));
  for (const { base, digest } of vectors)
    for (let w = 0; w < 4; w++)
      f.i32Const(0)
        .v128Load(base + DIGEST_OFFSET + w * 16)
        .set(digest[w] ?? 0);
  f.block().loop();
  f.get(rounds).i32Eqz().brIf(1);
  // Each round is MD5 of one block from the standard initial state.
  for (const { state } of vectors) for (let i = 0; i < 4; i++) f.i32x4Const(INIT[i] ?? 0).set(state[i] ?? 0);
  for (let step = 0; step < 64; step++) {
    // The vectors' steps interleave: independent chains fill the CPU's pipeline.
    for (const { base, digest, state, x } of vectors) {
      const [a, b, c, d] = state as [number, number, number, number];
      // Step i updates a, d, c, b in turn; the other three are its inputs in the rotated order.
      const [t, p, q, r] = [
        [a, b, c, d],
        [d, a, b, c],
        [c, d, a, b],
        [b, c, d, a],
      ][step % 4] as [number, number, number, number];
      const round = step >> 4;
      const shift = SHIFTS[round]?.[step % 4] ?? 0;
      const word = md5WordIndex(step);
      // t = p + rotl(t + addend [+ digest word] + F(p, q, r), shift). p was computed by the step
      // just before: summing t's terms first keeps them off that dependency chain.
      f.get(p)
        .get(t)
        .i32Const(0)
        .v128Load(base + ADDEND_OFFSET + step * 16)
        .i32x4Add();
      if (word < 4) f.get(digest[word] ?? 0).i32x4Add();
      mix(f, round, p, q, r);
      f.i32x4Add();
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
  }
  for (const { digest, state } of vectors)
    for (let i = 0; i < 4; i++)
      f.get(state[i] ?? 0)
        .i32x4Const(INIT[i] ?? 0)
        .i32x4Add()
        .set(digest[i] ?? 0);
  f.get(rounds).i32Const(1).i32Sub().set(rounds);
  f.br(0).end().end();
  for (const { base, digest } of vectors)
    for (let w = 0; w < 4; w++)
      f.i32Const(0)
        .get(digest[w] ?? 0)
        .v128Store(base + DIGEST_OFFSET + w * 16);
  return encodeModule({ params: 1, body: f, functionExport: 'chain', memoryExport: 'memory', memoryPages: 1 });
}

/** Where lane `lane`'s i32 of digest word `word` lives in memory. */
export function digestAt(lane: number, word: number): number {
  return (lane >> 2) * VECTOR_BYTES + DIGEST_OFFSET + word * 16 + (lane & 3) * 4;
}

/** Where lane `lane`'s addend for MD5 step `step` lives in memory. */
export function addendAt(lane: number, step: number): number {
  return (lane >> 2) * VECTOR_BYTES + ADDEND_OFFSET + step * 16 + (lane & 3) * 4;
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
