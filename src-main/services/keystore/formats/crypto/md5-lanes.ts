import { md5Chain } from './md5-chain';
import {
  addendAt,
  digestAt,
  MD5_K,
  MD5_LANES,
  MD5_LANES_MEMORY_BYTES,
  md5LanesModuleBytes,
  md5WordIndex,
} from './md5-lanes-module';

/**
 * Several MD5 chains (PBEWithMD5AndTripleDES: one per salt half of each key) run side by side in
 * WebAssembly SIMD, four lanes per set: about 56 ns per lane and round on this station's EPYC,
 * against about 410 ns for the unrolled JavaScript chain and 130 ns for Java's intrinsic MD5.
 * Where WebAssembly SIMD is missing, or a password does not fit one block with the digest, a
 * lane runs `md5Chain` (unrolled JavaScript, or Node's hash for long passwords) instead.
 */
export interface Md5ChainLane {
  /** The chain's first digest (16 bytes). */
  readonly start: Buffer;
  readonly password: Buffer;
  /** Further rounds of MD5(previous digest || password). */
  readonly rounds: number;
}

/** The longest password that fits one 64-byte block after the 16-byte digest and MD5's 9 bytes of padding. */
export const ONE_BLOCK_MAX_PASSWORD = 64 - 16 - 9;

/**
 * Rounds per call into WebAssembly. V8 first runs a module's function in its baseline compiler
 * and swaps in the optimised code only at the next call: short calls reach it within a millisecond.
 */
const ROUNDS_PER_CALL = 4096;

interface LanesInstance {
  readonly chain: (rounds: number) => void;
  readonly memory: Uint8Array;
}

/** The slice of the WebAssembly JavaScript API used here (the main process's types have no DOM library). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => { readonly buffer: ArrayBuffer };
}

/** Compiled once per thread (each keystore-reading worker compiles its own); null where SIMD is missing. */
let instance: LanesInstance | null | undefined;

function lanesInstance(): LanesInstance | null {
  if (instance !== undefined) return instance;
  instance = null;
  try {
    const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    const bytes = md5LanesModuleBytes();
    // validate() is false where the engine lacks SIMD: the lanes then run in JavaScript.
    if (api === undefined || !api.validate(bytes)) return null;
    const { chain, memory } = new api.Instance(new api.Module(bytes)).exports;
    if (typeof chain !== 'function' || !(memory instanceof api.Memory)) return null;
    instance = { chain: chain as (rounds: number) => void, memory: new Uint8Array(memory.buffer) };
  } catch {
    instance = null;
  }
  return instance;
}

/** Whether the WebAssembly SIMD lanes run here (tests; otherwise every lane runs in JavaScript). */
export function md5LanesInWebAssembly(): boolean {
  return lanesInstance() !== null;
}

/** Whether the lanes' memory holds nothing (tests: no digest or password block is left behind). */
export function md5LanesMemoryIsClear(): boolean {
  const wasm = lanesInstance();
  return wasm === null || wasm.memory.every((byte) => byte === 0);
}

/**
 * Each lane's digest after its rounds, as fresh 16-byte Buffers the caller wipes. `simd: false`
 * forces the JavaScript path (tests compare the two).
 */
export function md5ChainLanes(lanes: readonly Md5ChainLane[], options: { simd?: boolean } = {}): Buffer[] {
  const results: Buffer[] = new Array<Buffer>(lanes.length);
  const wasm = options.simd === false ? null : lanesInstance();
  const fitting: number[] = [];
  for (const [i, lane] of lanes.entries()) {
    if (wasm && lane.password.length <= ONE_BLOCK_MAX_PASSWORD && lane.rounds > 0) fitting.push(i);
    else results[i] = md5Chain(lane.start, lane.password, lane.rounds);
  }
  if (wasm) {
    for (let first = 0; first < fitting.length; first += MD5_LANES) {
      const set = fitting.slice(first, first + MD5_LANES);
      const digests = runLaneSet(
        wasm,
        set.map((i) => lanes[i] as Md5ChainLane),
      );
      for (const [k, i] of set.entries()) results[i] = digests[k] as Buffer;
    }
  }
  return results;
}

/** Up to MD5_LANES lanes in one module run; lanes of fewer rounds are read out early, the rest carry on. */
function runLaneSet(wasm: LanesInstance, lanes: readonly Md5ChainLane[]): Buffer[] {
  const memory = wasm.memory;
  const view = new DataView(memory.buffer, memory.byteOffset, MD5_LANES_MEMORY_BYTES);
  const block = Buffer.alloc(64);
  try {
    for (const [lane, { start, password }] of lanes.entries()) {
      // The lane's block: digest (words 0..3, in the module's locals), password, 0x80, bit length.
      block.fill(0);
      password.copy(block, 16);
      block[16 + password.length] = 0x80;
      block.writeUInt32LE((16 + password.length) * 8, 56);
      for (let step = 0; step < 64; step++) {
        const word = md5WordIndex(step);
        const constant = word < 4 ? 0 : block.readInt32LE(word * 4);
        view.setInt32(addendAt(lane, step), ((MD5_K[step] ?? 0) + constant) | 0, true);
      }
      for (let w = 0; w < 4; w++) view.setInt32(digestAt(lane, w), start.readInt32LE(w * 4), true);
    }
    const out: Buffer[] = lanes.map(() => Buffer.alloc(16));
    let done = 0;
    const readOut = (lane: number) => {
      const digest = out[lane] as Buffer;
      for (let w = 0; w < 4; w++) digest.writeInt32LE(view.getInt32(digestAt(lane, w), true), w * 4);
    };
    while (true) {
      let next = Infinity;
      for (const lane of lanes) if (lane.rounds > done) next = Math.min(next, lane.rounds);
      if (next === Infinity) break;
      for (let left = next - done; left > 0; left -= ROUNDS_PER_CALL) wasm.chain(Math.min(left, ROUNDS_PER_CALL));
      done = next;
      for (const [lane, { rounds }] of lanes.entries()) if (rounds === done) readOut(lane);
    }
    return out;
  } finally {
    block.fill(0);
    memory.fill(0, 0, MD5_LANES_MEMORY_BYTES);
  }
}
