// Reads the text `go test -bench` prints (and `deferlab test -bench`, which
// prints the same): the goos/goarch/pkg/cpu header and one line per
// benchmark run, `BenchmarkName-P  N  T ns/op  [B B/op  A allocs/op]`.
// The format is Go's benchmark data format
// (golang.org/x/perf/benchfmt), so benchstat reads the same text.

export interface BenchRecord {
  /** The name without its -P suffix, e.g. `BenchmarkDeferHeap`. */
  name: string;
  /** GOMAXPROCS, from the -P suffix; Go omits the suffix when it is 1. */
  procs: number;
  /** b.N of the run. */
  iterations: number;
  nsPerOp: number;
  bytesPerOp?: number;
  allocsPerOp?: number;
  /** Every value of the line by unit, ns/op included. */
  metrics: Record<string, number>;
}

export interface BenchOutput {
  /** The `key: value` lines before the benchmarks (goos, goarch, pkg, cpu). */
  config: Record<string, string>;
  records: BenchRecord[];
  /** Whether the run ended with PASS (or ok) and no FAIL. */
  passed: boolean;
}

const LINE = /^(Benchmark\S*)\s+(\d+)((?:\s+[-+0-9.eE]+\s+\S+)+)\s*$/;
const PROCS = /^(.*?)-(\d+)$/;
const CONFIG = /^([a-z][^:\s]*):\s*(.*)$/;

/** Parses one benchmark result line, or returns undefined for any other line. */
export function parseLine(line: string): BenchRecord | undefined {
  const m = LINE.exec(line.trimEnd());
  if (!m) return undefined;
  const p = PROCS.exec(m[1]!);
  const metrics: Record<string, number> = {};
  const fields = m[3]!.trim().split(/\s+/);
  for (let i = 0; i + 1 < fields.length; i += 2) metrics[fields[i + 1]!] = Number(fields[i]);
  const nsPerOp = metrics["ns/op"];
  if (nsPerOp === undefined || Object.values(metrics).some(Number.isNaN)) return undefined;
  const record: BenchRecord = {
    name: p ? p[1]! : m[1]!,
    procs: p ? Number(p[2]) : 1,
    iterations: Number(m[2]),
    nsPerOp,
    metrics,
  };
  if (metrics["B/op"] !== undefined) record.bytesPerOp = metrics["B/op"];
  if (metrics["allocs/op"] !== undefined) record.allocsPerOp = metrics["allocs/op"];
  return record;
}

/** Parses the whole output of one `go test -bench` run. */
export function parseBenchOutput(text: string): BenchOutput {
  const config: Record<string, string> = {};
  const records: BenchRecord[] = [];
  let pass = false;
  let fail = false;
  for (const line of text.split(/\r?\n/)) {
    const record = parseLine(line);
    if (record) {
      records.push(record);
      continue;
    }
    if (line === "PASS" || line.startsWith("ok ")) pass = true;
    else if (line === "FAIL" || line.startsWith("FAIL") || line.startsWith("--- FAIL")) fail = true;
    else if (records.length === 0) {
      const c = CONFIG.exec(line);
      if (c) config[c[1]!] = c[2]!;
    }
  }
  return { config, records, passed: pass && !fail };
}
