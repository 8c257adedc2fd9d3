// Running tests as Go's runTests, T.Run and tRunner do: the top-level
// tests are the subtests of a root test, each runs on a goroutine of its
// own (the runtime's tRunner), and each is reported when it ends, into its
// parent's output or, at the top, to standard output. A panic in a test is
// reported by the runtime (testpanic), after the driver has flushed the
// output of the test and those above it (panicked).

import { ChattyPrinter, Common, fmtDuration, type Writer } from "./common.js";
import { Matcher } from "./match.js";
import type { TestEntry, TestProgram } from "./program.js";

/**
 * What tRunner's deferred function logs when a subtest's Goexit was a
 * parent's FailNow: Go's errNilPanicOrGoexit and the position of that
 * t.Errorf call in Go 1.19's testing.go, which Go names as the caller.
 */
const PARENT_FAILNOW = "testing.go:1343: test executed panic(nil) or runtime.Goexit: subtest may have called FailNow on a parent test";

export class Tests {
  private matcher!: Matcher;

  constructor(
    private readonly prog: TestProgram,
    /** Every test run so far, by record, for the runtime's calls. */
    private readonly commons: Map<number, Common>,
    private readonly stdout: Writer,
    private readonly chatty: ChattyPrinter | null,
    private readonly pattern: string,
  ) {}

  /** Go's runTests: count rounds of the tests -run selects; whether any ran, and whether all passed. */
  runAll(tests: TestEntry[], count: number): { ran: boolean; ok: boolean } {
    let ran = false;
    let ok = true;
    for (let i = 0; i < count; i++) {
      // No test ran the first time: none will.
      if (i > 0 && !ran) break;
      this.matcher = new Matcher(this.pattern, "-test.run");
      const root = new Common(0, "", null, 0, this.chatty, false, this.stdout);
      for (const t of tests) this.run(root, t.name, t.fn);
      ok &&= !root.failedBelow;
      ran ||= root.ran;
    }
    return { ran, ok };
  }

  /**
   * T.Run: runs f as the subtest `name` of parent unless -run leaves it
   * out; 1 if it passed (or did not run), 0 if it failed, -1 if it ended
   * in a parent's FailNow, which ends the parent too.
   */
  run(parent: Common, name: string, f: number): number {
    parent.hasSub = true;
    const { name: testName, ok } = this.matcher.fullName(parent, name);
    if (!ok) return 1;
    const t = new Common(this.prog.newRecord(testName, false, parent.record), testName, parent, parent.level + 1, this.chatty, false);
    this.commons.set(t.record, t);
    this.chatty?.updatef(t.name, `=== RUN   ${t.name}\n`);
    t.start = performance.now();
    const finished = this.prog.tRunner(f, t.record) || this.prog.finished(t.record);
    const signal = finished || !this.parentFailNow(t);
    t.duration += performance.now() - t.start;
    this.report(t);
    t.done = true;
    if (!t.hasSub) t.setRan();
    if (this.failed(t) && parent.record === 0) parent.failedBelow = true;
    if (!signal) return -1;
    return this.failed(t) ? 0 : 1;
  }

  /**
   * tRunner's check of a Goexit that was not the test's own FailNow or
   * SkipNow: if a test above it called FailNow, the test reports that and
   * the test that called Run stops too.
   */
  private parentFailNow(t: Common): boolean {
    for (let p = t.parent; p !== null && p.record !== 0; p = p.parent) {
      if (this.prog.finished(p.record)) {
        t.log(`    ${PARENT_FAILNOW}\n`);
        this.prog.fail(t.record);
        return true;
      }
    }
    return false;
  }

  private failed(t: Common): boolean {
    return t.record !== 0 ? this.prog.failed(t.record) : t.failedBelow;
  }

  /** T.report: --- FAIL always, --- PASS and --- SKIP under -v. */
  private report(t: Common): void {
    const d = fmtDuration(t.duration);
    if (this.failed(t)) this.flushToParent(t, `--- FAIL: ${t.name} (${d})\n`);
    else if (t.chatty) this.flushToParent(t, `--- ${this.prog.skipped(t.record) ? "SKIP" : "PASS"}: ${t.name} (${d})\n`);
  }

  /** The header and the output of t, to its parent's output or, at the top, to standard output. */
  private flushToParent(t: Common, header: string): void {
    const p = t.parent!;
    const s = header + t.output;
    t.output = "";
    if (t.chatty && p.w === t.chatty.w) t.chatty.updatef(t.name, s);
    else p.w(s);
  }

  /** doPanic: t and every test above it are reported failed, with their output, before the panic ends the run. */
  panicked(t: Common): void {
    for (let c = t; c.parent !== null; c = c.parent) {
      c.duration += performance.now() - c.start;
      this.flushToParent(c, `--- FAIL: ${c.name} (${fmtDuration(c.duration)})\n`);
    }
  }
}
