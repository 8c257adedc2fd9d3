// arm64 encoder (arch/arm64/asm.ts) against GNU objdump and Go's assembler.

import { describe, expect, it } from "vitest";
import * as a from "../../arch/arm64/asm.js";
import type { Inst } from "../../arch/machine/inst.js";
import { goAsm, haveGo, haveObjdump, objdumpRaw } from "./oracle.js";

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

const cases: Case[] = [
  c("JMP forward", a.jmp(8), ["b 0x8"]),
  c("BLS forward", a.bcond("LS", 8), ["b.ls 0x8 // b.plast"]),
  c("beqz short", a.beqz(a.R1, 12), ["cbnz x1, 0x8", "b 0xc"]),
  c("bnez short", a.bnez(a.R20, 8), ["cbz x20, 0x8", "b 0x8"]),
  c("BHS backward", a.bcond("HS", -8), ["b.cs 0xfffffffffffffff8 // b.hs, b.nlast"]),
  c("JMP backward", a.jmp(-12), ["b 0xfffffffffffffff4"]),
  // Far targets lie outside the function Go assembles: objdump only.
  c("JMP +128MiB-4", a.jmp(0x7fffffc), ["b 0x7fffffc"], null),
  c("JMP -128MiB", a.jmp(-0x8000000), ["b 0xfffffffff8000000"], null),
  c("BLT +1MiB-4", a.bcond("LT", 0xffffc), ["b.lt 0xffffc // b.tstop"], null),
  c("beqz +1MiB", a.beqz(a.R2, 0x100000), ["cbnz x2, 0x8", "b 0x100000"], null),
  c("bnez -1MiB", a.bnez(a.R30, -0x100000), ["cbz x30, 0x8", "b 0xfffffffffff00000"], null),
  c("beqz +128MiB", a.beqz(a.R3, 0x8000000), ["cbnz x3, 0x8", "b 0x8000000"], null),

  // Constants, in Go's order of preference.
  c("MOVD $0", a.movConst(a.R1, 0), ["mov x1, #0x0 // #0"]),
  c("MOVD $1 (ORR, as Go)", a.movConst(a.R1, 1), ["orr x1, xzr, #0x1"]),
  c("MOVD $4095", a.movConst(a.R1, 4095), ["orr x1, xzr, #0xfff"]),
  c("MOVD $0x1000", a.movConst(a.R1, 0x1000), ["orr x1, xzr, #0x1000"]),
  c("MOVD $65535", a.movConst(a.R1, 0xffff), ["mov x1, #0xffff // #65535"]),
  c("MOVD $0x12340000", a.movConst(a.R1, 0x12340000), ["mov x1, #0x12340000 // #305397760"]),
  c("MOVD $0x100000000", a.movConst(a.R1, 0x100000000), ["mov x1, #0x100000000 // #4294967296"]),
  c("MOVD $-1", a.movConst(a.R1, -1), ["mov x1, #0xffffffffffffffff // #-1"]),
  c("MOVD $-4096", a.movConst(a.R1, -4096), ["mov x1, #0xfffffffffffff000 // #-4096"]),
  c("MOVD $0xffffffff", a.movConst(a.R1, 0xffffffff), ["mov x1, #0xffffffff // #4294967295"]),
  c("MOVD $0x5555...", a.movConst(a.R1, 0x5555555555555555n), ["mov x1, #0x5555555555555555 // #6148914691236517205"]),
  c("MOVD $MaxInt64", a.movConst(a.R2, 0x7fffffffffffffffn), ["mov x2, #0x7fffffffffffffff // #9223372036854775807"]),
  c("MOVD $MinInt64", a.movConst(a.R2, -(2n ** 63n)), ["mov x2, #0x8000000000000000 // #-9223372036854775808"]),
  c("MOVD 4 halfwords", a.movConst(a.R1, 0x123456789abcdef0n), [
    "mov x1, #0xdef0 // #57072", "movk x1, #0x9abc, lsl #16", "movk x1, #0x5678, lsl #32", "movk x1, #0x1234, lsl #48",
  ]),
  c("MOVD 2 halfwords", a.movConst(a.R1, 0x1234000000005678n), ["mov x1, #0x5678 // #22136", "movk x1, #0x1234, lsl #48"]),
  c("MOVD MOVN+MOVK", a.movConst(a.R1, 0xffff1234ffff5678n), ["mov x1, #0xffffffffffff5678 // #-43400", "movk x1, #0x1234, lsl #32"]),
  c("MOVD MOVZ at 32", a.movConst(a.R25, 0x1234567800000000n), ["mov x25, #0x567800000000 // #95073396064256", "movk x25, #0x1234, lsl #48"]),
  c("MOVW $0", a.movConst(a.R1, 0, 32), ["mov w1, wzr"]),
  c("MOVW $-2", a.movConst(a.R1, -2, 32), ["mov w1, #0xfffffffe // #-2"]),
  c("MOVW $0xffff1234", a.movConst(a.R1, 0xffff1234, 32), ["mov w1, #0xffff1234 // #-60876"]),
  c("MOVW $0x80000000", a.movConst(a.R1, 0x80000000, 32), ["mov w1, #0x80000000 // #-2147483648"]),
  c("MOVW $0x12345678", a.movConst(a.R1, 0x12345678, 32), ["mov w1, #0x5678 // #22136", "movk w1, #0x1234, lsl #16"]),
  c("MOVW $0x5555", a.movConst(a.R1, 0x5555, 32), ["mov w1, #0x5555 // #21845"]),

  // Moves and extensions.
  c("MOVD R2, R1", a.movReg(a.R1, a.R2), ["mov x1, x2"]),
  c("MOVD RSP, R17", a.movReg(a.R17, a.RSP), ["mov x17, sp"]),
  c("MOVD R20, RSP", a.movReg(a.RSP, a.R20), ["mov sp, x20"]),
  c("MOVD R30, R3", a.movReg(a.R3, a.REGLINK), ["mov x3, x30"]),
  c("MOVB R1, R2", a.signExtend(a.R2, a.R1, 8), ["sxtb x2, w1"]),
  c("MOVH R1, R2", a.signExtend(a.R2, a.R1, 16), ["sxth x2, w1"]),
  c("MOVW R1, R2", a.signExtend(a.R2, a.R1, 32), ["sxtw x2, w1"]),
  c("MOVBU R1, R2", a.zeroExtend(a.R2, a.R1, 8), ["ubfx x2, x1, #0, #8"]),
  c("MOVHU R1, R2", a.zeroExtend(a.R2, a.R1, 16), ["ubfx x2, x1, #0, #16"]),
  c("MOVWU R1, R2", a.zeroExtend(a.R2, a.R1, 32), ["mov w2, w1"]),

  // Loads: scaled, unscaled and REGTMP displacements.
  c("MOVD 8(R1)", a.load("MOVD", a.R2, a.R1, 8), ["ldr x2, [x1, #8]"]),
  c("MOVD 32760(R1)", a.load("MOVD", a.R2, a.R1, 32760), ["ldr x2, [x1, #32760]"]),
  c("MOVD 9(R1) unscaled", a.load("MOVD", a.R2, a.R1, 9), ["ldur x2, [x1, #9]"]),
  c("MOVD -256(R1)", a.load("MOVD", a.R2, a.R1, -256), ["ldur x2, [x1, #-256]"]),
  c("MOVD 16(g)", a.load("MOVD", a.REGRT1, a.REGG, 16), ["ldr x16, [x28, #16]"]),
  c("MOVB 4095(R1)", a.load("MOVB", a.R2, a.R1, 4095), ["ldrsb x2, [x1, #4095]"]),
  c("MOVBU 0(RSP)", a.load("MOVBU", a.R0, a.RSP, 0), ["ldrb w0, [sp]"]),
  c("MOVH -8(R1)", a.load("MOVH", a.R2, a.R1, -8), ["ldursh x2, [x1, #-8]"]),
  c("MOVHU 8190(R1)", a.load("MOVHU", a.R2, a.R1, 8190), ["ldrh w2, [x1, #8190]"]),
  c("MOVW 8(R1)", a.load("MOVW", a.R2, a.R1, 8), ["ldrsw x2, [x1, #8]"]),
  c("MOVWU 16380(R1)", a.load("MOVWU", a.R2, a.R1, 16380), ["ldr w2, [x1, #16380]"]),
  c("MOVD 32768(RSP) via REGTMP", a.load("MOVD", a.R2, a.RSP, 32768), ["orr x27, xzr, #0x8000", "ldr x2, [sp, x27]"]),
  c("MOVD 40001(R1) via REGTMP", a.load("MOVD", a.R2, a.R1, 40001), ["mov x27, #0x9c41 // #40001", "ldr x2, [x1, x27]"]),
  c("MOVB -257(R1) via REGTMP", a.load("MOVB", a.R2, a.R1, -257), ["mov x27, #0xfffffffffffffeff // #-257", "ldrsb x2, [x1, x27]"]),
  c("MOVHU -1000000(R1)", a.load("MOVHU", a.R2, a.R1, -1000000), [
    "mov x27, #0xffffffffffffbdc0 // #-16960", "movk x27, #0xfff0, lsl #16", "ldrh w2, [x1, x27]",
  ]),
  c("MOVW 0x12345678(R29)", a.load("MOVW", a.R0, a.REGFP, 0x12345678), [
    "mov x27, #0x5678 // #22136", "movk x27, #0x1234, lsl #16", "ldrsw x0, [x29, x27]",
  ]),
  c("MOVWU 4096(R1) via REGTMP", a.load("MOVWU", a.R2, a.R1, 4098), ["mov x27, #0x1002 // #4098", "ldr w2, [x1, x27]"]),

  // Stores.
  c("MOVD ZR, 8(RSP)", a.store("MOVD", a.ZR, a.RSP, 8), ["str xzr, [sp, #8]"]),
  c("MOVD R29, -8(RSP)", a.store("MOVD", a.REGFP, a.RSP, -8), ["stur x29, [sp, #-8]"]),
  c("MOVB R2, -1(R1)", a.store("MOVB", a.R2, a.R1, -1), ["sturb w2, [x1, #-1]"]),
  c("MOVH R2, 8190(R1)", a.store("MOVH", a.R2, a.R1, 8190), ["strh w2, [x1, #8190]"]),
  c("MOVW R2, 16380(R1)", a.store("MOVW", a.R2, a.R1, 16380), ["str w2, [x1, #16380]"]),
  c("MOVD R2, 40000(R1) via REGTMP", a.store("MOVD", a.R2, a.R1, 40000), ["mov x27, #0x9c40 // #40000", "str x2, [x1, x27]"]),
  c("MOVB R2, -300(RSP) via REGTMP", a.store("MOVB", a.R2, a.RSP, -300), ["mov x27, #0xfffffffffffffed4 // #-300", "strb w2, [sp, x27]"]),
  c("MOVH R0, 8191(R1) via REGTMP", a.store("MOVH", a.R0, a.R1, 8191), ["mov x27, #0x1fff // #8191", "strh w0, [x1, x27]"]),
  c("MOVW ZR, 70000(R1)", a.store("MOVW", a.ZR, a.R1, 70000), ["mov x27, #0x1170 // #4464", "movk x27, #0x1, lsl #16", "str wzr, [x1, x27]"]),

  // The link register in the frame (Go's prologue and epilogue).
  c("MOVD.W R30, -32(RSP)", a.storePreIndex(a.REGLINK, a.RSP, -32), ["str x30, [sp, #-32]!"]),
  c("MOVD.W R30, -256(RSP)", a.storePreIndex(a.REGLINK, a.RSP, -256), ["str x30, [sp, #-256]!"]),
  c("STP (R29, R30), -8(R20)", a.storePair(a.REGFP, a.REGLINK, a.R20, -8), ["stp x29, x30, [x20, #-8]"]),
  c("STP (R29, R30), -512(RSP)", a.storePair(a.REGFP, a.REGLINK, a.RSP, -512), ["stp x29, x30, [sp, #-512]"]),
  c("LDP -8(RSP), (R29, R30)", a.loadPair(a.REGFP, a.REGLINK, a.RSP, -8), ["ldp x29, x30, [sp, #-8]"]),
  c("LDP 504(RSP), (R29, R30)", a.loadPair(a.REGFP, a.REGLINK, a.RSP, 504), ["ldp x29, x30, [sp, #504]"]),

  // Immediate arithmetic.
  c("ADD $4095", a.addConst(a.R1, a.R2, 4095), ["add x1, x2, #0xfff"]),
  // Go encodes this one as ADD ZR extended; the lowering moves RSP with movReg anyway.
  c("ADD $0 (RSP)", a.addConst(a.R1, a.RSP, 0), ["mov x1, sp"], null),
  c("ADD $0x5000, RSP", a.addConst(a.RSP, a.RSP, 0x5000), ["add sp, sp, #0x5, lsl #12"]),
  c("ADD $0xfff000", a.addConst(a.R1, a.R2, 0xfff000), ["add x1, x2, #0xfff, lsl #12"]),
  c("SUB $8, RSP, R29", a.addConst(a.REGFP, a.RSP, -8), ["sub x29, sp, #0x8"]),
  c("SUB $0x3000", a.addConst(a.R1, a.R2, -0x3000), ["sub x1, x2, #0x3, lsl #12"]),
  c("ADD $5152, RSP via REGTMP", a.addConst(a.RSP, a.RSP, 5152), ["mov x27, #0x1420 // #5152", "add sp, sp, x27"]),
  c("SUB $5152, RSP, R20 via REGTMP", a.addConst(a.R20, a.RSP, -5152), ["mov x27, #0x1420 // #5152", "sub x20, sp, x27"]),
  c("ADD $0x5001 via REGTMP", a.addConst(a.R2, a.R1, 0x5001), ["mov x27, #0x5001 // #20481", "add x2, x1, x27"]),
  c("ADD $0x123456789", a.addConst(a.R2, a.R1, 0x123456789), [
    "mov x27, #0x6789 // #26505", "movk x27, #0x2345, lsl #16", "movk x27, #0x1, lsl #32", "add x2, x1, x27",
  ]),
  c("ADDW $8", a.addConst(a.R2, a.R1, 8, 32), ["add w2, w1, #0x8"]),
  // Below 2^24, what no single MOV loads splits over two immediates, as Go's assembler does (ADDCON2), unless the flags are wanted.
  c("SUBW $70000 in two", a.addConst(a.R2, a.R1, -70000, 32), ["sub w2, w1, #0x170", "sub w2, w2, #0x11, lsl #12"], ["SUBW $70000, R1, R2"]),
  c("SUB $160032, RSP, R20 in two", a.addConst(a.R20, a.RSP, -160032), ["sub x20, sp, #0x120", "sub x20, x20, #0x27, lsl #12"], ["SUB $160032, RSP, R20"]),
  c("ADD $0x12345, RSP in two", a.addConst(a.RSP, a.RSP, 0x12345), ["add sp, sp, #0x345", "add sp, sp, #0x12, lsl #12"], ["ADD $74565, RSP"]),
  c("ADD $0xabcdef in two", a.addConst(a.R2, a.R1, 0xabcdef), ["add x2, x1, #0xdef", "add x2, x2, #0xabc, lsl #12"], ["ADD $11259375, R1, R2"]),
  c("ADD $0xfffffe via REGTMP (a bitmask)", a.addConst(a.R2, a.R1, 0xfffffe), ["mov x27, #0xfffffe // #16777214", "add x2, x1, x27"], ["ADD $16777214, R1, R2"]),
  c("SUB $0x1000001 via REGTMP", a.addConst(a.R2, a.R1, -0x1000001), ["mov x27, #0x1 // #1", "movk x27, #0x100, lsl #16", "sub x2, x1, x27"]),
  c("SUBS $159904, RSP, R17 via REGTMP", a.subsConst(a.REGRT2, a.RSP, 159904), ["mov x27, #0x70a0 // #28832", "movk x27, #0x2, lsl #16", "subs x17, sp, x27"], ["SUBS $159904, RSP, R17"]),
  c("SUBS $5, RSP, R17", a.subsConst(a.REGRT2, a.RSP, 5), ["subs x17, sp, #0x5"]),
  c("SUBS $5024, RSP, R17 via REGTMP", a.subsConst(a.REGRT2, a.RSP, 5024), ["mov x27, #0x13a0 // #5024", "subs x17, sp, x27"]),
  c("ADDS $8, R1, R2 (negative)", a.subsConst(a.R2, a.R1, -8), ["adds x2, x1, #0x8"]),
  c("SUBSW $0x7000", a.subsConst(a.R2, a.R1, 0x7000, 32), ["subs w2, w1, #0x7, lsl #12"]),
  c("ADD $2^62 via REGTMP", a.addConst(a.R2, a.R1, 1n << 62n), ["mov x27, #0x4000000000000000 // #4611686018427387904", "add x2, x1, x27"]),
  c("SUB $MaxInt64 via REGTMP", a.addConst(a.R2, a.R1, -0x7fffffffffffffffn), ["mov x27, #0x7fffffffffffffff // #9223372036854775807", "sub x2, x1, x27"]),
  c("ADDW $0xffffffff is SUBW $1", a.addConst(a.R2, a.R1, 0xffffffff, 32), ["sub w2, w1, #0x1"]),
  c("CMP $0 (ZR, as Go)", a.cmpConst(a.R0, 0), ["cmp x0, xzr"]),
  c("CMP $4095 W", a.cmpConst(a.R2, 4095, 32), ["cmp w2, #0xfff"]),
  c("CMN $5", a.cmpConst(a.R2, -5), ["cmn x2, #0x5"]),
  c("CMP $5000 via REGTMP", a.cmpConst(a.R2, 5000), ["mov x27, #0x1388 // #5000", "cmp x2, x27"]),

  // Register arithmetic and logic, both widths.
  c("ADD", a.alu("ADD", a.R3, a.R2, a.R1), ["add x3, x2, x1"]),
  c("SUB", a.alu("SUB", a.R3, a.R2, a.R1), ["sub x3, x2, x1"]),
  c("MUL", a.alu("MUL", a.R3, a.R2, a.R1), ["mul x3, x2, x1"]),
  c("SDIV", a.alu("SDIV", a.R3, a.R2, a.R1), ["sdiv x3, x2, x1"]),
  c("UDIV", a.alu("UDIV", a.R3, a.R2, a.R1), ["udiv x3, x2, x1"]),
  c("AND", a.alu("AND", a.R3, a.R2, a.R1), ["and x3, x2, x1"]),
  c("ORR", a.alu("ORR", a.R3, a.R2, a.R1), ["orr x3, x2, x1"]),
  c("EOR", a.alu("EOR", a.R3, a.R2, a.R1), ["eor x3, x2, x1"]),
  c("BIC", a.alu("BIC", a.R3, a.R2, a.R1), ["bic x3, x2, x1"]),
  c("LSL", a.alu("LSL", a.R3, a.R2, a.R1), ["lsl x3, x2, x1"]),
  c("LSR", a.alu("LSR", a.R3, a.R2, a.R1), ["lsr x3, x2, x1"]),
  c("ASR", a.alu("ASR", a.R3, a.R2, a.R1), ["asr x3, x2, x1"]),
  c("ADDW", a.alu("ADD", a.R3, a.R2, a.R1, 32), ["add w3, w2, w1"]),
  c("SUBW", a.alu("SUB", a.R30, a.R29, a.R28, 32), ["sub w30, w29, w28"]),
  c("MULW", a.alu("MUL", a.R3, a.R2, a.R1, 32), ["mul w3, w2, w1"]),
  c("SDIVW", a.alu("SDIV", a.R3, a.R2, a.R1, 32), ["sdiv w3, w2, w1"]),
  c("UDIVW", a.alu("UDIV", a.R3, a.R2, a.R1, 32), ["udiv w3, w2, w1"]),
  c("ANDW", a.alu("AND", a.R3, a.R2, a.R1, 32), ["and w3, w2, w1"]),
  c("ORRW", a.alu("ORR", a.R3, a.R2, a.R1, 32), ["orr w3, w2, w1"]),
  c("EORW", a.alu("EOR", a.R3, a.R2, a.R1, 32), ["eor w3, w2, w1"]),
  c("BICW", a.alu("BIC", a.R3, a.R2, a.R1, 32), ["bic w3, w2, w1"]),
  c("LSLW", a.alu("LSL", a.R3, a.R2, a.R1, 32), ["lsl w3, w2, w1"]),
  c("LSRW", a.alu("LSR", a.R3, a.R2, a.R1, 32), ["lsr w3, w2, w1"]),
  c("ASRW", a.alu("ASR", a.R3, a.R2, a.R1, 32), ["asr w3, w2, w1"]),
  c("REM", a.rem(true, a.R3, a.R2, a.R1), ["sdiv x27, x2, x1", "msub x3, x27, x1, x2"], ["REM R1, R2, R3"]),
  c("UREM", a.rem(false, a.R3, a.R2, a.R1), ["udiv x27, x2, x1", "msub x3, x27, x1, x2"]),
  c("REMW", a.rem(true, a.R3, a.R2, a.R1, 32), ["sdiv w27, w2, w1", "msub w3, w27, w1, w2"]),
  c("UREMW", a.rem(false, a.R3, a.R2, a.R1, 32), ["udiv w27, w2, w1", "msub w3, w27, w1, w2"], ["UREMW R1, R2, R3"]),
  c("NEG", a.neg(a.R2, a.R1), ["neg x2, x1"]),
  c("NEGW", a.neg(a.R2, a.R1, 32), ["neg w2, w1"]),
  c("MVN", a.mvn(a.R2, a.R1), ["mvn x2, x1"]),
  c("MVNW", a.mvn(a.R2, a.R1, 32), ["mvn w2, w1"]),

  // Comparisons and compare-and-set.
  c("CMP R1, R2", a.cmp(a.R2, a.R1), ["cmp x2, x1"]),
  c("CMPW R1, R2", a.cmp(a.R2, a.R1, 32), ["cmp w2, w1"]),
  c("CMP R16, RSP", a.cmp(a.RSP, a.REGRT1), ["cmp sp, x16"]),
  c("CMP ZR, R0", a.cmp(a.R0, a.ZR), ["cmp x0, xzr"]),
  c("CSET HI", a.cset("HI", a.R3), ["cset x3, hi // hi = pmore"]),
  c("CSEL LT", a.csel("LT", a.R3, a.R1, a.R2), ["csel x3, x1, x2, lt // lt = tstop"]),
  c("CSELW HS", a.csel("HS", a.R3, a.R1, a.ZR, 32), ["csel w3, w1, wzr, cs // cs = hs, nlast"]),
  c("set eq", a.setCond("eq", a.R0, a.R1, a.R2), ["cmp x1, x2", "cset x0, eq // eq = none"]),
  c("set ne", a.setCond("ne", a.R0, a.R1, a.R2), ["cmp x1, x2", "cset x0, ne // ne = any"]),
  c("set lt", a.setCond("lt", a.R0, a.R1, a.R2), ["cmp x1, x2", "cset x0, lt // lt = tstop"]),
  c("set le", a.setCond("le", a.R0, a.R1, a.R2), ["cmp x1, x2", "cset x0, le"]),
  c("set gt", a.setCond("gt", a.R0, a.R1, a.R2), ["cmp x1, x2", "cset x0, gt"]),
  c("set ge", a.setCond("ge", a.R0, a.R1, a.R2), ["cmp x1, x2", "cset x0, ge // ge = tcont"]),
  c("set ltu", a.setCond("ltu", a.R0, a.R1, a.R2), ["cmp x1, x2", "cset x0, cc // cc = lo, ul, last"]),
  c("set leu", a.setCond("leu", a.R0, a.R1, a.R2), ["cmp x1, x2", "cset x0, ls // ls = plast"]),
  c("set gtu", a.setCond("gtu", a.R0, a.R1, a.R2), ["cmp x1, x2", "cset x0, hi // hi = pmore"]),
  c("set geu W", a.setCond("geu", a.R0, a.R1, a.R2, 32), ["cmp w1, w2", "cset x0, cs // cs = hs, nlast"]),

  // Calls, addresses, padding.
  c("BL runtime.deferreturn", a.call("runtime.deferreturn"), ["bl 0x0"]),
  c("BL (R1)", a.callReg(a.R1), ["blr x1"]),
  c("BL (R26)", a.callReg(a.REGCTXT), ["blr x26"]),
  c("RET", a.ret(), ["ret"]),
  // Go spells the ADRP+ADD pair as one instruction.
  c("MOVD $main.f(SB)", a.symAddr(a.R1, "main.f"), ["adrp x1, 0x0", "add x1, x1, #0x0"], ["MOVD $main·f(SB), R1"]),
  c("MOVD $sym+8(SB)", a.symAddr(a.R27, "runtime.x", 8), ["adrp x27, 0x0", "add x27, x27, #0x0"], ["MOVD $runtime·x+8(SB), R27"]),
  c("ANDW $1", a.logicConst("AND", a.R0, a.R1, 1, 32), ["and w0, w1, #0x1"]),
  c("ORR $0xff00", a.logicConst("ORR", a.R2, a.R3, 0xff00), ["orr x2, x3, #0xff00"]),
  c("EORW $-2", a.logicConst("EOR", a.R4, a.R4, -2, 32), ["eor w4, w4, #0xfffffffe"]),
  c("AND $0x5555555555555555", a.logicConst("AND", a.R0, a.R0, 0x5555555555555555n), ["and x0, x0, #0x5555555555555555"]),
  c("NOOP", a.nop(), ["nop"]),
  // Go's UNDEF is 0xbea71700, which binutils cannot name; UDF #0 traps the same way.
  c("UNDEF", a.undef(), ["udf #0"], null),
];

const bytesOf = (insts: Inst[]): Uint8Array => Uint8Array.from(insts.flatMap((i) => [...i.bytes]));
const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, "0")).join(" ");
/** Go source spells package-qualified symbols with a middle dot. */
const goSource = (text: string): string => text.replace(/([\w.]+)([+-]\d+)?\(SB\)/g, (_, s, off) => `${s.replace(/\./g, "·")}${off ?? ""}(SB)`);

describe("arm64 encoder vs GNU objdump", () => {
  for (const k of cases) {
    it.skipIf(!haveObjdump())(k.name, () => {
      expect(k.insts.map((i) => i.bytes.length)).toEqual(k.insts.map(() => 4));
      const lines = objdumpRaw(bytesOf(k.insts), "aarch64", { bigEndian: false });
      expect(lines.map((l) => l.addr)).toEqual(k.insts.map((_, i) => 4 * i));
      expect(lines.map((l) => l.text)).toEqual(k.gnu);
      for (const l of lines) expect(l.text).not.toMatch(/\(bad\)|\.inst|\.word|\.long|undefined/);
    });
  }
});

describe("arm64 encoder vs go tool asm", () => {
  // Branches are assembled alone between NOOPs, so that their n(PC) targets
  // exist and are not JMPs, which Go's assembler would follow to their own
  // targets (it threads jumps to jumps).
  const isBranch = (k: Case): boolean => k.go === undefined && k.insts.some((i) => i.text.endsWith("(PC)"));
  const pad = Array<string>(4).fill("NOOP");
  for (const k of cases.filter(isBranch)) {
    it.skipIf(!haveGo())(k.name, () => {
      const ours = bytesOf(k.insts);
      const go = goAsm("arm64", [...pad, ...k.insts.map((i) => i.text), ...pad]).subarray(4 * pad.length);
      expect(hex(go.subarray(0, ours.length))).toBe(hex(ours));
    });
  }
  const checked = cases.filter((k) => k.go !== null && !isBranch(k));
  // Go's assembler tracks the SP adjustments of a NOFRAME function and
  // rejects a running total below zero, which the ADDs to RSP below would
  // reach: the batch first moves RSP down by 1 MiB (one instruction).
  const reserve = "SUB $0x100000, RSP, RSP";
  let goBytes: Uint8Array | undefined;
  const assembled = (): Uint8Array => {
    goBytes ??= goAsm("arm64", [reserve, ...checked.flatMap((k) => k.go ?? k.insts.map((i) => goSource(i.text)))]).subarray(4);
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

describe("arm64 relocations", () => {
  it("BL: R_AARCH64_CALL26 at the call's first byte, addend 0", () => {
    expect(a.call("runtime.deferreturn").relocs).toEqual([
      { off: 0, type: 283, typeName: "R_AARCH64_CALL26", sym: "runtime.deferreturn", add: 0 },
    ]);
  });
  it("ADRP+ADD: ADR_PREL_PG_HI21 on the ADRP, ADD_ABS_LO12_NC on the ADD", () => {
    const [adrp, add] = a.symAddr(a.R1, "main.f", 8);
    expect(adrp.relocs).toEqual([{ off: 0, type: 275, typeName: "R_AARCH64_ADR_PREL_PG_HI21", sym: "main.f", add: 8 }]);
    expect(add.relocs).toEqual([{ off: 0, type: 277, typeName: "R_AARCH64_ADD_ABS_LO12_NC", sym: "main.f", add: 8 }]);
  });
  it("nothing else carries a relocation", () => {
    const others = cases.filter((k) => !/^BL runtime|^MOVD \$(main|sym)/.test(k.name));
    expect(others.flatMap((k) => k.insts.filter((i) => i.relocs))).toEqual([]);
  });
});

describe("arm64 encoder contracts", () => {
  it("branch sequences have one size for every displacement", () => {
    for (const f of [a.beqz, a.bnez]) {
      expect(bytesOf(f(a.R1, 4)).length).toBe(bytesOf(f(a.R1, 0x7fffff0)).length);
    }
  });
  it("rejects what the fields cannot hold", () => {
    expect(() => a.bcond("EQ", 0x100000)).toThrow(RangeError);
    expect(() => a.jmp(2)).toThrow(RangeError);
    expect(() => a.storePreIndex(a.REGLINK, a.RSP, -264)).toThrow(RangeError);
    expect(() => a.storePair(a.REGFP, a.REGLINK, a.RSP, -4)).toThrow(RangeError);
    expect(() => a.load("MOVD", a.R1, a.REGTMP, 1 << 20)).toThrow(RangeError);
    expect(() => a.alu("ADD", a.RSP, a.R1, a.R2)).toThrow(RangeError);
    expect(() => a.load("MOVD", a.RSP, a.R1, 0)).toThrow(RangeError);
    expect(() => a.rem(true, a.R1, a.REGTMP, a.R2)).toThrow(RangeError);
    expect(() => a.logicConst("AND", a.R1, a.R1, 253, 32)).toThrow(RangeError);
    expect([a.isLogicalImm(253, 32), a.isLogicalImm(0, 32), a.isLogicalImm(-1), a.isLogicalImm(0xfe, 32)]).toEqual([false, false, false, true]);
  });
  it("names Go's special registers", () => {
    expect([a.REGCTXT, a.REGTMP, a.REGG, a.REGFP, a.REGLINK].map(a.regName)).toEqual(["R26", "R27", "g", "R29", "R30"]);
    expect([a.RSP, a.ZR].map(a.regName)).toEqual(["RSP", "ZR"]);
  });
});
