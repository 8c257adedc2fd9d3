// Instruction encoding for 32-bit arm (ARM state, little-endian, ARMv7 as
// Go's GOARM=7), the counterpart of Go's cmd/internal/obj/arm for the subset
// the lowering uses. Every function returns the machine instructions of one
// Go-level operation, each with its bytes, its text in Go assembler syntax
// (as `go tool asm -S` prints it; branches as `n(PC)`, counted in
// instructions from the branch) and the ELF relocations the linker must
// apply.
//
// Where Go reaches for its literal pool (32-bit constants, symbol
// addresses), this encoder uses ARMv7's MOVW/MOVT pair instead, so that every
// sequence is self-contained: the lowering emits no pool.
//
// ARMv7-A has no integer divide (SDIV/UDIV are optional there): like Go, the
// lowering divides by calling runtime.udiv (see callUdiv) and fixes up signs
// around it.

import type { Inst, InstReloc } from "../machine/inst.js";
import { wordsInst } from "../machine/encode.js";

export type Reg = number;

export const R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, R6 = 6, R7 = 7;
export const R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;

/** R7: the closure context register (the funcval of the closure being called). */
export const REGCTXT = R7;
/** R10: the g register, the current goroutine (printed `g`). */
export const REGG = R10;
/** R11: REGTMP, the assembler temporary for constants and displacements that do not fit a field. */
export const REGTMP = R11;
/** R13: the hardware stack pointer. */
export const REGSP = R13;
/** R14: the link register, holding the return address after BL/BLX. */
export const REGLINK = R14;
/** R15: the program counter; loading it returns (the epilogue's `MOVW.P N(R13), R15`). */
export const REGPC = R15;

/** ELF relocation types (ARM psABI). */
export const R_ARM_CALL = 28;
export const R_ARM_MOVW_ABS_NC = 43;
export const R_ARM_MOVT_ABS = 44;

/** Condition codes with their field values. */
export const COND = {
  EQ: 0, NE: 1, HS: 2, LO: 3, MI: 4, PL: 5, VS: 6, VC: 7,
  HI: 8, LS: 9, GE: 10, LT: 11, GT: 12, LE: 13, AL: 14,
} as const;
export type Cond = keyof typeof COND;

/** Go's spelling of a register: R0..R15, `g` for R10. */
export function regName(r: Reg): string {
  return r === REGG ? "g" : `R${r}`;
}

/** The instruction suffix for a condition as Go prints it (`.CS`/`.CC` for HS/LO); none for AL. */
function suffix(cond: Cond): string {
  if (cond === "AL") return "";
  return `.${cond === "HS" ? "CS" : cond === "LO" ? "CC" : cond}`;
}

function inst(word: number, text: string, relocs?: InstReloc[]): Inst {
  return wordsInst(text, [word], false, relocs);
}

function reg(r: Reg, what: string): number {
  if (!Number.isInteger(r) || r < 0 || r > 15) throw new RangeError(`${what}: not R0..R15: ${r}`);
  return r;
}

function condField(cond: Cond): number {
  return COND[cond] << 28;
}

/** A 32-bit value as a signed integer, rejecting what does not fit 32 bits. */
function int32(v: number, what: string): number {
  if (!Number.isInteger(v) || v < -0x80000000 || v > 0xffffffff) throw new RangeError(`${what}: not a 32-bit integer: ${v}`);
  return v | 0;
}

/**
 * The 12-bit operand field of a data-processing immediate: an 8-bit value
 * rotated right by an even amount, the smallest rotation that works (as Go
 * and binutils pick it); -1 if v has no such form.
 */
function rotImm(v: number): number {
  let u = v >>> 0;
  for (let rot = 0; rot < 16; rot++) {
    if (u <= 0xff) return rot << 8 | u;
    u = ((u << 2) | (u >>> 30)) >>> 0; // undo a rotate-right by 2 more
  }
  return -1;
}

// Data processing: cond 00 I opcode S Rn Rd operand2.

const DP = {
  AND: 0, EOR: 1, SUB: 2, RSB: 3, ADD: 4, ADC: 5, SBC: 6, CMP: 10, CMN: 11, ORR: 12, MOV: 13, BIC: 14, MVN: 15,
} as const;
type DpName = keyof typeof DP;
const IMMEDIATE = 1 << 25;
const SETS_FLAGS = 1 << 20;

function dp(cond: Cond, op: number, s: boolean, rn: number, rd: number, operand2: number): number {
  return condField(cond) | op << 21 | (s ? SETS_FLAGS : 0) | rn << 16 | rd << 12 | operand2;
}

// Constants and moves.

/**
 * `MOVW $v, Rd`: MOV or MVN of a rotated 8-bit immediate, else MOVW of a
 * 16-bit one (as Go does with GOARM=7), else MOVW+MOVT for the two halves
 * (where Go loads from its literal pool). Go's assembler has no MOVT; its
 * text is the one Go's disassembler prints.
 */
export function movConst(rd: Reg, v: number, cond: Cond = "AL"): Inst[] {
  const d = reg(rd, "movConst rd");
  const value = int32(v, "movConst");
  const text = `MOVW${suffix(cond)} $${value}, ${regName(rd)}`;
  const single = movSingle(cond, d, value, text);
  if (single) return [single];
  const lo = value & 0xffff, hi = value >>> 16;
  return [
    movSingle(cond, d, lo, `MOVW${suffix(cond)} $${lo}, ${regName(rd)}`)!,
    inst(condField(cond) | 0x03400000 | (hi >>> 12) << 16 | d << 12 | (hi & 0xfff), `MOVT${suffix(cond)} $${hi}, ${regName(rd)}`),
  ];
}

/** The one instruction that loads v, if there is one: MOV, MVN or MOVW. */
function movSingle(cond: Cond, d: number, v: number, text: string): Inst | undefined {
  const imm = rotImm(v);
  if (imm >= 0) return inst(dp(cond, DP.MOV, false, 0, d, IMMEDIATE | imm), text);
  const inverted = rotImm(~v);
  if (inverted >= 0) return inst(dp(cond, DP.MVN, false, 0, d, IMMEDIATE | inverted), text);
  const u = v >>> 0;
  if (u <= 0xffff) return inst(condField(cond) | 0x03000000 | (u >>> 12) << 16 | d << 12 | (u & 0xfff), text);
  return undefined;
}

/** `MOVW Rm, Rd`. */
export function movReg(rd: Reg, rm: Reg, cond: Cond = "AL"): Inst {
  return inst(dp(cond, DP.MOV, false, 0, reg(rd, "rd"), reg(rm, "rm")), `MOVW${suffix(cond)} ${regName(rm)}, ${regName(rd)}`);
}

/** Sign-extends the low `bits` of Rm into Rd: `MOVBS`/`MOVHS Rm@>0, Rd` (SXTB/SXTH, ARMv6+). */
export function signExtend(rd: Reg, rm: Reg, bits: 8 | 16): Inst {
  return extend(bits === 8 ? 0x06af0070 : 0x06bf0070, bits === 8 ? "MOVBS" : "MOVHS", rd, rm);
}

/** Zero-extends the low `bits` of Rm into Rd: `MOVBU`/`MOVHU Rm@>0, Rd` (UXTB/UXTH, ARMv6+). */
export function zeroExtend(rd: Reg, rm: Reg, bits: 8 | 16): Inst {
  return extend(bits === 8 ? 0x06ef0070 : 0x06ff0070, bits === 8 ? "MOVBU" : "MOVHU", rd, rm);
}

function extend(op: number, name: string, rd: Reg, rm: Reg): Inst {
  return inst(condField("AL") | op | reg(rd, "rd") << 12 | reg(rm, "rm"), `${name} ${regName(rm)}@>0, ${regName(rd)}`);
}

// Loads and stores.

export type LoadOp = "MOVB" | "MOVBU" | "MOVH" | "MOVHU" | "MOVW";
export type StoreOp = "MOVB" | "MOVH" | "MOVW";

/**
 * How each access is encoded. Words and unsigned bytes (and byte stores)
 * are LDR/STR(B) with a 12-bit offset; halfwords and signed bytes are the
 * "extra" LDRH/LDRSH/LDRSB/STRH forms with an 8-bit one, told apart by
 * their S and H bits (bits 6 and 5, between the two 1s of 0x90).
 */
interface Access {
  kind: "word" | "extra";
  bits: number;
}
const PRE = 1 << 24, UP = 1 << 23, BYTE = 1 << 22, WRITEBACK = 1 << 21, LOADS = 1 << 20;
const SH = { B: 0xd0, H: 0xf0, HU: 0xb0 }; // signed byte, signed halfword, unsigned halfword
const LOAD: Record<LoadOp, Access> = {
  MOVW: { kind: "word", bits: LOADS },
  MOVBU: { kind: "word", bits: LOADS | BYTE },
  MOVB: { kind: "extra", bits: LOADS | SH.B },
  MOVH: { kind: "extra", bits: LOADS | SH.H },
  MOVHU: { kind: "extra", bits: LOADS | SH.HU },
};
const STORE: Record<StoreOp, Access> = {
  MOVW: { kind: "word", bits: 0 },
  MOVB: { kind: "word", bits: BYTE },
  MOVH: { kind: "extra", bits: SH.HU },
};

/** `MOVx disp(Rb), Rd`: loads 1, 2 or 4 bytes; MOVB and MOVH sign-extend, MOVBU and MOVHU zero-extend. */
export function load(op: LoadOp, rd: Reg, base: Reg, disp: number): Inst[] {
  const t = reg(rd, "load rd");
  return transfer(LOAD[op], PRE, t, base, disp, (sfx, addr) => `${op}${sfx} ${addr}, ${regName(rd)}`);
}

/** `MOVx Rs, disp(Rb)`: stores the low 1, 2 or 4 bytes of Rs. */
export function store(op: StoreOp, rs: Reg, base: Reg, disp: number): Inst[] {
  const t = reg(rs, "store rs");
  return transfer(STORE[op], PRE, t, base, disp, (sfx, addr) => `${op}${sfx} ${regName(rs)}, ${addr}`);
}

/** `MOVW.W Rs, disp(Rb)`: stores a word at Rb+disp and writes that address back to Rb (the prologue's `MOVW.W R14, -N(R13)`). */
export function storePreIndex(rs: Reg, base: Reg, disp: number): Inst[] {
  const t = reg(rs, "rs");
  return transfer(STORE.MOVW, PRE | WRITEBACK, t, base, disp, (sfx, addr) => `MOVW.W${sfx} ${regName(rs)}, ${addr}`);
}

/** `MOVW.P disp(Rb), Rd`: loads the word at Rb, then adds disp to Rb (the epilogue's `MOVW.P N(R13), R15`, which also returns). */
export function loadPostIndex(rd: Reg, base: Reg, disp: number): Inst[] {
  const t = reg(rd, "rd");
  return transfer(LOAD.MOVW, 0, t, base, disp, (sfx, addr) => `MOVW.P${sfx} ${addr}, ${regName(rd)}`);
}

/**
 * One load or store with an immediate offset when its magnitude fits the
 * field (4095, or 255 for the extra forms), else with |disp| in REGTMP as a
 * register offset, added or (`.U` in Go's syntax) subtracted.
 */
function transfer(access: Access, index: number, t: number, base: Reg, disp: number, text: (sfx: string, addr: string) => string): Inst[] {
  const n = reg(base, "base");
  const offset = int32(disp, "displacement");
  const up = offset >= 0 ? UP : 0;
  const mag = Math.abs(offset);
  const word = condField("AL") | index | up | access.bits | n << 16 | t << 12;
  const limit = access.kind === "word" ? 0xfff : 0xff;
  if (mag <= limit) {
    const imm = access.kind === "word" ? 0x04000000 | mag : 0x00400000 | (mag >> 4) << 8 | (mag & 0xf);
    return [inst(word | imm, text("", `${offset}(${regName(base)})`))];
  }
  if (n === REGTMP || (t === REGTMP && !(access.bits & LOADS))) throw new RangeError("transfer: the displacement needs REGTMP, which is an operand");
  const registerForm = access.kind === "word" ? 0x06000000 : 0;
  return [
    ...movConst(REGTMP, mag),
    inst(word | registerForm | REGTMP, text(up ? "" : ".U", `${regName(REGTMP)}<<0(${regName(base)})`)),
  ];
}

// Arithmetic with an immediate.

/** `ADD $v, Rn, Rd` (SUB for negative v): a rotated immediate, else |v| through REGTMP. */
export function addConst(rd: Reg, rn: Reg, v: number): Inst[] {
  return dpConst("ADD", "SUB", false, reg(rd, "rd"), rn, v, (op, src) => `${op} ${src}, ${regName(rn)}, ${regName(rd)}`);
}

/** `SUB.S $v, Rn, Rd`: Rd = Rn - v setting the flags (the prologue's underflow-guarded check of a huge frame). */
export function subsConst(rd: Reg, rn: Reg, v: number): Inst[] {
  return dpConst("SUB", "ADD", true, reg(rd, "rd"), rn, v, (op, src) => `${op}.S ${src}, ${regName(rn)}, ${regName(rd)}`);
}

/** `CMP $v, Rn` (CMN for negative v): the flags of Rn - v. */
export function cmpConst(rn: Reg, v: number, cond: Cond = "AL"): Inst[] {
  return dpConst("CMP", "CMN", true, 0, rn, v, (op, src) => `${op}${suffix(cond)} ${src}, ${regName(rn)}`, cond);
}

/**
 * Rn OP v for an operation whose negation is `neg` (ADD/SUB, CMP/CMN): the
 * immediate form for v or -v, else |v| in REGTMP (one MOVW up to 0xffff)
 * and the register form of whichever operation the sign asks for.
 */
function dpConst(pos: DpName, neg: DpName, s: boolean, d: number, rn: Reg, v: number, text: (op: string, src: string) => string, cond: Cond = "AL"): Inst[] {
  const n = reg(rn, "rn");
  const value = int32(v, "constant");
  const direct = rotImm(value);
  if (direct >= 0) return [inst(dp(cond, DP[pos], s, n, d, IMMEDIATE | direct), text(pos, `$${value}`))];
  const negated = rotImm(-value);
  if (negated >= 0) return [inst(dp(cond, DP[neg], s, n, d, IMMEDIATE | negated), text(neg, `$${-value}`))];
  if (n === REGTMP) throw new RangeError("dpConst: Rn is REGTMP and the constant needs it");
  const op = value < 0 ? neg : pos;
  return [...movConst(REGTMP, Math.abs(value), cond), inst(dp(cond, DP[op], s, n, d, REGTMP), text(op, regName(REGTMP)))];
}

// Register-register arithmetic and logic.

/** Data-processing operations on registers; `.S` sets the flags, ADC/SBC consume the carry (64-bit pairs). */
export type AluOp = "ADD" | "ADD.S" | "ADC" | "SUB" | "SUB.S" | "SBC" | "RSB" | "AND" | "ORR" | "EOR" | "BIC";

/** `OP Rm, Rn, Rd`: Rd = Rn OP Rm (RSB: Rm - Rn; BIC: Rn AND NOT Rm; SBC: Rn - Rm - NOT carry). */
export function alu(op: AluOp, rd: Reg, rn: Reg, rm: Reg): Inst {
  const [name, s] = op.endsWith(".S") ? [op.slice(0, -2), true] : [op, false];
  const word = dp("AL", DP[name as DpName], s, reg(rn, "rn"), reg(rd, "rd"), reg(rm, "rm"));
  return inst(word, `${op} ${regName(rm)}, ${regName(rn)}, ${regName(rd)}`);
}

/** `MUL Rm, Rn, Rd`: the low 32 bits of Rn * Rm. */
export function mul(rd: Reg, rn: Reg, rm: Reg): Inst {
  return inst(condField("AL") | 0x00000090 | reg(rd, "rd") << 16 | reg(rm, "rm") << 8 | reg(rn, "rn"), `MUL ${regName(rm)}, ${regName(rn)}, ${regName(rd)}`);
}

/** `MULLU`/`MULL Rm, Rn, (Rhi, Rlo)`: the 64-bit product of Rn and Rm, unsigned (UMULL) or signed (SMULL). */
export function mull(signed: boolean, hi: Reg, lo: Reg, rn: Reg, rm: Reg): Inst {
  if (hi === lo) throw new RangeError("mull: the two halves need two registers");
  const word = condField("AL") | (signed ? 0x00c00090 : 0x00800090) | reg(hi, "hi") << 16 | reg(lo, "lo") << 12 | reg(rm, "rm") << 8 | reg(rn, "rn");
  return inst(word, `${signed ? "MULL" : "MULLU"} ${regName(rm)}, ${regName(rn)}, (${regName(hi)}, ${regName(lo)})`);
}

export type ShiftOp = "SLL" | "SRL" | "SRA";
const SHIFT_TYPE: Record<ShiftOp, number> = { SLL: 0, SRL: 1, SRA: 2 };

/**
 * `SLL`/`SRL`/`SRA Rs, Rn, Rd`: Rn shifted by the low byte of Rs (a MOV
 * with a register-shifted operand). Counts 32..255 give 0 (or the sign);
 * Go's rules compare the count with 256 for the rest.
 */
export function shift(op: ShiftOp, rd: Reg, rn: Reg, rs: Reg): Inst {
  const operand2 = reg(rs, "rs") << 8 | SHIFT_TYPE[op] << 5 | 0x10 | reg(rn, "rn");
  return inst(dp("AL", DP.MOV, false, 0, reg(rd, "rd"), operand2), `${op} ${regName(rs)}, ${regName(rn)}, ${regName(rd)}`);
}

/** Go's spelling of a constant shift of an operand: `R3<<4`, `R3>>4`, `R3->31`. */
const SHIFT_SYNTAX: Record<ShiftOp, string> = { SLL: "<<", SRL: ">>", SRA: "->" };

/** A register shifted by 1..31 as an operand2 field: imm5, the shift type, bit 4 clear, Rm. */
function shiftedOperand(rm: Reg, op: ShiftOp, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 31) throw new RangeError(`shift amount ${n} is not 1..31`);
  return n << 7 | SHIFT_TYPE[op] << 5 | reg(rm, "rm");
}

/** `SLL`/`SRL`/`SRA $n, Rm, Rd`: Rm shifted by a constant 1..31 (a MOV with a shifted operand; `SRA $31` gives an int64's high word from its low one). */
export function shiftConst(op: ShiftOp, rd: Reg, rm: Reg, n: number): Inst {
  const word = dp("AL", DP.MOV, false, 0, reg(rd, "rd"), shiftedOperand(rm, op, n));
  return inst(word, `${op} $${n}, ${regName(rm)}, ${regName(rd)}`);
}

/**
 * `OP Rm->n, Rn, Rd` (or `Rm<<n`, `Rm>>n`): Rd = Rn OP (Rm shifted by a
 * constant), as Go negates by a sign around runtime.udiv: `EOR R3->31, R3,
 * R4; SUB R3->31, R4, R1` is R1 = |R3|.
 */
export function aluShifted(op: "ADD" | "SUB" | "RSB" | "AND" | "ORR" | "EOR" | "BIC", rd: Reg, rn: Reg, rm: Reg, shift: ShiftOp, n: number): Inst {
  const word = dp("AL", DP[op], false, reg(rn, "rn"), reg(rd, "rd"), shiftedOperand(rm, shift, n));
  return inst(word, `${op} ${regName(rm)}${SHIFT_SYNTAX[shift]}${n}, ${regName(rn)}, ${regName(rd)}`);
}

/** Whether v is a data-processing immediate: an 8-bit value rotated right by an even amount, for aluConst. */
export function fitsImmediate(v: number): boolean {
  return rotImm(int32(v, "fitsImmediate")) >= 0;
}

/** `AND`/`ORR`/`EOR`/`BIC`/`RSB $v, Rn, Rd` for a v that is a rotated 8-bit immediate (fitsImmediate: a shift count's mask, `RSB $32`). */
export function aluConst(op: "AND" | "ORR" | "EOR" | "BIC" | "RSB", rd: Reg, rn: Reg, v: number): Inst {
  const imm = rotImm(int32(v, "aluConst"));
  if (imm < 0) throw new RangeError(`aluConst: ${v} is not a rotated 8-bit immediate`);
  return inst(dp("AL", DP[op], false, reg(rn, "rn"), reg(rd, "rd"), IMMEDIATE | imm), `${op} $${v}, ${regName(rn)}, ${regName(rd)}`);
}

/** `RSB $0, Rm, Rd`: Rd = -Rm. */
export function neg(rd: Reg, rm: Reg): Inst {
  return inst(dp("AL", DP.RSB, false, reg(rm, "rm"), reg(rd, "rd"), IMMEDIATE), `RSB $0, ${regName(rm)}, ${regName(rd)}`);
}

/** `MVN Rm, Rd`: Rd = ^Rm. */
export function mvn(rd: Reg, rm: Reg): Inst {
  return inst(dp("AL", DP.MVN, false, 0, reg(rd, "rd"), reg(rm, "rm")), `MVN ${regName(rm)}, ${regName(rd)}`);
}

/**
 * `BL runtime.udiv(SB)`, Go's division: it takes the dividend in R1 and the
 * divisor in R0 and returns the quotient in R0 and the remainder in R1
 * (unsigned; Go divides magnitudes and fixes the signs around the call).
 */
export function callUdiv(): Inst {
  return call("runtime.udiv");
}

// Comparisons.

/** `CMP Rm, Rn`: the flags of Rn - Rm; conditional (`CMP.CS R1, R2`) in the prologue's huge-frame check. */
export function cmp(rn: Reg, rm: Reg, cond: Cond = "AL"): Inst {
  return inst(dp(cond, DP.CMP, true, reg(rn, "rn"), 0, reg(rm, "rm")), `CMP${suffix(cond)} ${regName(rm)}, ${regName(rn)}`);
}

export type Relation = "eq" | "ne" | "lt" | "le" | "gt" | "ge" | "ltu" | "leu" | "gtu" | "geu";

/** The condition that holds after `CMP b, a` when `a REL b`. */
export const RELATION_COND: Record<Relation, Cond> = {
  eq: "EQ", ne: "NE", lt: "LT", le: "LE", gt: "GT", ge: "GE", ltu: "LO", leu: "LS", gtu: "HI", geu: "HS",
};

/** Rd = 1 if (a REL b) else 0, as Go's lowering does it: `CMP b, a; MOVW $0, Rd; MOVW.cond $1, Rd`. */
export function setCond(rel: Relation, rd: Reg, a: Reg, b: Reg): Inst[] {
  return [cmp(a, b), ...movConst(rd, 0), ...movConst(rd, 1, RELATION_COND[rel])];
}

// Branches. Displacements are in bytes from the first byte of the returned
// sequence to the target; the texts count instructions from each branch.

/** B/BL's 24-bit word offset from the branch's address + 8 (±32 MiB). */
function branchField(disp: number, what: string): number {
  const words = (disp - 8) / 4;
  if (!Number.isInteger(words) || words < -(1 << 23) || words >= 1 << 23) {
    throw new RangeError(`${what}: displacement ${disp} is not a multiple of 4 within ±32 MiB`);
  }
  return words & 0xffffff;
}

/** `JMP n(PC)` (B). */
export function jmp(disp: number): Inst {
  return inst(condField("AL") | 0x0a000000 | branchField(disp, "jmp"), `JMP ${disp / 4}(PC)`);
}

/** `Bcond n(PC)`: BEQ, BNE, BHS, BLO, ..., BLS (the prologue's branch to its morestack call). */
export function bcond(cond: Cond, disp: number): Inst {
  if (cond === "AL") throw new RangeError("bcond: use jmp for AL");
  return inst(condField(cond) | 0x0a000000 | branchField(disp, "bcond"), `B${cond} ${disp / 4}(PC)`);
}

/** Branch if Rn == 0: `CMP $0, Rn; BEQ`, 8 bytes for every displacement, reaching ±32 MiB. */
export function beqz(rn: Reg, disp: number): Inst[] {
  return [...cmpConst(rn, 0), bcond("EQ", disp - 4)];
}

/** Branch if Rn != 0: `CMP $0, Rn; BNE`, 8 bytes for every displacement, reaching ±32 MiB. */
export function bnez(rn: Reg, disp: number): Inst[] {
  return [...cmpConst(rn, 0), bcond("NE", disp - 4)];
}

// Calls and returns.

/**
 * `BL sym(SB)` with R_ARM_CALL at the call's first byte (Go's R_CALLARM):
 * seed 000's computeDeferReturn takes the relocation offset as the call's
 * address on arm. The offset field is left 0, as in Go's object code; the
 * addend -8 accounts for the PC reading 8 bytes ahead, so S + A - P is the
 * byte displacement the field encodes (divided by 4).
 */
export function call(sym: string): Inst {
  return inst(condField("AL") | 0x0b000000, `BL ${sym}(SB)`, [{ off: 0, type: R_ARM_CALL, typeName: "R_ARM_CALL", sym, add: -8 }]);
}

/** `BL (Rm)` (BLX): calls the address in Rm, e.g. a closure's code pointer loaded from REGCTXT. */
export function callReg(rm: Reg): Inst {
  return inst(condField("AL") | 0x012fff30 | reg(rm, "rm"), `BL (${regName(rm)})`);
}

/** `RET` of a frameless function: Go's `ADD $0, R14, R15` (framed functions return with loadPostIndex into R15). */
export function ret(): Inst {
  return inst(dp("AL", DP.ADD, false, REGLINK, REGPC, IMMEDIATE), "RET");
}

// Addresses.

/**
 * The address of sym+add in Rd, absolute (non-PIC): MOVW with
 * R_ARM_MOVW_ABS_NC, then MOVT with R_ARM_MOVT_ABS, each at its
 * instruction's first byte. Go loads `MOVW $sym(SB), Rd` from its literal
 * pool (an R_ARM_ABS32 word after the function); the pair keeps the
 * sequence self-contained.
 */
export function symAddr(rd: Reg, sym: string, add = 0): Inst[] {
  const d = reg(rd, "symAddr rd");
  const ref = `$${sym}${add === 0 ? "" : add > 0 ? `+${add}` : add}(SB)`;
  return [
    inst(condField("AL") | 0x03000000 | d << 12, `MOVW ${ref}, ${regName(rd)}`, [{ off: 0, type: R_ARM_MOVW_ABS_NC, typeName: "R_ARM_MOVW_ABS_NC", sym, add }]),
    inst(condField("AL") | 0x03400000 | d << 12, `MOVT ${ref}, ${regName(rd)}`, [{ off: 0, type: R_ARM_MOVT_ABS, typeName: "R_ARM_MOVT_ABS", sym, add }]),
  ];
}

// Padding and traps.

/** `MOVW R0, R0`: the classic ARM NOP (Go's `NOP` is a pseudo-instruction that emits nothing). */
export function nop(): Inst {
  return movReg(R0, R0);
}

/**
 * `UNDEF`: always traps. Encoded as UDF #0, the permanently undefined
 * instruction binutils names, where Go's assembler emits 0xf7fabcfd.
 */
export function undef(): Inst {
  return inst(0xe7f000f0, "UNDEF");
}
