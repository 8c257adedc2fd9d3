// The end-to-end corpus on the TypeScript core: every program (and its -N
// build, where the corpus has one) must do exactly what it does on
// build/runtime.wasm: the same stdout, stderr and exit code byte for byte,
// and the same memory afterwards, apart from the wasm core's static data;
// and so match Go's output under compareRun wherever the wasm core does.
// Both with and without stress mode, which moves the stack at every
// prologue check.

import { describe, expect, it } from "vitest";
import { IMAGE, RUNTIME_DATA } from "../../assembly/layout.js";
import { compileGo } from "../../host/index.js";
import { compareRun } from "../e2e/compare.js";
import { applyFilter, loadCorpus, type CorpusProgram } from "../e2e/corpus.js";
import { runOnCore, type CoreRun } from "./loader.js";

const programs = applyFilter([
  ...loadCorpus("test/e2e/programs"),
  ...loadCorpus("examples", { prefix: "examples" }),
  ...loadCorpus("test/unit/testdata/throw", { prefix: "throw" }),
]);

// zerobase and the builder's one-byte scratch are the only static data the
// cores share; the wasm core's messages follow them up to the image.
const STATIC_SHARED_END = RUNTIME_DATA + 12;

function build(p: CorpusProgram, noOptimize: boolean): Uint8Array {
  const r = compileGo({ filename: p.fileName, source: p.source, noOptimize });
  if (!r.ok || !r.wasm) throw new Error(`${p.name} does not compile:\n${r.errors.join("\n")}`);
  return r.wasm;
}

/** The first address where the memories differ outside the wasm core's static data, or -1. */
function memoryDiff(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && (i < STATIC_SHARED_END || i >= IMAGE)) return i;
  }
  return -1;
}

function check(p: CorpusProgram, wasm: Uint8Array, stressStack: boolean): void {
  const ts = runOnCore(wasm, "ts", { stressStack });
  const ref = runOnCore(wasm, "wasm", { stressStack });
  expect(outputOf(ts), "the ts core's run differs from the wasm core's").toEqual(outputOf(ref));
  expect(memoryDiff(ts.memory, ref.memory), "first differing address").toBe(-1);
  // Where the wasm core does not match Go either, the program or the
  // compiler is at fault, and the e2e suite reports it.
  const go = compareRun(p.expected!, ts);
  if (!go.ok) expect(compareRun(p.expected!, ref).ok, `output differs from Go:\n${go.diff}`).toBe(false);
}

function outputOf(r: CoreRun): Omit<CoreRun, "memory"> {
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

describe("the corpus on the TypeScript core", () => {
  for (const p of programs.filter((q) => q.expected !== undefined)) {
    describe(p.name, () => {
      it("runs as on the wasm core and as in Go", () => {
        const wasm = build(p, false);
        check(p, wasm, false);
        if (p.deferNoOpt !== undefined) check(p, build(p, true), false);
      });
      it("runs so with the stack moved at every prologue", () => {
        check(p, build(p, false), true);
      });
    });
  }
});
