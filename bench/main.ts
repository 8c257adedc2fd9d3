// The benchmark suite (bench/go/defer_test.go) on every system: deferlab on
// its wasm and TypeScript cores, real Go as GOOS=js GOARCH=wasm on this
// Node and natively. Progress goes to stderr; the table to stdout; the
// results to DIR/results.json and DIR/results.svg.
//
//   npx tsx bench/main.ts [-bench=RE] [-benchtime=1s|100x] [-count=N]
//                         [-systems=deferlab-wasm,go-native,...] [-o=DIR]

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runDeferlab } from "./deferlab-run.js";
import { goVersion, runGoNative, runGoWasm, SUITE_DIR, type BenchFlags, type GoRun, type GoRunOptions } from "./gorun.js";
import { parseLine } from "./parse.js";
import { Unavailable } from "./proc.js";
import { buildReport, formatNs, formatReport, reportJson, shortName, type ReportJson, type SystemResult } from "./report.js";
import { renderSvg } from "./svg.js";
import { SYSTEMS, type SystemId } from "./systems.js";

const RUNNERS: Record<SystemId, (opts: GoRunOptions) => Promise<GoRun>> = {
  "deferlab-wasm": (opts) => runDeferlab("wasm", opts),
  "deferlab-ts": (opts) => runDeferlab("ts", opts),
  "go-wasm": runGoWasm,
  "go-native": runGoNative,
};

export interface SuiteOptions extends BenchFlags {
  systems?: SystemId[];
  /** Where results.json and results.svg go; nothing is written without it. */
  outDir?: string;
  /** Progress lines; the default writes nothing. */
  progress?: (line: string) => void;
}

export interface SuiteResult {
  results: SystemResult[];
  /** Systems that ran and failed, with why; unavailable ones are only skipped. */
  failures: { system: SystemId; message: string }[];
  text: string;
  json: ReportJson;
  svg: string;
}

/** The Benchmark functions of the suite whose names -bench selects, for the progress count. */
function suiteBenchmarks(bench = "."): string[] {
  const source = readFileSync(join(SUITE_DIR, "defer_test.go"), "utf8");
  const names = [...source.matchAll(/^func (Benchmark\w*)\(/gm)].map((m) => m[1]!);
  const re = new RegExp(bench);
  return names.filter((n) => re.test(n));
}

export async function runSuite(opts: SuiteOptions = {}): Promise<SuiteResult> {
  const systems = opts.systems ?? SYSTEMS.map((s) => s.id);
  const progress = opts.progress ?? (() => {});
  const total = suiteBenchmarks(opts.bench).length * (opts.count ?? 1);
  const results: SystemResult[] = [];
  const failures: SuiteResult["failures"] = [];
  for (const system of systems) {
    let done = 0;
    progress(`${system}: starting`);
    const onLine = (line: string): void => {
      const r = parseLine(line);
      if (r) progress(`${system}: [${++done}/${total}] ${shortName(r.name)} ${formatNs(r.nsPerOp)}/op`);
    };
    try {
      const run = await RUNNERS[system]({ ...opts, onLine });
      results.push({ system, records: run.output.records, config: run.output.config });
      progress(`${system}: done`);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (!(e instanceof Unavailable)) failures.push({ system, message });
      results.push({ system, records: [], skipped: message.split("\n")[0]! });
      progress(`${system}: skipped: ${message}`);
    }
  }

  const report = buildReport(results);
  const flags = {
    bench: opts.bench ?? ".",
    ...(opts.benchtime !== undefined ? { benchtime: opts.benchtime } : {}),
    ...(opts.count !== undefined ? { count: opts.count } : {}),
  };
  const environment: Record<string, string> = {
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    ...(goVersion() !== undefined ? { go: goVersion()! } : {}),
  };
  const json = reportJson(report, results, { date: new Date().toISOString(), environment, flags });
  const subtitle = `node ${process.version}${environment.go ? `, ${environment.go}` : ""}, -benchtime=${opts.benchtime ?? "1s"}, -count=${opts.count ?? 1}, median`;
  const svg = renderSvg(report, subtitle);
  const text = formatReport(report);
  if (opts.outDir !== undefined) {
    mkdirSync(opts.outDir, { recursive: true });
    writeFileSync(join(opts.outDir, "results.json"), JSON.stringify(json, null, 2) + "\n");
    writeFileSync(join(opts.outDir, "results.svg"), svg);
  }
  return { results, failures, text, json, svg };
}

/** Parses the command line of main: Go-style single-dash flags. */
export function parseArgs(argv: string[]): SuiteOptions {
  const opts: SuiteOptions = { outDir: fileURLToPath(new URL("./results/", import.meta.url)) };
  for (const arg of argv) {
    const m = /^--?([a-z]+)(?:=(.*))?$/.exec(arg);
    const value = m?.[2];
    switch (m?.[1]) {
      case "bench": opts.bench = value; break;
      case "benchtime": opts.benchtime = value; break;
      case "count": opts.count = Number(value); break;
      case "benchmem": opts.benchmem = true; break;
      case "o": opts.outDir = value; break;
      case "systems": {
        const ids = SYSTEMS.map((s) => s.id) as string[];
        const chosen = (value ?? "").split(",");
        const bad = chosen.filter((s) => !ids.includes(s));
        if (bad.length > 0) throw new Error(`unknown system ${bad.join(", ")}; the systems are ${ids.join(", ")}`);
        opts.systems = chosen as SystemId[];
        break;
      }
      default: throw new Error(`unknown flag ${arg}`);
    }
  }
  if (opts.count !== undefined && !(Number.isInteger(opts.count) && opts.count > 0)) throw new Error("-count must be a positive integer");
  return opts;
}

/** Progress on stderr: one line rewritten in place on a terminal, plain lines otherwise. */
function stderrProgress(): (line: string) => void {
  if (!process.stderr.isTTY) return (line) => process.stderr.write(`${line}\n`);
  return (line) => process.stderr.write(`\r\x1b[2K${line}${/: (done|skipped)/.test(line) ? "\n" : ""}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let opts: SuiteOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const suite = await runSuite({ ...opts, progress: stderrProgress() });
  process.stdout.write(suite.text);
  if (opts.outDir !== undefined) console.error(`wrote ${join(opts.outDir, "results.json")} and results.svg`);
  for (const f of suite.failures) console.error(`${f.system} failed:\n${f.message}`);
  process.exit(suite.failures.length > 0 ? 1 : 0);
}
