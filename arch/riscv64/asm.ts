// Instruction encoding for GOARCH=riscv64 (RV64GC, of which Go, and so
// this encoder, emits only the 4-byte uncompressed instructions), the
// counterpart of Go's cmd/internal/obj/riscv. Every function returns the
// Progs Go's assembler would take for the job: each Inst is one Prog
// whose `text` `go tool asm` encodes to exactly its `bytes` (one
// instruction, or the short expansion Go gives some Progs: `MOV $c, X5`
// as LUI+ADDIW, a load at a large displacement through REGTMP, the
// AUIPC+ADDI of a symbol's address).
//
// Operand order is Go's: sources first, destination last
// (`ADD X7, X6, X5` is x5 = x6 + x7, `SUB X7, X6, X5` is x5 = x6 - x7).
//
// The *W forms compute on the low word and sign-extend the result. Divides
// never trap (x/0 is all ones, x%0 is x, MinInt/-1 is MinInt): the lowering
// checks the divisor first, as Go does. Shifts by a register use the low 6
// bits of the count (5 for the *W forms); the lowering masks larger counts.

import type { Inst, InstReloc } from "../machine/inst.js";
import { fitsSigned, memText, symText, toInt64, wordsInst } from "../machine/encode.js";

/** A general-purpose register number, 0..31 (Go's X0..X31). */
export type Reg = number;

/** X0: hard-wired zero. */
export const REGZERO = 0;
/** X1 (RA): the link register calls write and RET reads. */
export const REGLR = 1;
/** X2: the stack pointer, which Go spells SP. */
export const REGSP = 2;
/** X3 (GP): the ELF global pointer; Go never allocates it. */
export const REGGP = 3;
/** X4 (TP): the C ABI's thread pointer; Go never allocates it. */
export const REGTP = 4;
/** X5 (T0): the link register of the prologue's morestack call (`JAL X5, runtime.morestack(SB)`). */
export const REGMORESTACKLR = 5;
/** X26 (S10): the closure context register. */
export const REGCTXT = 26;
/** X27 (S11): g, the current goroutine, which Go spells g. */
export const REGG = 27;
/** X31 (T6): the assembler temporary (large constants and displacements, far jumps). */
export const REGTMP = 31;

/** g.stackguard0's offset in g, read by the prologue's stack-bound check. */
export const G_STACKGUARD0 = 16;

export type Size = 1 | 2 | 4 | 8;
export type Width = 32 | 64;

/** A comparison of two registers, signed or unsigned (`u`). */
export type Cond = "eq" | "ne" | "lt" | "ge" | "gt" | "le" | "ltu" | "geu" | "gtu" | "leu";

// ELF relocation types of the RISC-V psABI.
const R_RISCV_CALL_PLT = 19;
const R_RISCV_PCREL_HI20 = 23;
const R_RISCV_PCREL_LO12_I = 24;

/** Go's spelling of a register: X2 is SP and X27 is g. */
export function regName(r: Reg): string {
  return r === REGSP ? "SP" : r === REGG ? "g" : `X${r}`;
}

function checkReg(r: Reg): Reg {
  if (!Number.isInteger(r) || r < 0 || r > 31) throw new RangeError(`riscv64: no register X${r}`);
  return r;
}

function checkNotTmp(r: Reg, role: string): Reg {
  if (checkReg(r) === REGTMP) throw new RangeError(`riscv64: the ${role} cannot be REGTMP (X31)`);
  return r;
}

/** The low 12 bits as the signed value an I-type immediate adds. */
function low12(v: number): number {
  return ((v & 0xfff) ^ 0x800) - 0x800;
}

/** The LUI/AUIPC immediate that a sign-extended low 12 bits then completes. */
function high20(v: number): number {
  return Math.floor((v + 0x800) / 0x1000);
}

function prog(text: string, words: number[], relocs?: InstReloc[]): Inst {
  return wordsInst(text, words, false, relocs);
}

// Instruction formats (The RISC-V Instruction Set Manual, Volume I, 2.3).

const OP = 0x33;
const OP_32 = 0x3b;
const OP_IMM = 0x13;
const OP_IMM_32 = 0x1b;
const LOAD = 0x03;
const STORE = 0x23;
const BRANCH = 0x63;
const JALR = 0x67;
const LUI = 0x37;
const AUIPC = 0x17;

function rType(opcode: number, f3: number, f7: number, rd: Reg, rs1: Reg, rs2: Reg): number {
  return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode;
}

function iType(opcode: number, f3: number, rd: Reg, rs1: Reg, imm: number): number {
  return ((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode;
}

function sType(f3: number, rs1: Reg, rs2: Reg, imm: number): number {
  return (((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | STORE;
}

function bType(f3: number, rs1: Reg, rs2: Reg, imm: number): number {
  const bit = (n: number, w = 1) => (imm >> n) & ((1 << w) - 1);
  return (bit(12) << 31) | (bit(5, 6) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (bit(1, 4) << 8) | (bit(11) << 7) | BRANCH;
}

function uType(opcode: number, rd: Reg, imm20: number): number {
  return ((imm20 & 0xfffff) << 12) | (rd << 7) | opcode;
}

function addiWord(rd: Reg, rs: Reg, imm: number): number {
  return iType(OP_IMM, 0, rd, rs, imm);
}

/** SLLI/SRLI/SRAI: a 6-bit shift amount, bit 10 selecting arithmetic. */
function shiftImmWord(f3: number, arithmetic: boolean, rd: Reg, rs: Reg, sh: number): number {
  return iType(OP_IMM, f3, rd, rs, (arithmetic ? 0x400 : 0) | sh);
}

// ---------------------------------------------------------------------------
// Constants and moves

/**
 * Loads any 64-bit constant. int32 values are Go's `MOV $c` (ADDI from X0,
 * or LUI plus ADDIW). Go puts wider constants in memory; here they are
 * built as the RISC-V psABI's materialisation does: the value without its
 * sign-extended low 12 bits, shifted right past its trailing zeros and
 * built recursively, then SLLI back and ADDI of the low 12 bits.
 */
export function movConst(rd: Reg, value: bigint | number): Inst[] {
  checkReg(rd);
  const v = toInt64(value);
  if (fitsSigned(v, 32)) return [movInt32(rd, Number(v))];
  const lo = BigInt(low12(Number(v & 0xfffn)));
  let hi = (v - lo) >> 12n;
  let shift = 12;
  while ((hi & 1n) === 0n) {
    hi >>= 1n;
    shift++;
  }
  const out = [...movConst(rd, hi), prog(`SLLI $${shift}, ${regName(rd)}, ${regName(rd)}`, [shiftImmWord(1, false, rd, rd, shift)])];
  if (lo !== 0n) out.push(addImmSmall(rd, rd, Number(lo)));
  return out;
}

function movInt32(rd: Reg, v: number): Inst {
  const text = `MOV $${v}, ${regName(rd)}`;
  if (fitsSigned(v, 12)) return prog(text, [addiWord(rd, REGZERO, v)]);
  const lo = low12(v);
  const lui = uType(LUI, rd, high20(v));
  // ADDIW, not ADDI: when rounding made LUI's value wrap to negative, the
  // 32-bit add wraps it back before sign-extending.
  return prog(text, lo === 0 ? [lui] : [lui, iType(OP_IMM_32, 0, rd, rd, lo)]);
}

/** MOV Rs, Rd: ADDI $0 (GNU `mv`). */
export function move(rd: Reg, rs: Reg): Inst[] {
  return [prog(`MOV ${regName(rs)}, ${regName(rd)}`, [addiWord(checkReg(rd), checkReg(rs), 0)])];
}

// ---------------------------------------------------------------------------
// Loads and stores

interface MemOp {
  go: string;
  f3: number;
}

const LOADS: Record<string, MemOp> = {
  "1s": { go: "MOVB", f3: 0 }, // LB
  "1u": { go: "MOVBU", f3: 4 }, // LBU
  "2s": { go: "MOVH", f3: 1 }, // LH
  "2u": { go: "MOVHU", f3: 5 }, // LHU
  "4s": { go: "MOVW", f3: 2 }, // LW
  "4u": { go: "MOVWU", f3: 6 }, // LWU
  "8s": { go: "MOV", f3: 3 }, // LD
  "8u": { go: "MOV", f3: 3 },
};

const STORES: Record<Size, MemOp> = {
  1: { go: "MOVB", f3: 0 }, // SB
  2: { go: "MOVH", f3: 1 }, // SH
  4: { go: "MOVW", f3: 2 }, // SW
  8: { go: "MOV", f3: 3 }, // SD
};

/**
 * Loads `size` bytes from base+disp into rd, sign- or zero-extending. A
 * displacement beyond 12 bits is Go's own expansion: LUI of its high part
 * into REGTMP, ADD of the base, the access at the low 12 bits; past 32
 * bits the whole displacement goes into REGTMP first.
 */
export function load(size: Size, signed: boolean, rd: Reg, base: Reg, disp: number): Inst[] {
  const op = LOADS[`${size}${signed ? "s" : "u"}`];
  checkReg(rd);
  return memAccess(rd, base, disp, (b, d) => iType(LOAD, op.f3, rd, b, d), (m) => `${op.go} ${m}, ${regName(rd)}`);
}

/** Stores the low `size` bytes of rs at base+disp (REGTMP for large displacements, as in `load`). */
export function store(size: Size, rs: Reg, base: Reg, disp: number): Inst[] {
  const op = STORES[size];
  checkReg(rs);
  return memAccess(rs, base, disp, (b, d) => sType(op.f3, b, rs, d), (m) => `${op.go} ${regName(rs)}, ${m}`);
}

function memAccess(r: Reg, base: Reg, disp: number, access: (base: Reg, disp: number) => number, text: (mem: string) => string): Inst[] {
  checkReg(base);
  if (!Number.isInteger(disp)) throw new RangeError(`riscv64: displacement ${disp}`);
  if (fitsSigned(disp, 12)) return [prog(text(memText(disp, regName(base))), [access(base, disp)])];
  if (base === REGTMP || r === REGTMP) throw new RangeError("riscv64: a large displacement needs X31 free");
  const hi = high20(disp);
  const addBase = rType(OP, 0, 0, REGTMP, REGTMP, base);
  if (fitsSigned(hi, 20)) return [prog(text(memText(disp, regName(base))), [uType(LUI, REGTMP, hi), addBase, access(REGTMP, low12(disp))])];
  return [
    ...movConst(REGTMP, disp),
    prog(`ADD ${regName(base)}, ${regName(REGTMP)}, ${regName(REGTMP)}`, [addBase]),
    prog(text(memText(0, regName(REGTMP))), [access(REGTMP, 0)]),
  ];
}

// ---------------------------------------------------------------------------
// Arithmetic

function addImmSmall(rd: Reg, rs: Reg, imm: number): Inst {
  return prog(`ADDI $${imm}, ${regName(rs)}, ${regName(rd)}`, [addiWord(rd, rs, imm)]);
}

/** rd = rs + imm for any 64-bit imm: ADDI, or the constant in REGTMP and ADD. */
export function addImm(rd: Reg, rs: Reg, imm: bigint | number): Inst[] {
  checkReg(rd);
  checkReg(rs);
  const v = toInt64(imm);
  if (fitsSigned(v, 12)) return [addImmSmall(rd, rs, Number(v))];
  checkNotTmp(rs, "source of a large immediate add");
  return [...movConst(REGTMP, v), ...add(rd, rs, REGTMP)];
}

/** R-type `GO Rs2, Rs1, Rd`, the 64-bit opcode or, for 32-bit width, OP-32 and the W mnemonic. */
function rOp(go: string, f3: number, f7: number, w: Width, rd: Reg, ra: Reg, rb: Reg): Inst[] {
  const name = w === 64 ? go : `${go}W`;
  return [prog(`${name} ${regName(rb)}, ${regName(ra)}, ${regName(rd)}`, [rType(w === 64 ? OP : OP_32, f3, f7, checkReg(rd), checkReg(ra), checkReg(rb))])];
}

/** rd = ra + rb (ADD, ADDW). */
export function add(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return rOp("ADD", 0, 0, w, rd, ra, rb);
}

/** rd = ra - rb (SUB, SUBW). */
export function sub(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return rOp("SUB", 0, 0x20, w, rd, ra, rb);
}

/** rd = ra * rb, low bits (MUL, MULW). */
export function mul(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return rOp("MUL", 0, 1, w, rd, ra, rb);
}

/** rd = ra / rb, signed (DIV, DIVW). */
export function div(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return rOp("DIV", 4, 1, w, rd, ra, rb);
}

/** rd = ra / rb, unsigned (DIVU, DIVUW). */
export function divu(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return rOp("DIVU", 5, 1, w, rd, ra, rb);
}

/** rd = ra % rb, signed (REM, REMW). */
export function rem(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return rOp("REM", 6, 1, w, rd, ra, rb);
}

/** rd = ra % rb, unsigned (REMU, REMUW). */
export function remu(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return rOp("REMU", 7, 1, w, rd, ra, rb);
}

/** rd = ra & rb (one instruction serves both widths). */
export function and(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  return rOp("AND", 7, 0, 64, rd, ra, rb);
}

/** rd = ra | rb. */
export function or(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  return rOp("OR", 6, 0, 64, rd, ra, rb);
}

/** rd = ra ^ rb. */
export function xor(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  return rOp("XOR", 4, 0, 64, rd, ra, rb);
}

/** rd = ra &^ rb: RV64GC has no ANDN (that is Zbb), so NOT into REGTMP and AND. */
export function andNot(rd: Reg, ra: Reg, rb: Reg): Inst[] {
  checkNotTmp(ra, "first operand");
  return [...not(REGTMP, rb), ...and(rd, ra, REGTMP)];
}

/** rd = ra << rb (SLL, SLLW). */
export function shl(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return rOp("SLL", 1, 0, w, rd, ra, rb);
}

/** rd = ra >> rb, arithmetic (SRA, SRAW). */
export function sar(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return rOp("SRA", 5, 0x20, w, rd, ra, rb);
}

/** rd = ra >> rb, logical (SRL, SRLW). */
export function shr(rd: Reg, ra: Reg, rb: Reg, w: Width = 64): Inst[] {
  return rOp("SRL", 5, 0, w, rd, ra, rb);
}

/** rd = -ra: Go's NEG (SUB from X0), NEGW for the word. */
export function neg(rd: Reg, ra: Reg, w: Width = 64): Inst[] {
  return [prog(`${w === 64 ? "NEG" : "NEGW"} ${regName(ra)}, ${regName(rd)}`, [rType(w === 64 ? OP : OP_32, 0, 0x20, checkReg(rd), REGZERO, checkReg(ra))])];
}

/** rd = ^ra: Go's NOT (XORI $-1). */
export function not(rd: Reg, ra: Reg): Inst[] {
  return [prog(`NOT ${regName(ra)}, ${regName(rd)}`, [iType(OP_IMM, 4, checkReg(rd), checkReg(ra), -1)])];
}

// ---------------------------------------------------------------------------
// Extensions: Go's MOVB/MOVH/MOVW(U) register forms.

/** rd = ra sign-extended from 8, 16 or 32 bits: SLLI+SRAI, or ADDIW $0 for 32. */
export function signExtend(bits: 8 | 16 | 32, rd: Reg, ra: Reg): Inst[] {
  checkReg(rd);
  checkReg(ra);
  const go = `${regName(ra)}, ${regName(rd)}`;
  if (bits === 32) return [prog(`MOVW ${go}`, [iType(OP_IMM_32, 0, rd, ra, 0)])];
  const sh = 64 - bits;
  return [prog(`${bits === 8 ? "MOVB" : "MOVH"} ${go}`, [shiftImmWord(1, false, rd, ra, sh), shiftImmWord(5, true, rd, rd, sh)])];
}

/** rd = ra zero-extended from 8, 16 or 32 bits: ANDI $255, or SLLI+SRLI. */
export function zeroExtend(bits: 8 | 16 | 32, rd: Reg, ra: Reg): Inst[] {
  checkReg(rd);
  checkReg(ra);
  const go = `${regName(ra)}, ${regName(rd)}`;
  if (bits === 8) return [prog(`MOVBU ${go}`, [iType(OP_IMM, 7, rd, ra, 0xff)])];
  const sh = 64 - bits;
  return [prog(`${bits === 16 ? "MOVHU" : "MOVWU"} ${go}`, [shiftImmWord(1, false, rd, ra, sh), shiftImmWord(5, false, rd, rd, sh)])];
}

// ---------------------------------------------------------------------------
// Compare-and-set. Compares are 64-bit only: 32-bit operands are extended
// first, as Go's lowering does.

function slt(unsigned: boolean, rd: Reg, ra: Reg, rb: Reg): Inst {
  return prog(`${unsigned ? "SLTU" : "SLT"} ${regName(rb)}, ${regName(ra)}, ${regName(rd)}`, [rType(OP, unsigned ? 3 : 2, 0, checkReg(rd), checkReg(ra), checkReg(rb))]);
}

/**
 * rd = (a cond b) ? 1 : 0 as Go lowers it: SEQZ/SNEZ of the difference
 * (in REGTMP) for eq/ne; SLT(U) with the operands in order or swapped for
 * the orders, then XORI $1 for le/ge.
 */
export function setCond(cond: Cond, rd: Reg, a: Reg, b: Reg): Inst[] {
  checkReg(rd);
  if (cond === "eq" || cond === "ne") {
    const test = cond === "eq" ? iType(OP_IMM, 3, rd, REGTMP, 1) : rType(OP, 3, 0, rd, REGZERO, REGTMP);
    return [...sub(REGTMP, a, b), prog(`${cond === "eq" ? "SEQZ" : "SNEZ"} ${regName(REGTMP)}, ${regName(rd)}`, [test])];
  }
  const unsigned = cond.endsWith("u");
  const base = cond.slice(0, 2);
  const less = base === "lt" || base === "ge" ? slt(unsigned, rd, a, b) : slt(unsigned, rd, b, a);
  if (base === "lt" || base === "gt") return [less];
  return [less, prog(`XORI $1, ${regName(rd)}, ${regName(rd)}`, [iType(OP_IMM, 4, rd, rd, 1)])];
}

// ---------------------------------------------------------------------------
// Branches. `disp` is in bytes from the first byte of the returned
// sequence; texts give the offset from their own instruction, as
// `go tool asm -S` prints riscv64 branches (`BNE X5, X0, $12`).

function checkDisp(disp: number): number {
  if (!Number.isInteger(disp) || disp % 4 !== 0 || !fitsSigned(high20(disp), 20)) throw new RangeError(`riscv64: branch displacement ${disp}`);
  return disp;
}

/**
 * JMP to any target within +-2 GiB: AUIPC REGTMP + JALR X0, which Go's
 * assembler also substitutes for a JAL whose target is out of its +-1 MiB.
 */
export function jump(disp: number): Inst[] {
  const hi = high20(checkDisp(disp));
  const lo = low12(disp);
  return [
    prog(`AUIPC $${hi}, ${regName(REGTMP)}`, [uType(AUIPC, REGTMP, hi)]),
    prog(`JALR X0, ${memText(lo, regName(REGTMP))}`, [iType(JALR, 0, REGZERO, REGTMP, lo)]),
  ];
}

const BRANCH_F3 = { eq: 0, ne: 1, lt: 4, ge: 5, ltu: 6, geu: 7 } as const;
type BranchOp = keyof typeof BRANCH_F3;
const INVERSE: Record<BranchOp, BranchOp> = { eq: "ne", ne: "eq", lt: "ge", ge: "lt", ltu: "geu", geu: "ltu" };

/** gt/le (and unsigned) are lt/ge with the operands swapped. */
function normalize(cond: Cond, a: Reg, b: Reg): [BranchOp, Reg, Reg] {
  switch (cond) {
    case "gt":
      return ["lt", b, a];
    case "le":
      return ["ge", b, a];
    case "gtu":
      return ["ltu", b, a];
    case "leu":
      return ["geu", b, a];
    default:
      return [cond, a, b];
  }
}

/**
 * Branch if (a cond b), 12 bytes for any target: B-type branches reach
 * only +-4 KiB, so the inverted condition skips a `jump`, as Go's
 * assembler rewrites a conditional branch that is too far.
 */
export function branchCompare(cond: Cond, a: Reg, b: Reg, disp: number): Inst[] {
  const [op, rs1, rs2] = normalize(cond, checkReg(a), checkReg(b));
  const skip = INVERSE[op];
  const go = `B${skip.toUpperCase()} ${regName(rs1)}, ${regName(rs2)}, $12`;
  return [prog(go, [bType(BRANCH_F3[skip], rs1, rs2, 12)]), ...jump(disp - 4)];
}

/** Branch if r == 0; see `branchCompare`. */
export function branchIfZero(r: Reg, disp: number): Inst[] {
  return branchCompare("eq", r, REGZERO, disp);
}

/** Branch if r != 0; see `branchCompare`. */
export function branchIfNonZero(r: Reg, disp: number): Inst[] {
  return branchCompare("ne", r, REGZERO, disp);
}

// ---------------------------------------------------------------------------
// Calls, symbols, returns

/**
 * A direct call: AUIPC link, 0; JALR link, 0(link), one R_RISCV_CALL_PLT
 * (the psABI's name for what R_RISCV_CALL also meant) on the AUIPC, the
 * call's first byte, so seed 000's computeDeferReturn takes the
 * relocation offset unchanged. The link is X1, or X5 for the prologue's
 * morestack call. Go 1.19 itself emits a 4-byte `JAL X1, sym` with
 * R_RISCV_JAL and relies on linker trampolines past +-1 MiB; the pair
 * reaches +-2 GiB without them.
 */
export function call(sym: string, link: Reg = REGLR): Inst[] {
  checkReg(link);
  const text = link === REGLR ? `CALL ${sym}(SB)` : `JAL ${regName(link)}, ${sym}(SB)`;
  return [
    prog(text, [uType(AUIPC, link, 0), iType(JALR, 0, link, link, 0)], [{ off: 0, type: R_RISCV_CALL_PLT, typeName: "R_RISCV_CALL_PLT", sym, add: 0 }]),
  ];
}

/** Indirect call: JALR X1, 0(r). */
export function callReg(r: Reg): Inst[] {
  return [prog(`JALR ${regName(REGLR)}, (${regName(r)})`, [iType(JALR, 0, REGLR, checkReg(r), 0)])];
}

/** RET: JALR X0, 0(X1). */
export function ret(): Inst[] {
  return [prog("RET", [iType(JALR, 0, REGZERO, REGLR, 0)])];
}

/**
 * MOV $sym(SB), rd: AUIPC rd + ADDI rd, Go's PC-relative model, with
 * R_RISCV_PCREL_HI20 on the AUIPC and R_RISCV_PCREL_LO12_I on the ADDI.
 * In an ELF object the LO12 relocation's symbol is a label on the AUIPC
 * (4 bytes before it); here it names the same target and addend, which
 * the linker resolves against that AUIPC's pc.
 */
export function loadAddr(rd: Reg, sym: string, add = 0): Inst[] {
  checkReg(rd);
  return [
    prog(`MOV $${symText(sym, add)}, ${regName(rd)}`, [uType(AUIPC, rd, 0), addiWord(rd, rd, 0)], [
      { off: 0, type: R_RISCV_PCREL_HI20, typeName: "R_RISCV_PCREL_HI20", sym, add },
      { off: 4, type: R_RISCV_PCREL_LO12_I, typeName: "R_RISCV_PCREL_LO12_I", sym, add },
    ]),
  ];
}

/** The canonical no-op, ADDI $0, X0, X0 (Go's NOP pseudo-instruction emits nothing). */
export function nop(): Inst[] {
  return [prog("ADDI $0, X0, X0", [addiWord(REGZERO, REGZERO, 0)])];
}

/** EBREAK, which Go emits for UNDEF. */
export function trap(): Inst[] {
  return [prog("EBREAK", [0x00100073])];
}

// ---------------------------------------------------------------------------
// The link register and the frame

/** Go's prologue: X1 stored at the new frame's 0(SP), then SP lowered (`MOV X1, -168(SP)`; `ADDI $-168, SP, SP`). */
export function saveLR(frame: number): Inst[] {
  if (!Number.isInteger(frame) || frame <= 0 || frame % 8 !== 0) throw new RangeError(`riscv64: frame size ${frame}`);
  return [...store(8, REGLR, REGSP, -frame), ...addImm(REGSP, REGSP, -frame)];
}

/** Go's epilogue before RET: `MOV (SP), X1`; `ADDI $168, SP, SP`. */
export function restoreLR(frame: number): Inst[] {
  return [...load(8, false, REGLR, REGSP, 0), ...addImm(REGSP, REGSP, frame)];
}
