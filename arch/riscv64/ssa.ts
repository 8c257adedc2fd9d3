// riscv64: the lowering shared with ppc64 and s390x (arch/lr64/ssa.ts) with
// Go's riscv64 frame and registers (RV64G, uncompressed). A call leaves the
// return address in X1 (RA), which the prologue stores at the new frame's
// 0(SP) before lowering SP (FixedFrameSize is that one word; arguments go at
// 8(SP)); g lives in X27; the stack check uses X6 and X7 and morestack
// is called with X5 as its link register (`JAL X5, runtime.morestack`), so
// that it finds the caller's X1 untouched, as Go 1.19 does (Go puts the
// call right after the check; the shared driver puts it at the function's
// end, where s390x has it).
//
// Registers: X5 and X6 carry operands (X5 results too, and an indirect
// call's target), X7 and X28 addresses, X26 the closure context, X10 (A0)
// deferproc's recovery flag under return1, X0 is zero and X31 the
// assembler's. Compares are 64-bit only: i32 operands are loaded sign- or
// zero-extended as the comparison needs.

import type { MachineArch } from "../arch.js";
import { Lr64Lowering, type Cond, type Reg, type Width } from "../lr64/ssa.js";
import { genssa } from "../machine/genssa.js";
import type { Inst } from "../machine/inst.js";
import * as riscv64 from "./asm.js";
import { riscv64RelocPatcher } from "./link.js";

const R_RISCV_32 = 1;
const R_RISCV_64 = 2;

/** e_flags: the LP64D ABI (double-precision float arguments), without RVC, as Go's objects. */
const EF_RISCV_FLOAT_ABI_DOUBLE = 0x4;

class Riscv64Lowering extends Lr64Lowering {
  readonly fixedFrameSize = 8;
  protected readonly discard = riscv64.REGZERO;

  constructor() {
    super(riscv64, { sp: riscv64.REGSP, g: riscv64.REGG, ctxt: riscv64.REGCTXT, a: 5, b: 6, p: 7, q: 28, call: 5, flag: 10, guard: 6, limit: 7 });
  }

  /** A compare-and-branch of whole registers. */
  protected branchIf(cond: Cond, a: Reg, b: Reg, _w: Width, disp: number): Inst[] {
    return riscv64.branchCompare(cond, a, b, disp);
  }

  protected callMorestack(sym: string): Inst[] {
    return riscv64.call(sym, riscv64.REGMORESTACKLR);
  }

  protected zero(): Reg {
    return riscv64.REGZERO;
  }
}

export const riscv64Arch: MachineArch = {
  name: "riscv64",
  ptrSize: 8,
  bigEndian: false,
  elf: { machine: 243, class: 64, flags: EF_RISCV_FLOAT_ABI_DOUBLE, rela: true, absPtr: [R_RISCV_64, "R_RISCV_64"], abs32: [R_RISCV_32, "R_RISCV_32"] },
  // AUIPC+JALR: R_RISCV_CALL_PLT on the AUIPC, the call's first byte.
  call: { size: 8, relocOffset: 0 },
  funcAlign: 8,
  pad: riscv64.nop()[0]!.bytes,
  reloc: riscv64RelocPatcher,
  lowering: new Riscv64Lowering(),
  lower: (fn, opts) => genssa(riscv64Arch, fn, opts),
};
