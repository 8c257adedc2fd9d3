// Instruction encoding for GOARCH=mips (32-bit, big-endian, MIPS32r1 as
// GOMIPS=hardfloat) and, through Mips64Asm, GOARCH=mips64 (big-endian
// MIPS64): the counterpart of Go's cmd/internal/obj/mips, which serves both.
//
// One Inst is one instruction as Go's assembler spells it, so its text fed
// to `go tool asm` yields exactly its bytes: usually one machine word, but
// Go's own macros stay whole (a large offset `MOVW 40000(R29), R4` is LUI +
// ADDU + LW through REGTMP, `MOVB R4, R5` is SLL + SRA). Operand classes
// follow Go's (BIG, ADDCON, ANDCON, UCON, LCON), so the encoding Go picks for
// a text is the one produced here. Branches, jumps and calls are followed by
// their delay-slot NOOP as a separate Inst, as `go tool asm -S` lists it;
// Go's assembler inserts that NOOP itself, so it is not part of the text.
//
// Branch targets print as `n(PC)`, n counted in machine instructions from the
// branch (delay slots included), since the encoder knows displacements only.

import type { Inst, InstReloc } from "../machine/inst.js";
import { immOperands, memText, pcText, symText, wordsInst } from "../machine/encode.js";

/** A general register, R0..R31 (Go's numbering is the hardware's). */
export type Reg = number;

/** Hardwired zero. */
export const REGZERO: Reg = 0;
/** R1: Go's prologue loads g.stackguard0 into it for the stack-bound check. */
export const REGRT1: Reg = 1;
/** R3: the prologue passes the caller's return address to morestack in it. */
export const REGMORESTACKLR: Reg = 3;
/** Closure context: the funcval pointer a closure call passes. */
export const REGCTXT: Reg = 22;
/** Assembler temporary: builds large offsets and immediates (Go's REGTMP). */
export const REGTMP: Reg = 23;
/** mips64 static base: Go's address loads add it (the runtime keeps it 0). */
export const REGSB: Reg = 28;
/** Stack pointer. */
export const REGSP: Reg = 29;
/** The current goroutine's g (printed `g`, as Go does). */
export const REGG: Reg = 30;
/** Link register: JAL/JALR write the return address here. */
export const REGLINK: Reg = 31;

/** Memory access widths, as Go's MOVx suffixes name them. */
export type LoadWidth = "B" | "BU" | "H" | "HU" | "W" | "WU" | "V";
export type StoreWidth = "B" | "H" | "W" | "V";
/** Extensions of a register's low bits (W/WU: mips64 only). */
export type ExtendWidth = "B" | "BU" | "H" | "HU" | "W" | "WU";
/** Conditions for setCond: signed, and unsigned with a `u` suffix. */
export type Cond = "eq" | "ne" | "lt" | "le" | "gt" | "ge" | "ltu" | "leu" | "gtu" | "geu";

/** ELF relocation types of the MIPS psABI that Go emits (cmd/link/internal/mips*). */
export const R_MIPS_26 = 4;
export const R_MIPS_HI16 = 5;
export const R_MIPS_LO16 = 6;

// Major opcodes, bits 31..26.
const OP_J = 2;
const OP_JAL = 3;
const OP_BEQ = 4;
const OP_BNE = 5;
const OP_ADDIU = 9;
const OP_SLTIU = 11;
const OP_ANDI = 12;
const OP_ORI = 13;
const OP_XORI = 14;
const OP_LUI = 15;
const OP_DADDI = 24;
const OP_DADDIU = 25;
const OP_SPECIAL2 = 28;

// SPECIAL function codes, bits 5..0.
const FN_SLL = 0;
const FN_SRL = 2;
const FN_SRA = 3;
const FN_SLLV = 4;
const FN_SRLV = 6;
const FN_SRAV = 7;
const FN_JR = 8;
const FN_JALR = 9;
const FN_MFHI = 16;
const FN_MFLO = 18;
const FN_DSLLV = 20;
const FN_DSRLV = 22;
const FN_DSRAV = 23;
const FN_MULT = 24;
const FN_MULTU = 25;
const FN_DIV = 26;
const FN_DIVU = 27;
const FN_DMULT = 28;
const FN_DDIV = 30;
const FN_DDIVU = 31;
const FN_ADDU = 33;
const FN_SUBU = 35;
const FN_AND = 36;
const FN_OR = 37;
const FN_XOR = 38;
const FN_NOR = 39;
const FN_SLT = 42;
const FN_SLTU = 43;
const FN_DADD = 44;
const FN_DADDU = 45;
const FN_DSUBU = 47;
const FN_TEQ = 52;
const FN_DSLL = 56;
const FN_DSRL32 = 62;
const FN_DSLL32 = 60;
// SPECIAL2 function code of the three-operand MUL.
const FN2_MUL = 2;

// Loads and stores: opcode per width.
const LOAD_OP: Record<LoadWidth, number> = { B: 32, H: 33, W: 35, BU: 36, HU: 37, WU: 39, V: 55 };
const STORE_OP: Record<StoreWidth, number> = { B: 40, H: 41, W: 43, V: 63 };

/**
 * Go's BIG: a memory offset in [-BIG, BIG) uses the instruction's own 16-bit
 * field; anything else goes through REGTMP.
 */
const BIG = 32766;

/** An immediate-operand instruction and the register form its REGTMP expansion uses. */
interface ImmOp {
  mn: string;
  /** I-type opcode taking the immediate directly. */
  op: number;
  /** SPECIAL function code of the register form. */
  fn: number;
  /** Zero-extends its 16-bit immediate (AND/OR/XOR) rather than sign-extending it. */
  logical: boolean;
}

const ADDU: ImmOp = { mn: "ADDU", op: OP_ADDIU, fn: FN_ADDU, logical: false };
const ADDVU: ImmOp = { mn: "ADDVU", op: OP_DADDIU, fn: FN_DADDU, logical: false };
// Trapping 64-bit add: what Go's mips64 prologue and epilogue use on SP.
const ADDV: ImmOp = { mn: "ADDV", op: OP_DADDI, fn: FN_DADD, logical: false };
const SGTU: ImmOp = { mn: "SGTU", op: OP_SLTIU, fn: FN_SLTU, logical: false };
const AND: ImmOp = { mn: "AND", op: OP_ANDI, fn: FN_AND, logical: true };
const OR: ImmOp = { mn: "OR", op: OP_ORI, fn: FN_OR, logical: true };
const XOR: ImmOp = { mn: "XOR", op: OP_XORI, fn: FN_XOR, logical: true };

function checkReg(r: Reg): Reg {
  if (!Number.isInteger(r) || r < 0 || r > 31) throw new RangeError(`not a MIPS register: ${r}`);
  return r;
}

function rtype(fn: number, rs: Reg, rt: Reg, rd: Reg, sa = 0): number {
  return ((checkReg(rs) << 21) | (checkReg(rt) << 16) | (checkReg(rd) << 11) | ((sa & 31) << 6) | fn) >>> 0;
}

function itype(op: number, rs: Reg, rt: Reg, imm: number): number {
  return ((op << 26) | (checkReg(rs) << 21) | (checkReg(rt) << 16) | (imm & 0xffff)) >>> 0;
}

function jtype(op: number, target: number): number {
  return ((op << 26) | (target & 0x3ffffff)) >>> 0;
}

/** One Inst from big-endian machine words. */
function inst(text: string, words: number[], relocs?: InstReloc[]): Inst {
  return wordsInst(text, words, true, relocs);
}

function isInt16(v: number): boolean {
  return v >= -0x8000 && v <= 0x7fff;
}

function isInt32(v: number): boolean {
  return Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff;
}

/** Go's register spelling: R30 is `g`. */
export function regName(r: Reg): string {
  return checkReg(r) === REGG ? "g" : `R${r}`;
}

/** A branch's displacement in bytes from the branch, as its 16-bit field (words from the delay slot). */
function branchField(disp: number): number {
  if (disp % 4 !== 0) throw new RangeError(`branch displacement not a multiple of 4: ${disp}`);
  const field = (disp - 4) / 4;
  if (!isInt16(field)) throw new RangeError(`branch displacement out of the ±128 KiB short range: ${disp}`);
  return field;
}

/**
 * The assembler for one member of the family: `MipsAsm` is GOARCH=mips and
 * covers everything both widths share (with pointer-sized moves, address
 * arithmetic and frame stores at the member's width); `Mips64Asm` adds the
 * 64-bit forms.
 */
export class MipsAsm {
  /** Whether registers, pointers and frame slots are 64-bit (mips64). */
  protected readonly wide: boolean = false;

  /** Pointer size in bytes. */
  get ptrSize(): 4 | 8 {
    return this.wide ? 8 : 4;
  }

  /** Pointer-sized move mnemonic: MOVW on mips, MOVV on mips64. */
  protected get movPtr(): string {
    return this.wide ? "MOVV" : "MOVW";
  }

  /** Pointer-sized add of an immediate. */
  protected get addPtr(): ImmOp {
    return this.wide ? ADDVU : ADDU;
  }

  // ---- Moves and constants -------------------------------------------------

  /** rd = rs (`MOVW Rs, Rd`; OR with R0, as Go encodes it). */
  mov(rd: Reg, rs: Reg): Inst[] {
    return [inst(`${this.movPtr} ${regName(rs)}, ${regName(rd)}`, [rtype(FN_OR, REGZERO, rs, rd)])];
  }

  /**
   * rd = v. On mips v is taken modulo 2^32 (an int32 or uint32 bit pattern);
   * on mips64 it is the exact 64-bit value. The shortest of Go's forms:
   * OR R0, ADDIU, ORI, LUI, or LUI+ORI; a 64-bit value beyond int32 is
   * built from its high part with SLLV/OR (Go loads those from a literal
   * pool instead, which would need a data symbol per constant).
   */
  movConst(rd: Reg, v: number | bigint): Inst[] {
    const big = BigInt(v);
    if (big < -(1n << 31n) || big >= 1n << 32n) throw new RangeError(`constant out of range: ${v}`);
    return [this.movConst32(rd, Number(BigInt.asIntN(32, big)))];
  }

  /** `MOVW/MOVV $v, Rd` for an int32 v: one Go instruction of 1 or 2 words. */
  protected movConst32(rd: Reg, v: number): Inst {
    const text = `${this.movPtr} $${v}, ${regName(rd)}`;
    if (v === 0) return inst(text, [rtype(FN_OR, REGZERO, REGZERO, rd)]);
    if (isInt16(v)) return inst(text, [itype(this.addPtr.op, REGZERO, rd, v)]);
    if (v > 0 && v <= 0xffff) return inst(text, [itype(OP_ORI, REGZERO, rd, v)]);
    if ((v & 0xffff) === 0) return inst(text, [itype(OP_LUI, REGZERO, rd, v >> 16)]);
    return inst(text, [itype(OP_LUI, REGZERO, rd, v >> 16), itype(OP_ORI, rd, rd, v)]);
  }

  /**
   * rd = &sym + add, in Go's static model: LUI + ADDIU with R_MIPS_HI16 on
   * the LUI and R_MIPS_LO16 on the ADDIU (mips64 adds REGSB in between).
   */
  movAddr(rd: Reg, sym: string, add = 0): Inst[] {
    const hi: InstReloc = { off: 0, type: R_MIPS_HI16, typeName: "R_MIPS_HI16", sym, add };
    const words = [itype(OP_LUI, REGZERO, rd, 0)];
    if (this.wide) words.push(rtype(FN_DADDU, rd, REGSB, rd));
    const lo: InstReloc = { off: words.length * 4, type: R_MIPS_LO16, typeName: "R_MIPS_LO16", sym, add };
    words.push(itype(this.addPtr.op, rd, rd, 0));
    return [inst(`${this.movPtr} $${symText(sym, add)}, ${regName(rd)}`, words, [hi, lo])];
  }

  // ---- Memory --------------------------------------------------------------

  /**
   * rd = *(base + disp), `w` bytes sign- or zero-extended (`MOVBU 8(R29), R4`;
   * on mips, W serves 4-byte loads of either signedness; WU and V are
   * mips64's). A displacement outside Go's [-BIG, BIG) goes through REGTMP:
   * LUI, ADDU base, then the access with the low half.
   */
  load(w: LoadWidth, rd: Reg, base: Reg, disp: number): Inst[] {
    this.checkWidth(w);
    const text = `MOV${w} ${memText(disp, regName(base))}, ${regName(rd)}`;
    return [inst(text, this.memWords(LOAD_OP[w], rd, base, disp))];
  }

  /** *(base + disp) = the low `w` bytes of rs (`MOVW R4, -8(R29)`). */
  store(w: StoreWidth, rs: Reg, base: Reg, disp: number): Inst[] {
    this.checkWidth(w);
    if (rs === REGTMP && !this.fitsOffset(disp)) throw new RangeError("a store through REGTMP cannot store REGTMP");
    const text = `MOV${w} ${regName(rs)}, ${memText(disp, regName(base))}`;
    return [inst(text, this.memWords(STORE_OP[w], rs, base, disp))];
  }

  private fitsOffset(disp: number): boolean {
    return disp >= -BIG && disp < BIG;
  }

  private memWords(op: number, rt: Reg, base: Reg, disp: number): number[] {
    if (!Number.isInteger(disp)) throw new RangeError(`not an integer displacement: ${disp}`);
    if (this.fitsOffset(disp)) return [itype(op, base, rt, disp)];
    // LUI takes the high half rounded so that the sign-extended low half adds back.
    if (!isInt32(disp) || disp > 0x7fffffff - 0x8000) throw new RangeError(`displacement out of range: ${disp}`);
    if (base === REGTMP) throw new RangeError("a large displacement cannot use REGTMP as the base");
    return [
      itype(OP_LUI, REGZERO, REGTMP, (disp + 0x8000) >> 16),
      rtype(this.wide ? FN_DADDU : FN_ADDU, REGTMP, base, REGTMP),
      itype(op, REGTMP, rt, disp),
    ];
  }

  private checkWidth(w: LoadWidth): void {
    if (!this.wide && (w === "WU" || w === "V")) throw new RangeError(`MOV${w} is mips64 only`);
  }

  // ---- Immediate arithmetic ------------------------------------------------

  /** rd = rs + imm at pointer width (ADDU on mips, ADDVU on mips64). */
  addImm(rd: Reg, rs: Reg, imm: number | bigint): Inst[] {
    return this.immOp(this.addPtr, rd, rs, imm);
  }

  /** rd = rs & imm. */
  andImm(rd: Reg, rs: Reg, imm: number): Inst[] {
    return this.immOp(AND, rd, rs, imm);
  }

  /** rd = rs | imm. */
  orImm(rd: Reg, rs: Reg, imm: number): Inst[] {
    return this.immOp(OR, rd, rs, imm);
  }

  /** rd = rs ^ imm. */
  xorImm(rd: Reg, rs: Reg, imm: number): Inst[] {
    return this.immOp(XOR, rd, rs, imm);
  }

  /** rd = 1 if imm > rs (unsigned) else 0: the large-frame stack check's underflow guard. */
  sgtuImm(rd: Reg, imm: number, rs: Reg): Inst[] {
    return this.immOp(SGTU, rd, rs, imm);
  }

  /**
   * `MN $imm, Rs, Rd`, with Go's operand classes: one I-type instruction when
   * the immediate fits its field (signed for arithmetic, unsigned for
   * logical ops), otherwise the value is built in REGTMP (ORI, ADDIU, LUI or
   * LUI+ORI) and the register form follows. mips64 immediates beyond int32
   * are built with movConst.
   */
  protected immOp(o: ImmOp, rd: Reg, rs: Reg, imm: number | bigint): Inst[] {
    const big = BigInt(imm);
    if (BigInt.asIntN(32, big) !== big) {
      if (!this.wide || BigInt.asIntN(64, big) !== big) throw new RangeError(`immediate out of range: ${imm}`);
      if (rs === REGTMP) throw new RangeError("a 64-bit immediate cannot be applied to REGTMP");
      return [...this.movConst(REGTMP, big), this.alu(o.mn, o.fn, rd, rs, REGTMP)[0]];
    }
    const v = Number(big);
    const text = `${o.mn} ${immOperands(v, regName(rs), regName(rd))}`;
    if (o.logical ? v >= 0 && v <= 0xffff : isInt16(v)) return [inst(text, [itype(o.op, rs, rd, v)])];
    if (rs === REGTMP) throw new RangeError(`${o.mn} of a large immediate cannot use REGTMP as the source`);
    const tmp = this.tmpWords(v);
    return [inst(text, [...tmp, rtype(o.fn, rs, REGTMP, rd)])];
  }

  /** REGTMP = v (an int32 that needs more than the instruction's own field). */
  private tmpWords(v: number): number[] {
    if (v >= 0 && v <= 0xffff) return [itype(OP_ORI, REGZERO, REGTMP, v)];
    if (isInt16(v)) return [itype(OP_ADDIU, REGZERO, REGTMP, v)];
    if ((v & 0xffff) === 0) return [itype(OP_LUI, REGZERO, REGTMP, v >> 16)];
    return [itype(OP_LUI, REGZERO, REGTMP, v >> 16), itype(OP_ORI, REGTMP, REGTMP, v)];
  }

  // ---- Register-register ALU (32-bit) --------------------------------------

  /** `MN Rb, Ra, Rd`: rd = a OP b (Go's operand order: the second source first). */
  protected alu(mn: string, fn: number, rd: Reg, a: Reg, b: Reg): Inst[] {
    return [inst(`${mn} ${regName(b)}, ${regName(a)}, ${regName(rd)}`, [rtype(fn, a, b, rd)])];
  }

  /** `MN Rn, Ra, Rd`: rd = a shifted by the count in n. */
  protected shift(mn: string, fn: number, rd: Reg, a: Reg, n: Reg): Inst[] {
    return [inst(`${mn} ${regName(n)}, ${regName(a)}, ${regName(rd)}`, [rtype(fn, n, a, rd)])];
  }

  /** rd = a + b (32-bit, ADDU). */
  addu(rd: Reg, a: Reg, b: Reg): Inst[] {
    return this.alu("ADDU", FN_ADDU, rd, a, b);
  }

  /** rd = a - b (32-bit, SUBU). */
  subu(rd: Reg, a: Reg, b: Reg): Inst[] {
    return this.alu("SUBU", FN_SUBU, rd, a, b);
  }

  /** rd = a & b. */
  and(rd: Reg, a: Reg, b: Reg): Inst[] {
    return this.alu("AND", FN_AND, rd, a, b);
  }

  /** rd = a | b. */
  or(rd: Reg, a: Reg, b: Reg): Inst[] {
    return this.alu("OR", FN_OR, rd, a, b);
  }

  /** rd = a ^ b. */
  xor(rd: Reg, a: Reg, b: Reg): Inst[] {
    return this.alu("XOR", FN_XOR, rd, a, b);
  }

  /** rd = ^(a | b). */
  nor(rd: Reg, a: Reg, b: Reg): Inst[] {
    return this.alu("NOR", FN_NOR, rd, a, b);
  }

  /** rd = ^rs (`NOR R0, Rs, Rd`). */
  not(rd: Reg, rs: Reg): Inst[] {
    return this.nor(rd, rs, REGZERO);
  }

  /** rd = a &^ b: MIPS has no and-not, so ^b goes through REGTMP first. */
  andNot(rd: Reg, a: Reg, b: Reg): Inst[] {
    if (a === REGTMP) throw new RangeError("andNot cannot take REGTMP as its first operand");
    return [...this.not(REGTMP, b), ...this.and(rd, a, REGTMP)];
  }

  /** rd = -rs (32-bit, `NEGW Rs, Rd` = SUBU from R0). */
  negw(rd: Reg, rs: Reg): Inst[] {
    return [inst(`NEGW ${regName(rs)}, ${regName(rd)}`, [rtype(FN_SUBU, REGZERO, rs, rd)])];
  }

  /** rd = a << (n mod 32) (SLL with a register count is SLLV). */
  sll(rd: Reg, a: Reg, n: Reg): Inst[] {
    return this.shift("SLL", FN_SLLV, rd, a, n);
  }

  /** rd = a >> (n mod 32), logical. */
  srl(rd: Reg, a: Reg, n: Reg): Inst[] {
    return this.shift("SRL", FN_SRLV, rd, a, n);
  }

  /** rd = a >> (n mod 32), arithmetic. */
  sra(rd: Reg, a: Reg, n: Reg): Inst[] {
    return this.shift("SRA", FN_SRAV, rd, a, n);
  }

  /** rd = 1 if a > b (signed) else 0 (`SGT Ra, Rb, Rd` is SLT rd, b, a). */
  sgt(rd: Reg, a: Reg, b: Reg): Inst[] {
    return this.alu("SGT", FN_SLT, rd, b, a);
  }

  /** rd = 1 if a > b (unsigned) else 0. */
  sgtu(rd: Reg, a: Reg, b: Reg): Inst[] {
    return this.alu("SGTU", FN_SLTU, rd, b, a);
  }

  /** rd = low 32 bits of a * b (the three-operand MUL of MIPS32r1). */
  mul(rd: Reg, a: Reg, b: Reg): Inst[] {
    return [inst(`MUL ${regName(b)}, ${regName(a)}, ${regName(rd)}`, [((OP_SPECIAL2 << 26) | rtype(FN2_MUL, a, b, rd)) >>> 0])];
  }

  /** hi:lo = a * b, signed 32x32->64 (MUL, then HI and LO). */
  mulWide(hi: Reg, lo: Reg, a: Reg, b: Reg): Inst[] {
    return [...this.hilo("MUL", FN_MULT, a, b), this.fromHiLo("HI", hi), this.fromHiLo("LO", lo)];
  }

  /** hi:lo = a * b, unsigned 32x32->64 (MULU). */
  mulWideU(hi: Reg, lo: Reg, a: Reg, b: Reg): Inst[] {
    return [...this.hilo("MULU", FN_MULTU, a, b), this.fromHiLo("HI", hi), this.fromHiLo("LO", lo)];
  }

  /**
   * rd = a / b, signed 32-bit: DIV leaves the quotient in LO and the
   * remainder in HI. Dividing by zero does not trap on MIPS; Go's compiler
   * tests the divisor and calls runtime.panicdivide itself. On mips64 the
   * operands must be sign-extended 32-bit values.
   */
  div(rd: Reg, a: Reg, b: Reg): Inst[] {
    return [...this.hilo("DIV", FN_DIV, a, b), this.fromHiLo("LO", rd)];
  }

  /** rd = a / b, unsigned 32-bit (DIVU, LO). */
  divu(rd: Reg, a: Reg, b: Reg): Inst[] {
    return [...this.hilo("DIVU", FN_DIVU, a, b), this.fromHiLo("LO", rd)];
  }

  /** rd = a % b, signed 32-bit (DIV, HI). */
  rem(rd: Reg, a: Reg, b: Reg): Inst[] {
    return [...this.hilo("DIV", FN_DIV, a, b), this.fromHiLo("HI", rd)];
  }

  /** rd = a % b, unsigned 32-bit (DIVU, HI). */
  remu(rd: Reg, a: Reg, b: Reg): Inst[] {
    return [...this.hilo("DIVU", FN_DIVU, a, b), this.fromHiLo("HI", rd)];
  }

  /** `MN Rb, Ra`: a multiply or divide into HI/LO with a as rs and b as rt. */
  protected hilo(mn: string, fn: number, a: Reg, b: Reg): Inst[] {
    return [inst(`${mn} ${regName(b)}, ${regName(a)}`, [rtype(fn, a, b, REGZERO)])];
  }

  /** `MOVW HI, Rd` / `MOVW LO, Rd` (MFHI/MFLO). */
  protected fromHiLo(src: "HI" | "LO", rd: Reg): Inst {
    return inst(`${this.movPtr} ${src}, ${regName(rd)}`, [rtype(src === "HI" ? FN_MFHI : FN_MFLO, REGZERO, REGZERO, rd)]);
  }

  /**
   * rd = a + b and carry = the carry out (unsigned a + b >= 2^32), the SLTU
   * idiom for 64-bit additions on register pairs: the sum is below an
   * operand exactly when it wrapped. carry must differ from rd.
   */
  addCarry(rd: Reg, carry: Reg, a: Reg, b: Reg): Inst[] {
    if (carry === rd) throw new RangeError("addCarry needs distinct sum and carry registers");
    if (a === rd && b === rd) {
      // a + a wraps exactly when a's top bit is set: read it before the add.
      return [inst(`SRL $31, ${regName(a)}, ${regName(carry)}`, [rtype(FN_SRL, REGZERO, a, carry, 31)]), ...this.addu(rd, a, b)];
    }
    const kept = a === rd ? b : a;
    return [...this.addu(rd, a, b), ...this.sgtu(carry, kept, rd)];
  }

  /**
   * rd = a - b and borrow = 1 if a < b (unsigned), computed first. borrow
   * must differ from a and b, which it overwrites before the subtraction.
   */
  subBorrow(rd: Reg, borrow: Reg, a: Reg, b: Reg): Inst[] {
    if (borrow === a || borrow === b || borrow === rd) throw new RangeError("subBorrow needs a borrow register distinct from its operands");
    return [...this.sgtu(borrow, b, a), ...this.subu(rd, a, b)];
  }

  // ---- Comparisons and extensions ------------------------------------------

  /**
   * rd = 1 if (a cond b) else 0: SGT/SGTU for the orders, XOR then a test
   * against zero for (in)equality, and XOR $1 to negate le/ge. Safe when rd
   * is a or b. On mips64 compare 32-bit values sign-extended (or both
   * zero-extended): the comparisons see whole registers.
   */
  setCond(cond: Cond, rd: Reg, a: Reg, b: Reg): Inst[] {
    switch (cond) {
      case "eq":
        return [...this.xor(rd, a, b), ...this.immOp(SGTU, rd, rd, 1)];
      case "ne":
        return [...this.xor(rd, a, b), ...this.sgtu(rd, rd, REGZERO)];
      case "lt":
        return this.sgt(rd, b, a);
      case "gt":
        return this.sgt(rd, a, b);
      case "le":
        return [...this.sgt(rd, a, b), ...this.xorImm(rd, rd, 1)];
      case "ge":
        return [...this.sgt(rd, b, a), ...this.xorImm(rd, rd, 1)];
      case "ltu":
        return this.sgtu(rd, b, a);
      case "gtu":
        return this.sgtu(rd, a, b);
      case "leu":
        return [...this.sgtu(rd, a, b), ...this.xorImm(rd, rd, 1)];
      case "geu":
        return [...this.sgtu(rd, b, a), ...this.xorImm(rd, rd, 1)];
    }
  }

  /**
   * rd = rs's low bits extended (`MOVB Rs, Rd`, ...): MIPS32r1 has no
   * SEB/SEH, so Go shifts left then arithmetic-right for the signed forms
   * and masks with ANDI for the unsigned ones. W and WU are mips64's
   * 32-bit extensions.
   */
  extend(w: ExtendWidth, rd: Reg, rs: Reg): Inst[] {
    const text = `MOV${w} ${regName(rs)}, ${regName(rd)}`;
    switch (w) {
      case "B":
      case "H": {
        const n = w === "B" ? 24 : 16;
        return [inst(text, [rtype(FN_SLL, REGZERO, rs, rd, n), rtype(FN_SRA, REGZERO, rd, rd, n)])];
      }
      case "BU":
        return [inst(text, [itype(OP_ANDI, rs, rd, 0xff)])];
      case "HU":
        return [inst(text, [itype(OP_ANDI, rs, rd, 0xffff)])];
      case "W":
      case "WU":
        if (!this.wide) throw new RangeError(`MOV${w} Rs, Rd is mips64 only`);
        // A 32-bit shift sign-extends its result; DSLL32/DSRL32 clear the top half.
        return [inst(text, w === "W" ? [rtype(FN_SLLV, REGZERO, rs, rd)] : [rtype(FN_DSLL32, REGZERO, rs, rd), rtype(FN_DSRL32, REGZERO, rd, rd)])];
    }
  }

  // ---- Control flow --------------------------------------------------------

  /** Go's delay-slot filler (`NOOP`, the all-zero word). */
  nop(): Inst[] {
    return [inst("NOOP", [0])];
  }

  /** Always traps: Go's UNDEF, TEQ R0, R0. */
  undef(): Inst[] {
    return [inst("UNDEF", [rtype(FN_TEQ, REGZERO, REGZERO, REGZERO)])];
  }

  /**
   * Unconditional jump by `disp` bytes from this sequence's first byte:
   * Go's short JMP, BEQ R0, R0 (±128 KiB), then its delay slot. 8 bytes.
   */
  jmp(disp: number): Inst[] {
    return [inst(`JMP ${pcText(disp)}`, [itype(OP_BEQ, REGZERO, REGZERO, branchField(disp))]), ...this.nop()];
  }

  /** Branch by `disp` if r == 0 (BEQ r, R0; ±128 KiB), then its delay slot. 8 bytes. */
  beqz(r: Reg, disp: number): Inst[] {
    return [inst(`BEQ ${regName(r)}, ${pcText(disp)}`, [itype(OP_BEQ, r, REGZERO, branchField(disp))]), ...this.nop()];
  }

  /** Branch by `disp` if r != 0 (BNE r, R0; ±128 KiB), then its delay slot. 8 bytes. */
  bnez(r: Reg, disp: number): Inst[] {
    return [inst(`BNE ${regName(r)}, ${pcText(disp)}`, [itype(OP_BNE, r, REGZERO, branchField(disp))]), ...this.nop()];
  }

  /**
   * Branch by `disp` if a != b: `BNE Ra, Rb`, a in rs and b in rt (Go
   * 1.19 tests deferproc's result with `BNE R0, R1`), then its delay slot.
   */
  bne(a: Reg, b: Reg, disp: number): Inst[] {
    return [inst(`BNE ${regName(a)}, ${regName(b)}, ${pcText(disp)}`, [itype(OP_BNE, a, b, branchField(disp))]), ...this.nop()];
  }

  /**
   * Jump to `fn`+`off` (a function and a byte offset in it), any distance
   * within the 256 MiB region: J is region-absolute, so it needs an
   * R_MIPS_26 relocation, as Go's own far JMP (R_JMPMIPS) does. MIPS32 has
   * no PC-relative jump beyond the branches' ±128 KiB that leaves R31
   * alone. 8 bytes with the delay slot.
   */
  jmpFar(fn: string, off: number): Inst[] {
    const reloc: InstReloc = { off: 0, type: R_MIPS_26, typeName: "R_MIPS_26", sym: fn, add: off };
    return [inst(`JMP ${symText(fn, off)}`, [jtype(OP_J, 0)], [reloc]), ...this.nop()];
  }

  /** If r == 0 jump to `fn`+`off`: BNE over jmpFar. 16 bytes. */
  beqzFar(r: Reg, fn: string, off: number): Inst[] {
    return [...this.bnez(r, 16), ...this.jmpFar(fn, off)];
  }

  /** If r != 0 jump to `fn`+`off`: BEQ over jmpFar. 16 bytes. */
  bnezFar(r: Reg, fn: string, off: number): Inst[] {
    return [...this.beqz(r, 16), ...this.jmpFar(fn, off)];
  }

  /**
   * Direct call: `CALL sym(SB)`, JAL with R_MIPS_26 at offset 0 (the call's
   * first byte, where computeDeferReturn expects it), then its delay slot.
   */
  call(sym: string): Inst[] {
    const reloc: InstReloc = { off: 0, type: R_MIPS_26, typeName: "R_MIPS_26", sym, add: 0 };
    return [inst(`CALL ${symText(sym, 0)}`, [jtype(OP_JAL, 0)], [reloc]), ...this.nop()];
  }

  /** Indirect call through r (`CALL (Rr)`, JALR R31, r), then its delay slot. */
  callReg(r: Reg): Inst[] {
    return [inst(`CALL (${regName(r)})`, [rtype(FN_JALR, r, REGZERO, REGLINK)]), ...this.nop()];
  }

  /** Return: `JMP (R31)` (JR), then its delay slot. */
  ret(): Inst[] {
    return [inst(`JMP (${regName(REGLINK)})`, [rtype(FN_JR, REGLINK, REGZERO, REGZERO)]), ...this.nop()];
  }

  // ---- Frames --------------------------------------------------------------

  /**
   * Go's prologue after the stack check, for a frame of `frameSize` bytes
   * (LR slot included): store R31 below SP, drop SP (ADDU on mips, the
   * trapping ADDV on mips64, as Go's obj0.go does), and store R31 again at
   * 0(SP) in case a signal clobbered the slot in between.
   */
  saveLR(frameSize: number): Inst[] {
    return [
      ...this.store(this.wide ? "V" : "W", REGLINK, REGSP, -frameSize),
      ...this.adjustSP(-frameSize),
      ...this.store(this.wide ? "V" : "W", REGLINK, REGSP, 0),
    ];
  }

  /** Go's epilogue before `ret`: reload R31 from 0(SP), then pop the frame. */
  restoreLR(frameSize: number): Inst[] {
    return [...this.load(this.wide ? "V" : "W", REGLINK, REGSP, 0), ...this.adjustSP(frameSize)];
  }

  /** SP += delta with the mnemonic Go's prologue uses (ADDU / ADDV). */
  adjustSP(delta: number): Inst[] {
    return this.addSP(REGSP, delta);
  }

  /** rd = SP + delta with that same add, as Go's stack check computes SP less a large frame. */
  addSP(rd: Reg, delta: number): Inst[] {
    return this.immOp(this.wide ? ADDV : ADDU, rd, REGSP, delta);
  }
}

/**
 * GOARCH=mips64: everything of MipsAsm at 64-bit pointer width, plus the
 * doubleword ALU forms and 64-bit constants.
 */
export class Mips64Asm extends MipsAsm {
  protected override readonly wide = true;

  override movConst(rd: Reg, v: number | bigint): Inst[] {
    const big = BigInt(v);
    if (big < -(1n << 63n) || big >= 1n << 64n) throw new RangeError(`constant out of range: ${v}`);
    const value = BigInt.asIntN(64, big);
    if (BigInt.asIntN(32, value) === value) return [this.movConst32(rd, Number(value))];
    // value = high << s | low, with high an int32: s = 16 when value fits in
    // 48 signed bits, else 32. low follows in 16-bit pieces, each shifted in
    // with SLLV and ORed; zero pieces only add to the next shift.
    const s = BigInt.asIntN(48, value) === value ? 16n : 32n;
    const out = [this.movConst32(rd, Number(value >> s))];
    let pending = 0;
    for (let at = s - 16n; at >= 0n; at -= 16n) {
      pending += 16;
      const piece = Number((value >> at) & 0xffffn);
      if (piece === 0) continue;
      out.push(this.shiftImm(rd, pending), ...this.orImm(rd, rd, piece));
      pending = 0;
    }
    if (pending > 0) out.push(this.shiftImm(rd, pending));
    return out;
  }

  /** `SLLV $n, Rd` in place (DSLL, or DSLL32 for 32). */
  private shiftImm(rd: Reg, n: number): Inst {
    const word = n === 32 ? rtype(FN_DSLL32, REGZERO, rd, rd, 0) : rtype(FN_DSLL, REGZERO, rd, rd, n);
    return inst(`SLLV $${n}, ${regName(rd)}`, [word]);
  }

  /** rd = a + b (64-bit, ADDVU = DADDU). */
  addvu(rd: Reg, a: Reg, b: Reg): Inst[] {
    return this.alu("ADDVU", FN_DADDU, rd, a, b);
  }

  /** rd = a - b (64-bit, SUBVU = DSUBU). */
  subvu(rd: Reg, a: Reg, b: Reg): Inst[] {
    return this.alu("SUBVU", FN_DSUBU, rd, a, b);
  }

  /** rd = -rs (64-bit, `NEGV Rs, Rd` = DSUBU from R0). */
  negv(rd: Reg, rs: Reg): Inst[] {
    return [inst(`NEGV ${regName(rs)}, ${regName(rd)}`, [rtype(FN_DSUBU, REGZERO, rs, rd)])];
  }

  /** rd = a << (n mod 64) (DSLLV). */
  sllv(rd: Reg, a: Reg, n: Reg): Inst[] {
    return this.shift("SLLV", FN_DSLLV, rd, a, n);
  }

  /** rd = a >> (n mod 64), logical (DSRLV). */
  srlv(rd: Reg, a: Reg, n: Reg): Inst[] {
    return this.shift("SRLV", FN_DSRLV, rd, a, n);
  }

  /** rd = a >> (n mod 64), arithmetic (DSRAV). */
  srav(rd: Reg, a: Reg, n: Reg): Inst[] {
    return this.shift("SRAV", FN_DSRAV, rd, a, n);
  }

  /** rd = low 64 bits of a * b (MULV = DMULT, then LO). */
  mulv(rd: Reg, a: Reg, b: Reg): Inst[] {
    return [...this.hilo("MULV", FN_DMULT, a, b), this.fromHiLo("LO", rd)];
  }

  /** rd = a / b, signed 64-bit (DIVV = DDIV, LO); no trap on zero, as div. */
  divv(rd: Reg, a: Reg, b: Reg): Inst[] {
    return [...this.hilo("DIVV", FN_DDIV, a, b), this.fromHiLo("LO", rd)];
  }

  /** rd = a / b, unsigned 64-bit (DIVVU = DDIVU, LO). */
  divvu(rd: Reg, a: Reg, b: Reg): Inst[] {
    return [...this.hilo("DIVVU", FN_DDIVU, a, b), this.fromHiLo("LO", rd)];
  }

  /** rd = a % b, signed 64-bit (DIVV, HI). */
  remv(rd: Reg, a: Reg, b: Reg): Inst[] {
    return [...this.hilo("DIVV", FN_DDIV, a, b), this.fromHiLo("HI", rd)];
  }

  /** rd = a % b, unsigned 64-bit (DIVVU, HI). */
  remvu(rd: Reg, a: Reg, b: Reg): Inst[] {
    return [...this.hilo("DIVVU", FN_DDIVU, a, b), this.fromHiLo("HI", rd)];
  }

}

/** The GOARCH=mips assembler. */
export const mips = new MipsAsm();
