// The loader with the real runtime core, build/runtime.wasm. Without the
// build, the first test fails and says how to make it; the rest are skipped.

import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as L from "../../assembly/layout.js";
import { link } from "../../host/linker/link.js";
import type { DataSym, FuncSym, Instr } from "../../host/linker/obj.js";
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
    I("i32.const", n), I("local.get", 0), { op: "call", sym: "runtime.morestack" }, I("local.set", 0),
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

/** A `string` type descriptor (docs/abi.md section 10). */
function stringType(): DataSym[] {
  const t = new Uint8Array(L.TYPE_HEADER_SIZE);
  const v = new DataView(t.buffer);
  v.setUint32(L.TYPE_SIZE, 8, true);
  t[L.TYPE_KIND] = L.KIND_STRING;
  t[L.TYPE_ALIGN] = 4;
  t[L.TYPE_FLAGS] = L.TYPEFLAG_COMPARABLE;
  v.setUint32(L.TYPE_STRLEN, 6, true);
  return [
    data("type:string.name", new TextEncoder().encode("string"), { align: 1 }),
    data("type:string", t, { relocs: [{ kind: "addr", sym: "type:string.name", add: 0, off: L.TYPE_STRPTR }] }),
  ];
}

/** main.main (line 3) calls main.f at line 4; main.f (line 8) panics with "boom" at line 9. */
function panicking(): Uint8Array {
  const main = framed("main.main", 8, [...savePC("main.main", 1), I("i32.const", 0), { op: "call", sym: "main.f" }], {
    line: 3,
    siteLines: [4],
  });
  const f = framed(
    "main.f",
    8,
    [
      ...savePC("main.f", 1),
      addrOf("type:string"),
      addrOf("main.boom"),
      { op: "call", sym: "runtime.gopanic" },
    ],
    { line: 8, siteLines: [9] },
  );
  const boom = [
    data("main.boom.str", new TextEncoder().encode("boom"), { align: 1 }),
    data("main.boom", [0, 0, 0, 0, 4, 0, 0, 0], { relocs: [{ kind: "addr", sym: "main.boom.str", add: 0, off: 0 }] }),
  ];
  return link(program([main, f], [...stringType(), ...boom])).wasm;
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

  it.skipIf(!built)("prints a panic's traceback from the linked function table", async () => {
    const r = await runProgram(panicking(), { runtimeWasm });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      "panic: boom\n\ngoroutine 1 [running]:\nmain.f()\n\t/src/main.go:9 +0x1\nmain.main()\n\t/src/main.go:4 +0x1\n",
    );
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
