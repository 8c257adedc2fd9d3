// copystack on hand-built stacks: frames with pointer maps, stack and heap
// defer records, a panic record in a gopanic frame and a closure context,
// moved by morestack; every pointer into the old stack must follow, and
// nothing else may change.

import { describe, expect, it } from "vitest";
import * as L from "../../assembly/layout.js";
import { ExitError, FIRST_FUNC, type Machine } from "./harness.js";
import { boot, pushFrame, stackRecord } from "./fixtures.js";

type Fn = (...a: number[]) => number;

const OUTER = FIRST_FUNC + 20;
const INNER = FIRST_FUNC + 21;
const OUTER_SIZE = 128;
const INNER_SIZE = 64;

/** Sets a function's pointer map: the listed 4-byte words of its frame hold pointers. */
function ptrmap(m: Machine, fn: number, frameSize: number, words: number[]): void {
  const nwords = frameSize / 4;
  const map = m.alloc(4 + Math.ceil(nwords / 8), 4);
  m.u32(map, nwords);
  for (const w of words) m.u8(map + 4 + (w >> 3), m.u8(map + 4 + (w >> 3)) | (1 << (w & 7)));
  m.u32(m.functab + fn * L.FUNC_SIZE + L.FUNC_PTRMAP, map);
}

/** Frame words of a stack _defer record at byte `at` of a frame that may point into the stack. */
function recordWords(at: number): number[] {
  return [L.DEFER_SP, L.DEFER_FN, L.DEFER_PANIC, L.DEFER_LINK, L.DEFER_VARP].map((o) => (at + o) / 4);
}

interface Built {
  m: Machine;
  outer: number;
  inner: number;
  heapPtr: number;
  heapRecord: number;
  panicRec: number;
}

/**
 * main's runtime frame, then outer (a stack record at +8 whose fn is a
 * funcval in the frame at +112, a pointer at +80 to its own +96 and a heap
 * pointer at +84), then a gopanic frame with a _panic whose argp points
 * into outer, then inner (a stack record at +8 linked to outer's), and a
 * heap record for inner's frame.
 */
async function build(stackSize = 4096): Promise<Built> {
  const { m, rec } = await boot((m) => {
    m.func(OUTER, { name: "main.outer", frameSize: OUTER_SIZE, lines: [1, 2] });
    m.func(INNER, { name: "main.inner", frameSize: INNER_SIZE, lines: [3, 4] });
    ptrmap(m, OUTER, OUTER_SIZE, [...recordWords(8), 80 / 4]);
    ptrmap(m, INNER, INNER_SIZE, recordWords(8));
  }, stackSize);
  const heapPtr = m.alloc(16, 8);
  const outer = pushFrame(m, OUTER, 1, OUTER_SIZE);
  m.u32(outer + 112, m.u32(rec));
  stackRecord(m, outer + 8, outer + 112, [7]);
  (m.rt.deferprocStack as Fn)(outer + 8);
  m.u32(outer + 80, outer + 96);
  m.u32(outer + 84, heapPtr);
  const gp = pushFrame(m, L.RTFN_GOPANIC, 1, L.RUNTIME_FRAME_SIZE);
  const panicRec = gp + 8;
  m.u32(panicRec + L.PANIC_ARGP, outer + OUTER_SIZE);
  m.u32(panicRec + L.PANIC_LINK, 0);
  m.g(L.G_PANIC, panicRec);
  const inner = pushFrame(m, INNER, 1, INNER_SIZE);
  stackRecord(m, inner + 8, rec, [9]);
  (m.rt.deferprocStack as Fn)(inner + 8);
  m.u32(inner, (INNER << L.PC_SHIFT) | 2);
  const argp = (m.rt.deferproc as Fn)(8, rec);
  m.u32(argp, 11);
  return { m, outer, inner, heapPtr, heapRecord: m.g(L.G_DEFER), panicRec };
}

describe("copystack", () => {
  it("moves the stack to one twice as large and adjusts every pointer into it", async () => {
    const { m, outer, inner, heapPtr, heapRecord, panicRec } = await build();
    const lo = m.g(L.G_STACKLO);
    const hi = m.g(L.G_STACKHI);
    const sp = m.g(L.G_SP);
    const ctxt = outer + 112;
    const newCtxt = (m.rt.morestack as Fn)(64, ctxt);

    const nlo = m.g(L.G_STACKLO);
    const nhi = m.g(L.G_STACKHI);
    expect(nhi - nlo).toBe(2 * (hi - lo));
    const delta = nhi - hi;
    const o = outer + delta;
    const i = inner + delta;
    expect(m.g(L.G_SP)).toBe(sp + delta);
    expect(m.g(L.G_STACKGUARD)).toBe(nlo + L.STACK_GUARD);
    expect(newCtxt).toBe(ctxt + delta);
    // Saved PCs and plain values are copied unchanged.
    expect(m.u32(o)).toBe((OUTER << L.PC_SHIFT) | 1);
    expect(m.u32(i)).toBe((INNER << L.PC_SHIFT) | 2);
    expect(m.u32(o + 8 + L.DEFER_ARGS)).toBe(7);
    // Frame pointer words from the pointer maps.
    expect(m.u32(o + 80)).toBe(o + 96);
    expect(m.u32(o + 84)).toBe(heapPtr);
    // The defer chain: heap record -> inner's record -> outer's record.
    expect(m.g(L.G_DEFER)).toBe(heapRecord);
    expect(m.u32(heapRecord + L.DEFER_SP)).toBe(i);
    expect(m.u32(heapRecord + L.DEFER_LINK)).toBe(i + 8);
    expect(m.u32(i + 8 + L.DEFER_SP)).toBe(i);
    expect(m.u32(i + 8 + L.DEFER_LINK)).toBe(o + 8);
    expect(m.u32(o + 8 + L.DEFER_SP)).toBe(o);
    expect(m.u32(o + 8 + L.DEFER_FN)).toBe(o + 112);
    expect(m.u32(o + 8 + L.DEFER_LINK)).toBe(0);
    // The panic record lives in the moved gopanic frame.
    expect(m.g(L.G_PANIC)).toBe(panicRec + delta);
    expect(m.u32(panicRec + delta + L.PANIC_ARGP)).toBe(o + OUTER_SIZE);
  });

  it("keeps the moved-from stack for reuse by the next stack of its size", async () => {
    const { m } = await build();
    const lo = m.g(L.G_STACKLO);
    const size = m.g(L.G_STACKHI) - lo;
    (m.rt.morestack as Fn)(16, 0);
    const cls = Math.log2(size / L.STACK_MIN);
    expect(m.u32(L.G_STACKFREE + 4 * cls)).toBe(lo);
  });

  it("in stress mode moves the stack at every check without growing it", async () => {
    const { m, outer } = await build();
    m.g(L.G_DEBUGFLAGS, L.DEBUG_STRESS_STACK);
    const size = m.g(L.G_STACKHI) - m.g(L.G_STACKLO);
    const hi = m.g(L.G_STACKHI);
    (m.rt.morestack as Fn)(16, 0);
    const delta = m.g(L.G_STACKHI) - hi;
    expect(delta).not.toBe(0);
    expect(m.g(L.G_STACKHI) - m.g(L.G_STACKLO)).toBe(size);
    expect(m.g(L.G_STACKGUARD)).toBe(m.g(L.G_STACKHI));
    expect(m.u32(outer + delta + 80)).toBe(outer + delta + 96);
  });

  it("grows by more than double when the frame needs it", async () => {
    const { m } = await build();
    const used = m.g(L.G_STACKHI) - m.g(L.G_SP);
    (m.rt.morestack as Fn)(20000, 0);
    const size = m.g(L.G_STACKHI) - m.g(L.G_STACKLO);
    expect(size).toBe(32768);
    expect(size - used).toBeGreaterThanOrEqual(20000 + L.STACK_GUARD);
  });

  it("ends with Go's stack overflow report when the stack would pass maxstacksize", async () => {
    const { m } = await build();
    const size = m.g(L.G_STACKHI) - m.g(L.G_STACKLO);
    m.g(L.G_MAXSTACKSIZE, size);
    const r = m.call(() => (m.rt.morestack as Fn)(64, 0));
    expect(r).toBeInstanceOf(ExitError);
    expect((r as ExitError).code).toBe(2);
    expect(m.stderr).toMatch(new RegExp(`^runtime: goroutine stack exceeds ${size}-byte limit\\nruntime: sp=0x[0-9a-f]+ stack=\\[0x[0-9a-f]+, 0x[0-9a-f]+\\]\\nfatal error: stack overflow\\n`));
  });
});
