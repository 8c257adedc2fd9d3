// mips64 (GOARCH=mips64: big-endian, MIPS III as Go's default GOMIPS64):
// the lowering shared with mips and loong64 (arch/mips/ssa-shared.ts) with
// every value in one 64-bit register and mips's registers.
//
// Frame: the prologue stores R31 below SP, lowers SP by the frame (a
// multiple of 8) with the trapping ADDV Go's obj0.go uses, and stores R31
// again at 0(SP); arguments start at 8(SP). The stack check loads
// g.stackguard0 (16(g)) into R1; R3 passes the caller's R31 to morestack;
// g is R30, the closure context R22, R23 the assembler's. Every jump,
// branch and call carries its delay-slot NOOP.
//
// Registers: R1 the first operand and every result, R2 SP less a large
// frame, R3 the second operand and call results' copies, R5..R7 scratch,
// R8 and R9 addresses; R1 receives deferproc's recovery flag under return1.
// MIPS III has no three-operand MUL: an i32 product is MULV's low word
// sign-extended (MOVW R, R), as Go's MULVU does before a 32-bit use.

import type { MachineArch } from "../arch.js";
import { mipsRelocPatcher, R_MIPS_32, R_MIPS_64 } from "../mips/link.js";
import { MIPS_REGS, Wide64Lowering, withDelaySlot } from "../mips/ssa-shared.js";
import { genssa } from "../machine/genssa.js";
import { mips64 } from "./asm.js";

/** e_flags as Go writes them for mips64: EF_MIPS_ARCH_3, EF_MIPS_CPIC. */
const EF_MIPS_ARCH3_CPIC = 0x20000004;

export const mips64Arch: MachineArch = {
  name: "mips64",
  ptrSize: 8,
  bigEndian: true,
  elf: { machine: 8, class: 64, flags: EF_MIPS_ARCH3_CPIC, rela: true, absPtr: [R_MIPS_64, "R_MIPS_64"], abs32: [R_MIPS_32, "R_MIPS_32"] },
  // JAL with R_MIPS_26 on its first word, then the delay slot.
  call: { size: 8, relocOffset: 0 },
  funcAlign: 8,
  pad: mips64.nop()[0]!.bytes,
  reloc: mipsRelocPatcher(false),
  lowering: new Wide64Lowering(mips64, MIPS_REGS, withDelaySlot, (rd, a, b) => [...mips64.mulv(rd, a, b), ...mips64.extend("W", rd, rd)]),
  lower: (fn, opts) => genssa(mips64Arch, fn, opts),
};
