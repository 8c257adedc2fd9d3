// arch/riscv64/asm.ts against GNU objdump (riscv:rv64, which prints ABI
// register names and its own aliases, e.g. `add t0,t0,1656` for ADDI) and
// Go's assembler (GOARCH=riscv64).

import { describe, expect, it } from "vitest";
import * as a from "../../arch/riscv64/asm.js";
import { checkEncodings, constantSamples, type EncodingCase } from "./ppc64.harness.js";
import type { Inst } from "../../arch/machine/inst.js";

const { REGSP: SP, REGG: G, REGLR: X1, REGZERO: X0 } = a;
const [X5, X6, X7, X10, X26, X30] = [5, 6, 7, 10, 26, 30];

const FAR_JUMP = "Go encodes a near JMP or branch as one JAL or B-type instruction";

const cases: EncodingCase[] = [
  // Constants: Go's MOV for int32, the recursive build past that.
  { name: "movConst 0", insts: a.movConst(X5, 0), gnu: ["li t0,0"], go: true },
  { name: "movConst int12 min", insts: a.movConst(X5, -2048), gnu: ["li t0,-2048"], go: true },
  { name: "movConst int12 max", insts: a.movConst(X5, 2047), gnu: ["li t0,2047"], go: true },
  { name: "movConst LUI only", insts: a.movConst(X5, 4096), gnu: ["lui t0,0x1"], go: true },
  { name: "movConst int32", insts: a.movConst(X5, 0x12345678), gnu: ["lui t0,0x12345", "addw t0,t0,1656"], go: true },
  { name: "movConst int32 rounding up", insts: a.movConst(X5, 0x12345fff), gnu: ["lui t0,0x12346", "addw t0,t0,-1"], go: true },
  { name: "movConst int32 max", insts: a.movConst(X5, 0x7fffffff), gnu: ["lui t0,0x80000", "addw t0,t0,-1"], go: true },
  { name: "movConst int32 min", insts: a.movConst(X5, -0x80000000), gnu: ["lui t0,0x80000"], go: true },
  { name: "movConst 2^31", insts: a.movConst(X5, 0x80000000), gnu: ["li t0,1", "sll t0,t0,0x1f"], go: true },
  { name: "movConst uint32 max", insts: a.movConst(X5, 0xffffffff), gnu: ["li t0,1", "sll t0,t0,0x20", "add t0,t0,-1"], go: true },
  {
    name: "movConst 64-bit",
    insts: a.movConst(X5, 0x123456789abcdef0n),
    gnu: ["lui t0,0x247", "addw t0,t0,-1875", "sll t0,t0,0xe", "add t0,t0,-947", "sll t0,t0,0xc", "add t0,t0,1511", "sll t0,t0,0xd", "add t0,t0,-272"],
    go: true,
  },
  { name: "movConst int64 min", insts: a.movConst(X30, -(1n << 63n)), gnu: ["li t5,-1", "sll t5,t5,0x3f"], go: true },
  { name: "movConst int64 max", insts: a.movConst(X5, (1n << 63n) - 1n), gnu: ["li t0,1", "sll t0,t0,0x3f", "add t0,t0,-1"], go: true },

  { name: "move", insts: a.move(X5, X6), gnu: ["mv t0,t1"], go: true },
  { name: "move high registers", insts: a.move(X30, G), gnu: ["mv t5,s11"], go: true },

  // Loads: 12-bit displacements, Go's LUI+ADD through X31 beyond.
  { name: "load 8", insts: a.load(8, false, X5, SP, 8), gnu: ["ld t0,8(sp)"], go: true },
  { name: "load 8 at 0", insts: a.load(8, true, X5, SP, 0), gnu: ["ld t0,0(sp)"], go: true },
  { name: "load 8 int12 min", insts: a.load(8, false, X5, SP, -2048), gnu: ["ld t0,-2048(sp)"], go: true },
  { name: "load 8 int12 max", insts: a.load(8, false, X5, SP, 2047), gnu: ["ld t0,2047(sp)"], go: true },
  { name: "load 8 via X31", insts: a.load(8, false, X5, SP, 2048), gnu: ["lui t6,0x1", "add t6,t6,sp", "ld t0,-2048(t6)"], go: true },
  { name: "load 8 large", insts: a.load(8, false, X5, SP, 0x12345), gnu: ["lui t6,0x12", "add t6,t6,sp", "ld t0,837(t6)"], go: true },
  { name: "load 8 large negative", insts: a.load(8, false, X5, SP, -0x12345), gnu: ["lui t6,0xfffee", "add t6,t6,sp", "ld t0,-837(t6)"], go: true },
  {
    name: "load 8 where the high part overflows",
    insts: a.load(8, false, X5, SP, 0x7ffff800),
    gnu: ["lui t6,0x80000", "addw t6,t6,-2048", "add t6,t6,sp", "ld t0,0(t6)"],
    go: true,
  },
  { name: "load 8 beyond int32", insts: a.load(8, false, X5, SP, 2 ** 33), gnu: ["li t6,1", "sll t6,t6,0x21", "add t6,t6,sp", "ld t0,0(t6)"], go: true },
  { name: "load g.stackguard0", insts: a.load(8, false, X6, G, a.G_STACKGUARD0), gnu: ["ld t1,16(s11)"], go: true },
  { name: "load 4 signed", insts: a.load(4, true, X5, SP, 8), gnu: ["lw t0,8(sp)"], go: true },
  { name: "load 4 unsigned", insts: a.load(4, false, X5, SP, 8), gnu: ["lwu t0,8(sp)"], go: true },
  { name: "load 2 signed", insts: a.load(2, true, X5, SP, 8), gnu: ["lh t0,8(sp)"], go: true },
  { name: "load 2 unsigned", insts: a.load(2, false, X5, SP, 8), gnu: ["lhu t0,8(sp)"], go: true },
  { name: "load 1 signed", insts: a.load(1, true, X5, SP, -1), gnu: ["lb t0,-1(sp)"], go: true },
  { name: "load 1 unsigned", insts: a.load(1, false, X30, X26, 1), gnu: ["lbu t5,1(s10)"], go: true },

  { name: "store 8", insts: a.store(8, X5, SP, 8), gnu: ["sd t0,8(sp)"], go: true },
  { name: "store 4", insts: a.store(4, X5, SP, -2048), gnu: ["sw t0,-2048(sp)"], go: true },
  { name: "store 2", insts: a.store(2, X5, SP, 2047), gnu: ["sh t0,2047(sp)"], go: true },
  { name: "store 1", insts: a.store(1, X0, SP, 8), gnu: ["sb zero,8(sp)"], go: true },
  { name: "store 8 large", insts: a.store(8, X5, SP, 0x12345), gnu: ["lui t6,0x12", "add t6,t6,sp", "sd t0,837(t6)"], go: true },

  // Immediate adds.
  { name: "addImm int12", insts: a.addImm(SP, SP, -168), gnu: ["add sp,sp,-168"], go: true },
  { name: "addImm int12 max", insts: a.addImm(X5, X6, 2047), gnu: ["add t0,t1,2047"], go: true },
  { name: "addImm int32", insts: a.addImm(X5, X6, 0x12345), gnu: ["lui t6,0x12", "addw t6,t6,837", "add t0,t1,t6"], go: true },
  { name: "addImm 4096", insts: a.addImm(SP, SP, 4096), gnu: ["lui t6,0x1", "add sp,sp,t6"], go: true },
  { name: "addImm 64-bit", insts: a.addImm(X5, X6, 1n << 40n), gnu: ["li t6,1", "sll t6,t6,0x28", "add t0,t1,t6"], go: true },

  // Register-register ALU.
  { name: "add 64", insts: a.add(X5, X6, X7), gnu: ["add t0,t1,t2"], go: true },
  { name: "add 32", insts: a.add(X5, X6, X7, 32), gnu: ["addw t0,t1,t2"], go: true },
  { name: "sub 64", insts: a.sub(X5, X6, X7), gnu: ["sub t0,t1,t2"], go: true },
  { name: "sub 32", insts: a.sub(X5, X6, X7, 32), gnu: ["subw t0,t1,t2"], go: true },
  { name: "mul 64", insts: a.mul(X5, X6, X7), gnu: ["mul t0,t1,t2"], go: true },
  { name: "mul 32", insts: a.mul(X5, X6, X7, 32), gnu: ["mulw t0,t1,t2"], go: true },
  { name: "div 64", insts: a.div(X5, X6, X7), gnu: ["div t0,t1,t2"], go: true },
  { name: "div 32", insts: a.div(X5, X6, X7, 32), gnu: ["divw t0,t1,t2"], go: true },
  { name: "divu 64", insts: a.divu(X5, X6, X7), gnu: ["divu t0,t1,t2"], go: true },
  { name: "divu 32", insts: a.divu(X5, X6, X7, 32), gnu: ["divuw t0,t1,t2"], go: true },
  { name: "rem 64", insts: a.rem(X5, X6, X7), gnu: ["rem t0,t1,t2"], go: true },
  { name: "rem 32", insts: a.rem(X5, X6, X7, 32), gnu: ["remw t0,t1,t2"], go: true },
  { name: "remu 64", insts: a.remu(X5, X6, X7), gnu: ["remu t0,t1,t2"], go: true },
  { name: "remu 32", insts: a.remu(X5, X6, X7, 32), gnu: ["remuw t0,t1,t2"], go: true },
  { name: "and", insts: a.and(X5, X6, X7), gnu: ["and t0,t1,t2"], go: true },
  { name: "or", insts: a.or(X5, X6, X7), gnu: ["or t0,t1,t2"], go: true },
  { name: "xor", insts: a.xor(X5, X6, X7), gnu: ["xor t0,t1,t2"], go: true },
  { name: "andNot", insts: a.andNot(X5, X6, X7), gnu: ["not t6,t2", "and t0,t1,t6"], go: true },
  { name: "shl 64", insts: a.shl(X5, X6, X7), gnu: ["sll t0,t1,t2"], go: true },
  { name: "shl 32", insts: a.shl(X5, X6, X7, 32), gnu: ["sllw t0,t1,t2"], go: true },
  { name: "sar 64", insts: a.sar(X5, X6, X7), gnu: ["sra t0,t1,t2"], go: true },
  { name: "sar 32", insts: a.sar(X5, X6, X7, 32), gnu: ["sraw t0,t1,t2"], go: true },
  { name: "shr 64", insts: a.shr(X5, X6, X7), gnu: ["srl t0,t1,t2"], go: true },
  { name: "shr 32", insts: a.shr(X5, X6, X7, 32), gnu: ["srlw t0,t1,t2"], go: true },
  { name: "neg 64", insts: a.neg(X5, X6), gnu: ["neg t0,t1"], go: true },
  { name: "neg 32", insts: a.neg(X5, X6, 32), gnu: ["negw t0,t1"], go: true },
  { name: "not", insts: a.not(X5, X6), gnu: ["not t0,t1"], go: true },

  { name: "signExtend 8", insts: a.signExtend(8, X5, X6), gnu: ["sll t0,t1,0x38", "sra t0,t0,0x38"], go: true },
  { name: "signExtend 16", insts: a.signExtend(16, X5, X6), gnu: ["sll t0,t1,0x30", "sra t0,t0,0x30"], go: true },
  { name: "signExtend 32", insts: a.signExtend(32, X5, X6), gnu: ["sext.w t0,t1"], go: true },
  { name: "zeroExtend 8", insts: a.zeroExtend(8, X5, X6), gnu: ["zext.b t0,t1"], go: true },
  { name: "zeroExtend 16", insts: a.zeroExtend(16, X5, X6), gnu: ["sll t0,t1,0x30", "srl t0,t0,0x30"], go: true },
  { name: "zeroExtend 32", insts: a.zeroExtend(32, X5, X6), gnu: ["sll t0,t1,0x20", "srl t0,t0,0x20"], go: true },

  // Compare-and-set.
  { name: "setCond eq", insts: a.setCond("eq", X5, X6, X7), gnu: ["sub t6,t1,t2", "seqz t0,t6"], go: true },
  { name: "setCond ne", insts: a.setCond("ne", X5, X6, X7), gnu: ["sub t6,t1,t2", "snez t0,t6"], go: true },
  { name: "setCond lt", insts: a.setCond("lt", X5, X6, X7), gnu: ["slt t0,t1,t2"], go: true },
  { name: "setCond gt", insts: a.setCond("gt", X5, X6, X7), gnu: ["slt t0,t2,t1"], go: true },
  { name: "setCond le", insts: a.setCond("le", X5, X6, X7), gnu: ["slt t0,t2,t1", "xor t0,t0,1"], go: true },
  { name: "setCond ge", insts: a.setCond("ge", X5, X6, X7), gnu: ["slt t0,t1,t2", "xor t0,t0,1"], go: true },
  { name: "setCond ltu", insts: a.setCond("ltu", X5, X6, X7), gnu: ["sltu t0,t1,t2"], go: true },
  { name: "setCond gtu", insts: a.setCond("gtu", X5, X6, X7), gnu: ["sltu t0,t2,t1"], go: true },
  { name: "setCond leu", insts: a.setCond("leu", X5, X6, X7), gnu: ["sltu t0,t2,t1", "xor t0,t0,1"], go: true },
  { name: "setCond geu", insts: a.setCond("geu", X5, X6, X7), gnu: ["sltu t0,t1,t2", "xor t0,t0,1"], go: true },

  // Branches: targets relative to the sequence's first byte, which objdump places at 0.
  { name: "jump", insts: a.jump(0x100000), gnu: ["auipc t6,0x100", "jr t6"], go: FAR_JUMP },
  { name: "jump rounding", insts: a.jump(0x100800), gnu: ["auipc t6,0x101", "jr -2048(t6)"], go: FAR_JUMP },
  { name: "jump backwards", insts: a.jump(-8), gnu: ["auipc t6,0x0", "jr -8(t6)"], go: FAR_JUMP },
  {
    name: "jump near, as Go spells the pair",
    insts: a.jump(8),
    gnu: ["auipc t6,0x0", "jr 8(t6)"],
    go: ["AUIPC $0, X31", "JALR X0, 8(X31)"],
  },
  { name: "branchIfZero", insts: a.branchIfZero(X5, 0x100000), gnu: ["bnez t0,0xc", "auipc t6,0x100", "jr -4(t6)"], go: FAR_JUMP },
  { name: "branchIfNonZero", insts: a.branchIfNonZero(X10, -0x100000), gnu: ["beqz a0,0xc", "auipc t6,0xfff00", "jr -4(t6)"], go: FAR_JUMP },
  {
    name: "branchCompare, as Go spells it",
    insts: a.branchCompare("lt", X5, X6, 16),
    gnu: ["bge t0,t1,0xc", "auipc t6,0x0", "jr 12(t6)"],
    go: ["BGE X5, X6, 3(PC)", "AUIPC $0, X31", "JALR X0, 12(X31)", "ADDI $0, X0, X0"],
  },
  { name: "branchCompare leu (stack check)", insts: a.branchCompare("leu", SP, X6, 64), gnu: ["bltu t1,sp,0xc", "auipc t6,0x0", "jr 60(t6)"], go: FAR_JUMP },
  { name: "branchCompare gt", insts: a.branchCompare("gt", X5, X6, 64), gnu: ["bge t1,t0,0xc", "auipc t6,0x0", "jr 60(t6)"], go: FAR_JUMP },
  { name: "branchCompare le", insts: a.branchCompare("le", X5, X6, 64), gnu: ["blt t1,t0,0xc", "auipc t6,0x0", "jr 60(t6)"], go: FAR_JUMP },
  { name: "branchCompare gtu", insts: a.branchCompare("gtu", X5, X6, 64), gnu: ["bgeu t1,t0,0xc", "auipc t6,0x0", "jr 60(t6)"], go: FAR_JUMP },
  { name: "branchCompare geu", insts: a.branchCompare("geu", X5, X6, 64), gnu: ["bltu t0,t1,0xc", "auipc t6,0x0", "jr 60(t6)"], go: FAR_JUMP },
  { name: "branchCompare eq", insts: a.branchCompare("eq", X5, X6, 64), gnu: ["bne t0,t1,0xc", "auipc t6,0x0", "jr 60(t6)"], go: FAR_JUMP },

  // Calls, symbols, returns.
  {
    name: "call",
    insts: a.call("runtime.deferreturn"),
    gnu: ["auipc ra,0x0", "jalr ra"],
    go: "Go 1.19 encodes CALL as one JAL with R_RISCV_JAL and linker trampolines",
    relocs: [[0, 19, "R_RISCV_CALL_PLT", "runtime.deferreturn", 0]],
  },
  {
    name: "call with X5 as the link (morestack)",
    insts: a.call("runtime.morestack_noctxt", a.REGMORESTACKLR),
    gnu: ["auipc t0,0x0", "jalr t0,t0"],
    go: "Go 1.19 encodes JAL to a symbol as one JAL with R_RISCV_JAL and linker trampolines",
    relocs: [[0, 19, "R_RISCV_CALL_PLT", "runtime.morestack_noctxt", 0]],
  },
  { name: "call pair, as Go spells its halves", insts: a.call("runtime.deferreturn"), gnu: ["auipc ra,0x0", "jalr ra"], go: ["AUIPC $0, X1", "JALR X1, 0(X1)"], relocs: [[0, 19, "R_RISCV_CALL_PLT", "runtime.deferreturn", 0]] },
  { name: "callReg", insts: a.callReg(X5), gnu: ["jalr t0"], go: true },
  { name: "ret", insts: a.ret(), gnu: ["ret"], go: true },
  {
    name: "loadAddr",
    insts: a.loadAddr(X5, "main.x"),
    gnu: ["auipc t0,0x0", "mv t0,t0"],
    go: true,
    relocs: [
      [0, 23, "R_RISCV_PCREL_HI20", "main.x", 0],
      [4, 24, "R_RISCV_PCREL_LO12_I", "main.x", 0],
    ],
  },
  {
    name: "loadAddr with addend",
    insts: a.loadAddr(X10, "main.x", 16),
    gnu: ["auipc a0,0x0", "mv a0,a0"],
    go: true,
    relocs: [
      [0, 23, "R_RISCV_PCREL_HI20", "main.x", 16],
      [4, 24, "R_RISCV_PCREL_LO12_I", "main.x", 16],
    ],
  },
  { name: "nop", insts: a.nop(), gnu: ["nop"], go: true },
  { name: "trap", insts: a.trap(), gnu: ["ebreak"], go: true },

  // The link register and the frame.
  { name: "saveLR", insts: a.saveLR(168), gnu: ["sd ra,-168(sp)", "add sp,sp,-168"], go: true },
  {
    name: "saveLR large frame",
    insts: a.saveLR(0x10000),
    gnu: ["lui t6,0xffff0", "add t6,t6,sp", "sd ra,0(t6)", "lui t6,0xffff0", "add sp,sp,t6"],
    go: "Go's assembler tracks SP adjustments and rejects a net negative one in the NOFRAME test function",
  },
  { name: "restoreLR", insts: a.restoreLR(168), gnu: ["ld ra,0(sp)", "add sp,sp,168"], go: true },
];

checkEncodings({ goarch: "riscv64", machine: "riscv:rv64" }, cases);

describe("riscv64 texts", () => {
  it("spell registers and operands as Go does", () => {
    expect(a.load(8, false, X6, G, 16).map((i) => i.text)).toEqual(["MOV 16(g), X6"]);
    expect(a.store(8, X1, SP, 0).map((i) => i.text)).toEqual(["MOV X1, (SP)"]);
    expect(a.call("runtime.deferreturn")[0].text).toBe("CALL runtime.deferreturn(SB)");
    expect(a.call("runtime.morestack", a.REGMORESTACKLR)[0].text).toBe("JAL X5, runtime.morestack(SB)");
    expect(a.branchIfZero(X5, 0x100).map((i) => i.text)).toEqual(["BNE X5, X0, $12", "AUIPC $0, X31", "JALR X0, 252(X31)"]);
  });

  it("keep every branch sequence's size independent of its displacement", () => {
    const size = (insts: { bytes: Uint8Array }[]) => insts.reduce((n, i) => n + i.bytes.length, 0);
    for (const d of [4, -0x1000000, 0x7ffff7fc]) {
      expect(size(a.jump(d))).toBe(8);
      expect(size(a.branchIfZero(X5, d))).toBe(12);
      expect(size(a.branchIfNonZero(X5, d))).toBe(12);
      expect(size(a.branchCompare("geu", X5, X6, d))).toBe(12);
    }
  });

  it("refuses what it cannot encode", () => {
    expect(() => a.load(8, false, X5, a.REGTMP, 4096)).toThrow(RangeError);
    expect(() => a.store(8, a.REGTMP, SP, 4096)).toThrow(RangeError);
    expect(() => a.jump(6)).toThrow(RangeError);
    expect(() => a.jump(0x80000000)).toThrow(RangeError);
  });
});

/** What a constant-loading sequence leaves in its destination, by the RV64I semantics of LUI, ADDIW, ADDI and SLLI. */
function evaluate(insts: Inst[], rd: number): bigint {
  let v = 0n;
  for (const inst of insts) {
    const view = new DataView(inst.bytes.buffer, inst.bytes.byteOffset, inst.bytes.byteLength);
    for (let k = 0; k < inst.bytes.length; k += 4) {
      const w = view.getUint32(k, true);
      const [opcode, f3, rs1] = [w & 0x7f, (w >>> 12) & 7, (w >>> 15) & 31];
      const imm = BigInt(w >> 20);
      expect((w >>> 7) & 31).toBe(rd);
      if (opcode === 0x37) v = BigInt.asIntN(32, BigInt(w & 0xfffff000));
      else if (opcode === 0x1b && f3 === 0) v = BigInt.asIntN(32, v + imm);
      else if (opcode === 0x13 && f3 === 0) v = BigInt.asIntN(64, (rs1 === 0 ? 0n : v) + imm);
      else if (opcode === 0x13 && f3 === 1) v = BigInt.asIntN(64, v << (imm & 63n));
      else throw new Error(`unexpected instruction ${w.toString(16)}`);
    }
  }
  return v;
}

describe("riscv64 movConst", () => {
  it("loads every sampled 64-bit value, in at most eight instructions", () => {
    for (const v of constantSamples()) {
      const insts = a.movConst(X5, v);
      expect(evaluate(insts, X5), `0x${BigInt.asUintN(64, v).toString(16)}`).toBe(v);
      expect(insts.reduce((n, i) => n + i.bytes.length, 0)).toBeLessThanOrEqual(32);
    }
  });
});
