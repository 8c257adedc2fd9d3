// GOARCH=loong64 lowering (arch/loong64/ssa.ts): the defer machinery
// against Go 1.19's (mipsfamily.harness.ts). GNU objdump 2.40 cannot read
// LoongArch; the corpus test (corpus.test.ts) reads these objects through
// the decoder of loong64.disasm.ts instead (loong64.dump.ts), and here
// Go's own assembler output is the reference.

import { loong64Arch } from "../../arch/loong64/ssa.js";
import { describeFamily } from "./mipsfamily.harness.js";

/** BEQ and BNE (2RI16) keep offs16 at bits 10..25; B and BL (I26) their offs26 in bits 0..25. */
function mask(w: number): number {
  const op = w >>> 26;
  if (op === 0x16 || op === 0x17) return (w & 0xfc0003ff) >>> 0;
  if (op === 0x14 || op === 0x15) return (w & 0xfc000000) >>> 0;
  return w;
}

describeFamily({
  arch: loong64Arch,
  mask,
  // BEQ is 0x58000000, BNE 0x5c000000.
  beqBneBits: 0x04000000,
  // ANDI R0, R0, 0: fills no delay slot here, and appears in none of the compared sequences.
  nop: 0x03400000,
  prologueEnd: /^ADDV \$-\d+, R3$/,
  returns: /^JMP \(R1\)$/,
});
