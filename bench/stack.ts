// Issue 3's numbers: the cost of moving the goroutine stack (ns per KiB
// copied, from stress mode, which moves the stack at every prologue check)
// and of a panic recovered DEPTH frames up. Each figure is the difference of
// two runs (N and 20N iterations), so compilation and start-up cancel out;
// medians of 5. `npx tsx bench/stack.ts`.

import { readFileSync } from "node:fs";
import { compileGo, runProgram } from "../host/index.js";
import { parseFile } from "../host/compiler/syntax/parser.js";
import { checkPackage } from "../host/compiler/types/check.js";
import { PkgGen } from "../host/compiler/ssagen/pkg.js";
import { RUNTIME_FRAME_SIZE } from "../assembly/layout.js";

const template = readFileSync(new URL("./stack.go.tmpl", import.meta.url), "utf8");
const runtimeWasm = new Uint8Array(readFileSync(new URL("../build/runtime.wasm", import.meta.url)));

function program(depth: number, work: string, n: number): Uint8Array {
  const source = template.replaceAll("DEPTH", String(depth)).replace("WORK", work.replace("N", String(n)));
  const r = compileGo({ filename: "stack.go", source });
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.wasm!;
}

async function ms(wasm: Uint8Array, stressStack: boolean): Promise<number> {
  const t0 = performance.now();
  const out = await runProgram(wasm, { runtimeWasm, stressStack });
  if (out.exitCode !== 0) throw new Error(out.stderr);
  return performance.now() - t0;
}

/** ns per iteration of `work`, from the difference of two run lengths. */
async function perOp(depth: number, work: string, stress: boolean, n: number): Promise<number> {
  const small = program(depth, work, n);
  const big = program(depth, work, 20 * n);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) samples.push((((await ms(big, stress)) - (await ms(small, stress))) * 1e6) / (19 * n));
  return samples.sort((a, b) => a - b)[2]!;
}

const LOOP = "for i := 0; i < N; i++ { sink += leaf(i) }";

/** Frame sizes the compiler gives the workload's functions. */
function frameSizes(): Map<string, number> {
  const source = template.replaceAll("DEPTH", "1").replace("WORK", "");
  const { pkg } = checkPackage([parseFile("stack.go", source).file]);
  return new Map(new PkgGen(pkg, { noOptimize: false }).generate().funcs.map((f) => [f.name, f.frameSize]));
}

const sizes = frameSizes();
/** Bytes on the stack when leaf is called at the bottom: runtime.main, main, DEPTH+1 frames of hold. */
const used = (depth: number): number => RUNTIME_FRAME_SIZE + sizes.get("main.main")! + (depth + 1) * sizes.get("main.hold")!;

for (const depth of [10, 100, 1000]) {
  const plain = await perOp(depth, LOOP, false, 20_000);
  const moved = await perOp(depth, LOOP, true, 20_000);
  const kib = used(depth) / 1024;
  console.log(`stack of ~${kib.toFixed(1)} KiB: ${(moved - plain).toFixed(0)} ns per move, ${((moved - plain) / kib).toFixed(1)} ns per KiB copied`);
}
for (const depth of [10, 100, 1000]) {
  const t = await perOp(depth, "for i := 0; i < N; i++ { catch() }", false, 2_000);
  console.log(`panic+recover across ${depth} frames: ${t.toFixed(0)} ns/op`);
}
