// The frame of a function on a register machine, built in the spirit of
// -N: every IR value has a home in memory (a stack slot, or its incoming
// argument slot), and code moves values through registers one operation at
// a time. Calls use Go's ABI0: arguments and results on the stack.
//
//   SP+0                   the architecture's fixed area (the saved link
//                          register on LR machines; empty on x86)
//   SP+fixed               outgoing arguments and results of the calls
//   SP+fixed+out           the IR's frame slots (frameaddr offsets)
//   ...                    one slot per IR value
//   ...                    what the prologue keeps (x86: the caller's BP)
//   SP+frameSize           (x86: the return address; LR machines: the caller's fixed area)
//   SP+frameSize+entryArgs incoming arguments, then results

import * as ir from "../../host/compiler/ssa/ir.js";

/** Size in memory of a value of an IR type. */
export function sizeOf(t: ir.MType): 4 | 8 {
  return t === "i64" ? 8 : 4;
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Offsets of the arguments and results of an ABI0 call, from the first argument. */
export interface Abi0Layout {
  args: number[];
  results: number[];
  /** Bytes of arguments and results, a multiple of the pointer size. */
  size: number;
}

/**
 * Go's ABI0 on the IR's words: each argument at the next offset aligned to
 * its size (at most the pointer size: an int64 is 4-aligned on 32-bit
 * machines), results from the next pointer-aligned offset after them.
 */
export function abi0Layout(args: ir.MType[], results: ir.MType[], ptrSize: number): Abi0Layout {
  let off = 0;
  const place = (t: ir.MType): number => {
    off = alignUp(off, Math.min(sizeOf(t), ptrSize));
    const at = off;
    off += sizeOf(t);
    return at;
  };
  const argOffsets = args.map(place);
  off = alignUp(off, ptrSize);
  const resultOffsets = results.map(place);
  return { args: argOffsets, results: resultOffsets, size: alignUp(off, ptrSize) };
}

/** The parts of a call the lowering moves: the context register's value and the stack words. */
export interface CallFrame {
  /** The closure context (funcval, or the explicit ctx of a static or table call); absent for runtime calls. */
  ctx?: ir.Value;
  /** Arguments on the stack, with their offsets from SP. */
  args: { v: ir.Value; off: number }[];
  /** Results, with their offsets from SP after the call. */
  results: { v: ir.Value; off: number }[];
}

/** The ctx word and the arguments that go on the stack, as ir.ts's call targets pass them. */
export function splitCallArgs(c: Extract<ir.Instr, { op: "call" }>): { ctx?: ir.Value; stack: ir.Value[] } {
  switch (c.target.kind) {
    case "runtime":
      return { stack: c.args };
    case "closure":
      return { ctx: c.target.fn, stack: c.args };
    case "static":
    case "indirect":
      return { ctx: c.args[0], stack: c.args.slice(1) };
  }
}

/** What the frame needs from the architecture's lowering. */
export interface FrameFacts {
  /** Bytes at 0(SP) that come before the outgoing arguments. */
  fixedFrameSize: number;
  /** Offset of the first incoming argument from SP at entry. */
  entryArgsOffset: number;
  /**
   * The whole frame's size for `body` bytes from SP+0 to the end of the
   * value slots. `leaf`: the function calls nothing (an LR machine gives
   * a leaf with nothing in its frame no frame at all, as Go's NOFRAME).
   */
  frameSize(body: number, leaf: boolean): number;
}

export class Frame {
  /** Bytes reserved below the incoming SP. */
  readonly size: number;
  /** Where the IR's frame slots start. */
  readonly irBase: number;
  /** Offset of the first incoming argument: Go's FP, what recover() passes as argp. */
  readonly argp: number;
  /** Size of the incoming arguments and results. */
  readonly argsSize: number;
  private readonly homes = new Map<number, number>();
  private readonly resultHomes: number[];

  constructor(
    readonly fn: ir.Func,
    private readonly facts: FrameFacts,
    private readonly ptrSize: number,
    outArgsSize: number,
    /** Values that are recomputed at their uses (remat.ts) and need no home. */
    homeless: ReadonlySet<number>,
    /** The function calls nothing. */
    leaf: boolean,
  ) {
    this.irBase = facts.fixedFrameSize + outArgsSize;
    let top = this.irBase + fn.frameSize;
    // The closure context (params[0]) arrives in a register and gets a slot like any value.
    const incoming = new Set(fn.params.slice(1).map((p) => p.id));
    for (const v of valuesOf(fn)) {
      if (this.homes.has(v.id) || incoming.has(v.id) || homeless.has(v.id)) continue;
      const size = sizeOf(v.type);
      top = alignUp(top, Math.min(size, ptrSize));
      this.homes.set(v.id, top);
      top += size;
    }
    this.size = facts.frameSize(top, leaf);
    this.argp = this.size + facts.entryArgsOffset;
    const params = fn.params.slice(1);
    const layout = abi0Layout(params.map((p) => p.type), fn.results, ptrSize);
    params.forEach((p, i) => this.homes.set(p.id, this.argp + layout.args[i]!));
    this.resultHomes = layout.results.map((off) => this.argp + off);
    this.argsSize = layout.size;
  }

  /** The SP offset of a value's home. */
  home(v: ir.Value): number {
    const off = this.homes.get(v.id);
    if (off === undefined) throw new Error(`${this.fn.name}: value v${v.id} has no home in the frame`);
    return off;
  }

  /** The SP offset of the function's i-th result slot. */
  resultHome(i: number): number {
    const off = this.resultHomes[i];
    if (off === undefined) throw new Error(`${this.fn.name}: there is no result ${i}`);
    return off;
  }

  /** The SP offset of an IR frame slot at `offset`. */
  frameAddr(offset: number): number {
    return this.irBase + offset;
  }

  /** Where a call's context, arguments and results go. */
  callFrame(c: Extract<ir.Instr, { op: "call" }>): CallFrame {
    const { ctx, stack } = splitCallArgs(c);
    const layout = abi0Layout(stack.map((v) => v.type), c.results.map((v) => v.type), this.ptrSize);
    const base = this.facts.fixedFrameSize;
    return {
      ...(ctx ? { ctx } : {}),
      args: stack.map((v, i) => ({ v, off: base + layout.args[i]! })),
      results: c.results.map((v, i) => ({ v, off: base + layout.results[i]! })),
    };
  }

  /** The SP offsets of a runtime helper's arguments and results (386's 64-bit divide, panicIndex). */
  helperFrame(args: ir.MType[], results: ir.MType[]): Abi0Layout {
    const layout = abi0Layout(args, results, this.ptrSize);
    const base = this.facts.fixedFrameSize;
    return { args: layout.args.map((o) => base + o), results: layout.results.map((o) => base + o), size: layout.size };
  }
}

/** Every value the function defines or reads, in order of first appearance. */
function valuesOf(fn: ir.Func): ir.Value[] {
  const seen = new Map<number, ir.Value>();
  const add = (v: ir.Value) => {
    if (!seen.has(v.id)) seen.set(v.id, v);
  };
  fn.params.forEach(add);
  for (const b of fn.blocks) {
    for (const ins of b.instrs) {
      ir.instrDefs(ins).forEach(add);
      ir.instrUses(ins).forEach(add);
    }
    ir.blockUses(b).forEach(add);
  }
  return [...seen.values()];
}
