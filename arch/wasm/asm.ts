// Instruction encoding for the wasm target, the counterpart of Go's
// cmd/internal/obj/wasm/wasmobj.go: LEB128 numbers, the opcode table and the
// encoding of one function body's instructions. Symbolic operands (callees,
// relocations, signatures) are resolved through a resolver the linker
// supplies, so this module knows nothing of symbols or addresses.

import type { BlockType, CodeReloc, FuncType, Instr, ValType } from "../../host/linker/obj.js";

/** A growable byte buffer that the encoders append to. */
export class ByteWriter {
  private buf: Uint8Array<ArrayBuffer> = new Uint8Array(256);
  private len = 0;

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  bytes(bs: ArrayLike<number>): void {
    this.reserve(bs.length);
    this.buf.set(bs, this.len);
    this.len += bs.length;
  }

  finish(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.len);
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }
}

// LEB128. 32-bit values go through plain numbers; 64-bit ones through BigInt
// because a double cannot hold every i64.

export function writeU32(w: ByteWriter, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new RangeError(`not a u32: ${v}`);
  }
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) b |= 0x80;
    w.byte(b);
  } while (v !== 0);
}

export function writeS32(w: ByteWriter, v: number): void {
  if (!Number.isInteger(v) || v < -0x80000000 || v > 0xffffffff) {
    throw new RangeError(`not an i32: ${v}`);
  }
  // Values above 2^31-1 are u32 bit patterns; encode the i32 they denote.
  writeSigned(w, BigInt(v | 0));
}

export function writeS64(w: ByteWriter, v: bigint | number): void {
  const big = BigInt(v);
  if (big < -(1n << 63n) || big >= 1n << 64n) throw new RangeError(`not an i64: ${v}`);
  writeSigned(w, BigInt.asIntN(64, big));
}

export function writeU64(w: ByteWriter, v: bigint | number): void {
  let big = BigInt(v);
  if (big < 0n || big >= 1n << 64n) throw new RangeError(`not a u64: ${v}`);
  do {
    let b = Number(big & 0x7fn);
    big >>= 7n;
    if (big !== 0n) b |= 0x80;
    w.byte(b);
  } while (big !== 0n);
}

function writeSigned(w: ByteWriter, v: bigint): void {
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    const signBitClear = (b & 0x40) === 0;
    if ((v === 0n && signBitClear) || (v === -1n && !signBitClear)) {
      w.byte(b);
      return;
    }
    w.byte(b | 0x80);
  }
}

export function writeName(w: ByteWriter, s: string): void {
  const bytes = new TextEncoder().encode(s);
  writeU32(w, bytes.length);
  w.bytes(bytes);
}

// Value and block types.

export const VALTYPE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };
export const FUNCREF = 0x70;
const EMPTY_BLOCK = 0x40;

/** Resolves the symbolic operands of instructions to numbers. */
export interface Resolver {
  /** Function index of a `call` target. */
  funcIndex(sym: string): number;
  /** Type index of a signature (call_indirect, multi-value blocks). */
  typeIndex(t: FuncType): number;
  /** Value of a relocated `i32.const`. */
  reloc(r: CodeReloc): number;
}

function writeBlockType(w: ByteWriter, bt: BlockType | undefined, r: Resolver): void {
  if (bt === null || bt === undefined) {
    w.byte(EMPTY_BLOCK);
  } else if (typeof bt === "string") {
    w.byte(VALTYPE[bt]);
  } else if (bt.params.length === 0 && bt.results.length === 0) {
    w.byte(EMPTY_BLOCK);
  } else if (bt.params.length === 0 && bt.results.length === 1) {
    w.byte(VALTYPE[bt.results[0]]);
  } else {
    // Multi-value block types are a type index, encoded as a positive s33.
    writeSigned(w, BigInt(r.typeIndex(bt)));
  }
}

// The opcode table. Each entry gives the opcode bytes (a 0xFC prefix is
// followed by a LEB128 sub-opcode) and the shape of its immediates.

type Imm =
  | "none"
  | "block" // block type
  | "label" // branch depth
  | "labels" // br_table: depths..., default
  | "call"
  | "call_indirect"
  | "index" // local or global index
  | "memarg"
  | "i32"
  | "i64"
  | "f32"
  | "f64"
  | "memidx" // memory.size / memory.grow / memory.fill: memory 0
  | "memidx2"; // memory.copy: destination and source memory 0

interface OpInfo {
  prefix?: 0xfc;
  code: number;
  imm: Imm;
  /** Natural alignment in bytes of a load or store. */
  natural?: number;
}

const OPS = new Map<string, OpInfo>();

function def(names: string[], first: number, imm: Imm = "none", prefix?: 0xfc): void {
  names.forEach((name, i) => {
    if (name !== "") OPS.set(name, { code: first + i, imm, prefix });
  });
}

function defMem(entries: [string, number][], first: number): void {
  entries.forEach(([name, natural], i) => OPS.set(name, { code: first + i, imm: "memarg", natural }));
}

def(["unreachable", "nop"], 0x00);
def(["block", "loop", "if"], 0x02, "block");
def(["else"], 0x05);
def(["end"], 0x0b);
def(["br", "br_if"], 0x0c, "label");
def(["br_table"], 0x0e, "labels");
def(["return"], 0x0f);
def(["call"], 0x10, "call");
def(["call_indirect"], 0x11, "call_indirect");
def(["drop", "select"], 0x1a);
def(["local.get", "local.set", "local.tee", "global.get", "global.set"], 0x20, "index");
defMem(
  [
    ["i32.load", 4], ["i64.load", 8], ["f32.load", 4], ["f64.load", 8],
    ["i32.load8_s", 1], ["i32.load8_u", 1], ["i32.load16_s", 2], ["i32.load16_u", 2],
    ["i64.load8_s", 1], ["i64.load8_u", 1], ["i64.load16_s", 2], ["i64.load16_u", 2],
    ["i64.load32_s", 4], ["i64.load32_u", 4],
    ["i32.store", 4], ["i64.store", 8], ["f32.store", 4], ["f64.store", 8],
    ["i32.store8", 1], ["i32.store16", 2], ["i64.store8", 1], ["i64.store16", 2], ["i64.store32", 4],
  ],
  0x28,
);
def(["memory.size", "memory.grow"], 0x3f, "memidx");
def(["i32.const"], 0x41, "i32");
def(["i64.const"], 0x42, "i64");
def(["f32.const"], 0x43, "f32");
def(["f64.const"], 0x44, "f64");

const compare = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];
const fcompare = ["eq", "ne", "lt", "gt", "le", "ge"];
const iarith = [
  "clz", "ctz", "popcnt", "add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u",
  "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr",
];
const farith = [
  "abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt",
  "add", "sub", "mul", "div", "min", "max", "copysign",
];
const prefixed = (p: string, ops: string[]) => ops.map((o) => `${p}.${o}`);

def(["i32.eqz", ...prefixed("i32", compare)], 0x45);
def(["i64.eqz", ...prefixed("i64", compare)], 0x50);
def(prefixed("f32", fcompare), 0x5b);
def(prefixed("f64", fcompare), 0x61);
def(prefixed("i32", iarith), 0x67);
def(prefixed("i64", iarith), 0x79);
def(prefixed("f32", farith), 0x8b);
def(prefixed("f64", farith), 0x99);
def(
  [
    "i32.wrap_i64", "i32.trunc_f32_s", "i32.trunc_f32_u", "i32.trunc_f64_s", "i32.trunc_f64_u",
    "i64.extend_i32_s", "i64.extend_i32_u", "i64.trunc_f32_s", "i64.trunc_f32_u",
    "i64.trunc_f64_s", "i64.trunc_f64_u",
    "f32.convert_i32_s", "f32.convert_i32_u", "f32.convert_i64_s", "f32.convert_i64_u", "f32.demote_f64",
    "f64.convert_i32_s", "f64.convert_i32_u", "f64.convert_i64_s", "f64.convert_i64_u", "f64.promote_f32",
    "i32.reinterpret_f32", "i64.reinterpret_f64", "f32.reinterpret_i32", "f64.reinterpret_i64",
  ],
  0xa7,
);
def(["i32.extend8_s", "i32.extend16_s", "i64.extend8_s", "i64.extend16_s", "i64.extend32_s"], 0xc0);
def(
  [
    "i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u", "i32.trunc_sat_f64_s", "i32.trunc_sat_f64_u",
    "i64.trunc_sat_f32_s", "i64.trunc_sat_f32_u", "i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u",
  ],
  0x00,
  "none",
  0xfc,
);
def(["memory.copy"], 0x0a, "memidx2", 0xfc);
def(["memory.fill"], 0x0b, "memidx", 0xfc);

/** The mnemonics the encoder knows, for tests and diagnostics. */
export function knownOps(): string[] {
  return [...OPS.keys()];
}

/** An instruction the encoder cannot encode; names the op so the producer can be found. */
export class EncodeError extends Error {
  constructor(ins: Instr, why: string) {
    super(`cannot encode ${JSON.stringify(ins, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))}: ${why}`);
    this.name = "EncodeError";
  }
}

/**
 * Encodes instructions into `w`. The caller appends the function's final
 * `end`; `code` holds only what the text format would show in the body.
 */
export function encodeInstrs(w: ByteWriter, code: readonly Instr[], r: Resolver): void {
  for (const ins of code) encodeInstr(w, ins, r);
}

export function encodeInstr(w: ByteWriter, ins: Instr, r: Resolver): void {
  const info = OPS.get(ins.op);
  if (info === undefined) throw new EncodeError(ins, "unknown op");
  if (info.prefix !== undefined) {
    w.byte(info.prefix);
    writeU32(w, info.code);
  } else {
    w.byte(info.code);
  }
  IMMEDIATES[info.imm](w, ins, info, r);
}

type ImmWriter = (w: ByteWriter, ins: Instr, info: OpInfo, r: Resolver) => void;

const IMMEDIATES: Record<Imm, ImmWriter> = {
  none: (_w, ins) => expectImms(ins, 0),
  block: (w, ins, _info, r) => writeBlockType(w, ins.bt, r),
  label: (w, ins) => writeU32(w, intImm(ins, 0, 1)),
  labels: (w, ins) => {
    const depths = (ins.imm ?? []).map((_, i) => intImm(ins, i));
    if (depths.length === 0) throw new EncodeError(ins, "br_table needs at least a default label");
    writeU32(w, depths.length - 1);
    for (const d of depths) writeU32(w, d);
  },
  call: (w, ins, _info, r) => {
    if (ins.sym === undefined) throw new EncodeError(ins, "call needs a sym");
    writeU32(w, r.funcIndex(ins.sym));
  },
  call_indirect: (w, ins, _info, r) => {
    if (ins.sig === undefined) throw new EncodeError(ins, "call_indirect needs a sig");
    writeU32(w, r.typeIndex(ins.sig));
    w.byte(0x00); // table 0
  },
  index: (w, ins) => writeU32(w, intImm(ins, 0, 1)),
  memarg: (w, ins, info) => writeMemarg(w, ins, info.natural ?? 1),
  i32: (w, ins, _info, r) => {
    if (ins.reloc !== undefined) {
      expectImms(ins, 0);
      writeS32(w, r.reloc(ins.reloc));
    } else {
      writeS32(w, intImm(ins, 0, 1));
    }
  },
  i64: (w, ins) => {
    expectImms(ins, 1);
    writeS64(w, ins.imm![0]);
  },
  f32: (w, ins) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, Number(numImm(ins)), true);
    w.bytes(b);
  },
  f64: (w, ins) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, Number(numImm(ins)), true);
    w.bytes(b);
  },
  memidx: (w, ins) => {
    expectImms(ins, 0);
    w.byte(0x00);
  },
  memidx2: (w, ins) => {
    expectImms(ins, 0);
    w.bytes([0x00, 0x00]);
  },
};

function expectImms(ins: Instr, n: number): void {
  const got = ins.imm?.length ?? 0;
  if (got !== n) throw new EncodeError(ins, `expected ${n} immediate(s), got ${got}`);
}

function numImm(ins: Instr): number | bigint {
  expectImms(ins, 1);
  return ins.imm![0];
}

function intImm(ins: Instr, i: number, count?: number): number {
  if (count !== undefined) expectImms(ins, count);
  const v = ins.imm?.[i];
  if (typeof v !== "number" || !Number.isInteger(v)) {
    throw new EncodeError(ins, `immediate ${i} must be an integer number`);
  }
  return v;
}

/** memarg `[align, offset]`: align in bytes, as the text format writes it. */
function writeMemarg(w: ByteWriter, ins: Instr, natural: number): void {
  let align = natural;
  let offset = 0;
  if (ins.imm !== undefined && ins.imm.length > 0) {
    expectImms(ins, 2);
    align = intImm(ins, 0);
    offset = intImm(ins, 1);
  }
  const log2 = Math.log2(align);
  if (!Number.isInteger(log2) || align > natural) {
    throw new EncodeError(ins, `align ${align} must be a power of two up to ${natural} (bytes)`);
  }
  writeU32(w, log2);
  writeU32(w, offset);
}
