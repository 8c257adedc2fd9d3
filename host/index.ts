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
 * Fetches build/runtime.wasm next to the package: one directory up from the
 * TypeScript sources (host/), two from the compiled ones (dist/host/), so
 * both places are tried in that order. From a file: URL (Node) it is read
 * from disk; the fs module is imported only on that path, so browsers never
 * load it.
 */
async function readRuntimeWasm(): Promise<Uint8Array> {
  const candidates = ["../build/runtime.wasm", "../../build/runtime.wasm"].map((p) => new URL(p, import.meta.url));
  const read = candidates[0]!.protocol === "file:" ? readFromDisk : readOverHttp;
  for (const url of candidates) {
    const bytes = await read(url);
    if (bytes) return bytes;
  }
  throw new Error(`build/runtime.wasm not found at ${candidates.join(" or ")}: run \`npm run build:runtime\``);
}

async function readFromDisk(url: URL): Promise<Uint8Array | null> {
  const fs = await import("node:fs/promises");
  return fs.readFile(url).then(
    (b) => new Uint8Array(b),
    () => null,
  );
}

async function readOverHttp(url: URL): Promise<Uint8Array | null> {
  const res = await fetch(url);
  return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
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
