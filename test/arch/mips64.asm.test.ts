// GOARCH=mips64 encoder (arch/mips64/asm.ts, the 64-bit member of
// arch/mips/asm.ts) against GNU objdump (mips:isa64r2, big-endian) and Go's
// assembler. The forms it shares with mips are covered in mips.asm.test.ts;
// here are the 64-bit ones and those whose encoding depends on the width.

import { describe, expect, it } from "vitest";
import { mips64 as d, REGCTXT, REGG, REGLINK, REGMORESTACKLR, REGRT1, REGSP, REGTMP, R_MIPS_26, R_MIPS_HI16, R_MIPS_LO16 } from "../../arch/mips64/asm.js";
import { c, runCases } from "./mips.harness.js";

const cases = [
  // Constants: int32 ones as Go writes them (DADDIU at this width), wider
  // ones built from their high part with SLLV/OR.
  c("MOVV $0", d.movConst(4, 0), ["move a0,zero"]),
  c("MOVV $5 (DADDIU)", d.movConst(4, 5), ["daddiu a0,zero,5"]),
  c("MOVV $-1", d.movConst(4, -1), ["daddiu a0,zero,-1"]),
  c("MOVV $40000 (ORI)", d.movConst(4, 40000), ["li a0,0x9c40"]),
  c("MOVV $0x7fff0000 (LUI)", d.movConst(4, 0x7fff0000), ["lui a0,0x7fff"]),
  c("MOVV $MaxInt32", d.movConst(4, 0x7fffffff), ["lui a0,0x7fff", "ori a0,a0,0xffff"]),
  c("MOVV $MinInt32", d.movConst(4, -0x80000000), ["lui a0,0x8000"]),
  c("MOVV $0x80000000", d.movConst(4, 0x80000000), ["li a0,0x8000", "dsll a0,a0,0x10"]),
  c("MOVV $0xffffffff", d.movConst(4, 0xffffffff), ["li a0,0xffff", "dsll a0,a0,0x10", "ori a0,a0,0xffff"]),
  c("MOVV 48-bit", d.movConst(4, 0x123456789abcn), ["lui a0,0x1234", "ori a0,a0,0x5678", "dsll a0,a0,0x10", "ori a0,a0,0x9abc"]),
  c("MOVV negative 48-bit", d.movConst(4, -0x123456789n), ["lui a0,0xfffe", "ori a0,a0,0xdcba", "dsll a0,a0,0x10", "ori a0,a0,0x9877"]),
  c("MOVV 64-bit", d.movConst(25, 0x123456789abcdef0n), [
    "lui t9,0x1234", "ori t9,t9,0x5678", "dsll t9,t9,0x10", "ori t9,t9,0x9abc", "dsll t9,t9,0x10", "ori t9,t9,0xdef0",
  ]),
  c("MOVV zero middle", d.movConst(4, 0x1234000000005678n), ["lui a0,0x1234", "dsll32 a0,a0,0x0", "ori a0,a0,0x5678"]),
  c("MOVV $MinInt64", d.movConst(4, -(2n ** 63n)), ["lui a0,0x8000", "dsll32 a0,a0,0x0"]),
  c("MOVV $MaxInt64", d.movConst(4, 2n ** 63n - 1n), [
    "lui a0,0x7fff", "ori a0,a0,0xffff", "dsll a0,a0,0x10", "ori a0,a0,0xffff", "dsll a0,a0,0x10", "ori a0,a0,0xffff",
  ]),
  c("MOVV $2^64-2 is -2", d.movConst(4, 2n ** 64n - 2n), ["daddiu a0,zero,-2"]),

  // Moves and the address load (LUI, DADDU of the zero REGSB, DADDIU).
  c("MOVV R31, R3", d.mov(REGMORESTACKLR, REGLINK), ["or v1,zero,ra"]),
  c("MOVV $main.x(SB)", d.movAddr(4, "main.x"), ["lui a0,0x0", "daddu a0,a0,gp", "daddiu a0,a0,0"], true, {
    relocs: [
      [0, R_MIPS_HI16, "R_MIPS_HI16", "main.x", 0],
      [8, R_MIPS_LO16, "R_MIPS_LO16", "main.x", 0],
    ],
  }),
  c("MOVV $main.f-16(SB), R22", d.movAddr(REGCTXT, "main.f", -16), ["lui s6,0x0", "daddu s6,s6,gp", "daddiu s6,s6,0"], true, {
    relocs: [
      [0, R_MIPS_HI16, "R_MIPS_HI16", "main.f", -16],
      [8, R_MIPS_LO16, "R_MIPS_LO16", "main.f", -16],
    ],
  }),

  // Loads and stores at every width; REGTMP displacements add with DADDU.
  c("MOVV 16(g), R1", d.load("V", REGRT1, REGG, 16), ["ld at,16(s8)"]),
  c("MOVV (R29), R31", d.load("V", REGLINK, REGSP, 0), ["ld ra,0(sp)"]),
  c("MOVW -8(R29), R4", d.load("W", 4, REGSP, -8), ["lw a0,-8(sp)"]),
  c("MOVWU 8(R29), R4", d.load("WU", 4, REGSP, 8), ["lwu a0,8(sp)"]),
  c("MOVHU 6(R4), R5", d.load("HU", 5, 4, 6), ["lhu a1,6(a0)"]),
  c("MOVB -32766(R29), R4", d.load("B", 4, REGSP, -32766), ["lb a0,-32766(sp)"]),
  c("MOVV 100000(R29), R4 (REGTMP)", d.load("V", 4, REGSP, 100000), ["lui s7,0x2", "daddu s7,s7,sp", "ld a0,-31072(s7)"]),
  c("MOVWU -100000(R29), R4 (REGTMP)", d.load("WU", 4, REGSP, -100000), ["lui s7,0xfffe", "daddu s7,s7,sp", "lwu a0,31072(s7)"]),
  c("MOVV R31, -24(R29)", d.store("V", REGLINK, REGSP, -24), ["sd ra,-24(sp)"]),
  c("MOVW R4, 4(R29)", d.store("W", 4, REGSP, 4), ["sw a0,4(sp)"]),
  c("MOVV R4, 40000(R29) (REGTMP)", d.store("V", 4, REGSP, 40000), ["lui s7,0x1", "daddu s7,s7,sp", "sd a0,-25536(s7)"]),

  // Immediate arithmetic at pointer width, up to 64 bits.
  c("ADDVU $-8", d.addImm(4, 5, -8), ["daddiu a0,a1,-8"]),
  c("ADDVU $40000 (ORI REGTMP)", d.addImm(4, 5, 40000), ["li s7,0x9c40", "daddu a0,a1,s7"]),
  c("ADDVU $0x12345678 (LUI+ORI REGTMP)", d.addImm(4, 5, 0x12345678), ["lui s7,0x1234", "ori s7,s7,0x5678", "daddu a0,a1,s7"]),
  c("ADDVU $2^32 (built in REGTMP)", d.addImm(4, 5, 0x100000000n), ["lui s7,0x1", "dsll s7,s7,0x10", "daddu a0,a1,s7"]),
  c("AND $2^40 (built in REGTMP)", d.andImm(4, 5, 2 ** 40), ["lui s7,0x100", "dsll s7,s7,0x10", "and a0,a1,s7"]),
  c("SGTU $100000, R29, R2", d.sgtuImm(2, 100000, REGSP), ["lui s7,0x1", "ori s7,s7,0x86a0", "sltu v0,sp,s7"]),

  // 64-bit ALU.
  c("ADDVU", d.addvu(2, 3, 4), ["daddu v0,v1,a0"]),
  c("SUBVU", d.subvu(2, 3, 4), ["dsubu v0,v1,a0"]),
  c("NEGV", d.negv(2, 3), ["dnegu v0,v1"]),
  c("SLLV by register", d.sllv(2, 3, 4), ["dsllv v0,v1,a0"]),
  c("SRLV by register", d.srlv(2, 3, 4), ["dsrlv v0,v1,a0"]),
  c("SRAV by register", d.srav(31, 30, 29), ["dsrav ra,s8,sp"]),
  c("mulv", d.mulv(2, 3, 4), ["dmult v1,a0", "mflo v0"]),
  c("divv", d.divv(2, 3, 4), ["ddiv zero,v1,a0", "mflo v0"]),
  c("divvu", d.divvu(2, 3, 4), ["ddivu zero,v1,a0", "mflo v0"]),
  c("remv", d.remv(2, 3, 4), ["ddiv zero,v1,a0", "mfhi v0"]),
  c("remvu", d.remvu(2, 3, 4), ["ddivu zero,v1,a0", "mfhi v0"]),
  // 32-bit forms at this width (HI/LO read with MOVV).
  c("ADDU", d.addu(2, 3, 4), ["addu v0,v1,a0"]),
  c("div (32-bit)", d.div(2, 3, 4), ["div zero,v1,a0", "mflo v0"]),
  c("remu (32-bit)", d.remu(2, 3, 4), ["divu zero,v1,a0", "mfhi v0"]),
  c("setCond ltu", d.setCond("ltu", 2, 3, 4), ["sltu v0,v1,a0"]),
  c("setCond eq", d.setCond("eq", 2, 3, 4), ["xor v0,v1,a0", "sltiu v0,v0,1"]),
  c("andNot", d.andNot(2, 3, 4), ["nor s7,a0,zero", "and v0,v1,s7"]),

  // Extensions, including the 32-bit ones.
  c("MOVW R3, R2 (sign-extend)", d.extend("W", 2, 3), ["sllv v0,v1,zero"]),
  c("MOVWU R3, R2 (zero-extend)", d.extend("WU", 2, 3), ["dsll32 v0,v1,0x0", "dsrl32 v0,v0,0x0"]),
  c("MOVB R3, R2", d.extend("B", 2, 3), ["sll v0,v1,0x18", "sra v0,v0,0x18"]),
  c("MOVHU R3, R2", d.extend("HU", 2, 3), ["andi v0,v1,0xffff"]),

  // Control flow: the same words as on mips.
  c("BNE R1 (stack check)", d.bnez(REGRT1, 36), ["bnez at,0x24", "nop"], ["BNE R1, 8(PC)", "NOOP", "NOOP", "NOOP", "NOOP", "NOOP", "NOOP", "NOOP", "NOOP"]),
  c("BNE R0, R1 (return1's test of deferproc's result)", d.bne(0, REGRT1, 12), ["bne zero,at,0xc", "nop"], ["BNE R0, R1, 2(PC)", "NOOP", "NOOP"]),
  c("JMP backward", d.jmp(-28), ["b 0xffffffffffffffe4", "nop"], ["NOOP", "NOOP", "NOOP", "NOOP", "NOOP", "NOOP", "NOOP", "JMP -7(PC)"], { goAt: 28 }),
  c("CALL runtime.deferprocStack(SB)", d.call("runtime.deferprocStack"), ["jal 0x0", "nop"], true, {
    relocs: [[0, R_MIPS_26, "R_MIPS_26", "runtime.deferprocStack", 0]],
  }),
  c("JMP far", d.jmpFar("main.f", 8), ["j 0x0", "nop"], true, { relocs: [[0, R_MIPS_26, "R_MIPS_26", "main.f", 8]] }),
  c("CALL (R1)", d.callReg(REGRT1), ["jalr at", "nop"]),
  c("JMP (R31)", d.ret(), ["jr ra", "nop"]),
  c("UNDEF", d.undef(), ["teq zero,zero"]),

  // Frames: MOVV slots and the trapping ADDV on SP, as Go's mips64 prologue.
  c("saveLR 24", d.saveLR(24), ["sd ra,-24(sp)", "daddi sp,sp,-24", "sd ra,0(sp)"]),
  c("restoreLR 24", d.restoreLR(24), ["ld ra,0(sp)", "daddi sp,sp,24"]),
  c("adjustSP -40000", d.adjustSP(-40000), ["lui s7,0xffff", "ori s7,s7,0x63c0", "dadd sp,sp,s7"]),
  c("addSP (the stack check's SP less a large frame, trapping ADDV)", d.addSP(2, -680), ["daddi v0,sp,-680"]),
  c("addSP -159896 (REGTMP)", d.addSP(2, -159896), ["lui s7,0xfffd", "ori s7,s7,0x8f68", "dadd v0,sp,s7"]),
];

runCases("mips64", "mips:isa64r2", cases);

describe("mips64 encoder limits", () => {
  it("rejects what the form cannot encode", () => {
    expect(() => d.movConst(4, 2n ** 64n)).toThrow(RangeError);
    expect(() => d.addImm(4, REGTMP, 2n ** 40n)).toThrow(RangeError);
    expect(() => d.load("V", 4, REGSP, 2 ** 31)).toThrow(RangeError);
  });

  it("has 8-byte pointers", () => {
    expect(d.ptrSize).toBe(8);
  });
});
