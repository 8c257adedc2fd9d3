// Rough ns/op of DESIGN.md's five functions on both runtime cores, measured
// side by side: each runs N times in a compiled program; the difference
// between two N cancels compilation, loading and start-up; medians of 5.
// `npx tsx bench/five.ts`.

import { readFileSync } from "node:fs";
import { compileGo, runProgram } from "../host/index.js";

const KINDS = ["plainCall", "openCoded", "stackAllocated", "heapAllocated", "panicRecover"];
const template = readFileSync(new URL("./five.go.tmpl", import.meta.url), "utf8");
const runtimeWasm = new Uint8Array(readFileSync(new URL("../build/runtime.wasm", import.meta.url)));

type Backend = "wasm" | "ts";

async function time(kind: string, n: number, backend: Backend): Promise<number> {
  const source = template.replace("N;", `${n};`).replace("KIND()", `${kind}()`);
  const r = compileGo({ filename: "five.go", source });
  if (!r.ok) throw new Error(r.errors.join("\n"));
  const t0 = performance.now();
  const out = await runProgram(r.wasm!, { runtimeWasm, backend });
  const t1 = performance.now();
  if (out.exitCode !== 0) throw new Error(out.stderr);
  return t1 - t0;
}

async function nsPerOp(kind: string, backend: Backend): Promise<number> {
  const small = 100_000;
  const big = 2_100_000;
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) samples.push(((await time(kind, big, backend)) - (await time(kind, small, backend))) * 1e6 / (big - small));
  samples.sort((a, b) => a - b);
  return samples[2]!;
}

const results: Record<Backend, Record<string, number>> = { wasm: {}, ts: {} };
for (const k of KINDS) for (const b of ["wasm", "ts"] as const) results[b][k] = await nsPerOp(k, b);
console.log(`${"".padEnd(16)} ${"wasm core".padStart(10)} ${"TS core".padStart(10)} ${"TS/wasm".padStart(8)}   (ns/op; x plain call on each core)`);
for (const k of KINDS) {
  const w = results.wasm[k]!;
  const t = results.ts[k]!;
  const rel = (b: Backend, v: number): string => `${(v / results[b].plainCall!).toFixed(2)}x`;
  console.log(`${k.padEnd(16)} ${w.toFixed(1).padStart(10)} ${t.toFixed(1).padStart(10)} ${(t / w).toFixed(2).padStart(7)}x   ${rel("wasm", w)} / ${rel("ts", t)}`);
}
