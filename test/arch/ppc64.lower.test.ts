// The ppc64 lowering (arch/ppc64/ssa.ts) against Go 1.19's own code for the
// defer machinery (test/arch/lr64.harness.ts), and its ELFv1 object header.
// Go 1.19 puts the morestack call right after the stack check, ours is at
// the function's end, so our check's BLT skips a far JMP to it.

import { describe, expect, it } from "vitest";
import { ppc64Arch } from "../../arch/ppc64/ssa.js";
import { compileGo } from "../../host/compiler/compile.js";
import { describeLowering, PROGRAM, readelf } from "./lr64.harness.js";
import { haveObjdump } from "./oracle.js";

const n = String.raw`\d+`;
const re = (...xs: string[]) => xs.map((x) => new RegExp(`^${x}$`));

describeLowering({
  arch: ppc64Arch,
  callText: (sym) => `CALL ${sym}(SB)`,
  deferBitsStore: /^MOVB R\d+, \d+\(R1\)$/,
  shapes: [
    {
      name: "stack check of a small frame",
      func: "main.small",
      ours: re(String.raw`MOVD 16\(g\), R22`, "CMPU R22, R1", `BLT ${n}`, `JMP ${n}`),
      go: re(String.raw`MOVD 16\(g\), R22`, "CMPU R22, R1", `BLT ${n}`),
    },
    {
      name: "stack check of a frame past StackSmall",
      func: "main.openCoded",
      ours: re(String.raw`MOVD 16\(g\), R22`, String.raw`ADD \$-${n}, R1, R23`, "CMPU R22, R23", `BLT ${n}`, `JMP ${n}`),
      go: re(String.raw`MOVD 16\(g\), R22`, String.raw`ADD \$-${n}, R1, R23`, "CMPU R22, R23", `BLT ${n}`),
      goFunc: "main.stackAllocated",
    },
    {
      name: "stack check of a frame past StackBig, which first tests that SP less the frame cannot wrap",
      func: "main.huge",
      ours: re(String.raw`MOVD 16\(g\), R22`, String.raw`CMPU R1, \$${n}`, `BGE ${n}`, `JMP ${n}`, String.raw`ADD \$-${n}, R1, R23`, "CMPU R22, R23", `BLT ${n}`, `JMP ${n}`),
      go: re(String.raw`MOVD 16\(g\), R22`, String.raw`CMPU R1, \$${n}`, `BLT ${n}`, String.raw`ADD \$-${n}, R1, R23`, "CMPU R22, R23", `BLT ${n}`),
    },
    {
      name: "frame allocation with LR stored in it",
      func: "main.small",
      ours: re("MOVD LR, R31", String.raw`MOVDU R31, -${n}\(R1\)`),
      go: re("MOVD LR, R31", String.raw`MOVDU R31, -${n}\(R1\)`),
    },
    {
      name: "morestack call with the caller's LR in R5",
      func: "main.small",
      ours: re("MOVD LR, R5", String.raw`CALL runtime\.morestack_noctxt\(SB\)`, "JMP 0"),
      go: re("MOVD LR, R5", String.raw`CALL runtime\.morestack_noctxt\(SB\)`, "JMP 0"),
    },
    {
      name: "morestack keeping the closure context",
      func: "main.stackAllocated.func2",
      ours: re("MOVD LR, R5", String.raw`CALL runtime\.morestack\(SB\)`, "JMP 0"),
      go: re("MOVD LR, R5", String.raw`CALL runtime\.morestack\(SB\)`, "JMP 0"),
    },
    {
      name: "deferprocStack's result tested in R3 under return1",
      func: "main.stackAllocated",
      ours: re(String.raw`CALL runtime\.deferprocStack\(SB\)`, "CMP R3, R0", `BEQ ${n}`, `JMP ${n}`),
      go: re(String.raw`CALL runtime\.deferprocStack\(SB\)`, "CMP R3, R0", `BNE ${n}`),
    },
    {
      name: "deferproc's result tested in R3 after its own result's copy",
      func: "main.heapAllocated",
      ours: re(String.raw`CALL runtime\.deferproc\(SB\)`, String.raw`MOVWZ ${n}\(R1\), R4`, String.raw`MOVW R4, ${n}\(R1\)`, "CMP R3, R0", `BEQ ${n}`, `JMP ${n}`),
      go: re(String.raw`CALL runtime\.deferproc\(SB\)`, "CMP R3, R0", `BNE ${n}`),
    },
    {
      name: "deferreturn call, then LR reloaded and the frame freed",
      func: "main.heapAllocated",
      ours: re(String.raw`CALL runtime\.deferreturn\(SB\)`, String.raw`MOVD \(R1\), R31`, "MOVD R31, LR", String.raw`ADD \$${n}, R1, R1`, "RET"),
      go: re(String.raw`CALL runtime\.deferreturn\(SB\)`, String.raw`MOVD \(R1\), R31`, "MOVD R31, LR", String.raw`ADD \$${n}, R1`, "JMP LR"),
    },
    {
      name: "closure call through the funcval in R11, its code pointer in R12",
      func: "main.stackAllocated.func2",
      ours: re(String.raw`MOVWZ ${n}\(R1\), R11`, String.raw`MOVWZ \(R11\), R12`, "MOVD R12, CTR", "CALL CTR"),
      go: re(String.raw`MOVD \(R11\), R12`),
    },
    {
      name: "divisor test before the divide, calling runtime.panicdivide",
      func: "main.divide",
      ours: re("CMP R3, R0", `BEQ ${n}`, `JMP ${n}`, String.raw`CALL runtime\.panicdivide\(SB\)`),
      go: re(String.raw`CALL runtime\.panicdivide\(SB\)`),
    },
  ],
});

describe("ppc64 object", () => {
  it.skipIf(!haveObjdump())("is ELF64 big-endian PowerPC64 for the ELFv1 ABI", () => {
    const r = compileGo({ filename: "kinds.go", source: PROGRAM, arch: "ppc64" });
    const header = readelf(["-h"], r.object!.elf);
    expect(header).toMatch(/Class:\s+ELF64/);
    expect(header).toMatch(/Data:\s+2's complement, big endian/);
    expect(header).toMatch(/Machine:\s+PowerPC64/);
    expect(header).toMatch(/Flags:\s+0x1, abiv1/);
  });
});
