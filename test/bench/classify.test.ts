// The defer kinds in bench/go/defer_test.go are what the benchmark names
// say: bench/go/classify.defer holds `go test -gcflags=-d=defer`'s output
// for the file, checked here against the names (always) and against the
// installed Go (when there is one).

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { goroot, SUITE_DIR } from "../../bench/gorun.js";

const source = readFileSync(`${SUITE_DIR}/defer_test.go`, "utf8").split("\n");
const expected = readFileSync(`${SUITE_DIR}/classify.defer`, "utf8");

/** The function whose body holds line n (1-based). */
function enclosingFunc(n: number): string {
  for (let i = n - 1; i >= 0; i--) {
    const m = /^func (\w+)/.exec(source[i]!);
    if (m) return m[1]!;
  }
  throw new Error(`line ${n} is outside any function`);
}

/** Each benchmark, the function it measures and the kind of that function's defers. */
const BENCHMARKS: [string, string, string][] = [
  ["BenchmarkDeferOpenCoded", "openCoded", "open-coded"],
  ["BenchmarkDeferStack", "stackAllocated", "stack-allocated"],
  ["BenchmarkDeferHeap", "heapAllocated", "heap-allocated"],
  ["BenchmarkTenDefersInLoop", "tenDefersInLoop", "heap-allocated"],
  ["BenchmarkDefersInOneFrame", "BenchmarkDefersInOneFrame", "heap-allocated"],
  ["BenchmarkDeferPanicRecover", "panicRecover", "open-coded"],
  ["BenchmarkPanicRecoverDepth1", "catch", "open-coded"],
];

const kinds = new Map<string, Set<string>>();
for (const line of expected.trim().split("\n")) {
  const m = /^\.\/defer_test\.go:(\d+):\d+: (open-coded|stack-allocated|heap-allocated) defer$/.exec(line);
  if (!m) throw new Error(`not a -d=defer line: ${line}`);
  const f = enclosingFunc(Number(m[1]));
  if (!kinds.has(f)) kinds.set(f, new Set());
  kinds.get(f)!.add(m[2]!);
}

describe("the defer kinds of the benchmark suite", () => {
  it("lists every defer statement of the file", () => {
    const defers = source.filter((l) => /^\s*defer /.test(l)).length;
    expect(expected.trim().split("\n")).toHaveLength(defers);
  });

  for (const [bench, measured, kind] of BENCHMARKS) {
    it(`${bench} measures ${measured}, whose defers are ${kind}`, () => {
      const body = source.slice(source.findIndex((l) => l.startsWith(`func ${bench}(`)));
      const end = body.indexOf("}");
      if (measured !== bench) expect(body.slice(0, end).join("\n")).toMatch(new RegExp(`\\b${measured}\\(`));
      expect([...kinds.get(measured)!]).toEqual([kind]);
    });
  }

  it("is what the installed Go reports", { skip: goroot() === undefined }, () => {
    const r = spawnSync("go", ["test", "-c", "-o", "/dev/null", "-gcflags=-d=defer", "."], { cwd: SUITE_DIR, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr.split("\n").filter((l) => !l.startsWith("#")).join("\n")).toBe(expected);
  });
});
