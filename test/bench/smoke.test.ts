// A quick run of the whole suite with -benchtime=1x on every system there
// is: real Go natively and as GOOS=js GOARCH=wasm when `go` is installed,
// and deferlab's two cores once `deferlab test` exists (until then they are
// reported as not run). The full suite is `npx tsx bench/main.ts`.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { goroot } from "../../bench/gorun.js";
import { runSuite } from "../../bench/main.js";
import { checkXml } from "./xml.js";

const out = mkdtempSync(join(tmpdir(), "deferlab-bench-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const BENCHMARKS = [
  "BenchmarkPlainCall", "BenchmarkDeferOpenCoded", "BenchmarkDeferStack", "BenchmarkDeferHeap",
  "BenchmarkDeferPanicRecover", "BenchmarkPanicRecoverDepth1", "BenchmarkPanicRecoverDepth10",
  "BenchmarkPanicRecoverDepth100", "BenchmarkPanicRecoverDepth1000", "BenchmarkTenDefersInLoop",
  "BenchmarkDefersInOneFrame",
];

describe("the benchmark suite, -benchtime=1x", () => {
  it("runs on every available system and writes the report", { timeout: 180_000 }, async () => {
    const progress: string[] = [];
    const suite = await runSuite({ benchtime: "1x", outDir: out, progress: (l) => progress.push(l) });
    expect(suite.failures).toEqual([]);
    const ran = suite.results.filter((r) => r.records.length > 0);
    for (const r of ran) {
      expect(r.records.map((x) => x.name)).toEqual(BENCHMARKS);
      expect(r.records.every((x) => x.iterations === 1 && x.nsPerOp > 0)).toBe(true);
    }
    const systems = suite.results.map((r) => r.system);
    expect(systems).toEqual(["deferlab-wasm", "deferlab-ts", "go-wasm", "go-native"]);
    if (goroot() !== undefined) {
      expect(ran.map((r) => r.system)).toEqual(expect.arrayContaining(["go-wasm", "go-native"]));
      expect(suite.results.find((r) => r.system === "go-wasm")!.config).toMatchObject({ goos: "js", goarch: "wasm", pkg: "deferbench" });
      expect(progress.some((l) => l.startsWith("go-native: [11/11] DefersInOneFrame "))).toBe(true);
    }
    const json = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(json.benchmarks).toEqual(ran.length > 0 ? BENCHMARKS : []);
    expect(checkXml(readFileSync(join(out, "results.svg"), "utf8"))[0]).toBe("svg");
    expect(suite.text.split("\n")[0]).toMatch(/^ns\/op/);
  });
});

describe("the core microbenchmarks, 1 ms each", () => {
  it("measure every entry point on both cores", { timeout: 120_000 }, async () => {
    const { runMicro, formatMicro } = await import("../../bench/micro.js");
    const rows = await runMicro({ time: 1 });
    expect(rows.map((r) => r.name)).toEqual([
      "funcdata decode (99 varints)", "deferprocStack + deferreturn", "panic scan, 10 frames",
      "panic scan, 100 frames", "copystack, 100 defer records",
    ]);
    for (const r of rows) {
      expect(Object.keys(r.ns).sort()).toEqual(["TS core", "TS core, direct", "wasm core"]);
      expect(Object.values(r.ns).every((ns) => ns! > 0)).toBe(true);
    }
    expect(formatMicro(rows).split("\n")[0]).toMatch(/^ns\/op\s+wasm core\s+TS core\s+TS\/wasm\s+TS core, direct$/);
  });
});
