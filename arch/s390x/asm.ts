// Instruction encoding for GOARCH=s390x (z/Architecture, big-endian, the
// z13 baseline Go requires), the counterpart of Go's cmd/internal/obj/s390x.
// Every function returns the Progs Go's assembler would take for the job:
// each Inst is one Prog whose `text` `go tool asm` encodes to exactly its
// `bytes` (one 2-, 4- or 6-byte instruction, or the short expansion Go
// gives some Progs, e.g. `DIVD` through the R10:R11 pair or a store at a
// displacement beyond 20 bits through REGTMP).
//
// Operand order is Go's: sources first, destination last
// (`ADD R5, R4, R3` is r3 = r4 + r5, `SUB R5, R4, R3` is r3 = r4 - r5).
//
// 32-bit operations leave the upper word of the destination unspecified;
// the lowering sign- or zero-extends where Go does. Divides trap on a zero
// divisor and on MinInt/-1 (fixed-point divide exception): the lowering
// checks first, as Go does. Shifts by a register use the low 6 bits of the
// count (modulo 64); the lowering masks larger counts.

import type { Inst, InstReloc } from "../machine/inst.js";
import { bytesInst, fitsSigned, memText, symText, toInt64 } from "../machine/encode.js";

/** A general-purpose register number, 0..15 (Go's R0..R15). */
export type Reg = number;

/** R10: the assembler temporary (large displacements and constants, the divide pair's high half). */
export const REGTMP = 10;
/** R11: the second assembler temporary (the divide pair's low half). */
export const REGTMP2 = 11;
/** R12: the closure context register. */
export const REGCTXT = 12;
/** R13: g, the current goroutine. */
export const REGG = 13;
/** R14: the link register BRASL and BASR write. */
export const REGLR = 14;
/** R15: the stack pointer. */
export const REGSP = 15;

/** g.stackguard0's offset in g, read by the prologue's stack-bound check. */
export const G_STACKGUARD0 = 16;

export type Size = 1 | 2 | 4 | 8;
export type Width = 32 | 64;

/** A condition on the condition code a compare set; signedness is the compare's. */
export type CC = "eq" | "ne" | "lt" | "ge" | "gt" | "le";
/** What `setCond` computes: signed and unsigned orders. */
export type Cond = CC | "ltu" | "geu" | "gtu" | "leu";

// ELF relocation types of the s390x psABI.
const R_390_PC32DBL = 19;
const R_390_PLT32DBL = 20;

/** Go's spelling of a register: R13 is `g`. */
export function regName(r: Reg): string {
  return r === REGG ? "g" : `R${r}`;
}

function checkReg(r: Reg): Reg {
  if (!Number.isInteger(r) || r < 0 || r > 15) throw new RangeError(`s390x: no register R${r}`);
  return r;
}

/** A base register: R0 in a base field means "no base". */
function checkBase(r: Reg): Reg {
  if (checkReg(r) === 0) throw new RangeError("s390x: R0 cannot be a base register");
  return r;
}

function checkNotTmp(r: Reg, role: string): Reg {
  if (checkReg(r) === REGTMP || r === REGTMP2) throw new RangeError(`s390x: the ${role} cannot be R10 or R11`);
  return r;
}

function prog(text: string, parts: number[][], relocs?: InstReloc[]): Inst {
  return bytesInst(text, Uint8Array.from(parts.flat()), relocs);
}

function be16(v: number): number[] {
  return [(v >> 8) & 0xff, v & 0xff];
}

function be32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

// Instruction formats (z/Architecture Principles of Operation, chapter 5).

function rr(op: number, r1: Reg, r2: Reg): number[] {
  return [op, (r1 << 4) | r2];
}

function rre(op: number, r1: Reg, r2: Reg): number[] {
  return [...be16(op), 0, (r1 << 4) | r2];
}

/** RRF: the third operand (a register or a mask) sits in the third byte's high nibble. */
function rrf(op: number, r1: Reg, r2: Reg, r3: number): number[] {
  return [...be16(op), r3 << 4, (r1 << 4) | r2];
}

/** RI: 8-bit opcode, register, 4-bit opcode extension, 16-bit immediate. */
function ri(op: number, ext: number, r1: number, imm: number): number[] {
  return [op, (r1 << 4) | ext, ...be16(imm)];
}

/** RIL: as RI with a 32-bit immediate (or halfword-scaled PC-relative offset). */
function ril(op: number, ext: number, r1: number, imm: number): number[] {
  return [op, (r1 << 4) | ext, ...be32(imm)];
}

function rx(op: number, r1: Reg, x2: Reg, b2: Reg, d: number): number[] {
  return [op, (r1 << 4) | x2, (b2 << 4) | ((d >> 8) & 0xf), d & 0xff];
}

/** RXY (opcode e3) and RSY (opcode eb): 20-bit signed displacement split low 12 / high 8. */
function rxy(op: number, ext: number, r1: Reg, x2: Reg, b2: Reg, d: number): number[] {
  return [op, (r1 << 4) | x2, (b2 << 4) | ((d >> 8) & 0xf), d & 0xff, (d >> 12) & 0xff, ext];
}

const OP_LGR = 0xb904;

// ---------------------------------------------------------------------------
// Constants and moves

/**
 * Loads any 64-bit constant with Go's choice of a single instruction
 * (LGHI, LLILH, LLIHL, LLIHH, LGFI, LLILF, LLIHF). Go puts the remaining
 * constants in memory; here the high word comes first, then OR of the low
 * word (OILL or OILF, as Go's OR picks).
 */
export function movConst(rd: Reg, value: bigint | number): Inst[] {
  checkReg(rd);
  const v = toInt64(value);
  const single = movSingle(rd, v);
  if (single) return [single];
  const hi = v & ~0xffffffffn;
  return [...movConst(rd, hi), orImm(rd, Number(v & 0xffffffffn))];
}

function movSingle(rd: Reg, v: bigint): Inst | undefined {
  const u = BigInt.asUintN(64, v);
  const inst = (parts: number[]) => prog(`MOVD $${v}, ${regName(rd)}`, [parts]);
  const half = (shift: bigint) => Number((u >> shift) & 0xffffn);
  if (fitsSigned(v, 16)) return inst(ri(0xa7, 0x9, rd, Number(v))); // LGHI
  if ((u & 0xffff0000n) === u) return inst(ri(0xa5, 0xe, rd, half(16n))); // LLILH
  if ((u & 0xffff00000000n) === u) return inst(ri(0xa5, 0xd, rd, half(32n))); // LLIHL
  if ((u & 0xffff000000000000n) === u) return inst(ri(0xa5, 0xc, rd, half(48n))); // LLIHH
  if (fitsSigned(v, 32)) return inst(ril(0xc0, 0x1, rd, Number(v))); // LGFI
  if ((u & 0xffffffffn) === u) return inst(ril(0xc0, 0xf, rd, Number(u))); // LLILF
  if ((u & 0xffffffff00000000n) === u) return inst(ril(0xc0, 0xe, rd, Number(u >> 32n))); // LLIHF
  return undefined;
}

/** OR $c, rd for an unsigned 32-bit c: OILL or OILF. */
function orImm(rd: Reg, c: number): Inst {
  return prog(`OR $${c}, ${regName(rd)}`, [c <= 0xffff ? ri(0xa5, 0xb, rd, c) : ril(0xc0, 0xd, rd, c)]);
}

/** MOVD Rs, Rd: LGR. */
export function move(rd: Reg, rs: Reg): Inst[] {
  return [prog(`MOVD ${regName(rs)}, ${regName(rd)}`, [rre(OP_LGR, checkReg(rd), checkReg(rs))])];
}

// ---------------------------------------------------------------------------
// Loads and stores

interface MemOp {
  go: string;
  /** The RXY form's opcode extension (opcode e3). */
  rxy: number;
  /** The RX form with a 12-bit unsigned displacement, where one exists. */
  rx?: number;
}

const LOADS: Record<string, MemOp> = {
  "1s": { go: "MOVB", rxy: 0x77 }, // LGB
  "1u": { go: "MOVBZ", rxy: 0x90 }, // LLGC
  "2s": { go: "MOVH", rxy: 0x15 }, // LGH
  "2u": { go: "MOVHZ", rxy: 0x91 }, // LLGH
  "4s": { go: "MOVW", rxy: 0x14 }, // LGF
  "4u": { go: "MOVWZ", rxy: 0x16 }, // LLGF
  "8s": { go: "MOVD", rxy: 0x04 }, // LG
  "8u": { go: "MOVD", rxy: 0x04 },
};

const STORES: Record<Size, MemOp> = {
  1: { go: "MOVB", rxy: 0x72, rx: 0x42 }, // STCY, STC
  2: { go: "MOVH", rxy: 0x70, rx: 0x40 }, // STHY, STH
  4: { go: "MOVW", rxy: 0x50, rx: 0x50 }, // STY, ST
  8: { go: "MOVD", rxy: 0x24 }, // STG
};

/**
 * Loads `size` bytes from base+disp into rd, sign- or zero-extending (LGB,
 * LLGC, LGH, LLGH, LGF, LLGF, LG). Displacements beyond the 20-bit field
 * go into REGTMP, the index register, as Go does.
 */
export function load(size: Size, signed: boolean, rd: Reg, base: Reg, disp: number): Inst[] {
  const op = LOADS[`${size}${signed ? "s" : "u"}`];
  return memAccess(op, checkReg(rd), base, disp, (m) => `${op.go} ${m}, ${regName(rd)}`);
}

/** Stores the low `size` bytes of rs at base+disp (the 4-byte RX form for 0..4095 where one exists). */
export function store(size: Size, rs: Reg, base: Reg, disp: number): Inst[] {
  const op = STORES[size];
  return memAccess(op, checkReg(rs), base, disp, (m) => `${op.go} ${regName(rs)}, ${m}`);
}

function memAccess(op: MemOp, r: Reg, base: Reg, disp: number, text: (mem: string) => string): Inst[] {
  checkBase(base);
  if (!Number.isInteger(disp)) throw new RangeError(`s390x: displacement ${disp}`);
  if (op.rx !== undefined && disp >= 0 && disp < 4096) return [prog(text(memText(disp, regName(base))), [rx(op.rx, r, 0, base, disp)])];
  if (fitsSigned(disp, 20)) return [prog(text(memText(disp, regName(base))), [rxy(0xe3, op.rxy, r, 0, base, disp)])];
  if (base === REGTMP || r === REGTMP) throw new RangeError("s390x: a large displacement needs R10 free");
  const indexed = rxy(0xe3, op.rxy, r, REGTMP, base, 0);
  if (fitsSigned(disp, 32)) return [prog(text(memText(disp, regName(base))), [ril(0xc0, 0x1, REGTMP, disp), indexed])];
  return [...movConst(REGTMP, disp), prog(text(`(${regName(base)})(${regName(REGTMP)})`), [indexed])];
}

// ---------------------------------------------------------------------------
// Arithmetic

/**
 * rd = rs + imm for any 64-bit imm: AGHI in place, LA/LAY (Go's
 * `MOVD $imm(Rs), Rd`) for 20-bit values, AGHIK, AGFI (after LGR when
 * rd != rs), or the constant in REGTMP and AGRK.
 */
export function addImm(rd: Reg, rs: Reg, imm: bigint | number): Inst[] {
  checkReg(rd);
  checkReg(rs);
  const v = toInt64(imm);
  const n = Number(v);
  if (rd === rs && fitsSigned(v, 16)) return [prog(`ADD $${n}, ${regName(rd)}`, [ri(0xa7, 0xb, rd, n)])];
  if (rs !== 0 && fitsSigned(v, 20)) return [loadAddress(rd, rs, n)];
  if (fitsSigned(v, 16)) return [prog(`ADD $${n}, ${regName(rs)}, ${regName(rd)}`, [[0xec, (rd << 4) | rs, ...be16(n), 0, 0xd9]])];
  if (fitsSigned(v, 32)) {
    const agfi = ril(0xc2, 0x8, rd, n);
    if (rd === rs) return [prog(`ADD $${n}, ${regName(rd)}`, [agfi])];
    return [prog(`ADD $${n}, ${regName(rs)}, ${regName(rd)}`, [rre(OP_LGR, rd, rs), agfi])];
  }
  return [...movConst(REGTMP, v), ...add(rd, rs, REGTMP)];
}

/**
 * MOVD $disp(Rs), Rd: LA for 0..4095, else LAY (20-bit signed), which add
 * without touching the condition code. Go puts rs in the index field.
 */
function loadAddress(rd: Reg, rs: Reg, disp: number): Inst {
  const parts = disp >= 0 && disp < 4096 ? rx(0x41, rd, rs, 0, disp) : rxy(0xe3, 0x71, rd, rs, 0, disp);
  return prog(`MOVD $${disp}(${regName(rs)}), ${regName(rd)}`, [parts]);
}

/** Three-operand RRF ops (distinct-operands facility): `GO Rb, Ra, Rd` is `op rd,ra,rb`. */
function rrf3(go: string, op: number, rd: Reg, ra: Reg, rb: Reg): Inst {
  return prog(`${go} ${regName(rb)}, ${regName(ra)}, ${regName(rd)}`, [rrf(op, checkReg(rd), checkReg(ra), checkReg(rb))]);
}

/** rd = ra + rb (AGRK, ARK). */
export function add(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return [w === 64 ? rrf3("ADD", 0xb9e8, rd, ra, rb) : rrf3("ADDW", 0xb9f8, rd, ra, rb)];
}

/** rd = ra - rb (SGRK, SRK). */
export function sub(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return [w === 64 ? rrf3("SUB", 0xb9e9, rd, ra, rb) : rrf3("SUBW", 0xb9f9, rd, ra, rb)];
}

/**
 * rd = ra * rb: Go's MULLD (MSGR) or MULLW (MSGFR, 64 x sign-extended 32
 * bits, whose low word is the 32-bit product). The two-operand multiply
 * works in place, so ra is first copied unless rd already holds a factor.
 */
export function mul(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  const op = w === 64 ? 0xb90c : 0xb91c;
  checkReg(rd);
  checkReg(ra);
  checkReg(rb);
  const parts = rd === ra ? [rre(op, rd, rb)] : rd === rb ? [rre(op, rd, ra)] : [rre(OP_LGR, rd, ra), rre(op, rd, rb)];
  return [prog(`${w === 64 ? "MULLD" : "MULLW"} ${regName(rb)}, ${regName(ra)}, ${regName(rd)}`, parts)];
}

/**
 * Go's divide and remainder Progs: the dividend goes to the even/odd pair
 * R10:R11 (R10 zeroed for the unsigned forms), DSGR/DSGFR/DLGR/DLR leave
 * the remainder in R10 and the quotient in R11, and one is copied to rd.
 */
function divide(go: string, op: number, unsigned: boolean, result: Reg, rd: Reg, ra: Reg, rb: Reg): Inst[] {
  checkNotTmp(ra, "dividend");
  checkNotTmp(rb, "divisor");
  const parts = [
    ...(unsigned ? [ri(0xa7, 0x9, REGTMP, 0)] : []),
    rre(OP_LGR, REGTMP2, ra),
    rre(op, REGTMP, rb),
    rre(OP_LGR, checkReg(rd), result),
  ];
  return [prog(`${go} ${regName(rb)}, ${regName(ra)}, ${regName(rd)}`, parts)];
}

/** rd = ra / rb, signed (DIVD, DIVW). */
export function div(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return w === 64 ? divide("DIVD", 0xb90d, false, REGTMP2, rd, ra, rb) : divide("DIVW", 0xb91d, false, REGTMP2, rd, ra, rb);
}

/** rd = ra / rb, unsigned (DIVDU, DIVWU). */
export function divu(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return w === 64 ? divide("DIVDU", 0xb987, true, REGTMP2, rd, ra, rb) : divide("DIVWU", 0xb997, true, REGTMP2, rd, ra, rb);
}

/** rd = ra % rb, signed (MODD, MODW). */
export function rem(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return w === 64 ? divide("MODD", 0xb90d, false, REGTMP, rd, ra, rb) : divide("MODW", 0xb91d, false, REGTMP, rd, ra, rb);
}

/** rd = ra % rb, unsigned (MODDU, MODWU). */
export function remu(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return w === 64 ? divide("MODDU", 0xb987, true, REGTMP, rd, ra, rb) : divide("MODWU", 0xb997, true, REGTMP, rd, ra, rb);
}

/** Go encodes the commutative NGRK/OGRK/XGRK with the operands the other way round: `op rd,rb,ra`. */
function logical(go: string, op: number, rd: Reg, ra: Reg, rb: Reg): Inst {
  return prog(`${go} ${regName(rb)}, ${regName(ra)}, ${regName(rd)}`, [rrf(op, checkReg(rd), checkReg(rb), checkReg(ra))]);
}

/** rd = ra & rb (NGRK; the 64-bit form serves both widths). */
export function and(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  return [logical("AND", 0xb9e4, rd, ra, rb)];
}

/** rd = ra | rb (OGRK). */
export function or(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  return [logical("OR", 0xb9e6, rd, ra, rb)];
}

/** rd = ra ^ rb (XGRK). */
export function xor(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  return [logical("XOR", 0xb9e7, rd, ra, rb)];
}

/**
 * rd = ra &^ rb. z13 has no and-with-complement (NCGRK came with z15),
 * so ra ^ (ra & rb), through REGTMP.
 */
export function andNot(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  checkNotTmp(ra, "first operand");
  return [...and(REGTMP, ra, rb), ...xor(rd, ra, REGTMP)];
}

/** RSY shifts: `GO Rb, Ra, Rd` shifts ra by the address 0(rb), i.e. rb's low 6 bits. */
function shift(go: string, ext: number, rd: Reg, ra: Reg, rb: Reg): Inst {
  return prog(`${go} ${regName(rb)}, ${regName(ra)}, ${regName(rd)}`, [rxy(0xeb, ext, checkReg(rd), checkReg(ra), checkReg(rb), 0)]);
}

/** rd = ra << rb (SLLG, SLLK). */
export function shl(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return [w === 64 ? shift("SLD", 0x0d, rd, ra, rb) : shift("SLW", 0xdf, rd, ra, rb)];
}

/** rd = ra >> rb, arithmetic (SRAG, SRAK). */
export function sar(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return [w === 64 ? shift("SRAD", 0x0a, rd, ra, rb) : shift("SRAW", 0xdc, rd, ra, rb)];
}

/** rd = ra >> rb, logical (SRLG, SRLK). */
export function shr(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return [w === 64 ? shift("SRD", 0x0c, rd, ra, rb) : shift("SRW", 0xde, rd, ra, rb)];
}

/** rd = -ra (LCGR; NEGW is LCGFR, the negated sign-extended low word). */
export function neg(rd: Reg, ra: Reg, w: Width = 64): Inst[] {
  return [prog(`${w === 64 ? "NEG" : "NEGW"} ${regName(ra)}, ${regName(rd)}`, [rre(w === 64 ? 0xb903 : 0xb913, checkReg(rd), checkReg(ra))])];
}

/** rd = ^ra: Go's `XOR $-1, Rd` (LGFI -1 into REGTMP, XGR), after a copy when rd != ra. */
export function not(rd: Reg, ra: Reg): Inst[] {
  checkNotTmp(rd, "destination");
  const flip = prog(`XOR $-1, ${regName(rd)}`, [ril(0xc0, 0x1, REGTMP, -1), rre(0xb982, rd, REGTMP)]);
  return rd === ra ? [flip] : [...move(rd, ra), flip];
}

// ---------------------------------------------------------------------------
// Extensions

const SIGN_EXT = { 8: ["MOVB", 0xb906], 16: ["MOVH", 0xb907], 32: ["MOVW", 0xb914] } as const; // LGBR, LGHR, LGFR
const ZERO_EXT = { 8: ["MOVBZ", 0xb984], 16: ["MOVHZ", 0xb985], 32: ["MOVWZ", 0xb916] } as const; // LLGCR, LLGHR, LLGFR

/** rd = ra sign-extended from 8, 16 or 32 bits. */
export function signExtend(bits: 8 | 16 | 32, rd: Reg, ra: Reg): Inst[] {
  const [go, op] = SIGN_EXT[bits];
  return [prog(`${go} ${regName(ra)}, ${regName(rd)}`, [rre(op, checkReg(rd), checkReg(ra))])];
}

/** rd = ra zero-extended from 8, 16 or 32 bits. */
export function zeroExtend(bits: 8 | 16 | 32, rd: Reg, ra: Reg): Inst[] {
  const [go, op] = ZERO_EXT[bits];
  return [prog(`${go} ${regName(ra)}, ${regName(rd)}`, [rre(op, checkReg(rd), checkReg(ra))])];
}

// ---------------------------------------------------------------------------
// Compares and conditions

/** Sets the condition code from a ? b: CGR, CLGR (logical), CR, CLR. */
export function compare(a: Reg, b: Reg, unsigned: boolean, w: Width = 64): Inst[] {
  const go = `CMP${w === 32 ? "W" : ""}${unsigned ? "U" : ""}`;
  checkReg(a);
  checkReg(b);
  const parts = w === 64 ? rre(unsigned ? 0xb921 : 0xb920, a, b) : rr(unsigned ? 0x15 : 0x19, a, b);
  return [prog(`${go} ${regName(a)}, ${regName(b)}`, [parts])];
}

/** Sets the condition code from a ? imm, a signed 16-bit imm: CGHI (Go's `CMP R0, $-1`), CHI for 32 bits. */
export function compareImm(a: Reg, imm: number, w: Width = 64): Inst[] {
  if (!fitsSigned(imm, 16) || !Number.isInteger(imm)) throw new RangeError(`s390x: compare immediate ${imm}`);
  return [prog(`CMP${w === 32 ? "W" : ""} ${regName(a)}, $${imm}`, [ri(0xa7, w === 64 ? 0xf : 0xe, checkReg(a), imm)])];
}

/** Branch-condition masks over CC 0 (equal), 1 (low), 2 (high). */
const MASK: Record<CC, number> = { eq: 8, ne: 7, lt: 4, le: 12, gt: 2, ge: 10 };

function splitCond(cond: Cond): { cc: CC; unsigned: boolean } {
  return cond.endsWith("u") ? { cc: cond.slice(0, 2) as CC, unsigned: true } : { cc: cond as CC, unsigned: false };
}

/**
 * rd = (a cond b) ? 1 : 0 as Go lowers it: compare, 0 into rd and 1 into
 * REGTMP (LGHI leaves the condition code alone), then LOCGR (Go's
 * MOVD<cc>) copies the 1 when the condition holds.
 */
export function setCond(cond: Cond, rd: Reg, a: Reg, b: Reg, w: Width = 64): Inst[] {
  checkNotTmp(rd, "destination");
  const { cc, unsigned } = splitCond(cond);
  return [
    ...compare(a, b, unsigned, w),
    ...movConst(rd, 0),
    ...movConst(REGTMP, 1),
    prog(`MOVD${cc.toUpperCase()} ${regName(REGTMP)}, ${regName(rd)}`, [rrf(0xb9e2, rd, REGTMP, MASK[cc])]),
  ];
}

// ---------------------------------------------------------------------------
// Branches. `disp` is in bytes from the first byte of the returned
// sequence; `pc` (that byte's offset in the function) only feeds the text,
// which names the target as `go tool asm -S` does (`BEQ 400`). All use the
// 6-byte BRCL (+-4 GiB); Go picks the 4-byte BRC when a target is near.

function brcl(go: string, mask: number, disp: number, pc: number): Inst {
  if (!Number.isInteger(disp) || disp % 2 !== 0 || !fitsSigned(disp, 33)) throw new RangeError(`s390x: branch displacement ${disp}`);
  return prog(`${go} ${pc + disp}`, [ril(0xc0, 0x4, mask, disp / 2)]);
}

/** JMP: BRCL 15 (GNU `jg`). */
export function jump(disp: number, pc = 0): Inst[] {
  return [brcl("JMP", 15, disp, pc)];
}

/** Branch on a condition set by `compare`: BRCL with its mask. */
export function branchCond(cc: CC, disp: number, pc = 0): Inst[] {
  return [brcl(`B${cc.toUpperCase()}`, MASK[cc], disp, pc)];
}

/** Branch if r == 0 (64-bit): CGHI and BRCL, 10 bytes. */
export function branchIfZero(r: Reg, disp: number, pc = 0): Inst[] {
  return [...compareImm(r, 0), ...branchCond("eq", disp - 4, pc + 4)];
}

/** Branch if r != 0 (64-bit); see `branchIfZero`. */
export function branchIfNonZero(r: Reg, disp: number, pc = 0): Inst[] {
  return [...compareImm(r, 0), ...branchCond("ne", disp - 4, pc + 4)];
}

// ---------------------------------------------------------------------------
// Calls, symbols, returns

/**
 * A PC-relative RIL operand: the 32-bit halfword offset starts 2 bytes into
 * the instruction, and the ELF addend +2 turns the field-relative
 * (S + A - P) >> 1 back into an instruction-relative offset.
 */
function pcRel(type: number, typeName: string, sym: string, add: number): InstReloc {
  return { off: 2, type, typeName, sym, add: add + 2 };
}

/**
 * BRASL R14, sym, printed `CALL sym(SB)`: R_390_PLT32DBL 2 bytes into the
 * 6-byte instruction, which is why seed 000's computeDeferReturn subtracts
 * 2 on s390x.
 */
export function call(sym: string): Inst[] {
  return [prog(`CALL ${sym}(SB)`, [ril(0xc0, 0x5, REGLR, 0)], [pcRel(R_390_PLT32DBL, "R_390_PLT32DBL", sym, 0)])];
}

/** Indirect call: BASR R14, r. */
export function callReg(r: Reg): Inst[] {
  return [prog(`CALL ${regName(r)}`, [rr(0x0d, REGLR, checkReg(r))])];
}

/** RET: BR R14 (BCR 15, R14). */
export function ret(): Inst[] {
  return [prog("RET", [rr(0x07, 0xf, REGLR)])];
}

/** MOVD $sym(SB), rd: LARL with R_390_PC32DBL (the symbol must be 2-byte aligned, as all Go symbols are). */
export function loadAddr(rd: Reg, sym: string, add = 0): Inst[] {
  return [prog(`MOVD $${symText(sym, add)}, ${regName(rd)}`, [ril(0xc0, 0x0, checkReg(rd), 0)], [pcRel(R_390_PC32DBL, "R_390_PC32DBL", sym, add)])];
}

/** NOPH: BCR 0, R0, the 2-byte no-op. */
export function nop(): Inst[] {
  return [prog("NOPH", [rr(0x07, 0, 0)])];
}

/**
 * A load from address 0 (LGF R0, 0), which always faults in user space:
 * runtime.abort's idiom. Go's own UNDEF is a zero word GNU objdump cannot
 * decode, and z/Architecture has no unprivileged unconditional trap.
 */
export function trap(): Inst[] {
  return [prog("MOVW (R0), R0", [rxy(0xe3, 0x14, 0, 0, 0, 0)])];
}

// ---------------------------------------------------------------------------
// The link register and the frame

/**
 * Go's prologue: R14 stored at the new frame's 0(R15), then R15 lowered
 * with LAY (`MOVD R14, -160(R15)`; `MOVD $-160(R15), R15`), or through
 * `addImm` for frames beyond LAY's reach.
 */
export function saveLR(frame: number): Inst[] {
  if (!Number.isInteger(frame) || frame <= 0 || frame % 8 !== 0) throw new RangeError(`s390x: frame size ${frame}`);
  const lower = fitsSigned(-frame, 20) ? [loadAddress(REGSP, REGSP, -frame)] : addImm(REGSP, REGSP, -frame);
  return [...store(8, REGLR, REGSP, -frame), ...lower];
}

/** Go's epilogue before RET: `MOVD (R15), R14`; `ADD $160, R15`. */
export function restoreLR(frame: number): Inst[] {
  return [...load(8, false, REGLR, REGSP, 0), ...addImm(REGSP, REGSP, frame)];
}
