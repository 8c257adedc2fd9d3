import { describe, expect, it } from "vitest";
import * as L from "../../assembly/layout.js";
import { link } from "../../host/linker/link.js";
import { loadRuntime, runProgram, LoadError } from "../../host/loader.js";
import { addrOf, data, func, I, program, savePC } from "../linker/objs.js";
import { mockRuntime } from "./mockruntime.js";
import type { Instr } from "../../host/linker/obj.js";

const bytes = (s: string | number[]) => (typeof s === "string" ? new TextEncoder().encode(s) : new Uint8Array(s));

/** main.main writes each string with runtime.printstring, in order. */
function printer(...strings: (string | number[])[]): Uint8Array {
  const syms = strings.map((s, i) => data(`main.s${i}`, bytes(s), { align: 1 }));
  const code: Instr[] = [];
  syms.forEach((d, i) => code.push(...savePC("main.main", i + 1), addrOf(d.name), I("i32.const", d.size), { op: "call", sym: "runtime.printstring" }));
  const main = func("main.main", { frameSize: 8, siteLines: syms.map(() => 5), code });
  return link(program([main], syms)).wasm;
}

/** main.main calls itself until the engine's stack runs out. */
function recurser(): Uint8Array {
  const main = func("main.main", { code: [I("local.get", 0), { op: "call", sym: "main.main" }] });
  return link(program([main])).wasm;
}

function panicker(msg: string): Uint8Array {
  const s = data("main.msg", bytes(msg), { align: 1 });
  const main = func("main.main", {
    frameSize: 8,
    siteLines: [7],
    code: [...savePC("main.main", 1), addrOf("main.msg"), I("i32.const", s.size), { op: "call", sym: "runtime.gopanic" }],
  });
  return link(program([main], [s])).wasm;
}

describe("runProgram on a stand-in runtime core", () => {
  const runtimeWasm = mockRuntime();

  it("runs main and collects stdout", async () => {
    const r = await runProgram(printer("hello, ", "world\n"), { runtimeWasm });
    expect(r).toEqual({ exitCode: 0, stdout: "hello, world\n", stderr: "" });
  });

  it("streams output as bytes while running and decodes UTF-8 once at the end", async () => {
    const chunks: Uint8Array[] = [];
    // "é" is split across two writes.
    const r = await runProgram(printer([0x63, 0x61, 0x66, 0xc3], [0xa9, 0x0a]), {
      runtimeWasm,
      stdout: (c) => chunks.push(c),
    });
    expect(chunks.map((c) => [...c])).toEqual([[0x63, 0x61, 0x66, 0xc3], [0xa9, 0x0a]]);
    expect(r.stdout).toBe("café\n");
  });

  it("ends the run when the core calls host.exit, keeping stderr", async () => {
    const errs: Uint8Array[] = [];
    const r = await runProgram(panicker("panic: boom\n"), { runtimeWasm, stderr: (c) => errs.push(c) });
    expect(r).toEqual({ exitCode: 2, stdout: "", stderr: "panic: boom\n" });
    expect(errs).toHaveLength(1);
  });

  it("turns exhausting the engine's stack into Go's fatal error, exit 2", async () => {
    const r = await runProgram(recurser(), { runtimeWasm });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/\nfatal error: stack overflow\n$/);
  });

  it("fills the runtime method slots of the table from the core's exports", async () => {
    // start calls table[RTFN_PLAINERROR_ERROR](0, 0); the stand-in method returns (slot, 0).
    const start: Instr[] = [
      I("i32.const", 0),
      I("i32.const", 0),
      I("i32.const", L.RTFN_PLAINERROR_ERROR),
      { op: "call_indirect", sig: { params: ["i32", "i32"], results: ["i32", "i32"] } },
      I("drop"),
    ];
    const r = await runProgram(printer(""), { runtimeWasm: mockRuntime({ start }) });
    expect(r.exitCode).toBe(L.RTFN_PLAINERROR_ERROR);
  });

  it("sets the stack sizes the core reads at start", async () => {
    const readU32 = (addr: number): Instr[] => [I("i32.const", addr), I("i32.load", 4, 0)];
    const stackSize = mockRuntime({ start: readU32(L.IMAGE + L.MD_STACKSIZE) });
    const maxStack = mockRuntime({ start: readU32(L.G_MAXSTACKSIZE) });
    const prog = printer("");
    expect((await runProgram(prog, { runtimeWasm: stackSize })).exitCode).toBe(65536);
    expect((await runProgram(prog, { runtimeWasm: stackSize, stackSize: 4096 })).exitCode).toBe(4096);
    expect((await runProgram(prog, { runtimeWasm: maxStack })).exitCode).toBe(L.DEFAULT_MAX_STACK_SIZE);
    expect((await runProgram(prog, { runtimeWasm: maxStack, maxStackSize: 1 << 20 })).exitCode).toBe(1 << 20);
  });

  it("accepts a compiled runtime module and compiles bytes once", async () => {
    const mod = await loadRuntime(runtimeWasm);
    expect(await loadRuntime(runtimeWasm)).toBe(mod);
    const r = await runProgram(printer("ok\n"), { runtimeWasm: mod });
    expect(r.stdout).toBe("ok\n");
  });

});

describe("loader errors", () => {
  const runtimeWasm = mockRuntime();
  const fails = async (p: Promise<unknown>, msg: RegExp) => {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(LoadError);
    expect((e as Error).message).toMatch(msg);
  };

  it("explains that the ts backend is not there yet", async () => {
    await fails(runProgram(printer(""), { backend: "ts", runtimeWasm }), /"ts" backend is not available yet/);
  });

  it("asks for the runtime core when it is not given", async () => {
    await fails(runProgram(printer("")), /needs runtimeWasm: the bytes of build\/runtime\.wasm/);
  });

  it("rejects bytes that are not WebAssembly", async () => {
    await fails(runProgram(bytes("MZ\x90\x00garbage"), { runtimeWasm }), /the program is not a valid WebAssembly module/);
    await fails(loadRuntime(bytes("\x00asm\x01\x00\x00\x00\x01")), /the runtime core is not a valid WebAssembly module/);
  });

  it("rejects a foreign wasm module as a program", async () => {
    await fails(runProgram(mockRuntime(), { runtimeWasm }), /not a deferlab program: the module has no "deferlab" section/);
  });

  it("rejects a program linked for another format", async () => {
    const wasm = printer("");
    const text = new TextDecoder("latin1").decode(wasm);
    const at = text.indexOf('"format":1');
    const patched = wasm.slice();
    patched[at + '"format":'.length] = "7".charCodeAt(0);
    await fails(runProgram(patched, { runtimeWasm }), /linked for deferlab format 7; this loader reads format 1/);
  });

  it("rejects a runtime core without the exports the loader needs", async () => {
    await fails(
      loadRuntime(mockRuntime({ omit: ["start", "plainError_Error"] })),
      /not a deferlab runtime core: it does not export start, plainError_Error/,
    );
  });

  it("names the runtime entry points a program needs and the core lacks", async () => {
    await fails(runProgram(printer("x"), { runtimeWasm: mockRuntime({ omit: ["printstring"] }) }), /does not provide runtime\.printstring/);
  });

  it("refuses a core that writes into the shared table", async () => {
    await fails(runProgram(printer(""), { runtimeWasm: mockRuntime({ writesTable: true }) }), /wrote table slot 1/);
  });
});
