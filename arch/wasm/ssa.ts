// The wasm lowering, the counterpart of cmd/compile/internal/wasm/ssa.go:
// one IR function becomes one FuncSym whose code still names symbols (the
// linker resolves them). Values live in wasm locals; the Go stack frame,
// saved PCs and unwinding after recovery follow docs/abi.md sections 6, 7
// and 11.
//
// Shape of a function with a deferreturn block:
//
//   prologue
//   block $dr
//     <the CFG, structured by stackify>   ;; edges to the deferreturn block: br $dr
//   end
//   loop $again
//     <deferreturn block>                 ;; its deferreturn call unwinding to this frame: br $again
//   end
//
// Recovery unwinds to a frame by returning through the frames above it; the
// target frame sees g.unwinding with g.unwindsp equal to its sp after a call
// and branches to its deferreturn block, which is then the code at
// `entry + deferreturn` (the PC of its deferreturn call) as seed 000 wants.

import {
  DEFER_FD, DEFER_FRAMEPC, DEFER_LINK, DEFER_PANIC, DEFER_PC, DEFER_SP, DEFER_STARTED, DEFER_VARP,
  G_DEFER, G_SP, G_STACKGUARD, G_UNWINDING, G_UNWINDSP,
} from "../../assembly/layout.js";
import * as ir from "../../host/compiler/ssa/ir.js";
import { symName, type FuncSym, type Instr, type ValType } from "../../host/linker/obj.js";
import type { Arch, LowerOptions, RecoveryProtocol } from "../arch.js";
import { CodeBuilder, EXIT, Label, stackify, type Cfg, type StackifyHooks } from "./stackify.js";
import { reuseLocals } from "./locals.js";

/**
 * The wasm architecture. `return1` lowering is for listings and size
 * comparisons only: the wasm runtime cannot make a deferproc call "return
 * 1" again after a recovery (its frame has already returned through), so
 * programs lowered that way do not recover on wasm.
 */
export const wasmArch: Arch = {
  name: "wasm",
  ptrSize: 4,
  lower,
};

export function lower(fn: ir.Func, opts: LowerOptions = {}): FuncSym {
  return new State(fn, opts.recoveryProtocol ?? "deferreturn-pc").genFunc();
}

/** Lowering state for one function, like ssagen.State. */
class State {
  private readonly b = new CodeBuilder();
  private readonly locals: ValType[] = [];
  private readonly localOf = new Map<number, number>();
  private readonly siteLines: number[] = [];
  private deferreturnSite = 0;
  /** Local holding this frame's sp, or -1 for a frameless function. */
  private sp = -1;
  /** Where a call that unwinds to this frame branches: the deferreturn code. */
  private unwindTarget: Label | undefined;
  private inDeferreturn = false;
  private readonly sym: string;
  private readonly frameAddrs: Map<number, number>;

  constructor(
    private readonly fn: ir.Func,
    private readonly protocol: RecoveryProtocol,
  ) {
    this.sym = symName(fn);
    fn.params.forEach((p, i) => this.localOf.set(p.id, i));
    this.frameAddrs = foldableFrameAddrs(fn);
  }

  genFunc(): FuncSym {
    const fn = this.fn;
    if (fn.deferreturn !== undefined && fn.frameSize === 0) {
      throw new Error(`${fn.name}: a function with a deferreturn block needs a frame`);
    }
    if (fn.frameSize > 0) {
      this.sp = this.newLocal("i32");
      this.prologue();
    }
    if (fn.deferreturn === undefined) {
      this.genBody();
    } else {
      this.genBodyAndDeferreturn(fn.deferreturn);
    }
    if (!this.b.endsInTransfer()) this.b.emit({ op: "unreachable" });
    return this.funcSym();
  }

  private funcSym(): FuncSym {
    const fn = this.fn;
    const f: FuncSym = {
      name: fn.name,
      abi: fn.abi,
      wrapper: fn.wrapper,
      file: fn.file,
      line: fn.line,
      type: { params: fn.params.map((p) => p.type), results: [...fn.results] },
      locals: reuseLocals(fn.params.length, this.locals, this.b.code),
      code: this.b.code,
      frameSize: fn.frameSize,
      argsSize: fn.argsSize,
      siteLines: this.siteLines,
      deferreturnSite: this.deferreturnSite,
    };
    if (fn.openDeferInfo !== undefined) f.openDeferInfo = fn.openDeferInfo;
    const ptrmap = pointerMap(fn);
    if (ptrmap !== undefined) f.ptrmap = ptrmap;
    if (fn.abi0Wrapper !== undefined) f.abi0Wrapper = fn.abi0Wrapper;
    return f;
  }

  // Frame.

  private prologue(): void {
    const n = this.fn.frameSize;
    this.b.emit(...loadG(G_SP), i32c(n), { op: "i32.sub" }, { op: "local.tee", imm: [this.sp] });
    this.b.emit(...loadG(G_STACKGUARD), { op: "i32.lt_u" });
    this.b.begin("if");
    // The closure context (param 0) may point into the stack that
    // morestack moves; it comes back adjusted, as Go's copystack adjusts
    // the saved context register.
    this.b.emit(i32c(n), { op: "local.get", imm: [0] }, { op: "call", sym: "runtime.morestack" }, { op: "local.set", imm: [0] });
    this.b.emit(...loadG(G_SP), i32c(n), { op: "i32.sub" }, { op: "local.set", imm: [this.sp] });
    this.b.end();
    this.b.emit(...storeG(G_SP, [{ op: "local.get", imm: [this.sp] }]));
  }

  private popFrame(): void {
    if (this.sp < 0) return;
    const spPlusN = [{ op: "local.get", imm: [this.sp] }, i32c(this.fn.frameSize), { op: "i32.add" }];
    this.b.emit(...storeG(G_SP, spPlusN));
  }

  /** Pushes this frame's sp; a frameless function's sp is its caller's. */
  private pushSp(): void {
    if (this.sp >= 0) this.b.emit({ op: "local.get", imm: [this.sp] });
    else this.b.emit(...loadG(G_SP));
  }

  // Body.

  private genBody(): void {
    stackify(this.cfg(), this.b, this.hooks());
  }

  private genBodyAndDeferreturn(dr: ir.Block): void {
    if (dr.kind !== "ret" && dr.kind !== "exit") {
      throw new Error(`${this.fn.name}: the deferreturn block must end the function, not be ${dr.kind}`);
    }
    const drLabel = new Label("deferreturn");
    this.b.begin("block", drLabel);
    this.unwindTarget = drLabel;
    stackify(this.cfg(), this.b, this.hooks(), drLabel);
    this.b.end();

    const again = new Label("deferreturn-again");
    this.b.begin("loop", again);
    this.unwindTarget = again;
    this.inDeferreturn = true;
    this.ssaGenBlock(dr);
    this.b.end();
  }

  private bodyBlocks(): ir.Block[] {
    return this.fn.blocks.filter((blk) => blk !== this.fn.deferreturn);
  }

  /** The CFG without the deferreturn block; edges into it leave the graph. */
  private cfg(): Cfg {
    const blocks = this.bodyBlocks();
    const index = new Map(blocks.map((blk, i) => [blk, i]));
    const nodeOf = (blk: ir.Block) => (blk === this.fn.deferreturn ? EXIT : index.get(blk)!);
    return {
      entry: nodeOf(this.fn.entry),
      succs: blocks.map((blk) => this.branchTargets(blk).map(nodeOf)),
    };
  }

  private hooks(): StackifyHooks {
    const blocks = this.bodyBlocks();
    return {
      emitNode: (i: number) => this.ssaGenBlock(blocks[i]),
      newLocal: () => this.newLocal("i32"),
    };
  }

  /** Successors as stackify sees them: with two, the block leaves a condition for the first. */
  private branchTargets(blk: ir.Block): ir.Block[] {
    switch (blk.kind) {
      case "plain":
        return [blk.succs[0]];
      case "if":
        return [blk.succs[0], blk.succs[1]];
      case "defer":
        return this.protocol === "return1" ? [blk.succs[1], blk.succs[0]] : [blk.succs[0]];
      case "ret":
      case "exit":
        return [];
    }
  }

  private ssaGenBlock(blk: ir.Block): void {
    for (const ins of blk.instrs) this.ssaGenValue(ins);
    switch (blk.kind) {
      case "plain":
        return;
      case "if":
        this.pushCondition(control(blk));
        return;
      case "defer":
        if (this.protocol === "return1") this.pushCondition(deferFlag(blk));
        return;
      case "ret":
        this.popFrame();
        for (const v of blk.results ?? []) this.get(v);
        this.b.emit({ op: "return" });
        return;
      case "exit":
        this.b.emit({ op: "unreachable" });
        return;
    }
  }

  // Values.

  private ssaGenValue(ins: ir.Instr): void {
    switch (ins.op) {
      case "const":
        this.b.emit(constOf(ins.dst.type, ins.value));
        return this.set(ins.dst);
      case "copy":
        this.get(ins.src);
        return this.set(ins.dst);
      case "unop":
        this.genUnop(ins.kind, ins.a, ins.dst.type);
        return this.set(ins.dst);
      case "binop":
        this.genBinop(ins.kind, ins.a, ins.b, ins.dst.type);
        return this.set(ins.dst);
      case "select":
        this.get(ins.a);
        this.get(ins.b);
        this.pushCondition(ins.cond);
        this.b.emit({ op: "select" });
        return this.set(ins.dst);
      case "load": {
        const offset = this.pushAddress(ins.addr, ins.offset);
        this.b.emit({ op: loadOp(ins.dst.type, ins.size, ins.signed), imm: memarg(ins.size, offset) });
        return this.set(ins.dst);
      }
      case "store": {
        const offset = this.pushAddress(ins.addr, ins.offset);
        this.get(ins.src);
        this.b.emit({ op: storeOp(ins.src.type, ins.size), imm: memarg(ins.size, offset) });
        return;
      }
      case "frameaddr":
        if (this.frameAddrs.has(ins.dst.id)) return;
        this.pushSp();
        this.b.emit(i32c(ins.offset), { op: "i32.add" });
        return this.set(ins.dst);
      case "argp":
        this.pushSp();
        this.b.emit(i32c(this.fn.frameSize), { op: "i32.add" });
        return this.set(ins.dst);
      case "addr":
        this.b.emit({ op: "i32.const", reloc: { kind: "addr", sym: ins.sym, add: ins.add } });
        return this.set(ins.dst);
      case "funcindex":
        this.b.emit({ op: "i32.const", reloc: { kind: "tableindex", sym: ins.sym, add: 0 } });
        return this.set(ins.dst);
      case "zero":
        this.get(ins.addr);
        this.b.emit(i32c(0), i32c(ins.size), { op: "memory.fill" });
        return;
      case "move":
        this.get(ins.dst);
        this.get(ins.src);
        this.b.emit(i32c(ins.size), { op: "memory.copy" });
        return;
      case "call":
        return this.genCall(ins);
      case "nilcheck":
        return this.genCheck(() => this.pushIsZero(ins.v), "panicmem", [], ins.line);
      case "divcheck":
        return this.genCheck(() => this.pushIsZero(ins.v), "panicdivide", [], ins.line);
      case "boundscheck":
        if (ins.index.type !== "i64" || ins.len.type !== "i64") {
          throw new Error(`${this.fn.name}: boundscheck operands must be i64`);
        }
        return this.genCheck(
          () => {
            this.get(ins.index);
            this.get(ins.len);
            this.b.emit({ op: "i64.ge_u" });
          },
          "panicIndex",
          [ins.index, ins.len],
          ins.line,
        );
    }
  }

  private genUnop(kind: ir.UnOp, a: ir.Value, dstType: ir.MType): void {
    const t = a.type;
    if (kind === "neg") this.b.emit(constOf(t, 0n));
    this.get(a);
    switch (kind) {
      case "eqz":
        this.b.emit({ op: `${t}.eqz` });
        return this.widenI32(dstType);
      case "neg":
        this.b.emit({ op: `${t}.sub` });
        return;
      case "not":
        this.b.emit(constOf(t, -1n), { op: `${t}.xor` });
        return;
      case "extend_s":
        this.b.emit({ op: "i64.extend_i32_s" });
        return;
      case "extend_u":
        this.b.emit({ op: "i64.extend_i32_u" });
        return;
      case "wrap":
        this.b.emit({ op: "i32.wrap_i64" });
        return;
      case "sext8":
      case "sext16":
      case "sext32":
        this.b.emit({ op: `${t}.extend${kind.slice(4)}_s` });
        return;
      case "zext8":
      case "zext16":
      case "zext32":
        this.b.emit(constOf(t, (1n << BigInt(kind.slice(4))) - 1n), { op: `${t}.and` });
        return;
    }
  }

  private genBinop(kind: ir.BinOp, a: ir.Value, b: ir.Value, dstType: ir.MType): void {
    const t = a.type;
    switch (kind) {
      case "div_s":
        return this.genDivS(a, b);
      case "andnot":
        this.get(a);
        this.get(b);
        this.b.emit(constOf(t, -1n), { op: `${t}.xor` }, { op: `${t}.and` });
        return;
      case "shl":
      case "shr_s":
      case "shr_u":
        // Wasm shifts take the count in the shifted value's type.
        this.get(a);
        this.get(b);
        this.convert(b.type, t);
        this.b.emit({ op: `${t}.${kind}` });
        return;
      default:
        this.get(a);
        this.get(b);
        this.b.emit({ op: `${t}.${kind}` });
        if (isComparison(kind)) this.widenI32(dstType);
        return;
    }
  }

  /** Go defines MinInt / -1 as MinInt (it wraps); wasm's div_s traps on it, so -1 divides by negating. */
  private genDivS(a: ir.Value, b: ir.Value): void {
    const t = a.type;
    this.get(b);
    this.b.emit(constOf(t, -1n), { op: `${t}.eq` });
    this.b.begin("if", null, t);
    this.b.emit(constOf(t, 0n));
    this.get(a);
    this.b.emit({ op: `${t}.sub` });
    this.b.else();
    this.get(a);
    this.get(b);
    this.b.emit({ op: `${t}.div_s` });
    this.b.end();
  }

  private convert(from: ir.MType, to: ir.MType): void {
    if (from === to) return;
    this.b.emit({ op: to === "i64" ? "i64.extend_i32_u" : "i32.wrap_i64" });
  }

  /** Wasm tests and comparisons produce i32; an i64 destination gets it zero-extended. */
  private widenI32(dstType: ir.MType): void {
    if (dstType === "i64") this.b.emit({ op: "i64.extend_i32_u" });
  }

  /** Pushes an i32 that is non-zero when v is. */
  private pushCondition(v: ir.Value): void {
    this.get(v);
    if (v.type === "i64") this.b.emit({ op: "i64.const", imm: [0n] }, { op: "i64.ne" });
  }

  private pushIsZero(v: ir.Value): void {
    this.get(v);
    this.b.emit({ op: `${v.type}.eqz` });
  }

  /**
   * Pushes the address of a load or store whose own offset is `offset`,
   * and returns the memarg offset: a frame slot's offset is folded in, as
   * is any non-negative offset.
   */
  private pushAddress(addr: ir.Value, offset: number): number {
    const slot = this.frameAddrs.get(addr.id);
    if (slot !== undefined) {
      this.pushSp();
      offset += slot;
    } else {
      this.get(addr);
    }
    if (offset >= 0) return offset;
    this.b.emit(i32c(offset), { op: "i32.add" });
    return 0;
  }

  // Calls.

  private genCall(c: Extract<ir.Instr, { op: "call" }>): void {
    const site = this.newSite(c.line);
    if (c.target.kind === "runtime" && c.target.name === "deferprocStack" && this.protocol === "deferreturn-pc") {
      return this.genDeferprocStack(c.args[0]!, site);
    }
    if (this.inDeferreturn && c.target.kind === "runtime" && c.target.name === "deferreturn") {
      this.deferreturnSite = site;
    }
    if (c.effect !== "leaf") this.storePC(site);
    this.pushCallee(c.target, c.args, c.results.map((r) => r.type));
    for (let i = c.results.length - 1; i >= 0; i--) this.set(c.results[i]);
    if (c.effect === "unwinds") this.afterUnwindingCall();
  }

  /**
   * runtime.deferprocStack, inline: the record is in this frame and linking
   * it is a few stores, so a stack-allocated defer costs no call into the
   * core (Go's deferprocStack does the same stores). d.pc is this call
   * site's PC, which the runtime would have read from [sp+0]. Under the
   * return1 protocol the call stays, since it is the call that returns 1.
   */
  private genDeferprocStack(d: ir.Value, site: number): void {
    const store = (offset: number, value: Instr[]): void => {
      this.get(d);
      this.b.emit(...value, { op: "i32.store", imm: memarg(4, offset) });
    };
    const zero = [i32c(0)];
    store(DEFER_STARTED, zero); // started, heap, openDefer and the padding byte
    store(DEFER_SP, [{ op: "local.get", imm: [this.sp] }]);
    store(DEFER_PC, [{ op: "i32.const", reloc: { kind: "pc", sym: this.sym, add: site } }]);
    for (const field of [DEFER_PANIC, DEFER_FD, DEFER_VARP, DEFER_FRAMEPC]) store(field, zero);
    store(DEFER_LINK, loadG(G_DEFER));
    this.b.emit(...storeG(G_DEFER, [{ op: "local.get", imm: [this.local(d)] }]));
  }

  private pushCallee(target: ir.CallTarget, args: ir.Value[], results: ValType[]): void {
    switch (target.kind) {
      case "static":
        args.forEach((a) => this.get(a));
        this.b.emit({ op: "call", sym: target.sym });
        return;
      case "runtime":
        args.forEach((a) => this.get(a));
        this.b.emit({ op: "call", sym: `runtime.${target.name}` });
        return;
      case "closure":
        // ctx is the funcval itself; its first word is the table index.
        this.get(target.fn);
        args.forEach((a) => this.get(a));
        this.get(target.fn);
        this.b.emit({ op: "i32.load", imm: memarg(4, 0) });
        this.b.emit({ op: "call_indirect", sig: { params: ["i32", ...args.map((a) => a.type)], results } });
        return;
      case "indirect":
        args.forEach((a) => this.get(a));
        this.get(target.index);
        this.b.emit({ op: "call_indirect", sig: { params: args.map((a) => a.type), results } });
        return;
    }
  }

  /** A check: `if <failed> { call runtime.<panic>(args) }`, the call being a call site that never returns normally. */
  private genCheck(pushFailed: () => void, panic: string, args: ir.Value[], line: number): void {
    pushFailed();
    this.b.begin("if");
    const site = this.newSite(line);
    this.storePC(site);
    args.forEach((a) => this.get(a));
    this.b.emit({ op: "call", sym: `runtime.${panic}` });
    this.afterUnwindingCall();
    this.b.emit({ op: "unreachable" });
    this.b.end();
  }

  private newSite(line: number): number {
    this.siteLines.push(line);
    return this.siteLines.length;
  }

  /** [sp+0] = PC of call site k, so the runtime can walk and name this frame. A frameless function has no slot for it. */
  private storePC(k: number): void {
    if (this.sp < 0) return;
    this.b.emit(
      { op: "local.get", imm: [this.sp] },
      { op: "i32.const", reloc: { kind: "pc", sym: this.sym, add: k } },
      { op: "i32.store", imm: memarg(4, 0) },
    );
  }

  /**
   * After a call that may have moved the stack or be unwinding it: reload
   * sp; if unwinding, either this frame is the recovery target (go to the
   * deferreturn code) or it pops its frame and returns zero values.
   */
  private afterUnwindingCall(): void {
    if (this.sp >= 0) this.b.emit(...loadG(G_SP), { op: "local.set", imm: [this.sp] });
    this.b.emit(...loadG(G_UNWINDING));
    this.b.begin("if");
    if (this.sp >= 0 && this.unwindTarget !== undefined) {
      this.b.emit({ op: "local.get", imm: [this.sp] }, ...loadG(G_UNWINDSP), { op: "i32.eq" });
      this.b.begin("if");
      this.b.emit(...storeG(G_UNWINDING, [i32c(0)]));
      this.b.br(this.unwindTarget);
      this.b.end();
    }
    this.popFrame();
    for (const t of this.fn.results) this.b.emit(constOf(t, 0n));
    this.b.emit({ op: "return" });
    this.b.end();
  }

  // Locals.

  private get(v: ir.Value): void {
    this.b.emit({ op: "local.get", imm: [this.local(v)] });
  }

  private set(v: ir.Value): void {
    this.b.emit({ op: "local.set", imm: [this.local(v)] });
  }

  private local(v: ir.Value): number {
    let i = this.localOf.get(v.id);
    if (i === undefined) {
      i = this.newLocal(v.type);
      this.localOf.set(v.id, i);
    }
    return i;
  }

  private newLocal(t: ValType): number {
    this.locals.push(t);
    return this.fn.params.length + this.locals.length - 1;
  }
}

function control(blk: ir.Block): ir.Value {
  if (blk.control === undefined) throw new Error(`block ${blk.id}: an if block needs a control value`);
  return blk.control;
}

/** Under the return1 protocol the defer block's call returns the flag as its last result. */
function deferFlag(blk: ir.Block): ir.Value {
  const last = blk.instrs[blk.instrs.length - 1];
  if (last?.op !== "call" || last.results.length === 0) {
    throw new Error(`block ${blk.id}: a defer block must end with a call returning the recovery flag`);
  }
  return last.results[last.results.length - 1];
}

const COMPARISONS = new Set<ir.BinOp>(["eq", "ne", "lt_s", "lt_u", "le_s", "le_u", "gt_s", "gt_u", "ge_s", "ge_u"]);

function isComparison(kind: ir.BinOp): boolean {
  return COMPARISONS.has(kind);
}

function i32c(v: number): Instr {
  return { op: "i32.const", imm: [v] };
}

function constOf(t: ir.MType, v: bigint): Instr {
  return t === "i32"
    ? { op: "i32.const", imm: [Number(BigInt.asIntN(32, v))] }
    : { op: "i64.const", imm: [BigInt.asIntN(64, v)] };
}

/** Loads a u32 field of g (at a fixed address). */
function loadG(field: number): Instr[] {
  return [i32c(field), { op: "i32.load", imm: memarg(4, 0) }];
}

function storeG(field: number, value: Instr[]): Instr[] {
  return [i32c(field), ...value, { op: "i32.store", imm: memarg(4, 0) }];
}

/** memarg `[align, offset]` with natural alignment. */
function memarg(size: number, offset: number): number[] {
  return [size, offset];
}

/**
 * Frame addresses (value id -> slot offset) that need no local: those read
 * only as the address of loads and stores become `sp` plus the slot offset
 * in the memarg.
 */
function foldableFrameAddrs(fn: ir.Func): Map<number, number> {
  const offsets = ir.frameAddrValues(fn);
  for (const blk of fn.blocks) {
    for (const ins of blk.instrs) {
      const addressOnly = ins.op === "load" || ins.op === "store" ? ins.addr : undefined;
      for (const u of ir.instrUses(ins)) if (u !== addressOnly) offsets.delete(u.id);
    }
    for (const u of ir.blockUses(blk)) offsets.delete(u.id);
  }
  return offsets;
}

function loadOp(t: ir.MType, size: 1 | 2 | 4 | 8, signed: boolean): string {
  if (size === 8 || (size === 4 && t === "i32")) return checkedWidth(t, size, "load");
  return `${t}.load${size * 8}_${signed ? "s" : "u"}`;
}

function storeOp(t: ir.MType, size: 1 | 2 | 4 | 8): string {
  if (size === 8 || (size === 4 && t === "i32")) return checkedWidth(t, size, "store");
  return `${t}.store${size * 8}`;
}

function checkedWidth(t: ir.MType, size: number, op: string): string {
  if (size === 8 && t !== "i64") throw new Error(`an 8-byte ${op} needs an i64 value`);
  return `${t}.${op}`;
}

/** One bit per 4-byte frame word from sp, set where the word holds a pointer. */
function pointerMap(fn: ir.Func): Uint8Array | undefined {
  const words: number[] = [];
  for (const slot of fn.frameSlots) {
    if (slot.pointerWords.length === 0) continue;
    if (slot.offset % 4 !== 0) throw new Error(`${fn.name}: pointer slot ${slot.name} is not 4-byte aligned`);
    for (const w of slot.pointerWords) words.push(slot.offset / 4 + w);
  }
  if (words.length === 0) return undefined;
  const map = new Uint8Array(Math.ceil(fn.frameSize / 32));
  for (const w of words) map[w >> 3] |= 1 << (w & 7);
  return map;
}
