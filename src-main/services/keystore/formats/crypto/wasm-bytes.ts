/**
 * A minimal WebAssembly binary writer: just the sections and opcodes the MD5 lane module needs
 * (one function, one memory, v128 locals, a loop). Writing the bytes here, rather than shipping
 * a compiled blob, keeps every instruction readable and reviewable in the source.
 */

export const ValueType = { i32: 0x7f, v128: 0x7b } as const;
export type ValueType = (typeof ValueType)[keyof typeof ValueType];

/** Unsigned LEB128, as the binary format encodes sizes, indices and offsets. */
export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

/** Signed LEB128, for i32.const immediates. */
export function signedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const SIMD_PREFIX = 0xfd;
/** SIMD opcodes (after the 0xfd prefix), from the WebAssembly 2.0 fixed-width SIMD proposal. */
const Simd = {
  load: 0x00,
  store: 0x0b,
  const: 0x0c,
  not: 0x4d,
  or: 0x50,
  xor: 0x51,
  bitselect: 0x52,
  shl: 0xab,
  shrU: 0xad,
  add: 0xae,
} as const;

/** A v128 load/store's alignment hint is log2 of its 16 bytes. */
const V128_ALIGN = 4;

/** The body of one function, written instruction by instruction. */
export class FunctionBody {
  private readonly code: number[] = [];
  private readonly locals: ValueType[] = [];

  constructor(private readonly params: number) {}

  /** Declares a local after the parameters; returns its index. */
  local(type: ValueType): number {
    this.locals.push(type);
    return this.params + this.locals.length - 1;
  }

  get(index: number): this {
    return this.emit(0x20, ...unsignedLeb(index));
  }
  set(index: number): this {
    return this.emit(0x21, ...unsignedLeb(index));
  }
  tee(index: number): this {
    return this.emit(0x22, ...unsignedLeb(index));
  }
  i32Const(value: number): this {
    return this.emit(0x41, ...signedLeb(value));
  }
  i32Sub(): this {
    return this.emit(0x6b);
  }
  i32Eqz(): this {
    return this.emit(0x45);
  }
  /** `block` and `loop` without results; `br`/`br_if` count enclosing labels outwards from 0. */
  block(): this {
    return this.emit(0x02, 0x40);
  }
  loop(): this {
    return this.emit(0x03, 0x40);
  }
  br(depth: number): this {
    return this.emit(0x0c, ...unsignedLeb(depth));
  }
  brIf(depth: number): this {
    return this.emit(0x0d, ...unsignedLeb(depth));
  }
  end(): this {
    return this.emit(0x0b);
  }

  /** v128.load from (address on the stack) + offset. */
  v128Load(offset: number): this {
    return this.simd(Simd.load, V128_ALIGN, ...unsignedLeb(offset));
  }
  /** v128.store of the top value to (address below it) + offset. */
  v128Store(offset: number): this {
    return this.simd(Simd.store, V128_ALIGN, ...unsignedLeb(offset));
  }
  /** v128.const with the same i32 in all four lanes. */
  i32x4Const(value: number): this {
    const lane = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
    return this.simd(Simd.const, ...lane, ...lane, ...lane, ...lane);
  }
  v128Not(): this {
    return this.simd(Simd.not);
  }
  v128Or(): this {
    return this.simd(Simd.or);
  }
  v128Xor(): this {
    return this.simd(Simd.xor);
  }
  /** (v1 & mask) | (v2 & ~mask), stack: v1 v2 mask. */
  v128Bitselect(): this {
    return this.simd(Simd.bitselect);
  }
  /** Shifts each i32 lane; stack: vector, i32 count. */
  i32x4Shl(): this {
    return this.simd(Simd.shl);
  }
  i32x4ShrU(): this {
    return this.simd(Simd.shrU);
  }
  i32x4Add(): this {
    return this.simd(Simd.add);
  }

  private simd(opcode: number, ...immediates: number[]): this {
    return this.emit(SIMD_PREFIX, ...unsignedLeb(opcode), ...immediates);
  }

  private emit(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }

  /** The code section entry: locals in runs of one type, then the instructions and the final `end`. */
  encode(): number[] {
    const runs: [number, ValueType][] = [];
    for (const type of this.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === type) last[0] += 1;
      else runs.push([1, type]);
    }
    const body = [
      ...unsignedLeb(runs.length),
      ...runs.flatMap(([count, type]) => [...unsignedLeb(count), type]),
      ...this.code,
      0x0b,
    ];
    return [...unsignedLeb(body.length), ...body];
  }
}

function section(id: number, contents: number[]): number[] {
  return [id, ...unsignedLeb(contents.length), ...contents];
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  const bytes = [...Buffer.from(text, 'utf8')];
  return [...unsignedLeb(bytes.length), ...bytes];
}

export interface OneFunctionModule {
  /** The function's i32 parameters (it returns nothing). */
  readonly params: number;
  readonly body: FunctionBody;
  readonly functionExport: string;
  readonly memoryExport: string;
  /** Memory size in 64 KiB pages. */
  readonly memoryPages: number;
}

/** A module of one exported function over one exported memory. */
export function encodeModule(spec: OneFunctionModule): Uint8Array<ArrayBuffer> {
  const funcType = [0x60, ...vector(Array.from({ length: spec.params }, () => [ValueType.i32])), ...vector([])];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d], // \0asm
    ...[0x01, 0x00, 0x00, 0x00], // version 1
    ...section(1, vector([funcType])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, ...unsignedLeb(spec.memoryPages)]])),
    ...section(
      7,
      vector([
        [...name(spec.functionExport), 0x00, 0],
        [...name(spec.memoryExport), 0x02, 0],
      ]),
    ),
    ...section(10, vector([spec.body.encode()])),
  ];
  return Uint8Array.from(bytes);
}
