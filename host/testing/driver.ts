// The test driver: what a go test binary's testing.Main does, on a
// deferlab test program. It reads the test main's table from the image,
// runs the tests that -run selects and the benchmarks that -bench selects
// through the runtime's tRunner, scales b.N as go test does, and prints
// go test's output. It runs on either core.
//
// The header names the platform as deferlab is: `goos: js` and
// `goarch: wasm`, as Go's own port to WebAssembly on a JavaScript host
// reports itself. Programs run on one thread, so GOMAXPROCS is 1 and, as
// go test does for 1, benchmark names carry no -P suffix.

import {
  IMAGE, MD_TESTTAB, TB_B_SIZE, TB_BENCH, TB_COMMON_SIZE, TB_DURATION, TB_FAILED, TB_N, TB_NAMELEN,
  TB_NAMEPTR, TB_NETALLOCS, TB_NETBYTES, TB_OUTPUTLEN, TB_OUTPUTPTR, TB_SHOWALLOCS, TB_SKIPPED, TESTENT_FN,
  TESTENT_KIND, TESTENT_NAMELEN, TESTENT_NAMEPTR, TESTENT_SIZE, TESTKIND_BENCHMARK, TESTTAB_ENTRIES, TESTTAB_N,
} from "../../assembly/layout.js";
import { loadProgram, type LoadedProgram, type RunOptions } from "../loader.js";
import { RUNTIME_TESTINIT, RUNTIME_TRUNNER } from "../runtime-imports.js";
import { nameColumn, nameWidth, resultColumns, type BenchResult } from "./benchfmt.js";

export const GOOS = "js";
export const GOARCH = "wasm";

export interface TestFlags {
  /** -run: the tests to run (default all). */
  run?: string;
  /** -bench: the benchmarks to run (default none). */
  bench?: string;
  /** -benchtime: a duration (`1s`, `500ms`) or an iteration count (`100x`). */
  benchtime?: string;
  /** -count: how many times to run each test and benchmark. */
  count?: number;
  /** -benchmem: B/op and allocs/op for every benchmark. */
  benchmem?: boolean;
}

export interface TestRun extends TestFlags {
  /** The package name go test prints (`pkg:` and the ok/FAIL line). */
  pkg: string;
  /** Receives go test's output, the program's own output among it. */
  write(s: string): void;
  /** The core and its settings. */
  runOptions?: Omit<RunOptions, "stdout" | "stderr" | "keepOutput">;
}

interface TestEntry {
  name: string;
  /** The name's bytes in the image. */
  nameptr: number;
  namelen: number;
  benchmark: boolean;
  fn: number;
}

/** A -benchtime: run for a time, or exactly n iterations. */
export type BenchTime = { ns: number } | { n: number };

export class FlagError extends Error {}

const GO_DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, "µs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Parses -benchtime as go test does: `Nx`, or a Go duration such as `1s`, `1.5s`, `300ms`. */
export function parseBenchTime(s: string): BenchTime {
  const x = /^(\d+)x$/.exec(s);
  if (x) {
    const n = Number(x[1]);
    if (n === 0) throw new FlagError(`invalid count: ${s}`);
    return { n };
  }
  const d = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)$/.exec(s);
  if (!d) throw new FlagError(`invalid duration "${s}"`);
  return { ns: Number(d[1]) * GO_DURATION_UNITS[d[2]!]! };
}

/** Runs a compiled test program and returns go test's exit status. */
export async function runTests(wasm: Uint8Array, opts: TestRun): Promise<number> {
  const runRe = new RegExp(opts.run ?? "");
  const benchRe = opts.bench === undefined ? null : new RegExp(opts.bench);
  const benchtime = parseBenchTime(opts.benchtime ?? "1s");
  const count = opts.count ?? 1;
  const started = performance.now();
  const decoder = new TextDecoder();
  const prog = await loadProgram(wasm, {
    ...opts.runOptions,
    keepOutput: false,
    stdout: (b) => opts.write(decoder.decode(b, { stream: true })),
    stderr: (b) => opts.write(decoder.decode(b, { stream: true })),
  });
  const d = new Driver(prog, opts, benchtime);
  const exit = prog.call(() => (prog.runtime[RUNTIME_TESTINIT] as () => void)());
  if (exit !== undefined) return d.died(exit, started);
  const entries = d.entries();
  for (let i = 0; i < count; i++) {
    for (const t of entries) {
      if (t.benchmark || !runRe.test(t.name)) continue;
      if (!d.test(t)) return d.died(d.exitCode, started);
    }
  }
  const benches = benchRe ? entries.filter((t) => t.benchmark && benchRe.test(t.name)) : [];
  if (benches.length > 0) {
    opts.write(`goos: ${GOOS}\ngoarch: ${GOARCH}\npkg: ${opts.pkg}\n`);
    const width = nameWidth(benches.map((b) => b.name), "");
    for (const b of benches) {
      for (let i = 0; i < count; i++) if (!d.benchmark(b, width)) return d.died(d.exitCode, started);
    }
  }
  return d.finish(started);
}

class Driver {
  failed = false;
  /** The exit code of a run that ended in a test or benchmark. */
  exitCode = 0;
  /** Whether a --- FAIL line has been printed, which makes go test leave out the exit status. */
  private reportedFailure = false;

  constructor(
    private readonly prog: LoadedProgram,
    private readonly opts: TestRun,
    private readonly benchtime: BenchTime,
  ) {}

  private get view(): DataView {
    return new DataView(this.prog.memory.buffer);
  }

  private u32(p: number): number {
    return this.view.getUint32(p, true);
  }

  private string(p: number, n: number): string {
    return new TextDecoder().decode(new Uint8Array(this.prog.memory.buffer, p, n));
  }

  /** The test main's table of tests and benchmarks. */
  entries(): TestEntry[] {
    const tab = this.u32(IMAGE + MD_TESTTAB);
    if (tab === 0) return [];
    const out: TestEntry[] = [];
    for (let i = 0; i < this.u32(tab + TESTTAB_N); i++) {
      const e = tab + TESTTAB_ENTRIES + i * TESTENT_SIZE;
      const nameptr = this.u32(e + TESTENT_NAMEPTR);
      const namelen = this.u32(e + TESTENT_NAMELEN);
      out.push({
        name: this.string(nameptr, namelen),
        nameptr,
        namelen,
        benchmark: this.u32(e + TESTENT_KIND) === TESTKIND_BENCHMARK,
        fn: this.u32(e + TESTENT_FN),
      });
    }
    return out;
  }

  /** A new zeroed testing.T or testing.B named as the entry, in the program's heap. */
  private newCommon(t: TestEntry): number {
    const size = t.benchmark ? TB_B_SIZE : TB_COMMON_SIZE;
    const c = (this.prog.runtime["newobject"] as (n: number) => number)(size) >>> 0;
    const v = this.view;
    v.setUint32(c + TB_NAMEPTR, t.nameptr, true);
    v.setUint32(c + TB_NAMELEN, t.namelen, true);
    v.setUint8(c + TB_BENCH, t.benchmark ? 1 : 0);
    return c;
  }

  /** Calls tRunner; false if the run ended (a fatal panic), whose exit code is then exitCode. */
  private tRunner(fn: number, c: number): boolean {
    const exit = this.prog.call(() => (this.prog.runtime[RUNTIME_TRUNNER] as (f: number, c: number) => void)(fn, c));
    if (exit !== undefined) this.exitCode = exit;
    return exit === undefined;
  }

  private output(c: number): string {
    return this.string(this.u32(c + TB_OUTPUTPTR), this.u32(c + TB_OUTPUTLEN));
  }

  /** Runs one test and reports it as go test does without -v; false if the run ended. */
  test(t: TestEntry): boolean {
    const c = this.newCommon(t);
    const start = performance.now();
    if (!this.tRunner(t.fn, c)) return false;
    const secs = ((performance.now() - start) / 1000).toFixed(2);
    if (this.view.getUint8(c + TB_FAILED) !== 0) {
      this.failed = true;
      this.reportedFailure = true;
      this.opts.write(`--- FAIL: ${t.name} (${secs}s)\n${this.output(c)}`);
    }
    return true;
  }

  /** Runs b.N = n iterations of the benchmark whose B is at b. */
  private runN(t: TestEntry, b: number, n: number): boolean {
    this.view.setBigInt64(b + TB_N, BigInt(n), true);
    return this.tRunner(t.fn, b);
  }

  private result(b: number): BenchResult {
    const v = this.view;
    return {
      n: Number(v.getBigInt64(b + TB_N, true)),
      ns: Number(v.getBigInt64(b + TB_DURATION, true)),
      allocs: Number(v.getBigInt64(b + TB_NETALLOCS, true)),
      bytes: Number(v.getBigInt64(b + TB_NETBYTES, true)),
    };
  }

  /** Runs one benchmark with go test's b.N scaling and prints its line; false if the run ended. */
  benchmark(t: TestEntry, width: number): boolean {
    this.opts.write(nameColumn(t.name, width));
    const b = this.newCommon(t);
    if (!this.runN(t, b, 1)) return false;
    if (!this.scale(t, b)) return false;
    const v = this.view;
    if (v.getUint8(b + TB_FAILED) !== 0) {
      this.failed = true;
      this.reportedFailure = true;
      this.opts.write(`--- FAIL: ${t.name}\n${this.output(b)}`);
      return true;
    }
    if (v.getUint8(b + TB_SKIPPED) !== 0) {
      this.opts.write(`--- SKIP: ${t.name}\n${this.output(b)}`);
      return true;
    }
    const mem = (this.opts.benchmem ?? false) || v.getUint8(b + TB_SHOWALLOCS) !== 0;
    this.opts.write(`${resultColumns(this.result(b), mem)}\n`);
    const out = this.output(b);
    if (out !== "") this.opts.write(`--- BENCH: ${t.name}\n${out}`);
    return true;
  }

  /**
   * go test's launch: a fixed count runs once more with that N; a time
   * target grows N from the last run's time per op, by at most 100x and
   * at least by one, with a fifth more for good measure, up to 1e9.
   */
  private scale(t: TestEntry, b: number): boolean {
    const stopped = (): boolean => this.view.getUint8(b + TB_FAILED) !== 0 || this.view.getUint8(b + TB_SKIPPED) !== 0;
    if ("n" in this.benchtime) return this.benchtime.n === 1 || stopped() || this.runN(t, b, this.benchtime.n);
    const goal = this.benchtime.ns;
    let n = 1;
    while (!stopped() && this.result(b).ns < goal && n < 1e9) {
      const last = n;
      const prev = this.result(b);
      n = Math.floor((goal * prev.n) / Math.max(prev.ns, 1));
      n += Math.floor(n / 5);
      n = Math.min(n, 100 * last);
      n = Math.max(n, last + 1);
      n = Math.min(n, 1e9);
      if (!this.runN(t, b, n)) return false;
    }
    return true;
  }

  /** The end of a run that finished: PASS or FAIL, and go test's summary line. */
  finish(started: number): number {
    const secs = ((performance.now() - started) / 1000).toFixed(3);
    if (this.failed) {
      this.opts.write(`FAIL\nFAIL\t${this.opts.pkg}\t${secs}s\nFAIL\n`);
      return 1;
    }
    this.opts.write(`PASS\nok  \t${this.opts.pkg}\t${secs}s\n`);
    return 0;
  }

  /** The end of a run a fatal panic or error ended, as go test reports a test binary that died. */
  died(exitCode: number, started: number): number {
    const secs = ((performance.now() - started) / 1000).toFixed(3);
    if (!this.reportedFailure) this.opts.write(`exit status ${exitCode}\n`);
    this.opts.write(`FAIL\t${this.opts.pkg}\t${secs}s\nFAIL\n`);
    return 1;
  }
}
