// arm64's lowering (arch/arm64/ssa.ts) against Go 1.19: the stack check
// in its three shapes, the frame allocated with `MOVD.W R30, -N(RSP)` or,
// past 0xf0 bytes, `SUB $N, RSP, R20; STP (R29, R30), -8(R20); MOVD R20,
// RSP`, the frame pointer below SP, `LDP -8(RSP), (R29, R30); ADD $N, RSP;
// RET`, `CMP ZR, R0; BNE` after deferprocStack under return1, the
// morestack call, and the three defer kinds (test/arch/goshapes.ts). The
// corpus test checks every program with objdump.

import { arm64Arch } from "../../arch/arm64/ssa.js";
import { describeGoShapes } from "./goshapes.js";

describeGoShapes({
  arch: arm64Arch,
  // B and BL (imm26), B.cond, CBZ and CBNZ (imm19 above the condition or register).
  mask: (w) => {
    if ((w & 0x7c000000) === 0x14000000) return (w & 0xfc000000) >>> 0;
    if ((w & 0xff000010) === 0x54000000 || (w & 0x7e000000) === 0x34000000) return (w & 0xff00001f) >>> 0;
    return w;
  },
  frameAllocation: (text) => {
    const m = /^(?:MOVD\.W R30, -(\d+)\(RSP\)|SUB \$(\d+), RSP, R20)$/.exec(text);
    return m ? Number(m[1] ?? m[2]) : undefined;
  },
  prologueEnd: /^SUB \$8, RSP, R29$/,
  returns: /^RET\b/,
  callText: (sym) => `BL ${sym}(SB)`,
});
