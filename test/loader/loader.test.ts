import { describe, expect, it } from "vitest";
import * as L from "../../assembly/layout.js";
import { loadRuntime, runProgram, LoadError } from "../../host/loader.js";
import { I } from "../linker/objs.js";
import { mockRuntime } from "./mockruntime.js";
import { bytes, panicker, printer, recurser, startReturningU32 } from "./programs.js";
import type { Instr } from "../../host/linker/obj.js";

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
    const stackSize = mockRuntime({ start: startReturningU32(L.IMAGE + L.MD_STACKSIZE) });
    const maxStack = mockRuntime({ start: startReturningU32(L.G_MAXSTACKSIZE) });
    const prog = printer("");
    expect((await runProgram(prog, { runtimeWasm: stackSize })).exitCode).toBe(65536);
    expect((await runProgram(prog, { runtimeWasm: stackSize, stackSize: 4096 })).exitCode).toBe(4096);
    expect((await runProgram(prog, { runtimeWasm: maxStack })).exitCode).toBe(L.DEFAULT_MAX_STACK_SIZE);
    expect((await runProgram(prog, { runtimeWasm: maxStack, maxStackSize: 1 << 20 })).exitCode).toBe(1 << 20);
  });

  it("sets the stress bit in g.debugflags only when asked", async () => {
    const flags = mockRuntime({ start: startReturningU32(L.G_DEBUGFLAGS) });
    const prog = printer("");
    expect((await runProgram(prog, { runtimeWasm: flags, stressStack: true })).exitCode).toBe(L.DEBUG_STRESS_STACK);
    expect((await runProgram(prog, { runtimeWasm: flags, stressStack: false })).exitCode).toBe(0);
    expect((await runProgram(prog, { runtimeWasm: flags })).exitCode).toBe(0);
  });

  it("streams without keeping the output when asked", async () => {
    const chunks: string[] = [];
    const stdout = (c: Uint8Array) => chunks.push(new TextDecoder().decode(c));
    const r = await runProgram(printer("a", "b\n"), { runtimeWasm, stdout, keepOutput: false });
    expect(r).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect(chunks).toEqual(["a", "b\n"]);
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

  it("names the cores there are when given another", async () => {
    await fails(runProgram(printer(""), { backend: "js" as "ts", runtimeWasm }), /unknown backend "js"; use "wasm" or "ts"/);
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

  it("rejects stack sizes the core cannot use, naming the option", async () => {
    const prog = printer("");
    await fails(runProgram(prog, { runtimeWasm, stackSize: 3000 }), /^invalid stackSize 3000: want a power of two from 2048 to 2147483648 bytes/);
    await fails(runProgram(prog, { runtimeWasm, stackSize: 1024 }), /^invalid stackSize 1024: want a power of two/);
    await fails(runProgram(prog, { runtimeWasm, maxStackSize: 0 }), /^invalid maxStackSize 0: want a whole number of bytes from 1 to 4294967295 \(Go's default is 1000000000\)/);
    await fails(runProgram(prog, { runtimeWasm, maxStackSize: 1.5 }), /^invalid maxStackSize 1.5: want a whole number/);
    await fails(runProgram(prog, { runtimeWasm, maxStackSize: 2 ** 32 }), /^invalid maxStackSize 4294967296: want a whole number/);
    await fails(runProgram(prog, { runtimeWasm, stackSize: 1 << 30 }), /^the initial stack of 1073741824 bytes exceeds the 1000000000-byte limit$/);
    await fails(runProgram(prog, { runtimeWasm, stackSize: 8192, maxStackSize: 4096 }), /exceeds the 4096-byte limit/);
  });

  it("refuses a core that writes into the shared table", async () => {
    await fails(runProgram(printer(""), { runtimeWasm: mockRuntime({ writesTable: true }) }), /wrote table slot 1/);
  });
});
