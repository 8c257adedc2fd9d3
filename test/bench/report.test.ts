// bench/report.ts and bench/svg.ts on the parsed output of real Go runs and
// made-up deferlab records: the medians, each ratio, the JSON's shape, the
// text table and a well-formed SVG chart.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBenchOutput, type BenchRecord } from "../../bench/parse.js";
import { buildReport, formatReport, reportJson, type SystemResult } from "../../bench/report.js";
import { renderSvg } from "../../bench/svg.js";
import { checkXml } from "./xml.js";

const parsed = (name: string) => parseBenchOutput(readFileSync(new URL(`./testdata/${name}`, import.meta.url), "utf8"));

function rec(name: string, nsPerOp: number): BenchRecord {
  return { name, procs: 1, iterations: 1000, nsPerOp, metrics: { "ns/op": nsPerOp } };
}

const native = parsed("go-native.txt");
const wasm = parsed("go-wasm.txt");
const results: SystemResult[] = [
  { system: "deferlab-wasm", records: [rec("BenchmarkPlainCall", 4), rec("BenchmarkDeferOpenCoded", 5), rec("BenchmarkDeferStack", 10), rec("BenchmarkDeferHeap", 20), rec("BenchmarkDeferPanicRecover", 100)] },
  { system: "deferlab-ts", records: [rec("BenchmarkPlainCall", 40), rec("BenchmarkDeferOpenCoded", 60), rec("BenchmarkDeferStack", 80), rec("BenchmarkDeferHeap", 100)] },
  { system: "go-wasm", records: wasm.records, config: wasm.config },
  { system: "go-native", records: native.records, config: native.config },
];

describe("buildReport", () => {
  const report = buildReport(results);

  it("takes the median of the -count runs", () => {
    expect(report.nsPerOp.BenchmarkPlainCall!["go-native"]).toBeCloseTo((6.201 + 5.222) / 2);
    expect(report.nsPerOp.BenchmarkDeferHeap).toEqual({ "deferlab-wasm": 20, "deferlab-ts": 100, "go-wasm": 477, "go-native": (54.46 + 57.21) / 2 });
  });

  it("lists the benchmarks in the order they ran, from every system", () => {
    expect(report.benchmarks.slice(0, 5)).toEqual(["BenchmarkPlainCall", "BenchmarkDeferOpenCoded", "BenchmarkDeferStack", "BenchmarkDeferHeap", "BenchmarkDeferPanicRecover"]);
    expect(report.benchmarks).toContain("BenchmarkPanicRecoverDepth1000");
    expect(report.benchmarks).toHaveLength(11);
  });

  it("divides each defer kind by the plain call on the same system", () => {
    expect(report.ratios.overPlainCall["deferlab-wasm"]).toEqual({ BenchmarkDeferOpenCoded: 1.25, BenchmarkDeferStack: 2.5, BenchmarkDeferHeap: 5 });
    expect(report.ratios.overPlainCall["deferlab-ts"]!.BenchmarkDeferStack).toBe(2);
    expect(report.ratios.overPlainCall["go-wasm"]!.BenchmarkDeferOpenCoded).toBeCloseTo(73.92 / 34.11);
  });

  it("compares each deferlab core with Go wasm and native Go, and the cores with each other", () => {
    expect(report.ratios.overGoWasm["deferlab-wasm"]!.BenchmarkDeferHeap).toBeCloseTo(20 / 477);
    expect(report.ratios.overGoNative["deferlab-ts"]!.BenchmarkDeferHeap).toBeCloseTo(100 / ((54.46 + 57.21) / 2));
    expect(report.ratios.wasmCoreOverTsCore).toEqual({ BenchmarkPlainCall: 0.1, BenchmarkDeferOpenCoded: 5 / 60, BenchmarkDeferStack: 0.125, BenchmarkDeferHeap: 0.2 });
    // Only benchmarks both sides ran have a ratio.
    expect(report.ratios.overGoNative["deferlab-wasm"]!.BenchmarkPanicRecoverDepth10).toBeUndefined();
    expect(report.ratios.overGoWasm).not.toHaveProperty("go-native");
  });

  it("says which systems did not run and why", () => {
    const r = buildReport([{ system: "go-native", records: native.records }, { system: "go-wasm", records: [], skipped: "no go on the PATH" }]);
    expect(r.systems.map((s) => [s.id, s.ran, s.skipped])).toEqual([
      ["deferlab-wasm", false, "not run"],
      ["deferlab-ts", false, "not run"],
      ["go-wasm", false, "no go on the PATH"],
      ["go-native", true, undefined],
    ]);
    expect(r.ratios.overGoWasm).toEqual({});
    expect(r.ratios.wasmCoreOverTsCore).toEqual({});
    expect(formatReport(r)).toContain("go-wasm: not run (no go on the PATH)");
  });
});

describe("formatReport", () => {
  const text = formatReport(buildReport(results));

  it("has a row per benchmark with a column per system", () => {
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^ns\/op\s+deferlab-wasm\s+deferlab-ts\s+go-wasm\s+go-native$/);
    expect(lines.find((l) => l.startsWith("DeferHeap "))).toMatch(/^DeferHeap\s+20\.0ns\s+100ns\s+477ns\s+55\.8ns$/);
    expect(lines.find((l) => l.startsWith("PanicRecoverDepth1000 "))).toMatch(/-\s+-\s+200µs\s+-$/);
  });

  it("shows the ratios", () => {
    expect(text).toMatch(/x PlainCall, same system/);
    expect(text).toMatch(/\nDeferStack\s+2\.50x\s+2\.00x/);
    expect(text).toContain("deferlab-wasm / go-wasm");
    expect(text).toContain("wasm core / TS core");
  });
});

describe("reportJson", () => {
  it("holds the report, the raw records and the run's metadata", () => {
    const report = buildReport(results);
    const json = JSON.parse(JSON.stringify(reportJson(report, results, { date: "2024-01-01T00:00:00.000Z", environment: { node: "v20" }, flags: { benchtime: "1x" } })));
    expect(Object.keys(json).sort()).toEqual(["benchmarks", "date", "environment", "flags", "nsPerOp", "ratios", "runs", "schema", "systems"]);
    expect(json.schema).toBe(1);
    expect(Object.keys(json.ratios).sort()).toEqual(["overGoNative", "overGoWasm", "overPlainCall", "wasmCoreOverTsCore"]);
    expect(json.runs["go-native"]).toHaveLength(14);
    expect(json.systems[3]).toMatchObject({ id: "go-native", ran: true, config: { goos: "linux" } });
  });
});

describe("renderSvg", () => {
  const report = buildReport(results);
  const svg = renderSvg(report, "node v20 & go1.19 <test>");

  it("is well-formed XML with an svg root", () => {
    const elements = checkXml(svg);
    expect(elements[0]).toBe("svg");
    expect(svg).toContain("node v20 &amp; go1.19 &lt;test&gt;");
  });

  it("draws one bar per value, a legend entry per system and the axis labels", () => {
    const values = Object.values(report.nsPerOp).reduce((n, v) => n + Object.keys(v).length, 0);
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(values);
    for (const label of ["deferlab, wasm core", "deferlab, TypeScript core", "Go, GOOS=js GOARCH=wasm", "Go, native"]) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain("ns/op (log scale");
    for (const tick of ["1ns", "10ns", "100ns", "1µs", "10µs", "100µs", "1ms"]) expect(svg).toContain(`>${tick}</text>`);
    expect(svg).toContain(">no result</text>");
  });

  it("puts longer times further right, on a log scale", () => {
    const width = (title: string): number => Number(new RegExp(`width="([\\d.]+)"[^>]*><title>${title}`).exec(svg)![1]);
    const w4 = width("deferlab, wasm core: 4.00ns");
    const w40 = width("deferlab, TypeScript core: 40.0ns");
    const w20 = width("deferlab, wasm core: 20.0ns");
    const w100 = width("deferlab, TypeScript core: 100ns");
    expect(w40).toBeGreaterThan(w4);
    expect(w100 - w20).toBeCloseTo(w40 - w4 - (Math.log10(2) / Math.log10(10)) * (w40 - w4), 0);
  });

  it("rejects malformed XML", () => {
    expect(() => checkXml("<svg><g></svg>")).toThrow();
    expect(() => checkXml('<svg a="1" a="2"/>')).toThrow();
    expect(() => checkXml("<svg>a & b</svg>")).toThrow();
    expect(() => checkXml("<svg x=1/>")).toThrow();
  });
});
