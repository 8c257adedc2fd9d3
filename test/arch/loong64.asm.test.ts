// GOARCH=loong64 encoder (arch/loong64/asm.ts). binutils-multiarch 2.40 has
// no LoongArch, so each entry's bytes are checked against Go 1.19's own
// assembler, and its field placement against the reference manual through
// loong64.disasm.ts, a decoder written from the manual's formats; plus its
// relocations.

import { describe, expect, it } from "vitest";
import * as a from "../../arch/loong64/asm.js";
import {
  REGCTXT,
  REGG,
  REGLINK,
  REGMORESTACKLR,
  REGRT1,
  REGSP,
  REGTMP,
  R_LARCH_SOP_POP_32_S_0_10_10_16_S2,
  R_LARCH_SOP_POP_32_S_10_12,
  R_LARCH_SOP_POP_32_S_5_20,
  R_LARCH_SOP_PUSH_ABSOLUTE,
  R_LARCH_SOP_PUSH_PCREL,
  R_LARCH_SOP_PUSH_PLT_PCREL,
  R_LARCH_SOP_SL,
  R_LARCH_SOP_SR,
  R_LARCH_SOP_SUB,
} from "../../arch/loong64/asm.js";
import type { Inst } from "../../arch/machine/inst.js";
import { disasmLoong64 } from "./loong64.disasm.js";
import { goAsm, haveGo } from "./oracle.js";
import { concat } from "./ppc64.harness.js";

type Reloc = [number, number, string, string, number];

interface Case {
  name: string;
  insts: Inst[];
  /** The manual's reading of each machine word, in order. */
  manual: string[];
  /** true: Go assembles the texts to these bytes; string[]: this source holds them at goAt; string: why Go is not asked. */
  go: true | string[] | string;
  goAt?: number;
  relocs?: Reloc[];
}

const c = (name: string, insts: Inst[], manual: string[], go: Case["go"] = true, extra: Partial<Case> = {}): Case => ({
  name,
  insts,
  manual,
  go,
  ...extra,
});

/** Go 1.19's R_CALLLOONG64 on a BL, as cmd/link writes it for external linking. */
const callRelocs = (sym: string): Reloc[] => [
  [0, R_LARCH_SOP_PUSH_PLT_PCREL, "R_LARCH_SOP_PUSH_PLT_PCREL", sym, 0],
  [0, R_LARCH_SOP_POP_32_S_0_10_10_16_S2, "R_LARCH_SOP_POP_32_S_0_10_10_16_S2", "", 0],
];

/** R_ADDRLOONG64U on the PCADDU12I and R_ADDRLOONG64 on the ADDI.D, likewise. */
const addrRelocs = (sym: string, add: number): Reloc[] => [
  [0, R_LARCH_SOP_PUSH_PCREL, "R_LARCH_SOP_PUSH_PCREL", sym, add + 0x800],
  [0, R_LARCH_SOP_PUSH_ABSOLUTE, "R_LARCH_SOP_PUSH_ABSOLUTE", "", 12],
  [0, R_LARCH_SOP_SR, "R_LARCH_SOP_SR", "", 0],
  [0, R_LARCH_SOP_POP_32_S_5_20, "R_LARCH_SOP_POP_32_S_5_20", "", 0],
  [4, R_LARCH_SOP_PUSH_PCREL, "R_LARCH_SOP_PUSH_PCREL", sym, add + 4],
  [4, R_LARCH_SOP_PUSH_PCREL, "R_LARCH_SOP_PUSH_PCREL", sym, add + 0x804],
  [4, R_LARCH_SOP_PUSH_ABSOLUTE, "R_LARCH_SOP_PUSH_ABSOLUTE", "", 12],
  [4, R_LARCH_SOP_SR, "R_LARCH_SOP_SR", "", 0],
  [4, R_LARCH_SOP_PUSH_ABSOLUTE, "R_LARCH_SOP_PUSH_ABSOLUTE", "", 12],
  [4, R_LARCH_SOP_SL, "R_LARCH_SOP_SL", "", 0],
  [4, R_LARCH_SOP_SUB, "R_LARCH_SOP_SUB", "", 0],
  [4, R_LARCH_SOP_POP_32_S_10_12, "R_LARCH_SOP_POP_32_S_10_12", "", 0],
];

const noops = (n: number) => Array.from({ length: n }, () => "NOOP");

const cases: Case[] = [
  // Constants: Go's classes, shortest first, then DCON's four words.
  c("MOVV $0 (OR R0)", a.movConst(4, 0), ["move $a0, $zero"]),
  c("MOVV $5 (ADDI.D)", a.movConst(4, 5), ["addi.d $a0, $zero, 5"]),
  c("MOVV $-2048", a.movConst(4, -2048), ["addi.d $a0, $zero, -2048"]),
  c("MOVV $2047", a.movConst(4, 2047), ["addi.d $a0, $zero, 2047"]),
  c("MOVV $2048 (ORI)", a.movConst(4, 2048), ["ori $a0, $zero, 2048"]),
  c("MOVV $4095", a.movConst(4, 4095), ["ori $a0, $zero, 4095"]),
  c("MOVV $4096 (LU12I.W)", a.movConst(4, 4096), ["lu12i.w $a0, 1"]),
  c("MOVV $0x12345678", a.movConst(4, 0x12345678), ["lu12i.w $a0, 74565", "ori $a0, $a0, 1656"]),
  c("MOVV $-1, R31", a.movConst(31, -1), ["addi.d $s8, $zero, -1"]),
  c("MOVV $MinInt32", a.movConst(4, -0x80000000), ["lu12i.w $a0, -524288"]),
  c("MOVV $0xffffffff (DCON)", a.movConst(4, 0xffffffff), ["lu12i.w $a0, -1", "ori $a0, $a0, 4095", "lu32i.d $a0, 0", "lu52i.d $a0, $a0, 0"]),
  c("MOVV 64-bit", a.movConst(4, 0x123456789abcdef0n), ["lu12i.w $a0, -414771", "ori $a0, $a0, 3824", "lu32i.d $a0, 284280", "lu52i.d $a0, $a0, 291"]),
  c("MOVV $MinInt64", a.movConst(4, -(2n ** 63n)), ["lu12i.w $a0, 0", "ori $a0, $a0, 0", "lu32i.d $a0, 0", "lu52i.d $a0, $a0, -2048"]),
  c("MOVV $MaxUint64 is -1", a.movConst(4, 2n ** 64n - 1n), ["addi.d $a0, $zero, -1"]),

  // Moves and the address load.
  c("MOVV R1, R5 (to morestack)", a.mov(REGMORESTACKLR, REGLINK), ["move $a1, $ra"]),
  c("MOVV $main.x+8(SB)", a.movAddr(4, "main.x", 8), ["pcaddu12i $a0, 0", "addi.d $a0, $a0, 0"], true, { relocs: addrRelocs("main.x", 8) }),
  c("MOVV $main.f(SB), R29", a.movAddr(REGCTXT, "main.f"), ["pcaddu12i $s6, 0", "addi.d $s6, $s6, 0"], true, { relocs: addrRelocs("main.f", 0) }),

  // Loads: every width, Go's BIG of 2046, REGTMP displacements.
  c("MOVV 8(R3), R4", a.load("V", 4, REGSP, 8), ["ld.d $a0, $sp, 8"]),
  c("MOVV 16(g), R19 (stack check)", a.load("V", REGRT1, REGG, 16), ["ld.d $t7, $fp, 16"]),
  c("MOVV (R3), R1", a.load("V", REGLINK, REGSP, 0), ["ld.d $ra, $sp, 0"]),
  c("MOVW -4(R3), R4", a.load("W", 4, REGSP, -4), ["ld.w $a0, $sp, -4"]),
  c("MOVWU 4(R3), R4", a.load("WU", 4, REGSP, 4), ["ld.wu $a0, $sp, 4"]),
  c("MOVH 16(R3), R4", a.load("H", 4, REGSP, 16), ["ld.h $a0, $sp, 16"]),
  c("MOVHU 2(R4), R31", a.load("HU", 31, 4, 2), ["ld.hu $s8, $a0, 2"]),
  c("MOVB 2045(R3), R4", a.load("B", 4, REGSP, 2045), ["ld.b $a0, $sp, 2045"]),
  c("MOVV -2046(R3), R4", a.load("V", 4, REGSP, -2046), ["ld.d $a0, $sp, -2046"]),
  c("MOVBU 2046(R3), R4 (REGTMP)", a.load("BU", 4, REGSP, 2046), ["lu12i.w $s7, 0", "add.d $s7, $s7, $sp", "ld.bu $a0, $s7, 2046"]),
  c("MOVHU -2047(g), R4 (REGTMP)", a.load("HU", 4, REGG, -2047), ["lu12i.w $s7, 0", "add.d $s7, $s7, $fp", "ld.hu $a0, $s7, -2047"]),
  c("MOVW 0x12345678(R3), R4 (REGTMP)", a.load("W", 4, REGSP, 0x12345678), ["lu12i.w $s7, 74565", "add.d $s7, $s7, $sp", "ld.w $a0, $s7, 1656"]),
  c("MOVWU -100000(R3), R4 (REGTMP)", a.load("WU", 4, REGSP, -100000), ["lu12i.w $s7, -24", "add.d $s7, $s7, $sp", "ld.wu $a0, $s7, -1696"]),
  c("MOVV -0x80000000(R3), R30 (REGTMP)", a.load("V", REGTMP, REGSP, -0x80000000), ["lu12i.w $s7, -524288", "add.d $s7, $s7, $sp", "ld.d $s7, $s7, 0"]),

  // Stores.
  c("MOVV R1, -128(R3)", a.store("V", REGLINK, REGSP, -128), ["st.d $ra, $sp, -128"]),
  c("MOVW R4, -4(R3)", a.store("W", 4, REGSP, -4), ["st.w $a0, $sp, -4"]),
  c("MOVH R4, 2(R3)", a.store("H", 4, REGSP, 2), ["st.h $a0, $sp, 2"]),
  c("MOVB R0, 1(R29)", a.store("B", 0, REGCTXT, 1), ["st.b $zero, $s6, 1"]),
  c("MOVB R4, 100000(R3) (REGTMP)", a.store("B", 4, REGSP, 100000), ["lu12i.w $s7, 24", "add.d $s7, $s7, $sp", "st.b $a0, $s7, 1696"]),
  c("MOVV R1, -4000(R3) (REGTMP)", a.store("V", REGLINK, REGSP, -4000), ["lu12i.w $s7, -1", "add.d $s7, $s7, $sp", "st.d $ra, $s7, 96"]),

  // Immediates.
  c("ADDV $-128, R3", a.addImm(REGSP, REGSP, -128), ["addi.d $sp, $sp, -128"]),
  c("ADDV $2047", a.addImm(4, 5, 2047), ["addi.d $a0, $a1, 2047"]),
  c("ADDV $2048 (ORI REGTMP)", a.addImm(4, 5, 2048), ["ori $s7, $zero, 2048", "add.d $a0, $a1, $s7"]),
  c("ADDV $4096 (LU12I.W REGTMP)", a.addImm(4, 5, 4096), ["lu12i.w $s7, 1", "add.d $a0, $a1, $s7"]),
  c("ADDV $-74565 (LU12I.W+ORI REGTMP)", a.addImm(4, 5, -74565), ["lu12i.w $s7, -19", "ori $s7, $s7, 3259", "add.d $a0, $a1, $s7"]),
  c("ADDV 64-bit (DCON REGTMP)", a.addImm(4, 5, 0x123456789n), [
    "lu12i.w $s7, 144470", "ori $s7, $s7, 1929", "lu32i.d $s7, 1", "lu52i.d $s7, $s7, 0", "add.d $a0, $a1, $s7",
  ]),
  c("AND $4095", a.andImm(4, 5, 4095), ["andi $a0, $a1, 4095"]),
  c("AND $1 (deferBits test)", a.andImm(4, 4, 1), ["andi $a0, $a0, 1"]),
  c("AND $-4 (ADDI.W REGTMP)", a.andImm(4, 5, -4), ["addi.w $s7, $zero, -4", "and $a0, $a1, $s7"]),
  c("AND $0x10000", a.andImm(4, 5, 0x10000), ["lu12i.w $s7, 16", "and $a0, $a1, $s7"]),
  c("OR $1, R4", a.orImm(4, 4, 1), ["ori $a0, $a0, 1"]),
  c("XOR $0x12345", a.xorImm(4, 5, 0x12345), ["lu12i.w $s7, 18", "ori $s7, $s7, 837", "xor $a0, $a1, $s7"]),
  c("SGTU $1, R4", a.sgtuImm(4, 1, 4), ["sltui $a0, $a0, 1"]),
  c("SGTU $100000, R3, R20", a.sgtuImm(20, 100000, REGSP), ["lu12i.w $s7, 24", "ori $s7, $s7, 1696", "sltu $t8, $sp, $s7"]),

  // Register-register ALU, both widths.
  c("ADDU", a.addu(4, 5, 6), ["add.w $a0, $a1, $a2"]),
  c("ADDVU", a.addvu(4, 5, 6), ["add.d $a0, $a1, $a2"]),
  c("SUBU", a.subu(4, 5, 6), ["sub.w $a0, $a1, $a2"]),
  c("SUBVU", a.subvu(31, 30, 29), ["sub.d $s8, $s7, $s6"]),
  c("MUL", a.mul(4, 5, 6), ["mul.w $a0, $a1, $a2"]),
  c("MULV", a.mulv(4, 5, 6), ["mul.d $a0, $a1, $a2"]),
  c("DIV", a.div(4, 5, 6), ["div.w $a0, $a1, $a2"]),
  c("DIVU", a.divu(4, 5, 6), ["div.wu $a0, $a1, $a2"]),
  c("REM", a.rem(4, 5, 6), ["mod.w $a0, $a1, $a2"]),
  c("REMU", a.remu(4, 5, 6), ["mod.wu $a0, $a1, $a2"]),
  c("DIVV", a.divv(18, 7, 4), ["div.d $t6, $a3, $a0"]),
  c("DIVVU", a.divvu(4, 5, 6), ["div.du $a0, $a1, $a2"]),
  c("REMV", a.remv(17, 7, 4), ["mod.d $t5, $a3, $a0"]),
  c("REMVU", a.remvu(4, 5, 6), ["mod.du $a0, $a1, $a2"]),
  c("AND", a.and(4, 5, 6), ["and $a0, $a1, $a2"]),
  c("OR", a.or(4, 5, 6), ["or $a0, $a1, $a2"]),
  c("XOR", a.xor(4, 5, 6), ["xor $a0, $a1, $a2"]),
  c("NOR", a.nor(4, 5, 6), ["nor $a0, $a1, $a2"]),
  c("not", a.not(4, 5), ["nor $a0, $a1, $zero"]),
  c("andNot", a.andNot(4, 5, 6), ["nor $s7, $a2, $zero", "and $a0, $a1, $s7"]),
  c("NEGW", a.negw(4, 5), ["sub.w $a0, $zero, $a1"]),
  c("NEGV", a.negv(4, 5), ["sub.d $a0, $zero, $a1"]),
  c("SLL", a.sll(4, 5, 6), ["sll.w $a0, $a1, $a2"]),
  c("SRL", a.srl(4, 5, 6), ["srl.w $a0, $a1, $a2"]),
  c("SRA", a.sra(4, 5, 6), ["sra.w $a0, $a1, $a2"]),
  c("SLLV", a.sllv(4, 5, 6), ["sll.d $a0, $a1, $a2"]),
  c("SRLV", a.srlv(4, 5, 6), ["srl.d $a0, $a1, $a2"]),
  c("SRAV", a.srav(4, 5, 6), ["sra.d $a0, $a1, $a2"]),
  c("SGT", a.sgt(4, 5, 6), ["slt $a0, $a2, $a1"]),
  c("SGTU R3, R19, R19 (stack check)", a.sgtu(REGRT1, REGSP, REGRT1), ["sltu $t7, $t7, $sp"]),

  // Compare-and-set.
  c("setCond eq", a.setCond("eq", 4, 5, 6), ["xor $a0, $a1, $a2", "sltui $a0, $a0, 1"]),
  c("setCond ne", a.setCond("ne", 4, 5, 6), ["xor $a0, $a1, $a2", "sltu $a0, $zero, $a0"]),
  c("setCond lt", a.setCond("lt", 4, 5, 6), ["slt $a0, $a1, $a2"]),
  c("setCond le", a.setCond("le", 4, 5, 6), ["slt $a0, $a2, $a1", "xori $a0, $a0, 1"]),
  c("setCond gt", a.setCond("gt", 4, 5, 6), ["slt $a0, $a2, $a1"]),
  c("setCond ge (rd = a)", a.setCond("ge", 5, 5, 6), ["slt $a1, $a1, $a2", "xori $a1, $a1, 1"]),
  c("setCond ltu", a.setCond("ltu", 4, 5, 6), ["sltu $a0, $a1, $a2"]),
  c("setCond leu", a.setCond("leu", 4, 5, 6), ["sltu $a0, $a2, $a1", "xori $a0, $a0, 1"]),
  c("setCond gtu", a.setCond("gtu", 4, 5, 6), ["sltu $a0, $a2, $a1"]),
  c("setCond geu", a.setCond("geu", 4, 5, 6), ["sltu $a0, $a1, $a2", "xori $a0, $a0, 1"]),

  // Extensions.
  c("MOVB R5, R4", a.extend("B", 4, 5), ["slli.w $a0, $a1, 24", "srai.w $a0, $a0, 24"]),
  c("MOVBU R5, R4", a.extend("BU", 4, 5), ["andi $a0, $a1, 255"]),
  c("MOVH R5, R4", a.extend("H", 4, 5), ["slli.w $a0, $a1, 16", "srai.w $a0, $a0, 16"]),
  c("MOVHU R5, R4", a.extend("HU", 4, 5), ["bstrpick.d $a0, $a1, 15, 0"]),
  c("MOVW R5, R4", a.extend("W", 4, 5), ["sll.w $a0, $a1, $zero"]),
  c("MOVWU R5, R4", a.extend("WU", 4, 5), ["slli.d $a0, $a1, 32", "srli.d $a0, $a0, 32"]),

  // Control flow.
  c("NOOP", a.nop(), ["nop"]),
  c("UNDEF", a.undef(), ["break 0"]),
  c("JMP forward (BEQ R0, R0)", a.jmp(8), ["beq $zero, $zero, 8"], ["JMP 2(PC)", ...noops(2)]),
  c("JMP backward", a.jmp(-12), ["beq $zero, $zero, -12"], [...noops(3), "JMP -3(PC)"], { goAt: 12 }),
  c("JMP +128KiB-4 (last BEQ)", a.jmp(0x1fffc), ["beq $zero, $zero, 131068"], "Go widens branches within 10 bytes of the limit"),
  c("JMP +1MiB (B)", a.jmp(0x100000), ["b 1048576"], "the target lies outside the function, which Go reaches through a relocation"),
  c("JMP -128MiB (B)", a.jmp(-0x8000000), ["b -134217728"], "the target lies outside the function, which Go reaches through a relocation"),
  c("BEQ R4 forward", a.beqz(4, 12), ["beq $a0, $zero, 12"], ["BEQ R4, 3(PC)", ...noops(3)]),
  c("BNE R19 (stack check)", a.bnez(REGRT1, 24), ["bne $t7, $zero, 24"], ["BNE R19, 6(PC)", ...noops(6)]),
  c("BNE R0, R19 (return1's test of deferproc's result)", a.bne(0, REGRT1, 12), ["bne $zero, $t7, 12"], ["BNE R0, R19, 3(PC)", ...noops(3)]),
  c("BNE R31 backward", a.bnez(31, -4), ["bne $s8, $zero, -4"], ["NOOP", "BNE R31, -1(PC)"], { goAt: 4 }),
  c("BEQ -128KiB", a.beqz(4, -0x20000), ["beq $a0, $zero, -131072"], "Go widens branches within 10 bytes of the limit"),
  c("beqzFar near", a.beqzFar(4, 12), ["bne $a0, $zero, 8", "beq $zero, $zero, 8"], ["BNE R4, 2(PC)", "JMP 2(PC)", ...noops(2)]),
  c("beqzFar +1MiB", a.beqzFar(4, 0x100000), ["bne $a0, $zero, 8", "b 1048572"], "the target lies outside the function"),
  c("bnezFar +128MiB-4", a.bnezFar(4, 0x7fffffc), ["beq $a0, $zero, 8", "b 134217720"], "the target lies outside the function"),
  c("CALL runtime.deferreturn(SB)", a.call("runtime.deferreturn"), ["bl 0"], true, { relocs: callRelocs("runtime.deferreturn") }),
  c("CALL runtime.morestack_noctxt(SB)", a.call("runtime.morestack_noctxt"), ["bl 0"], true, { relocs: callRelocs("runtime.morestack_noctxt") }),
  c("CALL (R29)", a.callReg(REGCTXT), ["jirl $ra, $s6, 0"]),
  c("JMP (R1)", a.ret(), ["jirl $zero, $ra, 0"]),

  // Frames, as Go 1.19's prologue and epilogue write them.
  c("saveLR 128", a.saveLR(128), ["st.d $ra, $sp, -128", "addi.d $sp, $sp, -128"]),
  c("restoreLR 128", a.restoreLR(128), ["ld.d $ra, $sp, 0", "addi.d $sp, $sp, 128"]),
  c("saveLR 4000", a.saveLR(4000), [
    "lu12i.w $s7, -1", "add.d $s7, $s7, $sp", "st.d $ra, $s7, 96", "lu12i.w $s7, -1", "ori $s7, $s7, 96", "add.d $sp, $sp, $s7",
  ]),
  c("adjustSP", a.adjustSP(8), ["addi.d $sp, $sp, 8"]),
  c("addSP (the stack check's SP less a large frame)", a.addSP(4, -680), ["addi.d $a0, $sp, -680"]),
  c("addSP -4000 (REGTMP)", a.addSP(4, -4000), ["lu12i.w $s7, -1", "ori $s7, $s7, 96", "add.d $a0, $sp, $s7"]),
];

/** Go assembly source spells the package separator `·`; listings print `.`. */
const toGoSource = (text: string) =>
  text.replace(/([\w.]+)([+-]\d+)?\(SB\)/g, (_m, sym: string, add = "") => `${sym.replace(/\./g, "·")}${add}(SB)`);

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("loong64 encodings", () => {
  for (const k of cases) {
    const bytes = concat(k.insts);

    it(`${k.name}: the manual reads ${k.manual.join("; ")}`, () => {
      for (const x of k.insts) expect(x.bytes.length % 4).toBe(0);
      expect(disasmLoong64(bytes)).toEqual(k.manual);
    });

    it(`${k.name}: relocations`, () => {
      const got: Reloc[] = [];
      let at = 0;
      for (const x of k.insts) {
        for (const r of x.relocs ?? []) got.push([at + r.off, r.type, r.typeName, r.sym, r.add]);
        at += x.bytes.length;
      }
      expect(got).toEqual(k.relocs ?? []);
    });

    if (typeof k.go === "string") continue;
    const src = k.go === true ? k.insts.map((x) => toGoSource(x.text)) : k.go;
    const at = k.goAt ?? 0;
    it.skipIf(!haveGo())(`${k.name}: go tool asm agrees (${src.join("; ")})`, () => {
      expect(hex(goAsm("loong64", src).subarray(at, at + bytes.length))).toBe(hex(bytes));
    });
  }
});

describe("loong64 encoder limits", () => {
  it("rejects what the form cannot encode", () => {
    expect(() => a.beqz(4, 0x20000)).toThrow(RangeError);
    expect(() => a.jmp(0x8000000)).toThrow(RangeError);
    expect(() => a.jmp(2)).toThrow(RangeError);
    expect(() => a.andImm(4, 5, 2 ** 32)).toThrow(RangeError);
    expect(() => a.movConst(4, 2n ** 64n)).toThrow(RangeError);
    expect(() => a.load("V", 4, REGTMP, 4000)).toThrow(RangeError);
    expect(() => a.store("V", REGTMP, REGSP, 4000)).toThrow(RangeError);
    expect(() => a.addImm(4, REGTMP, 4000)).toThrow(RangeError);
    expect(() => a.load("V", 4, REGSP, 2 ** 31)).toThrow(RangeError);
    expect(() => a.mov(32, 1)).toThrow(RangeError);
  });

  it("keeps branch sequences the same size at any displacement", () => {
    for (const d of [4, -0x20000, 0x1fffc]) expect([...a.jmp(d), ...a.beqz(4, d), ...a.bnez(4, d)].length).toBe(3);
    for (const d of [8, 0x100000, -0x7fffffc]) {
      expect(concat(a.jmp(d)).length).toBe(4);
      expect(concat(a.beqzFar(4, d)).length).toBe(8);
      expect(concat(a.bnezFar(4, d)).length).toBe(8);
    }
  });
});
