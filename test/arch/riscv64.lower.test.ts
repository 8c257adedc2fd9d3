// The riscv64 lowering (arch/riscv64/ssa.ts) against Go 1.19's own code for
// the defer machinery (test/arch/lr64.harness.ts), and the relocations of
// its PC-relative addresses. Go 1.19 calls with a 4-byte JAL that its
// linker extends with trampolines; the encoder's AUIPC+JALR reaches +-2 GiB
// by itself. A conditional branch is an inverted short branch over an
// AUIPC+JALR jump (Go's own rewrite of a branch too far), and the morestack
// call is at the function's end, where Go 1.19 puts it after the check.

import { describe, expect, it } from "vitest";
import { riscv64Arch } from "../../arch/riscv64/ssa.js";
import { compileGo } from "../../host/compiler/compile.js";
import { describeLowering, PROGRAM, readelf } from "./lr64.harness.js";
import { haveObjdump } from "./oracle.js";

const n = String.raw`\d+`;
const re = (...xs: string[]) => xs.map((x) => new RegExp(`^${x}$`));
const farJump = re(String.raw`AUIPC \$-?${n}, X31`, String.raw`JALR X0, -?${n}\(X31\)`);

describeLowering({
  arch: riscv64Arch,
  callText: (sym) => `CALL ${sym}(SB)`,
  deferBitsStore: /^MOVB X\d+, \d+\(SP\)$/,
  shapes: [
    {
      name: "stack check of a small frame",
      func: "main.small",
      ours: [...re(String.raw`MOV 16\(g\), X6`, String.raw`BLTU X6, SP, \$12`), ...farJump],
      go: re(String.raw`MOV 16\(g\), X6`, String.raw`BLTU X6, SP, \$12`, String.raw`JAL X5, runtime\.morestack_noctxt\(SB\)`),
    },
    {
      name: "stack check of a frame past StackSmall",
      func: "main.stackAllocated",
      ours: re(String.raw`MOV 16\(g\), X6`, String.raw`ADDI \$-${n}, SP, X7`, String.raw`BLTU X6, X7, \$12`),
      go: re(String.raw`MOV 16\(g\), X6`, String.raw`ADDI \$-${n}, SP, X7`, String.raw`BLTU X6, X7, \$12`),
    },
    {
      name: "stack check of a frame past StackBig, which first tests that SP less the frame cannot wrap",
      func: "main.huge",
      ours: [
        ...re(String.raw`MOV 16\(g\), X6`, String.raw`MOV \$${n}, X7`, String.raw`BGEU SP, X7, \$12`),
        ...farJump,
        ...re(String.raw`MOV \$-${n}, X31`, "ADD X31, SP, X7", String.raw`BLTU X6, X7, \$12`),
      ],
      go: re(String.raw`MOV 16\(g\), X6`, String.raw`MOV \$${n}, X7`, String.raw`BLTU SP, X7, \$20`, String.raw`ADDI \$-${n}, SP, X7`, String.raw`BLTU X6, X7, \$12`),
    },
    {
      name: "X1 stored below SP, then the frame allocated",
      func: "main.small",
      ours: re(String.raw`MOV X1, -${n}\(SP\)`, String.raw`ADDI \$-${n}, SP, SP`),
      go: re(String.raw`MOV X1, -${n}\(SP\)`, String.raw`ADDI \$-${n}, SP, SP`),
    },
    {
      name: "morestack called with X5 as the link register, then back to the entry",
      func: "main.small",
      ours: [...re(String.raw`JAL X5, runtime\.morestack_noctxt\(SB\)`), ...farJump],
      go: re(String.raw`JAL X5, runtime\.morestack_noctxt\(SB\)`, String.raw`JAL X0, \$-${n}`),
    },
    {
      name: "morestack keeping the closure context",
      func: "main.stackAllocated.func2",
      ours: re(String.raw`JAL X5, runtime\.morestack\(SB\)`),
      go: re(String.raw`JAL X5, runtime\.morestack\(SB\)`),
    },
    {
      name: "deferprocStack's result tested in A0 under return1",
      func: "main.stackAllocated",
      ours: [...re(String.raw`CALL runtime\.deferprocStack\(SB\)`, String.raw`BEQ X10, X0, \$12`), ...farJump],
      go: re(String.raw`JAL X1, runtime\.deferprocStack\(SB\)`, String.raw`BNE X0, X10, \$${n}`),
    },
    {
      name: "deferproc's result tested in A0 after its own result's copy",
      func: "main.heapAllocated",
      ours: [...re(String.raw`CALL runtime\.deferproc\(SB\)`, String.raw`MOVWU ${n}\(SP\), X6`, String.raw`MOVW X6, ${n}\(SP\)`, String.raw`BEQ X10, X0, \$12`), ...farJump],
      go: re(String.raw`JAL X1, runtime\.deferproc\(SB\)`, String.raw`BNE X0, X10, \$${n}`),
    },
    {
      name: "deferreturn call, then X1 reloaded and the frame freed",
      func: "main.heapAllocated",
      ours: re(String.raw`CALL runtime\.deferreturn\(SB\)`, String.raw`MOV \(SP\), X1`, String.raw`ADDI \$${n}, SP, SP`, "RET"),
      go: re(String.raw`JAL X1, runtime\.deferreturn\(SB\)`, String.raw`MOV \(SP\), X1`, String.raw`ADDI \$${n}, SP, SP`, "JALR X0, X1"),
    },
    {
      name: "closure call through the funcval in X26",
      func: "main.stackAllocated.func2",
      ours: re(String.raw`MOVWU ${n}\(SP\), X26`, String.raw`MOVWU \(X26\), X5`, String.raw`JALR X1, \(X5\)`),
      go: re(String.raw`MOV \(X26\), X5`),
    },
    {
      name: "divisor test before the divide, calling runtime.panicdivide",
      func: "main.divide",
      ours: [...re(String.raw`BEQ X5, X0, \$12`), ...farJump, ...re(String.raw`CALL runtime\.panicdivide\(SB\)`)],
      go: re(String.raw`JAL X1, runtime\.panicdivide\(SB\)`, String.raw`ADDI \$0, X0, X0`),
    },
  ],
});

describe("riscv64 object", () => {
  it.skipIf(!haveObjdump())("is ELF64 little-endian RISC-V for the LP64D ABI", () => {
    const r = compileGo({ filename: "kinds.go", source: PROGRAM, arch: "riscv64" });
    const header = readelf(["-h"], r.object!.elf);
    expect(header).toMatch(/Class:\s+ELF64/);
    expect(header).toMatch(/Data:\s+2's complement, little endian/);
    expect(header).toMatch(/Machine:\s+RISC-V/);
    expect(header).toMatch(/Flags:\s+0x4, double-float ABI/);
  });

  it.skipIf(!haveObjdump())("relocates each address's ADDI against a label on its AUIPC, which carries the symbol's PCREL_HI20", () => {
    const r = compileGo({ filename: "kinds.go", source: PROGRAM, arch: "riscv64" });
    // `OFFSET INFO TYPE SYMVALUE SYMNAME + ADDEND` of .rela.text.
    const relocs = readelf(["-r"], r.object!.elf)
      .split("\n")
      .map((l) => /^([0-9a-f]+)\s+[0-9a-f]+\s+(R_RISCV_\w+)\s+([0-9a-f]+)\s+(.*?)\s+\+\s+[0-9a-f]+$/.exec(l))
      .filter((m) => m !== null)
      .map((m) => ({ off: parseInt(m[1]!, 16), type: m[2]!, value: parseInt(m[3]!, 16), sym: m[4]! }));
    const lows = relocs.filter((x) => x.type === "R_RISCV_PCREL_LO12_I");
    expect(lows.length).toBeGreaterThan(0);
    for (const lo of lows) {
      expect(lo.sym, `at 0x${lo.off.toString(16)}`).toBe(".L0");
      expect(lo.value).toBe(lo.off - 4);
      expect(relocs.some((hi) => hi.type === "R_RISCV_PCREL_HI20" && hi.off === lo.value)).toBe(true);
    }
  });
});
