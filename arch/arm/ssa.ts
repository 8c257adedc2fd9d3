// arm (GOARM=7): the lowering of cmd/compile/internal/arm/ssa.go with the
// frame and stack split of cmd/internal/obj/arm, every value kept in its
// frame home (-N style). Registers are 32 bits: an int64 lives in a register
// pair (low word first in memory, R0:R1 or R2:R3 in registers), added and
// subtracted with the carry, multiplied from 32x32->64 products, shifted and
// compared word by word as Go's rules do, and divided by Go's runtime
// helpers runtime.int64div and friends (ABI0, on the stack). ARMv7-A has no
// divide instruction at all: a 32-bit divide calls runtime.udiv with the
// dividend in R1 and the divisor in R0, on magnitudes, and fixes the signs
// around the call, as Go does.
//
// Frames are Go's: BL leaves the return address in R14, which the prologue
// saves at 0(R13) as it allocates the frame (`MOVW.W R14, -N(R13)`), and
// the epilogue returns by loading it into the PC (`MOVW.P N(R13), R15`). The
// stack check loads g.stackguard0 from 8(g) (g is R10) into R1.
//
// Registers: R0..R3 carry operands (R0, or R0:R1, results), R4 addresses,
// R5 and R12 scratch; R7 is the closure context at calls, R11 (REGTMP) the
// encoder's. Nothing lives in a register across IR instructions, except
// that a value just stored from registers is not reloaded into them.

import type * as ir from "../../host/compiler/ssa/ir.js";
import type { MachineArch } from "../arch.js";
import { abi0Layout } from "../machine/frame.js";
import { GO_G } from "../machine/gfields.js";
import { genssa, STACK_BIG, STACK_SMALL, type Label, type State } from "../machine/genssa.js";
import type { Inst } from "../machine/inst.js";
import type { Lowering } from "../machine/lowering.js";
import * as a from "./asm.js";
import { armRelocPatcher } from "./link.js";

const { R0, R1, R2, R3, R4, R5, R12, REGSP } = a;

const G_STACKGUARD0 = GO_G.stackguard0 * 4;
/** Block zeroing and copying loops over words beyond this many; fewer are unrolled. */
const UNROLLED_WORDS = 8;
/** e_flags: EABI version 5, as GNU as marks its objects. */
const EF_ARM_EABI_VER5 = 0x05000000;
const R_ARM_ABS32 = 2;

type Call = Extract<ir.Instr, { op: "call" }>;
type Access = Extract<ir.Instr, { op: "load" | "store" }>;
type Pair = readonly [a.Reg, a.Reg];

/** The registers a value is loaded into: the first pair, and the second for binary operations. */
const FIRST: Pair = [R0, R1];
const SECOND: Pair = [R2, R3];

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

/** The logical operations, which take a rotated 8-bit immediate as well. */
const LOGIC_OPS: Partial<Record<ir.BinOp, "AND" | "ORR" | "EOR" | "BIC">> = { and: "AND", or: "ORR", xor: "EOR", andnot: "BIC" };
const ALU_OPS: Partial<Record<ir.BinOp, a.AluOp>> = { add: "ADD", sub: "SUB", ...LOGIC_OPS };

/** The low and high words' operations of a 64-bit add or subtract: the carry goes from one to the other. */
const CARRY_OPS: Partial<Record<ir.BinOp, [a.AluOp, a.AluOp]>> = { add: ["ADD.S", "ADC"], sub: ["SUB.S", "SBC"] };

const SHIFT_OPS: Partial<Record<ir.BinOp, a.ShiftOp>> = { shl: "SLL", shr_s: "SRA", shr_u: "SRL" };

/** Go's runtime helpers for 64-bit division on 32-bit machines (runtime/vlrt.go). */
const DIVIDE_HELPERS: Partial<Record<ir.BinOp, string>> = {
  div_s: "runtime.int64div",
  div_u: "runtime.uint64div",
  rem_s: "runtime.int64mod",
  rem_u: "runtime.uint64mod",
};

/** Loads of 1, 2 and 4 bytes: zero-extending, then sign-extending. */
const LOADS: Record<1 | 2 | 4, [a.LoadOp, a.LoadOp]> = { 1: ["MOVBU", "MOVB"], 2: ["MOVHU", "MOVH"], 4: ["MOVW", "MOVW"] };
const STORES: Record<1 | 2 | 4, a.StoreOp> = { 1: "MOVB", 2: "MOVH", 4: "MOVW" };

/** The word indexes of a value: one for an i32, low and high for an i64. */
function words(t: ir.MType): number[] {
  return t === "i64" ? [0, 1] : [0];
}

/** Word k of a constant, as a signed 32-bit number. */
function constWord(value: bigint, k: number): number {
  return Number(BigInt.asIntN(32, value >> BigInt(32 * k)));
}

function isDivide(kind: ir.BinOp): boolean {
  return kind === "div_s" || kind === "div_u" || kind === "rem_s" || kind === "rem_u";
}

class ArmLowering implements Lowering {
  /** 0(R13) holds the frame's saved R14. */
  readonly fixedFrameSize = 4;
  /** At entry R13 is the caller's: its saved R14, then the arguments. */
  readonly entryArgsOffset = 4;
  /** The value the last store wrote from registers, and when (State.step): reloading it right away is redundant. */
  private lastStore: { value: number; regs: readonly a.Reg[]; step: number } = { value: -1, regs: [], step: -1 };

  /** Word-aligned; a leaf with nothing in its frame has none (NOFRAME) and keeps its return address in R14. */
  frameSize(body: number, leaf: boolean): number {
    if (leaf && body <= this.fixedFrameSize) return 0;
    return Math.ceil(body / 4) * 4;
  }

  helperArgsSize(ins: ir.Instr): number {
    if (ins.op === "boundscheck") return abi0Layout(["i64", "i64"], [], 4).size;
    if (ins.op === "binop" && ins.a.type === "i64" && isDivide(ins.kind)) return abi0Layout(["i64", "i64"], ["i64"], 4).size;
    return 0;
  }

  /** Besides panicIndex and the 64-bit divides: every 32-bit divide calls runtime.udiv, and a divide check runtime.panicdivide. */
  callsHelper(ins: ir.Instr): boolean {
    return ins.op === "boundscheck" || ins.op === "divcheck" || (ins.op === "binop" && isDivide(ins.kind));
  }

  /**
   * Go's three shapes by frame size: R13 itself against the guard for
   * small frames, R13 less the frame (in R2) for larger ones, and for huge
   * ones a subtraction whose borrow skips the compare (`CMP.HS`), leaving
   * flags that send BLS to morestack.
   */
  stackCheck(s: State, morestack: Label): void {
    const n = s.frame.size;
    s.prog(...a.load("MOVW", R1, a.REGG, G_STACKGUARD0));
    if (n <= STACK_SMALL) {
      s.prog(a.cmp(REGSP, R1));
    } else if (n <= STACK_BIG) {
      s.prog(...a.addConst(R2, REGSP, -(n - STACK_SMALL)), a.cmp(R2, R1));
    } else {
      s.prog(...a.subsConst(R2, REGSP, n - STACK_SMALL), a.cmp(R2, R1, "HS"));
    }
    s.branch((d) => [a.bcond("LS", d)], morestack);
  }

  prologue(s: State): void {
    const n = s.frame.size;
    if (n > 0) s.prog(...a.storePreIndex(a.REGLINK, REGSP, -n));
    if (s.needsCtxt) this.st(s, [a.REGCTXT], s.fn.params[0]!);
  }

  /** morestack finds the caller's return address in R3. */
  morestack(s: State): void {
    s.prog(a.movReg(R3, a.REGLINK), a.call(s.needsCtxt ? "runtime.morestack" : "runtime.morestack_noctxt"));
    s.branch((d) => [a.jmp(d)], s.entry);
  }

  /** Frees the frame and returns by loading the saved R14 into the PC. */
  private epilogue(s: State): void {
    const n = s.frame.size;
    s.prog(...(n > 0 ? a.loadPostIndex(a.REGPC, REGSP, n) : [a.ret()]));
  }

  // ---------------------------------------------------------------- homes

  /**
   * Loads word k of v into r: from its home, or recomputed (remat.ts) as a
   * constant or as R13 plus a frame offset; not at all when the code just
   * stored it from r.
   */
  private ldw(s: State, v: ir.Value, k: number, r: a.Reg): void {
    const last = this.lastStore;
    if (last.step === s.step && last.value === v.id && last.regs[k] === r) return;
    const remat = s.remat(v);
    if (remat?.kind === "const") s.prog(...a.movConst(r, constWord(remat.value, k)));
    else if (remat?.kind === "frame") s.prog(...a.addConst(r, REGSP, remat.offset));
    else s.prog(...a.load("MOVW", r, REGSP, s.home(v) + 4 * k));
  }

  /** Loads v's words into regs (R0, or R0:R1). */
  private ld(s: State, v: ir.Value, regs: Pair): void {
    for (const k of words(v.type)) this.ldw(s, v, k, regs[k]!);
  }

  /** Stores regs as v's words. */
  private st(s: State, regs: readonly a.Reg[], v: ir.Value): void {
    const home = s.home(v);
    for (const k of words(v.type)) s.prog(...a.store("MOVW", regs[k]!, REGSP, home + 4 * k));
    this.lastStore = { value: v.id, regs, step: s.step };
  }

  /** Stores v's words at an SP offset (an outgoing argument, a result slot), through R0. */
  spill(s: State, v: ir.Value, off: number): void {
    for (const k of words(v.type)) {
      this.ldw(s, v, k, R0);
      s.prog(...a.store("MOVW", R0, REGSP, off + 4 * k));
    }
  }

  /** Copies a value's words from an SP offset (a call's result) to its home, through R1. */
  private unspill(s: State, off: number, v: ir.Value): void {
    for (const k of words(v.type)) s.prog(...a.load("MOVW", R1, REGSP, off + 4 * k), ...a.store("MOVW", R1, REGSP, s.home(v) + 4 * k));
  }

  /** Loads into r one word that is zero exactly when v is (an int64's halves ORed, through R12). */
  private ldCondition(s: State, v: ir.Value, r: a.Reg = R0): void {
    this.ldw(s, v, 0, r);
    if (v.type === "i64") {
      this.ldw(s, v, 1, R12);
      s.prog(a.alu("ORR", r, r, R12));
    }
  }

  private constant(s: State, v: ir.Value): number | undefined {
    const remat = s.remat(v);
    return remat?.kind === "const" && v.type === "i32" ? constWord(remat.value, 0) : undefined;
  }

  /** Fills dst's high word from R0 when dst is an int64: R0's sign, or zero. */
  private extendHigh(s: State, dst: ir.Value, signed: boolean): void {
    if (dst.type !== "i64") return;
    s.prog(...(signed ? [a.shiftConst("SRA", R1, R0, 31)] : a.movConst(R1, 0)));
  }

  /** Stores the flags' condition as dst: 0 or 1 in R0 (Go's `MOVW $0, R0; MOVW.cond $1, R0`). */
  private stCondition(s: State, cond: a.Cond, dst: ir.Value): void {
    s.prog(...setIf(cond, R0));
    this.extendHigh(s, dst, false);
    this.st(s, FIRST, dst);
  }

  // ---------------------------------------------------------------- values

  ssaGenValue(s: State, ins: ir.Instr): void {
    switch (ins.op) {
      case "const":
        // Recomputed where used (remat.ts), unless assigned more than once.
        if (s.remat(ins.dst)) return;
        for (const k of words(ins.dst.type)) s.prog(...a.movConst(FIRST[k]!, constWord(ins.value, k)));
        return this.st(s, FIRST, ins.dst);
      case "frameaddr":
        if (s.remat(ins.dst)) return;
        s.prog(...a.addConst(R0, REGSP, s.frame.frameAddr(ins.offset)));
        return this.st(s, FIRST, ins.dst);
      case "copy":
        this.ld(s, ins.src, FIRST);
        return this.st(s, FIRST, ins.dst);
      case "unop":
        return this.genUnop(s, ins.kind, ins.dst, ins.a);
      case "binop":
        return this.genBinop(s, ins.kind, ins.dst, ins.a, ins.b);
      case "select":
        // Go's conditional moves: MOVW.NE.
        this.ld(s, ins.b, FIRST);
        this.ld(s, ins.a, [R4, R5]);
        this.ldCondition(s, ins.cond, R2);
        s.prog(...a.cmpConst(R2, 0), ...words(ins.dst.type).map((k) => a.movReg(FIRST[k]!, [R4, R5][k]!, "NE")));
        return this.st(s, FIRST, ins.dst);
      case "load":
        return this.genLoad(s, ins);
      case "store":
        return this.genStore(s, ins);
      case "argp":
        s.prog(...a.addConst(R0, REGSP, s.frame.argp));
        return this.st(s, FIRST, ins.dst);
      case "addr":
        s.prog(...a.symAddr(R0, s.symbol(ins.sym), ins.add));
        return this.st(s, FIRST, ins.dst);
      case "funcindex":
        // A function value's code pointer is the function's address.
        s.prog(...a.symAddr(R0, s.symbol(ins.sym)));
        return this.st(s, FIRST, ins.dst);
      case "zero":
        this.ldw(s, ins.addr, 0, R1);
        s.prog(...a.movConst(R3, 0));
        return this.eachChunk(s, ins.size, [R1], (size, off) => a.store(STORES[size], R3, R1, off));
      case "move":
        this.ldw(s, ins.dst, 0, R1);
        this.ldw(s, ins.src, 0, R2);
        return this.eachChunk(s, ins.size, [R1, R2], (size, off) => [...a.load(LOADS[size][0], R3, R2, off), ...a.store(STORES[size], R3, R1, off)]);
      case "call":
        return this.genCall(s, ins);
      case "nilcheck":
        // As Go: a load from the pointer faults when it is nil, and the
        // signal handler turns the fault into a nil-dereference panic.
        this.ldw(s, ins.v, 0, R0);
        s.prog(...a.load("MOVB", a.REGTMP, R0, 0));
        return;
      case "divcheck":
        // runtime.udiv does not check the divisor: Go tests it first.
        this.ldCondition(s, ins.v);
        return this.panicUnless(s, (d) => a.bnez(R0, d), "runtime.panicdivide");
      case "boundscheck":
        return this.genBoundsCheck(s, ins.index, ins.len);
    }
  }

  private genUnop(s: State, kind: ir.UnOp, dst: ir.Value, x: ir.Value): void {
    switch (kind) {
      case "eqz":
        this.ldCondition(s, x);
        s.prog(...a.cmpConst(R0, 0));
        return this.stCondition(s, "EQ", dst);
      case "neg":
        this.ld(s, x, FIRST);
        if (x.type === "i64") s.prog(...a.movConst(R2, 0), a.alu("SUB.S", R0, R2, R0), a.alu("SBC", R1, R2, R1));
        else s.prog(a.neg(R0, R0));
        return this.st(s, FIRST, dst);
      case "not":
        this.ld(s, x, FIRST);
        for (const k of words(x.type)) s.prog(a.mvn(FIRST[k]!, FIRST[k]!));
        return this.st(s, FIRST, dst);
      case "wrap":
      case "extend_s":
      case "sext32":
      case "extend_u":
      case "zext32":
        // The low word is first in memory; the high one is R0's sign or zero.
        this.ldw(s, x, 0, R0);
        this.extendHigh(s, dst, kind === "extend_s" || kind === "sext32");
        return this.st(s, FIRST, dst);
      case "sext8":
      case "sext16":
        this.ldw(s, x, 0, R0);
        s.prog(a.signExtend(R0, R0, kind === "sext8" ? 8 : 16));
        this.extendHigh(s, dst, true);
        return this.st(s, FIRST, dst);
      case "zext8":
      case "zext16":
        this.ldw(s, x, 0, R0);
        s.prog(a.zeroExtend(R0, R0, kind === "zext8" ? 8 : 16));
        this.extendHigh(s, dst, false);
        return this.st(s, FIRST, dst);
    }
  }

  // ---------------------------------------------------------------- binary operations

  private genBinop(s: State, kind: ir.BinOp, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const pair = x.type === "i64";
    const cond = CONDITIONS[kind];
    if (cond !== undefined) return pair ? this.genCompare64(s, kind, dst, x, y) : this.genCompare(s, cond, dst, x, y);
    if (isDivide(kind)) return pair ? this.genDivideCall(s, DIVIDE_HELPERS[kind]!, dst, x, y) : this.genDivide32(s, kind, dst, x, y);
    const shift = SHIFT_OPS[kind];
    if (shift && pair) return this.genShift64(s, kind as "shl" | "shr_s" | "shr_u", dst, x, y);
    if (kind === "mul" && pair) return this.genMul64(s, dst, x, y);
    const imm = this.constant(s, y);
    this.ld(s, x, FIRST);
    if (shift) {
      // The IR takes the count modulo the width; ARM's register shifts give 0 (or the sign) past it.
      this.ldw(s, y, 0, R2);
      s.prog(a.aluConst("AND", R2, R2, 31), a.shift(shift, R0, R0, R2));
    } else if (imm !== undefined && (kind === "add" || kind === "sub")) {
      s.prog(...a.addConst(R0, R0, kind === "add" ? imm : -imm));
    } else if (imm !== undefined && LOGIC_OPS[kind] && a.fitsImmediate(imm)) {
      s.prog(a.aluConst(LOGIC_OPS[kind], R0, R0, imm));
    } else if (kind === "mul") {
      this.ldw(s, y, 0, R2);
      s.prog(a.mul(R0, R0, R2));
    } else if (pair) {
      this.ld(s, y, SECOND);
      const [lo, hi] = CARRY_OPS[kind] ?? [ALU_OPS[kind]!, ALU_OPS[kind]!];
      s.prog(a.alu(lo, R0, R0, R2), a.alu(hi, R1, R1, R3));
    } else {
      this.ldw(s, y, 0, R2);
      s.prog(a.alu(ALU_OPS[kind]!, R0, R0, R2));
    }
    this.st(s, FIRST, dst);
  }

  private genCompare(s: State, cond: a.Cond, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const imm = this.constant(s, y);
    this.ldw(s, x, 0, R0);
    if (imm !== undefined) s.prog(...a.cmpConst(R0, imm));
    else {
      this.ldw(s, y, 0, R2);
      s.prog(a.cmp(R0, R2));
    }
    this.stCondition(s, cond, dst);
  }

  /**
   * 64-bit compares as Go's rules do them: equality ORs the XORed halves;
   * an ordering holds when the high words order strictly (signed or
   * unsigned as asked), or are equal and the low words order unsigned.
   */
  private genCompare64(s: State, kind: ir.BinOp, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    this.ld(s, x, FIRST);
    this.ld(s, y, SECOND);
    if (kind === "eq" || kind === "ne") {
      s.prog(a.alu("EOR", R0, R0, R2), a.alu("EOR", R1, R1, R3), a.alu("ORR", R0, R0, R1), ...a.cmpConst(R0, 0));
      return this.stCondition(s, kind === "eq" ? "EQ" : "NE", dst);
    }
    const rel = kind.slice(0, 2) as "lt" | "le" | "gt" | "ge";
    const below = rel === "lt" || rel === "le";
    const high: a.Cond = kind.endsWith("_s") ? (below ? "LT" : "GT") : below ? "LO" : "HI";
    const low: a.Cond = { lt: "LO", le: "LS", gt: "HI", ge: "HS" }[rel] as a.Cond;
    s.prog(a.cmp(R1, R3), ...setIf("EQ", R4), ...setIf(high, R5));
    s.prog(a.cmp(R0, R2), ...setIf(low, R12), a.alu("AND", R4, R4, R12), a.alu("ORR", R0, R5, R4));
    this.extendHigh(s, dst, false);
    this.st(s, FIRST, dst);
  }

  /** The low 64 bits of x*y: the low words' 64-bit product (MULLU), plus the cross products in the high word. */
  private genMul64(s: State, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    this.ld(s, x, FIRST);
    this.ld(s, y, SECOND);
    s.prog(a.mul(R4, R1, R2), a.mul(R5, R0, R3), a.mull(false, R1, R3, R0, R2), a.alu("ADD", R1, R1, R4), a.alu("ADD", R1, R1, R5));
    this.st(s, [R3, R1], dst);
  }

  /**
   * 64-bit shifts by a count c taken modulo 64, as Go's rules build them
   * from 32-bit register shifts, which give 0 (or the sign) for counts of
   * 32 to 255: the moved word gets its own shift ORed with the other word
   * shifted by 32-c and by c-32, one of which always comes out 0. An
   * arithmetic shift's c-32 term is the sign unless c >= 32, so it is
   * masked with -(c>>5).
   */
  private genShift64(s: State, kind: "shl" | "shr_s" | "shr_u", dst: ir.Value, x: ir.Value, y: ir.Value): void {
    this.ld(s, x, FIRST);
    this.ldw(s, y, 0, R2);
    s.prog(a.aluConst("AND", R2, R2, 63));
    // Bits move from one word `into` the other: from the low word into the
    // high one for shl, the other way for right shifts. `into` shifts
    // logically, `from` as the operation asks, and what crosses over comes
    // back the opposite way by 32-c.
    const [into, from] = kind === "shl" ? [R1, R0] : [R0, R1];
    const intoShift: a.ShiftOp = kind === "shl" ? "SLL" : "SRL";
    const fromShift = SHIFT_OPS[kind]!;
    const back: a.ShiftOp = kind === "shl" ? "SRL" : "SLL";
    s.prog(a.shift(intoShift, into, into, R2));
    s.prog(a.aluConst("RSB", R3, R2, 32), a.shift(back, R4, from, R3), a.alu("ORR", into, into, R4));
    s.prog(...a.addConst(R3, R2, -32), a.shift(fromShift, R4, from, R3));
    if (kind === "shr_s") s.prog(a.shiftConst("SRL", R5, R2, 5), a.neg(R5, R5), a.alu("AND", R4, R4, R5));
    s.prog(a.alu("ORR", into, into, R4), a.shift(fromShift, from, from, R2));
    this.st(s, FIRST, dst);
  }

  /**
   * Go's 32-bit divide: runtime.udiv of the magnitudes (dividend in R1,
   * divisor in R0; quotient back in R0, remainder in R1), then the
   * quotient takes the sign of x^y and the remainder that of x. udiv
   * clobbers R2 and R3, so the operands are reloaded after it.
   */
  private genDivide32(s: State, kind: ir.BinOp, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const quotient = kind.startsWith("div");
    if (kind.endsWith("_u")) {
      this.ldw(s, y, 0, R0);
      this.ldw(s, x, 0, R1);
      s.prog(a.callUdiv());
      return this.st(s, [quotient ? R0 : R1], dst);
    }
    this.ldw(s, x, 0, R2);
    this.ldw(s, y, 0, R3);
    s.prog(...withSignOf(R1, R2, R2), ...withSignOf(R0, R3, R3), a.callUdiv());
    this.ldw(s, x, 0, R2);
    if (quotient) {
      this.ldw(s, y, 0, R3);
      s.prog(a.alu("EOR", R2, R2, R3), ...withSignOf(R0, R0, R2));
    } else {
      s.prog(...withSignOf(R0, R1, R2));
    }
    this.st(s, FIRST, dst);
  }

  /** 64-bit divide and remainder: Go's runtime helpers, called with ABI0. */
  private genDivideCall(s: State, helper: string, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const f = s.frame.helperFrame(["i64", "i64"], ["i64"]);
    this.spill(s, x, f.args[0]!);
    this.spill(s, y, f.args[1]!);
    s.prog(a.call(helper));
    this.unspill(s, f.results[0]!, dst);
  }

  // ---------------------------------------------------------------- memory

  /** The memory a load or store addresses: a field of g, a frame slot, or through its address value in R4. */
  private address(s: State, ins: Access): { base: a.Reg; disp: number } {
    const gOff = s.gField(ins);
    if (gOff !== undefined) return { base: a.REGG, disp: gOff };
    const remat = s.remat(ins.addr);
    if (remat?.kind === "frame") return { base: REGSP, disp: remat.offset + ins.offset };
    this.ldw(s, ins.addr, 0, R4);
    return { base: R4, disp: ins.offset };
  }

  private genLoad(s: State, ins: Extract<ir.Instr, { op: "load" }>): void {
    const m = this.address(s, ins);
    if (ins.size === 8) {
      s.prog(...a.load("MOVW", R0, m.base, m.disp), ...a.load("MOVW", R1, m.base, m.disp + 4));
    } else {
      s.prog(...a.load(LOADS[ins.size][ins.signed ? 1 : 0], R0, m.base, m.disp));
      this.extendHigh(s, ins.dst, ins.signed);
    }
    this.st(s, FIRST, ins.dst);
  }

  private genStore(s: State, ins: Extract<ir.Instr, { op: "store" }>): void {
    const m = this.address(s, ins);
    if (ins.size === 8) {
      this.ld(s, ins.src, FIRST);
      s.prog(...a.store("MOVW", R0, m.base, m.disp), ...a.store("MOVW", R1, m.base, m.disp + 4));
      return;
    }
    this.ldw(s, ins.src, 0, R0);
    s.prog(...a.store(STORES[ins.size], R0, m.base, m.disp));
  }

  /**
   * Applies `chunk` to `size` bytes at the addresses in `ptrs`: words (in a
   * loop that advances the pointers when there are more than
   * UNROLLED_WORDS), then the 2- and 1-byte rest.
   */
  private eachChunk(s: State, size: number, ptrs: a.Reg[], chunk: (size: 1 | 2 | 4, off: number) => Inst[]): void {
    let off = 0;
    const count = Math.floor(size / 4);
    if (count > UNROLLED_WORDS) {
      const loop = s.label("loop");
      s.prog(...a.addConst(R5, ptrs[0]!, count * 4));
      s.bind(loop);
      s.prog(...chunk(4, 0));
      for (const p of ptrs) s.prog(...a.addConst(p, p, 4));
      s.prog(a.cmp(ptrs[0]!, R5));
      s.branch((d) => [a.bcond("NE", d)], loop);
    } else {
      for (; off + 4 <= size; off += 4) s.prog(...chunk(4, off));
    }
    const rest = size % 4;
    for (const n of [2, 1] as const) {
      if (rest & n) {
        s.prog(...chunk(n, off));
        off += n;
      }
    }
  }

  // ---------------------------------------------------------------- calls and checks

  /**
   * ABI0: the arguments are stored in the outgoing area from 4(R13), the
   * closure context goes in R7, and the results are copied back from the
   * area. A func value's code pointer is its first word (`MOVW (R7), R0;
   * BL (R0)`).
   */
  private genCall(s: State, c: Call): void {
    const cf = s.frame.callFrame(c);
    for (const { v, off } of cf.args) this.spill(s, v, off);
    if (cf.ctx) this.ldw(s, cf.ctx, 0, a.REGCTXT);
    switch (c.target.kind) {
      case "static":
      case "runtime":
        s.prog(a.call(s.callee(c.target)));
        break;
      case "closure":
        s.prog(...a.load("MOVW", R0, a.REGCTXT, 0), a.callReg(R0));
        break;
      case "indirect":
        this.ldw(s, c.target.index, 0, R0);
        s.prog(a.callReg(R0));
        break;
    }
    // Through R1: under the return1 protocol deferproc's recovery flag in
    // R0 must reach the defer block's test after the results are saved.
    for (const { v, off } of cf.results) this.unspill(s, off, v);
  }

  /**
   * index < len unsigned, else runtime.panicIndex(index, len) with ABI0
   * arguments: the high words compare, and when they are equal (CMP.EQ)
   * the low ones.
   */
  private genBoundsCheck(s: State, index: ir.Value, len: ir.Value): void {
    this.ld(s, index, FIRST);
    this.ld(s, len, SECOND);
    const f = s.frame.helperFrame(["i64", "i64"], []);
    this.panicUnless(s, (d) => [a.cmp(R1, R3), a.cmp(R0, R2, "EQ"), a.bcond("LO", d - 8)], "runtime.panicIndex", () => {
      [R0, R1].forEach((r, k) => s.prog(...a.store("MOVW", r, REGSP, f.args[0]! + 4 * k)));
      [R2, R3].forEach((r, k) => s.prog(...a.store("MOVW", r, REGSP, f.args[1]! + 4 * k)));
    });
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
    this.ldCondition(s, cond);
    s.branch((d) => (nonZero ? a.bnez(R0, d) : a.beqz(R0, d)), to);
  }

  branchIfRecovered(s: State, to: Label): void {
    // deferproc and deferprocStack return 1 in R0 when a deferred call
    // recovered: Go's `CMP $0, R0; BNE` to the deferreturn block.
    s.branch((d) => a.bnez(R0, d), to);
  }

  ret(s: State): void {
    this.epilogue(s);
  }

  exitPad(s: State): void {
    s.prog(a.nop());
  }
}

/** rd = 1 if the flags satisfy cond, else 0, leaving the flags alone. */
function setIf(cond: a.Cond, rd: a.Reg): Inst[] {
  return [...a.movConst(rd, 0), ...a.movConst(rd, 1, cond)];
}

/** rd = rv negated when rsign is negative (rv XOR its sign mask, less the mask): Go's `EOR Rs->31, Rv, R4; SUB Rs->31, R4, Rd`. */
function withSignOf(rd: a.Reg, rv: a.Reg, rsign: a.Reg): Inst[] {
  return [a.aluShifted("EOR", R4, rv, rsign, "SRA", 31), a.aluShifted("SUB", rd, R4, rsign, "SRA", 31)];
}

export const armArch: MachineArch = {
  name: "arm",
  ptrSize: 4,
  bigEndian: false,
  // The ARM psABI's relocations are REL: addends live in the patched field.
  elf: { machine: 40, class: 32, flags: EF_ARM_EABI_VER5, rela: false, absPtr: [R_ARM_ABS32, "R_ARM_ABS32"], abs32: [R_ARM_ABS32, "R_ARM_ABS32"] },
  // BL with R_ARM_CALL on its only word.
  call: { size: 4, relocOffset: 0 },
  funcAlign: 4,
  // Every instruction is a word and functions are word-aligned, so nothing is ever padded.
  pad: a.nop().bytes,
  reloc: armRelocPatcher,
  lowering: new ArmLowering(),
  lower: (fn, opts) => genssa(armArch, fn, opts),
};
