// Rough ns/op of DESIGN.md's five functions on deferlab: each runs N times in
// a compiled program; the difference between two N cancels compilation,
// loading and start-up. `npx tsx bench/five.ts`. The go test -bench harness
// with Go side by side is `deferlab test -bench` (issue 5).

import { readFileSync } from "node:fs";
import { compileGo, runProgram } from "../host/index.js";

const KINDS = ["plainCall", "openCoded", "stackAllocated", "heapAllocated", "panicRecover"];
const template = readFileSync(new URL("./five.go.tmpl", import.meta.url), "utf8");
const runtimeWasm = new Uint8Array(readFileSync(new URL("../build/runtime.wasm", import.meta.url)));

async function time(kind: string, n: number): Promise<number> {
  const source = template.replace("N;", `${n};`).replace("KIND()", `${kind}()`);
  const r = compileGo({ filename: "five.go", source });
  if (!r.ok) throw new Error(r.errors.join("\n"));
  const t0 = performance.now();
  const out = await runProgram(r.wasm!, { runtimeWasm });
  const t1 = performance.now();
  if (out.exitCode !== 0) throw new Error(out.stderr);
  return t1 - t0;
}

async function nsPerOp(kind: string): Promise<number> {
  const small = 100_000;
  const big = 2_100_000;
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) samples.push(((await time(kind, big)) - (await time(kind, small))) * 1e6 / (big - small));
  samples.sort((a, b) => a - b);
  return samples[2]!;
}

const results: Record<string, number> = {};
for (const k of KINDS) results[k] = await nsPerOp(k);
for (const k of KINDS) console.log(`${k.padEnd(16)} ${results[k]!.toFixed(2).padStart(8)} ns/op  ${(results[k]! / results.plainCall!).toFixed(2)}x plain call`);
