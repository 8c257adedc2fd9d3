// End-to-end: every program of the corpus (test/e2e/programs and examples/)
// is compiled and run through deferlab's library API and compared with the
// output of real Go 1.19 committed next to it (see scripts/go-oracle.mjs):
//
//  - the `-d=defer` classification must equal NAME.defer;
//  - the run must match NAME.stdout/.stderr/.exitcode under compareRun, on
//    each runtime core in DEFERLAB_E2E_BACKENDS (default "wasm,ts"), and again
//    with the stack moved at every prologue check (DEFERLAB_E2E_STRESS=0 turns
//    that off);
//  - where NAME.N.defer exists, the program is also compiled with -N: its
//    classification must equal NAME.N.defer and its run (default core) must
//    match the same expected output, since the defer kind never changes
//    what a program does.
//
// DEFERLAB_E2E_FILTER=substring runs only the matching programs.

import { describe, it } from "vitest";
import { compileGo, runProgram } from "../../host/index.js";
import { compareRun, normalizeDeferDiagnostics } from "./compare.js";
import { applyFilter, backends, loadCorpus, stressRuns, type CorpusProgram } from "./corpus.js";

const programs = applyFilter([...loadCorpus("test/e2e/programs"), ...loadCorpus("examples", { prefix: "examples" })]);
const cores = backends();
const stress = stressRuns();

function compile(p: CorpusProgram, noOptimize: boolean, failures: string[]): Uint8Array | undefined {
  const label = noOptimize ? "compile -N" : "compile";
  let result;
  try {
    result = compileGo({ filename: p.fileName, source: p.source, debugDefer: true, noOptimize });
  } catch (e) {
    failures.push(`${label}: threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return undefined;
  }
  if (!result.ok || !result.wasm) {
    failures.push(`${label} failed:\n  ${result.errors.join("\n  ") || "(no error messages)"}`);
    return undefined;
  }
  const expected = noOptimize ? p.deferNoOpt : p.defer;
  if (expected !== undefined) {
    const actual = normalizeDeferDiagnostics(result.debug, p.fileName);
    if (actual !== expected) {
      failures.push(
        `${label}: -d=defer output differs\n--- expected (Go)\n${expected || "(none)\n"}--- actual (deferlab)\n${actual || "(none)\n"}`,
      );
    }
  }
  return result.wasm;
}

async function run(p: CorpusProgram, wasm: Uint8Array, backend: "wasm" | "ts", label: string, failures: string[], stressStack = false) {
  if (!p.expected) return;
  try {
    const actual = await runProgram(wasm, { backend, stressStack });
    const cmp = compareRun(p.expected, actual);
    if (!cmp.ok) {
      failures.push(`${label} on the ${backend} core: output differs from Go\n${cmp.diff}\n--- actual stderr\n${actual.stderr}`);
    }
  } catch (e) {
    failures.push(`${label} on the ${backend} core: threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

describe("end-to-end corpus", () => {
  if (programs.length === 0) {
    it.skip(`no program matches DEFERLAB_E2E_FILTER=${process.env.DEFERLAB_E2E_FILTER ?? ""}`, () => {});
    return;
  }
  for (const p of programs) {
    it(p.name, async () => {
      const failures: string[] = [];
      const wasm = compile(p, false, failures);
      if (wasm) {
        for (const backend of cores) await run(p, wasm, backend, "run", failures);
        if (stress) for (const backend of cores) await run(p, wasm, backend, "run with the stack moved at every prologue", failures, true);
      }
      if (p.deferNoOpt !== undefined) {
        const wasmN = compile(p, true, failures);
        if (wasmN && cores.length > 0) await run(p, wasmN, cores[0]!, "run of the -N build", failures);
      }
      if (failures.length > 0) throw new Error(`${p.name}:\n${failures.join("\n\n")}`);
    });
  }
});
