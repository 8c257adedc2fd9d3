// The x86 assembler shared by amd64 and 386, as Go's cmd/internal/obj/x86
// serves both: one function per instruction form, each returning the
// encoded instruction(s) with their Go-syntax text and relocations. The
// mode (64 or 32) decides REX prefixes, which registers exist, how a symbol's
// address is formed (RIP-relative on amd64, absolute on 386) and the ELF
// relocation types.

import type { Inst, InstReloc } from "../machine/inst.js";
import { bytesInst } from "../machine/encode.js";

/** A general register, numbered as in the instruction encoding (Go's REG_AX + n). */
export type Reg = number;

export const AX = 0;
export const CX = 1;
export const DX = 2;
export const BX = 3;
/** The hardware stack pointer. */
export const SP = 4;
/** The frame pointer Go maintains on amd64. */
export const BP = 5;
export const SI = 6;
export const DI = 7;
export const R8 = 8;
export const R9 = 9;
export const R10 = 10;
export const R11 = 11;
/** amd64: Go's prologue scratch register for the stack-bound check of large frames. */
export const R12 = 12;
export const R13 = 13;
/** amd64: the g register of Go's ABIInternal (the current goroutine). */
export const R14 = 14;
export const R15 = 15;

/** The closure context register: DX on both (Go's REGCTXT). */
export const REGCTXT = DX;

const REG_NAMES = ["AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"];
/** Go's names of the low byte of each register. */
const BYTE_REG_NAMES = ["AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB", "R8B", "R9B", "R10B", "R11B", "R12B", "R13B", "R14B", "R15B"];

export function regName(r: Reg): string {
  return REG_NAMES[r]!;
}

/** Operand width in bytes. */
export type Width = 1 | 2 | 4 | 8;

/** A memory operand `disp(base)`. */
export interface Mem {
  base: Reg;
  disp: number;
}

export function mem(base: Reg, disp = 0): Mem {
  return { base, disp };
}

/** Condition codes (the low nibble of Jcc/SETcc), with Go's suffixes. */
export const Cond = {
  CS: 0x2, // below (unsigned <)
  CC: 0x3, // above or equal (unsigned >=)
  EQ: 0x4,
  NE: 0x5,
  LS: 0x6, // below or equal (unsigned <=)
  HI: 0x7, // above (unsigned >)
  LT: 0xc,
  GE: 0xd,
  LE: 0xe,
  GT: 0xf,
} as const;
export type Cond = (typeof Cond)[keyof typeof Cond];

const COND_NAMES: Record<number, string> = { 2: "CS", 3: "CC", 4: "EQ", 5: "NE", 6: "LS", 7: "HI", 0xc: "LT", 0xd: "GE", 0xe: "LE", 0xf: "GT" };

/** The condition that holds exactly when `c` does not. */
export function invert(c: Cond): Cond {
  return (c ^ 1) as Cond;
}

/** Two-operand ALU operations sharing the 0x01..0x39 opcode pattern and the /n of 0x81/0x83. */
export const Alu = { ADD: 0, OR: 1, ADC: 2, SBB: 3, AND: 4, SUB: 5, XOR: 6, CMP: 7 } as const;
export type Alu = (typeof Alu)[keyof typeof Alu];

const ALU_NAMES = ["ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP"];

/** Shifts by CL: the /n of 0xD3. */
export const Shift = { SHL: 4, SHR: 5, SAR: 7 } as const;
export type Shift = (typeof Shift)[keyof typeof Shift];

const SHIFT_NAMES: Record<number, string> = { 4: "SHL", 5: "SHR", 7: "SAR" };

/** Go's size suffix of an operation on `w` bytes. */
function suffix(w: Width): string {
  return { 1: "B", 2: "W", 4: "L", 8: "Q" }[w];
}

function fitsInt8(v: number): boolean {
  return v >= -128 && v <= 127;
}

function fitsInt32(v: number | bigint): boolean {
  const b = BigInt(v);
  return b >= -(1n << 31n) && b < 1n << 31n;
}

function le32(v: number): number[] {
  const u = v >>> 0;
  return [u & 0xff, (u >>> 8) & 0xff, (u >>> 16) & 0xff, u >>> 24];
}

function le64(v: bigint): number[] {
  const u = BigInt.asUintN(64, v);
  return [...le32(Number(u & 0xffffffffn)), ...le32(Number(u >> 32n))];
}

function memText(m: Mem): string {
  return `${m.disp === 0 ? "" : m.disp}(${regName(m.base)})`;
}

function inst(bytes: number[], text: string, relocs?: InstReloc[]): Inst {
  return bytesInst(text, Uint8Array.from(bytes), relocs);
}

/** The r/m operand of a ModRM byte: a register, or memory at base+disp. */
type RM = { reg: Reg } | Mem;

function isMem(rm: RM): rm is Mem {
  return "base" in rm;
}

/** ELF relocation types of one mode. */
interface RelocTypes {
  /** A direct call's rel32. */
  call: [number, string];
  /** A symbol's address in an instruction (LEA). */
  addr: [number, string];
  /** The addend of a PC-relative rel32: the field ends the instruction. */
  pcrel: boolean;
}

const RELOCS_64: RelocTypes = { call: [4, "R_X86_64_PLT32"], addr: [2, "R_X86_64_PC32"], pcrel: true };
const RELOCS_32: RelocTypes = { call: [2, "R_386_PC32"], addr: [1, "R_386_32"], pcrel: false };

/** R_386_TLS_LE: the offset of a thread-local symbol from the thread pointer (Go's R_TLS_LE). */
const R_386_TLS_LE: [number, string] = [17, "R_386_TLS_LE"];

/** Where Go's 386 port keeps g: the thread-local runtime.tlsg. */
export const TLSG_SYM = "runtime.tlsg";

/** The assembler of one mode: `new X86(64)` for amd64, `new X86(32)` for 386. */
export class X86 {
  private readonly relocTypes: RelocTypes;

  constructor(readonly mode: 32 | 64) {
    this.relocTypes = mode === 64 ? RELOCS_64 : RELOCS_32;
  }

  /** The width of a pointer-sized operation. */
  get ptrWidth(): 4 | 8 {
    return this.mode === 64 ? 8 : 4;
  }

  // ---------------------------------------------------------------- encoding core

  private checkReg(r: Reg): void {
    if (!Number.isInteger(r) || r < 0 || r > (this.mode === 64 ? 15 : 7)) {
      throw new Error(`x86: register ${r} does not exist in ${this.mode}-bit mode`);
    }
  }

  private checkWidth(w: Width): void {
    if (w === 8 && this.mode === 32) throw new Error("x86: 8-byte operations need 64-bit mode");
  }

  /**
   * Prefixes, opcode, ModRM (with SIB and displacement) for `reg` and `rm`.
   * `byteRegs` lists register operands used as 8-bit registers: in 64-bit
   * mode SP..DI as bytes need a REX prefix (SPL..DIL, not AH..BH), and in
   * 32-bit mode only AL..BL exist.
   */
  private modrm(opts: { w: Width; op: number[]; reg: number; rm: RM; byteRegs?: Reg[] }): number[] {
    const { w, op, reg, rm } = opts;
    this.checkWidth(w);
    const out: number[] = [];
    if (w === 2) out.push(0x66);
    let rex = 0;
    if (w === 8) rex |= 0x48;
    if (reg >= 8) rex |= 0x44;
    const base = isMem(rm) ? rm.base : rm.reg;
    this.checkReg(base);
    if (base >= 8) rex |= 0x41;
    for (const r of opts.byteRegs ?? []) {
      if (r >= 4 && r < 8) {
        if (this.mode === 32) throw new Error(`x86: ${regName(r)} has no byte register in 32-bit mode`);
        rex |= 0x40;
      }
    }
    if (rex !== 0) {
      if (this.mode === 32) throw new Error("x86: registers R8-R15 need 64-bit mode");
      out.push(rex);
    }
    out.push(...op);
    const regBits = (reg & 7) << 3;
    if (!isMem(rm)) {
      out.push(0xc0 | regBits | (rm.reg & 7));
      return out;
    }
    const rmBits = base & 7;
    const needsSib = rmBits === 4;
    let mod: number;
    if (rm.disp === 0 && rmBits !== 5) mod = 0x00;
    else if (fitsInt8(rm.disp)) mod = 0x40;
    else if (fitsInt32(rm.disp)) mod = 0x80;
    else throw new Error(`x86: displacement ${rm.disp} does not fit 32 bits`);
    out.push(mod | regBits | rmBits);
    if (needsSib) out.push(0x24);
    if (mod === 0x40) out.push(rm.disp & 0xff);
    if (mod === 0x80) out.push(...le32(rm.disp));
    return out;
  }

  // ---------------------------------------------------------------- moves

  /** MOVQ/MOVL src, dst. */
  movRegReg(w: 4 | 8, dst: Reg, src: Reg): Inst {
    this.checkReg(src);
    return inst(this.modrm({ w, op: [0x89], reg: src, rm: { reg: dst } }), `MOV${suffix(w)} ${regName(src)}, ${regName(dst)}`);
  }

  /**
   * dst = value, in the shortest form: MOVL $imm32 (which zero-extends on
   * amd64) when the value fits 32 unsigned bits, a sign-extended MOVQ
   * $imm32, else MOVQ with a 64-bit immediate. `w` 4 truncates to 32 bits.
   */
  movConst(w: 4 | 8, dst: Reg, value: bigint | number): Inst {
    this.checkWidth(w);
    this.checkReg(dst);
    const v = w === 4 ? BigInt.asUintN(32, BigInt(value)) : BigInt.asIntN(64, BigInt(value));
    const rex = dst >= 8 ? [0x41] : [];
    if (v >= 0n && v <= 0xffffffffn) {
      const shown = w === 4 ? BigInt.asIntN(32, v) : v;
      return inst([...rex, 0xb8 + (dst & 7), ...le32(Number(v))], `MOVL $${shown}, ${regName(dst)}`);
    }
    if (fitsInt32(v)) {
      return inst(this.modrm({ w: 8, op: [0xc7], reg: 0, rm: { reg: dst } }).concat(le32(Number(v))), `MOVQ $${v}, ${regName(dst)}`);
    }
    return inst([0x48 | (dst >= 8 ? 1 : 0), 0xb8 + (dst & 7), ...le64(v)], `MOVQ $${v}, ${regName(dst)}`);
  }

  /**
   * dst = the `size`-byte value at m, sign- or zero-extended to `w` bytes
   * (MOVBLSX, MOVWQZX, MOVLQSX, MOVL, MOVQ, ...).
   */
  load(w: 4 | 8, size: Width, signed: boolean, dst: Reg, m: Mem): Inst {
    this.checkReg(dst);
    if (size > w) throw new Error(`x86: a ${size}-byte load into a ${w}-byte register`);
    if (size === w) return inst(this.modrm({ w, op: [0x8b], reg: dst, rm: m }), `MOV${suffix(w)} ${memText(m)}, ${regName(dst)}`);
    if (size === 4 || size === 8) {
      // MOVL zero-extends into the upper half; MOVLQSX is MOVSXD.
      if (!signed) return inst(this.modrm({ w: 4, op: [0x8b], reg: dst, rm: m }), `MOVL ${memText(m)}, ${regName(dst)}`);
      return inst(this.modrm({ w: 8, op: [0x63], reg: dst, rm: m }), `MOVLQSX ${memText(m)}, ${regName(dst)}`);
    }
    const op = (size === 1 ? 0xb6 : 0xb7) + (signed ? 8 : 0);
    return inst(this.modrm({ w, op: [0x0f, op], reg: dst, rm: m }), `${extendName(size, w, signed)} ${memText(m)}, ${regName(dst)}`);
  }

  /** The low `size` bytes of src to m: MOVB, MOVW, MOVL, MOVQ. */
  store(size: Width, m: Mem, src: Reg): Inst {
    this.checkReg(src);
    const op = size === 1 ? 0x88 : 0x89;
    const bytes = this.modrm({ w: size, op: [op], reg: src, rm: m, byteRegs: size === 1 ? [src] : [] });
    const name = size === 1 ? BYTE_REG_NAMES[src]! : regName(src);
    return inst(bytes, `MOV${suffix(size)} ${name}, ${memText(m)}`);
  }

  /** dst = the address m (LEAQ/LEAL). */
  lea(w: 4 | 8, dst: Reg, m: Mem): Inst {
    this.checkReg(dst);
    return inst(this.modrm({ w, op: [0x8d], reg: dst, rm: m }), `LEA${suffix(w)} ${memText(m)}, ${regName(dst)}`);
  }

  /**
   * dst = the address of sym+add: LEAQ sym(SB) RIP-relative on amd64
   * (R_X86_64_PC32), LEAL sym(SB) with an absolute address on 386 (R_386_32).
   */
  leaSym(dst: Reg, sym: string, add = 0): Inst {
    this.checkReg(dst);
    const w = this.ptrWidth;
    // ModRM mod=00 rm=101: RIP+disp32 in 64-bit mode, disp32 alone in 32-bit mode.
    const head = this.modrm({ w, op: [0x8d], reg: dst, rm: { reg: 0 } }).slice(0, -1);
    const modrmByte = ((dst & 7) << 3) | 0x05;
    const [type, typeName] = this.relocTypes.addr;
    const bytes = [...head, modrmByte, 0, 0, 0, 0];
    // A PC-relative field is measured from the end of the instruction, which it ends.
    const relocAdd = this.relocTypes.pcrel ? add - 4 : add;
    const shown = add === 0 ? sym : `${sym}+${add}`;
    return inst(bytes, `LEA${suffix(w)} ${shown}(SB), ${regName(dst)}`, [{ off: bytes.length - 4, type, typeName, sym, add: relocAdd }]);
  }

  /** Extends the low `from` bytes of src into dst (MOVBLZX, MOVWQSX, MOVLQSX, ...). */
  extend(w: 4 | 8, from: 1 | 2 | 4, signed: boolean, dst: Reg, src: Reg): Inst {
    this.checkReg(dst);
    this.checkReg(src);
    const srcName = from === 1 ? BYTE_REG_NAMES[src]! : regName(src);
    if (from === 4) {
      if (!signed) return inst(this.modrm({ w: 4, op: [0x89], reg: src, rm: { reg: dst } }), `MOVL ${regName(src)}, ${regName(dst)}`);
      if (w !== 8) throw new Error("x86: MOVLQSX needs an 8-byte destination");
      return inst(this.modrm({ w: 8, op: [0x63], reg: dst, rm: { reg: src } }), `MOVLQSX ${regName(src)}, ${regName(dst)}`);
    }
    const op = (from === 1 ? 0xb6 : 0xb7) + (signed ? 8 : 0);
    const bytes = this.modrm({ w, op: [0x0f, op], reg: dst, rm: { reg: src }, byteRegs: from === 1 ? [src] : [] });
    return inst(bytes, `${extendName(from, w, signed)} ${srcName}, ${regName(dst)}`);
  }

  // ---------------------------------------------------------------- arithmetic

  /** dst = dst OP src (ADDQ src, dst; for CMP: flags of dst - src, written `CMPQ dst, src`). */
  alu(op: Alu, w: 4 | 8, dst: Reg, src: Reg): Inst {
    this.checkReg(src);
    const bytes = this.modrm({ w, op: [op * 8 + 1], reg: src, rm: { reg: dst } });
    const name = `${ALU_NAMES[op]}${suffix(w)}`;
    return inst(bytes, op === Alu.CMP ? `${name} ${regName(dst)}, ${regName(src)}` : `${name} ${regName(src)}, ${regName(dst)}`);
  }

  /** dst = dst OP imm, with an 8-bit immediate when it fits (ADDQ $8, SP; CMPQ AX, $3). */
  aluImm(op: Alu, w: 4 | 8, dst: Reg, imm: number): Inst {
    if (!fitsInt32(imm)) throw new Error(`x86: immediate ${imm} does not fit 32 bits`);
    const short = fitsInt8(imm);
    const bytes = this.modrm({ w, op: [short ? 0x83 : 0x81], reg: op, rm: { reg: dst } });
    bytes.push(...(short ? [imm & 0xff] : le32(imm)));
    const name = `${ALU_NAMES[op]}${suffix(w)}`;
    return inst(bytes, op === Alu.CMP ? `${name} ${regName(dst)}, $${imm}` : `${name} $${imm}, ${regName(dst)}`);
  }

  /** Flags of reg - [m]: Go's `CMPQ SP, 16(R14)` of the stack-bound check. */
  cmpRegMem(w: 4 | 8, reg: Reg, m: Mem): Inst {
    this.checkReg(reg);
    return inst(this.modrm({ w, op: [0x3b], reg, rm: m }), `CMP${suffix(w)} ${regName(reg)}, ${memText(m)}`);
  }

  /** Flags of a AND b (TESTQ b, a). */
  test(w: 4 | 8, a: Reg, b: Reg): Inst {
    this.checkReg(b);
    return inst(this.modrm({ w, op: [0x85], reg: b, rm: { reg: a } }), `TEST${suffix(w)} ${regName(b)}, ${regName(a)}`);
  }

  /** Flags of r AND imm (TESTL $32, CX). */
  testImm(w: 4 | 8, r: Reg, imm: number): Inst {
    const bytes = this.modrm({ w, op: [0xf7], reg: 0, rm: { reg: r } }).concat(le32(imm));
    return inst(bytes, `TEST${suffix(w)} $${imm}, ${regName(r)}`);
  }

  /**
   * Flags of the low byte of r AND the byte at m: Go's nil check, a load
   * that faults on a nil pointer (TESTB AL, (AX)).
   */
  testByteMem(r: Reg, m: Mem): Inst {
    const bytes = this.modrm({ w: 1, op: [0x84], reg: r, rm: m, byteRegs: [r] });
    return inst(bytes, `TESTB ${BYTE_REG_NAMES[r]}, ${memText(m)}`);
  }

  /** dst = dst * src, low half (IMULQ src, dst). */
  imul(w: 4 | 8, dst: Reg, src: Reg): Inst {
    this.checkReg(dst);
    return inst(this.modrm({ w, op: [0x0f, 0xaf], reg: dst, rm: { reg: src } }), `IMUL${suffix(w)} ${regName(src)}, ${regName(dst)}`);
  }

  /** DX:AX = AX * src, unsigned and widening (MULL src). */
  mul(w: 4 | 8, src: Reg): Inst {
    return this.group3(w, 4, "MUL", src);
  }

  /** AX, DX = DX:AX / src, DX:AX % src, unsigned (DIVQ src). */
  div(w: 4 | 8, src: Reg): Inst {
    return this.group3(w, 6, "DIV", src);
  }

  /** As div, signed (IDIVQ src); AX must have been sign-extended into DX (CQO/CDQ). */
  idiv(w: 4 | 8, src: Reg): Inst {
    return this.group3(w, 7, "IDIV", src);
  }

  neg(w: 4 | 8, r: Reg): Inst {
    return this.group3(w, 3, "NEG", r);
  }

  not(w: 4 | 8, r: Reg): Inst {
    return this.group3(w, 2, "NOT", r);
  }

  private group3(w: 4 | 8, n: number, name: string, r: Reg): Inst {
    return inst(this.modrm({ w, op: [0xf7], reg: n, rm: { reg: r } }), `${name}${suffix(w)} ${regName(r)}`);
  }

  /** Sign-extends AX into DX before a signed divide: CQO (8 bytes), CDQ (4 bytes). */
  signExtendAX(w: 4 | 8): Inst {
    this.checkWidth(w);
    return w === 8 ? inst([0x48, 0x99], "CQO") : inst([0x99], "CDQ");
  }

  /** dst = dst shifted by CL (SHLQ CX, dst): the count is taken modulo the width. */
  shift(op: Shift, w: 4 | 8, dst: Reg): Inst {
    return inst(this.modrm({ w, op: [0xd3], reg: op, rm: { reg: dst } }), `${SHIFT_NAMES[op]}${suffix(w)} CX, ${regName(dst)}`);
  }

  /** dst = dst shifted by a constant count (SARL $31, DX). */
  shiftImm(op: Shift, w: 4 | 8, dst: Reg, count: number): Inst {
    const bytes = this.modrm({ w, op: [0xc1], reg: op, rm: { reg: dst } }).concat([count & 0xff]);
    return inst(bytes, `${SHIFT_NAMES[op]}${suffix(w)} $${count}, ${regName(dst)}`);
  }

  /** dst = dst << CL | src >> (32-CL): SHLD, written `SHLL CX, src, dst`. */
  shld(w: 4 | 8, dst: Reg, src: Reg): Inst {
    this.checkReg(src);
    return inst(this.modrm({ w, op: [0x0f, 0xa5], reg: src, rm: { reg: dst } }), `SHL${suffix(w)} CX, ${regName(src)}, ${regName(dst)}`);
  }

  /** dst = dst >> CL | src << (32-CL): SHRD, written `SHRL CX, src, dst`. */
  shrd(w: 4 | 8, dst: Reg, src: Reg): Inst {
    this.checkReg(src);
    return inst(this.modrm({ w, op: [0x0f, 0xad], reg: src, rm: { reg: dst } }), `SHR${suffix(w)} CX, ${regName(src)}, ${regName(dst)}`);
  }

  /** The low byte of dst = 1 if the condition holds, else 0 (SETEQ AL). */
  setcc(c: Cond, dst: Reg): Inst {
    const bytes = this.modrm({ w: 4, op: [0x0f, 0x90 + c], reg: 0, rm: { reg: dst }, byteRegs: [dst] });
    return inst(bytes, `SET${COND_NAMES[c]} ${BYTE_REG_NAMES[dst]}`);
  }

  /** Stores AL to CX bytes from DI on (REP; STOSB): zeroes memory when AL is 0. */
  repStosb(): Inst {
    return inst([0xf3, 0xaa], "REP; STOSB");
  }

  /** Copies CX bytes from SI to DI, forwards (REP; MOVSB). */
  repMovsb(): Inst {
    return inst([0xf3, 0xa4], "REP; MOVSB");
  }

  // ---------------------------------------------------------------- control flow

  /**
   * JMP to `disp` bytes from this instruction's first byte, always the
   * 5-byte rel32 form so the size does not depend on the distance.
   */
  jmp(disp: number): Inst {
    return inst([0xe9, ...le32(disp - 5)], `JMP ${relText(disp)}`);
  }

  /** Jcc to `disp` bytes from its first byte, always the 6-byte rel32 form. */
  jcc(c: Cond, disp: number): Inst {
    return inst([0x0f, 0x80 + c, ...le32(disp - 6)], `J${COND_NAMES[c]} ${relText(disp)}`);
  }

  /** Branches if r == 0 (TEST + JEQ); `disp` is from the first byte of the sequence. */
  branchIfZero(w: 4 | 8, r: Reg, disp: number): Inst[] {
    return this.testAndBranch(w, r, Cond.EQ, disp);
  }

  /** Branches if r != 0 (TEST + JNE); `disp` is from the first byte of the sequence. */
  branchIfNonZero(w: 4 | 8, r: Reg, disp: number): Inst[] {
    return this.testAndBranch(w, r, Cond.NE, disp);
  }

  private testAndBranch(w: 4 | 8, r: Reg, c: Cond, disp: number): Inst[] {
    const t = this.test(w, r, r);
    return [t, this.jcc(c, disp - t.bytes.length)];
  }

  /**
   * CALL sym(SB), rel32. The relocation starts 1 byte into the instruction,
   * which is why seed 000's computeDeferReturn subtracts 1 on amd64 and 386.
   * 386 objects use REL relocations: the -4 addend then lives in the field.
   */
  call(sym: string): Inst {
    const [type, typeName] = this.relocTypes.call;
    const bytes = [0xe8, ...(this.mode === 32 ? le32(-4) : [0, 0, 0, 0])];
    return inst(bytes, `CALL ${sym}(SB)`, [{ off: 1, type, typeName, sym, add: -4 }]);
  }

  /** CALL r: an indirect call through a register. */
  callReg(r: Reg): Inst {
    return inst(this.modrm({ w: 4, op: [0xff], reg: 2, rm: { reg: r } }), `CALL ${regName(r)}`);
  }

  ret(): Inst {
    return inst([0xc3], "RET");
  }

  nop(): Inst {
    return inst([0x90], "NOP");
  }

  /** UD2: always traps; ends code that must not be reached. */
  ud2(): Inst {
    return inst([0x0f, 0x0b], "UD2");
  }

  /** INT3: one byte that traps, what Go pads between functions with. */
  int3(): Inst {
    return inst([0xcc], "INT $3");
  }

  // ---------------------------------------------------------------- g on 386

  /**
   * dst = g on 386, Go's `MOVL (TLS), CX` in two instructions: the thread
   * pointer from GS:0, then g at runtime.tlsg's (negative) offset from it
   * with an R_386_TLS_LE relocation, as Go's linker emits for ELF.
   */
  loadTLSG(dst: Reg): Inst[] {
    if (this.mode !== 32) throw new Error("x86: g lives in R14 on amd64, not in TLS");
    this.checkReg(dst);
    const tp = inst([0x65, 0x8b, ((dst & 7) << 3) | 0x05, 0, 0, 0, 0], `MOVL TLS, ${regName(dst)}`);
    const [type, typeName] = R_386_TLS_LE;
    const gBytes = [0x8b, 0x80 | ((dst & 7) << 3) | (dst & 7), 0, 0, 0, 0];
    const g = inst(gBytes, `MOVL (${regName(dst)})(TLS*2), ${regName(dst)}`, [{ off: 2, type, typeName, sym: TLSG_SYM, add: 0 }]);
    return [tp, g];
  }
}

/** Go's name of a byte or halfword extension: MOVBLZX, MOVWQSX, ... */
function extendName(from: 1 | 2, w: 4 | 8, signed: boolean): string {
  return `MOV${suffix(from)}${suffix(w)}${signed ? "SX" : "ZX"}`;
}

/** A branch target as an offset from the branch: `.+0x1c`, `.-0x20`. */
function relText(disp: number): string {
  return disp < 0 ? `.-0x${(-disp).toString(16)}` : `.+0x${disp.toString(16)}`;
}

export const amd64Asm = new X86(64);
export const i386Asm = new X86(32);
