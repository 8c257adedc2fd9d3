// mips (GOARCH=mips: 32-bit, big-endian, MIPS32 hardfloat): the lowering
// shared with mips64 and loong64 (ssa-shared.ts) with Go's mips frame and
// registers, and an i64 in a register pair as Go's 32-bit ports keep it.
//
// Frame: the prologue stores R31 below SP, lowers SP by the frame (a
// multiple of 4) and stores R31 again at 0(SP), as Go's obj0.go does;
// arguments start at 4(SP). g lives in R30, the closure context in R22,
// R23 is the assembler's. The stack check loads g.stackguard0 (8(g)) into
// R1 and compares with SGTU, using R2 for SP less a large frame; the
// morestack call gets the caller's R31 in R3. Every jump, branch and call
// carries its delay-slot NOOP (ssa-shared.ts's withDelaySlot).
//
// Registers: R1 and R2 carry the first operand and every result (an i64's
// low and high word), R3 and R4 the second; R5..R7 are scratch, R8 and R9
// addresses; R1 also receives deferproc's recovery flag under return1 (Go's
// runtime·return0 clears it).
//
// i64 values: 8 bytes in their home, the high word first (big-endian, as
// Go lays an int64 out in memory and in ABI0 argument slots). Add and
// subtract carry through SGTU, multiply takes the 32x32->64 product of the
// low words (MULU) and adds the cross products to its high word, shifts
// move bits between the words and then a whole word when the count has
// bit 5 set, compares order the high words and then the low ones unsigned,
// and divide and remainder call Go's runtime helpers (runtime.int64div,
// uint64div, int64mod, uint64mod), which test the divisor themselves.

import type * as ir from "../../host/compiler/ssa/ir.js";
import type { MachineArch } from "../arch.js";
import { abi0Layout } from "../machine/frame.js";
import { genssa, type State } from "../machine/genssa.js";
import { mips, type Reg } from "./asm.js";
import { mipsRelocPatcher, R_MIPS_32 } from "./link.js";
import { CONDITIONS, isCompare, MIPS_REGS, MipsFamilyLowering, withDelaySlot, type Word } from "./ssa-shared.js";

/** e_flags as Go writes them for mips: EF_MIPS_ARCH_32, the O32 ABI, EF_MIPS_CPIC. */
const EF_MIPS_32_O32_CPIC = 0x50001004;

/** Go's runtime helpers for 64-bit division on 32-bit machines (runtime/vlrt.go). */
const DIVIDE_HELPERS: Record<"div_s" | "div_u" | "rem_s" | "rem_u", string> = {
  div_s: "runtime.int64div",
  div_u: "runtime.uint64div",
  rem_s: "runtime.int64mod",
  rem_u: "runtime.uint64mod",
};

function isDivide(kind: ir.BinOp): kind is keyof typeof DIVIDE_HELPERS {
  return kind in DIVIDE_HELPERS;
}

/** The low word and the high word of an i64's home: big-endian, the high word first. */
const PAIR: Word[] = [
  { w: 4, off: 4 },
  { w: 4, off: 0 },
];

class MipsLowering extends MipsFamilyLowering {
  constructor() {
    super(mips, MIPS_REGS, 4, withDelaySlot, (rd, a, b) => mips.mul(rd, a, b));
  }

  protected override words(t: ir.MType): Word[] {
    return t === "i64" ? PAIR : super.words(t);
  }

  override helperArgsSize(ins: ir.Instr): number {
    if (this.divideHelper(ins)) return abi0Layout(["i64", "i64"], ["i64"], 4).size;
    return super.helperArgsSize(ins);
  }

  /** The i64 divisor check is runtime.int64div's own; the i64 divide is a call. */
  override callsHelper(ins: ir.Instr): boolean {
    if (ins.op === "divcheck") return ins.v.type === "i32";
    return super.callsHelper(ins) || this.divideHelper(ins) !== undefined;
  }

  private divideHelper(ins: ir.Instr): string | undefined {
    return ins.op === "binop" && ins.a.type === "i64" && isDivide(ins.kind) ? DIVIDE_HELPERS[ins.kind] : undefined;
  }

  override ssaGenValue(s: State, ins: ir.Instr): void {
    // runtime.int64div and friends panic on a zero divisor, as in Go.
    if (ins.op === "divcheck" && ins.v.type === "i64") return;
    super.ssaGenValue(s, ins);
  }

  // ---------------------------------------------------------------- pairs

  /** Sets r to the sign of the i32 in lo: 0 or -1 (`SRA $31`, the count in a scratch register). */
  private signOf(s: State, r: Reg, lo: Reg): void {
    const n = this.regs.t[2];
    s.prog(...mips.movConst(n, 31), ...mips.sra(r, lo, n));
  }

  protected override genUnop(s: State, kind: ir.UnOp, dst: ir.Value, x: ir.Value): void {
    if (dst.type === "i32" && x.type === "i32") return super.genUnop(s, kind, dst, x);
    const [lo, hi] = this.regs.a;
    const zero = this.regs.zero;
    const t = this.regs.t[0];
    switch (kind) {
      case "eqz":
      case "wrap":
        return super.genUnop(s, kind, dst, x);
      case "neg":
        // -(hi:lo) = (-hi - borrow):(-lo), with a borrow when lo is not zero.
        this.ld(s, x, [lo, hi]);
        s.prog(...mips.sgtu(t, lo, zero), ...mips.negw(lo, lo), ...mips.negw(hi, hi), ...mips.subu(hi, hi, t));
        return this.st(s, [lo, hi], dst);
      case "not":
        this.ld(s, x, [lo, hi]);
        s.prog(...mips.not(lo, lo), ...mips.not(hi, hi));
        return this.st(s, [lo, hi], dst);
      case "extend_s":
      case "sext32":
        this.ldw(s, x, 0, lo);
        this.signOf(s, hi, lo);
        return this.st(s, [lo, hi], dst);
      case "extend_u":
      case "zext32":
        this.ldw(s, x, 0, lo);
        return this.st(s, [lo, zero], dst);
      case "sext8":
      case "sext16":
        this.ldw(s, x, 0, lo);
        s.prog(...mips.extend(kind === "sext8" ? "B" : "H", lo, lo));
        this.signOf(s, hi, lo);
        return this.st(s, [lo, hi], dst);
      case "zext8":
      case "zext16":
        this.ldw(s, x, 0, lo);
        s.prog(...mips.extend(kind === "zext8" ? "BU" : "HU", lo, lo));
        return this.st(s, [lo, zero], dst);
    }
  }

  protected override genBinop(s: State, kind: ir.BinOp, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    if (x.type === "i32") return super.genBinop(s, kind, dst, x, y);
    if (isCompare(kind)) {
      const r = this.compare64(s, kind, x, y);
      return this.st(s, [r], dst);
    }
    switch (kind) {
      case "div_s":
      case "div_u":
      case "rem_s":
      case "rem_u":
        return this.genDivideCall(s, DIVIDE_HELPERS[kind], dst, x, y);
      case "shl":
      case "shr_s":
      case "shr_u":
        return this.genShift64(s, kind, dst, x, y);
      default:
        return this.genArith64(s, kind, dst, x, y);
    }
  }

  /** Addition and subtraction carry between the words; the bitwise operations go word by word. */
  private genArith64(s: State, kind: "add" | "sub" | "mul" | "and" | "or" | "xor" | "andnot", dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const [lo, hi] = this.regs.a;
    const [ylo, yhi] = this.regs.b;
    const t = this.regs.t;
    this.ld(s, x, [lo, hi]);
    this.ld(s, y, [ylo, yhi]);
    switch (kind) {
      case "add":
        s.prog(...mips.addCarry(lo, t[0], lo, ylo), ...mips.addu(hi, hi, yhi), ...mips.addu(hi, hi, t[0]));
        break;
      case "sub":
        s.prog(...mips.subBorrow(lo, t[0], lo, ylo), ...mips.subu(hi, hi, yhi), ...mips.subu(hi, hi, t[0]));
        break;
      case "mul":
        // The cross products land in the high word only; lo*lo gives both words.
        s.prog(
          ...mips.mul(t[1], lo, yhi),
          ...mips.mul(hi, hi, ylo),
          ...mips.addu(hi, hi, t[1]),
          ...mips.mulWideU(t[0], lo, lo, ylo),
          ...mips.addu(hi, hi, t[0]),
        );
        break;
      case "and":
      case "or":
      case "xor":
      case "andnot":
        s.prog(...this.arith(kind, "i32", lo, ylo), ...this.arith(kind, "i32", hi, yhi));
        break;
    }
    this.st(s, [lo, hi], dst);
  }

  /**
   * An i64 comparison into a register: equality ORs the XORed words; x < y
   * is (xhi < yhi) | (xhi == yhi & xlo < ylo unsigned), signed or not in
   * the high words. `>` and `<=` swap the operands of `<` and `>=`.
   */
  private compare64(s: State, kind: keyof typeof CONDITIONS, x: ir.Value, y: ir.Value): Reg {
    const [lo, hi] = this.regs.a;
    const [ylo, yhi] = this.regs.b;
    const [t0, t1] = this.regs.t;
    if (kind === "eq" || kind === "ne") {
      this.ld(s, x, [lo, hi]);
      this.ld(s, y, [ylo, yhi]);
      s.prog(...mips.xor(lo, lo, ylo), ...mips.xor(hi, hi, yhi), ...mips.or(lo, lo, hi));
      s.prog(...(kind === "eq" ? mips.sgtuImm(lo, 1, lo) : mips.sgtu(lo, lo, this.regs.zero)));
      return lo;
    }
    const swap = kind.startsWith("gt") || kind.startsWith("le");
    this.ld(s, swap ? y : x, [lo, hi]);
    this.ld(s, swap ? x : y, [ylo, yhi]);
    const signed = kind.endsWith("_s");
    s.prog(
      ...(signed ? mips.sgt(t0, yhi, hi) : mips.sgtu(t0, yhi, hi)),
      ...mips.xor(t1, hi, yhi),
      ...mips.sgtuImm(t1, 1, t1),
      ...mips.sgtu(lo, ylo, lo),
      ...mips.and(lo, lo, t1),
      ...mips.or(lo, lo, t0),
    );
    // `<=` and `>=` are the negations of the swapped and the plain `<`.
    if (kind.startsWith("le") || kind.startsWith("ge")) s.prog(...mips.xorImm(lo, lo, 1));
    return lo;
  }

  protected override lessU64(s: State, x: ir.Value, y: ir.Value): Reg {
    return this.compare64(s, "lt_u", x, y);
  }

  /**
   * i64 shifts by a count taken modulo 64. For the count n modulo 32 the
   * words shift and the bits crossing between them move over: a right
   * shift of the low word by 32-n is done as (lo>>1)>>(31-n), ~n's low
   * five bits, so that n = 0 moves nothing. When n has bit 5 set, a whole
   * word moves over and the vacated word becomes 0 or the sign.
   */
  private genShift64(s: State, kind: "shl" | "shr_s" | "shr_u", dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const [lo, hi] = this.regs.a;
    const [one, c31] = this.regs.b;
    const [n, notN, cross] = this.regs.t;
    const zero = this.regs.zero;
    const done = s.label("shift");
    this.ld(s, x, [lo, hi]);
    this.ldw(s, y, 0, n);
    s.prog(...mips.not(notN, n), ...mips.movConst(one, 1));
    if (kind === "shl") {
      s.prog(...mips.srl(cross, lo, one), ...mips.srl(cross, cross, notN), ...mips.sll(hi, hi, n), ...mips.or(hi, hi, cross), ...mips.sll(lo, lo, n));
    } else {
      s.prog(...mips.sll(cross, hi, one), ...mips.sll(cross, cross, notN), ...mips.srl(lo, lo, n), ...mips.or(lo, lo, cross));
      s.prog(...(kind === "shr_s" ? mips.sra(hi, hi, n) : mips.srl(hi, hi, n)));
    }
    s.prog(...mips.andImm(notN, n, 32));
    this.branch(s, done, (d) => mips.beqz(notN, d));
    if (kind === "shl") s.prog(...mips.mov(hi, lo), ...mips.mov(lo, zero));
    else if (kind === "shr_u") s.prog(...mips.mov(lo, hi), ...mips.mov(hi, zero));
    else s.prog(...mips.mov(lo, hi), ...mips.movConst(c31, 31), ...mips.sra(hi, hi, c31));
    s.bind(done);
    this.st(s, [lo, hi], dst);
  }

  /** 64-bit divide and remainder: Go's runtime helpers, called with ABI0. */
  private genDivideCall(s: State, helper: string, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const f = s.frame.helperFrame(["i64", "i64"], ["i64"]);
    this.spill(s, x, f.args[0]!);
    this.spill(s, y, f.args[1]!);
    this.call(s, helper);
    this.fill(s, f.results[0]!, dst);
  }

  // ---------------------------------------------------------------- i64 loads and stores

  /** An i64 load reads both words, or extends a narrower value into the high word. */
  protected override genLoad(s: State, ins: Extract<ir.Instr, { op: "load" }>): void {
    if (ins.dst.type === "i32") return super.genLoad(s, ins);
    const [lo, hi] = this.regs.a;
    const { base, disp } = this.target(s, ins);
    if (ins.size === 8) {
      s.prog(...mips.load("W", hi, base, disp), ...mips.load("W", lo, base, disp + 4));
      return this.st(s, [lo, hi], ins.dst);
    }
    const w = ({ 1: "B", 2: "H", 4: "W" } as const)[ins.size];
    s.prog(...mips.load(ins.signed || w === "W" ? w : `${w}U`, lo, base, disp));
    if (!ins.signed) return this.st(s, [lo, this.regs.zero], ins.dst);
    this.signOf(s, hi, lo);
    this.st(s, [lo, hi], ins.dst);
  }

  /** An 8-byte store writes both words, the high one first. */
  protected override genStore(s: State, ins: Extract<ir.Instr, { op: "store" }>): void {
    if (ins.size !== 8 || ins.src.type === "i32") return super.genStore(s, ins);
    const { base, disp } = this.target(s, ins);
    const [lo, hi] = this.regs.a;
    const rlo = this.src(s, ins.src, 0, lo);
    const rhi = this.src(s, ins.src, 1, hi);
    s.prog(...mips.store("W", rhi, base, disp), ...mips.store("W", rlo, base, disp + 4));
  }
}

export const mipsArch: MachineArch = {
  name: "mips",
  ptrSize: 4,
  bigEndian: true,
  // The O32 psABI's relocations are REL: addends live in the patched field.
  elf: { machine: 8, class: 32, flags: EF_MIPS_32_O32_CPIC, rela: false, absPtr: [R_MIPS_32, "R_MIPS_32"], abs32: [R_MIPS_32, "R_MIPS_32"] },
  // JAL with R_MIPS_26 on its first word, then the delay slot.
  call: { size: 8, relocOffset: 0 },
  funcAlign: 4,
  pad: mips.nop()[0]!.bytes,
  reloc: mipsRelocPatcher(true),
  lowering: new MipsLowering(),
  lower: (fn, opts) => genssa(mipsArch, fn, opts),
};
