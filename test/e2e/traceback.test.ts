// Traceback lines, which the corpus comparison leaves out: every frame's
// file line must be the one Go 1.19 printed, except the recovery-exit frame
// of seed 000's sample shape. Seed 000 (Go CL 650795, after Go 1.19) moved
// that frame to the closing brace of its function, where the shared
// deferreturn call is; Go 1.19 still shows the deferproc call's line there.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileGo, runProgram } from "../../host/index.js";
import { parseFile } from "../../host/compiler/syntax/parser.js";

const dir = new URL("./programs/", import.meta.url);

/** [function, line] of each frame after `goroutine 1 [running]:`. */
function frames(stderr: string): [string, number][] {
  const lines = stderr.slice(stderr.indexOf("goroutine 1 [running]:")).split("\n").slice(1);
  const out: [string, number][] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const fn = /^(\S+?)\(/.exec(lines[i]!)?.[1];
    const line = /:(\d+)(?: \+0x[0-9a-f]+)?$/.exec(lines[i + 1]!)?.[1];
    if (fn && line) out.push([fn, Number(line)]);
  }
  return out;
}

/** Line of the closing brace of top-level function `name`. */
function closingBrace(source: string, name: string): number {
  const { file } = parseFile("x.go", source);
  for (const d of file.declList) if (d.kind === "FuncDecl" && d.name.value === name && d.body) return d.body.rbrace.line;
  throw new Error(`no function ${name}`);
}

describe("traceback lines", () => {
  it.each([
    ["044_deferreturn_frame", "main.g"],
    ["045_deferreturn_frame_case0", "main.g"],
  ])("%s: Go's lines, and the recovery-exit frame %s at its closing brace", async (name, exitFrame) => {
    const source = readFileSync(new URL(`${name}.go`, dir), "utf8");
    const goFrames = frames(readFileSync(new URL(`${name}.stderr`, dir), "utf8"));
    const r = compileGo({ filename: `${name}.go`, source });
    const run = await runProgram(r.wasm!);
    const brace = closingBrace(source, exitFrame.slice("main.".length));
    const want = goFrames.map(([fn, line]): [string, number] => [fn, fn === exitFrame ? brace : line]);
    expect(frames(run.stderr)).toEqual(want);
    expect(goFrames.find(([fn]) => fn === exitFrame)![1]).not.toBe(brace);
  });
});
