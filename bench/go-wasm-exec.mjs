// Runs a GOOS=js GOARCH=wasm binary on this Node with the installed Go's own
// support file: `node go-wasm-exec.mjs GOROOT prog.wasm [args...]`.
// Go 1.19's misc/wasm/wasm_exec_node.js fails on Node 20, whose globalThis
// already has crypto, performance and the text codecs and refuses to have
// crypto replaced; this does what that script does without those shims.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [goroot, wasmPath, ...args] = process.argv.slice(2);
if (!goroot || !wasmPath) {
  console.error("usage: node go-wasm-exec.mjs GOROOT prog.wasm [args...]");
  process.exit(1);
}

const require = createRequire(import.meta.url);
globalThis.require = require;
globalThis.fs = require("node:fs");
require(join(goroot, "misc", "wasm", "wasm_exec.js"));

const go = new globalThis.Go();
go.argv = [wasmPath, ...args];
go.env = { TMPDIR: tmpdir(), ...process.env };
go.exit = process.exit;
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), go.importObject);
process.on("exit", (code) => {
  // Node exits when no event is pending: a deadlocked Go program then
  // prints its error and stack traces, as with Go's own script.
  if (code === 0 && !go.exited) {
    go._pendingEvent = { id: 0 };
    go._resume();
  }
});
await go.run(instance);
