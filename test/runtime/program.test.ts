// Whole programs run through start(): Go functions in wasm with the ABI's
// prologues, saved PCs and unwinding checks (docs/abi.md sections 7, 11).

import { describe, expect, it } from "vitest";
import * as L from "../../assembly/layout.js";
import { FIRST_FUNC, Machine, RUNTIME_IMPORTS_WAT, callsite, gofunc } from "./harness.js";
import { runtimeTypes } from "./fixtures.js";

const MAIN = FIRST_FUNC;
const FN_F = FIRST_FUNC + 1;
const FUNC1 = FIRST_FUNC + 2;
const FUNC1_ABI0 = FIRST_FUNC + 3;
const FN_G = FIRST_FUNC + 4;

describe("programs", () => {
  it("recovers a panic and resumes the deferring frame at its deferreturn", async () => {
    const m = new Machine();
    await m.instantiate();
    const t = runtimeTypes(m);
    const boom = m.boxString("boom");
    const func1 = m.funcval(FUNC1);
    const wat = `(module
      ${RUNTIME_IMPORTS_WAT}
      ${gofunc("main", MAIN, 16, `
        ${callsite(MAIN, 1, "(call $f (i32.const 0))")}
        (call $log (i32.const 99) (i32.const 0))`)}
      ;; func f() { defer func1(); g() } with a stack-allocated record at sp+8
      ${gofunc("f", FN_F, 64, `
        (i32.store (i32.add (local.get $sp) (i32.const ${8 + L.DEFER_SIZ})) (i32.const 0))
        (i32.store (i32.add (local.get $sp) (i32.const ${8 + L.DEFER_FN})) (i32.const ${func1}))
        ${callsite(FN_F, 1, "(call $deferprocStack (i32.add (local.get $sp) (i32.const 8)))")}
        ${callsite(FN_F, 2, "(call $g (i32.const 0))")}
        (call $log (i32.const 98) (i32.const 0))`, 3)}
      ;; func1 logs recover()
      ${gofunc("func1", FUNC1, 16, `
        ${callsite(FUNC1, 1, "(call $gorecover (i32.add (local.get $sp) (i32.const 16)))")}
        (local.set $d) (local.set $t)
        (call $log (local.get $t) (local.get $d))`)}
      (func (export "func1_abi0") (param $ctx i32) (param $argp i32) (call $func1 (local.get $ctx)))
      ${gofunc("g", FN_G, 16, `
        ${callsite(FN_G, 1, `(call $gopanic (i32.const ${t.string}) (i32.const ${boom}))`)}
        (call $log (i32.const 97) (i32.const 0))`)}
    )`;
    m.program(wat, { main: MAIN, f: FN_F, func1: FUNC1, func1_abi0: FUNC1_ABI0, g: FN_G });
    m.func(MAIN, { name: "main.main", frameSize: 16, lines: [3, 4] });
    m.func(FN_F, { name: "main.f", frameSize: 64, deferreturn: 3, lines: [7, 8, 9, 10] });
    m.func(FUNC1, { name: "main.f.func1", frameSize: 16, abi0: FUNC1_ABI0, lines: [8, 8] });
    m.func(FUNC1_ABI0, { name: "main.f.func1", flags: L.FUNCFLAG_WRAPPER });
    m.func(FN_G, { name: "main.g", frameSize: 16, lines: [12, 13] });
    m.u32(L.IMAGE + L.MD_MAININDEX, MAIN);
    expect(m.run()).toBe(0);
    expect(m.log).toEqual([[t.string, boom], [99, 0]]);
    expect(m.stderr).toBe("");
    expect([m.g(L.G_DEFER), m.g(L.G_PANIC), m.g(L.G_UNWINDING)]).toEqual([0, 0, 0]);
    expect(m.g(L.G_SP)).toBe(m.g(L.G_STACKHI) - L.RUNTIME_FRAME_SIZE);
  });

  it("ends a runaway recursion with Go's stack overflow report", async () => {
    const m = new Machine(0x8000);
    await m.instantiate();
    runtimeTypes(m);
    const wat = `(module
      ${RUNTIME_IMPORTS_WAT}
      ${gofunc("r", MAIN, 256, callsite(MAIN, 1, "(call $r (i32.const 0))"))}
    )`;
    m.program(wat, { r: MAIN });
    m.func(MAIN, { name: "main.r", frameSize: 256, argsSize: 8, lines: [5, 6] });
    m.u32(L.IMAGE + L.MD_MAININDEX, MAIN);
    // A small limit, so that the Go stack (which grows 4 KiB, 8 KiB, ...)
    // reaches it long before the JavaScript engine's own stack runs out.
    m.u32(L.IMAGE + L.MD_STACKSIZE, 4096);
    m.u32(L.G_MAXSTACKSIZE, 65536);
    expect(m.run()).toBe(2);
    const lo = m.g(L.G_STACKLO);
    const hi = m.g(L.G_STACKHI);
    expect(hi - lo).toBe(65536);
    const hex = (v: number) => `0x${v.toString(16)}`;
    const head =
      "runtime: goroutine stack exceeds 65536-byte limit\n" +
      `runtime: sp=${hex(m.g(L.G_SP))} stack=[${hex(lo)}, ${hex(hi)}]\n` +
      "fatal error: stack overflow\n\ngoroutine 1 [running]:\n";
    expect(m.stderr).toBe(head + "main.r(...)\n\t/tmp/x.go:6 +0x1\n".repeat(100) + "...additional frames elided...\n");
  });
});
