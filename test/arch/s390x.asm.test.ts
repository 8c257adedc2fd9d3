// arch/s390x/asm.ts against GNU objdump (s390:64-bit) and Go's assembler
// (GOARCH=s390x).

import { describe, expect, it } from "vitest";
import * as a from "../../arch/s390x/asm.js";
import { checkEncodings, constantSamples, type EncodingCase } from "./ppc64.harness.js";
import type { Inst } from "../../arch/machine/inst.js";

const { REGSP: R15, REGG: G, REGLR: R14 } = a;
const [R0, R1, R2, R3, R4, R5, R9, R12] = [0, 1, 2, 3, 4, 5, 9, 12];

// Go picks the 4-byte BRC when a branch target is near; these long forms
// are what it emits for far ones.
const SHORT_BRANCH = "Go encodes a near target with the 4-byte BRC";

const cases: EncodingCase[] = [
  // Constants: Go's single-instruction MOVD forms, high word + OR past them.
  { name: "movConst 0", insts: a.movConst(R3, 0), gnu: ["lghi %r3,0"], go: true },
  { name: "movConst int16 min", insts: a.movConst(R3, -32768), gnu: ["lghi %r3,-32768"], go: true },
  { name: "movConst int16 max", insts: a.movConst(R3, 32767), gnu: ["lghi %r3,32767"], go: true },
  { name: "movConst LLILH", insts: a.movConst(R3, 0x10000), gnu: ["llilh %r3,1"], go: true },
  { name: "movConst LLIHL", insts: a.movConst(R3, 0x1234_0000_0000n), gnu: ["llihl %r3,4660"], go: true },
  { name: "movConst LLIHH", insts: a.movConst(R3, -(1n << 63n)), gnu: ["llihh %r3,32768"], go: true },
  { name: "movConst int32", insts: a.movConst(R3, 0x12345678), gnu: ["lgfi %r3,305419896"], go: true },
  { name: "movConst negative int32", insts: a.movConst(R3, -0x12345678), gnu: ["lgfi %r3,-305419896"], go: true },
  { name: "movConst int32 min", insts: a.movConst(R3, -0x80000000), gnu: ["lgfi %r3,-2147483648"], go: true },
  { name: "movConst uint32", insts: a.movConst(R3, 0x87654321), gnu: ["llilf %r3,2271560481"], go: true },
  { name: "movConst LLIHF", insts: a.movConst(R3, 0x12345678_00000000n), gnu: ["llihf %r3,305419896"], go: true },
  {
    name: "movConst 64-bit",
    insts: a.movConst(R3, 0x12345678_9abcdef0n),
    gnu: ["llihf %r3,305419896", "oilf %r3,2596069104"],
    go: true,
  },
  { name: "movConst 64-bit, small low word", insts: a.movConst(R9, 0x12345678_00000001n), gnu: ["llihf %r9,305419896", "oill %r9,1"], go: true },
  { name: "movConst negative 64-bit", insts: a.movConst(R3, -0x123456789n), gnu: ["llihf %r3,4294967294", "oilf %r3,3703216247"], go: true },
  { name: "movConst int64 max", insts: a.movConst(R3, (1n << 63n) - 1n), gnu: ["llihf %r3,2147483647", "oilf %r3,4294967295"], go: true },

  { name: "move", insts: a.move(R4, R3), gnu: ["lgr %r4,%r3"], go: true },
  { name: "move LR", insts: a.move(R5, R14), gnu: ["lgr %r5,%r14"], go: true },

  // Loads: RXY with 20-bit displacements, R10 as the index beyond.
  { name: "load 8", insts: a.load(8, false, R3, R15, 8), gnu: ["lg %r3,8(%r15)"], go: true },
  { name: "load 8 at 0", insts: a.load(8, true, R3, R15, 0), gnu: ["lg %r3,0(%r15)"], go: true },
  { name: "load 8 negative", insts: a.load(8, false, R3, R15, -8), gnu: ["lg %r3,-8(%r15)"], go: true },
  { name: "load 8 largest 20-bit", insts: a.load(8, false, R3, R15, 524287), gnu: ["lg %r3,524287(%r15)"], go: true },
  { name: "load 8 smallest 20-bit", insts: a.load(8, false, R3, R15, -524288), gnu: ["lg %r3,-524288(%r15)"], go: true },
  { name: "load 8 via R10", insts: a.load(8, false, R3, R15, 524288), gnu: ["lgfi %r10,524288", "lg %r3,0(%r10,%r15)"], go: true },
  {
    name: "load 8 int32 min via R10",
    insts: a.load(8, false, R3, R15, -0x80000000),
    gnu: ["lgfi %r10,-2147483648", "lg %r3,0(%r10,%r15)"],
    go: true,
  },
  {
    name: "load 8 beyond int32",
    insts: a.load(8, false, R3, R15, 2 ** 33),
    gnu: ["llihl %r10,2", "lg %r3,0(%r10,%r15)"],
    go: true,
  },
  { name: "load g.stackguard0", insts: a.load(8, false, R3, G, a.G_STACKGUARD0), gnu: ["lg %r3,16(%r13)"], go: true },
  { name: "load 4 signed", insts: a.load(4, true, R3, R15, 8), gnu: ["lgf %r3,8(%r15)"], go: true },
  { name: "load 4 unsigned", insts: a.load(4, false, R3, R15, 8), gnu: ["llgf %r3,8(%r15)"], go: true },
  { name: "load 2 signed", insts: a.load(2, true, R3, R15, 8), gnu: ["lgh %r3,8(%r15)"], go: true },
  { name: "load 2 unsigned", insts: a.load(2, false, R3, R15, 8), gnu: ["llgh %r3,8(%r15)"], go: true },
  { name: "load 1 signed", insts: a.load(1, true, R3, R15, 8), gnu: ["lgb %r3,8(%r15)"], go: true },
  { name: "load 1 unsigned", insts: a.load(1, false, R12, R1, -1), gnu: ["llgc %r12,-1(%r1)"], go: true },

  // Stores: the 4-byte RX form for 0..4095 where there is one.
  { name: "store 8", insts: a.store(8, R3, R15, 8), gnu: ["stg %r3,8(%r15)"], go: true },
  { name: "store 4", insts: a.store(4, R3, R15, 8), gnu: ["st %r3,8(%r15)"], go: true },
  { name: "store 2", insts: a.store(2, R3, R15, 8), gnu: ["sth %r3,8(%r15)"], go: true },
  { name: "store 1 largest RX", insts: a.store(1, R3, R15, 4095), gnu: ["stc %r3,4095(%r15)"], go: true },
  { name: "store 1 past RX", insts: a.store(1, R3, R15, 4096), gnu: ["stcy %r3,4096(%r15)"], go: true },
  { name: "store 4 negative", insts: a.store(4, R3, R15, -4), gnu: ["sty %r3,-4(%r15)"], go: true },
  { name: "store 2 negative", insts: a.store(2, R3, R15, -2), gnu: ["sthy %r3,-2(%r15)"], go: true },
  { name: "store 8 via R10", insts: a.store(8, R3, R15, 0x7fffffff), gnu: ["lgfi %r10,2147483647", "stg %r3,0(%r10,%r15)"], go: true },

  // Immediate adds.
  { name: "addImm AGHI", insts: a.addImm(R15, R15, 160), gnu: ["aghi %r15,160"], go: true },
  { name: "addImm LA", insts: a.addImm(R3, R15, 8), gnu: ["la %r3,8(%r15,%r0)"], go: true },
  { name: "addImm LAY", insts: a.addImm(R3, R4, -8), gnu: ["lay %r3,-8(%r4,%r0)"], go: true },
  { name: "addImm LAY largest", insts: a.addImm(R3, R4, 524287), gnu: ["lay %r3,524287(%r4,%r0)"], go: true },
  { name: "addImm AGHIK from R0", insts: a.addImm(R3, R0, -1), gnu: ["aghik %r3,%r0,-1"], go: true },
  { name: "addImm AGFI in place", insts: a.addImm(R3, R3, 0x12345678), gnu: ["agfi %r3,305419896"], go: true },
  { name: "addImm AGFI", insts: a.addImm(R3, R4, 0x12345678), gnu: ["lgr %r3,%r4", "agfi %r3,305419896"], go: true },
  {
    name: "addImm 64-bit",
    insts: a.addImm(R3, R4, 1n << 40n),
    gnu: ["llihl %r10,256", "agrk %r3,%r4,%r10"],
    go: true,
  },

  // Register-register ALU.
  { name: "add 64", insts: a.add(R3, R4, R5), gnu: ["agrk %r3,%r4,%r5"], go: true },
  { name: "add 32", insts: a.add(R3, R4, R5, 32), gnu: ["ark %r3,%r4,%r5"], go: true },
  { name: "sub 64", insts: a.sub(R3, R4, R5), gnu: ["sgrk %r3,%r4,%r5"], go: true },
  { name: "sub 32", insts: a.sub(R3, R4, R5, 32), gnu: ["srk %r3,%r4,%r5"], go: true },
  { name: "mul 64", insts: a.mul(R3, R4, R5), gnu: ["lgr %r3,%r4", "msgr %r3,%r5"], go: true },
  { name: "mul 64 in place", insts: a.mul(R3, R3, R5), gnu: ["msgr %r3,%r5"], go: true },
  { name: "mul 64 into the second factor", insts: a.mul(R3, R4, R3), gnu: ["msgr %r3,%r4"], go: true },
  { name: "mul 32", insts: a.mul(R3, R4, R5, 32), gnu: ["lgr %r3,%r4", "msgfr %r3,%r5"], go: true },
  { name: "div 64", insts: a.div(R3, R4, R5), gnu: ["lgr %r11,%r4", "dsgr %r10,%r5", "lgr %r3,%r11"], go: true },
  { name: "div 32", insts: a.div(R3, R4, R5, 32), gnu: ["lgr %r11,%r4", "dsgfr %r10,%r5", "lgr %r3,%r11"], go: true },
  { name: "divu 64", insts: a.divu(R3, R4, R5), gnu: ["lghi %r10,0", "lgr %r11,%r4", "dlgr %r10,%r5", "lgr %r3,%r11"], go: true },
  { name: "divu 32", insts: a.divu(R3, R4, R5, 32), gnu: ["lghi %r10,0", "lgr %r11,%r4", "dlr %r10,%r5", "lgr %r3,%r11"], go: true },
  { name: "rem 64", insts: a.rem(R3, R4, R5), gnu: ["lgr %r11,%r4", "dsgr %r10,%r5", "lgr %r3,%r10"], go: true },
  { name: "rem 32", insts: a.rem(R3, R4, R5, 32), gnu: ["lgr %r11,%r4", "dsgfr %r10,%r5", "lgr %r3,%r10"], go: true },
  { name: "remu 64", insts: a.remu(R3, R4, R5), gnu: ["lghi %r10,0", "lgr %r11,%r4", "dlgr %r10,%r5", "lgr %r3,%r10"], go: true },
  { name: "remu 32", insts: a.remu(R3, R4, R5, 32), gnu: ["lghi %r10,0", "lgr %r11,%r4", "dlr %r10,%r5", "lgr %r3,%r10"], go: true },
  { name: "and", insts: a.and(R3, R4, R5), gnu: ["ngrk %r3,%r5,%r4"], go: true },
  { name: "or", insts: a.or(R3, R4, R5), gnu: ["ogrk %r3,%r5,%r4"], go: true },
  { name: "xor", insts: a.xor(R3, R4, R5), gnu: ["xgrk %r3,%r5,%r4"], go: true },
  { name: "andNot", insts: a.andNot(R3, R4, R5), gnu: ["ngrk %r10,%r5,%r4", "xgrk %r3,%r10,%r4"], go: true },
  { name: "shl 64", insts: a.shl(R3, R4, R5), gnu: ["sllg %r3,%r4,0(%r5)"], go: true },
  { name: "shl 32", insts: a.shl(R3, R4, R5, 32), gnu: ["sllk %r3,%r4,0(%r5)"], go: true },
  { name: "sar 64", insts: a.sar(R3, R4, R5), gnu: ["srag %r3,%r4,0(%r5)"], go: true },
  { name: "sar 32", insts: a.sar(R3, R4, R5, 32), gnu: ["srak %r3,%r4,0(%r5)"], go: true },
  { name: "shr 64", insts: a.shr(R3, R4, R5), gnu: ["srlg %r3,%r4,0(%r5)"], go: true },
  { name: "shr 32", insts: a.shr(R3, R4, R5, 32), gnu: ["srlk %r3,%r4,0(%r5)"], go: true },
  { name: "neg 64", insts: a.neg(R3, R4), gnu: ["lcgr %r3,%r4"], go: true },
  { name: "neg 32", insts: a.neg(R3, R4, 32), gnu: ["lcgfr %r3,%r4"], go: true },
  { name: "not in place", insts: a.not(R3, R3), gnu: ["lgfi %r10,-1", "xgr %r3,%r10"], go: true },
  { name: "not", insts: a.not(R3, R4), gnu: ["lgr %r3,%r4", "lgfi %r10,-1", "xgr %r3,%r10"], go: true },

  { name: "signExtend 8", insts: a.signExtend(8, R3, R4), gnu: ["lgbr %r3,%r4"], go: true },
  { name: "signExtend 16", insts: a.signExtend(16, R3, R4), gnu: ["lghr %r3,%r4"], go: true },
  { name: "signExtend 32", insts: a.signExtend(32, R3, R4), gnu: ["lgfr %r3,%r4"], go: true },
  { name: "zeroExtend 8", insts: a.zeroExtend(8, R3, R4), gnu: ["llgcr %r3,%r4"], go: true },
  { name: "zeroExtend 16", insts: a.zeroExtend(16, R3, R4), gnu: ["llghr %r3,%r4"], go: true },
  { name: "zeroExtend 32", insts: a.zeroExtend(32, R3, R4), gnu: ["llgfr %r3,%r4"], go: true },

  // Compares and compare-and-set.
  { name: "compare signed 64", insts: a.compare(R4, R5, false), gnu: ["cgr %r4,%r5"], go: true },
  { name: "compare unsigned 64", insts: a.compare(R15, R3, true), gnu: ["clgr %r15,%r3"], go: true },
  { name: "compare signed 32", insts: a.compare(R4, R5, false, 32), gnu: ["cr %r4,%r5"], go: true },
  { name: "compare unsigned 32", insts: a.compare(R4, R5, true, 32), gnu: ["clr %r4,%r5"], go: true },
  { name: "compareImm signed 64", insts: a.compareImm(R4, -1), gnu: ["cghi %r4,-1"], go: true },
  { name: "compareImm signed 64 max", insts: a.compareImm(R4, 32767), gnu: ["cghi %r4,32767"], go: true },
  { name: "compareImm signed 32", insts: a.compareImm(R4, -32768, 32), gnu: ["chi %r4,-32768"], go: true },
  { name: "setCond eq", insts: a.setCond("eq", R3, R4, R5), gnu: ["cgr %r4,%r5", "lghi %r3,0", "lghi %r10,1", "locgre %r3,%r10"], go: true },
  { name: "setCond ne", insts: a.setCond("ne", R3, R3, R5), gnu: ["cgr %r3,%r5", "lghi %r3,0", "lghi %r10,1", "locgrne %r3,%r10"], go: true },
  { name: "setCond lt", insts: a.setCond("lt", R3, R4, R5), gnu: ["cgr %r4,%r5", "lghi %r3,0", "lghi %r10,1", "locgrl %r3,%r10"], go: true },
  { name: "setCond le", insts: a.setCond("le", R3, R4, R5), gnu: ["cgr %r4,%r5", "lghi %r3,0", "lghi %r10,1", "locgrle %r3,%r10"], go: true },
  { name: "setCond gt", insts: a.setCond("gt", R3, R4, R5), gnu: ["cgr %r4,%r5", "lghi %r3,0", "lghi %r10,1", "locgrh %r3,%r10"], go: true },
  { name: "setCond ge", insts: a.setCond("ge", R3, R4, R5), gnu: ["cgr %r4,%r5", "lghi %r3,0", "lghi %r10,1", "locgrhe %r3,%r10"], go: true },
  { name: "setCond ltu", insts: a.setCond("ltu", R3, R4, R5), gnu: ["clgr %r4,%r5", "lghi %r3,0", "lghi %r10,1", "locgrl %r3,%r10"], go: true },
  { name: "setCond geu 32", insts: a.setCond("geu", R3, R4, R5, 32), gnu: ["clr %r4,%r5", "lghi %r3,0", "lghi %r10,1", "locgrhe %r3,%r10"], go: true },
  { name: "setCond gtu", insts: a.setCond("gtu", R3, R4, R5), gnu: ["clgr %r4,%r5", "lghi %r3,0", "lghi %r10,1", "locgrh %r3,%r10"], go: true },
  { name: "setCond leu", insts: a.setCond("leu", R3, R4, R5), gnu: ["clgr %r4,%r5", "lghi %r3,0", "lghi %r10,1", "locgrle %r3,%r10"], go: true },

  // Branches: targets relative to the sequence's first byte, which objdump places at 0.
  { name: "jump", insts: a.jump(0x100000), gnu: ["jg 0x100000"], go: SHORT_BRANCH },
  { name: "jump backwards", insts: a.jump(-0x100000), gnu: ["jg 0xfffffffffff00000"], go: SHORT_BRANCH },
  { name: "jump 4 GiB", insts: a.jump(0xfffffffe), gnu: ["jg 0xfffffffe"], go: SHORT_BRANCH },
  { name: "branchCond eq", insts: a.branchCond("eq", 0x100000), gnu: ["jge 0x100000"], go: SHORT_BRANCH },
  { name: "branchCond ne", insts: a.branchCond("ne", 0x100000), gnu: ["jgne 0x100000"], go: SHORT_BRANCH },
  { name: "branchCond lt", insts: a.branchCond("lt", 0x100000), gnu: ["jgl 0x100000"], go: SHORT_BRANCH },
  { name: "branchCond le", insts: a.branchCond("le", 0x100000), gnu: ["jgle 0x100000"], go: SHORT_BRANCH },
  { name: "branchCond gt", insts: a.branchCond("gt", 0x100000), gnu: ["jgh 0x100000"], go: SHORT_BRANCH },
  { name: "branchCond ge", insts: a.branchCond("ge", -6), gnu: ["jghe 0xfffffffffffffffa"], go: SHORT_BRANCH },
  { name: "branchIfZero", insts: a.branchIfZero(R3, 0x100000), gnu: ["cghi %r3,0", "jge 0x100000"], go: SHORT_BRANCH },
  { name: "branchIfNonZero", insts: a.branchIfNonZero(R3, 10), gnu: ["cghi %r3,0", "jgne 0xa"], go: SHORT_BRANCH },

  // Calls, symbols, returns.
  {
    name: "call",
    insts: a.call("runtime.deferreturn"),
    gnu: ["brasl %r14,0x0"],
    go: true,
    relocs: [[2, 20, "R_390_PLT32DBL", "runtime.deferreturn", 2]],
  },
  { name: "callReg", insts: a.callReg(R1), gnu: ["basr %r14,%r1"], go: true },
  { name: "ret", insts: a.ret(), gnu: ["br %r14"], go: true },
  {
    name: "loadAddr",
    insts: a.loadAddr(R2, "main.x"),
    gnu: ["larl %r2,0x0"],
    go: true,
    relocs: [[2, 19, "R_390_PC32DBL", "main.x", 2]],
  },
  {
    name: "loadAddr with addend",
    insts: a.loadAddr(R12, "main.x", 8),
    gnu: ["larl %r12,0x0"],
    go: true,
    relocs: [[2, 19, "R_390_PC32DBL", "main.x", 10]],
  },
  { name: "nop", insts: a.nop(), gnu: ["nopr"], go: true },
  { name: "trap", insts: a.trap(), gnu: ["lgf %r0,0"], go: true },

  // The link register and the frame.
  { name: "saveLR", insts: a.saveLR(160), gnu: ["stg %r14,-160(%r15)", "lay %r15,-160(%r15,%r0)"], go: true },
  {
    name: "saveLR beyond LAY",
    insts: a.saveLR(0x100000),
    gnu: ["lgfi %r10,-1048576", "stg %r14,0(%r10,%r15)", "agfi %r15,-1048576"],
    go: "Go's assembler tracks R15 adjustments and rejects a net negative one in the NOFRAME test function",
  },
  { name: "restoreLR", insts: a.restoreLR(160), gnu: ["lg %r14,0(%r15)", "aghi %r15,160"], go: true },
];

checkEncodings({ goarch: "s390x", machine: "s390:64-bit" }, cases);

describe("s390x texts", () => {
  it("spell registers and operands as Go does", () => {
    expect(a.load(8, false, R3, G, 16).map((i) => i.text)).toEqual(["MOVD 16(g), R3"]);
    expect(a.store(8, R14, R15, 0).map((i) => i.text)).toEqual(["MOVD R14, (R15)"]);
    expect(a.call("runtime.deferreturn")[0].text).toBe("CALL runtime.deferreturn(SB)");
    expect(a.saveLR(160).map((i) => i.text)).toEqual(["MOVD R14, -160(R15)", "MOVD $-160(R15), R15"]);
  });

  it("name branch targets as pcs, as go tool asm -S prints them", () => {
    expect(a.branchIfZero(R3, 0x100, 0x40).map((i) => i.text)).toEqual(["CMP R3, $0", "BEQ 320"]);
    expect(a.branchCond("le", 0x100, 0x40).map((i) => i.text)).toEqual(["BLE 320"]);
    expect(a.jump(-0x40, 0x40).map((i) => i.text)).toEqual(["JMP 0"]);
  });

  it("keep every branch sequence's size independent of its displacement", () => {
    const size = (insts: { bytes: Uint8Array }[]) => insts.reduce((n, i) => n + i.bytes.length, 0);
    for (const d of [2, -0x1000000, 0x7ffffffe]) {
      expect(size(a.jump(d))).toBe(6);
      expect(size(a.branchCond("lt", d))).toBe(6);
      expect(size(a.branchIfZero(R3, d))).toBe(10);
      expect(size(a.branchIfNonZero(R3, d))).toBe(10);
    }
  });

  it("refuses what the hardware would misread", () => {
    expect(() => a.load(8, false, R3, R0, 8)).toThrow(RangeError);
    expect(() => a.div(R3, R4, 10)).toThrow(RangeError);
    expect(() => a.store(8, 10, R15, 1 << 20)).toThrow(RangeError);
    expect(() => a.jump(3)).toThrow(RangeError);
  });
});

/** What a constant-loading sequence leaves in its destination, by the semantics of the instructions movConst uses. */
function evaluate(insts: Inst[], rd: number): bigint {
  let v = 0n;
  for (const inst of insts) {
    const b = inst.bytes;
    for (let k = 0; k < b.length; ) {
      const [op, ext] = [b[k], b[k + 1] & 15];
      const imm16 = BigInt((b[k + 2] << 8) | b[k + 3]);
      const imm32 = BigInt((((b[k + 2] << 24) | (b[k + 3] << 16) | (b[k + 4] << 8) | b[k + 5]) >>> 0));
      expect(b[k + 1] >> 4).toBe(rd);
      const key = `${op.toString(16)}${ext.toString(16)}`;
      const next: Record<string, () => bigint> = {
        a79: () => BigInt.asIntN(16, imm16), // LGHI
        a5e: () => imm16 << 16n, // LLILH
        a5d: () => imm16 << 32n, // LLIHL
        a5c: () => imm16 << 48n, // LLIHH
        a5b: () => v | imm16, // OILL
        c01: () => BigInt.asIntN(32, imm32), // LGFI
        c0f: () => imm32, // LLILF
        c0e: () => imm32 << 32n, // LLIHF
        c0d: () => v | imm32, // OILF
      };
      if (!next[key]) throw new Error(`unexpected instruction ${key}`);
      v = BigInt.asIntN(64, next[key]());
      k += op === 0xc0 ? 6 : 4;
    }
  }
  return v;
}

describe("s390x movConst", () => {
  it("loads every sampled 64-bit value, in at most two instructions", () => {
    for (const v of constantSamples()) {
      const insts = a.movConst(R9, v);
      expect(evaluate(insts, R9), `0x${BigInt.asUintN(64, v).toString(16)}`).toBe(v);
      expect(insts.reduce((n, i) => n + i.bytes.length, 0)).toBeLessThanOrEqual(12);
    }
  });
});
