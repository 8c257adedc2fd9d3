// arm (32-bit, ARMv7) encoder (arch/arm/asm.ts) against GNU objdump and Go's assembler.

import { describe, expect, it } from "vitest";
import * as a from "../../arch/arm/asm.js";
import type { Inst } from "../../arch/machine/inst.js";
import { goAsm, haveGo, haveObjdump, objdumpRaw } from "./oracle.js";

// The encoder targets ARMv7; Go 1.19 defaults to GOARM=5 when cross-compiling,
// which would load 16-bit constants from its literal pool instead of MOVW.
process.env.GOARM = "7";

interface Case {
  name: string;
  insts: Inst[];
  /** objdump's text for each instruction. */
  gnu: string[];
  /** Go source that must assemble to the same bytes: the texts unless given; null skips (see the entry's comment). */
  go?: string[] | null;
}

const c = (name: string, insts: Inst | Inst[], gnu: string[], go?: string[] | null): Case => ({
  name,
  insts: Array.isArray(insts) ? insts : [insts],
  gnu,
  go,
});

// Sequences with a MOVT are objdump-only: Go's assembler has no MOVT and
// loads such constants from its literal pool.
const cases: Case[] = [
  // Branches (assembled alone for Go, see below).
  c("JMP forward", a.jmp(8), ["b 0x8"]),
  c("JMP backward", a.jmp(-12), ["b 0xfffffff4"]),
  c("BLS forward", a.bcond("LS", 8), ["bls 0x8"]),
  c("BHS backward", a.bcond("HS", -4), ["bcs 0xfffffffc"]),
  c("BLO", a.bcond("LO", 12), ["bcc 0xc"]),
  c("beqz short", a.beqz(a.R1, 12), ["cmp r1, #0", "beq 0xc"]),
  c("bnez short", a.bnez(a.R12, -8), ["cmp ip, #0", "bne 0xfffffff8"]),
  // Far targets lie outside the function Go assembles: objdump only.
  c("JMP +32MiB", a.jmp(0x2000004), ["b 0x2000004"], null),
  c("JMP -32MiB", a.jmp(-0x1fffff8), ["b 0xfe000008"], null),
  c("beqz +1MiB", a.beqz(a.R2, 0x100000), ["cmp r2, #0", "beq 0x100000"], null),
  c("bnez -1MiB", a.bnez(a.R3, -0x100000), ["cmp r3, #0", "bne 0xfff00000"], null),

  // Constants.
  c("MOVW $0", a.movConst(a.R1, 0), ["mov r1, #0"]),
  c("MOVW $255", a.movConst(a.R1, 255), ["mov r1, #255 @ 0xff"]),
  c("MOVW $0xff000000", a.movConst(a.R1, 0xff000000), ["mov r1, #-16777216 @ 0xff000000"]),
  c("MOVW $0xf000000f", a.movConst(a.R14, 0xf000000f), ["mov lr, #-268435441 @ 0xf000000f"]),
  c("MOVW $-1 (MVN)", a.movConst(a.R1, -1), ["mvn r1, #0"]),
  c("MOVW $-256 (MVN)", a.movConst(a.R1, -256), ["mvn r1, #255 @ 0xff"]),
  c("MOVW $0x1234 (MOVW)", a.movConst(a.R1, 0x1234), ["movw r1, #4660 @ 0x1234"]),
  c("MOVW $65535", a.movConst(a.R12, 0xffff), ["movw ip, #65535 @ 0xffff"]),
  c("MOVW $0x12345678", a.movConst(a.R1, 0x12345678), ["movw r1, #22136 @ 0x5678", "movt r1, #4660 @ 0x1234"], null),
  c("MOVW $0x12340000", a.movConst(a.R1, 0x12340000), ["mov r1, #0", "movt r1, #4660 @ 0x1234"], null),
  c("MOVW $-5000", a.movConst(a.R1, -5000), ["movw r1, #60536 @ 0xec78", "movt r1, #65535 @ 0xffff"], null),
  c("MOVW $MinInt32", a.movConst(a.R1, -0x80000000), ["mov r1, #-2147483648 @ 0x80000000"]),
  c("MOVW $MaxInt32 (MVN)", a.movConst(a.R1, 0x7fffffff), ["mvn r1, #-2147483648 @ 0x80000000"]),
  c("MOVW.EQ $1", a.movConst(a.R0, 1, "EQ"), ["moveq r0, #1"]),
  c("MOVW.CS $0x12345678", a.movConst(a.R0, 0x12345678, "HS"), ["movwcs r0, #22136 @ 0x5678", "movtcs r0, #4660 @ 0x1234"], null),

  // Moves and extensions.
  c("MOVW R2, R1", a.movReg(a.R1, a.R2), ["mov r1, r2"]),
  c("MOVW R14, R3", a.movReg(a.R3, a.REGLINK), ["mov r3, lr"]),
  c("MOVW.NE R2, R1", a.movReg(a.R1, a.R2, "NE"), ["movne r1, r2"]),
  c("MOVBS R1@>0, R2", a.signExtend(a.R2, a.R1, 8), ["sxtb r2, r1"]),
  c("MOVHS R1@>0, R2", a.signExtend(a.R2, a.R1, 16), ["sxth r2, r1"]),
  c("MOVBU R1@>0, R2", a.zeroExtend(a.R2, a.R1, 8), ["uxtb r2, r1"]),
  c("MOVHU R12@>0, R14", a.zeroExtend(a.R14, a.R12, 16), ["uxth lr, ip"]),

  // Loads: immediate offsets to their limits, then REGTMP.
  c("MOVW 8(g)", a.load("MOVW", a.R1, a.REGG, 8), ["ldr r1, [sl, #8]"]),
  c("MOVW 4095(R1)", a.load("MOVW", a.R2, a.R1, 4095), ["ldr r2, [r1, #4095] @ 0xfff"]),
  c("MOVW -4095(R1)", a.load("MOVW", a.R2, a.R1, -4095), ["ldr r2, [r1, #-4095] @ 0xfffff001"]),
  c("MOVBU 0(R13)", a.load("MOVBU", a.R0, a.REGSP, 0), ["ldrb r0, [sp]"]),
  c("MOVBU -4095(R1)", a.load("MOVBU", a.R2, a.R1, -4095), ["ldrb r2, [r1, #-4095] @ 0xfffff001"]),
  c("MOVB 255(R1)", a.load("MOVB", a.R2, a.R1, 255), ["ldrsb r2, [r1, #255] @ 0xff"]),
  c("MOVH -255(R1)", a.load("MOVH", a.R2, a.R1, -255), ["ldrsh r2, [r1, #-255] @ 0xffffff01"]),
  c("MOVHU 8(R1)", a.load("MOVHU", a.R2, a.R1, 8), ["ldrh r2, [r1, #8]"]),
  c("MOVW 4096(R1) via REGTMP", a.load("MOVW", a.R2, a.R1, 4096), ["mov fp, #4096 @ 0x1000", "ldr r2, [r1, fp]"]),
  c("MOVW -5000(R13) via REGTMP", a.load("MOVW", a.R2, a.REGSP, -5000), ["movw fp, #5000 @ 0x1388", "ldr r2, [sp, -fp]"]),
  c("MOVBU 5000(R1) via REGTMP", a.load("MOVBU", a.R2, a.R1, 5000), ["movw fp, #5000 @ 0x1388", "ldrb r2, [r1, fp]"]),
  c("MOVB 256(R1) via REGTMP", a.load("MOVB", a.R2, a.R1, 256), ["mov fp, #256 @ 0x100", "ldrsb r2, [r1, fp]"]),
  c("MOVH -256(R1) via REGTMP", a.load("MOVH", a.R2, a.R1, -256), ["mov fp, #256 @ 0x100", "ldrsh r2, [r1, -fp]"]),
  c("MOVHU 4095(R1) via REGTMP", a.load("MOVHU", a.R2, a.R1, 4095), ["movw fp, #4095 @ 0xfff", "ldrh r2, [r1, fp]"]),
  c("MOVW -70000(R13) via REGTMP", a.load("MOVW", a.R2, a.REGSP, -70000), ["movw fp, #4464 @ 0x1170", "movt fp, #1", "ldr r2, [sp, -fp]"], null),
  c("MOVW into REGTMP via REGTMP", a.load("MOVW", a.REGTMP, a.R1, 5000), ["movw fp, #5000 @ 0x1388", "ldr fp, [r1, fp]"]),

  // Stores.
  c("MOVW R2, 4095(R1)", a.store("MOVW", a.R2, a.R1, 4095), ["str r2, [r1, #4095] @ 0xfff"]),
  c("MOVB R2, -4095(R1)", a.store("MOVB", a.R2, a.R1, -4095), ["strb r2, [r1, #-4095] @ 0xfffff001"]),
  c("MOVH R2, 255(R1)", a.store("MOVH", a.R2, a.R1, 255), ["strh r2, [r1, #255] @ 0xff"]),
  c("MOVH R2, -255(R1)", a.store("MOVH", a.R2, a.R1, -255), ["strh r2, [r1, #-255] @ 0xffffff01"]),
  c("MOVH R2, -4095(R1) via REGTMP", a.store("MOVH", a.R2, a.R1, -4095), ["movw fp, #4095 @ 0xfff", "strh r2, [r1, -fp]"]),
  c("MOVW R14, 4096(R13) via REGTMP", a.store("MOVW", a.REGLINK, a.REGSP, 4096), ["mov fp, #4096 @ 0x1000", "str lr, [sp, fp]"]),
  c("MOVB R2, -8192(R1) via REGTMP", a.store("MOVB", a.R2, a.R1, -8192), ["mov fp, #8192 @ 0x2000", "strb r2, [r1, -fp]"]),
  c("MOVW R0, 0x10000(R1) via REGTMP", a.store("MOVW", a.R0, a.R1, 0x10000), ["mov fp, #65536 @ 0x10000", "str r0, [r1, fp]"]),

  // The link register in the frame (Go's prologue and epilogue).
  c("MOVW.W R14, -8(R13)", a.storePreIndex(a.REGLINK, a.REGSP, -8), ["str lr, [sp, #-8]!"]),
  c("MOVW.W R14, -4095(R13)", a.storePreIndex(a.REGLINK, a.REGSP, -4095), ["str lr, [sp, #-4095]! @ 0xfffff001"]),
  c("MOVW.W R14, -5064(R13) via REGTMP", a.storePreIndex(a.REGLINK, a.REGSP, -5064), ["movw fp, #5064 @ 0x13c8", "str lr, [sp, -fp]!"]),
  c("MOVW.P 8(R13), R15", a.loadPostIndex(a.REGPC, a.REGSP, 8), ["ldr pc, [sp], #8"]),
  c("MOVW.P 5064(R13), R15 via REGTMP", a.loadPostIndex(a.REGPC, a.REGSP, 5064), ["movw fp, #5064 @ 0x13c8", "ldr pc, [sp], fp"]),

  // Immediate arithmetic.
  c("ADD $4", a.addConst(a.R2, a.R1, 4), ["add r2, r1, #4"]),
  c("ADD $0xff000000", a.addConst(a.R2, a.R1, 0xff000000), ["add r2, r1, #-16777216 @ 0xff000000"]),
  c("ADD $-0x3fc00 as SUB", a.addConst(a.R2, a.R1, -0x3fc00), ["sub r2, r1, #261120 @ 0x3fc00"]),
  c("SUB $4 (negative)", a.addConst(a.R2, a.R1, -4), ["sub r2, r1, #4"]),
  c("ADD $-1020, R13", a.addConst(a.REGSP, a.REGSP, -1020), ["sub sp, sp, #1020 @ 0x3fc"]),
  c("ADD $5000 via REGTMP", a.addConst(a.R2, a.REGSP, 5000), ["movw fp, #5000 @ 0x1388", "add r2, sp, fp"]),
  c("SUB $5000 via REGTMP", a.addConst(a.R2, a.REGSP, -5000), ["movw fp, #5000 @ 0x1388", "sub r2, sp, fp"]),
  c("ADD $0x12345678 via REGTMP", a.addConst(a.R2, a.R1, 0x12345678), ["movw fp, #22136 @ 0x5678", "movt fp, #4660 @ 0x1234", "add r2, r1, fp"], null),
  c("SUB.S $4936, R13, R2 via REGTMP", a.subsConst(a.R2, a.REGSP, 4936), ["movw fp, #4936 @ 0x1348", "subs r2, sp, fp"]),
  c("SUB.S $128", a.subsConst(a.R2, a.REGSP, 128), ["subs r2, sp, #128 @ 0x80"]),
  c("CMP $0", a.cmpConst(a.R0, 0), ["cmp r0, #0"]),
  c("CMN $1", a.cmpConst(a.R1, -1), ["cmn r1, #1"]),
  c("CMP $5000 via REGTMP", a.cmpConst(a.R0, 5000), ["movw fp, #5000 @ 0x1388", "cmp r0, fp"]),
  c("CMP.EQ $4", a.cmpConst(a.R0, 4, "EQ"), ["cmpeq r0, #4"]),

  // Register arithmetic and logic; ADD.S/ADC and SUB.S/SBC make 64-bit pairs.
  c("ADD", a.alu("ADD", a.R3, a.R2, a.R1), ["add r3, r2, r1"]),
  c("ADD.S", a.alu("ADD.S", a.R3, a.R2, a.R1), ["adds r3, r2, r1"]),
  c("ADC", a.alu("ADC", a.R4, a.R5, a.R6), ["adc r4, r5, r6"]),
  c("SUB", a.alu("SUB", a.R3, a.R2, a.R1), ["sub r3, r2, r1"]),
  c("SUB.S", a.alu("SUB.S", a.R3, a.R2, a.R1), ["subs r3, r2, r1"]),
  c("SBC", a.alu("SBC", a.R4, a.R5, a.R6), ["sbc r4, r5, r6"]),
  c("RSB", a.alu("RSB", a.R3, a.R2, a.R1), ["rsb r3, r2, r1"]),
  c("AND", a.alu("AND", a.R3, a.R2, a.R1), ["and r3, r2, r1"]),
  c("ORR", a.alu("ORR", a.R3, a.R2, a.R1), ["orr r3, r2, r1"]),
  c("EOR", a.alu("EOR", a.R3, a.R2, a.R1), ["eor r3, r2, r1"]),
  c("BIC (and-not)", a.alu("BIC", a.R3, a.R2, a.R1), ["bic r3, r2, r1"]),
  c("ADD high registers", a.alu("ADD", a.R12, a.R14, a.R9), ["add ip, lr, r9"]),
  c("MUL", a.mul(a.R3, a.R2, a.R1), ["mul r3, r2, r1"]),
  c("MULLU", a.mull(false, a.R3, a.R4, a.R2, a.R1), ["umull r4, r3, r2, r1"]),
  c("MULL", a.mull(true, a.R3, a.R4, a.R2, a.R1), ["smull r4, r3, r2, r1"]),
  c("SLL", a.shift("SLL", a.R3, a.R2, a.R1), ["lsl r3, r2, r1"]),
  c("SRL", a.shift("SRL", a.R3, a.R2, a.R1), ["lsr r3, r2, r1"]),
  c("SRA", a.shift("SRA", a.R3, a.R2, a.R1), ["asr r3, r2, r1"]),
  c("SRA $31", a.shiftConst("SRA", a.R1, a.R0, 31), ["asr r1, r0, #31"]),
  c("SRL $5", a.shiftConst("SRL", a.R12, a.R2, 5), ["lsr ip, r2, #5"]),
  c("SLL $1", a.shiftConst("SLL", a.R3, a.R4, 1), ["lsl r3, r4, #1"]),
  c("EOR R3->31", a.aluShifted("EOR", a.R4, a.R3, a.R3, "SRA", 31), ["eor r4, r3, r3, asr #31"]),
  c("SUB R3->31", a.aluShifted("SUB", a.R1, a.R4, a.R3, "SRA", 31), ["sub r1, r4, r3, asr #31"]),
  c("ORR R1<<4", a.aluShifted("ORR", a.R0, a.R2, a.R1, "SLL", 4), ["orr r0, r2, r1, lsl #4"]),
  c("ADD R12>>1", a.aluShifted("ADD", a.R0, a.R0, a.R12, "SRL", 1), ["add r0, r0, ip, lsr #1"]),
  c("AND $63", a.aluConst("AND", a.R2, a.R2, 63), ["and r2, r2, #63 @ 0x3f"]),
  c("RSB $32", a.aluConst("RSB", a.R3, a.R2, 32), ["rsb r3, r2, #32"]),
  c("BIC $0xff000000", a.aluConst("BIC", a.R1, a.R1, 0xff000000), ["bic r1, r1, #-16777216 @ 0xff000000"]),
  c("EOR $1", a.aluConst("EOR", a.R0, a.R0, 1), ["eor r0, r0, #1"]),
  c("neg", a.neg(a.R2, a.R1), ["rsb r2, r1, #0"]),
  c("MVN", a.mvn(a.R2, a.R1), ["mvn r2, r1"]),

  // Comparisons and compare-and-set.
  c("CMP R1, R13", a.cmp(a.REGSP, a.R1), ["cmp sp, r1"]),
  c("CMP.CS R1, R2", a.cmp(a.R2, a.R1, "HS"), ["cmpcs r2, r1"]),
  c("set eq", a.setCond("eq", a.R0, a.R1, a.R2), ["cmp r1, r2", "mov r0, #0", "moveq r0, #1"]),
  c("set ne", a.setCond("ne", a.R0, a.R1, a.R2), ["cmp r1, r2", "mov r0, #0", "movne r0, #1"]),
  c("set lt", a.setCond("lt", a.R0, a.R1, a.R2), ["cmp r1, r2", "mov r0, #0", "movlt r0, #1"]),
  c("set le", a.setCond("le", a.R0, a.R1, a.R2), ["cmp r1, r2", "mov r0, #0", "movle r0, #1"]),
  c("set gt", a.setCond("gt", a.R0, a.R1, a.R2), ["cmp r1, r2", "mov r0, #0", "movgt r0, #1"]),
  c("set ge", a.setCond("ge", a.R0, a.R1, a.R2), ["cmp r1, r2", "mov r0, #0", "movge r0, #1"]),
  c("set ltu", a.setCond("ltu", a.R0, a.R1, a.R2), ["cmp r1, r2", "mov r0, #0", "movcc r0, #1"]),
  c("set leu", a.setCond("leu", a.R0, a.R1, a.R2), ["cmp r1, r2", "mov r0, #0", "movls r0, #1"]),
  c("set gtu", a.setCond("gtu", a.R0, a.R1, a.R2), ["cmp r1, r2", "mov r0, #0", "movhi r0, #1"]),
  c("set geu", a.setCond("geu", a.R3, a.R3, a.R2), ["cmp r3, r2", "mov r3, #0", "movcs r3, #1"]),

  // Calls, addresses, padding.
  c("BL runtime.deferreturn", a.call("runtime.deferreturn"), ["bl 0x8"]),
  c("BL runtime.udiv", a.callUdiv(), ["bl 0x8"]),
  c("BL (R1)", a.callReg(a.R1), ["blx r1"]),
  c("BL (R12)", a.callReg(a.R12), ["blx ip"]),
  c("RET", a.ret(), ["add pc, lr, #0"]),
  // Go loads a symbol's address from its literal pool.
  c("MOVW/MOVT $main.f(SB)", a.symAddr(a.R1, "main.f"), ["movw r1, #0", "movt r1, #0"], null),
  c("MOVW/MOVT $sym+8(SB)", a.symAddr(a.R7, "runtime.x", 8), ["movw r7, #0", "movt r7, #0"], null),
  c("NOP", a.nop(), ["nop @ (mov r0, r0)"]),
  // Go's UNDEF is 0xf7fabcfd, which binutils cannot name; UDF #0 traps the same way.
  c("UNDEF", a.undef(), ["udf #0"], null),
];

const bytesOf = (insts: Inst[]): Uint8Array => Uint8Array.from(insts.flatMap((i) => [...i.bytes]));
const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, "0")).join(" ");
/** Go source spells package-qualified symbols with a middle dot. */
const goSource = (text: string): string => text.replace(/([\w.]+)([+-]\d+)?\(SB\)/g, (_, s, off) => `${s.replace(/\./g, "·")}${off ?? ""}(SB)`);

describe("arm encoder vs GNU objdump", () => {
  for (const k of cases) {
    it.skipIf(!haveObjdump())(k.name, () => {
      expect(k.insts.map((i) => i.bytes.length)).toEqual(k.insts.map(() => 4));
      const lines = objdumpRaw(bytesOf(k.insts), "arm", { bigEndian: false });
      expect(lines.map((l) => l.addr)).toEqual(k.insts.map((_, i) => 4 * i));
      expect(lines.map((l) => l.text)).toEqual(k.gnu);
      for (const l of lines) expect(l.text).not.toMatch(/\(bad\)|\.inst|\.word|\.long|UNDEFINED/i);
    });
  }
});

describe("arm encoder vs go tool asm", () => {
  // Branches are assembled alone between NOPs, so that their n(PC) targets
  // exist and are not JMPs, which Go's assembler would follow to their own
  // targets (it threads jumps to jumps).
  const isBranch = (k: Case): boolean => k.go === undefined && k.insts.some((i) => i.text.endsWith("(PC)"));
  const pad = Array<string>(4).fill("MOVW R0, R0");
  for (const k of cases.filter(isBranch)) {
    it.skipIf(!haveGo())(k.name, () => {
      const ours = bytesOf(k.insts);
      const go = goAsm("arm", [...pad, ...k.insts.map((i) => i.text), ...pad]).subarray(4 * pad.length);
      expect(hex(go.subarray(0, ours.length))).toBe(hex(ours));
    });
  }
  const checked = cases.filter((k) => k.go !== null && !isBranch(k));
  let goBytes: Uint8Array | undefined;
  const assembled = (): Uint8Array => {
    goBytes ??= goAsm("arm", checked.flatMap((k) => k.go ?? k.insts.map((i) => goSource(i.text))));
    return goBytes;
  };
  let off = 0;
  for (const k of checked) {
    const at = off;
    const ours = bytesOf(k.insts);
    off += ours.length;
    it.skipIf(!haveGo())(k.name, () => {
      expect(hex(assembled().subarray(at, at + ours.length))).toBe(hex(ours));
    });
  }
});

describe("arm relocations", () => {
  it("BL: R_ARM_CALL at the call's first byte, addend -8 for the PC bias", () => {
    expect(a.call("runtime.deferreturn").relocs).toEqual([
      { off: 0, type: 28, typeName: "R_ARM_CALL", sym: "runtime.deferreturn", add: -8 },
    ]);
    expect(a.callUdiv().relocs).toEqual([{ off: 0, type: 28, typeName: "R_ARM_CALL", sym: "runtime.udiv", add: -8 }]);
  });
  it("MOVW+MOVT: MOVW_ABS_NC on the MOVW, MOVT_ABS on the MOVT", () => {
    const [movw, movt] = a.symAddr(a.R1, "main.f", 8);
    expect(movw.relocs).toEqual([{ off: 0, type: 43, typeName: "R_ARM_MOVW_ABS_NC", sym: "main.f", add: 8 }]);
    expect(movt.relocs).toEqual([{ off: 0, type: 44, typeName: "R_ARM_MOVT_ABS", sym: "main.f", add: 8 }]);
  });
  it("nothing else carries a relocation", () => {
    const others = cases.filter((k) => !/^BL runtime|^MOVW\/MOVT/.test(k.name));
    expect(others.flatMap((k) => k.insts.filter((i) => i.relocs))).toEqual([]);
  });
});

describe("arm encoder contracts", () => {
  it("branch sequences have one size for every displacement", () => {
    for (const f of [a.beqz, a.bnez]) {
      expect(bytesOf(f(a.R1, 4)).length).toBe(bytesOf(f(a.R1, 0x1fffff0)).length);
    }
  });
  it("rejects what the fields cannot hold", () => {
    expect(() => a.jmp(0x2000008)).toThrow(RangeError);
    expect(() => a.bcond("EQ", 6)).toThrow(RangeError);
    expect(() => a.load("MOVW", a.R1, a.REGTMP, 5000)).toThrow(RangeError);
    expect(() => a.store("MOVW", a.REGTMP, a.R1, 5000)).toThrow(RangeError);
    expect(() => a.addConst(a.R1, a.REGTMP, 5000)).toThrow(RangeError);
    expect(() => a.movConst(a.R1, 2 ** 32)).toThrow(RangeError);
    expect(() => a.mull(false, a.R1, a.R1, a.R2, a.R3)).toThrow(RangeError);
    expect(() => a.movReg(16, a.R0)).toThrow(RangeError);
    expect(() => a.aluConst("AND", a.R1, a.R1, 0x101)).toThrow(RangeError);
    expect([0xff, 0x3fc, 0xf000000f, 0x101, 257 << 4].map(a.fitsImmediate)).toEqual([true, true, true, false, false]);
    expect(() => a.shiftConst("SRA", a.R1, a.R1, 32)).toThrow(RangeError);
    expect(() => a.aluShifted("EOR", a.R1, a.R1, a.R1, "SLL", 0)).toThrow(RangeError);
  });
  it("names Go's special registers", () => {
    expect([a.REGCTXT, a.REGG, a.REGTMP, a.REGSP, a.REGLINK, a.REGPC].map(a.regName)).toEqual(["R7", "g", "R11", "R13", "R14", "R15"]);
  });
});
