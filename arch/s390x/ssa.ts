// s390x: the lowering shared with ppc64 and riscv64 (arch/lr64/ssa.ts) with
// Go's s390x frame and registers (z13, big-endian). BRASL leaves the return
// address in R14, which the prologue stores at the new frame's 0(R15)
// before lowering R15 (FixedFrameSize is that one word; arguments go at
// 8(R15)); g lives in R13; the stack check uses R3 and R4 and morestack,
// at the function's end as in Go, gets the caller's R14 in R5.
//
// Registers: R1 and R2 carry operands (R1 results too, and an indirect
// call's target), R4 and R5 addresses, R12 the closure context; R3 holds
// deferproc's recovery flag under return1; R0 takes a nil check's probing
// load; R10 and R11 are the assembler's (the divide pair). A divide traps
// on a zero divisor and on MinInt64 / -1; ssagen tests the divisor first
// (divcheck) and divides by 1 where it is -1, taking the negation then
// instead, where Go's backend tests for -1 itself.

import type { MachineArch } from "../arch.js";
import { Lr64Lowering, orderCondition, type Cond, type Reg, type Width } from "../lr64/ssa.js";
import { genssa, type State } from "../machine/genssa.js";
import type { Inst } from "../machine/inst.js";
import * as s390x from "./asm.js";
import { s390xRelocPatcher } from "./link.js";

const R_390_32 = 4;
const R_390_64 = 22;

class S390xLowering extends Lr64Lowering {
  readonly fixedFrameSize = 8;
  protected readonly discard = 0;

  constructor() {
    super(s390x, { sp: s390x.REGSP, g: s390x.REGG, ctxt: s390x.REGCTXT, a: 1, b: 2, p: 4, q: 5, call: 1, flag: 3, guard: 3, limit: 4 });
  }

  /** CMP/CMPU (CR/CLR for 32 bits), then BRCL; Go fuses the two into CMPBGE and friends when the target is near. */
  protected branchIf(cond: Cond, a: Reg, b: Reg, w: Width, disp: number, pc: number): Inst[] {
    const { cc, unsigned } = orderCondition<s390x.CC>(cond);
    const cmp = s390x.compare(a, b, unsigned, w);
    const size = cmp.reduce((n, i) => n + i.bytes.length, 0);
    return [...cmp, ...s390x.branchCond(cc, disp - size, pc + size)];
  }

  /** `MOVD R14, R5`: morestack records the caller's return address. */
  protected callMorestack(sym: string): Inst[] {
    return [...s390x.move(5, s390x.REGLR), ...s390x.call(sym)];
  }

  /** There is no zero register. */
  protected zero(s: State, scratch: Reg): Reg {
    s.prog(...s390x.movConst(scratch, 0));
    return scratch;
  }
}

export const s390xArch: MachineArch = {
  name: "s390x",
  ptrSize: 8,
  bigEndian: true,
  elf: { machine: 22, class: 64, flags: 0, rela: true, absPtr: [R_390_64, "R_390_64"], abs32: [R_390_32, "R_390_32"] },
  // BRASL: R_390_PLT32DBL 2 bytes in, which seed 000's computeDeferReturn takes back.
  call: { size: 6, relocOffset: 2 },
  funcAlign: 16,
  pad: s390x.nop()[0]!.bytes,
  reloc: s390xRelocPatcher,
  lowering: new S390xLowering(),
  lower: (fn, opts) => genssa(s390xArch, fn, opts),
};
