// A test-only loader that mirrors host/loader.ts's runProgram, with either
// runtime core under the program: build/runtime.wasm, or the TypeScript core
// from createRuntime. Besides the output it keeps the shared memory, so that
// tests can compare what the two cores leave in it.

import { readFileSync } from "node:fs";
import {
  DEBUG_STRESS_STACK, DEFAULT_MAX_STACK_SIZE, G_DEBUGFLAGS, G_MAXSTACKSIZE,
} from "../../assembly/layout.js";
import { decodeDeferlabInfo, DEFERLAB_SECTION } from "../../host/linker/section.js";
import { NO_TEST_DRIVER, RUNTIME_FUNCS, RUNTIME_MODULE, RUNTIME_START } from "../../host/runtime-imports.js";
import { createRuntime } from "../../host/runtime-ts/index.js";

export type Core = "wasm" | "ts";

export interface CoreRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  memory: Uint8Array;
}

export interface CoreRunOptions {
  stressStack?: boolean;
  maxStackSize?: number;
}

class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const HOST_STACK_OVERFLOW =
  "runtime: goroutine stack exceeds the JavaScript engine's stack limit\nfatal error: stack overflow\n";

let wasmCore: WebAssembly.Module | undefined;

function loadWasmCore(): WebAssembly.Module {
  wasmCore ??= new WebAssembly.Module(readFileSync(new URL("../../build/runtime.wasm", import.meta.url)));
  return wasmCore;
}

/** Runs a linked program on one core, as host/loader.ts's runProgram does. */
export function runOnCore(programWasm: Uint8Array, core: Core, opts: CoreRunOptions = {}): CoreRun {
  const programMod = new WebAssembly.Module(programWasm as Uint8Array<ArrayBuffer>);
  const [section] = WebAssembly.Module.customSections(programMod, DEFERLAB_SECTION);
  const info = decodeDeferlabInfo(section!);
  const memory = new WebAssembly.Memory({ initial: info.memoryPages });
  const table = new WebAssembly.Table({ initial: info.tableSize, element: "anyfunc" });
  const out: Record<number, Uint8Array[]> = { 1: [], 2: [] };
  const host = {
    write(fd: number, p: number, n: number): void {
      out[fd === 2 ? 2 : 1]!.push(new Uint8Array(memory.buffer, p >>> 0, n >>> 0).slice());
    },
    exit(code: number): never {
      throw new ExitError(code);
    },
    nanotime: (): bigint => BigInt(Math.round(performance.now() * 1e6)),
    ...NO_TEST_DRIVER,
  };
  const runtime: Record<string, unknown> =
    core === "ts"
      ? createRuntime({ memory, table, host })
      : new WebAssembly.Instance(loadWasmCore(), { env: { memory, table }, host }).exports;
  for (const f of RUNTIME_FUNCS) {
    if (f.export !== undefined) table.set(f.slot, runtime[f.export] as never);
  }
  const imports: WebAssembly.ModuleImports = {};
  for (const imp of WebAssembly.Module.imports(programMod)) {
    if (imp.module === RUNTIME_MODULE) imports[imp.name] = runtime[imp.name] as never;
  }
  new WebAssembly.Instance(programMod, { env: { memory, table }, [RUNTIME_MODULE]: imports });
  const view = new DataView(memory.buffer);
  view.setUint32(G_MAXSTACKSIZE, opts.maxStackSize ?? DEFAULT_MAX_STACK_SIZE, true);
  view.setUint32(G_DEBUGFLAGS, opts.stressStack ? DEBUG_STRESS_STACK : 0, true);

  const result = (exitCode: number): CoreRun => ({
    exitCode,
    stdout: text(out[1]!),
    stderr: text(out[2]!),
    memory: new Uint8Array(memory.buffer).slice(),
  });
  try {
    return result((runtime[RUNTIME_START] as () => number)());
  } catch (e) {
    if (e instanceof ExitError) return result(e.code);
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      out[2]!.push(new TextEncoder().encode(HOST_STACK_OVERFLOW));
      return result(2);
    }
    throw e;
  }
}

function text(chunks: Uint8Array[]): string {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.length;
  }
  return new TextDecoder().decode(all);
}
