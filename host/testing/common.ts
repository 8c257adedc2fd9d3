// What Go's testing.common keeps besides the runtime's record: a test's
// place in the tree of tests, its buffered output, and where its report
// goes; and the -v printer. A top-level test's report goes to the test
// binary's standard output; a subtest's goes, indented, into its parent's
// output, which is printed under the parent's own --- line.

/** Where a test's report is written. */
export type Writer = (s: string) => void;

/** Go's chattyPrinter: -v output, which says whose lines follow when that changes (=== CONT). */
export class ChattyPrinter {
  private lastName = "";

  constructor(readonly w: Writer) {}

  /** A line that names its test itself (=== RUN, --- PASS). */
  updatef(testName: string, s: string): void {
    this.lastName = testName;
    this.w(s);
  }

  /** A log line of testName. */
  printf(testName: string, s: string): void {
    if (this.lastName === "") this.lastName = testName;
    else if (this.lastName !== testName) {
      this.w(`=== CONT  ${testName}\n`);
      this.lastName = testName;
    }
    this.w(s);
  }
}

export class Common {
  /** Log lines and the reports of subtests, not printed yet. */
  output = "";
  /** A subtest ran under it (for -run's "no tests to run"). */
  ran = false;
  /** It called t.Run or b.Run. */
  hasSub = false;
  /** Its function has returned and it has been reported. */
  done = false;
  /** For the root test and the Main benchmark, which have no record: a test under them failed. */
  failedBelow = false;
  /** performance.now() when it started, and the milliseconds it ran. */
  start = performance.now();
  duration = 0;
  /** Where its reports go: stdout for the root test, an indenter into its own output below. */
  readonly w: Writer;

  constructor(
    /** Its testing.T or testing.B in the program's memory; 0 for the root test and the Main benchmark. */
    readonly record: number,
    readonly name: string,
    readonly parent: Common | null,
    /** 0 for the root, 1 for top-level tests and benchmarks. */
    readonly level: number,
    readonly chatty: ChattyPrinter | null,
    readonly bench: boolean,
    w?: Writer,
  ) {
    this.w = w ?? ((s) => (this.output += indent(s)));
  }

  /**
   * A log line (Go's logDepth): printed at once under -v, else kept for
   * the report; a test that has ended logs into the first running test
   * above it.
   */
  log(s: string): void {
    if (this.done) {
      let p = this.parent;
      while (p !== null && p.done) p = p.parent;
      if (p !== null) p.output += s;
      return;
    }
    if (this.chatty === null) this.output += s;
    // Benchmarks print no === CONT lines.
    else if (this.bench) this.chatty.w(s);
    else this.chatty.printf(this.name, s);
  }

  /** Marks it and the tests above it as having run a test, as Go's setRan. */
  setRan(): void {
    for (let c: Common | null = this; c !== null; c = c.parent) c.ran = true;
  }
}

/** Go's indenter: every line four spaces in, which lines a subtest's --- up under its parent's. */
function indent(s: string): string {
  return s.replace(/^(?=.)/gms, "    ");
}

/** Go's fmtDuration: seconds with two decimals. */
export function fmtDuration(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}
