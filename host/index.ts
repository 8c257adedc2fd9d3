// deferlab's library API: compile Go source to a program, run it on the
// chosen runtime core. Works in Node and in browsers; the only host-specific
// step is finding build/runtime.wasm when the caller does not pass it.

import { compileGo, type CompileOptions, type CompileResult } from "./compiler/compile.js";
import { LoadError, runProgram as runWithRuntime, type RunOptions, type RunResult } from "./loader.js";

export { compileGo, LoadError };
export type { CompileOptions, CompileResult, RunOptions, RunResult };
export type Backend = "wasm" | "ts";

let runtimeBytes: Promise<Uint8Array> | undefined;

/**
 * Fetches build/runtime.wasm next to the package. From a file: URL (Node,
 * running either the TypeScript sources or the compiled dist/) it is read
 * from disk; the fs module is imported only on that path, so browsers never
 * load it.
 */
async function readRuntimeWasm(): Promise<Uint8Array> {
  const candidates = ["../build/runtime.wasm", "../../build/runtime.wasm"].map((p) => new URL(p, import.meta.url));
  if (candidates[0]!.protocol === "file:") {
    const fs = await import("node:fs/promises");
    for (const url of candidates) {
      try {
        return new Uint8Array(await fs.readFile(url));
      } catch {
        continue;
      }
    }
    throw new Error("build/runtime.wasm not found: run `npm run build:runtime`");
  }
  const res = await fetch(candidates[0]!);
  if (!res.ok) throw new Error(`cannot fetch ${candidates[0]}: ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The bytes of the runtime core next to the package, build/runtime.wasm, read once. */
export function defaultRuntimeWasm(): Promise<Uint8Array> {
  runtimeBytes ??= readRuntimeWasm();
  return runtimeBytes;
}

/** Runs a compiled program; the runtime core is loaded once and reused. */
export async function runProgram(wasm: Uint8Array, opts: RunOptions = {}): Promise<RunResult> {
  if (opts.runtimeWasm || opts.backend === "ts") return runWithRuntime(wasm, opts);
  return runWithRuntime(wasm, { ...opts, runtimeWasm: await defaultRuntimeWasm() });
}
