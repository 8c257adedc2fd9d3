// The lowering ppc64, s390x and riscv64 share, the counterpart of their
// cmd/compile/internal/NAME/ssa.go with every value kept in its frame home
// (-N style). All three are 64-bit link-register machines: a call leaves the
// return address in a register, the prologue saves it at 0(SP) of the new
// frame, and Go's ABI0 puts arguments and results on the stack above a fixed
// area at the bottom of the frame (FixedFrameSize: 32 bytes on ppc64, the
// saved link register alone on s390x and riscv64). Their encoders
// (arch/NAME/asm.ts) return Go's Progs from functions of the same shapes
// (Lr64Asm); what differs — registers, compare-and-branch, the divide trap
// of s390x, how morestack gets the link register — each member supplies.
//
// Values: an i32 is 4 bytes in its home and an i64 8, loaded into 64-bit
// registers sign- or zero-extended as the operation needs (an address is a
// zero-extended i32, as on amd64) and stored back by their low bytes, so
// byte order never matters (ppc64 and s390x are big-endian). A g field the
// IR reads at its wasm address is Go's pointer-sized field of g, read and
// written whole. Nothing lives in a register across IR instructions, except
// that a value just stored from a register is not reloaded into it.

import type * as ir from "../../host/compiler/ssa/ir.js";
import { abi0Layout, sizeOf } from "../machine/frame.js";
import { STACK_BIG, STACK_SMALL, type Label, type State } from "../machine/genssa.js";
import { GO_G } from "../machine/gfields.js";
import type { Inst } from "../machine/inst.js";
import type { Lowering } from "../machine/lowering.js";

export type Reg = number;
export type Size = 1 | 2 | 4 | 8;
export type Width = 32 | 64;
/** A comparison of two registers, signed or unsigned (`u`). */
export type Cond = "eq" | "ne" | "lt" | "ge" | "gt" | "le" | "ltu" | "geu" | "gtu" | "leu";

/**
 * A condition as a compare and a condition-code branch split it (ppc64's
 * CR0, s390x's CC): the order the branch tests, and whether the compare is
 * unsigned.
 */
export function orderCondition<CC extends string>(cond: Cond): { cc: CC; unsigned: boolean } {
  return cond.endsWith("u") ? { cc: cond.slice(0, 2) as CC, unsigned: true } : { cc: cond as CC, unsigned: false };
}

/**
 * The encoder functions every member's asm.ts exports with these shapes.
 * Branch displacements count from the sequence's first byte; `pc`, that
 * byte's offset in the function, only feeds the text of those that name
 * their target as `go tool asm -S` does.
 */
export interface Lr64Asm {
  movConst(rd: Reg, value: bigint | number): Inst[];
  move(rd: Reg, rs: Reg): Inst[];
  load(size: Size, signed: boolean, rd: Reg, base: Reg, disp: number): Inst[];
  store(size: Size, rs: Reg, base: Reg, disp: number): Inst[];
  addImm(rd: Reg, rs: Reg, imm: bigint | number): Inst[];
  add(rd: Reg, ra: Reg, rb: Reg, w?: Width): Inst[];
  sub(rd: Reg, ra: Reg, rb: Reg, w?: Width): Inst[];
  mul(rd: Reg, ra: Reg, rb: Reg, w?: Width): Inst[];
  div(rd: Reg, ra: Reg, rb: Reg, w?: Width): Inst[];
  divu(rd: Reg, ra: Reg, rb: Reg, w?: Width): Inst[];
  rem(rd: Reg, ra: Reg, rb: Reg, w?: Width): Inst[];
  remu(rd: Reg, ra: Reg, rb: Reg, w?: Width): Inst[];
  and(rd: Reg, ra: Reg, rb: Reg): Inst[];
  or(rd: Reg, ra: Reg, rb: Reg): Inst[];
  xor(rd: Reg, ra: Reg, rb: Reg): Inst[];
  andNot(rd: Reg, ra: Reg, rb: Reg): Inst[];
  shl(rd: Reg, ra: Reg, rb: Reg, w?: Width): Inst[];
  sar(rd: Reg, ra: Reg, rb: Reg, w?: Width): Inst[];
  shr(rd: Reg, ra: Reg, rb: Reg, w?: Width): Inst[];
  neg(rd: Reg, ra: Reg, w?: Width): Inst[];
  not(rd: Reg, ra: Reg): Inst[];
  signExtend(bits: 8 | 16 | 32, rd: Reg, ra: Reg): Inst[];
  zeroExtend(bits: 8 | 16 | 32, rd: Reg, ra: Reg): Inst[];
  /** rd = (a cond b) ? 1 : 0; riscv64 compares whole registers and ignores `w`. */
  setCond(cond: Cond, rd: Reg, a: Reg, b: Reg, w?: Width): Inst[];
  branchIfZero(r: Reg, disp: number, pc?: number): Inst[];
  branchIfNonZero(r: Reg, disp: number, pc?: number): Inst[];
  jump(disp: number, pc?: number): Inst[];
  call(sym: string): Inst[];
  callReg(r: Reg): Inst[];
  ret(): Inst[];
  nop(): Inst[];
  loadAddr(rd: Reg, sym: string, add?: number): Inst[];
  saveLR(frame: number): Inst[];
  restoreLR(frame: number): Inst[];
}

/** The registers a member gives the lowering. */
export interface Lr64Regs {
  sp: Reg;
  /** g, the current goroutine. */
  g: Reg;
  /** The closure context at calls. */
  ctxt: Reg;
  /** The first operand and every result. */
  a: Reg;
  /** The second operand, and the copies of call results. */
  b: Reg;
  /** The address of a load or store, the source of a move. */
  p: Reg;
  /** The destination of a move, the end of a zeroing or copying loop. */
  q: Reg;
  /** Where an indirect call's target goes. */
  call: Reg;
  /** Where deferproc and deferprocStack return 1 under the return1 protocol (Go's runtime·return0 clears it). */
  flag: Reg;
  /** The prologue's stack check: g.stackguard0, and SP less the frame. */
  guard: Reg;
  limit: Reg;
}

/** g.stackguard0's offset in Go's g. */
const G_STACKGUARD0 = GO_G.stackguard0 * 8;

/**
 * What an operation needs of an i32 operand in its 64-bit register:
 * sign- or zero-extended, either (a test against zero), or only its low
 * word (arithmetic, a store).
 */
type Need = "s" | "u" | "ext" | "low";
/** How a register holds an i32: sign- or zero-extended, or with a high word of no meaning (after arithmetic). */
type Held = "s" | "u" | "raw";

function satisfies(held: Held, need: Need): boolean {
  return need === "low" || (need === "ext" ? held !== "raw" : held === need);
}

type CompareOp = "eq" | "ne" | "lt_s" | "lt_u" | "le_s" | "le_u" | "gt_s" | "gt_u" | "ge_s" | "ge_u";
type ArithOp = Exclude<ir.BinOp, CompareOp>;

const CONDITIONS: Record<CompareOp, Cond> = {
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

/**
 * What each operation needs of its i32 operands: the signed ones
 * sign-extension, the unsigned ones zero-extension, equality the same
 * extension of both (riscv64 compares whole registers).
 */
function needOf(kind: ir.BinOp): Need {
  if (kind.endsWith("_s")) return "s";
  if (kind.endsWith("_u")) return "u";
  return kind === "eq" || kind === "ne" ? "s" : "low";
}

type Call = Extract<ir.Instr, { op: "call" }>;

export abstract class Lr64Lowering implements Lowering {
  /** Bytes at 0(SP) below the outgoing arguments. */
  abstract readonly fixedFrameSize: number;
  /** The value a register held when it was last stored, and when (State.step): reloading it right away is redundant. */
  private lastStore = { value: -1, reg: -1, held: "raw" as Held, step: -1 };

  constructor(
    readonly asm: Lr64Asm,
    readonly regs: Lr64Regs,
  ) {}

  /** The caller's fixed area lies between the entry SP and the incoming arguments. */
  get entryArgsOffset(): number {
    return this.fixedFrameSize;
  }

  /** Branch if (a cond b), whatever the distance. */
  protected abstract branchIf(cond: Cond, a: Reg, b: Reg, w: Width, disp: number, pc: number): Inst[];
  /** The call of runtime.morestack(_noctxt) with the caller's link register where the runtime expects it. */
  protected abstract callMorestack(sym: string): Inst[];
  /** A register holding 0 for stores and compares: the zero register, or `scratch` after loading 0. */
  protected abstract zero(s: State, scratch: Reg): Reg;
  /** Where a nil check's probing load goes (Go's choice of a register nobody reads). */
  protected abstract readonly discard: Reg;

  /**
   * Frames are 8-byte multiples, the fixed area included. A leaf with
   * nothing in its frame gets none and keeps its return address in the
   * link register, as Go marks it NOFRAME; any other frame saves it.
   */
  frameSize(body: number, leaf: boolean): number {
    return leaf && body <= this.fixedFrameSize ? 0 : Math.ceil(body / 8) * 8;
  }

  helperArgsSize(ins: ir.Instr): number {
    return ins.op === "boundscheck" ? abi0Layout(["i64", "i64"], [], 8).size : 0;
  }

  /** runtime.panicIndex after a bounds check, runtime.panicdivide after a divisor check. */
  callsHelper(ins: ir.Instr): boolean {
    return ins.op === "boundscheck" || ins.op === "divcheck";
  }

  /**
   * Go's three shapes by frame size: SP itself against g.stackguard0 for
   * small frames, SP less the frame beyond StackSmall, and for huge frames
   * first a test that this subtraction cannot wrap below zero.
   */
  stackCheck(s: State, morestack: Label): void {
    const { sp, g, guard, limit } = this.regs;
    const n = s.frame.size;
    const offset = n - STACK_SMALL;
    s.prog(...this.asm.load(8, false, guard, g, G_STACKGUARD0));
    if (n <= STACK_SMALL) return this.branchTo(s, morestack, (d, pc) => this.branchIf("geu", guard, sp, 64, d, pc));
    if (n > STACK_BIG) this.branchIfBelow(s, sp, offset, morestack);
    s.prog(...this.asm.addImm(limit, sp, -offset));
    this.branchTo(s, morestack, (d, pc) => this.branchIf("geu", guard, limit, 64, d, pc));
  }

  /** Branch if r < imm, unsigned: through `limit`, which the check then reuses. */
  protected branchIfBelow(s: State, r: Reg, imm: number, target: Label): void {
    s.prog(...this.asm.movConst(this.regs.limit, imm));
    this.branchTo(s, target, (d, pc) => this.branchIf("ltu", r, this.regs.limit, 64, d, pc));
  }

  prologue(s: State): void {
    if (s.frame.size > 0) s.prog(...this.asm.saveLR(s.frame.size));
    if (s.needsCtxt) s.prog(...this.asm.store(4, this.regs.ctxt, this.regs.sp, s.home(s.fn.params[0]!)));
  }

  morestack(s: State): void {
    s.prog(...this.callMorestack(s.needsCtxt ? "runtime.morestack" : "runtime.morestack_noctxt"));
    this.branchTo(s, s.entry, (d, pc) => this.asm.jump(d, pc));
  }

  /** Appends a branch whose text names its target by pc, as the encoders print it. */
  protected branchTo(s: State, target: Label, make: (disp: number, pc: number) => Inst[]): void {
    const here = s.label("pc");
    s.bind(here);
    s.branch((d) => make(d, here.pc), target);
  }

  // ---------------------------------------------------------------- values in registers

  /**
   * Loads v into r as `need` asks: from its home (an i32 sign-extended
   * unless it must be zero-extended, as Go keeps int32 in registers), or
   * recomputed (remat.ts) as a constant or as SP plus a frame offset.
   * Returns how r then holds an i32.
   */
  protected ld(s: State, v: ir.Value, r: Reg, need: Need = "low"): Held {
    const last = this.lastStore;
    if (last.step === s.step && last.value === v.id && last.reg === r && (v.type === "i64" || satisfies(last.held, need))) return last.held;
    const remat = s.remat(v);
    const held = need === "u" ? "u" : "s";
    if (remat?.kind === "frame") {
      // A 64-bit address, which an i32's use may need extended from its low word.
      s.prog(...this.asm.addImm(r, this.regs.sp, remat.offset));
      if (v.type === "i64" || need === "low") return "raw";
      s.prog(...(held === "u" ? this.asm.zeroExtend(32, r, r) : this.asm.signExtend(32, r, r)));
      return held;
    }
    if (remat?.kind === "const") s.prog(...this.asm.movConst(r, v.type === "i32" && held === "u" ? BigInt.asUintN(32, remat.value) : normalize(v, remat.value)));
    else s.prog(...this.asm.load(sizeOf(v.type), held === "s", r, this.regs.sp, s.home(v)));
    return held;
  }

  /** Stores r as v; `held` says how r holds an i32. */
  protected st(s: State, r: Reg, v: ir.Value, held: Held = "raw"): void {
    s.prog(...this.asm.store(sizeOf(v.type), r, this.regs.sp, s.home(v)));
    this.lastStore = { value: v.id, reg: r, held, step: s.step };
  }

  /** Stores v at an SP offset (an outgoing argument, a result slot), through a. */
  spill(s: State, v: ir.Value, off: number): void {
    this.ld(s, v, this.regs.a);
    s.prog(...this.asm.store(sizeOf(v.type), this.regs.a, this.regs.sp, off));
  }

  private width(v: ir.Value): Width {
    return v.type === "i64" ? 64 : 32;
  }

  // ---------------------------------------------------------------- values

  ssaGenValue(s: State, ins: ir.Instr): void {
    const { a, b, p, sp } = this.regs;
    const asm = this.asm;
    switch (ins.op) {
      case "const":
      case "frameaddr":
        // Recomputed where used (remat.ts), unless assigned more than once.
        if (s.remat(ins.dst)) return;
        if (ins.op === "frameaddr") {
          s.prog(...asm.addImm(a, sp, s.frame.frameAddr(ins.offset)));
          return this.st(s, a, ins.dst);
        }
        s.prog(...asm.movConst(a, normalize(ins.dst, ins.value)));
        return this.st(s, a, ins.dst, "s");
      case "copy":
        return this.st(s, a, ins.dst, this.ld(s, ins.src, a));
      case "unop":
        return this.genUnop(s, ins.kind, ins.dst, ins.a);
      case "binop":
        return this.genBinop(s, ins.kind, ins.dst, ins.a, ins.b);
      case "select": {
        const skip = s.label("select");
        this.ld(s, ins.b, a);
        this.ld(s, ins.cond, b, "ext");
        this.branchTo(s, skip, (d, pc) => asm.branchIfZero(b, d, pc));
        this.ld(s, ins.a, a);
        s.bind(skip);
        return this.st(s, a, ins.dst);
      }
      case "load":
        return this.genLoad(s, ins);
      case "store":
        return this.genStore(s, ins);
      case "argp":
        s.prog(...asm.addImm(a, sp, s.frame.argp));
        return this.st(s, a, ins.dst);
      case "addr":
        s.prog(...asm.loadAddr(a, s.symbol(ins.sym), ins.add));
        return this.st(s, a, ins.dst);
      case "funcindex":
        // A function value's code pointer is the function's address.
        s.prog(...asm.loadAddr(a, s.symbol(ins.sym)));
        return this.st(s, a, ins.dst);
      case "zero":
        return this.genZero(s, ins.addr, ins.size);
      case "move":
        return this.genMove(s, ins.dst, ins.src, ins.size);
      case "call":
        return this.genCall(s, ins);
      case "nilcheck":
        // As Go: a load from the pointer faults when it is nil, and the
        // signal handler turns the fault into a nil-dereference panic.
        this.ld(s, ins.v, p, "u");
        s.prog(...asm.load(1, false, this.discard, p, 0));
        return;
      case "divcheck":
        // As Go: the divisor is tested before the divide, which does not
        // trap (ppc64, riscv64) or traps as a different exception (s390x).
        return this.genCheck(s, (ok) => {
          this.ld(s, ins.v, a, "ext");
          this.branchTo(s, ok, (d, pc) => asm.branchIfNonZero(a, d, pc));
        }, "runtime.panicdivide");
      case "boundscheck":
        return this.genCheck(s, (ok) => {
          this.ld(s, ins.index, a);
          this.ld(s, ins.len, b);
          this.branchTo(s, ok, (d, pc) => this.branchIf("ltu", a, b, 64, d, pc));
          const f = s.frame.helperFrame(["i64", "i64"], []);
          this.spill(s, ins.index, f.args[0]!);
          this.spill(s, ins.len, f.args[1]!);
        }, "runtime.panicIndex");
    }
  }

  /** `test` branches to `ok` when the check passes; otherwise the panic helper is called. */
  private genCheck(s: State, test: (ok: Label) => void, helper: string): void {
    const ok = s.label("ok");
    test(ok);
    s.prog(...this.asm.call(helper));
    s.bind(ok);
  }

  private genUnop(s: State, kind: ir.UnOp, dst: ir.Value, x: ir.Value): void {
    const { a, b } = this.regs;
    const asm = this.asm;
    switch (kind) {
      case "eqz":
        this.ld(s, x, a, "ext");
        s.prog(...asm.setCond("eq", a, a, this.zero(s, b), this.width(x)));
        return this.st(s, a, dst, "u");
      case "neg":
        this.ld(s, x, a);
        s.prog(...asm.neg(a, a, this.width(x)));
        return this.st(s, a, dst);
      case "not":
        this.ld(s, x, a);
        s.prog(...asm.not(a, a));
        return this.st(s, a, dst);
      case "wrap":
        // The store keeps the low word.
        this.ld(s, x, a);
        return this.st(s, a, dst);
      case "extend_s":
      case "extend_u":
        // The load of an i32 extends it.
        return this.st(s, a, dst, this.ld(s, x, a, kind === "extend_s" ? "s" : "u"));
      case "sext8":
      case "sext16":
      case "sext32":
        this.ld(s, x, a);
        s.prog(...asm.signExtend(extendBits(kind), a, a));
        return this.st(s, a, dst, "s");
      case "zext8":
      case "zext16":
      case "zext32":
        this.ld(s, x, a);
        s.prog(...asm.zeroExtend(extendBits(kind), a, a));
        return this.st(s, a, dst, "u");
    }
  }

  /** The memory a load or store addresses: a frame slot, Go's field of g, or through its address value in p. */
  private target(s: State, ins: Extract<ir.Instr, { op: "load" | "store" }>): { base: Reg; disp: number; gField: boolean } {
    const gOff = s.gField(ins);
    if (gOff !== undefined) return { base: this.regs.g, disp: gOff, gField: true };
    const remat = s.remat(ins.addr);
    if (remat?.kind === "frame") return { base: this.regs.sp, disp: remat.offset + ins.offset, gField: false };
    this.ld(s, ins.addr, this.regs.p, "u");
    return { base: this.regs.p, disp: ins.offset, gField: false };
  }

  private genLoad(s: State, ins: Extract<ir.Instr, { op: "load" }>): void {
    const { base, disp, gField } = this.target(s, ins);
    // g's fields are pointers, read whole; the home keeps the low word.
    const size = gField ? 8 : ins.size;
    s.prog(...this.asm.load(size, ins.signed, this.regs.a, base, disp));
    this.st(s, this.regs.a, ins.dst, size < 8 ? (ins.signed ? "s" : "u") : "raw");
  }

  private genStore(s: State, ins: Extract<ir.Instr, { op: "store" }>): void {
    const { base, disp, gField } = this.target(s, ins);
    // A pointer stored in g's field is zero-extended to the field's width.
    this.ld(s, ins.src, this.regs.a, gField ? "u" : "low");
    s.prog(...this.asm.store(gField ? 8 : ins.size, this.regs.a, base, disp));
  }

  /** memory[addr, addr+size) = 0, in the widest stores that divide the size: unrolled, or a loop. */
  private genZero(s: State, addr: ir.Value, size: number): void {
    if (size === 0) return;
    const { a, p, q } = this.regs;
    const asm = this.asm;
    const unit = storeUnit(size);
    this.ld(s, addr, p, "u");
    const z = this.zero(s, a);
    if (size / unit <= UNROLL) {
      for (let off = 0; off < size; off += unit) s.prog(...asm.store(unit, z, p, off));
      return;
    }
    s.prog(...asm.addImm(q, p, size));
    const loop = s.label("zero");
    s.bind(loop);
    s.prog(...asm.store(unit, z, p, 0), ...asm.addImm(p, p, unit));
    this.branchTo(s, loop, (d, pc) => this.branchIf("ltu", p, q, 64, d, pc));
  }

  /** memory[dst, dst+size) = memory[src, src+size), forwards, as genZero. */
  private genMove(s: State, dst: ir.Value, src: ir.Value, size: number): void {
    if (size === 0) return;
    const { a, b, p, q } = this.regs;
    const asm = this.asm;
    const unit = storeUnit(size);
    this.ld(s, dst, q, "u");
    this.ld(s, src, p, "u");
    if (size / unit <= UNROLL) {
      for (let off = 0; off < size; off += unit) s.prog(...asm.load(unit, false, a, p, off), ...asm.store(unit, a, q, off));
      return;
    }
    s.prog(...asm.addImm(b, p, size));
    const loop = s.label("move");
    s.bind(loop);
    s.prog(...asm.load(unit, false, a, p, 0), ...asm.store(unit, a, q, 0), ...asm.addImm(p, p, unit), ...asm.addImm(q, q, unit));
    this.branchTo(s, loop, (d, pc) => this.branchIf("ltu", p, b, 64, d, pc));
  }

  // ---------------------------------------------------------------- binary operations

  private genBinop(s: State, kind: ir.BinOp, dst: ir.Value, x: ir.Value, y: ir.Value): void {
    const { a, b } = this.regs;
    const w = this.width(x);
    const need = needOf(kind);
    this.ld(s, x, a, need);
    if (isCompare(kind)) {
      this.ld(s, y, b, need);
      s.prog(...this.asm.setCond(CONDITIONS[kind], a, a, b, w));
      return this.st(s, a, dst, "u");
    }
    const imm = kind === "add" || kind === "sub" ? this.constant(s, y) : undefined;
    if (imm !== undefined) {
      s.prog(...this.asm.addImm(a, a, kind === "add" ? imm : -imm));
    } else {
      this.ld(s, y, b, need);
      s.prog(...this.arith(kind, w, a, a, b));
    }
    this.st(s, a, dst);
  }

  /** v's value when it is a constant recomputed at its uses. */
  private constant(s: State, v: ir.Value): bigint | undefined {
    const remat = s.remat(v);
    return remat?.kind === "const" ? normalize(v, remat.value) : undefined;
  }

  private arith(kind: ArithOp, w: Width, rd: Reg, ra: Reg, rb: Reg): Inst[] {
    const asm = this.asm;
    switch (kind) {
      case "add":
        return asm.add(rd, ra, rb, w);
      case "sub":
        return asm.sub(rd, ra, rb, w);
      case "mul":
        return asm.mul(rd, ra, rb, w);
      // ssagen divides by 1 instead of -1 (the one trap on s390x besides 0, which divcheck tests).
      case "div_s":
        return asm.div(rd, ra, rb, w);
      case "div_u":
        return asm.divu(rd, ra, rb, w);
      case "rem_s":
        return asm.rem(rd, ra, rb, w);
      case "rem_u":
        return asm.remu(rd, ra, rb, w);
      case "and":
        return asm.and(rd, ra, rb);
      case "or":
        return asm.or(rd, ra, rb);
      case "xor":
        return asm.xor(rd, ra, rb);
      case "andnot":
        return asm.andNot(rd, ra, rb);
      // Counts past the width give results ssagen discards (it selects 0 or the sign then).
      case "shl":
        return asm.shl(rd, ra, rb, w);
      case "shr_s":
        return asm.sar(rd, ra, rb, w);
      case "shr_u":
        return asm.shr(rd, ra, rb, w);
    }
  }

  // ---------------------------------------------------------------- calls

  /**
   * ABI0: the arguments are copied to the outgoing area above the fixed
   * area, the closure context goes in its register, and the results are
   * copied back. A func value's code pointer is its first word.
   */
  private genCall(s: State, c: Call): void {
    const { b, ctxt, sp } = this.regs;
    const callReg = this.regs.call;
    const asm = this.asm;
    const cf = s.frame.callFrame(c);
    for (const { v, off } of cf.args) this.spill(s, v, off);
    if (cf.ctx) this.ld(s, cf.ctx, ctxt, "u");
    switch (c.target.kind) {
      case "static":
      case "runtime":
        s.prog(...asm.call(s.callee(c.target)));
        break;
      case "closure":
        s.prog(...asm.load(4, false, callReg, ctxt, 0), ...asm.callReg(callReg));
        break;
      case "indirect":
        this.ld(s, c.target.index, callReg, "u");
        s.prog(...asm.callReg(callReg));
        break;
    }
    // Through b: under the return1 protocol deferproc's recovery flag must
    // reach the defer block's test after the results are saved.
    for (const { v, off } of cf.results) {
      s.prog(...asm.load(sizeOf(v.type), false, b, sp, off));
      this.st(s, b, v, "u");
    }
  }

  // ---------------------------------------------------------------- blocks

  jump(s: State, to: Label): void {
    this.branchTo(s, to, (d, pc) => this.asm.jump(d, pc));
  }

  condJump(s: State, cond: ir.Value, nonZero: boolean, to: Label): void {
    const asm = this.asm;
    const a = this.regs.a;
    this.ld(s, cond, a, "ext");
    this.branchTo(s, to, (d, pc) => (nonZero ? asm.branchIfNonZero(a, d, pc) : asm.branchIfZero(a, d, pc)));
  }

  branchIfRecovered(s: State, to: Label): void {
    const flag = this.regs.flag;
    this.branchTo(s, to, (d, pc) => this.asm.branchIfNonZero(flag, d, pc));
  }

  ret(s: State): void {
    if (s.frame.size > 0) s.prog(...this.asm.restoreLR(s.frame.size));
    s.prog(...this.asm.ret());
  }

  exitPad(s: State): void {
    s.prog(...this.asm.nop());
  }
}

/** Stores of zeroing and copying loops are unrolled up to this many. */
const UNROLL = 4;

/** The widest access, at most 8 bytes, whose size divides `size`. */
function storeUnit(size: number): Size {
  return size % 8 === 0 ? 8 : size % 4 === 0 ? 4 : size % 2 === 0 ? 2 : 1;
}

/** A constant as its type reads it, signed. */
function normalize(v: ir.Value, value: bigint): bigint {
  return BigInt.asIntN(v.type === "i64" ? 64 : 32, value);
}

function isCompare(kind: ir.BinOp): kind is CompareOp {
  return kind in CONDITIONS;
}

function extendBits(kind: "sext8" | "sext16" | "sext32" | "zext8" | "zext16" | "zext32"): 8 | 16 | 32 {
  return Number(kind.slice(4)) as 8 | 16 | 32;
}
