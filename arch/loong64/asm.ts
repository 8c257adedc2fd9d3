// Instruction encoding for GOARCH=loong64 (little-endian LoongArch64), the
// counterpart of Go 1.19's cmd/internal/obj/loong64.
//
// One Inst is one instruction as Go's assembler spells it, so its text fed
// to `go tool asm` yields exactly its bytes: usually one machine word, but
// Go's own macros stay whole (`MOVV 4000(R3), R4` is LU12I.W + ADD.D + LD.D
// through REGTMP, `MOVB R4, R5` is SLLI.W + SRAI.W, a 64-bit `MOVV $c` is
// LU12I.W + ORI + LU32I.D + LU52I.D). Operand classes follow Go's (BIG,
// ADDCON, ANDCON, UCON, LCON, DCON), so the encoding Go picks for a text is
// the one produced here. Where LoongArch has a shorter instruction that Go
// 1.19 cannot spell (ANDN, EXT.W.B, BEQZ with its 21-bit reach), the Go form
// is used, so that listings read as Go's do.
//
// Branch targets print as `n(PC)`, n counted in instructions from the branch.
//
// Relocations are Go 1.19's: it addresses symbols with PCADDU12I + ADDI.D
// and emits, for external linking, the LoongArch psABI v1 stack-machine
// relocations (R_LARCH_SOP_*) rather than v2's R_LARCH_B26 and
// R_LARCH_PCALA_HI20/LO12 with PCALAU12I, which Go adopted only in 1.21.
// A linker evaluates each instruction's list in order on a stack:
//   PUSH_PCREL / PUSH_PLT_PCREL  push S + A - P (P: the instruction's address)
//   PUSH_ABSOLUTE                push A
//   SR / SL / SUB                pop b, pop a, push a >> b (arithmetic) / a << b / a - b
//   POP_32_S_5_20                pop v, store v as signed 20 bits at bits 5..24
//   POP_32_S_10_12               pop v, store v as signed 12 bits at bits 10..21
//   POP_32_S_0_10_10_16_S2       pop v, store v >> 2 as signed 26 bits: low 16 at 10..25, high 10 at 0..9

import type { Inst, InstReloc } from "../machine/inst.js";
import { immOperands, memText, pcText, symText, wordsInst } from "../machine/encode.js";

/** A general register, R0..R31 (Go's numbering is the hardware's). */
export type Reg = number;

/** Hardwired zero. */
export const REGZERO: Reg = 0;
/** Link register: BL and JIRL write the return address here. */
export const REGLINK: Reg = 1;
/** Stack pointer. */
export const REGSP: Reg = 3;
/** R5: the prologue passes the caller's return address to morestack in it. */
export const REGMORESTACKLR: Reg = 5;
/** R19: Go's prologue loads g.stackguard0 into it for the stack-bound check. */
export const REGRT1: Reg = 19;
/** The current goroutine's g (printed `g`, as Go does). */
export const REGG: Reg = 22;
/** Closure context: the funcval pointer a closure call passes. */
export const REGCTXT: Reg = 29;
/** Assembler temporary: builds large offsets and immediates (Go's REGTMP). */
export const REGTMP: Reg = 30;

/** Memory access widths, as Go's MOVx suffixes name them. */
export type LoadWidth = "B" | "BU" | "H" | "HU" | "W" | "WU" | "V";
export type StoreWidth = "B" | "H" | "W" | "V";
/** Extensions of a register's low bits. */
export type ExtendWidth = "B" | "BU" | "H" | "HU" | "W" | "WU";
/** Conditions for setCond: signed, and unsigned with a `u` suffix. */
export type Cond = "eq" | "ne" | "lt" | "le" | "gt" | "ge" | "ltu" | "leu" | "gtu" | "geu";

/** The LoongArch psABI v1 relocation types Go 1.19 emits (cmd/link/internal/loong64). */
export const R_LARCH_SOP_PUSH_PCREL = 22;
export const R_LARCH_SOP_PUSH_ABSOLUTE = 23;
export const R_LARCH_SOP_PUSH_PLT_PCREL = 29;
export const R_LARCH_SOP_SUB = 32;
export const R_LARCH_SOP_SL = 33;
export const R_LARCH_SOP_SR = 34;
export const R_LARCH_SOP_POP_32_S_10_12 = 40;
export const R_LARCH_SOP_POP_32_S_5_20 = 43;
export const R_LARCH_SOP_POP_32_S_0_10_10_16_S2 = 45;

// Opcodes (the fixed bits of each format, from the LoongArch reference manual).
// 3R: rk at 10, rj at 5, rd at 0.
const ADD_W = 0x00100000;
const ADD_D = 0x00108000;
const SUB_W = 0x00110000;
const SUB_D = 0x00118000;
const SLT = 0x00120000;
const SLTU = 0x00128000;
const NOR = 0x00140000;
const AND = 0x00148000;
const OR = 0x00150000;
const XOR = 0x00158000;
const SLL_W = 0x00170000;
const SRL_W = 0x00178000;
const SRA_W = 0x00180000;
const SLL_D = 0x00188000;
const SRL_D = 0x00190000;
const SRA_D = 0x00198000;
const MUL_W = 0x001c0000;
const MUL_D = 0x001d8000;
const DIV_W = 0x00200000;
const MOD_W = 0x00208000;
const DIV_WU = 0x00210000;
const MOD_WU = 0x00218000;
const DIV_D = 0x00220000;
const MOD_D = 0x00228000;
const DIV_DU = 0x00230000;
const MOD_DU = 0x00238000;
const BREAK = 0x002a0000;
// Shifts by an immediate: ui5 (.W) or ui6 (.D) at 10.
const SLLI_W = 0x00408000;
const SLLI_D = 0x00410000;
const SRLI_D = 0x00450000;
const SRAI_W = 0x00488000;
// BSTRPICK.D rd, rj, msbd (at 16), lsbd (at 10).
const BSTRPICK_D = 0x00c00000;
// 2RI12: imm12 at 10.
const SLTUI = 0x02400000;
const ADDI_W = 0x02800000;
const ADDI_D = 0x02c00000;
const LU52I_D = 0x03000000;
const ANDI = 0x03400000;
const ORI = 0x03800000;
const XORI = 0x03c00000;
// 1RI20: si20 at 5.
const LU12I_W = 0x14000000;
const LU32I_D = 0x16000000;
const PCADDU12I = 0x1c000000;
// Loads and stores: 2RI12.
const LOAD_OP: Record<LoadWidth, number> = {
  B: 0x28000000,
  H: 0x28400000,
  W: 0x28800000,
  V: 0x28c00000,
  BU: 0x2a000000,
  HU: 0x2a400000,
  WU: 0x2a800000,
};
const STORE_OP: Record<StoreWidth, number> = { B: 0x29000000, H: 0x29400000, W: 0x29800000, V: 0x29c00000 };
// Branches: 2RI16 (offs16 at 10, rj at 5, rd at 0) and I26 (B, BL).
const JIRL = 0x4c000000;
const B = 0x50000000;
const BL = 0x54000000;
const BEQ = 0x58000000;
const BNE = 0x5c000000;

/**
 * Go's BIG: a memory offset in [-BIG, BIG) uses the instruction's own 12-bit
 * field; anything else goes through REGTMP.
 */
const BIG = 2046;

/** An immediate-operand instruction and the register form its REGTMP expansion uses. */
interface ImmOp {
  mn: string;
  /** 2RI12 opcode taking the immediate directly. */
  op: number;
  /** 3R opcode of the register form. */
  reg: number;
  /** Zero-extends its 12-bit immediate (AND/OR/XOR) rather than sign-extending it. */
  logical: boolean;
  /** Takes any 64-bit immediate (Go's DCON class), not only int32 ones. */
  dcon: boolean;
}

const ADDV_IMM: ImmOp = { mn: "ADDV", op: ADDI_D, reg: ADD_D, logical: false, dcon: true };
const SGTU_IMM: ImmOp = { mn: "SGTU", op: SLTUI, reg: SLTU, logical: false, dcon: false };
const AND_IMM: ImmOp = { mn: "AND", op: ANDI, reg: AND, logical: true, dcon: false };
const OR_IMM: ImmOp = { mn: "OR", op: ORI, reg: OR, logical: true, dcon: false };
const XOR_IMM: ImmOp = { mn: "XOR", op: XORI, reg: XOR, logical: true, dcon: false };

function checkReg(r: Reg): Reg {
  if (!Number.isInteger(r) || r < 0 || r > 31) throw new RangeError(`not a LoongArch register: ${r}`);
  return r;
}

function r3(op: number, rd: Reg, rj: Reg, rk: Reg): number {
  return (op | (checkReg(rk) << 10) | (checkReg(rj) << 5) | checkReg(rd)) >>> 0;
}

/** 2RI12, and the shift-immediate forms whose ui5/ui6 sits at the same bit 10. */
function ri12(op: number, rd: Reg, rj: Reg, imm: number): number {
  return (op | ((imm & 0xfff) << 10) | (checkReg(rj) << 5) | checkReg(rd)) >>> 0;
}

/** BSTRPICK.D rd, rj, msbd, lsbd: rd = rj's bits msbd..lsbd, zero-extended. */
function bstrpickD(rd: Reg, rj: Reg, msbd: number, lsbd: number): number {
  return (BSTRPICK_D | (msbd << 16) | (lsbd << 10) | (checkReg(rj) << 5) | checkReg(rd)) >>> 0;
}

function ri20(op: number, rd: Reg, imm: number): number {
  return (op | ((imm & 0xfffff) << 5) | checkReg(rd)) >>> 0;
}

function ri16(op: number, rd: Reg, rj: Reg, offs: number): number {
  return (op | ((offs & 0xffff) << 10) | (checkReg(rj) << 5) | checkReg(rd)) >>> 0;
}

function i26(op: number, offs: number): number {
  return (op | ((offs & 0xffff) << 10) | ((offs >> 16) & 0x3ff)) >>> 0;
}

/** One Inst from little-endian machine words. */
function inst(text: string, words: number[], relocs?: InstReloc[]): Inst {
  return wordsInst(text, words, false, relocs);
}

function isInt12(v: number): boolean {
  return v >= -0x800 && v <= 0x7ff;
}

function isInt32(v: number): boolean {
  return Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff;
}

/** Go's register spelling: R22 is `g`. */
export function regName(r: Reg): string {
  return checkReg(r) === REGG ? "g" : `R${r}`;
}

/** `disp` in instructions, checked to be word-aligned and to fit `bits` signed bits. */
function branchOffset(disp: number, bits: number): number {
  if (disp % 4 !== 0) throw new RangeError(`branch displacement not a multiple of 4: ${disp}`);
  const offs = disp / 4;
  if (offs < -(2 ** (bits - 1)) || offs >= 2 ** (bits - 1)) throw new RangeError(`branch displacement out of range: ${disp}`);
  return offs;
}

/** The four words of Go's 64-bit constant load (DCON): LU12I.W, ORI, LU32I.D, LU52I.D. */
function dconWords(rd: Reg, v: bigint): number[] {
  const bits = (at: bigint, n: bigint) => Number((v >> at) & ((1n << n) - 1n));
  return [ri20(LU12I_W, rd, bits(12n, 20n)), ri12(ORI, rd, rd, bits(0n, 12n)), ri20(LU32I_D, rd, bits(32n, 20n)), ri12(LU52I_D, rd, rd, bits(52n, 12n))];
}

/** REGTMP = v, for an immediate that needs more than the instruction's own field. */
function tmpWords(v: bigint): number[] {
  if (BigInt.asIntN(32, v) !== v) return dconWords(REGTMP, v);
  const n = Number(v);
  if (n >= 0 && n <= 0xfff) return [ri12(ORI, REGTMP, REGZERO, n)];
  if (isInt12(n)) return [ri12(ADDI_W, REGTMP, REGZERO, n)];
  if ((n & 0xfff) === 0) return [ri20(LU12I_W, REGTMP, n >> 12)];
  return [ri20(LU12I_W, REGTMP, n >> 12), ri12(ORI, REGTMP, REGTMP, n)];
}

function toInt64(v: number | bigint): bigint {
  const big = BigInt(v);
  if (big < -(1n << 63n) || big >= 1n << 64n) throw new RangeError(`value out of range: ${v}`);
  return BigInt.asIntN(64, big);
}

// ---- Moves and constants ---------------------------------------------------

/** rd = rs (`MOVV Rs, Rd`: OR with R0, as Go encodes it). */
export function mov(rd: Reg, rs: Reg): Inst[] {
  return [inst(`MOVV ${regName(rs)}, ${regName(rd)}`, [r3(OR, rd, rs, REGZERO)])];
}

/**
 * rd = v, any 64-bit value (bigint or safe integer; values up to 2^64 are
 * taken modulo 2^64). Go's forms, shortest first: OR R0, ADDI.D, ORI,
 * LU12I.W, LU12I.W+ORI, and LU12I.W+ORI+LU32I.D+LU52I.D beyond int32.
 */
export function movConst(rd: Reg, v: number | bigint): Inst[] {
  const value = toInt64(v);
  const text = `MOVV $${value}, ${regName(rd)}`;
  if (BigInt.asIntN(32, value) !== value) return [inst(text, dconWords(rd, value))];
  const n = Number(value);
  if (n === 0) return [inst(text, [r3(OR, rd, REGZERO, REGZERO)])];
  if (isInt12(n)) return [inst(text, [ri12(ADDI_D, rd, REGZERO, n)])];
  if (n > 0 && n <= 0xfff) return [inst(text, [ri12(ORI, rd, REGZERO, n)])];
  if ((n & 0xfff) === 0) return [inst(text, [ri20(LU12I_W, rd, n >> 12)])];
  return [inst(text, [ri20(LU12I_W, rd, n >> 12), ri12(ORI, rd, rd, n)])];
}

/**
 * rd = &sym + add, as Go 1.19 does it: PCADDU12I + ADDI.D, PC-relative, with
 * the R_LARCH_SOP_* sequences of its R_ADDRLOONG64U (high 20 bits of
 * S+A+0x800-P on the PCADDU12I) and R_ADDRLOONG64 (the rest, on the ADDI.D,
 * whose own P is 4 further on).
 */
export function movAddr(rd: Reg, sym: string, add = 0): Inst[] {
  const op = (off: number, type: number, typeName: string, target: string, a: number): InstReloc => ({ off, type, typeName, sym: target, add: a });
  const hi = [
    op(0, R_LARCH_SOP_PUSH_PCREL, "R_LARCH_SOP_PUSH_PCREL", sym, add + 0x800),
    op(0, R_LARCH_SOP_PUSH_ABSOLUTE, "R_LARCH_SOP_PUSH_ABSOLUTE", "", 12),
    op(0, R_LARCH_SOP_SR, "R_LARCH_SOP_SR", "", 0),
    op(0, R_LARCH_SOP_POP_32_S_5_20, "R_LARCH_SOP_POP_32_S_5_20", "", 0),
  ];
  const lo = [
    op(4, R_LARCH_SOP_PUSH_PCREL, "R_LARCH_SOP_PUSH_PCREL", sym, add + 4),
    op(4, R_LARCH_SOP_PUSH_PCREL, "R_LARCH_SOP_PUSH_PCREL", sym, add + 0x804),
    op(4, R_LARCH_SOP_PUSH_ABSOLUTE, "R_LARCH_SOP_PUSH_ABSOLUTE", "", 12),
    op(4, R_LARCH_SOP_SR, "R_LARCH_SOP_SR", "", 0),
    op(4, R_LARCH_SOP_PUSH_ABSOLUTE, "R_LARCH_SOP_PUSH_ABSOLUTE", "", 12),
    op(4, R_LARCH_SOP_SL, "R_LARCH_SOP_SL", "", 0),
    op(4, R_LARCH_SOP_SUB, "R_LARCH_SOP_SUB", "", 0),
    op(4, R_LARCH_SOP_POP_32_S_10_12, "R_LARCH_SOP_POP_32_S_10_12", "", 0),
  ];
  const words = [ri20(PCADDU12I, rd, 0), ri12(ADDI_D, rd, rd, 0)];
  return [inst(`MOVV $${symText(sym, add)}, ${regName(rd)}`, words, [...hi, ...lo])];
}

// ---- Memory ----------------------------------------------------------------

function fitsOffset(disp: number): boolean {
  return disp >= -BIG && disp < BIG;
}

/**
 * The words of a load or store: the access alone when the displacement is
 * in Go's [-BIG, BIG), else LU12I.W REGTMP (rounded so that the
 * sign-extended low 12 bits add back), ADD.D base, and the access.
 */
function memWords(op: number, rd: Reg, base: Reg, disp: number): number[] {
  if (!Number.isInteger(disp)) throw new RangeError(`not an integer displacement: ${disp}`);
  if (fitsOffset(disp)) return [ri12(op, rd, base, disp)];
  if (!isInt32(disp) || disp > 0x7fffffff - 0x800) throw new RangeError(`displacement out of range: ${disp}`);
  if (base === REGTMP) throw new RangeError("a large displacement cannot use REGTMP as the base");
  return [ri20(LU12I_W, REGTMP, (disp + 0x800) >> 12), r3(ADD_D, REGTMP, REGTMP, base), ri12(op, rd, REGTMP, disp)];
}

/** rd = *(base + disp), `w` bytes sign- or zero-extended (`MOVBU 8(R3), R4`). */
export function load(w: LoadWidth, rd: Reg, base: Reg, disp: number): Inst[] {
  return [inst(`MOV${w} ${memText(disp, regName(base))}, ${regName(rd)}`, memWords(LOAD_OP[w], rd, base, disp))];
}

/** *(base + disp) = the low `w` bytes of rs (`MOVV R1, -8(R3)`). */
export function store(w: StoreWidth, rs: Reg, base: Reg, disp: number): Inst[] {
  if (rs === REGTMP && !fitsOffset(disp)) throw new RangeError("a store through REGTMP cannot store REGTMP");
  return [inst(`MOV${w} ${regName(rs)}, ${memText(disp, regName(base))}`, memWords(STORE_OP[w], rs, base, disp))];
}

// ---- Immediate arithmetic --------------------------------------------------

/**
 * `MN $imm, Rs, Rd`, with Go's operand classes: one 2RI12 instruction when
 * the immediate fits its field (signed for arithmetic, unsigned for
 * logical ops), otherwise the value is built in REGTMP and the 3R form
 * follows. Only ADDV takes immediates beyond int32 (Go's DCON).
 */
function immOp(o: ImmOp, rd: Reg, rs: Reg, imm: number | bigint): Inst[] {
  const v = toInt64(imm);
  if (!o.dcon && BigInt.asIntN(32, v) !== v) throw new RangeError(`${o.mn} immediate out of range: ${imm}`);
  const text = `${o.mn} ${immOperands(v, regName(rs), regName(rd))}`;
  const n = Number(v);
  if (o.logical ? n >= 0 && n <= 0xfff : isInt12(n)) return [inst(text, [ri12(o.op, rd, rs, n)])];
  if (rs === REGTMP) throw new RangeError(`${o.mn} of a large immediate cannot use REGTMP as the source`);
  return [inst(text, [...tmpWords(v), r3(o.reg, rd, rs, REGTMP)])];
}

/** rd = rs + imm, 64-bit, any immediate (`ADDV $imm, Rs, Rd`). */
export function addImm(rd: Reg, rs: Reg, imm: number | bigint): Inst[] {
  return immOp(ADDV_IMM, rd, rs, imm);
}

/** rd = rs & imm. */
export function andImm(rd: Reg, rs: Reg, imm: number): Inst[] {
  return immOp(AND_IMM, rd, rs, imm);
}

/** rd = rs | imm. */
export function orImm(rd: Reg, rs: Reg, imm: number): Inst[] {
  return immOp(OR_IMM, rd, rs, imm);
}

/** rd = rs ^ imm. */
export function xorImm(rd: Reg, rs: Reg, imm: number): Inst[] {
  return immOp(XOR_IMM, rd, rs, imm);
}

/** rd = 1 if imm > rs (unsigned) else 0: the large-frame stack check's underflow guard. */
export function sgtuImm(rd: Reg, imm: number, rs: Reg): Inst[] {
  return immOp(SGTU_IMM, rd, rs, imm);
}

// ---- Register-register ALU -------------------------------------------------

/**
 * `MN Rb, Ra, Rd`: rd = a OP b (Go's operand order: the second source
 * first). Shifts take their count as b.
 */
function alu(mn: string, op: number, rd: Reg, a: Reg, b: Reg): Inst[] {
  return [inst(`${mn} ${regName(b)}, ${regName(a)}, ${regName(rd)}`, [r3(op, rd, a, b)])];
}

/** rd = a + b, 32-bit (ADDU = ADD.W; the result is sign-extended). */
export const addu = (rd: Reg, a: Reg, b: Reg) => alu("ADDU", ADD_W, rd, a, b);
/** rd = a + b, 64-bit (ADDVU = ADD.D). */
export const addvu = (rd: Reg, a: Reg, b: Reg) => alu("ADDVU", ADD_D, rd, a, b);
/** rd = a - b, 32-bit (SUBU = SUB.W). */
export const subu = (rd: Reg, a: Reg, b: Reg) => alu("SUBU", SUB_W, rd, a, b);
/** rd = a - b, 64-bit (SUBVU = SUB.D). */
export const subvu = (rd: Reg, a: Reg, b: Reg) => alu("SUBVU", SUB_D, rd, a, b);
/** rd = a * b, 32-bit (MUL = MUL.W). */
export const mul = (rd: Reg, a: Reg, b: Reg) => alu("MUL", MUL_W, rd, a, b);
/** rd = a * b, 64-bit (MULV = MUL.D). */
export const mulv = (rd: Reg, a: Reg, b: Reg) => alu("MULV", MUL_D, rd, a, b);
// Division by zero does not trap on LoongArch: Go's compiler tests the
// divisor and calls runtime.panicdivide itself. The 32-bit forms need
// sign-extended 32-bit operands (the manual leaves other inputs undefined).
/** rd = a / b, signed 32-bit (DIV = DIV.W). */
export const div = (rd: Reg, a: Reg, b: Reg) => alu("DIV", DIV_W, rd, a, b);
/** rd = a / b, unsigned 32-bit (DIVU = DIV.WU). */
export const divu = (rd: Reg, a: Reg, b: Reg) => alu("DIVU", DIV_WU, rd, a, b);
/** rd = a % b, signed 32-bit (REM = MOD.W). */
export const rem = (rd: Reg, a: Reg, b: Reg) => alu("REM", MOD_W, rd, a, b);
/** rd = a % b, unsigned 32-bit (REMU = MOD.WU). */
export const remu = (rd: Reg, a: Reg, b: Reg) => alu("REMU", MOD_WU, rd, a, b);
/** rd = a / b, signed 64-bit (DIVV = DIV.D). */
export const divv = (rd: Reg, a: Reg, b: Reg) => alu("DIVV", DIV_D, rd, a, b);
/** rd = a / b, unsigned 64-bit (DIVVU = DIV.DU). */
export const divvu = (rd: Reg, a: Reg, b: Reg) => alu("DIVVU", DIV_DU, rd, a, b);
/** rd = a % b, signed 64-bit (REMV = MOD.D). */
export const remv = (rd: Reg, a: Reg, b: Reg) => alu("REMV", MOD_D, rd, a, b);
/** rd = a % b, unsigned 64-bit (REMVU = MOD.DU). */
export const remvu = (rd: Reg, a: Reg, b: Reg) => alu("REMVU", MOD_DU, rd, a, b);
/** rd = a & b. */
export const and = (rd: Reg, a: Reg, b: Reg) => alu("AND", AND, rd, a, b);
/** rd = a | b. */
export const or = (rd: Reg, a: Reg, b: Reg) => alu("OR", OR, rd, a, b);
/** rd = a ^ b. */
export const xor = (rd: Reg, a: Reg, b: Reg) => alu("XOR", XOR, rd, a, b);
/** rd = ^(a | b). */
export const nor = (rd: Reg, a: Reg, b: Reg) => alu("NOR", NOR, rd, a, b);
/** rd = a << (n mod 32), 32-bit (SLL = SLL.W). */
export const sll = (rd: Reg, a: Reg, n: Reg) => alu("SLL", SLL_W, rd, a, n);
/** rd = a >> (n mod 32), logical, 32-bit (SRL = SRL.W). */
export const srl = (rd: Reg, a: Reg, n: Reg) => alu("SRL", SRL_W, rd, a, n);
/** rd = a >> (n mod 32), arithmetic, 32-bit (SRA = SRA.W). */
export const sra = (rd: Reg, a: Reg, n: Reg) => alu("SRA", SRA_W, rd, a, n);
/** rd = a << (n mod 64) (SLLV = SLL.D). */
export const sllv = (rd: Reg, a: Reg, n: Reg) => alu("SLLV", SLL_D, rd, a, n);
/** rd = a >> (n mod 64), logical (SRLV = SRL.D). */
export const srlv = (rd: Reg, a: Reg, n: Reg) => alu("SRLV", SRL_D, rd, a, n);
/** rd = a >> (n mod 64), arithmetic (SRAV = SRA.D). */
export const srav = (rd: Reg, a: Reg, n: Reg) => alu("SRAV", SRA_D, rd, a, n);
/** rd = 1 if a > b (signed) else 0 (`SGT Ra, Rb, Rd` is SLT rd, b, a). */
export const sgt = (rd: Reg, a: Reg, b: Reg) => alu("SGT", SLT, rd, b, a);
/** rd = 1 if a > b (unsigned) else 0 (SLTU). */
export const sgtu = (rd: Reg, a: Reg, b: Reg) => alu("SGTU", SLTU, rd, b, a);

/** rd = ^rs (`NOR R0, Rs, Rd`). */
export function not(rd: Reg, rs: Reg): Inst[] {
  return nor(rd, rs, REGZERO);
}

/** rd = a &^ b: NOR into REGTMP, then AND (Go 1.19 cannot spell ANDN). */
export function andNot(rd: Reg, a: Reg, b: Reg): Inst[] {
  if (a === REGTMP) throw new RangeError("andNot cannot take REGTMP as its first operand");
  return [...not(REGTMP, b), ...and(rd, a, REGTMP)];
}

/** rd = -rs, 32-bit (`NEGW Rs, Rd` = SUB.W from R0). */
export function negw(rd: Reg, rs: Reg): Inst[] {
  return [inst(`NEGW ${regName(rs)}, ${regName(rd)}`, [r3(SUB_W, rd, REGZERO, rs)])];
}

/** rd = -rs, 64-bit (`NEGV Rs, Rd` = SUB.D from R0). */
export function negv(rd: Reg, rs: Reg): Inst[] {
  return [inst(`NEGV ${regName(rs)}, ${regName(rd)}`, [r3(SUB_D, rd, REGZERO, rs)])];
}

// ---- Comparisons and extensions --------------------------------------------

/**
 * rd = 1 if (a cond b) else 0: SGT/SGTU for the orders, XOR then a test
 * against zero for (in)equality, and XOR $1 to negate le/ge. Safe when rd
 * is a or b. Compare 32-bit values sign-extended (or both zero-extended):
 * the comparisons see whole registers.
 */
export function setCond(cond: Cond, rd: Reg, a: Reg, b: Reg): Inst[] {
  switch (cond) {
    case "eq":
      return [...xor(rd, a, b), ...sgtuImm(rd, 1, rd)];
    case "ne":
      return [...xor(rd, a, b), ...sgtu(rd, rd, REGZERO)];
    case "lt":
      return sgt(rd, b, a);
    case "gt":
      return sgt(rd, a, b);
    case "le":
      return [...sgt(rd, a, b), ...xorImm(rd, rd, 1)];
    case "ge":
      return [...sgt(rd, b, a), ...xorImm(rd, rd, 1)];
    case "ltu":
      return sgtu(rd, b, a);
    case "gtu":
      return sgtu(rd, a, b);
    case "leu":
      return [...sgtu(rd, a, b), ...xorImm(rd, rd, 1)];
    case "geu":
      return [...sgtu(rd, b, a), ...xorImm(rd, rd, 1)];
  }
}

/**
 * rd = rs's low bits extended (`MOVB Rs, Rd`, ...), in Go 1.19's forms:
 * SLLI.W + SRAI.W for B and H, ANDI for BU, BSTRPICK.D for HU, SLL.W by R0
 * for W (32-bit results are sign-extended), SLLI.D + SRLI.D for WU.
 */
export function extend(w: ExtendWidth, rd: Reg, rs: Reg): Inst[] {
  const text = `MOV${w} ${regName(rs)}, ${regName(rd)}`;
  switch (w) {
    case "B":
    case "H": {
      const n = w === "B" ? 24 : 16;
      return [inst(text, [ri12(SLLI_W, rd, rs, n), ri12(SRAI_W, rd, rd, n)])];
    }
    case "BU":
      return [inst(text, [ri12(ANDI, rd, rs, 0xff)])];
    case "HU":
      return [inst(text, [bstrpickD(rd, rs, 15, 0)])];
    case "W":
      return [inst(text, [r3(SLL_W, rd, rs, REGZERO)])];
    case "WU":
      return [inst(text, [ri12(SLLI_D, rd, rs, 32), ri12(SRLI_D, rd, rd, 32)])];
  }
}

// ---- Control flow ----------------------------------------------------------

/** Go's hardware no-op (`NOOP`, ANDI R0, R0, 0). */
export function nop(): Inst[] {
  return [inst("NOOP", [ri12(ANDI, REGZERO, REGZERO, 0)])];
}

/** Always traps: Go's UNDEF, BREAK 0. */
export function undef(): Inst[] {
  return [inst("UNDEF", [BREAK])];
}

/**
 * Unconditional jump by `disp` bytes from this instruction, ±128 MiB, 4
 * bytes: Go's JMP, which is BEQ R0, R0 within ±128 KiB and B beyond.
 */
export function jmp(disp: number): Inst[] {
  const offs = branchOffset(disp, 26);
  const word = offs >= -0x8000 && offs <= 0x7fff ? ri16(BEQ, REGZERO, REGZERO, offs) : i26(B, offs);
  return [inst(`JMP ${pcText(disp)}`, [word])];
}

/** Branch by `disp` if r == 0: Go's `BEQ Rr, target` (BEQ r, R0), ±128 KiB. */
export function beqz(r: Reg, disp: number): Inst[] {
  return [inst(`BEQ ${regName(r)}, ${pcText(disp)}`, [ri16(BEQ, REGZERO, r, branchOffset(disp, 16))])];
}

/** Branch by `disp` if r != 0 (BNE r, R0), ±128 KiB. */
export function bnez(r: Reg, disp: number): Inst[] {
  return [inst(`BNE ${regName(r)}, ${pcText(disp)}`, [ri16(BNE, REGZERO, r, branchOffset(disp, 16))])];
}

/**
 * Branch by `disp` if a != b: `BNE Ra, Rb`, a in rj and b in rd (Go 1.19
 * tests deferproc's result with `BNE R0, R19`), ±128 KiB.
 */
export function bne(a: Reg, b: Reg, disp: number): Inst[] {
  return [inst(`BNE ${regName(a)}, ${regName(b)}, ${pcText(disp)}`, [ri16(BNE, b, a, branchOffset(disp, 16))])];
}

/** Branch by `disp` (from the first byte) if r == 0, ±128 MiB: BNE over a JMP. 8 bytes. */
export function beqzFar(r: Reg, disp: number): Inst[] {
  return [...bnez(r, 8), ...jmp(disp - 4)];
}

/** Branch by `disp` (from the first byte) if r != 0, ±128 MiB: BEQ over a JMP. 8 bytes. */
export function bnezFar(r: Reg, disp: number): Inst[] {
  return [...beqz(r, 8), ...jmp(disp - 4)];
}

/**
 * Direct call: `CALL sym(SB)`, BL with Go 1.19's R_CALLLOONG64 relocation
 * pair at offset 0 (the call's first byte, where computeDeferReturn
 * expects it): SOP_PUSH_PLT_PCREL then SOP_POP_32_S_0_10_10_16_S2, which
 * psABI v2 folds into R_LARCH_B26.
 */
export function call(sym: string): Inst[] {
  const relocs: InstReloc[] = [
    { off: 0, type: R_LARCH_SOP_PUSH_PLT_PCREL, typeName: "R_LARCH_SOP_PUSH_PLT_PCREL", sym, add: 0 },
    { off: 0, type: R_LARCH_SOP_POP_32_S_0_10_10_16_S2, typeName: "R_LARCH_SOP_POP_32_S_0_10_10_16_S2", sym: "", add: 0 },
  ];
  return [inst(`CALL ${symText(sym, 0)}`, [i26(BL, 0)], relocs)];
}

/** Indirect call through r (`CALL (Rr)`, JIRL R1, r, 0). */
export function callReg(r: Reg): Inst[] {
  return [inst(`CALL (${regName(r)})`, [ri16(JIRL, REGLINK, r, 0)])];
}

/** Return: `JMP (R1)` (JIRL R0, R1, 0). */
export function ret(): Inst[] {
  return [inst(`JMP (${regName(REGLINK)})`, [ri16(JIRL, REGZERO, REGLINK, 0)])];
}

// ---- Frames ----------------------------------------------------------------

/** SP += delta (`ADDV $delta, R3`, as Go's prologue and epilogue write it). */
export function adjustSP(delta: number): Inst[] {
  return addSP(REGSP, delta);
}

/** rd = SP + delta (`ADDV $delta, R3, Rd`), as Go's stack check computes SP less a large frame. */
export function addSP(rd: Reg, delta: number): Inst[] {
  return addImm(rd, REGSP, delta);
}

/**
 * Go 1.19's prologue after the stack check, for a frame of `frameSize`
 * bytes (LR slot included): store R1 below SP, then drop SP.
 */
export function saveLR(frameSize: number): Inst[] {
  return [...store("V", REGLINK, REGSP, -frameSize), ...adjustSP(-frameSize)];
}

/** Go's epilogue before `ret`: reload R1 from 0(SP), then pop the frame. */
export function restoreLR(frameSize: number): Inst[] {
  return [...load("V", REGLINK, REGSP, 0), ...adjustSP(frameSize)];
}
