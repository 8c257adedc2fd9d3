// The s390x lowering (arch/s390x/ssa.ts) against Go 1.19's own code for the
// defer machinery (test/arch/lr64.harness.ts). Go fuses a compare with the
// conditional branch after it when the target is near (CMPUBGE, CIJ); the
// encoder always compares, then branches with BRCL, which reaches any
// target, as Go does for a far one.

import { describe, expect, it } from "vitest";
import { s390xArch } from "../../arch/s390x/ssa.js";
import { compileGo } from "../../host/compiler/compile.js";
import { describeLowering, PROGRAM, readelf } from "./lr64.harness.js";
import { haveObjdump } from "./oracle.js";

const n = String.raw`\d+`;
const re = (...xs: string[]) => xs.map((x) => new RegExp(`^${x}$`));

describeLowering({
  arch: s390xArch,
  callText: (sym) => `CALL ${sym}(SB)`,
  deferBitsStore: /^MOVB R\d+, \d+\(R15\)$/,
  shapes: [
    {
      name: "stack check of a small frame",
      func: "main.small",
      ours: re(String.raw`MOVD 16\(g\), R3`, "CMPU R3, R15", `BGE ${n}`),
      go: re(String.raw`MOVD 16\(g\), R3`, `CMPUBGE R3, R15, ${n}`),
    },
    {
      name: "stack check of a frame past StackSmall",
      func: "main.stackAllocated",
      ours: re(String.raw`MOVD 16\(g\), R3`, String.raw`MOVD \$-${n}\(R15\), R4`, "CMPU R3, R4", `BGE ${n}`),
      go: re(String.raw`MOVD 16\(g\), R3`, String.raw`ADD \$-${n}, R15, R4`, `CMPUBGE R3, R4, ${n}`),
    },
    {
      name: "stack check of a frame past StackBig, which first tests that SP less the frame cannot wrap",
      func: "main.huge",
      ours: re(String.raw`MOVD 16\(g\), R3`, String.raw`MOVD \$${n}, R4`, "CMPU R15, R4", `BLT ${n}`, String.raw`MOVD \$-${n}\(R15\), R4`, "CMPU R3, R4", `BGE ${n}`),
      go: re(String.raw`MOVD 16\(g\), R3`, String.raw`MOVD \$${n}, R4`, `CMPUBLT R15, R4, ${n}`, String.raw`ADD \$-${n}, R15, R4`, `CMPUBGE R3, R4, ${n}`),
    },
    {
      name: "R14 stored below SP, then the frame allocated",
      func: "main.small",
      ours: re(String.raw`MOVD R14, -${n}\(R15\)`, String.raw`MOVD \$-${n}\(R15\), R15`),
      go: re(String.raw`MOVD R14, -${n}\(R15\)`, String.raw`MOVD \$-${n}\(R15\), R15`),
    },
    {
      name: "morestack call with the caller's R14 in R5",
      func: "main.small",
      ours: re("MOVD R14, R5", String.raw`CALL runtime\.morestack_noctxt\(SB\)`, "JMP 0"),
      go: re("MOVD R14, R5", String.raw`CALL runtime\.morestack_noctxt\(SB\)`, "JMP 0"),
    },
    {
      name: "morestack keeping the closure context",
      func: "main.stackAllocated.func2",
      ours: re("MOVD R14, R5", String.raw`CALL runtime\.morestack\(SB\)`, "JMP 0"),
      go: re("MOVD R14, R5", String.raw`CALL runtime\.morestack\(SB\)`, "JMP 0"),
    },
    {
      name: "deferprocStack's result tested in R3 under return1",
      func: "main.stackAllocated",
      ours: re(String.raw`CALL runtime\.deferprocStack\(SB\)`, String.raw`CMP R3, \$0`, `BNE ${n}`),
      go: re(String.raw`CALL runtime\.deferprocStack\(SB\)`, String.raw`CIJ \$6, R3, \$0, ${n}`),
    },
    {
      name: "deferproc's result tested in R3 after its own result's copy",
      func: "main.heapAllocated",
      ours: re(String.raw`CALL runtime\.deferproc\(SB\)`, String.raw`MOVWZ ${n}\(R15\), R2`, String.raw`MOVW R2, ${n}\(R15\)`, String.raw`CMP R3, \$0`, `BNE ${n}`),
      go: re(String.raw`CALL runtime\.deferproc\(SB\)`, String.raw`CIJ \$6, R3, \$0, ${n}`),
    },
    {
      name: "deferreturn call, then R14 reloaded and the frame freed",
      func: "main.heapAllocated",
      ours: re(String.raw`CALL runtime\.deferreturn\(SB\)`, String.raw`MOVD \(R15\), R14`, String.raw`ADD \$${n}, R15`, "RET"),
      go: re(String.raw`CALL runtime\.deferreturn\(SB\)`, String.raw`MOVD \(R15\), R14`, String.raw`ADD \$${n}, R15`, "JMP R14"),
    },
    {
      name: "closure call through the funcval in R12",
      func: "main.stackAllocated.func2",
      ours: re(String.raw`MOVWZ ${n}\(R15\), R12`, String.raw`MOVWZ \(R12\), R1`, "CALL R1"),
      go: re(String.raw`MOVD \(R12\), R0`),
    },
    {
      name: "divisor test before the divide, calling runtime.panicdivide",
      func: "main.divide",
      ours: re(String.raw`CMP R1, \$0`, `BNE ${n}`, String.raw`CALL runtime\.panicdivide\(SB\)`),
      go: re(String.raw`CALL runtime\.panicdivide\(SB\)`, "NOPH"),
    },
  ],
});

describe("s390x object", () => {
  it.skipIf(!haveObjdump())("is ELF64 big-endian S/390", () => {
    const r = compileGo({ filename: "kinds.go", source: PROGRAM, arch: "s390x" });
    const header = readelf(["-h"], r.object!.elf);
    expect(header).toMatch(/Class:\s+ELF64/);
    expect(header).toMatch(/Data:\s+2's complement, big endian/);
    expect(header).toMatch(/Machine:\s+IBM S\/390/);
  });
});
