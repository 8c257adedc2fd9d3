// arch/ppc64/asm.ts against GNU objdump (powerpc:common64, big-endian) and
// Go's assembler (GOARCH=ppc64).

import { describe, expect, it } from "vitest";
import * as a from "../../arch/ppc64/asm.js";
import { checkEncodings, constantSamples, type EncodingCase } from "./ppc64.harness.js";
import type { Inst } from "../../arch/machine/inst.js";

const { REGSP: R1, REGG: G, REGTMP: R31 } = a;
const [R3, R4, R5, R12, R22, R27, R28, R29] = [3, 4, 5, 12, 22, 27, 28, 29];

// Go's assembler classifies a displacement as large from +-(32768-8) on
// (its BIG) and splits the access; the single instruction is the same one.
const BIG = "Go treats displacements past +-(32768-8) as large and goes through ADDIS";

const cases: EncodingCase[] = [
  // Constants: Go's MOVD for int32, built in registers past that.
  { name: "movConst 0", insts: a.movConst(R3, 0), gnu: ["li r3,0"], go: true },
  { name: "movConst int16 max", insts: a.movConst(R3, 32767), gnu: ["li r3,32767"], go: true },
  { name: "movConst int16 min", insts: a.movConst(R3, -32768), gnu: ["li r3,-32768"], go: true },
  { name: "movConst uint16", insts: a.movConst(R3, 65535), gnu: ["ori r3,r0,65535"], go: true },
  { name: "movConst high half only", insts: a.movConst(R3, 0x12340000), gnu: ["oris r3,r0,4660"], go: true },
  { name: "movConst int32", insts: a.movConst(R3, 0x12345678), gnu: ["oris r3,r0,4660", "ori r3,r3,22136"], go: true },
  { name: "movConst int32 max", insts: a.movConst(R3, 0x7fffffff), gnu: ["oris r3,r0,32767", "ori r3,r3,65535"], go: true },
  { name: "movConst negative high only", insts: a.movConst(R3, -65536), gnu: ["lis r3,-1"], go: true },
  { name: "movConst negative int32", insts: a.movConst(R3, -0x12345678), gnu: ["lis r3,-4661", "ori r3,r3,43400"], go: true },
  { name: "movConst int32 min", insts: a.movConst(R3, -0x80000000), gnu: ["lis r3,-32768"], go: true },
  { name: "movConst uint32 bit 31", insts: a.movConst(R3, 0x80000000), gnu: ["oris r3,r0,32768"], go: true },
  { name: "movConst uint32 max", insts: a.movConst(R3, 0xffffffff), gnu: ["oris r3,r0,65535", "ori r3,r3,65535"], go: true },
  { name: "movConst 2^32", insts: a.movConst(R3, 0x100000000n), gnu: ["li r3,1", "sldi r3,r3,32"], go: true },
  {
    name: "movConst 64-bit",
    insts: a.movConst(R3, 0x123456789abcdef0n),
    gnu: ["oris r3,r0,4660", "ori r3,r3,22136", "sldi r3,r3,32", "oris r3,r3,39612", "ori r3,r3,57072"],
    go: true,
  },
  { name: "movConst int64 min", insts: a.movConst(R3, -(1n << 63n)), gnu: ["lis r3,-32768", "sldi r3,r3,32"], go: true },
  {
    name: "movConst int64 max, high register",
    insts: a.movConst(R29, (1n << 63n) - 1n),
    gnu: ["oris r29,r0,32767", "ori r29,r29,65535", "sldi r29,r29,32", "oris r29,r29,65535", "ori r29,r29,65535"],
    go: true,
  },
  { name: "movConst -1 as uint64", insts: a.movConst(R3, 0xffffffffffffffffn), gnu: ["li r3,-1"], go: true },

  { name: "move", insts: a.move(R4, R3), gnu: ["mr r4,r3"], go: true },
  { name: "move from g", insts: a.move(R31, G), gnu: ["mr r31,r30"], go: true },

  // Loads: D-form, DS-form (multiple of 4), ADDIS through REGTMP, indexed.
  { name: "load 8", insts: a.load(8, false, R3, R1, 8), gnu: ["ld r3,8(r1)"], go: true },
  { name: "load 8 at 0", insts: a.load(8, true, R3, R1, 0), gnu: ["ld r3,0(r1)"], go: true },
  { name: "load 8 negative", insts: a.load(8, false, R3, R1, -32768), gnu: ["ld r3,-32768(r1)"], go: BIG },
  { name: "load 8 largest D", insts: a.load(8, false, R3, R1, 32764), gnu: ["ld r3,32764(r1)"], go: BIG },
  { name: "load 8 via ADDIS", insts: a.load(8, false, R3, R1, 32768), gnu: ["addis r31,r1,1", "ld r3,-32768(r31)"], go: BIG },
  { name: "load 8 int32", insts: a.load(8, false, R3, R1, 0x12345678), gnu: ["addis r31,r1,4660", "ld r3,22136(r31)"], go: true },
  { name: "load 8 int32 min", insts: a.load(8, false, R3, R1, -0x80000000), gnu: ["addis r31,r1,-32768", "ld r3,0(r31)"], go: true },
  { name: "load 8 unaligned DS", insts: a.load(8, false, R3, R1, 6), gnu: ["li r31,6", "ldx r3,r31,r1"], go: true },
  {
    name: "load 8 unaligned int32",
    insts: a.load(8, false, R3, R1, 0x12345679),
    gnu: ["oris r31,r0,4660", "ori r31,r31,22137", "ldx r3,r31,r1"],
    go: true,
  },
  { name: "load 8 beyond int32", insts: a.load(8, false, R3, R1, 2 ** 33), gnu: ["li r31,2", "sldi r31,r31,32", "ldx r3,r31,r1"], go: true },
  { name: "load g.stackguard0", insts: a.load(8, false, R22, G, a.G_STACKGUARD0), gnu: ["ld r22,16(r30)"], go: true },
  { name: "load 4 signed", insts: a.load(4, true, R3, R1, 8), gnu: ["lwa r3,8(r1)"], go: true },
  { name: "load 4 signed unaligned", insts: a.load(4, true, R3, R1, 10), gnu: ["li r31,10", "lwax r3,r31,r1"], go: true },
  { name: "load 4 unsigned unaligned", insts: a.load(4, false, R3, R1, 10), gnu: ["lwz r3,10(r1)"], go: true },
  { name: "load 2 signed", insts: a.load(2, true, R3, R1, -2), gnu: ["lha r3,-2(r1)"], go: true },
  { name: "load 2 unsigned", insts: a.load(2, false, R3, R1, 2), gnu: ["lhz r3,2(r1)"], go: true },
  { name: "load 1 unsigned", insts: a.load(1, false, R3, R1, 1), gnu: ["lbz r3,1(r1)"], go: true },
  { name: "load 1 signed", insts: a.load(1, true, R3, R1, 8), gnu: ["lbz r3,8(r1)", "extsb r3,r3"], go: true },
  { name: "load 1 signed via ADDIS", insts: a.load(1, true, R3, R1, 70000), gnu: ["addis r31,r1,1", "lbz r3,4464(r31)", "extsb r3,r3"], go: true },
  {
    name: "load 1 signed where @ha overflows",
    insts: a.load(1, true, R3, R1, 0x7fff8000),
    gnu: ["oris r31,r0,32767", "ori r31,r31,32768", "lbzx r3,r31,r1", "extsb r3,r3"],
    go: true,
  },

  { name: "store 8", insts: a.store(8, R3, R1, -8), gnu: ["std r3,-8(r1)"], go: true },
  { name: "store 4", insts: a.store(4, R3, R1, 8), gnu: ["stw r3,8(r1)"], go: true },
  { name: "store 2", insts: a.store(2, R3, R1, 8), gnu: ["sth r3,8(r1)"], go: true },
  { name: "store 1 of R0 (zero)", insts: a.store(1, 0, R1, 8), gnu: ["stb r0,8(r1)"], go: true },
  { name: "store 8 via ADDIS", insts: a.store(8, R3, R1, 40000), gnu: ["addis r31,r1,1", "std r3,-25536(r31)"], go: true },
  { name: "store 8 unaligned", insts: a.store(8, R3, R1, 40002), gnu: ["ori r31,r0,40002", "stdx r3,r31,r1"], go: true },
  { name: "store 1 negative large", insts: a.store(1, R29, R1, -100000), gnu: ["addis r31,r1,-2", "stb r29,31072(r31)"], go: true },

  // Immediate adds.
  { name: "addImm int16", insts: a.addImm(R3, R1, 8), gnu: ["addi r3,r1,8"], go: true },
  { name: "addImm SP", insts: a.addImm(R1, R1, -216), gnu: ["addi r1,r1,-216"], go: true },
  { name: "addImm high half only", insts: a.addImm(R3, R1, 65536), gnu: ["addis r3,r1,1"], go: true },
  { name: "addImm int32", insts: a.addImm(R3, R1, 0x12345), gnu: ["addis r3,r1,1", "addi r3,r3,9029"], go: true },
  { name: "addImm negative int32", insts: a.addImm(R3, R4, -74565), gnu: ["addis r3,r4,-1", "addi r3,r3,-9029"], go: true },
  {
    name: "addImm int32 max",
    insts: a.addImm(R3, R4, 0x7fffffff),
    gnu: ["oris r31,r0,32767", "ori r31,r31,65535", "add r3,r4,r31"],
    go: true,
  },
  { name: "addImm 64-bit", insts: a.addImm(R3, R4, 1n << 40n), gnu: ["li r31,256", "sldi r31,r31,32", "add r3,r4,r31"], go: true },

  // Register-register ALU.
  { name: "add", insts: a.add(R3, R4, R5), gnu: ["add r3,r4,r5"], go: true },
  { name: "add high registers", insts: a.add(R29, R28, R27), gnu: ["add r29,r28,r27"], go: true },
  { name: "sub", insts: a.sub(R3, R4, R5), gnu: ["subf r3,r5,r4"], go: true },
  { name: "mul 64", insts: a.mul(R3, R4, R5), gnu: ["mulld r3,r4,r5"], go: true },
  { name: "mul 32", insts: a.mul(R3, R4, R5, 32), gnu: ["mullw r3,r4,r5"], go: true },
  { name: "div 64", insts: a.div(R3, R4, R5), gnu: ["divd r3,r4,r5"], go: true },
  { name: "div 32", insts: a.div(R3, R4, R5, 32), gnu: ["divw r3,r4,r5"], go: true },
  { name: "divu 64", insts: a.divu(R3, R4, R5), gnu: ["divdu r3,r4,r5"], go: true },
  { name: "divu 32", insts: a.divu(R3, R4, R5, 32), gnu: ["divwu r3,r4,r5"], go: true },
  { name: "rem 64", insts: a.rem(R3, R4, R5), gnu: ["divd r31,r4,r5", "mulld r31,r31,r5", "subf r3,r31,r4"], go: true },
  { name: "rem 32", insts: a.rem(R3, R4, R5, 32), gnu: ["divw r31,r4,r5", "mullw r31,r31,r5", "subf r3,r31,r4"], go: true },
  { name: "remu 64", insts: a.remu(R3, R4, R5), gnu: ["divdu r31,r4,r5", "mulld r31,r31,r5", "subf r3,r31,r4"], go: true },
  { name: "remu 32", insts: a.remu(R3, R4, R5, 32), gnu: ["divwu r31,r4,r5", "mullw r31,r31,r5", "subf r3,r31,r4"], go: true },
  { name: "and", insts: a.and(R3, R4, R5), gnu: ["and r3,r4,r5"], go: true },
  { name: "or", insts: a.or(R3, R4, R5), gnu: ["or r3,r4,r5"], go: true },
  { name: "xor", insts: a.xor(R3, R4, R5), gnu: ["xor r3,r4,r5"], go: true },
  { name: "andNot", insts: a.andNot(R3, R4, R5), gnu: ["andc r3,r4,r5"], go: true },
  { name: "shl 64", insts: a.shl(R3, R4, R5), gnu: ["sld r3,r4,r5"], go: true },
  { name: "shl 32", insts: a.shl(R3, R4, R5, 32), gnu: ["slw r3,r4,r5"], go: true },
  { name: "sar 64", insts: a.sar(R3, R4, R5), gnu: ["srad r3,r4,r5"], go: true },
  { name: "sar 32", insts: a.sar(R3, R4, R5, 32), gnu: ["sraw r3,r4,r5"], go: true },
  { name: "shr 64", insts: a.shr(R3, R4, R5), gnu: ["srd r3,r4,r5"], go: true },
  { name: "shr 32", insts: a.shr(R3, R4, R5, 32), gnu: ["srw r3,r4,r5"], go: true },
  { name: "neg", insts: a.neg(R3, R4), gnu: ["neg r3,r4"], go: true },
  { name: "not", insts: a.not(R3, R4), gnu: ["not r3,r4"], go: true },

  { name: "signExtend 8", insts: a.signExtend(8, R3, R4), gnu: ["extsb r3,r4"], go: true },
  { name: "signExtend 16", insts: a.signExtend(16, R3, R4), gnu: ["extsh r3,r4"], go: true },
  { name: "signExtend 32", insts: a.signExtend(32, R3, R4), gnu: ["extsw r3,r4"], go: true },
  { name: "zeroExtend 8", insts: a.zeroExtend(8, R3, R4), gnu: ["clrlwi r3,r4,24"], go: true },
  { name: "zeroExtend 16", insts: a.zeroExtend(16, R3, R4), gnu: ["clrlwi r3,r4,16"], go: true },
  { name: "zeroExtend 32", insts: a.zeroExtend(32, R3, R4), gnu: ["rldic r3,r4,0,32"], go: true },

  // Compares and compare-and-set.
  { name: "compare signed 64", insts: a.compare(R4, R5, false), gnu: ["cmpd r4,r5"], go: true },
  { name: "compare unsigned 64", insts: a.compare(R1, R22, true), gnu: ["cmpld r1,r22"], go: true },
  { name: "compare signed 32", insts: a.compare(R4, R5, false, 32), gnu: ["cmpw r4,r5"], go: true },
  { name: "compare unsigned 32", insts: a.compare(R4, R5, true, 32), gnu: ["cmplw r4,r5"], go: true },
  { name: "compareImm unsigned 64", insts: a.compareImm(R1, 7920, true), gnu: ["cmpldi r1,7920"], go: true },
  { name: "compareImm unsigned 64 max", insts: a.compareImm(R1, 65535, true), gnu: ["cmpldi r1,65535"], go: true },
  { name: "compareImm signed 64", insts: a.compareImm(R4, -1, false), gnu: ["cmpdi r4,-1"], go: true },
  { name: "compareImm signed 32", insts: a.compareImm(R4, -32768, false, 32), gnu: ["cmpwi r4,-32768"], go: true },
  { name: "compareImm unsigned 32", insts: a.compareImm(R4, 3, true, 32), gnu: ["cmplwi r4,3"], go: true },
  { name: "setCond eq", insts: a.setCond("eq", R3, R4, R5), gnu: ["cmpd r4,r5", "li r31,1", "iseleq r3,r31,r0"], go: true },
  { name: "setCond ne", insts: a.setCond("ne", R3, R4, R5), gnu: ["cmpd r4,r5", "li r31,1", "iseleq r3,0,r31"], go: true },
  { name: "setCond lt", insts: a.setCond("lt", R3, R4, R5), gnu: ["cmpd r4,r5", "li r31,1", "isellt r3,r31,r0"], go: true },
  { name: "setCond ge", insts: a.setCond("ge", R3, R4, R5), gnu: ["cmpd r4,r5", "li r31,1", "isellt r3,0,r31"], go: true },
  { name: "setCond gt", insts: a.setCond("gt", R3, R4, R5), gnu: ["cmpd r4,r5", "li r31,1", "iselgt r3,r31,r0"], go: true },
  { name: "setCond le", insts: a.setCond("le", R3, R4, R5), gnu: ["cmpd r4,r5", "li r31,1", "iselgt r3,0,r31"], go: true },
  { name: "setCond ltu", insts: a.setCond("ltu", R3, R4, R5), gnu: ["cmpld r4,r5", "li r31,1", "isellt r3,r31,r0"], go: true },
  { name: "setCond geu 32", insts: a.setCond("geu", R3, R4, R5, 32), gnu: ["cmplw r4,r5", "li r31,1", "isellt r3,0,r31"], go: true },
  { name: "setCond gtu", insts: a.setCond("gtu", R3, R4, R5), gnu: ["cmpld r4,r5", "li r31,1", "iselgt r3,r31,r0"], go: true },
  { name: "setCond leu", insts: a.setCond("leu", R3, R4, R5), gnu: ["cmpld r4,r5", "li r31,1", "iselgt r3,0,r31"], go: true },

  // Branches: targets are relative to the sequence's first byte, which
  // objdump places at 0.
  { name: "jump forward", insts: a.jump(8), gnu: ["b 0x8"], go: ["JMP 2(PC)", "OR $0, R0, R0", "OR $0, R0, R0"] },
  { name: "jump 16 MiB", insts: a.jump(0x1000000), gnu: ["b 0x1000000"] },
  { name: "jump -32 MiB", insts: a.jump(-0x2000000), gnu: ["b 0xfffffffffe000000"] },
  {
    name: "branchCond le, 1 MiB",
    insts: a.branchCond("le", 0x100000),
    gnu: ["bgt 0x8", "b 0x100000"],
  },
  {
    name: "branchCond lt backwards",
    insts: a.branchCond("lt", -0x100000),
    gnu: ["bge 0x8", "b 0xfffffffffff00000"],
  },
  {
    name: "branchCond eq, near",
    insts: a.branchCond("eq", 12),
    gnu: ["bne 0x8", "b 0xc"],
    go: ["BNE 2(PC)", "JMP 2(PC)", "OR $0, R0, R0", "OR $0, R0, R0"],
  },
  {
    name: "branchIfZero",
    insts: a.branchIfZero(R3, 0x100000),
    gnu: ["cmpd r3,r0", "bne 0xc", "b 0x100000"],
  },
  {
    name: "branchIfNonZero, near",
    insts: a.branchIfNonZero(R3, 12),
    gnu: ["cmpd r3,r0", "beq 0xc", "b 0xc"],
    go: ["CMP R3, R0", "BEQ 2(PC)", "JMP 1(PC)", "OR $0, R0, R0"],
  },

  // Calls, symbols, returns.
  {
    name: "call",
    insts: a.call("runtime.deferreturn"),
    gnu: ["bl 0x0"],
    go: true,
    relocs: [[0, 10, "R_PPC64_REL24", "runtime.deferreturn", 0]],
  },
  { name: "callReg", insts: a.callReg(R12), gnu: ["mtctr r12", "bctrl"], go: true },
  { name: "ret", insts: a.ret(), gnu: ["blr"], go: true },
  {
    name: "loadAddr",
    insts: a.loadAddr(R5, "main.x"),
    gnu: ["lis r5,0", "addi r5,r5,0"],
    go: true,
    relocs: [
      [2, 6, "R_PPC64_ADDR16_HA", "main.x", 0],
      [6, 4, "R_PPC64_ADDR16_LO", "main.x", 0],
    ],
  },
  {
    name: "loadAddr with addend",
    insts: a.loadAddr(R29, "main.x", 8),
    gnu: ["lis r29,0", "addi r29,r29,0"],
    go: true,
    relocs: [
      [2, 6, "R_PPC64_ADDR16_HA", "main.x", 8],
      [6, 4, "R_PPC64_ADDR16_LO", "main.x", 8],
    ],
  },
  { name: "nop", insts: a.nop(), gnu: ["nop"], go: true },
  { name: "trap", insts: a.trap(), gnu: ["trap"], go: true },

  // The link register and the frame.
  { name: "moveFromLR", insts: a.moveFromLR(R5), gnu: ["mflr r5"], go: true },
  { name: "moveToLR", insts: a.moveToLR(R31), gnu: ["mtlr r31"], go: true },
  { name: "saveLR", insts: a.saveLR(216), gnu: ["mflr r31", "stdu r31,-216(r1)"], go: true },
  { name: "saveLR largest MOVDU", insts: a.saveLR(32768), gnu: ["mflr r31", "stdu r31,-32768(r1)"], go: BIG },
  {
    name: "saveLR large frame",
    insts: a.saveLR(40000),
    gnu: ["mflr r29", "addis r31,r1,-1", "std r29,25536(r31)", "addis r1,r1,-1", "addi r1,r1,25536"],
    go: "Go's assembler tracks R1 adjustments and rejects a net negative one in the NOFRAME test function",
  },
  { name: "restoreLR", insts: a.restoreLR(216), gnu: ["ld r31,0(r1)", "mtlr r31", "addi r1,r1,216"], go: true },
];

checkEncodings({ goarch: "ppc64", machine: "powerpc:common64", bigEndian: true }, cases);

describe("ppc64 texts", () => {
  it("spell registers and operands as Go does", () => {
    expect(a.load(8, false, R22, G, 16).map((i) => i.text)).toEqual(["MOVD 16(g), R22"]);
    expect(a.store(8, R3, R1, 0).map((i) => i.text)).toEqual(["MOVD R3, (R1)"]);
    expect(a.call("runtime.deferreturn")[0].text).toBe("CALL runtime.deferreturn(SB)");
    expect(a.loadAddr(R5, "main.x", -8)[0].text).toBe("MOVD $main.x-8(SB), R5");
  });

  it("name branch targets as pcs, as go tool asm -S prints them", () => {
    expect(a.branchIfZero(R3, 0x100, 0x40).map((i) => i.text)).toEqual(["CMP R3, R0", "BNE 76", "JMP 320"]);
    expect(a.jump(-0x40, 0x40).map((i) => i.text)).toEqual(["JMP 0"]);
  });

  it("keep every branch sequence's size independent of its displacement", () => {
    const size = (insts: { bytes: Uint8Array }[]) => insts.reduce((n, i) => n + i.bytes.length, 0);
    for (const d of [8, -0x1000000, 0x1fffffc]) {
      expect(size(a.jump(d))).toBe(4);
      expect(size(a.branchCond("lt", d))).toBe(8);
      expect(size(a.branchIfZero(R3, d))).toBe(12);
      expect(size(a.branchIfNonZero(R3, d))).toBe(12);
    }
  });

  it("refuses what the hardware would misread", () => {
    expect(() => a.load(8, false, 0, R1, 8)).toThrow(RangeError);
    expect(() => a.load(8, false, R3, 0, 8)).toThrow(RangeError);
    expect(() => a.addImm(R3, 0, 8)).toThrow(RangeError);
    expect(() => a.jump(6)).toThrow(RangeError);
    expect(() => a.rem(R31, R3, R4)).toThrow(RangeError);
    expect(() => a.store(8, R31, R1, 40000)).toThrow(RangeError);
  });
});

/**
 * What a constant-loading sequence leaves in its destination, by the
 * Power ISA semantics of the instructions movConst uses (R0 reads as 0).
 */
function evaluate(insts: Inst[], rd: number): bigint {
  const r = new Map<number, bigint>();
  const get = (n: number) => r.get(n) ?? 0n;
  for (const inst of insts) {
    const view = new DataView(inst.bytes.buffer, inst.bytes.byteOffset, inst.bytes.byteLength);
    for (let k = 0; k < inst.bytes.length; k += 4) {
      const w = view.getUint32(k, false);
      const [op, rt, ra] = [w >>> 26, (w >>> 21) & 31, (w >>> 16) & 31];
      const si = BigInt((w << 16) >> 16);
      const ui = BigInt(w & 0xffff);
      const set = (n: number, v: bigint) => r.set(n, BigInt.asIntN(64, v));
      if (op === 14) set(rt, (ra === 0 ? 0n : get(ra)) + si);
      else if (op === 15) set(rt, (ra === 0 ? 0n : get(ra)) + (si << 16n));
      else if (op === 24) set(ra, get(rt) | ui);
      else if (op === 25) set(ra, get(rt) | (ui << 16n));
      else if (op === 30 && ((w >>> 2) & 7) === 1 && (w & 0xfffc) === 0x07c4) set(ra, get(rt) << 32n);
      else throw new Error(`unexpected instruction ${w.toString(16)}`);
    }
  }
  return get(rd);
}

describe("ppc64 movConst", () => {
  it("loads every sampled 64-bit value, in at most five instructions", () => {
    for (const v of constantSamples()) {
      const insts = a.movConst(R3, v);
      expect(evaluate(insts, R3), `0x${BigInt.asUintN(64, v).toString(16)}`).toBe(v);
      expect(insts.reduce((n, i) => n + i.bytes.length, 0)).toBeLessThanOrEqual(20);
    }
  });
});
