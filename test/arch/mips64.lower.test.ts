// GOARCH=mips64 lowering (arch/mips64/ssa.ts): the defer machinery against
// Go 1.19's (mipsfamily.harness.ts).

import { mips64Arch } from "../../arch/mips64/ssa.js";
import { describeFamily } from "./mipsfamily.harness.js";

describeFamily({
  arch: mips64Arch,
  // I-type branches: the 16-bit offset; J-type jumps and calls: the 26-bit target.
  mask: (w) => (w >>> 26 === 2 || w >>> 26 === 3 ? w & 0xfc000000 : w >>> 26 === 4 || w >>> 26 === 5 ? w & 0xffff0000 : w) >>> 0,
  // BEQ is opcode 4, BNE 5.
  beqBneBits: 1 << 26,
  nop: 0,
  prologueEnd: /^MOVV R31, \(R29\)$/,
  returns: /^JMP \(R31\)$/,
});
