// deferlab test against go test: each case in cases.json is a package in
// programs/ with the output Go 1.19's `go test -cpu=1 FLAGS` printed for it
// (go.out), compared after normalising what differs by machine and run:
// times, ns/op, the platform lines and the package name, and a panic's
// goroutine dump after its first line (the test harness's frames are Go's
// own). Both cores run every case.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileTest } from "../../host/compiler/compile.js";
import { runTests, type TestFlags } from "../../host/testing/driver.js";
import type { Backend } from "../../host/loader.js";

const here = new URL(".", import.meta.url).pathname;
const runtimeWasm = readFileSync(join(here, "../../build/runtime.wasm"));

interface Case {
  dir: string;
  flags: string[];
  exit: number;
  /** The expected output's file in the case's directory (default go.out). */
  out?: string;
}

const cases: Case[] = JSON.parse(readFileSync(join(here, "cases.json"), "utf8"));

function flagsOf(args: string[]): TestFlags {
  const f: TestFlags = {};
  for (const a of args) {
    const [, name, value] = /^-(\w+)(?:=(.*))?$/.exec(a)!;
    if (name === "benchmem") f.benchmem = true;
    else if (name === "v") f.verbose = true;
    else if (name === "count") f.count = Number(value);
    else (f as Record<string, string>)[name!] = value!;
  }
  return f;
}

async function goTest(dir: string, args: string[], backend: Backend): Promise<{ exit: number; out: string }> {
  const pkgDir = join(here, "programs", dir);
  const files = readdirSync(pkgDir)
    .filter((n) => n.endsWith(".go"))
    .sort()
    .map((n) => ({ filename: join(pkgDir, n), source: readFileSync(join(pkgDir, n), "utf8") }));
  const compiled = compileTest({ files });
  expect(compiled.errors).toEqual([]);
  let out = "";
  const exit = await runTests(compiled.wasm!, {
    ...flagsOf(args),
    pkg: dir,
    write: (s) => {
      out += s;
    },
    runOptions: { backend, runtimeWasm },
  });
  return { exit, out };
}

export function normalise(out: string): string {
  return out
    .replace(/^cpu: .*\n/m, "")
    .replace(/^(goos|goarch|pkg): .*$/gm, "$1: X")
    .replace(/\(\d+\.\d+s\)/g, "(T)")
    .replace(/^(ok  |FAIL)\t(\S+)\t\d+\.\d+s/gm, "$1\t$2\tT")
    .replace(/\t *\d+(\.\d+)? ns\/op/g, "\tX ns/op")
    .replace(/\ngoroutine \d+ \[running\]:\n[\s\S]*?(?=^exit status|^FAIL\t)/m, "\ngoroutine [running]:\n...\n");
}

/** A benchmark result line as benchstat reads it. */
const BENCH_LINE = /^(Benchmark\S*)\s*\t\s*(\d+)\t\s*(\d+(?:\.\d+)?) ns\/op(?:\t\s*(\d+) B\/op\t\s*(\d+) allocs\/op)?$/;

for (const backend of ["wasm", "ts"] as const) {
  describe(`deferlab test on the ${backend} core`, () => {
    for (const c of cases) {
      it(`${c.dir} ${c.flags.join(" ")}`, async () => {
        const { exit, out } = await goTest(c.dir, c.flags, backend);
        const want = readFileSync(join(here, "programs", c.dir, c.out ?? "go.out"), "utf8");
        expect(normalise(out)).toBe(normalise(want));
        expect(exit).toBe(c.exit);
      });
    }

    it("prints benchmark lines that parse back to the counts run", async () => {
      const { out } = await goTest("bench", ["-bench=.", "-benchtime=300x", "-benchmem"], backend);
      const lines = out.split("\n").filter((l) => l.startsWith("Benchmark"));
      expect(lines.map((l) => BENCH_LINE.exec(l)?.[1])).toEqual(["BenchmarkSum", "BenchmarkTimers", "BenchmarkDeferRecover"]);
      for (const l of lines) {
        const [, , n, ns, bytes, allocs] = BENCH_LINE.exec(l)!;
        expect(Number(n)).toBe(300);
        expect(Number(ns)).toBeGreaterThan(0);
        expect([bytes, allocs]).toEqual(["0", "0"]);
      }
    });

    it("scales b.N until the benchmark runs for the bench time", async () => {
      const { out } = await goTest("benchn", ["-bench=.", "-benchtime=30ms"], backend);
      const ns = [...out.matchAll(/N is (\d+)/g)].map((m) => Number(m[1]));
      const [, , n, nsPerOp] = BENCH_LINE.exec(out.split("\n").find((l) => l.startsWith("Benchmark"))!)!;
      expect(ns[0]).toBe(1);
      for (let i = 1; i < ns.length; i++) {
        expect(ns[i]).toBeGreaterThan(ns[i - 1]!);
        expect(ns[i]).toBeLessThanOrEqual(100 * ns[i - 1]!);
      }
      expect(ns[ns.length - 1]).toBe(Number(n));
      expect(Number(n) * Number(nsPerOp)).toBeGreaterThanOrEqual(30e6 * 0.99);
    });
  });
}
