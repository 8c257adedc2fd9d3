// The worker that runs programs for `deferlab run`, on the stand-in runtime
// core: options reach the core, output keeps its order, and every way a
// run can go wrong ends in a message and exit code 2.

import { describe, expect, it } from "vitest";
import { runInWorker, type WorkerRunOptions } from "../../host/node/run-in-worker.js";
import { mockRuntime } from "../loader/mockruntime.js";
import { L, panicker, printer, recurser, START_TRAPS, startReturningU32 } from "../loader/programs.js";

/** Runs in a worker and returns the exit code and the output as (stream, text) runs in order. */
async function run(program: Uint8Array, options: WorkerRunOptions) {
  const output: [string, string][] = [];
  const sink = (stream: string) => (chunk: Uint8Array) => {
    const text = new TextDecoder().decode(chunk);
    const last = output.at(-1);
    if (last?.[0] === stream) last[1] += text;
    else output.push([stream, text]);
  };
  const exitCode = await runInWorker(program, options, { stdout: sink("stdout"), stderr: sink("stderr") });
  return { exitCode, output };
}

describe("runInWorker", () => {
  const runtimeWasm = mockRuntime();

  it("runs the program and streams its output", async () => {
    expect(await run(printer("hello, ", "world\n", "no newline"), { runtimeWasm })).toEqual({
      exitCode: 0,
      output: [["stdout", "hello, world\nno newline"]],
    });
  });

  it("keeps the order of stdout and stderr and the exit code", async () => {
    expect(await run(panicker("panic: boom\n", "before\n"), { runtimeWasm })).toEqual({
      exitCode: 2,
      output: [["stdout", "before\n"], ["stderr", "panic: boom\n"]],
    });
  });

  it("passes the stack options to the core", async () => {
    const prog = printer("");
    const flags = mockRuntime({ start: startReturningU32(L.G_DEBUGFLAGS) });
    const maxStack = mockRuntime({ start: startReturningU32(L.G_MAXSTACKSIZE) });
    const stackSize = mockRuntime({ start: startReturningU32(L.IMAGE + L.MD_STACKSIZE) });
    expect((await run(prog, { runtimeWasm: flags, stressStack: true })).exitCode).toBe(L.DEBUG_STRESS_STACK);
    expect((await run(prog, { runtimeWasm: flags })).exitCode).toBe(0);
    expect((await run(prog, { runtimeWasm: maxStack, maxStackSize: 123456 })).exitCode).toBe(123456);
    expect((await run(prog, { runtimeWasm: stackSize, stackSize: 16384 })).exitCode).toBe(16384);
  });

  it("reports the engine's stack running out as Go's fatal error", async () => {
    const r = await run(recurser(), { runtimeWasm });
    expect(r.exitCode).toBe(2);
    expect(r.output).toEqual([
      ["stderr", "runtime: goroutine stack exceeds the JavaScript engine's stack limit\nfatal error: stack overflow\n"],
    ]);
  });

  it("reports a trap in the core as a fatal error, not an exception", async () => {
    const r = await run(printer(""), { runtimeWasm: mockRuntime({ start: START_TRAPS }) });
    expect(r).toEqual({ exitCode: 2, output: [["stderr", "fatal error: WebAssembly trap: unreachable\n"]] });
  });

  it("reports what the loader cannot run as a deferlab error", async () => {
    const r = await run(printer(""), { runtimeWasm, stackSize: 3000 });
    expect(r.exitCode).toBe(2);
    expect(r.output).toEqual([["stderr", expect.stringMatching(/^deferlab: invalid stackSize 3000: want a power of two/)]]);
  });
});
