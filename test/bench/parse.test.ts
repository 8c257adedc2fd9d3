// bench/parse.ts on real `go test -bench` output: native (with -P suffixes,
// -benchmem and -count=2) and GOOS=js GOARCH=wasm (GOMAXPROCS 1, no suffix).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBenchOutput, parseLine } from "../../bench/parse.js";

const testdata = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), "utf8");

describe("parseBenchOutput", () => {
  it("reads native output with -benchmem and -count=2", () => {
    const out = parseBenchOutput(testdata("go-native.txt"));
    expect(out.config).toEqual({ goos: "linux", goarch: "amd64", pkg: "deferbench", cpu: "AMD EPYC" });
    expect(out.passed).toBe(true);
    expect(out.records).toHaveLength(14);
    expect(out.records[6]).toEqual({
      name: "BenchmarkDeferHeap",
      procs: 2,
      iterations: 425487,
      nsPerOp: 54.46,
      bytesPerOp: 16,
      allocsPerOp: 1,
      metrics: { "ns/op": 54.46, "B/op": 16, "allocs/op": 1 },
    });
    expect(new Set(out.records.map((r) => r.name)).size).toBe(7);
  });

  it("reads GOOS=js GOARCH=wasm output, whose names have no -P suffix", () => {
    const out = parseBenchOutput(testdata("go-wasm.txt"));
    expect(out.config).toEqual({ goos: "js", goarch: "wasm", pkg: "deferbench" });
    expect(out.passed).toBe(true);
    expect(out.records.map((r) => r.name)).toContain("BenchmarkPanicRecoverDepth1000");
    expect(out.records.every((r) => r.procs === 1 && r.bytesPerOp === undefined)).toBe(true);
    expect(out.records.find((r) => r.name === "BenchmarkPanicRecoverDepth1000")).toMatchObject({ iterations: 124, nsPerOp: 200390 });
  });

  it("reports a failed run", () => {
    const out = parseBenchOutput("goos: linux\nBenchmarkX-4  10  5.0 ns/op\n--- FAIL: BenchmarkY\nFAIL\nexit status 1\nFAIL\tdeferbench\t0.1s\n");
    expect(out.passed).toBe(false);
    expect(out.records).toHaveLength(1);
  });
});

describe("parseLine", () => {
  it("keeps dashes inside sub-benchmark names and takes the last -N as GOMAXPROCS", () => {
    expect(parseLine("BenchmarkA/depth-10-8   \t 100\t  12.5 ns/op")).toMatchObject({ name: "BenchmarkA/depth-10", procs: 8, iterations: 100, nsPerOp: 12.5 });
  });

  it("keeps custom metrics", () => {
    expect(parseLine("BenchmarkA-2  5  1e+06 ns/op  3.5 frames/op")?.metrics).toEqual({ "ns/op": 1e6, "frames/op": 3.5 });
  });

  it("ignores lines that are not results", () => {
    for (const line of ["PASS", "ok  \tdeferbench\t1.2s", "BenchmarkA-2", "BenchmarkA-2  5  fast ns/op", "    bench_test.go:10: log line", "BenchmarkA-2  5  3 B/op"]) {
      expect(parseLine(line)).toBeUndefined();
    }
  });
});
