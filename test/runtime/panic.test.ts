import { describe, expect, it } from "vitest";
import * as L from "../../assembly/layout.js";
import { ExitError, Machine } from "./harness.js";
import { F, NAMEID_ERROR, NAMEID_M, NAMEID_STRING, boot, pushFrame, stackRecord } from "./fixtures.js";

type Fn = (...a: unknown[]) => unknown;

/** Runs f, which must end the run, and returns what it printed. */
function fatal(m: Machine, f: () => unknown): string {
  const r = m.call(f);
  expect(r).toBeInstanceOf(ExitError);
  expect((r as ExitError).code).toBe(2);
  expect(m.g(L.G_EXITCODE)).toBe(2);
  return m.stderr;
}

/** A frame of main.f (stopped at site 1) that deferred fn(args) on the stack. */
function frameWithDefer(m: Machine, fn: number, args: number[]): number {
  const sp = pushFrame(m, F.f, 1, 64);
  stackRecord(m, sp + 8, fn, args);
  (m.rt.deferprocStack as Fn)(sp + 8);
  return sp;
}

describe("gopanic and recover", () => {
  it("a recovering deferred call makes the frames unwind to the deferring frame", async () => {
    const { m, t, recoverer } = await boot();
    const fsp = frameWithDefer(m, recoverer, []);
    const psp = pushFrame(m, F.g, 1, 32);
    const box = m.boxString("boom");
    (m.rt.gopanic as Fn)(t.string, box);
    expect(m.log).toEqual([[t.string, box]]);
    expect(m.g(L.G_UNWINDING)).toBe(1);
    expect(m.g(L.G_UNWINDSP)).toBe(fsp);
    expect(m.g(L.G_PANIC)).toBe(0);
    expect(m.g(L.G_DEFER)).toBe(0);
    expect(m.g(L.G_SP)).toBe(psp);
    expect(m.stderr).toBe("");
  });

  it("recover() answers nil to a call that is not the deferred one", async () => {
    const { m, t, wrongRecoverer } = await boot();
    frameWithDefer(m, wrongRecoverer, []);
    pushFrame(m, F.g, 1, 32);
    const out = fatal(m, () => (m.rt.gopanic as Fn)(t.string, m.boxString("boom")));
    expect(m.log).toEqual([[0, 0]]);
    expect(out).toBe(
      "panic: boom\n\ngoroutine 1 [running]:\nmain.g()\n\t/tmp/x.go:21 +0x1\nmain.f(...)\n\t/tmp/x.go:12 +0x1\n",
    );
  });

  it("prints nested panics as Go does", async () => {
    const { m, t } = await boot();
    const sp = pushFrame(m, F.mainFrames, 2, 128);
    stackRecord(m, sp + 8, m.funcval(F.panicker), [t.string, m.boxString("second")]);
    (m.rt.deferprocStack as Fn)(sp + 8);
    const out = fatal(m, () => (m.rt.gopanic as Fn)(t.string, m.boxString("first")));
    expect(out).toBe(
      "panic: first\n\tpanic: second\n\ngoroutine 1 [running]:\n" +
        "main.main.func1()\n\t/tmp/x.go:31 +0x1\nmain.main()\n\t/tmp/x.go:6 +0x2\n",
    );
  });

  it("marks a recovered panic that is then aborted by a new one", async () => {
    const { m, t } = await boot();
    const msp = pushFrame(m, F.mainFrames, 2, 128);
    stackRecord(m, msp + 8, m.funcval(F.recoverThenPanic), [t.string, m.boxString("again")]);
    (m.rt.deferprocStack as Fn)(msp + 8);
    frameWithDefer(m, m.funcval(F.panicker), [t.string, m.boxString("second")]);
    const out = fatal(m, () => (m.rt.gopanic as Fn)(t.string, m.boxString("first")));
    expect(out).toBe(
      "panic: first\n\tpanic: second [recovered]\n\tpanic: again\n\ngoroutine 1 [running]:\n" +
        "main.main.func2()\n\t/tmp/x.go:42 +0x2\nmain.main.func1()\n\t/tmp/x.go:31 +0x1\n" +
        "main.f(...)\n\t/tmp/x.go:12 +0x1\nmain.main()\n\t/tmp/x.go:6 +0x2\n",
    );
  });

  it("recovers a nested panic in the frame of the deferred call that panicked", async () => {
    // main.f defers recoverer and then panicker; panicker's panic is
    // recovered by recoverer, which returns to main.f's deferreturn.
    const { m, t, recoverer } = await boot();
    const fsp = pushFrame(m, F.mainFrames, 1, 128);
    stackRecord(m, fsp + 8, recoverer, []);
    (m.rt.deferprocStack as Fn)(fsp + 8);
    const second = m.boxString("second");
    stackRecord(m, fsp + 8 + 48, m.funcval(F.panicker), [t.string, second]);
    (m.rt.deferprocStack as Fn)(fsp + 8 + 48);
    (m.rt.gopanic as Fn)(t.string, m.boxString("first"));
    expect(m.log).toEqual([[t.string, second]]);
    expect(m.g(L.G_UNWINDING)).toBe(1);
    expect(m.g(L.G_UNWINDSP)).toBe(fsp);
    expect([m.g(L.G_PANIC), m.g(L.G_DEFER), m.g(L.G_SP)]).toEqual([0, 0, fsp]);
  });
});

describe("runtime errors", () => {
  it("index out of range", async () => {
    const { m } = await boot();
    pushFrame(m, F.f, 3, 64);
    expect(fatal(m, () => (m.rt.panicIndex as Fn)(5n, 3n))).toBe(
      "panic: runtime error: index out of range [5] with length 3\n\ngoroutine 1 [running]:\nmain.f(...)\n\t/tmp/x.go:14 +0x3\n",
    );
  });

  it("negative index", async () => {
    const { m } = await boot();
    pushFrame(m, F.f, 3, 64);
    expect(fatal(m, () => (m.rt.panicIndex as Fn)(-1n, 0n))).toMatch(/^panic: runtime error: index out of range \[-1\]\n\n/);
  });

  it("integer divide by zero and nil dereference", async () => {
    const a = await boot();
    pushFrame(a.m, F.f, 3, 64);
    expect(fatal(a.m, () => (a.m.rt.panicdivide as Fn)())).toMatch(/^panic: runtime error: integer divide by zero\n\ngoroutine 1/);
    const b = await boot();
    pushFrame(b.m, F.f, 3, 64);
    expect(fatal(b.m, () => (b.m.rt.panicmem as Fn)())).toMatch(
      /^panic: runtime error: invalid memory address or nil pointer dereference\n\[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x1a0003\]\n\ngoroutine 1/,
    );
  });

  it("recovered runtime errors carry their messages", async () => {
    const { m, t, recoverer } = await boot();
    frameWithDefer(m, recoverer, []);
    (m.rt.panicIndex as Fn)(7n, 2n);
    const [[tab, data]] = m.log;
    expect(tab).toBe(t.boundsError);
    const [p, n] = (m.rt.boundsError_Error as Fn)(0, data) as number[];
    expect(m.string(p, n)).toBe("runtime error: index out of range [7] with length 2");
    const box = m.boxString("x");
    const [p2, n2] = (m.rt.errorString_Error as Fn)(0, box) as number[];
    expect(m.string(p2, n2)).toBe("runtime error: x");
    const [p3, n3] = (m.rt.plainError_Error as Fn)(0, box) as number[];
    expect(m.string(p3, n3)).toBe("x");
  });

  it("type assertion errors", async () => {
    const cases: [string, (m: Machine, t: Record<string, number>) => void][] = [
      ["interface conversion: interface {} is string, not int", (m, t) => (m.rt.panicdottypeE as Fn)(t.string, t.int, t.any)],
      ["interface conversion: interface {} is nil, not int", (m, t) => (m.rt.panicdottypeE as Fn)(0, t.int, t.any)],
      ["interface conversion: interface is nil, not int", (m, t) => (m.rt.panicnildottype as Fn)(t.int)],
      ["interface conversion: main.T is not main.I: missing method M", (m, t) => (m.rt.assertE2I as Fn)(t.I, t.T)],
      ["interface conversion: interface is nil, not main.I", (m, t) => (m.rt.assertE2I as Fn)(t.I, 0)],
    ];
    for (const [want, f] of cases) {
      const { m, t } = await boot();
      const types = { ...t, T: m.type({ name: "main.T", kind: L.KIND_INT, methods: [[NAMEID_STRING, 5]] }), I: m.itype("main.I", [NAMEID_M]) };
      pushFrame(m, F.f, 1, 64);
      expect(fatal(m, () => f(m, types as never))).toBe(`panic: ${want}\n\ngoroutine 1 [running]:\nmain.f(...)\n\t/tmp/x.go:12 +0x1\n`);
    }
  });
});

describe("itabs and comparison", () => {
  it("assertE2I2 builds, caches and refuses itabs by nameid", async () => {
    const { m } = await boot();
    const I = m.itype("main.I", [NAMEID_M, NAMEID_STRING]);
    const T = m.type({ name: "main.T", kind: L.KIND_INT, methods: [[NAMEID_M, 40], [NAMEID_ERROR, 41], [NAMEID_STRING, 42]] });
    const U = m.type({ name: "main.U", kind: L.KIND_INT, methods: [[NAMEID_M, 43]] });
    const tab = (m.rt.assertE2I2 as Fn)(I, T) as number;
    expect(m.u32(tab + L.ITAB_INTER)).toBe(I);
    expect(m.u32(tab + L.ITAB_TYPE)).toBe(T);
    expect([m.u32(tab + L.ITAB_FUN), m.u32(tab + L.ITAB_FUN + 4)]).toEqual([42, 40]);
    expect((m.rt.assertE2I as Fn)(I, T)).toBe(tab);
    expect((m.rt.assertE2I2 as Fn)(I, U)).toBe(0);
    expect((m.rt.assertE2I2 as Fn)(I, U)).toBe(0);
    expect((m.rt.assertE2I2 as Fn)(I, 0)).toBe(0);
  });

  it("efaceeq compares pointers, calls equal functions, and panics on uncomparable types", async () => {
    const { m } = await boot();
    const P = m.type({ name: "*main.T", kind: L.KIND_POINTER, size: 4 });
    expect((m.rt.efaceeq as Fn)(P, 100, 100)).toBe(1);
    expect((m.rt.efaceeq as Fn)(P, 100, 104)).toBe(0);
    expect((m.rt.efaceeq as Fn)(0, 1, 2)).toBe(1);
    const S = m.type({ name: "main.S", kind: L.KIND_STRUCT });
    pushFrame(m, F.f, 1, 64);
    expect(fatal(m, () => (m.rt.efaceeq as Fn)(S, 100, 104))).toMatch(
      /^panic: runtime error: comparing uncomparable type main.S\n\n/,
    );
  });
});
