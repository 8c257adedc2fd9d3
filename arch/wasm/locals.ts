// Local reuse: the lowering gives every IR value a wasm local of its own;
// this pass lets values whose lifetimes do not overlap share one. Fewer
// locals make smaller engine frames, which is what bounds how deep Go code
// can recurse on the host stack, and less for the engine to track.
//
// Lifetimes are intervals over the linear instruction list, made
// conservative for loops: a local touched inside a loop is live through the
// whole loop (its value may flow around the back edge), and a local read
// before any write keeps its own zero-initialised slot.

import type { Instr, ValType } from "../../host/linker/obj.js";

interface Interval {
  local: number;
  start: number;
  end: number;
}

const LOCAL_OPS = new Set(["local.get", "local.set", "local.tee"]);

/**
 * Rewrites `code` so that non-parameter locals share slots where their
 * lifetimes allow; returns the new list of locals (beyond the params).
 */
export function reuseLocals(nparams: number, locals: ValType[], code: Instr[]): ValType[] {
  const intervals = liveIntervals(nparams, code);
  const slotOf = new Map<number, number>();
  const out: ValType[] = [];
  const free = new Map<ValType, { slot: number; end: number }[]>();
  for (const iv of [...intervals.values()].sort((a, b) => a.start - b.start || a.local - b.local)) {
    const t = locals[iv.local - nparams]!;
    const pool = free.get(t) ?? [];
    const reusable = pool.findIndex((s) => s.end < iv.start);
    let slot: number;
    if (reusable >= 0) {
      slot = pool[reusable]!.slot;
      pool.splice(reusable, 1);
    } else {
      slot = nparams + out.length;
      out.push(t);
    }
    pool.push({ slot, end: iv.end });
    free.set(t, pool);
    slotOf.set(iv.local, slot);
  }
  for (const ins of code) {
    if (LOCAL_OPS.has(ins.op)) {
      const l = Number(ins.imm![0]);
      if (l >= nparams) ins.imm = [slotOf.get(l)!];
    }
  }
  return out;
}

function liveIntervals(nparams: number, code: Instr[]): Map<number, Interval> {
  const intervals = new Map<number, Interval>();
  const loops = loopRanges(code);
  code.forEach((ins, at) => {
    if (!LOCAL_OPS.has(ins.op)) return;
    const l = Number(ins.imm![0]);
    if (l < nparams) return;
    const iv = intervals.get(l);
    // Read before written: it relies on the zero a fresh local holds.
    if (!iv) intervals.set(l, { local: l, start: ins.op === "local.get" ? -1 : at, end: at });
    else iv.end = at;
  });
  for (const iv of intervals.values()) extendOverLoops(iv, loops);
  return intervals;
}

/** [start, end] instruction indexes of every loop, outer loops first. */
function loopRanges(code: Instr[]): [number, number][] {
  const open: { op: string; at: number }[] = [];
  const loops: [number, number][] = [];
  code.forEach((ins, at) => {
    if (ins.op === "block" || ins.op === "loop" || ins.op === "if") open.push({ op: ins.op, at });
    else if (ins.op === "end") {
      const b = open.pop();
      if (b?.op === "loop") loops.push([b.at, at]);
    }
  });
  return loops.sort((a, b) => a[0] - b[0]);
}

/**
 * Widens an interval to cover every loop it overlaps, until nothing
 * changes. An interval that overlaps a loop has an occurrence inside it or
 * spans it, and either way the value must survive the whole loop.
 */
function extendOverLoops(iv: Interval, loops: [number, number][]): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const [s, e] of loops) {
      if (iv.start > e || iv.end < s || (iv.start <= s && iv.end >= e)) continue;
      iv.start = Math.min(iv.start, s);
      iv.end = Math.max(iv.end, e);
      changed = true;
    }
  }
}
