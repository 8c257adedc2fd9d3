// GOARCH=mips encoder (arch/mips/asm.ts) against GNU objdump (mips:isa32,
// big-endian) and Go's assembler.

import { describe, expect, it } from "vitest";
import { mips as m, REGCTXT, REGG, REGLINK, REGMORESTACKLR, REGRT1, REGSP, REGTMP, R_MIPS_26, R_MIPS_HI16, R_MIPS_LO16 } from "../../arch/mips/asm.js";
import { c, runCases } from "./mips.harness.js";

const cases = [
  // Constants: Go's forms, shortest first.
  c("MOVW $0 (OR R0)", m.movConst(4, 0), ["move a0,zero"]),
  c("MOVW $5", m.movConst(4, 5), ["li a0,5"]),
  c("MOVW $-32768", m.movConst(4, -32768), ["li a0,-32768"]),
  c("MOVW $32767", m.movConst(4, 32767), ["li a0,32767"]),
  c("MOVW $32768 (ORI)", m.movConst(4, 32768), ["li a0,0x8000"]),
  c("MOVW $65535", m.movConst(4, 65535), ["li a0,0xffff"]),
  c("MOVW $65536 (LUI)", m.movConst(4, 65536), ["lui a0,0x1"]),
  c("MOVW $0x12345678", m.movConst(4, 0x12345678), ["lui a0,0x1234", "ori a0,a0,0x5678"]),
  c("MOVW $-1 from 0xffffffff", m.movConst(25, 0xffffffff), ["li t9,-1"]),
  c("MOVW $MinInt32", m.movConst(4, 0x80000000), ["lui a0,0x8000"]),
  c("MOVW $-74565", m.movConst(31, -74565), ["lui ra,0xfffe", "ori ra,ra,0xdcbb"]),

  // Moves and address loads.
  c("MOVW R31, R3", m.mov(REGMORESTACKLR, REGLINK), ["or v1,zero,ra"]),
  c("MOVW R2, R25", m.mov(25, 2), ["or t9,zero,v0"]),
  c("MOVW $main.x+8(SB)", m.movAddr(4, "main.x", 8), ["lui a0,0x0", "addiu a0,a0,0"], true, {
    relocs: [
      [0, R_MIPS_HI16, "R_MIPS_HI16", "main.x", 8],
      [4, R_MIPS_LO16, "R_MIPS_LO16", "main.x", 8],
    ],
  }),
  c("MOVW $runtime.deferreturn(SB), R22", m.movAddr(REGCTXT, "runtime.deferreturn"), ["lui s6,0x0", "addiu s6,s6,0"], true, {
    relocs: [
      [0, R_MIPS_HI16, "R_MIPS_HI16", "runtime.deferreturn", 0],
      [4, R_MIPS_LO16, "R_MIPS_LO16", "runtime.deferreturn", 0],
    ],
  }),

  // Loads: both extensions, negative and REGTMP displacements (Go's BIG is 32766).
  c("MOVW 8(R29), R4", m.load("W", 4, REGSP, 8), ["lw a0,8(sp)"]),
  c("MOVW (R29), R31", m.load("W", REGLINK, REGSP, 0), ["lw ra,0(sp)"]),
  c("MOVW 8(g), R1", m.load("W", REGRT1, REGG, 8), ["lw at,8(s8)"]),
  c("MOVB -1(R4), R5", m.load("B", 5, 4, -1), ["lb a1,-1(a0)"]),
  c("MOVBU -32766(R29), R4", m.load("BU", 4, REGSP, -32766), ["lbu a0,-32766(sp)"]),
  c("MOVH 32765(R29), R4", m.load("H", 4, REGSP, 32765), ["lh a0,32765(sp)"]),
  c("MOVHU 2(R31), R30", m.load("HU", REGG, REGLINK, 2), ["lhu s8,2(ra)"]),
  c("MOVH 32766(R29), R4 (REGTMP)", m.load("H", 4, REGSP, 32766), ["lui s7,0x0", "addu s7,s7,sp", "lh a0,32766(s7)"]),
  c("MOVB -40000(g), R5 (REGTMP)", m.load("B", 5, REGG, -40000), ["lui s7,0xffff", "addu s7,s7,s8", "lb a1,25536(s7)"]),
  c("MOVW 0x7fff0000(R29), R23", m.load("W", REGTMP, REGSP, 0x7fff0000), ["lui s7,0x7fff", "addu s7,s7,sp", "lw s7,0(s7)"]),
  c("MOVW -32767(R29), R4 (REGTMP)", m.load("W", 4, REGSP, -32767), ["lui s7,0x0", "addu s7,s7,sp", "lw a0,-32767(s7)"]),

  // Stores.
  c("MOVW R31, -64(R29)", m.store("W", REGLINK, REGSP, -64), ["sw ra,-64(sp)"]),
  c("MOVB R4, 1(R29)", m.store("B", 4, REGSP, 1), ["sb a0,1(sp)"]),
  c("MOVH R0, (R22)", m.store("H", 0, REGCTXT, 0), ["sh zero,0(s6)"]),
  c("MOVH R4, 0x12345678(R29) (REGTMP)", m.store("H", 4, REGSP, 0x12345678), ["lui s7,0x1234", "addu s7,s7,sp", "sh a0,22136(s7)"]),
  c("MOVW R5, -0x80000000(R4) (REGTMP)", m.store("W", 5, 4, -0x80000000), ["lui s7,0x8000", "addu s7,s7,a0", "sw a1,0(s7)"]),

  // Immediates.
  c("ADDU $-64, R29", m.addImm(REGSP, REGSP, -64), ["addiu sp,sp,-64"]),
  c("ADDU $32767, R4, R5", m.addImm(5, 4, 32767), ["addiu a1,a0,32767"]),
  c("ADDU $40000 (ORI REGTMP)", m.addImm(4, 5, 40000), ["li s7,0x9c40", "addu a0,a1,s7"]),
  c("ADDU $65536 (LUI REGTMP)", m.addImm(4, 5, 0x10000), ["lui s7,0x1", "addu a0,a1,s7"]),
  c("ADDU $-74565 (LUI+ORI REGTMP)", m.addImm(4, 5, -74565), ["lui s7,0xfffe", "ori s7,s7,0xdcbb", "addu a0,a1,s7"]),
  c("AND $255", m.andImm(4, 5, 255), ["andi a0,a1,0xff"]),
  c("AND $65535", m.andImm(4, 5, 65535), ["andi a0,a1,0xffff"]),
  c("AND $-4 (ADDIU REGTMP)", m.andImm(4, 5, -4), ["li s7,-4", "and a0,a1,s7"]),
  c("OR $1, R4", m.orImm(4, 4, 1), ["ori a0,a0,0x1"]),
  c("OR $0x10000", m.orImm(4, 5, 0x10000), ["lui s7,0x1", "or a0,a1,s7"]),
  c("XOR $1, R4", m.xorImm(4, 4, 1), ["xori a0,a0,0x1"]),
  c("XOR $0x12345678", m.xorImm(4, 5, 0x12345678), ["lui s7,0x1234", "ori s7,s7,0x5678", "xor a0,a1,s7"]),
  c("SGTU $1, R4, R5", m.sgtuImm(5, 1, 4), ["sltiu a1,a0,1"]),
  c("SGTU $100000, R29, R2", m.sgtuImm(2, 100000, REGSP), ["lui s7,0x1", "ori s7,s7,0x86a0", "sltu v0,sp,s7"]),

  // Register-register ALU.
  c("ADDU", m.addu(2, 3, 4), ["addu v0,v1,a0"]),
  c("SUBU", m.subu(2, 3, 4), ["subu v0,v1,a0"]),
  c("AND", m.and(2, 3, 4), ["and v0,v1,a0"]),
  c("OR", m.or(31, 30, 29), ["or ra,s8,sp"]),
  c("XOR", m.xor(2, 3, 4), ["xor v0,v1,a0"]),
  c("NOR", m.nor(2, 3, 4), ["nor v0,v1,a0"]),
  c("not", m.not(2, 3), ["nor v0,v1,zero"]),
  c("andNot", m.andNot(2, 3, 4), ["nor s7,a0,zero", "and v0,v1,s7"]),
  c("NEGW", m.negw(2, 3), ["negu v0,v1"]),
  c("SLL by register", m.sll(2, 3, 4), ["sllv v0,v1,a0"]),
  c("SRL by register", m.srl(2, 3, 4), ["srlv v0,v1,a0"]),
  c("SRA by register", m.sra(2, 3, 4), ["srav v0,v1,a0"]),
  c("SGT", m.sgt(2, 3, 4), ["slt v0,a0,v1"]),
  c("SGTU R29, R1, R1 (stack check)", m.sgtu(REGRT1, REGSP, REGRT1), ["sltu at,at,sp"]),
  c("MUL (three operands)", m.mul(2, 3, 4), ["mul v0,v1,a0"]),
  c("mulWide", m.mulWide(5, 6, 3, 4), ["mult v1,a0", "mfhi a1", "mflo a2"]),
  c("mulWideU", m.mulWideU(5, 6, 3, 4), ["multu v1,a0", "mfhi a1", "mflo a2"]),
  c("div", m.div(2, 3, 4), ["div zero,v1,a0", "mflo v0"]),
  c("divu", m.divu(2, 3, 4), ["divu zero,v1,a0", "mflo v0"]),
  c("rem", m.rem(2, 3, 4), ["div zero,v1,a0", "mfhi v0"]),
  c("remu", m.remu(2, 3, 4), ["divu zero,v1,a0", "mfhi v0"]),

  // Register pairs: carry and borrow with SLTU.
  c("addCarry", m.addCarry(2, 5, 3, 4), ["addu v0,v1,a0", "sltu a1,v0,v1"]),
  c("addCarry in place", m.addCarry(3, 5, 3, 4), ["addu v1,v1,a0", "sltu a1,v1,a0"]),
  c("addCarry doubling", m.addCarry(3, 5, 3, 3), ["srl a1,v1,0x1f", "addu v1,v1,v1"]),
  c("subBorrow", m.subBorrow(2, 5, 3, 4), ["sltu a1,v1,a0", "subu v0,v1,a0"]),

  // Compare-and-set.
  c("setCond eq", m.setCond("eq", 2, 3, 4), ["xor v0,v1,a0", "sltiu v0,v0,1"]),
  c("setCond ne", m.setCond("ne", 2, 3, 4), ["xor v0,v1,a0", "sltu v0,zero,v0"]),
  c("setCond lt", m.setCond("lt", 2, 3, 4), ["slt v0,v1,a0"]),
  c("setCond le", m.setCond("le", 2, 3, 4), ["slt v0,a0,v1", "xori v0,v0,0x1"]),
  c("setCond gt", m.setCond("gt", 2, 3, 4), ["slt v0,a0,v1"]),
  c("setCond ge", m.setCond("ge", 2, 3, 4), ["slt v0,v1,a0", "xori v0,v0,0x1"]),
  c("setCond ltu", m.setCond("ltu", 2, 3, 4), ["sltu v0,v1,a0"]),
  c("setCond leu", m.setCond("leu", 2, 3, 4), ["sltu v0,a0,v1", "xori v0,v0,0x1"]),
  c("setCond gtu", m.setCond("gtu", 2, 3, 4), ["sltu v0,a0,v1"]),
  c("setCond geu (rd = a)", m.setCond("geu", 3, 3, 4), ["sltu v1,v1,a0", "xori v1,v1,0x1"]),

  // Extensions.
  c("MOVB R3, R2", m.extend("B", 2, 3), ["sll v0,v1,0x18", "sra v0,v0,0x18"]),
  c("MOVBU R3, R2", m.extend("BU", 2, 3), ["andi v0,v1,0xff"]),
  c("MOVH R3, R2", m.extend("H", 2, 3), ["sll v0,v1,0x10", "sra v0,v0,0x10"]),
  c("MOVHU R3, R2", m.extend("HU", 2, 3), ["andi v0,v1,0xffff"]),

  // Control flow. Go counts n(PC) in source lines and inserts each delay
  // slot itself, so branches name their Go source explicitly.
  c("NOOP", m.nop(), ["nop"]),
  c("UNDEF", m.undef(), ["teq zero,zero"]),
  c("JMP forward", m.jmp(16), ["b 0x10", "nop"], ["JMP 3(PC)", "NOOP", "NOOP", "NOOP"]),
  c("JMP backward", m.jmp(-8), ["b 0xfffffff8", "nop"], ["NOOP", "NOOP", "JMP -2(PC)"], { goAt: 8 }),
  c("BEQ R4 forward", m.beqz(4, 12), ["beqz a0,0xc", "nop"], ["BEQ R4, 2(PC)", "NOOP", "NOOP"]),
  c("BNE R1 (stack check)", m.bnez(REGRT1, 36), ["bnez at,0x24", "nop"], ["BNE R1, 8(PC)", "NOOP", "NOOP", "NOOP", "NOOP", "NOOP", "NOOP", "NOOP", "NOOP"]),
  c("BNE R1 backward", m.bnez(REGRT1, -4), ["bnez at,0xfffffffc", "nop"], ["NOOP", "BNE R1, -1(PC)"], { goAt: 4 }),
  c("BNE R0, R1 (return1's test of deferproc's result)", m.bne(0, REGRT1, 12), ["bne zero,at,0xc", "nop"], ["BNE R0, R1, 2(PC)", "NOOP", "NOOP"]),
  c("BEQ +128KiB", m.beqz(4, 131072), ["beqz a0,0x20000", "nop"], "the target lies outside the function"),
  c("BNE -128KiB+4", m.bnez(31, -131068), ["bnez ra,0xfffe0004", "nop"], "the target lies outside the function"),
  c("JMP far (J, R_MIPS_26)", m.jmpFar("main.f", 0x100000), ["j 0x0", "nop"], true, {
    relocs: [[0, R_MIPS_26, "R_MIPS_26", "main.f", 0x100000]],
  }),
  c("beqzFar", m.beqzFar(4, "main.f", 64), ["bnez a0,0x10", "nop", "j 0x0", "nop"], "Go fills J's field with its own pc until linked", {
    relocs: [[8, R_MIPS_26, "R_MIPS_26", "main.f", 64]],
  }),
  c("bnezFar", m.bnezFar(4, "main.f", 0), ["beqz a0,0x10", "nop", "j 0x0", "nop"], "Go fills J's field with its own pc until linked", {
    relocs: [[8, R_MIPS_26, "R_MIPS_26", "main.f", 0]],
  }),
  c("CALL runtime.deferreturn(SB)", m.call("runtime.deferreturn"), ["jal 0x0", "nop"], true, {
    relocs: [[0, R_MIPS_26, "R_MIPS_26", "runtime.deferreturn", 0]],
  }),
  c("CALL runtime.morestack_noctxt(SB)", m.call("runtime.morestack_noctxt"), ["jal 0x0", "nop"], true, {
    relocs: [[0, R_MIPS_26, "R_MIPS_26", "runtime.morestack_noctxt", 0]],
  }),
  c("CALL (R22)", m.callReg(REGCTXT), ["jalr s6", "nop"]),
  c("JMP (R31)", m.ret(), ["jr ra", "nop"]),

  // Frames, as Go's prologue and epilogue write them.
  c("saveLR 64", m.saveLR(64), ["sw ra,-64(sp)", "addiu sp,sp,-64", "sw ra,0(sp)"]),
  c("restoreLR 64", m.restoreLR(64), ["lw ra,0(sp)", "addiu sp,sp,64"]),
  c("saveLR 40000", m.saveLR(40000), [
    "lui s7,0xffff", "addu s7,s7,sp", "sw ra,25536(s7)", "lui s7,0xffff", "ori s7,s7,0x63c0", "addu sp,sp,s7", "sw ra,0(sp)",
  ]),
  c("adjustSP", m.adjustSP(4), ["addiu sp,sp,4"]),
  c("addSP (the stack check's SP less a large frame)", m.addSP(2, -276), ["addiu v0,sp,-276"]),
  c("addSP -40000 (REGTMP)", m.addSP(2, -40000), ["lui s7,0xffff", "ori s7,s7,0x63c0", "addu v0,sp,s7"]),
];

runCases("mips", "mips:isa32", cases);

describe("mips encoder limits", () => {
  it("rejects what the form cannot encode", () => {
    expect(() => m.beqz(4, 131076)).toThrow(RangeError);
    expect(() => m.jmp(-131072)).toThrow(RangeError);
    expect(() => m.jmp(6)).toThrow(RangeError);
    expect(() => m.load("V", 4, REGSP, 0)).toThrow(RangeError);
    expect(() => m.load("WU", 4, REGSP, 0)).toThrow(RangeError);
    expect(() => m.extend("W", 4, 5)).toThrow(RangeError);
    expect(() => m.movConst(4, 0x100000000)).toThrow(RangeError);
    expect(() => m.load("W", 4, REGTMP, 40000)).toThrow(RangeError);
    expect(() => m.store("W", REGTMP, REGSP, 40000)).toThrow(RangeError);
    expect(() => m.addImm(4, REGTMP, 40000)).toThrow(RangeError);
    expect(() => m.subBorrow(2, 3, 3, 4)).toThrow(RangeError);
    expect(() => m.mov(32, 1)).toThrow(RangeError);
  });

  it("keeps branch sequences the same size at any displacement", () => {
    for (const d of [4, -131068, 131072]) {
      expect(m.jmp(d).length + m.beqz(4, d).length + m.bnez(4, d).length).toBe(6);
    }
    expect(m.beqzFar(4, "main.f", 0).reduce((n, x) => n + x.bytes.length, 0)).toBe(16);
  });
});
