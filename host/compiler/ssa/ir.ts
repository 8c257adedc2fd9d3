// The machine-independent IR that ssagen builds and every architecture's
// lowering (arch/NAME/ssa.ts) consumes: a control-flow graph of blocks per
// function, in the spirit of cmd/compile/internal/ssa. Values are typed
// virtual registers holding machine words; Go aggregates (strings,
// interfaces, structs, arrays) have already been split into their scalar
// words by ssagen, or live in memory (frame slots or the heap).
//
// The IR is not in SSA form: a virtual register may be assigned in several
// blocks. That is all a wasm target needs (registers become wasm locals), and
// the register-machine targets allocate one stack slot or register per value.

import type { ABI } from "../../linker/obj.js";

/** The machine type of a value: 32- or 64-bit integer word. */
export type MType = "i32" | "i64";

/** A virtual register. */
export interface Value {
  id: number;
  type: MType;
  /** Source-level name, for listings only. */
  name?: string;
}

export type UnOp =
  | "eqz" // 1 if zero
  | "neg"
  | "not" // bitwise complement
  | "extend_s" // i32 -> i64, sign-extending
  | "extend_u" // i32 -> i64, zero-extending
  | "wrap" // i64 -> i32
  | "sext8" // sign-extend the low 8 bits (same width)
  | "sext16"
  | "sext32" // i64 only
  | "zext8" // zero-extend the low 8 bits (same width)
  | "zext16"
  | "zext32"; // i64 only

export type BinOp =
  | "add" | "sub" | "mul"
  | "div_s" | "div_u" | "rem_s" | "rem_u"
  | "and" | "or" | "xor" | "andnot"
  | "shl" | "shr_s" | "shr_u" // shift counts are already clamped by ssagen
  | "eq" | "ne"
  | "lt_s" | "lt_u" | "le_s" | "le_u" | "gt_s" | "gt_u" | "ge_s" | "ge_u";

/** Where a call goes. */
export type CallTarget =
  /** A Go function by symbol (ABIInternal unless the symbol says `<ABI0>`). */
  | { kind: "static"; sym: string }
  /** A runtime entry point (docs/abi.md §12), by Go name. */
  | { kind: "runtime"; name: string }
  /** A call through a func value: `fn` is the funcval pointer, passed as ctx. */
  | { kind: "closure"; fn: Value }
  /** A call through a table index with an explicit ctx (itab methods). */
  | { kind: "indirect"; index: Value };

/**
 * What a call can do to the frame that makes it, which decides the code
 * around it:
 * - `unwinds`: it can run Go code or panic, so the caller stores the call
 *   site's PC at [sp+0] first, reloads sp afterwards and checks g.unwinding;
 * - `needsPC`: it reads the caller's PC (deferproc, deferprocStack), so the
 *   PC is stored but nothing is checked afterwards;
 * - `leaf`: neither (print helpers, string helpers, newobject).
 */
export type CallEffect = "unwinds" | "needsPC" | "leaf";

export type Instr =
  | { op: "const"; dst: Value; value: bigint }
  | { op: "copy"; dst: Value; src: Value }
  | { op: "unop"; kind: UnOp; dst: Value; a: Value }
  | { op: "binop"; kind: BinOp; dst: Value; a: Value; b: Value }
  | { op: "select"; dst: Value; cond: Value; a: Value; b: Value }
  /** dst = memory[addr + offset], `size` bytes, sign- or zero-extended to dst's type. */
  | { op: "load"; dst: Value; addr: Value; offset: number; size: 1 | 2 | 4 | 8; signed: boolean }
  /** memory[addr + offset] = src, truncated to `size` bytes. */
  | { op: "store"; addr: Value; offset: number; src: Value; size: 1 | 2 | 4 | 8 }
  /**
   * dst = sp + offset: the address of a frame slot. A callee may move the
   * stack, so ssagen never uses such a value after a call: it emits a new
   * frameaddr instead.
   */
  | { op: "frameaddr"; dst: Value; offset: number }
  /** dst = sp + frameSize: the sp at entry, which recover() passes as argp. */
  | { op: "argp"; dst: Value }
  /** dst = the address of data symbol `sym` + add. */
  | { op: "addr"; dst: Value; sym: string; add: number }
  /** dst = the table index of function `sym`. */
  | { op: "funcindex"; dst: Value; sym: string }
  /** memory[addr .. addr+size) = 0. */
  | { op: "zero"; addr: Value; size: number }
  /** memory[dst .. dst+size) = memory[src .. src+size). */
  | { op: "move"; dst: Value; src: Value; size: number }
  | {
      op: "call";
      target: CallTarget;
      args: Value[];
      results: Value[];
      effect: CallEffect;
      /** Source line of the call (the call site's pc-line entry). */
      line: number;
    }
  /** Panic with a nil dereference if v == 0. */
  | { op: "nilcheck"; v: Value; line: number }
  /** Panic with `index out of range [i] with length len` unless 0 <= i < len (both i64). */
  | { op: "boundscheck"; index: Value; len: Value; line: number }
  /** Panic with `integer divide by zero` if v == 0. */
  | { op: "divcheck"; v: Value; line: number };

export type BlockKind =
  /** Falls through to succs[0]. */
  | "plain"
  /** Branches on `control` != 0 to succs[0], else succs[1]. */
  | "if"
  /**
   * Ends with a deferproc/deferprocStack call (the block's last instruction).
   * succs[0] continues; succs[1] is the function's deferreturn block, reached
   * only by recovery. Under today's protocol (seed 000) it lowers like
   * `plain`; the older protocol tests the call's result and branches.
   */
  | "defer"
  /** Returns `results` from the function (after the epilogue). */
  | "ret"
  /** Never completes: its last instruction is a call that panics. */
  | "exit";

export interface Block {
  id: number;
  kind: BlockKind;
  instrs: Instr[];
  succs: Block[];
  control?: Value;
  results?: Value[];
  /** Source line where the block starts (for listings). */
  line: number;
}

/** A slot in the frame, at `offset` bytes above sp. */
export interface FrameSlot {
  name: string;
  offset: number;
  size: number;
  /** 4-byte words (from the slot start) that hold pointers. */
  pointerWords: number[];
}

export interface Func {
  /** Go's symbol name: `main.f`, `main.(*T).M`, `main.f.func1`. */
  name: string;
  abi: ABI;
  /** Hidden from tracebacks (ABI and method wrappers). */
  wrapper: boolean;
  file: string;
  line: number;
  /** Line of the closing brace: the deferreturn call's line (seed 000). */
  endLine: number;
  /** Wasm-level parameters, ctx first. */
  params: Value[];
  results: MType[];
  blocks: Block[];
  entry: Block;
  /**
   * The shared deferreturn block: `call runtime.deferreturn`, then return the
   * result slots. Normal exits of functions with stack/heap defers branch to
   * it; with open-coded defers it is the disconnected segment only recovery
   * reaches. Absent in functions without defers.
   */
  deferreturn?: Block;
  frameSlots: FrameSlot[];
  /** Total frame size: 0, or a multiple of 8 that is at least 8. */
  frameSize: number;
  /** ABI0 arg frame size (for ABI0 wrappers and the function table). */
  argsSize: number;
  /** FUNCDATA_OpenCodedDeferInfo, when the function uses open-coded defers. */
  openDeferInfo?: Uint8Array;
  /** Symbol of this function's ABI0 wrapper, if it has one. */
  abi0Wrapper?: string;
  nextValueId: number;
}

/** The values an instruction reads. */
export function instrUses(ins: Instr): Value[] {
  switch (ins.op) {
    case "const":
    case "frameaddr":
    case "argp":
    case "addr":
    case "funcindex":
      return [];
    case "copy":
      return [ins.src];
    case "unop":
      return [ins.a];
    case "binop":
      return [ins.a, ins.b];
    case "select":
      return [ins.cond, ins.a, ins.b];
    case "load":
      return [ins.addr];
    case "store":
      return [ins.addr, ins.src];
    case "zero":
      return [ins.addr];
    case "move":
      return [ins.dst, ins.src];
    case "call":
      return [...calleeUses(ins.target), ...ins.args];
    case "nilcheck":
    case "divcheck":
      return [ins.v];
    case "boundscheck":
      return [ins.index, ins.len];
  }
}

function calleeUses(t: CallTarget): Value[] {
  switch (t.kind) {
    case "closure":
      return [t.fn];
    case "indirect":
      return [t.index];
    default:
      return [];
  }
}

/** The values an instruction writes. */
export function instrDefs(ins: Instr): Value[] {
  if (ins.op === "call") return ins.results;
  return "dst" in ins && ins.op !== "move" ? [ins.dst] : [];
}

/** The values a block reads after its instructions (its control and results). */
export function blockUses(b: Block): Value[] {
  return [...(b.control ? [b.control] : []), ...(b.results ?? [])];
}

/**
 * The defining instruction of every value that has exactly one: a
 * parameter is defined at the entry, so it never has one.
 */
export function singleDefinitions(fn: Func): Map<number, Instr> {
  const count = new Map<number, number>(fn.params.map((p) => [p.id, 1]));
  const defs = new Map<number, Instr>();
  for (const blk of fn.blocks) {
    for (const ins of blk.instrs) {
      for (const d of instrDefs(ins)) {
        count.set(d.id, (count.get(d.id) ?? 0) + 1);
        defs.set(d.id, ins);
      }
    }
  }
  for (const id of [...defs.keys()]) if (count.get(id) !== 1) defs.delete(id);
  return defs;
}

/**
 * Values defined once, by a frameaddr: value id -> slot offset. Wherever
 * such a value is used it is that slot's address, since ssagen never uses
 * a frame address after a call (the only thing that moves the stack).
 */
export function frameAddrValues(fn: Func): Map<number, number> {
  const offsets = new Map<number, number>();
  for (const [id, ins] of singleDefinitions(fn)) if (ins.op === "frameaddr") offsets.set(id, ins.offset);
  return offsets;
}
