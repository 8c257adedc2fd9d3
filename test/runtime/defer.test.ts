import { describe, expect, it } from "vitest";
import * as L from "../../assembly/layout.js";
import { ExitError } from "./harness.js";
import { F, boot, pushFrame, stackRecord } from "./fixtures.js";

type Fn = (...a: unknown[]) => unknown;

describe("deferprocStack and deferreturn", () => {
  it("links stack records and runs them last first with their args", async () => {
    const { m, rec } = await boot();
    const sp = pushFrame(m, F.f, 1, 64);
    const d1 = sp + 8;
    const d2 = sp + 8 + 48;
    const seen: number[] = [];
    m.onlog = (_ctx, argp) => seen.push(m.u32(argp));
    stackRecord(m, d1, rec, [111]);
    (m.rt.deferprocStack as Fn)(d1);
    stackRecord(m, d2, rec, [222]);
    (m.rt.deferprocStack as Fn)(d2);
    expect(m.g(L.G_DEFER)).toBe(d2);
    expect(m.u32(d2 + L.DEFER_LINK)).toBe(d1);
    expect(m.u32(d1 + L.DEFER_SP)).toBe(sp);
    expect(m.u32(d1 + L.DEFER_PC)).toBe((F.f << 16) | 1);
    expect(m.u8(d1 + L.DEFER_HEAP)).toBe(0);
    (m.rt.deferreturn as Fn)();
    expect(seen).toEqual([222, 111]);
    expect(m.log.map((e) => e[0])).toEqual([rec, rec]);
    expect(m.g(L.G_DEFER)).toBe(0);
    expect(m.g(L.G_SP)).toBe(sp);
  });

  it("runs only the records of the calling frame", async () => {
    const { m, rec } = await boot();
    const outer = pushFrame(m, F.mainFrames, 1, 128);
    stackRecord(m, outer + 8, rec, [1]);
    (m.rt.deferprocStack as Fn)(outer + 8);
    const inner = pushFrame(m, F.f, 1, 64);
    stackRecord(m, inner + 8, rec, [2]);
    (m.rt.deferprocStack as Fn)(inner + 8);
    const seen: number[] = [];
    m.onlog = (_ctx, argp) => seen.push(m.u32(argp));
    (m.rt.deferreturn as Fn)();
    expect(seen).toEqual([2]);
    expect(m.g(L.G_DEFER)).toBe(outer + 8);
    m.g(L.G_SP, outer);
    (m.rt.deferreturn as Fn)();
    expect(seen).toEqual([2, 1]);
  });
});

describe("heap defers", () => {
  it("runs deferproc records and reuses them from the size-class pools", async () => {
    const { m, rec } = await boot();
    const sp = pushFrame(m, F.f, 1, 64);
    const deferproc = m.rt.deferproc as Fn;
    const pool = (sc: number) => m.g(L.G_DEFERPOOL + sc * L.DEFERPOOL_STRIDE + L.DEFERPOOL_LEN);
    const mallocs0 = m.g(L.G_MALLOCS);
    const a = deferproc(8, rec) as number;
    m.u32(a, 7);
    const b = deferproc(12, rec) as number;
    m.u32(b, 8);
    const big = deferproc(100, rec) as number;
    m.u32(big, 9);
    expect(m.g(L.G_MALLOCS) - mallocs0).toBe(3);
    const d = m.g(L.G_DEFER);
    expect(d + L.DEFER_ARGS).toBe(big);
    expect(m.u8(d + L.DEFER_HEAP)).toBe(1);
    expect(m.u32(d + L.DEFER_SP)).toBe(sp);
    const seen: number[] = [];
    m.onlog = (_ctx, argp) => seen.push(m.u32(argp));
    (m.rt.deferreturn as Fn)();
    expect(seen).toEqual([9, 8, 7]);
    expect([pool(0), pool(1), pool(2), pool(3), pool(4)]).toEqual([0, 1, 1, 0, 0]);
    // The next records of those classes are the pooled ones.
    expect(deferproc(16, rec)).toBe(b);
    expect(deferproc(1, rec)).toBe(a);
    expect([pool(1), pool(2)]).toEqual([0, 0]);
    expect(m.g(L.G_MALLOCS) - mallocs0).toBe(3);
    expect(m.u32(a - L.DEFER_ARGS + L.DEFER_SIZ)).toBe(1);
    expect(m.u32(a - L.DEFER_ARGS + L.DEFER_LINK)).toBe(b - L.DEFER_ARGS);
  });

  it("calling a nil deferred func is a nil dereference", async () => {
    const { m } = await boot();
    pushFrame(m, F.f, 2, 64);
    (m.rt.deferproc as Fn)(0, 0);
    const r = m.call(() => (m.rt.deferreturn as Fn)());
    expect(r).toBeInstanceOf(ExitError);
    expect((r as ExitError).code).toBe(2);
    expect(m.stderr).toMatch(
      /^panic: runtime error: invalid memory address or nil pointer dereference\n\[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x[0-9a-f]+\]\n\ngoroutine 1 \[running\]:\nmain\.f\(\.\.\.\)\n\t\/tmp\/x\.go:13 \+0x2\n$/,
    );
  });
});
