// The loader with the real runtime core, build/runtime.wasm. Without the
// build, the first test fails and says how to make it; the rest are skipped.

import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as L from "../../assembly/layout.js";
import { link } from "../../host/linker/link.js";
import type { FuncSym, Instr } from "../../host/linker/obj.js";
import { loadRuntime, runProgram } from "../../host/loader.js";
import { addrOf, data, func, I, program } from "../linker/objs.js";

const RUNTIME = new URL("../../build/runtime.wasm", import.meta.url);
const runtimeWasm = existsSync(RUNTIME) ? new Uint8Array(readFileSync(RUNTIME)) : undefined;
const built = runtimeWasm !== undefined;

const SP = 0; // local 1 holds sp; local 0 is ctx

/** The prologue of docs/abi.md section 7 for a frame of `n` bytes, sp in local 1. */
function prologue(n: number): Instr[] {
  return [
    I("i32.const", L.G_SP), I("i32.load", 4, 0), I("i32.const", n), I("i32.sub"), I("local.tee", SP + 1),
    I("i32.const", L.G_STACKGUARD), I("i32.load", 4, 0), I("i32.lt_u"),
    { op: "if" },
    I("i32.const", n), { op: "call", sym: "runtime.morestack" },
    I("i32.const", L.G_SP), I("i32.load", 4, 0), I("i32.const", n), I("i32.sub"), I("local.set", SP + 1),
    I("end"),
    I("i32.const", L.G_SP), I("local.get", SP + 1), I("i32.store", 4, 0),
  ];
}

function epilogue(n: number): Instr[] {
  return [I("i32.const", L.G_SP), I("local.get", SP + 1), I("i32.const", n), I("i32.add"), I("i32.store", 4, 0)];
}

/** Saves call site k's PC at [sp] before a call, as section 7 requires. */
function savePC(self: string, k: number): Instr[] {
  return [I("local.get", SP + 1), { op: "i32.const", reloc: { kind: "pc", sym: self, add: k } }, I("i32.store", 4, 0)];
}

function framed(name: string, n: number, body: Instr[], over: Partial<FuncSym> = {}): FuncSym {
  return func(name, { frameSize: n, locals: ["i32"], code: [...prologue(n), ...body, ...epilogue(n)], ...over });
}

function hello(): Uint8Array {
  const s = data("main.msg", new TextEncoder().encode("hello, core\n"), { align: 1 });
  const main = framed(
    "main.main",
    16,
    [...savePC("main.main", 1), addrOf("main.msg"), I("i32.const", s.size), { op: "call", sym: "runtime.printstring" }],
    { siteLines: [4] },
  );
  return link(program([main], [s])).wasm;
}

describe("the real runtime core", () => {
  it("is built (npm run build:runtime)", () => {
    if (!built) expect.fail(`${RUNTIME.pathname} is missing: run \`npm run build:runtime\` first`);
  });

  it.skipIf(!built)("loads as a deferlab runtime core", async () => {
    await expect(loadRuntime(runtimeWasm!)).resolves.toBeInstanceOf(WebAssembly.Module);
  });

  it.skipIf(!built)("runs a linked program that prints", async () => {
    const r = await runProgram(hello(), { runtimeWasm });
    // Go's print builtins write to standard error.
    expect(r).toEqual({ exitCode: 0, stdout: "", stderr: "hello, core\n" });
  });

  it.skipIf(!built)("ends a run that exhausts the engine's stack with Go's fatal error", async () => {
    // No frame, so Go's stack never grows: only the engine's stack runs out.
    const main = func("main.main", { code: [I("local.get", 0), { op: "call", sym: "main.main" }] });
    const r = await runProgram(link(program([main])).wasm, { runtimeWasm });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("fatal error: stack overflow");
  });

  it.skipIf(!built)("reports a goroutine stack over the limit as Go does", async () => {
    const main = framed("main.main", 1024, [...savePC("main.main", 1), I("i32.const", 0), { op: "call", sym: "main.main" }], {
      siteLines: [5],
    });
    const r = await runProgram(link(program([main])).wasm, { runtimeWasm, maxStackSize: 1 << 16 });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^runtime: goroutine stack exceeds 65536-byte limit\n/);
    expect(r.stderr).toContain("fatal error: stack overflow");
  });
});
