// Instruction encoding for arm64 (AArch64, little-endian), the counterpart of
// Go's cmd/internal/obj/arm64 for the subset the lowering uses. Every function
// returns the machine instructions of one Go-level operation, each with its
// bytes, its text in Go assembler syntax (as `go tool asm -S` prints it;
// branches as `n(PC)`, counted in instructions from the branch) and the ELF
// relocations the linker must apply.
//
// Registers are numbered 0..30 for R0..R30; ZR and RSP, which share encoding
// 31, get distinct numbers here so each operand can be checked for the one
// the instruction field means.

import type { Inst, InstReloc } from "../machine/inst.js";
import { wordsInst } from "../machine/encode.js";

export type Reg = number;

export const R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, R6 = 6, R7 = 7;
export const R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;
export const R16 = 16, R17 = 17, R18 = 18, R19 = 19, R20 = 20, R21 = 21, R22 = 22, R23 = 23;
export const R24 = 24, R25 = 25, R26 = 26, R27 = 27, R28 = 28, R29 = 29, R30 = 30;
/** The zero register (XZR/WZR): reads as 0, writes are discarded. */
export const ZR = 31;
/** The hardware stack pointer (Go's RSP; `SP` in Go source is the pseudo-register). */
export const RSP = 32;

/** R16 (IP0): scratch of the prologue's stack-bound check (stackguard0). */
export const REGRT1 = R16;
/** R17 (IP1): scratch of the prologue's stack-bound check (SP minus the frame). */
export const REGRT2 = R17;
/** R18: the platform register; Go never allocates it. */
export const REGPR = R18;
/** R26: the closure context register (the funcval of the closure being called). */
export const REGCTXT = R26;
/** R27: REGTMP, the assembler temporary for constants and displacements that do not fit a field. */
export const REGTMP = R27;
/** R28: the g register, the current goroutine (printed `g`). */
export const REGG = R28;
/** R29: the frame pointer, saved below the return address in every frame. */
export const REGFP = R29;
/** R30: the link register, holding the return address after BL/BLR. */
export const REGLINK = R30;

/** ELF relocation types (AArch64 psABI). */
export const R_AARCH64_ADR_PREL_PG_HI21 = 275;
export const R_AARCH64_ADD_ABS_LO12_NC = 277;
export const R_AARCH64_CALL26 = 283;

export type Width = 32 | 64;

/** Condition codes with their field values; Go spells them as the ARM ARM does (HS/LO for CS/CC). */
export const COND = {
  EQ: 0, NE: 1, HS: 2, LO: 3, MI: 4, PL: 5, VS: 6, VC: 7,
  HI: 8, LS: 9, GE: 10, LT: 11, GT: 12, LE: 13, AL: 14,
} as const;
export type Cond = keyof typeof COND;

/** Go's spelling of a register: R0..R30, `g` for R28, ZR, RSP. */
export function regName(r: Reg): string {
  if (r === RSP) return "RSP";
  if (r === ZR) return "ZR";
  if (r === REGG) return "g";
  return `R${r}`;
}

function inst(word: number, text: string, relocs?: InstReloc[]): Inst {
  return wordsInst(text, [word], false, relocs);
}

// Operand checks. Each instruction field takes either ZR or RSP for encoding
// 31 (or neither); passing the other one is a lowering bug.

function gpr(r: Reg, what: string): number {
  if (!Number.isInteger(r) || r < 0 || r > 30) throw new RangeError(`${what}: not R0..R30: ${r}`);
  return r;
}

function orZR(r: Reg, what: string): number {
  return r === ZR ? 31 : gpr(r, what);
}

function orSP(r: Reg, what: string): number {
  return r === RSP ? 31 : gpr(r, what);
}

function sf(w: Width): number {
  return w === 64 ? 0x80000000 : 0;
}

function wsuffix(w: Width): string {
  return w === 64 ? "" : "W";
}

function fits(v: number, lo: number, hi: number): boolean {
  return Number.isInteger(v) && v >= lo && v <= hi;
}

// Constants.

/** `MOVD $v, Rd` (or `MOVW` for w=32): the shortest MOVZ/MOVN/ORR/MOVK sequence, in Go's preference order. */
export function movConst(rd: Reg, v: number | bigint, w: Width = 64): Inst[] {
  const d = orZR(rd, "movConst rd");
  const u = BigInt.asUintN(w, BigInt(v));
  const text = `MOV${w === 64 ? "D" : "W"} $${BigInt.asIntN(w, u)}, ${regName(rd)}`;
  if (w === 32 && u === 0n) return [inst(0x2a1f03e0 | d, text)]; // Go moves WZR
  const halves = halfwords(u, w);
  const zeroHalves = halves.filter((h) => h === 0).length;
  const fullHalves = halves.filter((h) => h === 0xffff).length;
  const bitmask = logicalImm(u, w);
  const orr = (field: number): Inst => inst(sf(w) | 0x32000000 | field << 10 | 31 << 5 | d, text);
  // Go prefers ORR for the small constants ADD could also take, MOVZ/MOVN otherwise.
  if (bitmask !== undefined && addImmField(u) >= 0) return [orr(bitmask)];
  if (zeroHalves >= halves.length - 1) {
    const i = Math.max(0, halves.findIndex((h) => h !== 0));
    return [movWide(MOVZ, d, i, halves[i], w, text)];
  }
  if (fullHalves >= halves.length - 1) {
    const i = Math.max(0, halves.findIndex((h) => h !== 0xffff));
    return [movWide(MOVN, d, i, ~halves[i] & 0xffff, w, text)];
  }
  if (bitmask !== undefined) return [orr(bitmask)];
  return movWideSequence(d, rd, halves, fullHalves > zeroHalves, w);
}

const MOVN = 0x12800000, MOVZ = 0x52800000, MOVK = 0x72800000;

/** MOVN/MOVZ/MOVK: a 16-bit immediate placed at halfword `hw`. */
function movWide(op: number, d: number, hw: number, imm16: number, w: Width, text: string): Inst {
  return inst(sf(w) | op | hw << 21 | imm16 << 5 | d, text);
}

function halfwords(u: bigint, w: Width): number[] {
  const out: number[] = [];
  for (let i = 0; i < w / 16; i++) out.push(Number((u >> BigInt(16 * i)) & 0xffffn));
  return out;
}

/**
 * MOVZ (or MOVN when more halfwords are 0xffff than 0) for the lowest
 * halfword that differs from that fill, MOVK for the others that differ,
 * spelled as Go's disassembler does: `MOVK $(4660<<16), R1`.
 */
function movWideSequence(d: number, rd: Reg, halves: number[], inverted: boolean, w: Width): Inst[] {
  const fill = inverted ? 0xffff : 0;
  const out: Inst[] = [];
  halves.forEach((h, i) => {
    if (h === fill) return;
    const [op, name, imm] = out.length > 0 ? [MOVK, "MOVK", h] : inverted ? [MOVN, "MOVN", ~h & 0xffff] : [MOVZ, "MOVZ", h];
    const operand = i === 0 ? `$${imm}` : `$(${imm}<<${16 * i})`;
    out.push(movWide(op, d, i, imm, w, `${name}${wsuffix(w)} ${operand}, ${regName(rd)}`));
  });
  return out;
}

/** The sh:imm12 field of ADD/SUB for u (12 bits, optionally shifted left by 12), or -1. */
function addImmField(u: bigint): number {
  if (u <= 0xfffn) return Number(u);
  if ((u & 0xfffn) === 0n && u <= 0xfff000n) return Number(u >> 12n) | 1 << 12;
  return -1;
}

/**
 * The N:immr:imms field of a logical (bitmask) immediate for u at width w,
 * or undefined: u must repeat an element of 2..w bits that is a rotated run
 * of ones, neither all zeros nor all ones.
 */
function logicalImm(u: bigint, w: Width): number | undefined {
  if (u === 0n || u === (1n << BigInt(w)) - 1n) return undefined;
  let size = w;
  // Shrink the element while its two halves agree.
  while (size > 2) {
    const half = BigInt(size / 2);
    const mask = (1n << half) - 1n;
    if ((u & mask) !== ((u >> half) & mask)) break;
    size /= 2;
  }
  const mask = (1n << BigInt(size)) - 1n;
  const elem = u & mask;
  const ones = popcount(elem);
  // The element is the run of ones at the bottom rotated right by immr, so
  // rotating it left by immr brings the run back down.
  for (let immr = 0; immr < size; immr++) {
    const r = BigInt(immr);
    const rotated = ((elem << r) | (elem >> (BigInt(size) - r))) & mask;
    if (rotated === (1n << BigInt(ones)) - 1n) {
      const n = size === 64 ? 1 : 0;
      const imms = (~(size * 2 - 1) | (ones - 1)) & 0x3f; // the high bits of imms give the element size
      return n << 12 | immr << 6 | imms;
    }
  }
  return undefined;
}

function popcount(v: bigint): number {
  let n = 0;
  for (; v !== 0n; v &= v - 1n) n++;
  return n;
}

// Moves and extensions.

/** `MOVD Rm, Rd`: ORR from ZR, or ADD #0 when either side is RSP (ORR cannot name SP). */
export function movReg(rd: Reg, rm: Reg): Inst {
  const text = `MOVD ${regName(rm)}, ${regName(rd)}`;
  if (rd === RSP || rm === RSP) return inst(0x91000000 | orSP(rm, "movReg rm") << 5 | orSP(rd, "movReg rd"), text);
  return inst(0xaa0003e0 | orZR(rm, "movReg rm") << 16 | orZR(rd, "movReg rd"), text);
}

/** Sign-extends the low `bits` of Rn into Rd: `MOVB`/`MOVH`/`MOVW Rn, Rd` (SXTB/SXTH/SXTW). */
export function signExtend(rd: Reg, rn: Reg, bits: 8 | 16 | 32): Inst {
  const op = { 8: "MOVB", 16: "MOVH", 32: "MOVW" }[bits];
  return inst(0x93400000 | (bits - 1) << 10 | orZR(rn, "rn") << 5 | orZR(rd, "rd"), `${op} ${regName(rn)}, ${regName(rd)}`);
}

/** Zero-extends the low `bits` of Rn into Rd: `MOVBU`/`MOVHU` (UBFX) or `MOVWU` (a 32-bit ORR, which clears the top half). */
export function zeroExtend(rd: Reg, rn: Reg, bits: 8 | 16 | 32): Inst {
  const n = orZR(rn, "rn"), d = orZR(rd, "rd");
  if (bits === 32) return inst(0x2a0003e0 | n << 16 | d, `MOVWU ${regName(rn)}, ${regName(rd)}`);
  return inst(0xd3400000 | (bits - 1) << 10 | n << 5 | d, `MOV${bits === 8 ? "B" : "H"}U ${regName(rn)}, ${regName(rd)}`);
}

// Loads and stores.

export type LoadOp = "MOVB" | "MOVBU" | "MOVH" | "MOVHU" | "MOVW" | "MOVWU" | "MOVD";
export type StoreOp = "MOVB" | "MOVH" | "MOVW" | "MOVD";

/** log2 of the access size and the opc field: 0 store, 1 load zero-extending, 2 load sign-extending to 64 bits. */
const LOAD: Record<LoadOp, [size: number, opc: number]> = {
  MOVB: [0, 2], MOVBU: [0, 1], MOVH: [1, 2], MOVHU: [1, 1], MOVW: [2, 2], MOVWU: [2, 1], MOVD: [3, 1],
};
const STORE: Record<StoreOp, number> = { MOVB: 0, MOVH: 1, MOVW: 2, MOVD: 3 };

/** `MOVx disp(Rb), Rd`: loads 1/2/4/8 bytes, zero- (…U) or sign-extending to 64 bits. */
export function load(op: LoadOp, rd: Reg, base: Reg, disp: number): Inst[] {
  const [size, opc] = LOAD[op];
  return memory(size, opc, orZR(rd, "load rd"), base, disp, (addr) => `${op} ${addr}, ${regName(rd)}`);
}

/** `MOVx Rs, disp(Rb)`: stores the low 1/2/4/8 bytes of Rs (ZR stores zeros). */
export function store(op: StoreOp, rs: Reg, base: Reg, disp: number): Inst[] {
  return memory(STORE[op], 0, orZR(rs, "store rs"), base, disp, (addr) => `${op} ${regName(rs)}, ${addr}`);
}

/**
 * One load or store: the scaled unsigned 12-bit offset (LDR/STR), else the
 * unscaled signed 9-bit one (LDUR/STUR), else the whole displacement in
 * REGTMP and the register-offset form (where Go splits it over an ADD to
 * REGTMP and the offset field, or loads it from its literal pool).
 */
function memory(size: number, opc: number, t: number, base: Reg, disp: number, text: (addr: string) => string): Inst[] {
  const n = orSP(base, "base");
  const top = size << 30 | opc << 22;
  const scale = 1 << size;
  if (fits(disp, 0, 4095 * scale) && disp % scale === 0) {
    return [inst(0x39000000 | top | (disp / scale) << 10 | n << 5 | t, text(`${disp}(${regName(base)})`))];
  }
  if (fits(disp, -256, 255)) {
    return [inst(0x38000000 | top | (disp & 0x1ff) << 12 | n << 5 | t, text(`${disp}(${regName(base)})`))];
  }
  if (base === REGTMP || (opc === 0 && t === REGTMP)) throw new RangeError("memory: the displacement needs REGTMP, which is an operand");
  return [
    ...movConst(REGTMP, disp),
    inst(0x38206800 | top | REGTMP << 16 | n << 5 | t, text(`(${regName(base)})(${regName(REGTMP)})`)),
  ];
}

/** `MOVD.W Rs, disp(Rb)`: stores 8 bytes at Rb+disp and writes that address back to Rb (the prologue's `MOVD.W R30, -N(RSP)`). */
export function storePreIndex(rs: Reg, base: Reg, disp: number): Inst {
  if (!fits(disp, -256, 255)) throw new RangeError(`storePreIndex: displacement ${disp} outside -256..255`);
  return inst(0xf8000c00 | (disp & 0x1ff) << 12 | orSP(base, "base") << 5 | orZR(rs, "rs"),
    `MOVD.W ${regName(rs)}, ${disp}(${regName(base)})`);
}

/** `STP (R1, R2), disp(Rb)`: stores two 8-byte registers at Rb+disp (the prologue's `STP (R29, R30), -8(R20)`). */
export function storePair(r1: Reg, r2: Reg, base: Reg, disp: number): Inst {
  return pair(0xa9000000, r1, r2, base, disp, (regs, addr) => `STP ${regs}, ${addr}`);
}

/** `LDP disp(Rb), (R1, R2)`: loads two 8-byte registers (the epilogue's `LDP -8(RSP), (R29, R30)`). */
export function loadPair(r1: Reg, r2: Reg, base: Reg, disp: number): Inst {
  return pair(0xa9400000, r1, r2, base, disp, (regs, addr) => `LDP ${addr}, ${regs}`);
}

function pair(op: number, r1: Reg, r2: Reg, base: Reg, disp: number, text: (regs: string, addr: string) => string): Inst {
  if (!fits(disp, -512, 504) || disp % 8 !== 0) throw new RangeError(`pair: displacement ${disp} not a multiple of 8 in -512..504`);
  const word = op | ((disp / 8) & 0x7f) << 15 | orZR(r2, "r2") << 10 | orSP(base, "base") << 5 | orZR(r1, "r1");
  return inst(word, text(`(${regName(r1)}, ${regName(r2)})`, `${disp}(${regName(base)})`));
}

// Arithmetic with an immediate.

/** `ADD $v, Rn, Rd` (ADDW for w=32; SUB for negative v): Rd and Rn may be RSP. */
export function addConst(rd: Reg, rn: Reg, v: number | bigint, w: Width = 64): Inst[] {
  return arithConst(false, false, orSP(rd, "rd"), rd, rn, v, w);
}

/** `SUBS $v, Rn, Rd`: Rd = Rn - v, setting the flags (the prologue's underflow guard for huge frames). Rn may be RSP. */
export function subsConst(rd: Reg, rn: Reg, v: number | bigint, w: Width = 64): Inst[] {
  return arithConst(true, true, orZR(rd, "rd"), rd, rn, v, w);
}

/** `CMP $v, Rn` (CMN for negative v): the flags of Rn - v. Go compares with ZR for 0. */
export function cmpConst(rn: Reg, v: number | bigint, w: Width = 64): Inst[] {
  if (BigInt(v) === 0n) return [cmp(rn, ZR, w)];
  return arithConst(true, true, 31, ZR, rn, v, w);
}

/**
 * Rd = Rn + v or Rn - v, v taken as a signed w-bit value; a negative v
 * flips ADD and SUB. The immediate forms take 0..4095, optionally shifted
 * left by 12. Other magnitudes go as Go's assembler takes them: one that a
 * single MOV loads goes through REGTMP; one below 2^24 splits over two
 * immediates, its low 12 bits then the rest (Go's ADDCON2: the frame
 * allocation `SUB $160032, RSP, R20`), unless the flags are wanted; any
 * other goes through REGTMP. REGTMP takes the extended-register form when
 * RSP is involved because the shifted-register form reads encoding 31 as ZR.
 */
function arithConst(sub: boolean, setFlags: boolean, d: number, rd: Reg, rn: Reg, v: number | bigint, w: Width): Inst[] {
  const n = orSP(rn, "rn");
  const flags = setFlags ? 0x20000000 : 0;
  const value = BigInt.asIntN(w, BigInt(v));
  const isSub = sub !== value < 0n;
  const mag = value < 0n ? -value : value;
  const immediate = (imm: number, from: number, src: Reg, amount: bigint) =>
    inst(sf(w) | (isSub ? 0x51000000 : 0x11000000) | flags | imm << 10 | from << 5 | d, arithText(isSub, setFlags, `$${amount}`, rd, src, w));
  const imm = addImmField(mag);
  if (imm >= 0) return [immediate(imm, n, rn, mag)];
  if (!setFlags && mag <= 0xffffffn && movConst(REGTMP, mag, w).length > 1) {
    const lo = mag & 0xfffn;
    const hi = mag - lo;
    return [immediate(addImmField(lo), n, rn, lo), immediate(addImmField(hi), d, rd, hi)];
  }
  if (rn === REGTMP) throw new RangeError("arithConst: Rn is REGTMP and the constant needs it");
  const extended = rd === RSP || rn === RSP ? 0x00200000 | (w === 64 ? 0x6000 : 0x4000) : 0;
  const word = sf(w) | (isSub ? 0x4b000000 : 0x0b000000) | flags | extended | REGTMP << 16 | n << 5 | d;
  return [...movConst(REGTMP, mag, w), inst(word, arithText(isSub, setFlags, regName(REGTMP), rd, rn, w))];
}

function arithText(sub: boolean, setFlags: boolean, src: string, rd: Reg, rn: Reg, w: Width): string {
  const W = wsuffix(w);
  if (setFlags && rd === ZR) return `${sub ? "CMP" : "CMN"}${W} ${src}, ${regName(rn)}`;
  return `${sub ? "SUB" : "ADD"}${setFlags ? "S" : ""}${W} ${src}, ${regName(rn)}, ${regName(rd)}`;
}

// Register-register arithmetic and logic.

export type AluOp = "ADD" | "SUB" | "MUL" | "SDIV" | "UDIV" | "AND" | "ORR" | "EOR" | "BIC" | "LSL" | "LSR" | "ASR";

const ALU: Record<AluOp, number> = {
  ADD: 0x0b000000, SUB: 0x4b000000, MUL: 0x1b007c00, // MUL is MADD with Ra = ZR
  SDIV: 0x1ac00c00, UDIV: 0x1ac00800,
  AND: 0x0a000000, ORR: 0x2a000000, EOR: 0x4a000000, BIC: 0x0a200000, // BIC: Rn AND NOT Rm
  // Shifts by a register use the count modulo the width; Go's rules add the
  // CMP/CSEL for counts of the width or more.
  LSL: 0x1ac02000, LSR: 0x1ac02400, ASR: 0x1ac02800,
};

/** `OP Rm, Rn, Rd` (OPW for w=32): Rd = Rn OP Rm. SDIV/UDIV give 0 for a zero divisor; Go checks it first. */
export function alu(op: AluOp, rd: Reg, rn: Reg, rm: Reg, w: Width = 64): Inst {
  const word = sf(w) | ALU[op] | orZR(rm, "rm") << 16 | orZR(rn, "rn") << 5 | orZR(rd, "rd");
  return inst(word, `${op}${wsuffix(w)} ${regName(rm)}, ${regName(rn)}, ${regName(rd)}`);
}

/** Whether v, taken at width w, is a logical immediate (a rotated run of ones, repeated across the register) for logicConst. */
export function isLogicalImm(v: number | bigint, w: Width = 64): boolean {
  return logicalImm(BigInt.asUintN(w, BigInt(v)), w) !== undefined;
}

const LOGIC_IMM = { AND: 0x12000000, ORR: 0x32000000, EOR: 0x52000000 } as const;

/** `AND`/`ORR`/`EOR $v, Rn, Rd` (ANDW, ... for w=32) for a logical immediate v (isLogicalImm). */
export function logicConst(op: keyof typeof LOGIC_IMM, rd: Reg, rn: Reg, v: number | bigint, w: Width = 64): Inst {
  const u = BigInt.asUintN(w, BigInt(v));
  const field = logicalImm(u, w);
  if (field === undefined) throw new RangeError(`logicConst: ${v} is not a logical immediate at width ${w}`);
  const word = sf(w) | LOGIC_IMM[op] | field << 10 | orZR(rn, "rn") << 5 | orZR(rd, "rd");
  return inst(word, `${op}${wsuffix(w)} $${BigInt.asIntN(w, u)}, ${regName(rn)}, ${regName(rd)}`);
}

/** `REM`/`UREM Rm, Rn, Rd` as Go expands them: REGTMP = Rn / Rm, then MSUB Rd = Rn - REGTMP*Rm. */
export function rem(signed: boolean, rd: Reg, rn: Reg, rm: Reg, w: Width = 64): Inst[] {
  if (rn === REGTMP || rm === REGTMP) throw new RangeError("rem: an operand is REGTMP");
  const msub = sf(w) | 0x1b008000 | orZR(rm, "rm") << 16 | orZR(rn, "rn") << 10 | REGTMP << 5 | orZR(rd, "rd");
  return [
    alu(signed ? "SDIV" : "UDIV", REGTMP, rn, rm, w),
    inst(msub, `MSUB${wsuffix(w)} ${regName(rm)}, ${regName(rn)}, ${regName(REGTMP)}, ${regName(rd)}`),
  ];
}

/** `NEG Rm, Rd`: Rd = -Rm (SUB from ZR). */
export function neg(rd: Reg, rm: Reg, w: Width = 64): Inst {
  return inst(sf(w) | 0x4b0003e0 | orZR(rm, "rm") << 16 | orZR(rd, "rd"), `NEG${wsuffix(w)} ${regName(rm)}, ${regName(rd)}`);
}

/** `MVN Rm, Rd`: Rd = ^Rm (ORN from ZR). */
export function mvn(rd: Reg, rm: Reg, w: Width = 64): Inst {
  return inst(sf(w) | 0x2a2003e0 | orZR(rm, "rm") << 16 | orZR(rd, "rd"), `MVN${wsuffix(w)} ${regName(rm)}, ${regName(rd)}`);
}

// Comparisons.

/** `CMP Rm, Rn`: the flags of Rn - Rm. Rn may be RSP (the prologue's `CMP R16, RSP`), which takes the extended-register form. */
export function cmp(rn: Reg, rm: Reg, w: Width = 64): Inst {
  const extended = rn === RSP ? 0x00200000 | (w === 64 ? 0x6000 : 0x4000) : 0;
  const word = sf(w) | 0x6b00001f | extended | orZR(rm, "rm") << 16 | (rn === RSP ? 31 : orZR(rn, "rn")) << 5;
  return inst(word, `CMP${wsuffix(w)} ${regName(rm)}, ${regName(rn)}`);
}

/** `CSET cond, Rd`: Rd = 1 if cond holds, else 0 (CSINC Rd, ZR, ZR, !cond). */
export function cset(cond: Cond, rd: Reg, w: Width = 64): Inst {
  if (cond === "AL") throw new RangeError("cset: AL has no inverse");
  return inst(sf(w) | 0x1a9f07e0 | (COND[cond] ^ 1) << 12 | orZR(rd, "rd"), `CSET${wsuffix(w)} ${cond}, ${regName(rd)}`);
}

/** `CSEL cond, Rn, Rm, Rd`: Rd = cond ? Rn : Rm (Go's shifts by large counts select 0 with it). */
export function csel(cond: Cond, rd: Reg, rn: Reg, rm: Reg, w: Width = 64): Inst {
  const word = sf(w) | 0x1a800000 | orZR(rm, "rm") << 16 | COND[cond] << 12 | orZR(rn, "rn") << 5 | orZR(rd, "rd");
  return inst(word, `CSEL${wsuffix(w)} ${cond}, ${regName(rn)}, ${regName(rm)}, ${regName(rd)}`);
}

export type Relation = "eq" | "ne" | "lt" | "le" | "gt" | "ge" | "ltu" | "leu" | "gtu" | "geu";

/** The condition that holds after `CMP b, a` when `a REL b`. */
export const RELATION_COND: Record<Relation, Cond> = {
  eq: "EQ", ne: "NE", lt: "LT", le: "LE", gt: "GT", ge: "GE", ltu: "LO", leu: "LS", gtu: "HI", geu: "HS",
};

/** Rd = 1 if (a REL b) else 0: `CMP b, a; CSET cond, Rd`. */
export function setCond(rel: Relation, rd: Reg, a: Reg, b: Reg, w: Width = 64): Inst[] {
  return [cmp(a, b, w), cset(RELATION_COND[rel], rd)];
}

// Branches. Displacements are in bytes from the first byte of the returned
// sequence to the target; the texts count instructions from each branch.

function branchField(disp: number, bits: number, what: string): number {
  const limit = 2 ** (bits + 1);
  if (!Number.isInteger(disp) || disp % 4 !== 0 || disp < -limit || disp >= limit) {
    throw new RangeError(`${what}: displacement ${disp} is not a multiple of 4 within ±${limit}`);
  }
  return (disp / 4) & ((1 << bits) - 1);
}

/** `JMP n(PC)` (B): reaches ±128 MiB. */
export function jmp(disp: number): Inst {
  return inst(0x14000000 | branchField(disp, 26, "jmp"), `JMP ${disp / 4}(PC)`);
}

/** `Bcond n(PC)` (B.cond): one instruction reaching ±1 MiB, as Go's prologue branches to its morestack call. */
export function bcond(cond: Cond, disp: number): Inst {
  if (cond === "AL") throw new RangeError("bcond: use jmp for AL");
  return inst(0x54000000 | branchField(disp, 19, "bcond") << 5 | COND[cond], `B${cond} ${disp / 4}(PC)`);
}

/** Branch if Rt == 0: CBNZ over a JMP, 8 bytes for every displacement, reaching ±128 MiB. */
export function beqz(rt: Reg, disp: number): Inst[] {
  return compareAndBranchOverJmp(0xb5000000, "CBNZ", rt, disp);
}

/** Branch if Rt != 0: CBZ over a JMP, 8 bytes for every displacement, reaching ±128 MiB. */
export function bnez(rt: Reg, disp: number): Inst[] {
  return compareAndBranchOverJmp(0xb4000000, "CBZ", rt, disp);
}

function compareAndBranchOverJmp(op: number, name: string, rt: Reg, disp: number): Inst[] {
  return [inst(op | 2 << 5 | orZR(rt, "rt"), `${name} ${regName(rt)}, 2(PC)`), jmp(disp - 4)];
}

// Calls and returns.

/**
 * `BL sym(SB)` with R_AARCH64_CALL26 at the call's first byte (Go's
 * R_CALLARM64), addend 0: seed 000's computeDeferReturn takes the
 * relocation offset as the call's address on arm64.
 */
export function call(sym: string): Inst {
  return inst(0x94000000, `BL ${sym}(SB)`, [{ off: 0, type: R_AARCH64_CALL26, typeName: "R_AARCH64_CALL26", sym, add: 0 }]);
}

/** `BL (Rn)` (BLR): calls the address in Rn, e.g. a closure's code pointer loaded from REGCTXT. */
export function callReg(rn: Reg): Inst {
  return inst(0xd63f0000 | gpr(rn, "callReg rn") << 5, `BL (${regName(rn)})`);
}

/** `RET`: returns to REGLINK. */
export function ret(): Inst {
  return inst(0xd65f03c0, "RET");
}

// Addresses.

/**
 * `MOVD $sym+add(SB), Rd` as Go encodes it without PIC: ADRP with
 * R_AARCH64_ADR_PREL_PG_HI21, then ADD with R_AARCH64_ADD_ABS_LO12_NC, each
 * at its instruction's first byte (bytes 0 and 4 of the pair, where Go has
 * one R_ADDRARM64 over both). Go's assembler has no spelling for either
 * half alone; the texts name the instruction and the symbol.
 */
export function symAddr(rd: Reg, sym: string, add = 0): Inst[] {
  const d = gpr(rd, "symAddr rd");
  const ref = `${sym}${add === 0 ? "" : add > 0 ? `+${add}` : add}(SB)`;
  return [
    inst(0x90000000 | d, `ADRP ${ref}, ${regName(rd)}`, [{ off: 0, type: R_AARCH64_ADR_PREL_PG_HI21, typeName: "R_AARCH64_ADR_PREL_PG_HI21", sym, add }]),
    inst(0x91000000 | d << 5 | d, `ADD $${ref}, ${regName(rd)}, ${regName(rd)}`, [{ off: 0, type: R_AARCH64_ADD_ABS_LO12_NC, typeName: "R_AARCH64_ADD_ABS_LO12_NC", sym, add }]),
  ];
}

// Padding and traps.

/** `NOOP`: the architectural NOP (HINT #0); Go's `NOP` is a pseudo-instruction that emits nothing. */
export function nop(): Inst {
  return inst(0xd503201f, "NOOP");
}

/**
 * `UNDEF`: always traps. Encoded as UDF #0, the permanently undefined
 * instruction binutils names, where Go's assembler emits 0xbea71700.
 */
export function undef(): Inst {
  return inst(0x00000000, "UNDEF");
}
