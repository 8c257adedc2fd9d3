// loong64 (GOARCH=loong64, as Go 1.19 shapes it): the lowering shared with
// mips and mips64 (arch/mips/ssa-shared.ts) — Go's loong64 port began as a
// copy of mips64's — with every value in one 64-bit register and no delay
// slots.
//
// Frame: the prologue stores R1 (the link register) below SP and lowers SP
// by the frame (a multiple of 8), as Go 1.19's obj.go does (without mips's
// second store of the link register); arguments start at 8(SP). The stack
// check loads g.stackguard0 (16(g)) into R19 (REGRT1) and compares with
// SGTU, using R4 for SP less a large frame; the morestack call gets the
// caller's R1 in R5. g is R22, the closure context R29, R30 the
// assembler's.
//
// Registers: R4 carries the first operand and every result, R5 the second
// and the copies of call results, R6..R8 are scratch, R9 and R10
// addresses; R19 receives deferproc's recovery flag under return1 (Go
// 1.19's runtime·return0 clears it: `BNE R0, R19` after the call).

import type { MachineArch } from "../arch.js";
import { Wide64Lowering, type FamilyRegs } from "../mips/ssa-shared.js";
import { genssa } from "../machine/genssa.js";
import type { Inst } from "../machine/inst.js";
import * as loong64 from "./asm.js";
import { loong64RelocPatcher, R_LARCH_32, R_LARCH_64 } from "./link.js";

/** e_flags as Go 1.19 writes them: the LP64D ABI, object version 0 (the stack relocations). */
const EF_LOONGARCH_ABI_DOUBLE_FLOAT = 0x3;

const EM_LOONGARCH = 258;

const LOONG64_REGS: FamilyRegs = {
  zero: loong64.REGZERO,
  sp: loong64.REGSP,
  g: loong64.REGG,
  link: loong64.REGLINK,
  ctxt: loong64.REGCTXT,
  morestackLR: loong64.REGMORESTACKLR,
  a: [4, 4],
  b: [5, 5],
  t: [6, 7, 8],
  p: 9,
  q: 10,
  call: 4,
  flag: loong64.REGRT1,
  guard: loong64.REGRT1,
  limit: 4,
};

/** Without delay slots a transfer is what the encoder gives. */
const asIs = (insts: Inst[]) => insts;

export const loong64Arch: MachineArch = {
  name: "loong64",
  ptrSize: 8,
  bigEndian: false,
  elf: { machine: EM_LOONGARCH, class: 64, flags: EF_LOONGARCH_ABI_DOUBLE_FLOAT, rela: true, absPtr: [R_LARCH_64, "R_LARCH_64"], abs32: [R_LARCH_32, "R_LARCH_32"] },
  // BL with its R_LARCH_SOP_* pair at the call's first byte.
  call: { size: 4, relocOffset: 0 },
  funcAlign: 8,
  pad: loong64.nop()[0]!.bytes,
  reloc: loong64RelocPatcher,
  lowering: new Wide64Lowering(loong64, LOONG64_REGS, asIs, loong64.mul),
  lower: (fn, opts) => genssa(loong64Arch, fn, opts),
};
