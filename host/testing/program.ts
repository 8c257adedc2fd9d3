// The test program as the driver sees it: the testing.T and testing.B
// records (TB_* in layout.ts) in its memory, the test main's table, and
// the runtime's tRunner. Records are allocated in the program's heap, so
// that Go code holds them as *testing.T and *testing.B.

import {
  IMAGE, MD_TESTTAB, TB_B_SIZE, TB_BENCH, TB_COMMON_SIZE, TB_DURATION, TB_FAILED, TB_FINISHED, TB_N,
  TB_NAMELEN, TB_NAMEPTR, TB_NETALLOCS, TB_NETBYTES, TB_PARENT, TB_SHOWALLOCS, TB_SKIPPED, TESTENT_FN,
  TESTENT_KIND, TESTENT_NAMELEN, TESTENT_NAMEPTR, TESTENT_SIZE, TESTKIND_BENCHMARK, TESTTAB_ENTRIES, TESTTAB_N,
} from "../../assembly/layout.js";
import type { LoadedProgram } from "../loader.js";
import { RUNTIME_TRUNNER } from "../runtime-imports.js";
import type { BenchResult } from "./benchfmt.js";

/** A TestXxx or BenchmarkXxx of the test main's table. */
export interface TestEntry {
  name: string;
  benchmark: boolean;
  /** The function, as a func value. */
  fn: number;
}

export class TestProgram {
  constructor(private readonly prog: LoadedProgram) {}

  /** A view of the current memory: growing it replaces the buffer. */
  private get view(): DataView {
    return new DataView(this.prog.memory.buffer);
  }

  private u32(p: number): number {
    return this.view.getUint32(p, true);
  }

  private flag(c: number, off: number): boolean {
    return this.view.getUint8(c + off) !== 0;
  }

  /** The UTF-8 string of n bytes at p. */
  string(p: number, n: number): string {
    return new TextDecoder().decode(new Uint8Array(this.prog.memory.buffer, p, n));
  }

  /** The test main's table of tests and benchmarks. */
  entries(): TestEntry[] {
    const tab = this.u32(IMAGE + MD_TESTTAB);
    if (tab === 0) return [];
    const out: TestEntry[] = [];
    for (let i = 0; i < this.u32(tab + TESTTAB_N); i++) {
      const e = tab + TESTTAB_ENTRIES + i * TESTENT_SIZE;
      out.push({
        name: this.string(this.u32(e + TESTENT_NAMEPTR), this.u32(e + TESTENT_NAMELEN)),
        benchmark: this.u32(e + TESTENT_KIND) === TESTKIND_BENCHMARK,
        fn: this.u32(e + TESTENT_FN),
      });
    }
    return out;
  }

  private newobject(size: number): number {
    return (this.prog.runtime["newobject"] as (n: number) => number)(size) >>> 0;
  }

  /** A new zeroed testing.T or testing.B named name, run by the test whose record is parent (or 0). */
  newRecord(name: string, bench: boolean, parent: number): number {
    const bytes = new TextEncoder().encode(name);
    const p = this.newobject(Math.max(bytes.length, 1));
    new Uint8Array(this.prog.memory.buffer, p, bytes.length).set(bytes);
    const c = this.newobject(bench ? TB_B_SIZE : TB_COMMON_SIZE);
    const v = this.view;
    v.setUint32(c + TB_NAMEPTR, p, true);
    v.setUint32(c + TB_NAMELEN, bytes.length, true);
    v.setUint32(c + TB_PARENT, parent, true);
    v.setUint8(c + TB_BENCH, bench ? 1 : 0);
    return c;
  }

  failed(c: number): boolean {
    return this.flag(c, TB_FAILED);
  }

  skipped(c: number): boolean {
    return this.flag(c, TB_SKIPPED);
  }

  /** Marks c failed, and the tests above it, as t.Fail does. */
  fail(c: number): void {
    (this.prog.runtime["Fail"] as (c: number) => void)(c);
  }

  /** FailNow or SkipNow was called. */
  finished(c: number): boolean {
    return this.flag(c, TB_FINISHED);
  }

  /** b.ReportAllocs was called. */
  showAllocs(b: number): boolean {
    return this.flag(b, TB_SHOWALLOCS);
  }

  setN(b: number, n: number): void {
    this.view.setBigInt64(b + TB_N, BigInt(n), true);
  }

  result(b: number): BenchResult {
    const v = this.view;
    return {
      n: Number(v.getBigInt64(b + TB_N, true)),
      ns: Number(v.getBigInt64(b + TB_DURATION, true)),
      allocs: Number(v.getBigInt64(b + TB_NETALLOCS, true)),
      bytes: Number(v.getBigInt64(b + TB_NETBYTES, true)),
    };
  }

  /**
   * Runs the func value f with the record c on a goroutine of its own;
   * false if it ended in Goexit. A fatal panic ends the run: the loader's
   * exit exception passes through to the driver's outermost call.
   */
  tRunner(f: number, c: number): boolean {
    return (this.prog.runtime[RUNTIME_TRUNNER] as (f: number, c: number) => number)(f, c) !== 0;
  }
}
