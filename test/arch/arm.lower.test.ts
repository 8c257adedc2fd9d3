// arm's lowering (arch/arm/ssa.ts) against Go 1.19 with GOARM=7: the
// stack check in its three shapes, `MOVW.W R14, -N(R13)` and `MOVW.P
// N(R13), R15` around the frame, `CMP $0, R0; BNE` after deferprocStack
// under return1, the morestack call, and the three defer kinds
// (test/arch/goshapes.ts). The corpus test checks every program with
// objdump.

import { armArch } from "../../arch/arm/ssa.js";
import { describeGoShapes } from "./goshapes.js";

describeGoShapes({
  arch: armArch,
  // Go 1.19 cross-compiles for GOARM=5 by default, which lacks MOVW's 16-bit immediates.
  goEnv: { GOARM: "7" },
  mask: (w) => {
    // B, BL and Bcond: a 24-bit word offset under the condition and opcode byte.
    if ((w & 0x0e000000) === 0x0a000000) return (w & 0xff000000) >>> 0;
    // A load or store indexed by R11: Go's literal pool holds the signed
    // displacement, which it adds; our encoder subtracts its magnitude (U clear).
    const indexed = (w & 0x0e000010) === 0x06000000 || (w & 0x0e400f90) === 0x00000090;
    return indexed && (w & 0xf) === 11 ? (w & ~(1 << 23)) >>> 0 : w;
  },
  // R11 from MOVW/MOVT, MOV/MVN of an immediate, or (Go) an LDR from the literal pool.
  loadsTmp: (w) => {
    if (((w >>> 12) & 0xf) !== 11) return false;
    const op = w & 0x0ff00000;
    return op === 0x03000000 || op === 0x03400000 || (w & 0x0fef0000) === 0x03a00000 || (w & 0x0fef0000) === 0x03e00000 || (w & 0x0f7f0000) === 0x051f0000;
  },
  frameAllocation: (text) => {
    const m = /^MOVW\.W R14, -(\d+)\(R13\)$/.exec(text);
    return m ? Number(m[1]) : undefined;
  },
  prologueEnd: /^MOVW\.W(\.U)? R14, /,
  returns: /^MOVW\.P \d+\(R13\), R15$/,
  callText: (sym) => `BL ${sym}(SB)`,
});
