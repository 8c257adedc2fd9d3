// Running benchmarks as Go's runBenchmarks, B.Run, run1, processBench and
// launch do: each benchmark runs once with b.N = 1; one that calls b.Run
// has sub-benchmarks instead of a result line of its own, and the others
// are run again with b.N grown until they fill -benchtime, -count times
// over, each time printing a line benchstat reads. Quirks are Go's: a
// benchmark skipped or failed in its first run prints no name column, and
// the -count repetitions after the first run on a fresh B that no longer
// fails the run.

import { nameColumn, resultColumns, type BenchResult } from "./benchfmt.js";
import { Common, type ChattyPrinter, type Writer } from "./common.js";
import { Matcher } from "./match.js";
import type { TestEntry, TestProgram } from "./program.js";

/** A -benchtime: run for a time, or exactly n iterations. */
export type BenchTime = { ns: number } | { n: number };

export interface BenchOptions {
  pattern: string;
  benchtime: BenchTime;
  count: number;
  /** -benchmem */
  mem: boolean;
  pkg: string;
  goos: string;
  goarch: string;
}

/** Go's benchContext: the matcher, and the width of the name column, which long sub-benchmark names widen. */
interface BenchContext {
  match: Matcher;
  /** The -P suffix's length: 0, as GOMAXPROCS is 1. */
  extLen: number;
  maxLen: number;
}

class B extends Common {
  result: BenchResult = { n: 0, ns: 0, allocs: 0, bytes: 0 };

  constructor(
    record: number,
    name: string,
    parent: B | null,
    level: number,
    chatty: ChattyPrinter | null,
    w: Writer,
    /** The benchmark function, a func value (0 for Main). */
    readonly fn: number,
    /** Null for the fresh B of a -count repetition. */
    readonly context: BenchContext | null,
  ) {
    super(record, name, parent, level, chatty, true, w);
  }
}

const MAX_NEWLINES = 10;

export class Benchmarks {
  private labelsPrinted = false;

  constructor(
    private readonly prog: TestProgram,
    private readonly commons: Map<number, Common>,
    private readonly stdout: Writer,
    private readonly chatty: ChattyPrinter | null,
    private readonly opts: BenchOptions,
  ) {}

  /** Go's runBenchmarks: the benchmarks -bench selects, as sub-benchmarks of Main; false if one failed. */
  runAll(benchmarks: TestEntry[]): boolean {
    const ctx: BenchContext = { match: new Matcher(this.opts.pattern, "-test.bench"), extLen: 0, maxLen: 0 };
    const bs = benchmarks.filter((b) => ctx.match.fullName(null, b.name).ok);
    for (const b of bs) ctx.maxLen = Math.max(ctx.maxLen, byteLength(b.name) + ctx.extLen + 1);
    const main = new B(0, "Main", null, 0, this.chatty, this.stdout, 0, ctx);
    for (const b of bs) this.run(main, b.name, b.fn);
    return !main.failedBelow;
  }

  /** B.Run: runs f as the sub-benchmark `name` of b unless -bench leaves it out; 1 if it did not fail. */
  run(b: Common, name: string, f: number): number {
    const parent = b as B;
    parent.hasSub = true;
    const { name: benchName, ok, partial } = parent.context ? parent.context.match.fullName(parent, name) : { name: parent.name, ok: true, partial: false };
    if (!ok) return 1;
    const sub = this.newB(benchName, parent, parent.level + 1, f, parent.context);
    // -bench=X/Y matched BenchmarkX only partly: it runs for its sub-benchmarks alone.
    if (partial) sub.hasSub = true;
    if (this.chatty) {
      this.labels();
      this.stdout(`${benchName}\n`);
    }
    if (this.run1(sub)) this.processBench(sub);
    const failed = this.prog.failed(sub.record);
    if (failed && parent.record === 0) parent.failedBelow = true;
    return failed ? 0 : 1;
  }

  private newB(name: string, parent: B | null, level: number, fn: number, context: BenchContext | null): B {
    const b = new B(this.prog.newRecord(name, true, parent?.record ?? 0), name, parent, level, this.chatty, this.stdout, fn, context);
    this.commons.set(b.record, b);
    return b;
  }

  /** Runs b.N = n iterations; false if the benchmark ended in Goexit (FailNow, SkipNow). */
  private runN(b: B, n: number): boolean {
    this.prog.setN(b.record, n);
    return this.prog.tRunner(b.fn, b.record);
  }

  /** B.run1: one iteration; whether to go on and measure b (it neither failed, stopped nor has sub-benchmarks). */
  private run1(b: B): boolean {
    const ctx = b.context;
    if (ctx) {
      const n = byteLength(b.name) + ctx.extLen + 1;
      // Some slack, so that the column does not widen at every longer name.
      if (n > ctx.maxLen) ctx.maxLen = n + 8;
    }
    this.runN(b, 1);
    if (this.prog.failed(b.record)) {
      b.w(`--- FAIL: ${b.name}\n${b.output}`);
      return false;
    }
    const finished = this.prog.finished(b.record);
    if (b.hasSub || finished) {
      const tag = this.prog.skipped(b.record) ? "SKIP" : "BENCH";
      if (b.chatty && (b.output.length > 0 || finished)) {
        trimOutput(b);
        b.w(`--- ${tag}: ${b.name}\n${b.output}`);
      }
      return false;
    }
    return true;
  }

  /** The goos/goarch/pkg header, before the first result. */
  private labels(): void {
    if (this.labelsPrinted) return;
    this.labelsPrinted = true;
    this.stdout(`goos: ${this.opts.goos}\ngoarch: ${this.opts.goarch}\npkg: ${this.opts.pkg}\n`);
  }

  /** B.run and processBench: -count measurements of b, each a result line. */
  private processBench(b: B): void {
    this.labels();
    const width = b.context!.maxLen;
    for (let j = 0; j < this.opts.count; j++) {
      const benchName = b.name;
      if (!b.chatty) b.w(nameColumn(benchName, width));
      if (j > 0) {
        b = this.newB(b.name, null, 0, b.fn, null);
        this.run1(b);
      }
      const r = this.doBench(b);
      if (this.prog.failed(b.record)) {
        b.w(`--- FAIL: ${benchName}\n${b.output}`);
        continue;
      }
      if (b.chatty) b.w(nameColumn(benchName, width));
      b.w(`${resultColumns(r, this.opts.mem || this.prog.showAllocs(b.record))}\n`);
      if (b.output.length > 0) {
        trimOutput(b);
        b.w(`--- BENCH: ${benchName}\n${b.output}`);
      }
    }
  }

  /** B.doBench and launch: b.N grown to fill -benchtime, or exactly -benchtime=Nx; the result of the last run. */
  private doBench(b: B): BenchResult {
    if (this.launch(b)) b.result = this.prog.result(b.record);
    return b.result;
  }

  /**
   * go test's launch after run1's b.N = 1: a fixed count runs once more
   * with that N; a time target grows N from the last run's time per op, by
   * at most 100x and at least by one, with a fifth more for good measure,
   * up to 1e9. False if a run ended in Goexit.
   */
  private launch(b: B): boolean {
    const bt = this.opts.benchtime;
    if ("n" in bt) return bt.n <= 1 || this.runN(b, bt.n);
    for (let n = 1; !this.prog.failed(b.record) && this.prog.result(b.record).ns < bt.ns && n < 1e9; ) {
      const last = n;
      const prev = this.prog.result(b.record);
      // Go's int64 arithmetic, multiplying first: exact beyond 2^53.
      n = Number((BigInt(bt.ns) * BigInt(prev.n)) / BigInt(Math.max(prev.ns, 1)));
      n += Math.floor(n / 5);
      n = Math.min(n, 100 * last);
      n = Math.max(n, last + 1);
      n = Math.min(n, 1e9);
      if (!this.runN(b, n)) return false;
    }
    return true;
  }
}

/** At most ten lines of a benchmark's output, which it repeats at every run. */
function trimOutput(b: B): void {
  let newlines = 0;
  for (let j = 0; j < b.output.length; j++) {
    if (b.output[j] === "\n" && ++newlines >= MAX_NEWLINES) {
      b.output = `${b.output.slice(0, j)}\n\t... [output truncated]\n`;
      return;
    }
  }
}

/** len() of a Go string: its UTF-8 bytes. */
function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}
