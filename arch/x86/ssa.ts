// The x86 lowering shared by amd64 and 386, the counterpart of
// cmd/compile/internal/amd64/ssa.go and x86/ssa.go with every value kept in
// its frame home (-N style). A value is one word on amd64 (4 or 8 bytes)
// and one or two 4-byte words on 386, where an int64 lives in a register
// pair (low word first in memory, AX:DX or CX:BX in registers) and its
// multiply, shifts and compares are done word by word, its divide by Go's
// runtime helpers (runtime.int64div and friends), as Go's 386 port does.
//
// Registers: AX, CX, DX, BX carry operands (AX and DX also results, CX
// shift counts and addresses); DX is the closure context at calls; SI and
// DI are the string operations' pointers. Nothing lives in a register
// across IR instructions.

import type * as ir from "../../host/compiler/ssa/ir.js";
import { abi0Layout, sizeOf } from "../machine/frame.js";
import { GO_G } from "../machine/gfields.js";
import { STACK_BIG, STACK_SMALL, type Label, type State } from "../machine/genssa.js";
import type { Lowering } from "../machine/lowering.js";
import { Alu, AX, BX, CX, Cond, DI, DX, mem, REGCTXT, Shift, SI, SP, X86, type Mem, type Reg } from "./asm.js";

/** One word of a value: its width and offset in the value's home. */
interface Word {
  w: 4 | 8;
  off: number;
}

/** The registers a value is loaded into: the first pair, and the second for binary operations. */
const FIRST: [Reg, Reg] = [AX, DX];
const SECOND: [Reg, Reg] = [CX, BX];

const CONDITIONS: Partial<Record<ir.BinOp, Cond>> = {
  eq: Cond.EQ,
  ne: Cond.NE,
  lt_s: Cond.LT,
  lt_u: Cond.CS,
  le_s: Cond.LE,
  le_u: Cond.LS,
  gt_s: Cond.GT,
  gt_u: Cond.HI,
  ge_s: Cond.GE,
  ge_u: Cond.CC,
};

/** Go's runtime helpers for 64-bit division on 32-bit machines (runtime/vlrt.go). */
const DIVIDE_HELPERS: Partial<Record<ir.BinOp, string>> = {
  div_s: "runtime.int64div",
  div_u: "runtime.uint64div",
  rem_s: "runtime.int64mod",
  rem_u: "runtime.uint64mod",
};

type Call = Extract<ir.Instr, { op: "call" }>;

/** The parts of the lowering amd64 and 386 do differently: the frame and the stack check. */
export abstract class X86Lowering implements Lowering {
  readonly fixedFrameSize = 0;
  /** CALL pushes the return address; the arguments are above it. */
  readonly entryArgsOffset: number;
  private readonly pw: 4 | 8;
  /** The word the last store wrote from a register, and when (State.step): reloading it right away is redundant. */
  private lastStore = { value: -1, word: -1, reg: -1, step: -1 };

  constructor(readonly asm: X86) {
    this.pw = asm.ptrWidth;
    this.entryArgsOffset = this.pw;
  }

  abstract frameSize(body: number): number;
  /** The stack check's register for SP less the frame: amd64's R12, 386's AX. */
  protected abstract readonly stackScratch: Reg;
  /** Allocates the frame; the closure context is saved by prologue(). */
  protected abstract allocFrame(s: State): void;
  /** Frees the frame before RET. */
  protected abstract freeFrame(s: State): void;
  /** A register holding g, loading it first if it lives in memory (386's TLS); it must not be AX or DX. */
  protected abstract gReg(s: State): Reg;

  /**
   * Go's three shapes by frame size: SP itself for small frames, SP less
   * the frame for larger ones (in stackScratch), and for huge ones a
   * subtraction that checks for wrapping below zero first; g.stackguard0 is
   * read from gReg.
   */
  stackCheck(s: State, morestack: Label): void {
    const a = this.asm;
    const w = this.pw;
    const r = this.stackScratch;
    const n = s.frame.size;
    const guard = mem(this.gReg(s), GO_G.stackguard0 * w);
    if (n <= STACK_SMALL) {
      s.prog(a.cmpRegMem(w, SP, guard));
    } else if (n <= STACK_BIG) {
      s.prog(a.lea(w, r, mem(SP, -(n - STACK_SMALL))), a.cmpRegMem(w, r, guard));
    } else {
      s.prog(a.movRegReg(w, r, SP), a.aluImm(Alu.SUB, w, r, n - STACK_SMALL));
      s.branch((d) => [a.jcc(Cond.CS, d)], morestack);
      s.prog(a.cmpRegMem(w, r, guard));
    }
    s.branch((d) => [a.jcc(Cond.LS, d)], morestack);
  }

  prologue(s: State): void {
    this.allocFrame(s);
    if (s.needsCtxt) s.prog(this.asm.store(4, this.sp(s.home(s.fn.params[0]!)), REGCTXT));
  }

  morestack(s: State): void {
    s.prog(this.asm.call(s.needsCtxt ? "runtime.morestack" : "runtime.morestack_noctxt"));
    s.branch((d) => [this.asm.jmp(d)], s.entry);
  }

  helperArgsSize(ins: ir.Instr): number {
    if (ins.op === "boundscheck") return abi0Layout(["i64", "i64"], [], this.pw).size;
    if (ins.op === "binop" && this.words(ins.a.type).length === 2 && DIVIDE_HELPERS[ins.kind]) {
      return abi0Layout(["i64", "i64"], ["i64"], this.pw).size;
    }
    return 0;
  }

  // ---------------------------------------------------------------- words and homes

  /** The words of a value of type t: one on amd64, two 4-byte words for an int64 on 386. */
  protected words(t: ir.MType): Word[] {
    const size = sizeOf(t);
    if (size <= this.pw) return [{ w: size === 8 ? 8 : 4, off: 0 }];
    return [
      { w: 4, off: 0 },
      { w: 4, off: 4 },
    ];
  }

  protected sp(off: number): Mem {
    return mem(SP, off);
  }

  /**
   * Loads word k of v into r: from its home, or recomputed (remat.ts) as a
   * constant or as SP plus a frame offset. `w` 4 reads only the low half of
   * an 8-byte word (a shift count, an address).
   */
  private ldw(s: State, v: ir.Value, k: number, r: Reg, w?: 4 | 8): void {
    const wd = this.words(v.type)[k]!;
    const width = w ?? wd.w;
    const remat = s.remat(v);
    const last = this.lastStore;
    if (last.step === s.step && last.value === v.id && last.word === k && last.reg === r && width === wd.w) return;
    if (remat?.kind === "const") s.prog(this.asm.movConst(width, r, remat.value >> BigInt(8 * wd.off)));
    else if (remat?.kind === "frame") s.prog(this.asm.lea(this.pw, r, this.sp(remat.offset)));
    else s.prog(this.asm.load(width, width, false, r, this.sp(s.home(v) + wd.off)));
  }

  /** Loads v's words into regs (AX, or AX:DX). */
  private ld(s: State, v: ir.Value, regs: Reg[]): void {
    this.words(v.type).forEach((_, k) => this.ldw(s, v, k, regs[k]!));
  }

  /** Stores v's words at an SP offset (an outgoing argument, a result slot), through AX. */
  spill(s: State, v: ir.Value, off: number): void {
    this.words(v.type).forEach((wd, k) => {
      this.ldw(s, v, k, AX);
      s.prog(this.asm.store(wd.w, this.sp(off + wd.off), AX));
    });
  }

  /** Word k of v as an ALU immediate, when v is a constant whose word fits the sign-extended imm32. */
  private imm(s: State, v: ir.Value, k: number): number | undefined {
    const remat = s.remat(v);
    if (remat?.kind !== "const") return undefined;
    const wd = this.words(v.type)[k]!;
    const word = BigInt.asIntN(wd.w * 8, remat.value >> BigInt(8 * wd.off));
    return word >= -(1n << 31n) && word < 1n << 31n ? Number(word) : undefined;
  }

  /** Stores regs into v's words. */
  private st(s: State, regs: Reg[], v: ir.Value): void {
    const home = s.home(v);
    const words = this.words(v.type);
    words.forEach((wd, k) => s.prog(this.asm.store(wd.w, this.sp(home + wd.off), regs[k]!)));
    if (words.length === 1) this.lastStore = { value: v.id, word: 0, reg: regs[0]!, step: s.step };
  }

  /** Copies `size` bytes between two SP offsets through a register, a pointer-sized word at a time. */
  private copy(s: State, from: number, to: number, size: number, via: Reg): void {
    for (let off = 0; off < size; off += this.pw) {
      const w = Math.min(this.pw, size - off) as 4 | 8;
      s.prog(this.asm.load(w, w, false, via, this.sp(from + off)), this.asm.store(w, this.sp(to + off), via));
    }
  }

  /** Stores AX (0 or 1, already zero-extended) as v, clearing v's high word on 386. */
  private stBool(s: State, v: ir.Value): void {
    if (this.words(v.type).length === 2) s.prog(this.asm.alu(Alu.XOR, 4, DX, DX));
    this.st(s, FIRST, v);
  }

  /**
   * Loads v into r as one word that is zero exactly when v is (on 386 the
   * halves ORed, through BX) and returns its width.
   */
  private ldCondition(s: State, v: ir.Value, r: Reg = AX): 4 | 8 {
    const words = this.words(v.type);
    this.ldw(s, v, 0, r);
    if (words.length === 2) {
      this.ldw(s, v, 1, BX);
      s.prog(this.asm.alu(Alu.OR, 4, r, BX));
    }
    return words[0]!.w;
  }

  // ---------------------------------------------------------------- values

  ssaGenValue(s: State, ins: ir.Instr): void {
    const a = this.asm;
    switch (ins.op) {
      case "const":
        // Recomputed where used (remat.ts), unless assigned more than once.
        if (s.remat(ins.dst)) return;
        this.words(ins.dst.type).forEach((wd, k) => s.prog(a.movConst(wd.w, FIRST[k]!, ins.value >> BigInt(wd.off * 8))));
        return this.st(s, FIRST, ins.dst);
      case "frameaddr":
        if (s.remat(ins.dst)) return;
        s.prog(a.lea(this.pw, AX, this.sp(s.frame.frameAddr(ins.offset))));
        return this.st(s, FIRST, ins.dst);
      case "copy":
        this.ld(s, ins.src, FIRST);
        return this.st(s, FIRST, ins.dst);
      case "unop":
        return this.genUnop(s, ins.kind, ins.dst, ins.a);
      case "binop":
        return this.genBinop(s, ins.kind, ins.dst, ins.a, ins.b);
      case "select": {
        const skip = s.label("select");
        this.ld(s, ins.b, FIRST);
        const w = this.ldCondition(s, ins.cond, CX);
        s.branch((d) => a.branchIfZero(w, CX, d), skip);
        this.ld(s, ins.a, FIRST);
        s.bind(skip);
        return this.st(s, FIRST, ins.dst);
      }
      case "load":
        return this.genLoad(s, ins);
      case "store":
        return this.genStore(s, ins);
      case "argp":
        s.prog(a.lea(this.pw, AX, this.sp(s.frame.argp)));
        return this.st(s, FIRST, ins.dst);
      case "addr":
        s.prog(a.leaSym(AX, s.symbol(ins.sym), ins.add));
        return this.st(s, FIRST, ins.dst);
      case "funcindex":
        // A function value's code pointer is the function's address.
        s.prog(a.leaSym(AX, s.symbol(ins.sym)));
        return this.st(s, FIRST, ins.dst);
      case "zero":
        this.ldw(s, ins.addr, 0, DI);
        s.prog(a.movConst(4, CX, ins.size), a.alu(Alu.XOR, 4, AX, AX), a.repStosb());
        return;
      case "move":
        this.ldw(s, ins.dst, 0, DI);
        this.ldw(s, ins.src, 0, SI);
        s.prog(a.movConst(4, CX, ins.size), a.repMovsb());
        return;
      case "call":
        return this.genCall(s, ins);
      case "nilcheck":
        // As Go: a load from the pointer faults when it is nil, and the
        // signal handler turns the fault into a nil-dereference panic.
        this.ldw(s, ins.v, 0, AX);
        s.prog(a.testByteMem(AX, mem(AX)));
        return;
      case "divcheck":
        // The divide instruction itself faults on zero (and runtime.int64div
        // checks), which the runtime turns into panicdivide, as in Go.
        return;
      case "boundscheck":
        return this.genBoundsCheck(s, ins.index, ins.len);
    }
  }

  private genUnop(s: State, kind: ir.UnOp, dst: ir.Value, x: ir.Value): void {
    const a = this.asm;
    const pair = this.words(dst.type).length === 2;
    switch (kind) {
      case "eqz": {
        const w = this.ldCondition(s, x);
        s.prog(a.test(w, AX, AX), a.setcc(Cond.EQ, AX), a.extend(4, 1, false, AX, AX));
        return this.stBool(s, dst);
      }
      case "neg":
        this.ld(s, x, FIRST);
        if (pair) s.prog(a.neg(4, AX), a.aluImm(Alu.ADC, 4, DX, 0), a.neg(4, DX));
        else s.prog(a.neg(this.words(x.type)[0]!.w, AX));
        return this.st(s, FIRST, dst);
      case "not":
        this.ld(s, x, FIRST);
        this.words(x.type).forEach((wd, k) => s.prog(a.not(wd.w, FIRST[k]!)));
        return this.st(s, FIRST, dst);
      case "wrap":
        this.ldw(s, x, 0, AX, 4);
        return this.st(s, FIRST, dst);
      case "extend_s":
      case "sext32":
        return this.extendInto(s, dst, x, 4, true);
      case "extend_u":
      case "zext32":
        return this.extendInto(s, dst, x, 4, false);
      case "sext8":
        return this.extendInto(s, dst, x, 1, true);
      case "sext16":
        return this.extendInto(s, dst, x, 2, true);
      case "zext8":
        return this.extendInto(s, dst, x, 1, false);
      case "zext16":
        return this.extendInto(s, dst, x, 2, false);
    }
  }

  /** dst = the low `from` bytes of x, sign- or zero-extended: loaded so from x's home, or extended in AX. */
  private extendInto(s: State, dst: ir.Value, x: ir.Value, from: 1 | 2 | 4, signed: boolean): void {
    if (!s.remat(x)) {
      this.loadExtended(s, dst.type, from, signed, this.sp(s.home(x)));
      return this.st(s, FIRST, dst);
    }
    const a = this.asm;
    const words = this.words(dst.type);
    this.ldw(s, x, 0, AX, 4);
    if (words.length === 1) s.prog(a.extend(words[0]!.w, from, signed, AX, AX));
    else s.prog(...(from < 4 ? [a.extend(4, from, signed, AX, AX)] : []), signed ? a.signExtendAX(4) : a.alu(Alu.XOR, 4, DX, DX));
    this.st(s, FIRST, dst);
  }

  /** AX (and DX for a pair) = the `size` bytes at m, extended to type t. */
  private loadExtended(s: State, t: ir.MType, size: 1 | 2 | 4 | 8, signed: boolean, m: Mem): void {
    const a = this.asm;
    const words = this.words(t);
    if (words.length === 1) {
      s.prog(a.load(words[0]!.w, size, signed, AX, m));
      return;
    }
    if (size === 8) {
      s.prog(a.load(4, 4, false, AX, m), a.load(4, 4, false, DX, mem(m.base, m.disp + 4)));
      return;
    }
    s.prog(a.load(4, size, signed, AX, m));
    s.prog(signed ? a.signExtendAX(4) : a.alu(Alu.XOR, 4, DX, DX));
  }

  /** The memory a load or store addresses: a frame slot, a field of g, or through its address value in CX. */
  private target(s: State, ins: Extract<ir.Instr, { op: "load" | "store" }>): Mem {
    const gOff = s.gField(ins);
    if (gOff !== undefined) return mem(this.gReg(s), gOff);
    const remat = s.remat(ins.addr);
    if (remat?.kind === "frame") return this.sp(remat.offset + ins.offset);
    this.ldw(s, ins.addr, 0, CX, 4);
    return mem(CX, ins.offset);
  }

  private genLoad(s: State, ins: Extract<ir.Instr, { op: "load" }>): void {
    this.loadExtended(s, ins.dst.type, ins.size, ins.signed, this.target(s, ins));
    this.st(s, FIRST, ins.dst);
  }

  private genStore(s: State, ins: Extract<ir.Instr, { op: "store" }>): void {
    const m = this.target(s, ins);
    this.ld(s, ins.src, FIRST);
    for (let off = 0, k = 0; off < ins.size; off += this.pw, k++) {
      const size = Math.min(ins.size - off, this.pw) as 1 | 2 | 4 | 8;
      s.prog(this.asm.store(size, mem(m.base, m.disp + off), FIRST[k]!));
    }
  }

  // ---------------------------------------------------------------- binary operations

  private genBinop(s: State, kind: ir.BinOp, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const words = this.words(x.type);
    const cond = CONDITIONS[kind];
    if (cond !== undefined) return words.length === 2 ? this.genCompare64(s, kind, dst, x, y) : this.genCompare(s, cond, dst, x, y);
    if (words.length === 2) {
      const helper = DIVIDE_HELPERS[kind];
      if (helper) return this.genDivideCall(s, helper, dst, x, y);
      if (kind === "mul") return this.genMul64(s, dst, x, y);
      if (kind === "shl" || kind === "shr_s" || kind === "shr_u") return this.genShift64(s, kind, dst, x, y);
    }
    const a = this.asm;
    const w = words[0]!.w;
    this.ld(s, x, FIRST);
    switch (kind) {
      case "add":
      case "sub":
      case "and":
      case "or":
      case "xor":
      case "andnot": {
        words.forEach((wd, k) => {
          const op = wordOp(kind, k);
          const imm = this.imm(s, y, k);
          if (imm !== undefined) return s.prog(a.aluImm(op, wd.w, FIRST[k]!, kind === "andnot" ? ~imm : imm));
          this.ldw(s, y, k, SECOND[k]!);
          if (kind === "andnot") s.prog(a.not(wd.w, SECOND[k]!));
          s.prog(a.alu(op, wd.w, FIRST[k]!, SECOND[k]!));
        });
        break;
      }
      case "mul":
        this.ld(s, y, SECOND);
        s.prog(a.imul(w, AX, CX));
        break;
      case "div_s":
      case "div_u":
      case "rem_s":
      case "rem_u": {
        this.ld(s, y, SECOND);
        const signed = kind.endsWith("_s");
        s.prog(signed ? a.signExtendAX(w) : a.alu(Alu.XOR, 4, DX, DX), signed ? a.idiv(w, CX) : a.div(w, CX));
        // The remainder is in DX.
        if (kind.startsWith("rem")) s.prog(a.movRegReg(w, AX, DX));
        break;
      }
      case "shl":
      case "shr_s":
      case "shr_u":
        // The count's low word suffices: the hardware takes it modulo the width, as the IR does.
        this.ldw(s, y, 0, CX, 4);
        s.prog(a.shift(SHIFTS[kind], w, AX));
        break;
      default:
        throw new Error(`x86: binop ${kind} is not lowered`);
    }
    this.st(s, FIRST, dst);
  }

  private genCompare(s: State, cond: Cond, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const a = this.asm;
    const w = this.words(x.type)[0]!.w;
    const imm = this.imm(s, y, 0);
    this.ld(s, x, FIRST);
    if (imm !== undefined) {
      s.prog(a.aluImm(Alu.CMP, w, AX, imm));
    } else {
      this.ld(s, y, SECOND);
      s.prog(a.alu(Alu.CMP, w, AX, CX));
    }
    s.prog(a.setcc(cond, AX), a.extend(4, 1, false, AX, AX));
    this.stBool(s, dst);
  }

  /**
   * 64-bit compares on 386: equality ORs the XORed halves; an ordering
   * subtracts with borrow (CMPL lo, SBBL hi), whose flags order the whole
   * 64-bit values. `>` and `<=` swap the operands of `<` and `>=`.
   */
  private genCompare64(s: State, kind: ir.BinOp, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const a = this.asm;
    let cond: Cond;
    if (kind === "eq" || kind === "ne") {
      this.ld(s, x, FIRST);
      this.ld(s, y, SECOND);
      s.prog(a.alu(Alu.XOR, 4, AX, CX), a.alu(Alu.XOR, 4, DX, BX), a.alu(Alu.OR, 4, AX, DX));
      cond = kind === "eq" ? Cond.EQ : Cond.NE;
    } else {
      const swap = kind.startsWith("gt") || kind.startsWith("le");
      this.ld(s, swap ? y : x, FIRST);
      this.ld(s, swap ? x : y, SECOND);
      s.prog(a.alu(Alu.CMP, 4, AX, CX), a.alu(Alu.SBB, 4, DX, BX));
      const signed = kind.endsWith("_s");
      const less = kind.startsWith("lt") || kind.startsWith("gt");
      cond = signed ? (less ? Cond.LT : Cond.GE) : less ? Cond.CS : Cond.CC;
    }
    s.prog(a.setcc(cond, AX), a.extend(4, 1, false, AX, AX));
    this.stBool(s, dst);
  }

  /** The low 64 bits of x*y from 32-bit halves: lo*lo widened, plus the cross products in the high word. */
  private genMul64(s: State, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const a = this.asm;
    this.ldw(s, x, 1, CX);
    this.ldw(s, y, 0, BX);
    s.prog(a.imul(4, CX, BX));
    this.ldw(s, x, 0, AX);
    this.ldw(s, y, 1, DX);
    s.prog(a.imul(4, DX, AX), a.alu(Alu.ADD, 4, CX, DX), a.mul(4, BX), a.alu(Alu.ADD, 4, DX, CX));
    this.st(s, FIRST, dst);
  }

  /**
   * 64-bit shifts on 386 by a count taken modulo 64: SHLD/SHRD move bits
   * between the halves for the count modulo 32, and a count of 32 or more
   * then moves a whole half over.
   */
  private genShift64(s: State, kind: "shl" | "shr_s" | "shr_u", dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const a = this.asm;
    const done = s.label("shift");
    this.ld(s, x, FIRST);
    this.ldw(s, y, 0, CX);
    if (kind === "shl") s.prog(a.shld(4, DX, AX), a.shift(Shift.SHL, 4, AX));
    else s.prog(a.shrd(4, AX, DX), a.shift(SHIFTS[kind], 4, DX));
    s.prog(a.testImm(4, CX, 32));
    s.branch((d) => [a.jcc(Cond.EQ, d)], done);
    if (kind === "shl") s.prog(a.movRegReg(4, DX, AX), a.alu(Alu.XOR, 4, AX, AX));
    else if (kind === "shr_u") s.prog(a.movRegReg(4, AX, DX), a.alu(Alu.XOR, 4, DX, DX));
    else s.prog(a.movRegReg(4, AX, DX), a.shiftImm(Shift.SAR, 4, DX, 31));
    s.bind(done);
    this.st(s, FIRST, dst);
  }

  /** 386's 64-bit divide and remainder: Go's runtime helpers, called with ABI0. */
  private genDivideCall(s: State, helper: string, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const f = s.frame.helperFrame(["i64", "i64"], ["i64"]);
    this.spill(s, x, f.args[0]!);
    this.spill(s, y, f.args[1]!);
    s.prog(this.asm.call(helper));
    this.copy(s, f.results[0]!, s.home(dst), 8, AX);
  }

  // ---------------------------------------------------------------- calls and checks

  /**
   * ABI0: the arguments are copied to the outgoing area, the closure
   * context goes in DX, and the results are copied back from the area. A
   * func value's code pointer is its first word (`MOVL (DX), AX; CALL AX`).
   */
  private genCall(s: State, c: Call): void {
    const a = this.asm;
    const cf = s.frame.callFrame(c);
    for (const { v, off } of cf.args) this.spill(s, v, off);
    if (cf.ctx) this.ldw(s, cf.ctx, 0, REGCTXT);
    switch (c.target.kind) {
      case "static":
      case "runtime":
        s.prog(a.call(s.callee(c.target)));
        break;
      case "closure":
        s.prog(a.load(4, 4, false, AX, mem(REGCTXT)), a.callReg(AX));
        break;
      case "indirect":
        this.ldw(s, c.target.index, 0, AX);
        s.prog(a.callReg(AX));
        break;
    }
    // Through CX: under the return1 protocol deferproc's recovery flag in
    // AX must reach the defer block's test after the results are saved.
    for (const { v, off } of cf.results) this.copy(s, off, s.home(v), sizeOf(v.type), CX);
  }

  /** index < len unsigned, else runtime.panicIndex(index, len); the operands are int64. */
  private genBoundsCheck(s: State, index: ir.Value, len: ir.Value): void {
    const a = this.asm;
    const ok = s.label("inbounds");
    const words = this.words("i64");
    this.ld(s, index, FIRST);
    this.ld(s, len, SECOND);
    s.prog(a.alu(Alu.CMP, words[0]!.w, AX, CX));
    if (words.length === 2) s.prog(a.alu(Alu.SBB, 4, DX, BX));
    s.branch((d) => [a.jcc(Cond.CS, d)], ok);
    const f = s.frame.helperFrame(["i64", "i64"], []);
    this.spill(s, index, f.args[0]!);
    this.spill(s, len, f.args[1]!);
    s.prog(a.call("runtime.panicIndex"), a.nop());
    s.bind(ok);
  }

  // ---------------------------------------------------------------- blocks

  jump(s: State, to: Label): void {
    s.branch((d) => [this.asm.jmp(d)], to);
  }

  condJump(s: State, cond: ir.Value, nonZero: boolean, to: Label): void {
    const a = this.asm;
    const w = this.ldCondition(s, cond);
    s.branch((d) => (nonZero ? a.branchIfNonZero(w, AX, d) : a.branchIfZero(w, AX, d)), to);
  }

  branchIfRecovered(s: State, to: Label): void {
    // deferproc and deferprocStack return 1 in AX when a deferred call recovered.
    s.branch((d) => this.asm.branchIfNonZero(4, AX, d), to);
  }

  ret(s: State): void {
    this.freeFrame(s);
    s.prog(this.asm.ret());
  }

  exitPad(s: State): void {
    s.prog(this.asm.nop());
  }
}

const SHIFTS: Record<"shl" | "shr_s" | "shr_u", Shift> = { shl: Shift.SHL, shr_s: Shift.SAR, shr_u: Shift.SHR };

/** The ALU operation for word k of a value: carries propagate into the high word of add and sub. */
function wordOp(kind: "add" | "sub" | "and" | "or" | "xor" | "andnot", k: number): Alu {
  switch (kind) {
    case "add":
      return k === 0 ? Alu.ADD : Alu.ADC;
    case "sub":
      return k === 0 ? Alu.SUB : Alu.SBB;
    case "and":
    case "andnot":
      return Alu.AND;
    case "or":
      return Alu.OR;
    case "xor":
      return Alu.XOR;
  }
}
