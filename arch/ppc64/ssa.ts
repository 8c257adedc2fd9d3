// ppc64: the lowering shared with s390x and riscv64 (arch/lr64/ssa.ts) with
// Go's ppc64 frame and registers, big-endian POWER8 in the ELFv1 ABI of
// Go's static model (no TOC: addresses are ADDIS/ADDI pairs, calls need no
// TOC-restoring NOP). The frame's bottom 32 bytes are the fixed area
// (FixedFrameSize): the saved LR at 0(R1), then what the ELF ABIs reserve
// there; arguments go at 32(R1). The prologue moves LR through R31 into
// the new frame with MOVDU; g lives in R30; the stack check uses R22 and
// R23 and morestack gets the caller's LR in R5, as Go 1.19 does (Go puts
// the morestack call right after the check; the shared driver puts it at
// the function's end, where s390x has it).
//
// Registers: R3 and R4 carry operands (R3 results too, and deferproc's
// recovery flag under return1), R5 and R6 addresses, R11 the closure
// context, R12 an indirect call's target (Go's ELFv2 convention), R0 is
// Go's zero register and R31 the assembler's.

import type { MachineArch } from "../arch.js";
import { Lr64Lowering, orderCondition, type Cond, type Reg, type Width } from "../lr64/ssa.js";
import { genssa, type Label, type State } from "../machine/genssa.js";
import type { Inst } from "../machine/inst.js";
import * as ppc64 from "./asm.js";
import { ppc64RelocPatcher } from "./link.js";

const R_PPC64_ADDR32 = 1;
const R_PPC64_ADDR64 = 38;

/** e_flags: the ELFv1 ABI (Go's linker marks its big-endian ppc64 objects so; ELFv2 is 2). */
const EF_PPC64_ABI_V1 = 1;

class Ppc64Lowering extends Lr64Lowering {
  readonly fixedFrameSize = 32;
  protected readonly discard = ppc64.REGTMP;

  constructor() {
    super(ppc64, { sp: ppc64.REGSP, g: ppc64.REGG, ctxt: ppc64.REGCTXT, a: 3, b: 4, p: 5, q: 6, call: ppc64.REGCALL, flag: 3, guard: 22, limit: 23 });
  }

  /** CMP/CMPU (word forms for 32 bits), then the conditional branch. */
  protected branchIf(cond: Cond, a: Reg, b: Reg, w: Width, disp: number, pc: number): Inst[] {
    // gt/le and their unsigned forms are CR0 conditions too; the compare decides signedness.
    const { cc, unsigned } = orderCondition<ppc64.CC>(cond);
    return [...ppc64.compare(a, b, unsigned, w), ...ppc64.branchCond(cc, disp - 4, pc + 4)];
  }

  /** `CMPU R1, $offset` when the offset fits the immediate, as Go does. */
  protected override branchIfBelow(s: State, r: Reg, imm: number, target: Label): void {
    if (imm > 0xffff) return super.branchIfBelow(s, r, imm, target);
    s.prog(...ppc64.compareImm(r, imm, true));
    this.branchTo(s, target, (d, pc) => ppc64.branchCond("lt", d, pc));
  }

  /** `MOVD LR, R5`: morestack records the caller's return address. */
  protected callMorestack(sym: string): Inst[] {
    return [...ppc64.moveFromLR(5), ...ppc64.call(sym)];
  }

  protected zero(): Reg {
    return ppc64.REGZERO;
  }
}

export const ppc64Arch: MachineArch = {
  name: "ppc64",
  ptrSize: 8,
  bigEndian: true,
  elf: { machine: 21, class: 64, flags: EF_PPC64_ABI_V1, rela: true, absPtr: [R_PPC64_ADDR64, "R_PPC64_ADDR64"], abs32: [R_PPC64_ADDR32, "R_PPC64_ADDR32"] },
  // BL: R_PPC64_REL24 on the instruction's first byte.
  call: { size: 4, relocOffset: 0 },
  funcAlign: 16,
  pad: ppc64.nop()[0]!.bytes,
  reloc: ppc64RelocPatcher,
  lowering: new Ppc64Lowering(),
  lower: (fn, opts) => genssa(ppc64Arch, fn, opts),
};
