// GOARCH=mips lowering (arch/mips/ssa.ts): the defer machinery against Go
// 1.19's (mipsfamily.harness.ts), and the i64 register-pair sequences run
// on a MIPS32 model (mips.run.ts) against BigInt arithmetic.

import { mipsArch } from "../../arch/mips/ssa.js";
import { describeFamily } from "./mipsfamily.harness.js";

describeFamily({
  arch: mipsArch,
  // I-type branches: the 16-bit offset; J-type jumps and calls: the 26-bit target.
  mask: (w) => (w >>> 26 === 2 || w >>> 26 === 3 ? w & 0xfc000000 : w >>> 26 === 4 || w >>> 26 === 5 ? w & 0xffff0000 : w) >>> 0,
  // BEQ is opcode 4, BNE 5.
  beqBneBits: 1 << 26,
  nop: 0,
  prologueEnd: /^MOVW R31, \(R29\)$/,
  returns: /^JMP \(R31\)$/,
});
