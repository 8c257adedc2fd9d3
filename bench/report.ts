// Puts the runs of the suite on each system side by side: one table of
// ns/op per benchmark per system, the ratios that matter, and the same as
// JSON and as an SVG chart (svg.ts).

import type { BenchRecord } from "./parse.js";
import { DEFERLAB_SYSTEMS, SYSTEMS, type SystemId } from "./systems.js";

/** What one system produced: its records, or why it did not run. */
export interface SystemResult {
  system: SystemId;
  records: BenchRecord[];
  /** The header of its output (goos, goarch, pkg, cpu). */
  config?: Record<string, string>;
  /** Set when the system could not run; records is then empty. */
  skipped?: string;
}

/** The baseline every defer kind is compared with on its own system. */
export const PLAIN_CALL = "BenchmarkPlainCall";
/** The same closure as PLAIN_CALL, deferred in each of Go's three ways. */
export const DEFER_KINDS = ["BenchmarkDeferOpenCoded", "BenchmarkDeferStack", "BenchmarkDeferHeap"];

type PerBench = Record<string, number>;
type PerSystem<T> = Partial<Record<SystemId, T>>;

export interface Ratios {
  /** Each defer kind / the plain call, per system. */
  overPlainCall: PerSystem<PerBench>;
  /** Each deferlab core / Go wasm, per benchmark. */
  overGoWasm: PerSystem<PerBench>;
  /** Each deferlab core / native Go, per benchmark. */
  overGoNative: PerSystem<PerBench>;
  /** The wasm core / the TypeScript core, per benchmark. */
  wasmCoreOverTsCore: PerBench;
}

export interface Report {
  /** Benchmark names, in the order they first ran. */
  benchmarks: string[];
  systems: { id: SystemId; label: string; ran: boolean; skipped?: string; config?: Record<string, string> }[];
  /** Median ns/op over the -count runs, per benchmark, per system. */
  nsPerOp: Record<string, PerSystem<number>>;
  ratios: Ratios;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** a / b per benchmark where both have a value. */
function divide(benchmarks: string[], a: (b: string) => number | undefined, b: (b: string) => number | undefined): PerBench {
  const out: PerBench = {};
  for (const name of benchmarks) {
    const x = a(name);
    const y = b(name);
    if (x !== undefined && y !== undefined && y > 0) out[name] = x / y;
  }
  return out;
}

export function buildReport(results: SystemResult[]): Report {
  const benchmarks: string[] = [];
  const nsPerOp: Record<string, PerSystem<number>> = {};
  const bySystem = new Map(results.map((r) => [r.system, r]));
  for (const { id } of SYSTEMS) {
    const runs = new Map<string, number[]>();
    for (const rec of bySystem.get(id)?.records ?? []) {
      if (!runs.has(rec.name)) runs.set(rec.name, []);
      runs.get(rec.name)!.push(rec.nsPerOp);
    }
    for (const [name, xs] of runs) {
      if (!benchmarks.includes(name)) benchmarks.push(name);
      (nsPerOp[name] ??= {})[id] = median(xs);
    }
  }
  const ns = (sys: SystemId) => (name: string) => nsPerOp[name]?.[sys];
  const ran = SYSTEMS.filter(({ id }) => (bySystem.get(id)?.records.length ?? 0) > 0).map(({ id }) => id);

  const ratios: Ratios = { overPlainCall: {}, overGoWasm: {}, overGoNative: {}, wasmCoreOverTsCore: {} };
  for (const sys of ran) {
    const plain = ns(sys)(PLAIN_CALL);
    if (plain !== undefined) ratios.overPlainCall[sys] = divide(DEFER_KINDS, ns(sys), () => plain);
  }
  for (const sys of DEFERLAB_SYSTEMS.filter((s) => ran.includes(s))) {
    if (ran.includes("go-wasm")) ratios.overGoWasm[sys] = divide(benchmarks, ns(sys), ns("go-wasm"));
    if (ran.includes("go-native")) ratios.overGoNative[sys] = divide(benchmarks, ns(sys), ns("go-native"));
  }
  ratios.wasmCoreOverTsCore = divide(benchmarks, ns("deferlab-wasm"), ns("deferlab-ts"));

  return {
    benchmarks,
    systems: SYSTEMS.map(({ id, label }) => {
      const r = bySystem.get(id);
      return {
        id,
        label,
        ran: ran.includes(id),
        ...(r?.skipped !== undefined ? { skipped: r.skipped } : r === undefined ? { skipped: "not run" } : {}),
        ...(r?.config !== undefined ? { config: r.config } : {}),
      };
    }),
    nsPerOp,
    ratios,
  };
}

/** A benchmark's name without the Benchmark prefix, for tables and charts. */
export function shortName(name: string): string {
  return name.replace(/^Benchmark/, "");
}

/** ns/op with three significant digits, as benchstat shows them. */
export function formatNs(ns: number | undefined): string {
  if (ns === undefined) return "-";
  if (ns >= 1e6) return `${(ns / 1e6).toPrecision(3)}ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toPrecision(3)}µs`;
  return `${ns.toPrecision(3)}ns`;
}

function formatRatio(r: number | undefined): string {
  return r === undefined ? "-" : `${r.toFixed(2)}x`;
}

/** Rows of cells as text columns: the first left-aligned, the rest right-aligned. */
function columns(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd())
    .join("\n");
}

/** The report as text: ns/op, then the ratios, then the systems that did not run. */
export function formatReport(report: Report): string {
  const ran = report.systems.filter((s) => s.ran).map((s) => s.id);
  const out: string[] = [];
  out.push(columns([
    ["ns/op", ...ran],
    ...report.benchmarks.map((b) => [shortName(b), ...ran.map((s) => formatNs(report.nsPerOp[b]?.[s]))]),
  ]));

  const kinds = Object.entries(report.ratios.overPlainCall);
  if (kinds.length > 0) {
    out.push("", columns([
      [`x ${shortName(PLAIN_CALL)}, same system`, ...kinds.map(([s]) => s)],
      ...DEFER_KINDS.map((b) => [shortName(b), ...kinds.map(([, r]) => formatRatio(r![b]))]),
    ]));
  }

  const comparisons: [string, PerBench][] = [];
  for (const [sys, r] of Object.entries(report.ratios.overGoWasm)) comparisons.push([`${sys} / go-wasm`, r!]);
  for (const [sys, r] of Object.entries(report.ratios.overGoNative)) comparisons.push([`${sys} / go-native`, r!]);
  if (Object.keys(report.ratios.wasmCoreOverTsCore).length > 0) comparisons.push(["wasm core / TS core", report.ratios.wasmCoreOverTsCore]);
  if (comparisons.length > 0) {
    out.push("", columns([
      ["ratio", ...comparisons.map(([h]) => h)],
      ...report.benchmarks.map((b) => [shortName(b), ...comparisons.map(([, r]) => formatRatio(r[b]))]),
    ]));
  }

  for (const s of report.systems.filter((s) => !s.ran)) out.push("", `${s.id}: not run (${s.skipped ?? "no results"})`);
  return out.join("\n") + "\n";
}

export interface ReportJson extends Report {
  schema: 1;
  date: string;
  environment: Record<string, string>;
  flags: Record<string, string | number | boolean>;
  /** Every parsed record, per system, for tools that want more than medians. */
  runs: PerSystem<BenchRecord[]>;
}

export function reportJson(
  report: Report,
  results: SystemResult[],
  meta: { date: string; environment: Record<string, string>; flags: Record<string, string | number | boolean> },
): ReportJson {
  const runs: PerSystem<BenchRecord[]> = {};
  for (const r of results) if (r.records.length > 0) runs[r.system] = r.records;
  return { schema: 1, ...meta, ...report, runs };
}
