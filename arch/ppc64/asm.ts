// Instruction encoding for GOARCH=ppc64 (64-bit POWER, big-endian, the
// POWER8 subset Go's GOPPC64=power8 assumes), the counterpart of Go's
// cmd/internal/obj/ppc64. Every function returns the Progs Go's assembler
// would take for the job: each Inst is one Prog whose `text` `go tool asm`
// encodes to exactly its `bytes` (usually one 4-byte instruction; a few of
// Go's Progs are two, e.g. `MOVD $sym(SB), R5` or `MOVB 8(R1), R3`).
//
// Operand order is Go's: sources first, destination last
// (`ADD R5, R4, R3` is r3 = r4 + r5, `SUB R5, R4, R3` is r3 = r4 - r5).
//
// 32-bit operations leave the upper word of the destination unspecified,
// as on the hardware; the lowering sign- or zero-extends where Go does.
// Divides never trap (a zero divisor or MinInt64/-1 gives an undefined
// result): the lowering checks the divisor first, as Go does. Shifts by a
// register use its low 7 bits (6 for the 32-bit forms), so a count of 64
// to 127 gives 0 (or all sign bits); the lowering masks larger counts.

import type { Inst, InstReloc } from "../machine/inst.js";
import { fitsSigned, memText, symText, toInt64, wordsInst } from "../machine/encode.js";

/** A general-purpose register number, 0..31 (Go's R0..R31). */
export type Reg = number;

/** R0: Go keeps it zero; as the base of a D-form or the RA of addi/addis/isel it reads as the literal 0. */
export const REGZERO = 0;
/** R1: the stack pointer. */
export const REGSP = 1;
/** R2: the TOC pointer of the ELFv1/v2 ABI; static Go code leaves it alone. */
export const REGTOC = 2;
/** R11: the closure context register (the funcval a closure is called through). */
export const REGCTXT = 11;
/** R12: holds the callee's entry on indirect calls (the ELFv2 ABI's global entry convention). */
export const REGCALL = 12;
/** R13: the C ABI's thread pointer; Go never allocates it. */
export const REGTLS = 13;
/** R30: g, the current goroutine. */
export const REGG = 30;
/** R31: the assembler temporary (large displacements, constants, the LR copy in prologues). */
export const REGTMP = 31;
/** R29: where Go's prologue copies LR when the frame is too large for MOVDU, because REGTMP then builds the offset. */
export const REGLRCOPY = 29;

/** g.stackguard0's offset in g, read by the prologue's stack-bound check. */
export const G_STACKGUARD0 = 16;

export type Size = 1 | 2 | 4 | 8;
export type Width = 32 | 64;

/** Condition register field 0 tests after a compare; signedness is the compare's. */
export type CC = "eq" | "ne" | "lt" | "ge" | "gt" | "le";
/** What `setCond` computes: signed and unsigned orders. */
export type Cond = CC | "ltu" | "geu" | "gtu" | "leu";

// ELF relocation types of the 64-bit PowerPC psABI.
const R_PPC64_ADDR16_LO = 4;
const R_PPC64_ADDR16_HA = 6;
const R_PPC64_REL24 = 10;

const SPR_LR = 8;
const SPR_CTR = 9;

/** Go's spelling of a register: R30 is `g`. */
export function regName(r: Reg): string {
  return r === REGG ? "g" : `R${r}`;
}

function checkReg(r: Reg): Reg {
  if (!Number.isInteger(r) || r < 0 || r > 31) throw new RangeError(`ppc64: no register R${r}`);
  return r;
}

/** A register written or used as an address: R0 would read as the literal 0 there. */
function checkNonZero(r: Reg, role: string): Reg {
  if (checkReg(r) === REGZERO) throw new RangeError(`ppc64: R0 cannot be the ${role} (it reads as 0)`);
  return r;
}

function prog(text: string, words: number[], relocs?: InstReloc[]): Inst {
  return wordsInst(text, words, true, relocs);
}

// Instruction formats (Power ISA 3.0B, chapter 1.6).

function dForm(op: number, rt: Reg, ra: Reg, imm: number): number {
  return (op << 26) | (rt << 21) | (ra << 16) | (imm & 0xffff);
}

/** DS-form: the displacement's low two bits hold the extended opcode. */
function dsForm(op: number, rt: Reg, ra: Reg, disp: number, xo: number): number {
  return (op << 26) | (rt << 21) | (ra << 16) | (disp & 0xfffc) | xo;
}

function xForm(rt: Reg, ra: Reg, rb: Reg, xo: number): number {
  return (31 << 26) | (rt << 21) | (ra << 16) | (rb << 11) | (xo << 1);
}

/** MD-form rotate (rldicl, rldicr, rldic): 6-bit shift and mask split across fields. */
function mdForm(rs: Reg, ra: Reg, sh: number, mask: number, xo: number): number {
  const mb = ((mask & 0x1f) << 1) | (mask >> 5);
  return (30 << 26) | (rs << 21) | (ra << 16) | ((sh & 0x1f) << 11) | (mb << 5) | (xo << 2) | ((sh >> 5) << 1);
}

function rlwinm(ra: Reg, rs: Reg, sh: number, mb: number, me: number): number {
  return (21 << 26) | (rs << 21) | (ra << 16) | (sh << 11) | (mb << 6) | (me << 1);
}

/** mfspr/mtspr: the SPR number's two 5-bit halves are swapped in the field. */
function sprForm(r: Reg, spr: number, xo: number): number {
  return xForm(r, spr & 0x1f, spr >> 5, xo);
}

const OP_ADDI = 14;
const OP_ADDIS = 15;
const OP_ORI = 24;
const OP_ORIS = 25;

// ---------------------------------------------------------------------------
// Constants and moves

/**
 * Loads any 64-bit constant. Values Go's MOVD encodes in registers (int32)
 * are one Prog: li, an ori/oris from R0 for positive values, lis for
 * negative ones, plus an ori for the low half. Go puts wider constants in
 * memory; here they are built: the high word, SLD $32, then ORIS/OR.
 */
export function movConst(rd: Reg, value: bigint | number): Inst[] {
  checkNonZero(rd, "destination");
  const v = toInt64(value);
  if (fitsSigned(v, 32)) return [movInt32(rd, Number(v))];
  const lo = Number(v & 0xffffffffn);
  const out = v >> 32n === 0n ? [] : [...movConst(rd, v >> 32n), prog(`SLD $32, ${regName(rd)}, ${regName(rd)}`, [mdForm(rd, rd, 32, 63 - 32, 1)])];
  // With the high word zero, R0 (always 0) is the source of the first OR.
  let src = out.length === 0 ? REGZERO : rd;
  if (lo >>> 16 !== 0) {
    out.push(prog(`ORIS $${lo >>> 16}, ${regName(src)}, ${regName(rd)}`, [dForm(OP_ORIS, src, rd, lo >>> 16)]));
    src = rd;
  }
  if ((lo & 0xffff) !== 0) {
    out.push(prog(`OR $${lo & 0xffff}, ${regName(src)}, ${regName(rd)}`, [dForm(OP_ORI, src, rd, lo & 0xffff)]));
  }
  return out;
}

function movInt32(rd: Reg, v: number): Inst {
  const text = `MOVD $${v}, ${regName(rd)}`;
  if (fitsSigned(v, 16)) return prog(text, [dForm(OP_ADDI, rd, REGZERO, v)]);
  const hi = (v >>> 16) & 0xffff;
  const lo = v & 0xffff;
  if (v > 0 && hi === 0) return prog(text, [dForm(OP_ORI, REGZERO, rd, lo)]);
  // ori/oris swap the roles of the RT and RA fields: RS (source) comes first.
  const first = v < 0 ? dForm(OP_ADDIS, rd, REGZERO, hi) : dForm(OP_ORIS, REGZERO, rd, hi);
  return prog(text, lo === 0 ? [first] : [first, dForm(OP_ORI, rd, rd, lo)]);
}

/** MOVD Rs, Rd: `or rd,rs,rs` (GNU `mr`). */
export function move(rd: Reg, rs: Reg): Inst[] {
  return [prog(`MOVD ${regName(rs)}, ${regName(rd)}`, [xForm(checkReg(rs), checkNonZero(rd, "destination"), rs, 444)])];
}

// ---------------------------------------------------------------------------
// Loads and stores

interface MemOp {
  go: string;
  /** D-form primary opcode, or DS-form opcode and extended opcode. */
  op: number;
  ds?: number;
  /** X-form (indexed) extended opcode. */
  x: number;
  /** MOVB loads: Go's Prog is lbz/lbzx followed by extsb. */
  extsb?: boolean;
}

const LOADS: Record<string, MemOp> = {
  "1s": { go: "MOVB", op: 34, x: 87, extsb: true },
  "1u": { go: "MOVBZ", op: 34, x: 87 },
  "2s": { go: "MOVH", op: 42, x: 343 },
  "2u": { go: "MOVHZ", op: 40, x: 279 },
  "4s": { go: "MOVW", op: 58, ds: 2, x: 341 },
  "4u": { go: "MOVWZ", op: 32, x: 23 },
  "8s": { go: "MOVD", op: 58, ds: 0, x: 21 },
  "8u": { go: "MOVD", op: 58, ds: 0, x: 21 },
};

const STORES: Record<Size, MemOp> = {
  1: { go: "MOVB", op: 38, x: 215 },
  2: { go: "MOVH", op: 44, x: 407 },
  4: { go: "MOVW", op: 36, x: 151 },
  8: { go: "MOVD", op: 62, ds: 0, x: 149 },
};

/**
 * Loads `size` bytes from base+disp into rd, sign- or zero-extending. A
 * displacement that does not fit the 16-bit field (or a DS-form one that
 * is not a multiple of 4) goes through REGTMP: ADDIS of its high part,
 * or the whole displacement in REGTMP and the indexed form.
 */
export function load(size: Size, signed: boolean, rd: Reg, base: Reg, disp: number): Inst[] {
  checkNonZero(rd, "destination");
  const op = LOADS[`${size}${signed ? "s" : "u"}`];
  return memAccess(op, rd, base, disp, (ra, d) => `${op.go} ${d}, ${regName(ra)}`);
}

/** Stores the low `size` bytes of rs at base+disp (REGTMP for large displacements, as in `load`). */
export function store(size: Size, rs: Reg, base: Reg, disp: number): Inst[] {
  const op = STORES[size];
  return memAccess(op, checkReg(rs), base, disp, (r, d) => `${op.go} ${regName(r)}, ${d}`);
}

function memAccess(op: MemOp, r: Reg, base: Reg, disp: number, text: (r: Reg, mem: string) => string): Inst[] {
  checkNonZero(base, "base register");
  if (!Number.isInteger(disp)) throw new RangeError(`ppc64: displacement ${disp}`);
  const aligned = op.ds === undefined || disp % 4 === 0;
  if (aligned && fitsSigned(disp, 16)) return [memD(op, r, base, disp, text)];
  if (base === REGTMP || r === REGTMP) throw new RangeError("ppc64: a large displacement needs R31 free");
  const ha = highAdjusted(disp);
  if (aligned && fitsSigned(disp, 32) && fitsSigned(ha, 16)) {
    return [...addis(REGTMP, base, ha), memD(op, r, REGTMP, disp - ha * 0x10000, text)];
  }
  // Indexed: RA is REGTMP, RB the base, as Go's `(Rbase)(R31)` encodes it.
  const words = [xForm(r, REGTMP, base, op.x)];
  if (op.extsb) words.push(extsb(r, r));
  return [...movConst(REGTMP, disp), prog(text(r, `(${regName(base)})(${regName(REGTMP)})`), words)];
}

function memD(op: MemOp, r: Reg, base: Reg, disp: number, text: (r: Reg, mem: string) => string): Inst {
  const words = [op.ds === undefined ? dForm(op.op, r, base, disp) : dsForm(op.op, r, base, disp, op.ds)];
  if (op.extsb) words.push(extsb(r, r));
  return prog(text(r, memText(disp, regName(base))), words);
}

/**
 * The high half for an addis that a sign-extended 16-bit low half then
 * completes (`@ha`): rounded so that disp = ha<<16 + lo, lo in int16.
 */
function highAdjusted(v: number): number {
  return Math.floor((v + 0x8000) / 0x10000);
}

function addis(rd: Reg, rs: Reg, hi: number): Inst[] {
  return [prog(`ADDIS $${hi}, ${regName(rs)}, ${regName(rd)}`, [dForm(OP_ADDIS, rd, rs, hi)])];
}

// ---------------------------------------------------------------------------
// Arithmetic

/**
 * rd = rs + imm for any 64-bit imm: addi; addis (+ addi) for 32-bit
 * values; otherwise the constant in REGTMP and an add.
 */
export function addImm(rd: Reg, rs: Reg, imm: bigint | number): Inst[] {
  checkNonZero(rd, "destination");
  checkNonZero(rs, "source of an immediate add");
  const v = toInt64(imm);
  if (fitsSigned(v, 16)) return [addi(rd, rs, Number(v))];
  const n = Number(v);
  const ha = highAdjusted(n);
  if (fitsSigned(v, 32) && fitsSigned(ha, 16)) {
    const lo = n - ha * 0x10000;
    return lo === 0 ? addis(rd, rs, ha) : [...addis(rd, rs, ha), addi(rd, rd, lo)];
  }
  return [...movConst(REGTMP, v), ...add(rd, rs, REGTMP)];
}

function addi(rd: Reg, rs: Reg, imm: number): Inst {
  return prog(`ADD $${imm}, ${regName(rs)}, ${regName(rd)}`, [dForm(OP_ADDI, rd, rs, imm)]);
}

/** XO-form arithmetic: `GO Rb, Ra, Rt` is `op rt,ra,rb`. */
function arith(go: string, xo: number, rd: Reg, ra: Reg, rb: Reg): Inst {
  checkNonZero(rd, "destination");
  return prog(`${go} ${regName(rb)}, ${regName(ra)}, ${regName(rd)}`, [xForm(rd, checkReg(ra), checkReg(rb), xo)]);
}

/** X-form logical and shift ops: the source sits in the RS field, the destination in RA. */
function logical(go: string, xo: number, rd: Reg, ra: Reg, rb: Reg): Inst {
  checkNonZero(rd, "destination");
  return prog(`${go} ${regName(rb)}, ${regName(ra)}, ${regName(rd)}`, [xForm(checkReg(ra), rd, checkReg(rb), xo)]);
}

/** rd = ra + rb (the same instruction for both widths). */
export function add(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  return [arith("ADD", 266, rd, ra, rb)];
}

/** rd = ra - rb: `subf rd,rb,ra` (subtract from). */
export function sub(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  checkNonZero(rd, "destination");
  return [prog(`SUB ${regName(rb)}, ${regName(ra)}, ${regName(rd)}`, [xForm(rd, checkReg(rb), checkReg(ra), 40)])];
}

/** rd = ra * rb, low 64 (mulld) or low 32 (mullw) bits. */
export function mul(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return [w === 64 ? arith("MULLD", 233, rd, ra, rb) : arith("MULLW", 235, rd, ra, rb)];
}

/** rd = ra / rb, signed (divd, divw). */
export function div(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return [w === 64 ? arith("DIVD", 489, rd, ra, rb) : arith("DIVW", 491, rd, ra, rb)];
}

/** rd = ra / rb, unsigned (divdu, divwu). */
export function divu(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return [w === 64 ? arith("DIVDU", 457, rd, ra, rb) : arith("DIVWU", 459, rd, ra, rb)];
}

/**
 * rd = ra % rb, signed. POWER8 has no modulo instruction (modsd arrived
 * with POWER9), so this is Go's power8 expansion through REGTMP:
 * quotient, times the divisor, subtracted from the dividend.
 */
export function rem(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return remainder(div, rd, ra, rb, w);
}

/** rd = ra % rb, unsigned; see `rem`. */
export function remu(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return remainder(divu, rd, ra, rb, w);
}

function remainder(divide: typeof div, rd: Reg, ra: Reg, rb: Reg, w: Width): Inst[] {
  if (rd === REGTMP || ra === REGTMP || rb === REGTMP) throw new RangeError("ppc64: remainder operands cannot be REGTMP");
  return [...divide(REGTMP, ra, rb, w), ...mul(REGTMP, REGTMP, rb, w), ...sub(rd, ra, REGTMP)];
}

/** rd = ra & rb. */
export function and(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  return [logical("AND", 28, rd, ra, rb)];
}

/** rd = ra | rb. */
export function or(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  return [logical("OR", 444, rd, ra, rb)];
}

/** rd = ra ^ rb. */
export function xor(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  return [logical("XOR", 316, rd, ra, rb)];
}

/** rd = ra &^ rb: `andc`. */
export function andNot(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  return [logical("ANDN", 60, rd, ra, rb)];
}

/** rd = ra << rb (sld, slw). */
export function shl(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return [w === 64 ? logical("SLD", 27, rd, ra, rb) : logical("SLW", 24, rd, ra, rb)];
}

/** rd = ra >> rb, arithmetic (srad, sraw). */
export function sar(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return [w === 64 ? logical("SRAD", 794, rd, ra, rb) : logical("SRAW", 792, rd, ra, rb)];
}

/** rd = ra >> rb, logical (srd, srw). */
export function shr(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return [w === 64 ? logical("SRD", 539, rd, ra, rb) : logical("SRW", 536, rd, ra, rb)];
}

/** rd = -ra (the same instruction for both widths). */
export function neg(rd: Reg, ra: Reg): Inst[] {
  checkNonZero(rd, "destination");
  return [prog(`NEG ${regName(ra)}, ${regName(rd)}`, [xForm(rd, checkReg(ra), 0, 104)])];
}

/** rd = ^ra: `nor rd,ra,ra` (GNU `not`). */
export function not(rd: Reg, ra: Reg): Inst[] {
  return [prog(`NOR ${regName(ra)}, ${regName(ra)}, ${regName(rd)}`, [xForm(checkReg(ra), checkNonZero(rd, "destination"), ra, 124)])];
}

// ---------------------------------------------------------------------------
// Extensions

function extsb(rd: Reg, rs: Reg): number {
  return xForm(rs, rd, 0, 954);
}

/** rd = ra sign-extended from 8, 16 or 32 bits (extsb, extsh, extsw). */
export function signExtend(bits: 8 | 16 | 32, rd: Reg, ra: Reg): Inst[] {
  checkNonZero(rd, "destination");
  checkReg(ra);
  const [go, w] = bits === 8 ? ["MOVB", extsb(rd, ra)] : bits === 16 ? ["MOVH", xForm(ra, rd, 0, 922)] : ["MOVW", xForm(ra, rd, 0, 986)];
  return [prog(`${go} ${regName(ra)}, ${regName(rd)}`, [w])];
}

/**
 * rd = ra zero-extended from 8, 16 or 32 bits: rlwinm keeping the low
 * byte or halfword (GNU `clrlwi`), and for 32 bits Go's rldic with no
 * rotation and the mask from bit 32.
 */
export function zeroExtend(bits: 8 | 16 | 32, rd: Reg, ra: Reg): Inst[] {
  checkNonZero(rd, "destination");
  checkReg(ra);
  const [go, w] = bits === 8 ? ["MOVBZ", rlwinm(rd, ra, 0, 24, 31)] : bits === 16 ? ["MOVHZ", rlwinm(rd, ra, 0, 16, 31)] : ["MOVWZ", mdForm(ra, rd, 0, 32, 2)];
  return [prog(`${go} ${regName(ra)}, ${regName(rd)}`, [w])];
}

// ---------------------------------------------------------------------------
// Compares and conditions

/** CR0 = compare(a, b): CMP, CMPU (logical), CMPW, CMPWU. */
export function compare(a: Reg, b: Reg, unsigned: boolean, w: Width = 64): Inst[] {
  const go = `CMP${w === 32 ? "W" : ""}${unsigned ? "U" : ""}`;
  const l = w === 64 ? 1 : 0;
  return [prog(`${go} ${regName(a)}, ${regName(b)}`, [xForm(l, checkReg(a), checkReg(b), unsigned ? 32 : 0)])];
}

/**
 * CR0 = compare(a, imm): CMP $imm (cmpdi, cmpwi; a signed 16-bit imm) or
 * CMPU $imm (cmpldi, cmplwi; unsigned 16-bit), as the prologue compares SP
 * with a large frame's size.
 */
export function compareImm(a: Reg, imm: number, unsigned: boolean, w: Width = 64): Inst[] {
  const fits = unsigned ? Number.isInteger(imm) && imm >= 0 && imm <= 0xffff : fitsSigned(imm, 16);
  if (!fits) throw new RangeError(`ppc64: compare immediate ${imm}`);
  const go = `CMP${w === 32 ? "W" : ""}${unsigned ? "U" : ""}`;
  // BF = CR0 and the L bit (64-bit compare) share the RT field.
  return [prog(`${go} ${regName(a)}, $${imm}`, [dForm(unsigned ? 10 : 11, w === 64 ? 1 : 0, checkReg(a), imm)])];
}

/** The CR0 bit a condition tests, and whether it holds when that bit is set. */
const CC_BITS: Record<CC, { bi: number; set: boolean }> = {
  lt: { bi: 0, set: true },
  gt: { bi: 1, set: true },
  eq: { bi: 2, set: true },
  ge: { bi: 0, set: false },
  le: { bi: 1, set: false },
  ne: { bi: 2, set: false },
};

const INVERSE: Record<CC, CC> = { eq: "ne", ne: "eq", lt: "ge", ge: "lt", gt: "le", le: "gt" };

function splitCond(cond: Cond): { cc: CC; unsigned: boolean } {
  return cond.endsWith("u") ? { cc: cond.slice(0, 2) as CC, unsigned: true } : { cc: cond as CC, unsigned: false };
}

/**
 * rd = (a cond b) ? 1 : 0 as Go's power8 lowering does it: compare, 1 in
 * REGTMP, then isel picks REGTMP or the literal 0 (RA=0) by a CR0 bit.
 */
export function setCond(cond: Cond, rd: Reg, a: Reg, b: Reg, w: Width = 64): Inst[] {
  checkNonZero(rd, "destination");
  const { cc, unsigned } = splitCond(cond);
  const { bi, set } = CC_BITS[cc];
  const [ra, rb] = set ? [REGTMP, REGZERO] : [REGZERO, REGTMP];
  const isel = (31 << 26) | (rd << 21) | (ra << 16) | (rb << 11) | (bi << 6) | (15 << 1);
  return [
    ...compare(a, b, unsigned, w),
    movInt32(REGTMP, 1),
    prog(`ISEL $${bi}, ${regName(ra)}, ${regName(rb)}, ${regName(rd)}`, [isel]),
  ];
}

// ---------------------------------------------------------------------------
// Branches. `disp` is in bytes from the first byte of the returned
// sequence; `pc` (that byte's offset in the function) only feeds the text,
// which names the target as `go tool asm -S` does (`BEQ 148`).

const BO_TRUE = 12;
const BO_FALSE = 4;

function checkDisp(disp: number, bits: number): number {
  if (!Number.isInteger(disp) || disp % 4 !== 0 || !fitsSigned(disp, bits)) throw new RangeError(`ppc64: branch displacement ${disp}`);
  return disp;
}

/** B: 26-bit displacement, +-32 MiB. */
export function jump(disp: number, pc = 0): Inst[] {
  return [prog(`JMP ${pc + disp}`, [(18 << 26) | (checkDisp(disp, 26) & 0x03fffffc)])];
}

function bc(cc: CC, disp: number, pc: number): Inst {
  const { bi, set } = CC_BITS[cc];
  return prog(`B${cc.toUpperCase()} ${pc + disp}`, [(16 << 26) | ((set ? BO_TRUE : BO_FALSE) << 21) | (bi << 16) | (checkDisp(disp, 16) & 0xfffc)]);
}

/**
 * Branch on a CR0 condition set by `compare`, 8 bytes for any target: bc
 * can only reach +-32 KiB, so the inverted condition skips a B, as Go's
 * assembler rewrites a conditional branch that is too far.
 */
export function branchCond(cc: CC, disp: number, pc = 0): Inst[] {
  return [bc(INVERSE[cc], 8, pc), ...jump(disp - 4, pc + 4)];
}

/** Branch if r == 0 (64-bit): CMP r, R0 (Go's spelling of a compare with zero) and `branchCond`. */
export function branchIfZero(r: Reg, disp: number, pc = 0): Inst[] {
  return [...compare(r, REGZERO, false), ...branchCond("eq", disp - 4, pc + 4)];
}

/** Branch if r != 0 (64-bit); see `branchIfZero`. */
export function branchIfNonZero(r: Reg, disp: number, pc = 0): Inst[] {
  return [...compare(r, REGZERO, false), ...branchCond("ne", disp - 4, pc + 4)];
}

// ---------------------------------------------------------------------------
// Calls, symbols, returns

/**
 * BL sym, printed `CALL sym(SB)`: R_PPC64_REL24 on the instruction's first
 * byte (its 24-bit LI field spans the word), so seed 000's
 * computeDeferReturn takes the relocation offset unchanged. Static Go code
 * needs no TOC-restoring NOP after it.
 */
export function call(sym: string): Inst[] {
  return [prog(`CALL ${sym}(SB)`, [(18 << 26) | 1], [{ off: 0, type: R_PPC64_REL24, typeName: "R_PPC64_REL24", sym, add: 0 }])];
}

/** Indirect call: MOVD r, CTR; CALL CTR (bctrl). Go passes the target in R12 (REGCALL). */
export function callReg(r: Reg): Inst[] {
  return [prog(`MOVD ${regName(r)}, CTR`, [sprForm(checkReg(r), SPR_CTR, 467)]), prog("CALL CTR", [0x4e800421])];
}

/** RET: blr. */
export function ret(): Inst[] {
  return [prog("RET", [0x4e800020])];
}

/**
 * MOVD $sym(SB), rd: addis rd, R0, sym@ha; addi rd, rd, sym@l, Go's
 * static (non-PIC) model. The relocations point at the 16-bit immediate,
 * which is the instruction's third byte on big-endian (Go's linker adds 2
 * to the ELF offset the same way).
 */
export function loadAddr(rd: Reg, sym: string, add = 0): Inst[] {
  checkNonZero(rd, "destination");
  return [
    prog(`MOVD $${symText(sym, add)}, ${regName(rd)}`, [dForm(OP_ADDIS, rd, REGZERO, 0), dForm(OP_ADDI, rd, rd, 0)], [
      { off: 2, type: R_PPC64_ADDR16_HA, typeName: "R_PPC64_ADDR16_HA", sym, add },
      { off: 6, type: R_PPC64_ADDR16_LO, typeName: "R_PPC64_ADDR16_LO", sym, add },
    ]),
  ];
}

/** The preferred no-op, ori 0,0,0, which Go spells `OR $0, R0, R0`. */
export function nop(): Inst[] {
  return [prog("OR $0, R0, R0", [dForm(OP_ORI, 0, 0, 0)])];
}

/**
 * An unconditional trap (tw 31,0,0, GNU `trap`), as runtime.breakpoint
 * uses. Go's own UNDEF is the zero word, which GNU objdump cannot decode.
 */
export function trap(): Inst[] {
  return [prog("TW $31, R0, R0", [xForm(31, 0, 0, 4)])];
}

// ---------------------------------------------------------------------------
// The link register and the frame

/** MOVD LR, rd (mflr); the prologue's morestack call passes LR in R5 this way. */
export function moveFromLR(rd: Reg): Inst[] {
  return [prog(`MOVD LR, ${regName(rd)}`, [sprForm(checkNonZero(rd, "destination"), SPR_LR, 339)])];
}

/** MOVD rs, LR (mtlr). */
export function moveToLR(rs: Reg): Inst[] {
  return [prog(`MOVD ${regName(rs)}, LR`, [sprForm(checkReg(rs), SPR_LR, 467)])];
}

/**
 * Go's prologue: LR saved at the new 0(R1) while R1 moves down by
 * `frame`. Small frames use one store-with-update (MOVDU R31, -frame(R1));
 * larger ones copy LR to R29 (REGTMP then builds the offset), store it and
 * then adjust R1.
 */
export function saveLR(frame: number): Inst[] {
  if (!Number.isInteger(frame) || frame <= 0 || frame % 8 !== 0) throw new RangeError(`ppc64: frame size ${frame}`);
  if (fitsSigned(-frame, 16)) {
    return [...moveFromLR(REGTMP), prog(`MOVDU ${regName(REGTMP)}, -${frame}(${regName(REGSP)})`, [dsForm(62, REGTMP, REGSP, -frame, 1)])];
  }
  return [...moveFromLR(REGLRCOPY), ...store(8, REGLRCOPY, REGSP, -frame), ...addImm(REGSP, REGSP, -frame)];
}

/** Go's epilogue before RET: LR reloaded from 0(R1) through REGTMP, then R1 moves up by `frame`. */
export function restoreLR(frame: number): Inst[] {
  return [...load(8, false, REGTMP, REGSP, 0), ...moveToLR(REGTMP), ...addImm(REGSP, REGSP, frame)];
}
