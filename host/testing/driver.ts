// The test driver: what `go test` does with a deferlab test program. The
// program is the test binary: testing.M's Run, here, runs the tests -run
// selects (tests.ts) and the benchmarks -bench selects (bench.ts) through
// the runtime's tRunner, and ends in PASS or FAIL; the go command around
// it (GoCommand below) streams or buffers that output and adds the ok or
// FAIL line. It runs on either core.
//
// The header names the platform as deferlab is: `goos: js` and
// `goarch: wasm`, as Go's own port to WebAssembly on a JavaScript host
// reports itself. Programs run on one thread, so GOMAXPROCS is 1, and, as
// go test does for 1, benchmark names carry no -P suffix.

import { loadProgram, type RunOptions, type TestingHost } from "../loader.js";
import { RUNTIME_TESTINIT } from "../runtime-imports.js";
import { Benchmarks, type BenchTime } from "./bench.js";
import { ChattyPrinter, type Common, type Writer } from "./common.js";
import { Matcher, PatternError } from "./match.js";
import { TestProgram } from "./program.js";
import { Tests } from "./tests.js";

export type { BenchTime };

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
  /** -v: every test's name, log and outcome as it runs. */
  verbose?: boolean;
}

export interface TestRun extends TestFlags {
  /** The package name go test prints (`pkg:` and the ok/FAIL line). */
  pkg: string;
  /** Receives go test's output, the program's own output among it. */
  write(s: string): void;
  /** The core and its settings. */
  runOptions?: Omit<RunOptions, "stdout" | "stderr" | "keepOutput">;
}

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
  return { ns: Math.floor(Number(d[1]) * GO_DURATION_UNITS[d[2]!]!) };
}

/** Checks a -run or -bench pattern as the test binary does, element by element; the error says which. */
export function checkPattern(pattern: string, flag: string): void {
  try {
    new Matcher(pattern, flag);
  } catch (e) {
    if (e instanceof PatternError) throw new FlagError(`invalid regexp for ${e.message}`);
    throw e;
  }
}

/** Go's "testing: warning" when -run selected no test and -bench was not given. */
const NO_TESTS_TO_RUN = "testing: warning: no tests to run\n";

/**
 * What the go command does around the test binary: with -bench its output
 * streams through (and a failure is explained by "exit status N"); else
 * it is kept, shown as it comes under -v, dropped when the package passes
 * and printed when it fails.
 */
class GoCommand {
  private buffered = "";
  private readonly started = performance.now();

  constructor(
    private readonly opts: TestRun,
    private readonly stream: boolean,
  ) {}

  /** The test binary's standard output and error. */
  readonly out: Writer = (s) => {
    if (this.stream || this.opts.verbose) this.opts.write(s);
    if (!this.stream) this.buffered += s;
  };

  /** The line after the binary exited with code; go test's own exit status. */
  finish(code: number): number {
    const secs = ((performance.now() - this.started) / 1000).toFixed(3);
    if (code === 0) {
      const norun = this.buffered.startsWith(NO_TESTS_TO_RUN) || this.buffered.includes(`\n${NO_TESTS_TO_RUN}`) ? " [no tests to run]" : "";
      this.opts.write(`ok  \t${this.opts.pkg}\t${secs}s${norun}\n`);
      return 0;
    }
    if (!this.stream && !this.opts.verbose) this.opts.write(this.buffered);
    if (this.buffered === "") this.opts.write(`exit status ${code}\n`);
    else if (!this.buffered.endsWith("\n")) this.opts.write("\n");
    this.opts.write(`FAIL\t${this.opts.pkg}\t${secs}s\nFAIL\n`);
    return 1;
  }
}

/** Runs a compiled test program as go test does and returns go test's exit status. */
export async function runTests(wasm: Uint8Array, opts: TestRun): Promise<number> {
  const bench = opts.bench ?? "";
  const go = new GoCommand(opts, bench !== "");
  const decoder = new TextDecoder();
  let binary: TestBinary | undefined;
  const prog = await loadProgram(
    wasm,
    {
      ...opts.runOptions,
      keepOutput: false,
      stdout: (b) => go.out(decoder.decode(b, { stream: true })),
      stderr: (b) => go.out(decoder.decode(b, { stream: true })),
    },
    testingHost(() => binary!),
  );
  binary = new TestBinary(new TestProgram(prog), opts, go.out);
  let code = 0;
  const exit = prog.call(() => {
    (prog.runtime[RUNTIME_TESTINIT] as () => void)();
    code = binary!.main();
  });
  return go.finish(exit ?? code);
}

/** The runtime's calls into the driver, for the binary that runs once the program is loaded. */
function testingHost(binary: () => TestBinary): TestingHost {
  return {
    run: (c, nameptr, namelen, f) => binary().run(c, nameptr, namelen, f),
    output: (c, p, n) => binary().output(c, p, n),
    panicked: (c) => binary().panicked(c),
  };
}

/** The test binary: testing.M over the program, and the runtime's calls into package testing. */
class TestBinary {
  /** The testing.T and testing.B records of the program, by address. */
  private readonly commons = new Map<number, Common>();
  private readonly tests: Tests;
  private readonly benchmarks: Benchmarks;

  constructor(
    private readonly prog: TestProgram,
    private readonly opts: TestRun,
    private readonly stdout: Writer,
  ) {
    const chatty = opts.verbose ? new ChattyPrinter(stdout) : null;
    this.tests = new Tests(prog, this.commons, stdout, chatty, opts.run ?? "");
    this.benchmarks = new Benchmarks(prog, this.commons, stdout, chatty, {
      pattern: opts.bench ?? "",
      benchtime: parseBenchTime(opts.benchtime ?? "1s"),
      count: opts.count ?? 1,
      mem: opts.benchmem ?? false,
      pkg: opts.pkg,
      goos: GOOS,
      goarch: GOARCH,
    });
  }

  /** testing.M's Run: the tests, then the benchmarks; the binary's exit code. */
  main(): number {
    const entries = this.prog.entries();
    const bench = this.opts.bench ?? "";
    const { ran, ok } = this.tests.runAll(entries.filter((e) => !e.benchmark), this.opts.count ?? 1);
    if (!ran && bench === "") this.stdout(NO_TESTS_TO_RUN);
    if (!ok || (bench !== "" && !this.benchmarks.runAll(entries.filter((e) => e.benchmark)))) {
      this.stdout("FAIL\n");
      return 1;
    }
    this.stdout("PASS\n");
    return 0;
  }

  private common(c: number): Common {
    const t = this.commons.get(c);
    if (!t) throw new Error(`internal error: no test has the record ${c}`);
    return t;
  }

  run(c: number, nameptr: number, namelen: number, f: number): number {
    const parent = this.common(c);
    const name = this.prog.string(nameptr, namelen);
    return parent.bench ? this.benchmarks.run(parent, name, f) : this.tests.run(parent, name, f);
  }

  output(c: number, p: number, n: number): void {
    this.common(c).log(this.prog.string(p, n));
  }

  panicked(c: number): void {
    this.tests.panicked(this.common(c));
  }
}
