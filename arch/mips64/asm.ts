// Instruction encoding for GOARCH=mips64 (big-endian MIPS64). Go's
// cmd/internal/obj/mips serves mips and mips64 alike, and so does
// arch/mips/asm.ts: this module is its 64-bit member.

export {
  Mips64Asm,
  R_MIPS_26,
  R_MIPS_HI16,
  R_MIPS_LO16,
  REGCTXT,
  REGG,
  REGLINK,
  REGMORESTACKLR,
  REGRT1,
  REGSB,
  REGSP,
  REGTMP,
  REGZERO,
  regName,
} from "../mips/asm.js";
export type { Cond, ExtendWidth, LoadWidth, Reg, StoreWidth } from "../mips/asm.js";

import { Mips64Asm } from "../mips/asm.js";

/** The GOARCH=mips64 assembler. */
export const mips64 = new Mips64Asm();
