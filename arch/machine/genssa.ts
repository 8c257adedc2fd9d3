// The driver that turns one IR function into machine code for an
// encode-only architecture, as Go's ssagen.genssa walks the blocks calling
// the architecture's ssaGenValue/ssaGenBlock and cmd/internal/obj adds the
// prologue and the stack split. The block ends (Go's ssaGenBlock, the same
// switch in every architecture) are sequenced here from the lowering's
// jump, conditional branch and return pieces. Block order: the entry and the other
// reachable blocks in IR order, then the shared deferreturn block (the
// disconnected `deferreturn; ret` segment of functions with open-coded
// defers), then the morestack call the prologue branches to. Branches are
// encoded twice: once to lay the code out (their size never depends on the
// distance), then again with the real displacements.

import * as ir from "../../host/compiler/ssa/ir.js";
import type { LowerOptions, MachineArch, RecoveryProtocol } from "../arch.js";
import { abi0Layout, Frame, splitCallArgs } from "./frame.js";
import { linkName, type DeferMark, type FuncReloc, type ListingEntry, type MachineFunc } from "./func.js";
import type { Inst } from "./inst.js";
import { deferMarks, type DeferMarks } from "./marks.js";
import { gFieldAccesses } from "./gfields.js";
import { rematerializable, type Remat } from "./remat.js";

/** Go's StackSmall: a leaf function with a frame this small needs no stack check. */
export const STACK_SMALL = 128;
/** Go's StackBig: larger frames check for SP wrapping around as well. */
export const STACK_BIG = 4096;

const DEFERRETURN_SYM = "runtime.deferreturn";

/** A position in the code that branches go to. */
export class Label {
  /** Byte offset from the entry, once bound. */
  pc = -1;
  constructor(readonly name: string) {}
}

interface Emitted {
  inst: Inst;
  pc: number;
  line: number;
  mark?: DeferMark;
  target?: Label;
}

interface Fixup {
  /** Index of the sequence's first instruction in `emitted`. */
  first: number;
  count: number;
  make: (disp: number) => Inst[];
  target: Label;
}

export function genssa(arch: MachineArch, fn: ir.Func, opts: LowerOptions = {}): MachineFunc {
  return new State(arch, fn, opts.recoveryProtocol ?? "deferreturn-pc").gen();
}

/** Lowering state for one function, as ssagen.State; the architecture's hooks emit through it. */
export class State {
  readonly frame: Frame;
  /** The function's first instruction: where morestack's jump returns. */
  readonly entry = new Label("entry");
  /** Whether the function reads its closure context (Go's NEEDCTXT). */
  readonly needsCtxt: boolean;
  /** Whether the function calls nothing, neither in the IR nor through a runtime helper. */
  readonly leaf: boolean;
  private readonly emitted: Emitted[] = [];
  private readonly fixups: Fixup[] = [];
  private readonly blockLabels = new Map<ir.Block, Label>();
  private readonly marks: DeferMarks;
  private readonly gFields: Map<ir.Instr, number>;
  private readonly remats: Map<number, Remat>;
  private pc = 0;
  private steps = 0;
  private line: number;
  private mark: DeferMark | undefined;

  constructor(
    readonly arch: MachineArch,
    readonly fn: ir.Func,
    readonly protocol: RecoveryProtocol,
  ) {
    const lw = arch.lowering;
    const outArgs = Math.max(0, ...fn.blocks.flatMap((b) => b.instrs.map((ins) => this.outArgsOf(ins))));
    this.remats = rematerializable(fn);
    const callsHelper = (ins: ir.Instr) => lw.callsHelper?.(ins) ?? lw.helperArgsSize(ins) > 0;
    this.leaf = !fn.blocks.some((b) => b.instrs.some((ins) => ins.op === "call" || callsHelper(ins)));
    this.frame = new Frame(fn, lw, arch.ptrSize, outArgs, new Set(this.remats.keys()), this.leaf);
    this.needsCtxt = fn.params.length > 0 && readsValue(fn, fn.params[0]!);
    this.marks = deferMarks(fn);
    this.gFields = gFieldAccesses(fn, arch.ptrSize);
    this.line = fn.line;
  }

  /** Bytes of outgoing arguments and results an instruction's call needs. */
  private outArgsOf(ins: ir.Instr): number {
    const helper = this.arch.lowering.helperArgsSize(ins);
    if (ins.op !== "call") return helper;
    const stack = splitCallArgs(ins).stack.map((v) => v.type);
    return Math.max(helper, abi0Layout(stack, ins.results.map((v) => v.type), this.arch.ptrSize).size);
  }

  gen(): MachineFunc {
    const lw = this.arch.lowering;
    const order = layoutBlocks(this.fn);
    this.bind(this.entry);
    const morestack = new Label("morestack");
    const checked = this.needsStackCheck();
    if (checked) this.withMark("stackcheck", () => lw.stackCheck(this, morestack));
    lw.prologue(this);
    order.forEach((b, i) => {
      this.bind(this.blockLabel(b));
      this.genBlock(b, order[i + 1]);
    });
    if (checked) {
      this.bind(morestack);
      this.line = this.fn.line;
      this.withMark("morestack", () => lw.morestack(this));
    }
    this.resolveBranches();
    return this.result();
  }

  private genBlock(b: ir.Block, next: ir.Block | undefined): void {
    const lines = instrLines(b, this.fn.line);
    b.instrs.forEach((ins, i) => {
      this.line = lines[i]!;
      this.mark = this.marks.instr.get(ins);
      this.arch.lowering.ssaGenValue(this, ins);
    });
    this.line = lines[b.instrs.length]!;
    this.mark = this.marks.blockEnd.get(b);
    this.endBlock(b, next);
    this.mark = undefined;
  }

  /**
   * Ends a block (Go's ssaGenBlock): branches for `if`, a jump when the
   * successor is not `next`, the results' stores, epilogue and return for
   * `ret`. A `defer` block ends like `plain` under the deferreturn-pc
   * protocol; under return1 it first branches to succs[1] (the deferreturn
   * block) when the deferproc call returned non-zero.
   */
  private endBlock(b: ir.Block, next: ir.Block | undefined): void {
    const lw = this.arch.lowering;
    switch (b.kind) {
      case "defer":
        if (this.protocol === "return1") {
          const deferreturn = this.blockLabel(b.succs[1]!);
          this.withMark("recovery", () => lw.branchIfRecovered(this, deferreturn));
        }
        return this.jumpUnlessNext(b.succs[0]!, next);
      case "plain":
        return this.jumpUnlessNext(b.succs[0]!, next);
      case "if": {
        const [yes, no] = b.succs as [ir.Block, ir.Block];
        if (next === yes) return lw.condJump(this, b.control!, false, this.blockLabel(no));
        lw.condJump(this, b.control!, true, this.blockLabel(yes));
        return this.jumpUnlessNext(no, next);
      }
      case "ret":
        (b.results ?? []).forEach((v, i) => lw.spill(this, v, this.frame.resultHome(i)));
        return lw.ret(this);
      case "exit":
        return lw.exitPad(this);
    }
  }

  private jumpUnlessNext(to: ir.Block, next: ir.Block | undefined): void {
    if (to !== next) this.arch.lowering.jump(this, this.blockLabel(to));
  }

  /** Small leaf functions are NOSPLIT, as Go's assemblers mark them. */
  private needsStackCheck(): boolean {
    return !this.leaf || this.frame.size > STACK_SMALL;
  }

  // ---------------------------------------------------------------- emitting

  /** Appends instructions at the current line, with the current mark. */
  prog(...insts: Inst[]): void {
    this.steps++;
    for (const inst of insts) {
      this.emitted.push({ inst, pc: this.pc, line: this.line, ...(this.mark ? { mark: this.mark } : {}) });
      this.pc += inst.bytes.length;
    }
  }

  /**
   * Appends a branch sequence to `target`. `make` encodes it for a
   * displacement from its first byte; its size must not depend on it.
   */
  branch(make: (disp: number) => Inst[], target: Label): void {
    const insts = make(0);
    this.fixups.push({ first: this.emitted.length, count: insts.length, make, target });
    this.prog(...insts);
  }

  /** A fresh label for a branch inside one value's code. */
  label(name = "L"): Label {
    return new Label(name);
  }

  /** Places a label at the current position. */
  bind(l: Label): void {
    if (l.pc >= 0) throw new Error(`${this.fn.name}: label ${l.name} bound twice`);
    l.pc = this.pc;
    this.steps++;
  }

  /**
   * Changes with every emission and label: equal readings mean nothing was
   * emitted and no branch can arrive in between, so a register still holds
   * what the code before left in it.
   */
  get step(): number {
    return this.steps;
  }

  blockLabel(b: ir.Block): Label {
    let l = this.blockLabels.get(b);
    if (!l) {
      l = new Label(`b${b.id}`);
      this.blockLabels.set(b, l);
    }
    return l;
  }

  /** Emits with `mark` on every instruction `f` appends. */
  withMark(mark: DeferMark, f: () => void): void {
    const saved = this.mark;
    this.mark = mark;
    try {
      f();
    } finally {
      this.mark = saved;
    }
  }

  // ---------------------------------------------------------------- frame and symbols

  /** SP offset of a value's home; a rematerialized value has none. */
  home(v: ir.Value): number {
    return this.frame.home(v);
  }

  /**
   * How to recompute v at a use, for a value defined once by a constant or
   * a frame address (remat.ts); its definition then emits nothing. A frame
   * address's offset is already the SP offset (Frame.frameAddr).
   */
  remat(v: ir.Value): Remat | undefined {
    const r = this.remats.get(v.id);
    return r?.kind === "frame" ? { kind: "frame", offset: this.frame.frameAddr(r.offset) } : r;
  }

  /**
   * For a load or store of a g field at its wasm address (gfields.ts), the
   * field's offset in Go's runtime.g; the lowering addresses it from g.
   */
  gField(ins: ir.Instr): number | undefined {
    return this.gFields.get(ins);
  }

  /** The symbol a static or runtime call goes to, as the object file names it. */
  callee(target: Extract<ir.CallTarget, { kind: "static" | "runtime" }>): string {
    return target.kind === "static" ? linkName(target.sym) : `runtime.${target.name}`;
  }

  /** The symbol of a function or data address, as the object file names it. */
  symbol(sym: string): string {
    return linkName(sym);
  }

  // ---------------------------------------------------------------- finishing

  private resolveBranches(): void {
    for (const f of this.fixups) {
      const start = this.emitted[f.first]!;
      if (f.target.pc < 0) throw new Error(`${this.fn.name}: branch to unbound label ${f.target.name}`);
      const insts = f.make(f.target.pc - start.pc);
      if (insts.length !== f.count || insts.some((inst, i) => inst.bytes.length !== this.emitted[f.first + i]!.inst.bytes.length)) {
        throw new Error(`${this.fn.name}: the ${this.arch.name} branch to ${f.target.name} changed size with its displacement`);
      }
      insts.forEach((inst, i) => (this.emitted[f.first + i]!.inst = inst));
      this.emitted[f.first + f.count - 1]!.target = f.target;
    }
  }

  private result(): MachineFunc {
    const code = new Uint8Array(this.pc);
    const relocs: FuncReloc[] = [];
    const listing: ListingEntry[] = this.emitted.map((e) => {
      code.set(e.inst.bytes, e.pc);
      const rs = (e.inst.relocs ?? []).map((r) => ({ ...r, off: e.pc + r.off }));
      relocs.push(...rs);
      return {
        pc: e.pc,
        bytes: e.inst.bytes,
        text: e.inst.text,
        line: e.line,
        ...(e.mark ? { mark: e.mark } : {}),
        ...(e.target ? { target: e.target.pc } : {}),
        ...(rs.length > 0 ? { relocs: rs } : {}),
      };
    });
    const fn = this.fn;
    const deferreturn = relocs.find((r) => r.sym === DEFERRETURN_SYM);
    return {
      name: fn.name,
      abi: fn.abi,
      wrapper: fn.wrapper,
      file: fn.file,
      line: fn.line,
      code,
      relocs,
      listing,
      frameSize: this.frame.size,
      argsSize: this.frame.argsSize,
      ...(deferreturn ? { deferreturnReloc: deferreturn.off } : {}),
      ...(fn.openDeferInfo ? { openDeferInfo: fn.openDeferInfo } : {}),
    };
  }
}

/**
 * The blocks in code order: those reachable from the entry in IR order,
 * then the deferreturn block, which Go places last (the shared block at
 * the closing brace, or the disconnected segment only recovery reaches).
 */
export function layoutBlocks(fn: ir.Func): ir.Block[] {
  const reached = new Set<ir.Block>();
  const work = [fn.entry];
  while (work.length > 0) {
    const b = work.pop()!;
    if (reached.has(b)) continue;
    reached.add(b);
    work.push(...b.succs);
  }
  const order = fn.blocks.filter((b) => reached.has(b) && b !== fn.deferreturn);
  if (fn.deferreturn) order.push(fn.deferreturn);
  return order;
}

/**
 * The source line of each instruction of a block, and last of its closing
 * branch: an instruction belongs to the line of the next call or check it
 * prepares, else to the block's line. A block that ends with a call (defer,
 * exit) ends on the call's line, as the earlier protocol's test of
 * deferproc's result does in Go.
 */
function instrLines(b: ir.Block, fallback: number): number[] {
  const lines: number[] = new Array(b.instrs.length + 1);
  let line = b.line || fallback;
  const last = b.instrs[b.instrs.length - 1];
  lines[b.instrs.length] = (b.kind === "defer" || b.kind === "exit") && last && "line" in last ? last.line : line;
  for (let i = b.instrs.length - 1; i >= 0; i--) {
    const ins = b.instrs[i]!;
    if ("line" in ins && ins.line) line = ins.line;
    lines[i] = line;
  }
  return lines;
}

function readsValue(fn: ir.Func, v: ir.Value): boolean {
  return fn.blocks.some((b) => b.instrs.some((ins) => ir.instrUses(ins).some((u) => u.id === v.id)) || ir.blockUses(b).some((u) => u.id === v.id));
}
