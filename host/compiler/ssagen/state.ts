// The per-function builder: blocks, virtual registers, frame slots, and
// small emitters for the IR instructions ssagen uses everywhere.

import * as ir from "../ssa/ir.js";
import { FRAME_ALIGN } from "../../../assembly/layout.js";
import { alignUp } from "../abi/abi.js";

/** Frame words [0, 8) hold the saved PC; slots start above it. */
const FIRST_SLOT_OFFSET = 8;

export class FnBuilder {
  readonly fn: ir.Func;
  /** The block being filled; null after a terminator until a new block starts. */
  cur: ir.Block | null;
  private nextBlockId = 0;
  private slotTop = FIRST_SLOT_OFFSET;

  constructor(init: Pick<ir.Func, "name" | "abi" | "wrapper" | "file" | "line" | "endLine" | "results">) {
    this.fn = {
      ...init,
      params: [],
      blocks: [],
      entry: undefined as unknown as ir.Block,
      frameSlots: [],
      frameSize: 0,
      argsSize: 0,
      nextValueId: 0,
    };
    this.cur = this.newBlock(init.line);
    this.fn.entry = this.cur;
  }

  newValue(type: ir.MType, name?: string): ir.Value {
    return { id: this.fn.nextValueId++, type, name };
  }

  param(type: ir.MType, name?: string): ir.Value {
    const v = this.newValue(type, name);
    this.fn.params.push(v);
    return v;
  }

  newBlock(line: number): ir.Block {
    const b: ir.Block = { id: this.nextBlockId++, kind: "plain", instrs: [], succs: [], line };
    this.fn.blocks.push(b);
    return b;
  }

  /** Starts filling b (which must not have been terminated). */
  startBlock(b: ir.Block): void {
    this.cur = b;
  }

  /** Appends an instruction; code after a terminator is unreachable and goes to a fresh dead block. */
  emit(i: ir.Instr): void {
    if (!this.cur) this.cur = this.newBlock(0);
    this.cur.instrs.push(i);
  }

  /** Ends the current block with a jump to b. */
  jump(b: ir.Block): void {
    if (!this.cur) return;
    this.cur.kind = "plain";
    this.cur.succs = [b];
    this.cur = null;
  }

  /** Ends the current block with a two-way branch. */
  branch(cond: ir.Value, yes: ir.Block, no: ir.Block): void {
    if (!this.cur) return;
    this.cur.kind = "if";
    this.cur.control = cond;
    this.cur.succs = [yes, no];
    this.cur = null;
  }

  ret(results: ir.Value[]): void {
    if (!this.cur) return;
    this.cur.kind = "ret";
    this.cur.results = results;
    this.cur = null;
  }

  /** Ends the current block after a call that never returns normally. */
  exit(): void {
    if (!this.cur) return;
    this.cur.kind = "exit";
    this.cur = null;
  }

  /** Ends the current block with a deferproc call: continue, or (recovery) the deferreturn block. */
  deferBlock(next: ir.Block, deferreturn: ir.Block): void {
    if (!this.cur) return;
    this.cur.kind = "defer";
    this.cur.succs = [next, deferreturn];
    this.cur = null;
  }

  /** Reserves size bytes of frame; pointerWords are 4-byte word indexes holding pointers. */
  allocSlot(name: string, size: number, align: number, pointerWords: number[] = []): ir.FrameSlot {
    const offset = alignUp(this.slotTop, Math.max(align, 1));
    this.slotTop = offset + Math.max(size, 1);
    const slot: ir.FrameSlot = { name, offset, size, pointerWords };
    this.fn.frameSlots.push(slot);
    return slot;
  }

  /**
   * Fixes the frame size: every function that calls anything able to walk
   * the stack, or that has slots, gets a frame with room for the saved PC.
   */
  finishFrame(): void {
    const needsFrame = this.fn.frameSlots.length > 0 || this.fn.blocks.some((b) => b.instrs.some(needsSavedPC));
    this.fn.frameSize = needsFrame ? alignUp(this.slotTop, FRAME_ALIGN) : 0;
  }

  // ------------------------------------------------------------ emitters

  const(type: ir.MType, value: bigint | number): ir.Value {
    const dst = this.newValue(type);
    this.emit({ op: "const", dst, value: BigInt(value) });
    return dst;
  }

  i32(value: number): ir.Value {
    return this.const("i32", value);
  }

  i64(value: bigint | number): ir.Value {
    return this.const("i64", value);
  }

  copy(dst: ir.Value, src: ir.Value): void {
    this.emit({ op: "copy", dst, src });
  }

  /** A fresh register holding src's current value. */
  snapshot(src: ir.Value): ir.Value {
    const dst = this.newValue(src.type);
    this.copy(dst, src);
    return dst;
  }

  unop(kind: ir.UnOp, a: ir.Value, type: ir.MType = resultTypeOfUnop(kind, a.type)): ir.Value {
    const dst = this.newValue(type);
    this.emit({ op: "unop", kind, dst, a });
    return dst;
  }

  binop(kind: ir.BinOp, a: ir.Value, b: ir.Value): ir.Value {
    const dst = this.newValue(isCompare(kind) ? "i32" : a.type);
    this.emit({ op: "binop", kind, dst, a, b });
    return dst;
  }

  select(cond: ir.Value, a: ir.Value, b: ir.Value): ir.Value {
    const dst = this.newValue(a.type);
    this.emit({ op: "select", dst, cond, a, b });
    return dst;
  }

  load(type: ir.MType, addr: ir.Value, offset: number, size: 1 | 2 | 4 | 8, signed = false): ir.Value {
    const dst = this.newValue(type);
    this.emit({ op: "load", dst, addr, offset, size, signed });
    return dst;
  }

  store(addr: ir.Value, offset: number, src: ir.Value, size: 1 | 2 | 4 | 8): void {
    this.emit({ op: "store", addr, offset, src, size });
  }

  frameaddr(offset: number): ir.Value {
    const dst = this.newValue("i32");
    this.emit({ op: "frameaddr", dst, offset });
    return dst;
  }

  addr(sym: string, add = 0): ir.Value {
    const dst = this.newValue("i32");
    this.emit({ op: "addr", dst, sym, add });
    return dst;
  }

  funcindex(sym: string): ir.Value {
    const dst = this.newValue("i32");
    this.emit({ op: "funcindex", dst, sym });
    return dst;
  }

  call(target: ir.CallTarget, args: ir.Value[], resultTypes: ir.MType[], effect: ir.CallEffect, line: number): ir.Value[] {
    const results = resultTypes.map((t) => this.newValue(t));
    this.emit({ op: "call", target, args, results, effect, line });
    return results;
  }

  /**
   * `otherwise`, or the value `compute` emits when cond is non-zero: for
   * values that need a call only on one path (a nil interface has no itab
   * to look into).
   */
  valueIf(cond: ir.Value, otherwise: ir.Value, compute: () => ir.Value, line: number): ir.Value {
    return this.valuesIf(cond, [otherwise], () => [compute()], line)[0]!;
  }

  /** valueIf for several words at once (an interface's type and data). */
  valuesIf(cond: ir.Value, otherwise: ir.Value[], compute: () => ir.Value[], line: number): ir.Value[] {
    const out = otherwise.map((v) => this.snapshot(v));
    const then = this.newBlock(line);
    const done = this.newBlock(line);
    this.branch(cond, then, done);
    this.startBlock(then);
    compute().forEach((v, i) => this.copy(out[i]!, v));
    this.jump(done);
    this.startBlock(done);
    return out;
  }

  /** True when the current block is still open (code here is reachable). */
  get reachable(): boolean {
    return this.cur !== null;
  }
}

function needsSavedPC(i: ir.Instr): boolean {
  return (i.op === "call" && i.effect !== "leaf") || i.op === "nilcheck" || i.op === "boundscheck" || i.op === "divcheck";
}

function isCompare(k: ir.BinOp): boolean {
  return k === "eq" || k === "ne" || k.startsWith("lt") || k.startsWith("le") || k.startsWith("gt") || k.startsWith("ge");
}

function resultTypeOfUnop(kind: ir.UnOp, t: ir.MType): ir.MType {
  switch (kind) {
    case "eqz":
    case "wrap":
      return "i32";
    case "extend_s":
    case "extend_u":
      return "i64";
    default:
      return t;
  }
}
