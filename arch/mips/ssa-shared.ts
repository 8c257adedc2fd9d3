// The lowering GOARCH=mips, mips64 and loong64 share, the counterpart of
// cmd/compile/internal/{mips,mips64,loong64}/ssa.go with every value kept in
// its frame home (-N style). Go's loong64 port began as a copy of mips64's,
// and the three keep the same machine model: a link-register call (JAL, BL)
// whose return address the prologue stores at 0(SP) of the new frame, ABI0
// arguments above that word, g in a register, compare-to-zero branches, the
// stack check's SGTU of SP against g.stackguard0 into REGRT1 (R1, R19), and
// REGRT1 as the register deferproc's "return 1" arrives in. Their encoders
// (arch/mips/asm.ts, arch/loong64/asm.ts) take the same calls (FamilyAsm).
//
// What differs stays with each member: its registers; its branch delay slot
// (mips and mips64 keep each jump, branch and call whole with its NOOP, as
// Go's assembler source spells it: `JMP 3(PC)` assembles to BEQ+NOOP, and
// a call's size and its branches' targets then cover both words); and how
// an i64 lives — in one register on mips64 and loong64 (Wide64Lowering
// below), in a register pair on 32-bit mips (arch/mips/ssa.ts).
//
// Values: an i32 is 4 bytes in its home and an i64 8 (two words on mips).
// On the 64-bit members an i32 in a register is always sign-extended, as
// MIPS64's 32-bit instructions require of their operands and produce, and
// as a 4-byte load (MOVW) gives it; an address is a zero-extended i32
// (MOVWU), as on amd64. A g field the IR reads at its wasm address is Go's
// pointer-sized field of g, read and written whole. Nothing lives in a
// register across IR instructions, except that a value just stored from a
// register is not reloaded into it.

import type * as ir from "../../host/compiler/ssa/ir.js";
import { abi0Layout, sizeOf } from "../machine/frame.js";
import { STACK_BIG, STACK_SMALL, type Label, type State } from "../machine/genssa.js";
import { GO_G } from "../machine/gfields.js";
import type { Inst } from "../machine/inst.js";
import type { Lowering } from "../machine/lowering.js";
import { REGCTXT, REGG, REGLINK, REGMORESTACKLR, REGRT1, REGSP, REGZERO, type Cond, type ExtendWidth, type LoadWidth, type Reg, type StoreWidth } from "./asm.js";

/**
 * The encoder calls the lowering makes, which arch/mips/asm.ts's MipsAsm
 * and arch/loong64/asm.ts's functions both provide (their register and
 * width types are the same). Branch displacements count from the branch's
 * first byte.
 */
export interface FamilyAsm {
  mov(rd: Reg, rs: Reg): Inst[];
  movConst(rd: Reg, v: number | bigint): Inst[];
  movAddr(rd: Reg, sym: string, add?: number): Inst[];
  load(w: LoadWidth, rd: Reg, base: Reg, disp: number): Inst[];
  store(w: StoreWidth, rs: Reg, base: Reg, disp: number): Inst[];
  /** rd = rs + imm at pointer width. */
  addImm(rd: Reg, rs: Reg, imm: number | bigint): Inst[];
  andImm(rd: Reg, rs: Reg, imm: number): Inst[];
  orImm(rd: Reg, rs: Reg, imm: number): Inst[];
  xorImm(rd: Reg, rs: Reg, imm: number): Inst[];
  /** rd = 1 if imm > rs, unsigned. */
  sgtuImm(rd: Reg, imm: number, rs: Reg): Inst[];
  // 32-bit operations (on the 64-bit members: of sign-extended values, into sign-extended results).
  addu(rd: Reg, a: Reg, b: Reg): Inst[];
  subu(rd: Reg, a: Reg, b: Reg): Inst[];
  div(rd: Reg, a: Reg, b: Reg): Inst[];
  divu(rd: Reg, a: Reg, b: Reg): Inst[];
  rem(rd: Reg, a: Reg, b: Reg): Inst[];
  remu(rd: Reg, a: Reg, b: Reg): Inst[];
  negw(rd: Reg, rs: Reg): Inst[];
  sll(rd: Reg, a: Reg, n: Reg): Inst[];
  srl(rd: Reg, a: Reg, n: Reg): Inst[];
  sra(rd: Reg, a: Reg, n: Reg): Inst[];
  // Whole-register operations.
  and(rd: Reg, a: Reg, b: Reg): Inst[];
  or(rd: Reg, a: Reg, b: Reg): Inst[];
  xor(rd: Reg, a: Reg, b: Reg): Inst[];
  nor(rd: Reg, a: Reg, b: Reg): Inst[];
  not(rd: Reg, rs: Reg): Inst[];
  andNot(rd: Reg, a: Reg, b: Reg): Inst[];
  /** rd = 1 if a > b (signed). */
  sgt(rd: Reg, a: Reg, b: Reg): Inst[];
  /** rd = 1 if a > b (unsigned). */
  sgtu(rd: Reg, a: Reg, b: Reg): Inst[];
  setCond(cond: Cond, rd: Reg, a: Reg, b: Reg): Inst[];
  extend(w: ExtendWidth, rd: Reg, rs: Reg): Inst[];
  jmp(disp: number): Inst[];
  beqz(r: Reg, disp: number): Inst[];
  bnez(r: Reg, disp: number): Inst[];
  /** Branch if a != b, a in the first register field as Go's `BNE Ra, Rb` writes it. */
  bne(a: Reg, b: Reg, disp: number): Inst[];
  call(sym: string): Inst[];
  callReg(r: Reg): Inst[];
  ret(): Inst[];
  /** rd = SP + delta with the add Go's prologue uses (mips64's trapping ADDV). */
  addSP(rd: Reg, delta: number): Inst[];
  saveLR(frameSize: number): Inst[];
  restoreLR(frameSize: number): Inst[];
}

/** The 64-bit operations of mips64 and loong64. */
export interface Wide64Asm extends FamilyAsm {
  addvu(rd: Reg, a: Reg, b: Reg): Inst[];
  subvu(rd: Reg, a: Reg, b: Reg): Inst[];
  mulv(rd: Reg, a: Reg, b: Reg): Inst[];
  divv(rd: Reg, a: Reg, b: Reg): Inst[];
  divvu(rd: Reg, a: Reg, b: Reg): Inst[];
  remv(rd: Reg, a: Reg, b: Reg): Inst[];
  remvu(rd: Reg, a: Reg, b: Reg): Inst[];
  negv(rd: Reg, rs: Reg): Inst[];
  sllv(rd: Reg, a: Reg, n: Reg): Inst[];
  srlv(rd: Reg, a: Reg, n: Reg): Inst[];
  srav(rd: Reg, a: Reg, n: Reg): Inst[];
}

/** The registers a member gives the lowering. */
export interface FamilyRegs {
  zero: Reg;
  sp: Reg;
  /** g, the current goroutine. */
  g: Reg;
  link: Reg;
  /** The closure context at calls. */
  ctxt: Reg;
  /** Where the morestack call passes the caller's link register (Go's MOVW R31, R3). */
  morestackLR: Reg;
  /** The first operand and every result: one register, or low and high words on mips. */
  a: readonly [Reg, Reg];
  /** The second operand, and the copies of call results. */
  b: readonly [Reg, Reg];
  /** Scratch for conditions, counts, carries and 64-bit sequences. */
  t: readonly [Reg, Reg, Reg];
  /** The address of a load or store, the source of a move. */
  p: Reg;
  /** The destination of a move, the end of a zeroing or copying loop. */
  q: Reg;
  /** Where an indirect call's target goes. */
  call: Reg;
  /** Where deferproc and deferprocStack return 1 under the return1 protocol (Go's runtime·return0 clears it): REGRT1. */
  flag: Reg;
  /** The prologue's stack check: g.stackguard0 (REGRT1), and SP less the frame. */
  guard: Reg;
  limit: Reg;
}

/**
 * The registers of mips and mips64: R1 (and R2, an i64's high word on
 * mips) the first operand and every result, R3 (R4) the second, R5..R7
 * scratch, R8 and R9 addresses; R1 is also REGRT1, the stack check's and
 * deferproc's, and R2 SP less a large frame in the stack check.
 */
export const MIPS_REGS: FamilyRegs = {
  zero: REGZERO,
  sp: REGSP,
  g: REGG,
  link: REGLINK,
  ctxt: REGCTXT,
  morestackLR: REGMORESTACKLR,
  a: [1, 2],
  b: [3, 4],
  t: [5, 6, 7],
  p: 8,
  q: 9,
  call: 1,
  flag: REGRT1,
  guard: REGRT1,
  limit: 2,
};

/** One word of a value: its width and offset in the value's home. */
export interface Word {
  w: 4 | 8;
  off: number;
}

type CompareOp = "eq" | "ne" | "lt_s" | "lt_u" | "le_s" | "le_u" | "gt_s" | "gt_u" | "ge_s" | "ge_u";
type ArithOp = Exclude<ir.BinOp, CompareOp>;
type Call = Extract<ir.Instr, { op: "call" }>;
type MemIns = Extract<ir.Instr, { op: "load" | "store" }>;

export const CONDITIONS: Record<CompareOp, Cond> = {
  eq: "eq",
  ne: "ne",
  lt_s: "lt",
  lt_u: "ltu",
  le_s: "le",
  le_u: "leu",
  gt_s: "gt",
  gt_u: "gtu",
  ge_s: "ge",
  ge_u: "geu",
};

export function isCompare(kind: ir.BinOp): kind is CompareOp {
  return kind in CONDITIONS;
}

/**
 * A branch, jump or call with its delay-slot NOOP as one Inst, as Go's
 * assembler source writes it: the driver then records the branch's target
 * on the branch, and a call is one 8-byte unit (MachineArch.call).
 */
export function withDelaySlot(insts: Inst[]): Inst[] {
  const [first, slot] = insts;
  if (insts.length !== 2 || !first || slot?.text !== "NOOP") throw new Error(`not a transfer with its delay slot: ${insts.map((i) => i.text).join("; ")}`);
  const bytes = new Uint8Array(first.bytes.length + slot.bytes.length);
  bytes.set(first.bytes);
  bytes.set(slot.bytes, first.bytes.length);
  return [{ ...first, bytes }];
}

export abstract class MipsFamilyLowering implements Lowering {
  /** The saved link register's word at 0(SP). */
  readonly fixedFrameSize: number;
  /** The caller's saved-LR word lies between the entry SP and the incoming arguments. */
  readonly entryArgsOffset: number;
  /** The value a register held when it was last stored, and when (State.step): reloading it right away is redundant. */
  private lastStore = { value: -1, reg: -1, step: -1 };

  constructor(
    readonly asm: FamilyAsm,
    readonly regs: FamilyRegs,
    /** Register, pointer and saved-LR width. */
    readonly ptrSize: 4 | 8,
    /** What a jump, branch or call becomes: whole with its delay slot on mips and mips64. */
    private readonly transfer: (insts: Inst[]) => Inst[],
    /** rd = the low 32 bits of a * b: MUL, or on mips64 (MIPS III) MULV with its product sign-extended. */
    private readonly mul32: (rd: Reg, a: Reg, b: Reg) => Inst[],
  ) {
    this.fixedFrameSize = ptrSize;
    this.entryArgsOffset = ptrSize;
  }

  /**
   * Frames are multiples of the register size, the saved LR included. A
   * leaf with nothing in its frame gets none and keeps its return address
   * in the link register, as Go marks it NOFRAME.
   */
  frameSize(body: number, leaf: boolean): number {
    return leaf && body <= this.fixedFrameSize ? 0 : Math.ceil(body / this.ptrSize) * this.ptrSize;
  }

  helperArgsSize(ins: ir.Instr): number {
    return ins.op === "boundscheck" ? abi0Layout(["i64", "i64"], [], this.ptrSize).size : 0;
  }

  /** runtime.panicIndex after a bounds check, runtime.panicdivide after a divisor check. */
  callsHelper(ins: ir.Instr): boolean {
    return ins.op === "boundscheck" || ins.op === "divcheck";
  }

  /**
   * Go's three shapes by frame size: `SGTU SP, guard` for small frames, SP
   * less the frame for larger ones, and for huge frames first a test that
   * this subtraction cannot wrap below zero. Go's check branches over the
   * morestack call when there is room; the driver puts that call at the
   * function's end, so here the branch goes to it when there is not.
   */
  stackCheck(s: State, morestack: Label): void {
    const { sp, g, guard, limit } = this.regs;
    const asm = this.asm;
    const n = s.frame.size;
    const offset = n - STACK_SMALL;
    s.prog(...asm.load(this.ptrWidth, guard, g, GO_G.stackguard0 * this.ptrSize));
    if (n <= STACK_SMALL) {
      s.prog(...asm.sgtu(guard, sp, guard));
    } else {
      if (n > STACK_BIG) {
        s.prog(...asm.sgtuImm(limit, offset, sp));
        this.branch(s, morestack, (d) => asm.bnez(limit, d));
      }
      s.prog(...asm.addSP(limit, -offset), ...asm.sgtu(guard, limit, guard));
    }
    this.branch(s, morestack, (d) => asm.beqz(guard, d));
  }

  prologue(s: State): void {
    if (s.frame.size > 0) s.prog(...this.asm.saveLR(s.frame.size));
    if (s.needsCtxt) s.prog(...this.asm.store("W", this.regs.ctxt, this.regs.sp, s.home(s.fn.params[0]!)));
  }

  /** The caller's link register goes to morestack in its own register, which then returns to the entry. */
  morestack(s: State): void {
    s.prog(...this.asm.mov(this.regs.morestackLR, this.regs.link));
    this.call(s, s.needsCtxt ? "runtime.morestack" : "runtime.morestack_noctxt");
    this.branch(s, s.entry, (d) => this.asm.jmp(d));
  }

  // ---------------------------------------------------------------- emitting

  /** Appends a branch to `target`; `make` encodes it for a displacement from its first byte. */
  protected branch(s: State, target: Label, make: (disp: number) => Inst[]): void {
    s.branch((d) => this.transfer(make(d)), target);
  }

  protected call(s: State, sym: string): void {
    s.prog(...this.transfer(this.asm.call(sym)));
  }

  // ---------------------------------------------------------------- values in registers

  /** The pointer-sized access: MOVW, or MOVV on the 64-bit members. */
  protected get ptrWidth(): "W" | "V" {
    return this.ptrSize === 8 ? "V" : "W";
  }

  /** The words of a value of type t: one here; mips splits an i64 in two. */
  protected words(t: ir.MType): Word[] {
    return [{ w: sizeOf(t), off: 0 }];
  }

  /** Word k of a constant v of type t, as its register holds it (an i32 sign-extended). */
  protected wordConst(t: ir.MType, value: bigint, k: number): bigint {
    const words = this.words(t);
    return BigInt.asIntN(words[k]!.w * 8, value >> BigInt(32 * k * (words.length - 1)));
  }

  /**
   * Loads word k of v into r: from its home, or recomputed (remat.ts) as a
   * constant or as SP plus a frame offset.
   */
  protected ldw(s: State, v: ir.Value, k: number, r: Reg): void {
    const last = this.lastStore;
    if (last.step === s.step && last.value === v.id && last.reg === r && k === 0) return;
    const wd = this.words(v.type)[k]!;
    const remat = s.remat(v);
    if (remat?.kind === "const") s.prog(...this.asm.movConst(r, this.wordConst(v.type, remat.value, k)));
    else if (remat?.kind === "frame") s.prog(...this.asm.addImm(r, this.regs.sp, remat.offset));
    else s.prog(...this.asm.load(wd.w === 8 ? "V" : "W", r, this.regs.sp, s.home(v) + wd.off));
  }

  /** Loads v's words into regs. */
  protected ld(s: State, v: ir.Value, regs: readonly Reg[]): void {
    this.words(v.type).forEach((_, k) => this.ldw(s, v, k, regs[k]!));
  }

  /** A register holding word k of v: the zero register for a zero constant, else r after loading it. */
  protected src(s: State, v: ir.Value, k: number, r: Reg): Reg {
    const remat = s.remat(v);
    if (remat?.kind === "const" && this.wordConst(v.type, remat.value, k) === 0n) return this.regs.zero;
    this.ldw(s, v, k, r);
    return r;
  }

  /** Loads the i32 v as an address: zero-extended on the 64-bit members. */
  protected ldAddr(s: State, v: ir.Value, r: Reg): void {
    const remat = s.remat(v);
    if (remat?.kind === "const") s.prog(...this.asm.movConst(r, BigInt.asUintN(32, remat.value)));
    else if (remat?.kind === "frame") s.prog(...this.asm.addImm(r, this.regs.sp, remat.offset));
    else s.prog(...this.asm.load(this.ptrSize === 8 ? "WU" : "W", r, this.regs.sp, s.home(v)));
  }

  /**
   * Stores regs as v's words. `reusable`: the register holds v as a reload
   * would give it (not so for a whole pointer read from g into an i32).
   */
  protected st(s: State, regs: readonly Reg[], v: ir.Value, reusable = true): void {
    const home = s.home(v);
    const words = this.words(v.type);
    words.forEach((wd, k) => s.prog(...this.asm.store(wd.w === 8 ? "V" : "W", regs[k]!, this.regs.sp, home + wd.off)));
    this.lastStore = words.length === 1 && reusable ? { value: v.id, reg: regs[0]!, step: s.step } : { value: -1, reg: -1, step: -1 };
  }

  /** Stores v at an SP offset (an outgoing argument, a result slot), through a. */
  spill(s: State, v: ir.Value, off: number): void {
    this.words(v.type).forEach((wd, k) => {
      const r = this.src(s, v, k, this.regs.a[0]);
      s.prog(...this.asm.store(wd.w === 8 ? "V" : "W", r, this.regs.sp, off + wd.off));
    });
  }

  /** Copies v's words from an SP offset (a call's result) to its home, through b. */
  protected fill(s: State, off: number, v: ir.Value): void {
    const via = this.regs.b[0];
    this.words(v.type).forEach((wd) => {
      const w = wd.w === 8 ? "V" : "W";
      s.prog(...this.asm.load(w, via, this.regs.sp, off + wd.off), ...this.asm.store(w, via, this.regs.sp, s.home(v) + wd.off));
    });
  }

  /** Loads v into r as one word that is zero exactly when v is (a pair's halves ORed). */
  protected ldCondition(s: State, v: ir.Value, r: Reg): void {
    this.ldw(s, v, 0, r);
    if (this.words(v.type).length === 2) {
      const t = this.regs.t[0];
      this.ldw(s, v, 1, t);
      s.prog(...this.asm.or(r, r, t));
    }
  }

  /** v's value when it is a constant recomputed at its uses, as its type reads it. */
  protected constant(s: State, v: ir.Value): bigint | undefined {
    const remat = s.remat(v);
    return remat?.kind === "const" ? BigInt.asIntN(sizeOf(v.type) * 8, remat.value) : undefined;
  }

  // ---------------------------------------------------------------- values

  ssaGenValue(s: State, ins: ir.Instr): void {
    const { a, p, sp } = this.regs;
    const asm = this.asm;
    switch (ins.op) {
      case "const":
        // Recomputed where used (remat.ts), unless assigned more than once.
        if (s.remat(ins.dst)) return;
        this.words(ins.dst.type).forEach((_, k) => s.prog(...asm.movConst(a[k]!, this.wordConst(ins.dst.type, ins.value, k))));
        return this.st(s, a, ins.dst);
      case "frameaddr":
        if (s.remat(ins.dst)) return;
        s.prog(...asm.addImm(a[0], sp, s.frame.frameAddr(ins.offset)));
        return this.st(s, a, ins.dst, this.ptrSize === 4);
      case "copy":
        this.ld(s, ins.src, a);
        return this.st(s, a, ins.dst);
      case "unop":
        return this.genUnop(s, ins.kind, ins.dst, ins.a);
      case "binop":
        return this.genBinop(s, ins.kind, ins.dst, ins.a, ins.b);
      case "select": {
        const skip = s.label("select");
        const t = this.regs.t[1];
        this.ld(s, ins.b, a);
        this.ldCondition(s, ins.cond, t);
        this.branch(s, skip, (d) => asm.beqz(t, d));
        this.ld(s, ins.a, a);
        s.bind(skip);
        return this.st(s, a, ins.dst);
      }
      case "load":
        return this.genLoad(s, ins);
      case "store":
        return this.genStore(s, ins);
      // Addresses are whole registers; the 64-bit members keep the low word as the i32.
      case "argp":
        s.prog(...asm.addImm(a[0], sp, s.frame.argp));
        return this.st(s, a, ins.dst, this.ptrSize === 4);
      case "addr":
        s.prog(...asm.movAddr(a[0], s.symbol(ins.sym), ins.add));
        return this.st(s, a, ins.dst, this.ptrSize === 4);
      case "funcindex":
        // A function value's code pointer is the function's address.
        s.prog(...asm.movAddr(a[0], s.symbol(ins.sym)));
        return this.st(s, a, ins.dst, this.ptrSize === 4);
      case "zero":
        return this.genZero(s, ins.addr, ins.size);
      case "move":
        return this.genMove(s, ins.dst, ins.src, ins.size);
      case "call":
        return this.genCall(s, ins);
      case "nilcheck":
        // As Go: a load from the pointer into R0 faults when it is nil, and
        // the signal handler turns the fault into a nil-dereference panic.
        this.ldAddr(s, ins.v, p);
        s.prog(...asm.load("B", this.regs.zero, p, 0));
        return;
      case "divcheck":
        // As Go: the divide does not trap, so the divisor is tested first.
        return this.genCheck(s, "runtime.panicdivide", (ok) => {
          this.ldCondition(s, ins.v, a[0]);
          this.branch(s, ok, (d) => asm.bnez(a[0], d));
        });
      case "boundscheck":
        return this.genCheck(s, "runtime.panicIndex", (ok) => {
          const less = this.lessU64(s, ins.index, ins.len);
          this.branch(s, ok, (d) => asm.bnez(less, d));
          const f = s.frame.helperFrame(["i64", "i64"], []);
          this.spill(s, ins.index, f.args[0]!);
          this.spill(s, ins.len, f.args[1]!);
        });
    }
  }

  /** `test` branches to `ok` when the check passes; otherwise the panic helper is called. */
  private genCheck(s: State, helper: string, test: (ok: Label) => void): void {
    const ok = s.label("ok");
    test(ok);
    this.call(s, helper);
    s.bind(ok);
  }

  /** A register set to 1 if x < y, both i64 and unsigned (a bounds check's index and length), else 0. */
  protected lessU64(s: State, x: ir.Value, y: ir.Value): Reg {
    const { a, b } = this.regs;
    this.ld(s, x, a);
    this.ld(s, y, b);
    s.prog(...this.asm.sgtu(a[0], b[0], a[0]));
    return a[0];
  }

  protected genUnop(s: State, kind: ir.UnOp, dst: ir.Value, x: ir.Value): void {
    const asm = this.asm;
    const [a] = this.regs.a;
    switch (kind) {
      case "eqz":
        this.ldCondition(s, x, a);
        s.prog(...asm.sgtuImm(a, 1, a));
        return this.st(s, [a], dst);
      case "neg":
        this.ldw(s, x, 0, a);
        s.prog(...this.neg(x.type, a));
        return this.st(s, [a], dst);
      case "not":
        this.ldw(s, x, 0, a);
        s.prog(...asm.not(a, a));
        return this.st(s, [a], dst);
      case "wrap":
        // The store keeps the low word; the register is not the i32 a reload gives.
        this.ldw(s, x, 0, a);
        return this.st(s, [a], dst, false);
      case "extend_s":
        // A 4-byte load sign-extends.
        this.ldw(s, x, 0, a);
        return this.st(s, [a], dst);
      case "extend_u":
        this.ldAddr(s, x, a);
        return this.st(s, [a], dst);
      default:
        this.ldw(s, x, 0, a);
        s.prog(...asm.extend(EXTENSIONS[kind], a, a));
        return this.st(s, [a], dst);
    }
  }

  /** r = -r, for a value of type t in one register. */
  protected neg(_t: ir.MType, r: Reg): Inst[] {
    return this.asm.negw(r, r);
  }

  /** The memory a load or store addresses: a frame slot, Go's field of g, or through its address value in p. */
  protected target(s: State, ins: MemIns): { base: Reg; disp: number; gField: boolean } {
    const gOff = s.gField(ins);
    if (gOff !== undefined) return { base: this.regs.g, disp: gOff, gField: true };
    const remat = s.remat(ins.addr);
    if (remat?.kind === "frame") return { base: this.regs.sp, disp: remat.offset + ins.offset, gField: false };
    this.ldAddr(s, ins.addr, this.regs.p);
    return { base: this.regs.p, disp: ins.offset, gField: false };
  }

  protected genLoad(s: State, ins: Extract<ir.Instr, { op: "load" }>): void {
    const { base, disp, gField } = this.target(s, ins);
    const [a] = this.regs.a;
    // g's fields are pointers, read whole; the home keeps the low word. A
    // 4-byte load into an i32 sign-extends it, as its register keeps it.
    const w = gField ? this.ptrWidth : loadWidth(ins.size, ins.signed || (ins.size === 4 && ins.dst.type === "i32"));
    s.prog(...this.asm.load(w, a, base, disp));
    this.st(s, [a], ins.dst, !gField && (w !== "V" || ins.dst.type === "i64"));
  }

  protected genStore(s: State, ins: Extract<ir.Instr, { op: "store" }>): void {
    const { base, disp, gField } = this.target(s, ins);
    const r = this.src(s, ins.src, 0, this.regs.a[0]);
    s.prog(...this.asm.store(gField ? this.ptrWidth : STORE_WIDTHS[ins.size], r, base, disp));
  }

  /** memory[addr, addr+size) = 0, in the widest stores that divide the size: unrolled, or a loop. */
  private genZero(s: State, addr: ir.Value, size: number): void {
    if (size === 0) return;
    const { p, q, zero } = this.regs;
    const asm = this.asm;
    const unit = this.storeUnit(size);
    const w = STORE_WIDTHS[unit];
    this.ldAddr(s, addr, p);
    if (size / unit <= UNROLL) {
      for (let off = 0; off < size; off += unit) s.prog(...asm.store(w, zero, p, off));
      return;
    }
    s.prog(...asm.addImm(q, p, size));
    const loop = s.label("zero");
    s.bind(loop);
    s.prog(...asm.store(w, zero, p, 0), ...asm.addImm(p, p, unit));
    this.branchIfBelow(s, p, q, loop);
  }

  /** memory[dst, dst+size) = memory[src, src+size), forwards, as genZero. */
  private genMove(s: State, dst: ir.Value, src: ir.Value, size: number): void {
    if (size === 0) return;
    const { a, b, p, q } = this.regs;
    const asm = this.asm;
    const unit = this.storeUnit(size);
    const [lw, sw] = [loadWidth(unit, true), STORE_WIDTHS[unit]];
    this.ldAddr(s, dst, q);
    this.ldAddr(s, src, p);
    if (size / unit <= UNROLL) {
      for (let off = 0; off < size; off += unit) s.prog(...asm.load(lw, a[0], p, off), ...asm.store(sw, a[0], q, off));
      return;
    }
    s.prog(...asm.addImm(b[0], p, size));
    const loop = s.label("move");
    s.bind(loop);
    s.prog(...asm.load(lw, a[0], p, 0), ...asm.store(sw, a[0], q, 0), ...asm.addImm(p, p, unit), ...asm.addImm(q, q, unit));
    this.branchIfBelow(s, p, b[0], loop);
  }

  /** Branch to `target` if x < y, unsigned. */
  private branchIfBelow(s: State, x: Reg, y: Reg, target: Label): void {
    const t = this.regs.t[0];
    s.prog(...this.asm.sgtu(t, y, x));
    this.branch(s, target, (d) => this.asm.bnez(t, d));
  }

  /** The widest access, at most a register, whose size divides `size`. */
  private storeUnit(size: number): 1 | 2 | 4 | 8 {
    return size % 8 === 0 && this.ptrSize === 8 ? 8 : size % 4 === 0 ? 4 : size % 2 === 0 ? 2 : 1;
  }

  // ---------------------------------------------------------------- binary operations

  /** Binary operations on values in one register each. */
  protected genBinop(s: State, kind: ir.BinOp, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const asm = this.asm;
    const [a] = this.regs.a;
    const [b] = this.regs.b;
    this.ldw(s, x, 0, a);
    if (isCompare(kind)) {
      this.ldw(s, y, 0, b);
      s.prog(...asm.setCond(CONDITIONS[kind], a, a, b));
      return this.st(s, [a], dst);
    }
    const imm = this.immediate(s, kind, x.type, y);
    if (imm !== undefined) s.prog(...imm(a));
    else {
      this.ldw(s, y, 0, b);
      s.prog(...this.arith(kind, x.type, a, b));
    }
    this.st(s, [a], dst);
  }

  /**
   * The operation with y as its immediate, when y is a constant Go would
   * write so: AND/OR/XOR of an int32, and ADD/SUB where the add is at the
   * register's width (mips's 32-bit ADDU; MOVV's ADDVU for an i64).
   */
  private immediate(s: State, kind: ir.BinOp, t: ir.MType, y: ir.Value): ((r: Reg) => Inst[]) | undefined {
    const c = this.constant(s, y);
    if (c === undefined) return undefined;
    const asm = this.asm;
    const int32 = BigInt.asIntN(32, c) === c;
    const registerWide = sizeOf(t) === this.ptrSize;
    switch (kind) {
      case "add":
      case "sub":
        if (!registerWide) return undefined;
        return (r) => asm.addImm(r, r, BigInt.asIntN(this.ptrSize * 8, kind === "add" ? c : -c));
      case "and":
      case "andnot":
        return int32 ? (r) => asm.andImm(r, r, Number(kind === "and" ? c : ~c)) : undefined;
      case "or":
        return int32 ? (r) => asm.orImm(r, r, Number(c)) : undefined;
      case "xor":
        return int32 ? (r) => asm.xorImm(r, r, Number(c)) : undefined;
      default:
        return undefined;
    }
  }

  /** ra = ra op rb, for a value of type t in one register: here an i32. */
  protected arith(kind: ArithOp, _t: ir.MType, ra: Reg, rb: Reg): Inst[] {
    const asm = this.asm;
    switch (kind) {
      case "and":
        return asm.and(ra, ra, rb);
      case "or":
        return asm.or(ra, ra, rb);
      case "xor":
        return asm.xor(ra, ra, rb);
      case "andnot":
        return asm.andNot(ra, ra, rb);
      case "add":
        return asm.addu(ra, ra, rb);
      case "sub":
        return asm.subu(ra, ra, rb);
      case "mul":
        return this.mul32(ra, ra, rb);
      case "div_s":
        return asm.div(ra, ra, rb);
      case "div_u":
        return asm.divu(ra, ra, rb);
      case "rem_s":
        return asm.rem(ra, ra, rb);
      case "rem_u":
        return asm.remu(ra, ra, rb);
      // Counts past the width give results ssagen discards (it selects 0 or the sign then).
      case "shl":
        return asm.sll(ra, ra, rb);
      case "shr_s":
        return asm.sra(ra, ra, rb);
      case "shr_u":
        return asm.srl(ra, ra, rb);
    }
  }

  // ---------------------------------------------------------------- calls

  /**
   * ABI0: the arguments are copied to the outgoing area above the saved-LR
   * word, the closure context goes in REGCTXT, and the results are copied
   * back. A func value's code pointer is its first word (`MOVW (R22), R1;
   * CALL (R1)`).
   */
  private genCall(s: State, c: Call): void {
    const { ctxt } = this.regs;
    const callReg = this.regs.call;
    const asm = this.asm;
    const cf = s.frame.callFrame(c);
    for (const { v, off } of cf.args) this.spill(s, v, off);
    if (cf.ctx) this.ldAddr(s, cf.ctx, ctxt);
    switch (c.target.kind) {
      case "static":
      case "runtime":
        this.call(s, s.callee(c.target));
        break;
      case "closure":
        s.prog(...asm.load(this.ptrSize === 8 ? "WU" : "W", callReg, ctxt, 0), ...this.transfer(asm.callReg(callReg)));
        break;
      case "indirect":
        this.ldAddr(s, c.target.index, callReg);
        s.prog(...this.transfer(asm.callReg(callReg)));
        break;
    }
    // Through b: under the return1 protocol deferproc's recovery flag must
    // reach the defer block's test after the results are saved.
    for (const { v, off } of cf.results) this.fill(s, off, v);
  }

  // ---------------------------------------------------------------- blocks

  jump(s: State, to: Label): void {
    this.branch(s, to, (d) => this.asm.jmp(d));
  }

  condJump(s: State, cond: ir.Value, nonZero: boolean, to: Label): void {
    const asm = this.asm;
    const [a] = this.regs.a;
    this.ldCondition(s, cond, a);
    this.branch(s, to, (d) => (nonZero ? asm.bnez(a, d) : asm.beqz(a, d)));
  }

  branchIfRecovered(s: State, to: Label): void {
    // Go 1.19's `BNE R0, R1, deferreturn` after the call.
    const { flag, zero } = this.regs;
    this.branch(s, to, (d) => this.asm.bne(zero, flag, d));
  }

  ret(s: State): void {
    if (s.frame.size > 0) s.prog(...this.asm.restoreLR(s.frame.size));
    s.prog(...this.transfer(this.asm.ret()));
  }

  exitPad(s: State): void {
    // Go's hardware no-op, NOR R0, R0, R0.
    const zero = this.regs.zero;
    s.prog(...this.asm.nor(zero, zero, zero));
  }
}

/**
 * mips64 and loong64: an i64 in one 64-bit register, with the doubleword
 * forms of the operations (ADDVU, MULV, SLLV, ...).
 */
export class Wide64Lowering extends MipsFamilyLowering {
  constructor(
    readonly wide: Wide64Asm,
    regs: FamilyRegs,
    transfer: (insts: Inst[]) => Inst[],
    mul32: (rd: Reg, a: Reg, b: Reg) => Inst[],
  ) {
    super(wide, regs, 8, transfer, mul32);
  }

  protected override neg(t: ir.MType, r: Reg): Inst[] {
    return t === "i64" ? this.wide.negv(r, r) : super.neg(t, r);
  }

  protected override arith(kind: ArithOp, t: ir.MType, ra: Reg, rb: Reg): Inst[] {
    const w = this.wide;
    if (t === "i32") return super.arith(kind, t, ra, rb);
    switch (kind) {
      case "and":
      case "or":
      case "xor":
      case "andnot":
        return super.arith(kind, t, ra, rb);
      case "add":
        return w.addvu(ra, ra, rb);
      case "sub":
        return w.subvu(ra, ra, rb);
      case "mul":
        return w.mulv(ra, ra, rb);
      case "div_s":
        return w.divv(ra, ra, rb);
      case "div_u":
        return w.divvu(ra, ra, rb);
      case "rem_s":
        return w.remv(ra, ra, rb);
      case "rem_u":
        return w.remvu(ra, ra, rb);
      case "shl":
        return w.sllv(ra, ra, rb);
      case "shr_s":
        return w.srav(ra, ra, rb);
      case "shr_u":
        return w.srlv(ra, ra, rb);
    }
  }
}

/** Stores of zeroing and copying loops are unrolled up to this many. */
const UNROLL = 4;

const STORE_WIDTHS: Record<1 | 2 | 4 | 8, StoreWidth> = { 1: "B", 2: "H", 4: "W", 8: "V" };

/** The load of `size` bytes, sign- or zero-extended. */
function loadWidth(size: 1 | 2 | 4 | 8, signed: boolean): LoadWidth {
  switch (size) {
    case 1:
      return signed ? "B" : "BU";
    case 2:
      return signed ? "H" : "HU";
    case 4:
      return signed ? "W" : "WU";
    case 8:
      return "V";
  }
}

/** The in-register extension of each same-width unop. */
const EXTENSIONS: Record<"sext8" | "sext16" | "sext32" | "zext8" | "zext16" | "zext32", ExtendWidth> = {
  sext8: "B",
  sext16: "H",
  sext32: "W",
  zext8: "BU",
  zext16: "HU",
  zext32: "WU",
};
