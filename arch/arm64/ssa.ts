// arm64: the lowering of cmd/compile/internal/arm64/ssa.go with the frame
// and stack split of cmd/internal/obj/arm64, every value kept in its frame
// home (-N style). An i32 is a W-register word (loaded zero-extended), an
// i64 an X-register one.
//
// Frames are Go's: BL leaves the return address in R30, which the prologue
// saves at 0(RSP) as it allocates the frame (`MOVD.W R30, -N(RSP)`, or for
// frames past MOVD.W's reach `SUB $N, RSP, R20; STP (R29, R30), -8(R20);
// MOVD R20, RSP`), with the caller's frame pointer R29 just below the new
// RSP, in the 8 or 16 bytes every frame keeps free at its top for it. The
// stack check loads g.stackguard0 from 16(g) (g is R28) into R16 and
// compares it with RSP, or with RSP less the frame in R17.
//
// Registers: R0 and R1 carry operands (R0 results), R2 addresses; block
// zeroing and copying walk R1 (and R2) up to R4 through R3. R26 is the
// closure context at calls, R27 (REGTMP) the encoder's. Nothing lives in a
// register across IR instructions, except that a value just stored from a
// register is not reloaded into it.

import type * as ir from "../../host/compiler/ssa/ir.js";
import type { MachineArch } from "../arch.js";
import { abi0Layout } from "../machine/frame.js";
import { GO_G } from "../machine/gfields.js";
import { genssa, STACK_BIG, STACK_SMALL, type Label, type State } from "../machine/genssa.js";
import type { Inst } from "../machine/inst.js";
import type { Lowering } from "../machine/lowering.js";
import * as a from "./asm.js";
import { arm64RelocPatcher } from "./link.js";

const { R0, R1, R2, R3, R4, R20, RSP, ZR } = a;

const G_STACKGUARD0 = GO_G.stackguard0 * 8;
/** The largest frame Go allocates with one MOVD.W: its offset reaches -256, and SP stays 16-aligned. */
const MAX_PREINDEX_FRAME = 0xf0;
/** Block zeroing and copying loops over 8-byte words beyond this many; fewer are unrolled. */
const UNROLLED_WORDS = 8;

const R_AARCH64_ABS64 = 257;
const R_AARCH64_ABS32 = 258;

type Call = Extract<ir.Instr, { op: "call" }>;
type Access = Extract<ir.Instr, { op: "load" | "store" }>;
type Size = 1 | 2 | 4 | 8;

const CONDITIONS: Partial<Record<ir.BinOp, a.Cond>> = {
  eq: "EQ",
  ne: "NE",
  lt_s: "LT",
  lt_u: "LO",
  le_s: "LE",
  le_u: "LS",
  gt_s: "GT",
  gt_u: "HI",
  ge_s: "GE",
  ge_u: "HS",
};

/** The register-register instruction of each arithmetic and logic operation; shifts take the count modulo the width, as the IR does. */
const ALU_OPS: Partial<Record<ir.BinOp, a.AluOp>> = {
  add: "ADD",
  sub: "SUB",
  mul: "MUL",
  div_s: "SDIV",
  div_u: "UDIV",
  and: "AND",
  or: "ORR",
  xor: "EOR",
  andnot: "BIC",
  shl: "LSL",
  shr_s: "ASR",
  shr_u: "LSR",
};

/** The logical operations with an immediate form; and-not is AND with the complement. */
const LOGIC_OPS: Partial<Record<ir.BinOp, "AND" | "ORR" | "EOR">> = { and: "AND", or: "ORR", xor: "EOR", andnot: "AND" };

/** Loads by size: zero-extending, then sign-extending. */
const LOADS: Record<Size, [a.LoadOp, a.LoadOp]> = { 1: ["MOVBU", "MOVB"], 2: ["MOVHU", "MOVH"], 4: ["MOVWU", "MOVW"], 8: ["MOVD", "MOVD"] };
const STORES: Record<Size, a.StoreOp> = { 1: "MOVB", 2: "MOVH", 4: "MOVW", 8: "MOVD" };

const NO_STORE = { value: -1, reg: -1, step: -1 };

function width(t: ir.MType): a.Width {
  return t === "i64" ? 64 : 32;
}

function bytes(t: ir.MType): 4 | 8 {
  return t === "i64" ? 8 : 4;
}

function alignUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

class Arm64Lowering implements Lowering {
  /** The value the last store wrote from a register, and when (State.step): reloading it right away is redundant. */
  private lastStore = NO_STORE;
  /** 0(RSP) holds the frame's saved R30. */
  readonly fixedFrameSize = 8;
  /** At entry RSP is the caller's: its saved R30, then the arguments. */
  readonly entryArgsOffset = 8;

  /**
   * Go's frame: the body rounded to 8 bytes, then 8 or 16 more at the top
   * for the caller's R29, so that RSP stays 16-aligned. A leaf with nothing
   * in its frame has none (NOFRAME): it keeps its return address in R30.
   */
  frameSize(body: number, leaf: boolean): number {
    if (leaf && body <= this.fixedFrameSize) return 0;
    return alignUp(alignUp(body, 8) + 8, 16);
  }

  helperArgsSize(ins: ir.Instr): number {
    return ins.op === "boundscheck" ? abi0Layout(["i64", "i64"], [], 8).size : 0;
  }

  /** The bounds check's runtime.panicIndex and the divide check's runtime.panicdivide. */
  callsHelper(ins: ir.Instr): boolean {
    return ins.op === "boundscheck" || ins.op === "divcheck";
  }

  /**
   * Go's three shapes by frame size: RSP itself against the guard for
   * small frames, RSP less the frame (in R17) for larger ones, and for
   * huge ones a subtraction that branches to morestack when it wraps.
   */
  stackCheck(s: State, morestack: Label): void {
    const n = s.frame.size;
    s.prog(...a.load("MOVD", a.REGRT1, a.REGG, G_STACKGUARD0));
    if (n <= STACK_SMALL) {
      s.prog(a.cmp(RSP, a.REGRT1));
    } else if (n <= STACK_BIG) {
      s.prog(...a.addConst(a.REGRT2, RSP, -(n - STACK_SMALL)), a.cmp(a.REGRT2, a.REGRT1));
    } else {
      s.prog(...a.subsConst(a.REGRT2, RSP, n - STACK_SMALL));
      s.branch((d) => [a.bcond("LO", d)], morestack);
      s.prog(a.cmp(a.REGRT2, a.REGRT1));
    }
    s.branch((d) => [a.bcond("LS", d)], morestack);
  }

  /**
   * Saves R30 and R29 as the frame is allocated, so that a traceback never
   * sees half a frame, then points R29 at the saved R29.
   */
  prologue(s: State): void {
    const n = s.frame.size;
    if (n === 0) return;
    if (n <= MAX_PREINDEX_FRAME) {
      s.prog(a.storePreIndex(a.REGLINK, RSP, -n), ...a.store("MOVD", a.REGFP, RSP, -8));
    } else {
      s.prog(...a.addConst(R20, RSP, -n), a.storePair(a.REGFP, a.REGLINK, R20, -8), a.movReg(RSP, R20));
    }
    s.prog(...a.addConst(a.REGFP, RSP, -8));
    if (s.needsCtxt) this.st(s, a.REGCTXT, s.fn.params[0]!);
  }

  /** morestack finds the caller's return address in R3. */
  morestack(s: State): void {
    s.prog(a.movReg(R3, a.REGLINK), a.call(s.needsCtxt ? "runtime.morestack" : "runtime.morestack_noctxt"));
    s.branch((d) => [a.jmp(d)], s.entry);
  }

  private epilogue(s: State): void {
    const n = s.frame.size;
    if (n > 0) s.prog(a.loadPair(a.REGFP, a.REGLINK, RSP, -8), ...a.addConst(RSP, RSP, n));
    s.prog(a.ret());
  }

  // ---------------------------------------------------------------- homes

  /**
   * Loads v into r: from its home (an i32 zero-extended), or recomputed
   * (remat.ts) as a constant or RSP plus a frame offset; not at all when
   * the code just stored it from r.
   */
  private ld(s: State, v: ir.Value, r: a.Reg): void {
    const remat = s.remat(v);
    const last = this.lastStore;
    if (last.step === s.step && last.value === v.id && last.reg === r) return;
    if (remat?.kind === "const") s.prog(...a.movConst(r, remat.value, width(v.type)));
    else if (remat?.kind === "frame") s.prog(...a.addConst(r, RSP, remat.offset));
    else s.prog(...a.load(LOADS[bytes(v.type)][0], r, RSP, s.home(v)));
  }

  /**
   * Stores r as v; a following ld of v into r then loads nothing
   * (State.step) unless `reloads`: r holds more than an i32's zero-extended
   * word (a sign-extension, the high half of a wrapped i64). Addresses are
   * below 4 GiB (docs/abi.md section 14), so they are their i32s.
   */
  private st(s: State, r: a.Reg, v: ir.Value, reloads = false): void {
    s.prog(...a.store(STORES[bytes(v.type)], r, RSP, s.home(v)));
    this.lastStore = reloads && v.type === "i32" ? NO_STORE : { value: v.id, reg: r, step: s.step };
  }

  /** Stores v at an SP offset (an outgoing argument, a result slot), through R0. */
  spill(s: State, v: ir.Value, off: number): void {
    this.ld(s, v, R0);
    s.prog(...a.store(STORES[bytes(v.type)], R0, RSP, off));
  }

  private constant(s: State, v: ir.Value): bigint | undefined {
    const remat = s.remat(v);
    return remat?.kind === "const" ? remat.value : undefined;
  }

  // ---------------------------------------------------------------- values

  ssaGenValue(s: State, ins: ir.Instr): void {
    switch (ins.op) {
      case "const":
        // Recomputed where used (remat.ts), unless assigned more than once.
        if (s.remat(ins.dst)) return;
        s.prog(...a.movConst(R0, ins.value, width(ins.dst.type)));
        return this.st(s, R0, ins.dst);
      case "frameaddr":
        if (s.remat(ins.dst)) return;
        s.prog(...a.addConst(R0, RSP, s.frame.frameAddr(ins.offset)));
        return this.st(s, R0, ins.dst);
      case "copy":
        this.ld(s, ins.src, R0);
        return this.st(s, R0, ins.dst);
      case "unop":
        return this.genUnop(s, ins.kind, ins.dst, ins.a);
      case "binop":
        return this.genBinop(s, ins.kind, ins.dst, ins.a, ins.b);
      case "select":
        this.ld(s, ins.a, R0);
        this.ld(s, ins.b, R1);
        this.ld(s, ins.cond, R2);
        s.prog(a.cmp(R2, ZR, width(ins.cond.type)), a.csel("NE", R0, R0, R1, width(ins.dst.type)));
        return this.st(s, R0, ins.dst);
      case "load": {
        const m = this.address(s, ins);
        s.prog(...a.load(LOADS[m.size][ins.signed ? 1 : 0], R0, m.base, m.disp));
        return this.st(s, R0, ins.dst, ins.signed);
      }
      case "store": {
        const m = this.address(s, ins);
        this.ld(s, ins.src, R0);
        s.prog(...a.store(STORES[m.size], R0, m.base, m.disp));
        return;
      }
      case "argp":
        s.prog(...a.addConst(R0, RSP, s.frame.argp));
        return this.st(s, R0, ins.dst);
      case "addr":
        s.prog(...a.symAddr(R0, s.symbol(ins.sym), ins.add));
        return this.st(s, R0, ins.dst);
      case "funcindex":
        // A function value's code pointer is the function's address.
        s.prog(...a.symAddr(R0, s.symbol(ins.sym)));
        return this.st(s, R0, ins.dst);
      case "zero":
        this.ld(s, ins.addr, R1);
        return this.eachChunk(s, ins.size, [R1], (size, off) => a.store(STORES[size], ZR, R1, off));
      case "move":
        this.ld(s, ins.dst, R1);
        this.ld(s, ins.src, R2);
        return this.eachChunk(s, ins.size, [R1, R2], (size, off) => [...a.load(LOADS[size][0], R3, R2, off), ...a.store(STORES[size], R3, R1, off)]);
      case "call":
        return this.genCall(s, ins);
      case "nilcheck":
        // As Go: a load from the pointer faults when it is nil, and the
        // signal handler turns the fault into a nil-dereference panic.
        this.ld(s, ins.v, R0);
        s.prog(...a.load("MOVB", a.REGTMP, R0, 0));
        return;
      case "divcheck":
        // SDIV and UDIV give 0 for a zero divisor: Go tests it first.
        this.ld(s, ins.v, R0);
        return this.panicUnless(s, (d) => [...a.cmpConst(R0, 0, width(ins.v.type)), a.bcond("NE", d - 4)], "runtime.panicdivide");
      case "boundscheck": {
        // index < len unsigned, else runtime.panicIndex(index, len) with ABI0 arguments.
        this.ld(s, ins.index, R0);
        this.ld(s, ins.len, R1);
        const f = s.frame.helperFrame(["i64", "i64"], []);
        return this.panicUnless(s, (d) => [a.cmp(R0, R1), a.bcond("LO", d - 4)], "runtime.panicIndex", () => {
          s.prog(...a.store("MOVD", R0, RSP, f.args[0]!), ...a.store("MOVD", R1, RSP, f.args[1]!));
        });
      }
    }
  }

  private genUnop(s: State, kind: ir.UnOp, dst: ir.Value, x: ir.Value): void {
    const w = width(x.type);
    this.ld(s, x, R0);
    switch (kind) {
      case "eqz":
        s.prog(a.cmp(R0, ZR, w), a.cset("EQ", R0));
        break;
      case "neg":
        s.prog(a.neg(R0, R0, w));
        break;
      case "not":
        s.prog(a.mvn(R0, R0, w));
        break;
      case "wrap":
        // The 32-bit store keeps the low word (and st reloads it).
        break;
      case "extend_s":
      case "sext32":
        s.prog(a.signExtend(R0, R0, 32));
        break;
      case "extend_u":
      case "zext32":
        s.prog(a.zeroExtend(R0, R0, 32));
        break;
      case "sext8":
        s.prog(a.signExtend(R0, R0, 8));
        break;
      case "sext16":
        s.prog(a.signExtend(R0, R0, 16));
        break;
      case "zext8":
        s.prog(a.zeroExtend(R0, R0, 8));
        break;
      case "zext16":
        s.prog(a.zeroExtend(R0, R0, 16));
        break;
    }
    this.st(s, R0, dst, kind === "wrap" || kind === "sext8" || kind === "sext16");
  }

  /**
   * Constants on the right of adds, subtracts and compares become
   * immediates (through REGTMP when they do not fit), and of logical
   * operations when they are logical immediates.
   */
  private genBinop(s: State, kind: ir.BinOp, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const w = width(x.type);
    const imm = this.constant(s, y);
    this.ld(s, x, R0);
    const cond = CONDITIONS[kind];
    if (cond !== undefined) {
      if (imm !== undefined) s.prog(...a.cmpConst(R0, imm, w));
      else {
        this.ld(s, y, R1);
        s.prog(a.cmp(R0, R1, w));
      }
      s.prog(a.cset(cond, R0));
    } else if (imm !== undefined && (kind === "add" || kind === "sub")) {
      s.prog(...a.addConst(R0, R0, kind === "add" ? imm : -imm, w));
    } else if (imm !== undefined && LOGIC_OPS[kind] && a.isLogicalImm(kind === "andnot" ? ~imm : imm, w)) {
      s.prog(a.logicConst(LOGIC_OPS[kind], R0, R0, kind === "andnot" ? ~imm : imm, w));
    } else {
      this.ld(s, y, R1);
      if (kind === "rem_s" || kind === "rem_u") s.prog(...a.rem(kind === "rem_s", R0, R0, R1, w));
      else s.prog(a.alu(ALU_OPS[kind]!, R0, R0, R1, w));
    }
    this.st(s, R0, dst);
  }

  /**
   * The memory a load or store addresses, and its size: a field of g, read
   * and written whole (Go's pointer-sized field, as the wrapper prologue's
   * `MOVD 32(g), R16`), a frame slot, or through its address value in R2.
   */
  private address(s: State, ins: Access): { base: a.Reg; disp: number; size: Size } {
    const gOff = s.gField(ins);
    if (gOff !== undefined) return { base: a.REGG, disp: gOff, size: 8 };
    const remat = s.remat(ins.addr);
    if (remat?.kind === "frame") return { base: RSP, disp: remat.offset + ins.offset, size: ins.size };
    this.ld(s, ins.addr, R2);
    return { base: R2, disp: ins.offset, size: ins.size };
  }

  /**
   * Applies `chunk` to `size` bytes at the addresses in `ptrs`: 8-byte
   * words (in a loop that advances the pointers when there are more than
   * UNROLLED_WORDS), then the 4-, 2- and 1-byte rest.
   */
  private eachChunk(s: State, size: number, ptrs: a.Reg[], chunk: (size: Size, off: number) => Inst[]): void {
    let off = 0;
    const words = Math.floor(size / 8);
    if (words > UNROLLED_WORDS) {
      const loop = s.label("loop");
      s.prog(...a.addConst(R4, ptrs[0]!, words * 8));
      s.bind(loop);
      s.prog(...chunk(8, 0));
      for (const p of ptrs) s.prog(...a.addConst(p, p, 8));
      s.prog(a.cmp(ptrs[0]!, R4));
      s.branch((d) => [a.bcond("NE", d)], loop);
    } else {
      for (; off + 8 <= size; off += 8) s.prog(...chunk(8, off));
    }
    const rest = size % 8;
    for (const n of [4, 2, 1] as const) {
      if (rest & n) {
        s.prog(...chunk(n, off));
        off += n;
      }
    }
  }

  // ---------------------------------------------------------------- calls and checks

  /**
   * ABI0: the arguments are stored in the outgoing area from 8(RSP), the
   * closure context goes in R26, and the results are loaded back from the
   * area. A func value's code pointer is its first word (`MOVWU (R26), R0;
   * BL (R0)`).
   */
  private genCall(s: State, c: Call): void {
    const cf = s.frame.callFrame(c);
    for (const { v, off } of cf.args) this.spill(s, v, off);
    if (cf.ctx) this.ld(s, cf.ctx, a.REGCTXT);
    switch (c.target.kind) {
      case "static":
      case "runtime":
        s.prog(a.call(s.callee(c.target)));
        break;
      case "closure":
        s.prog(...a.load("MOVWU", R0, a.REGCTXT, 0), a.callReg(R0));
        break;
      case "indirect":
        this.ld(s, c.target.index, R0);
        s.prog(a.callReg(R0));
        break;
    }
    // Through R1: under the return1 protocol deferproc's recovery flag in
    // R0 must reach the defer block's test after the results are saved.
    for (const { v, off } of cf.results) {
      s.prog(...a.load(LOADS[bytes(v.type)][0], R1, RSP, off));
      this.st(s, R1, v);
    }
  }

  /**
   * Branches over a call of the runtime's panic function `fn` with the
   * sequence `skip` makes (given its displacement), after `args` stores the
   * call's arguments. A NOP after the call keeps its return address on the
   * check's line, as Go's Ginsnop after a call that does not return.
   */
  private panicUnless(s: State, skip: (disp: number) => Inst[], fn: string, args?: () => void): void {
    const ok = s.label("ok");
    s.branch(skip, ok);
    args?.();
    s.prog(a.call(fn), a.nop());
    s.bind(ok);
  }

  // ---------------------------------------------------------------- blocks

  jump(s: State, to: Label): void {
    s.branch((d) => [a.jmp(d)], to);
  }

  condJump(s: State, cond: ir.Value, nonZero: boolean, to: Label): void {
    this.ld(s, cond, R0);
    s.branch((d) => (nonZero ? a.bnez(R0, d) : a.beqz(R0, d)), to);
  }

  branchIfRecovered(s: State, to: Label): void {
    // deferproc and deferprocStack return 1 in R0 when a deferred call
    // recovered: Go's `CMP $0, R0; BNE` to the deferreturn block.
    s.branch((d) => [...a.cmpConst(R0, 0), a.bcond("NE", d - 4)], to);
  }

  ret(s: State): void {
    this.epilogue(s);
  }

  exitPad(s: State): void {
    s.prog(a.nop());
  }
}

export const arm64Arch: MachineArch = {
  name: "arm64",
  ptrSize: 8,
  bigEndian: false,
  elf: { machine: 183, class: 64, flags: 0, rela: true, absPtr: [R_AARCH64_ABS64, "R_AARCH64_ABS64"], abs32: [R_AARCH64_ABS32, "R_AARCH64_ABS32"] },
  // BL with R_AARCH64_CALL26 on its only word.
  call: { size: 4, relocOffset: 0 },
  funcAlign: 16,
  // Go's linker pads between functions with zero words, UDF #0.
  pad: a.undef().bytes,
  reloc: arm64RelocPatcher,
  lowering: new Arm64Lowering(),
  lower: (fn, opts) => genssa(arm64Arch, fn, opts),
};
