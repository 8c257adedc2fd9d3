// Dead store elimination for frame slots, in the spirit of Go's
// ssa/deadstore.go: a store to a frame slot that a later store in the same
// block overwrites, with nothing in between that could read it, is
// removed. It is what lets a function with open-coded defers skip the
// entry's `deferBits = 0` when the first defer statement sets the bits
// before anything can panic or call.

import { frameAddrValues, type Func, type Instr } from "./ir.js";

interface Range {
  start: number;
  end: number;
}

/** Removes the dead frame-slot stores of every block of fn. */
export function eliminateDeadStores(fn: Func): void {
  const frameAddrs = frameAddrValues(fn);
  for (const blk of fn.blocks) {
    const shadowed: Range[] = [];
    const dead = new Set<Instr>();
    for (let i = blk.instrs.length - 1; i >= 0; i--) {
      const ins = blk.instrs[i]!;
      if (ins.op === "store") {
        const slot = frameAddrs.get(ins.addr.id);
        if (slot === undefined) continue;
        const r = { start: slot + ins.offset, end: slot + ins.offset + ins.size };
        if (shadowed.some((s) => s.start <= r.start && r.end <= s.end)) dead.add(ins);
        else shadowed.push(r);
      } else if (mayObserveFrame(ins)) {
        shadowed.length = 0;
      }
    }
    if (dead.size > 0) blk.instrs = blk.instrs.filter((ins) => !dead.has(ins));
  }
}

/**
 * Whether an instruction could read a frame slot: any load or memory copy
 * (an address may point into the frame), and anything that calls or
 * panics, since a panic's frame scan reads the slots open-coded defers
 * use.
 */
function mayObserveFrame(ins: Instr): boolean {
  switch (ins.op) {
    case "const":
    case "copy":
    case "unop":
    case "binop":
    case "select":
    case "frameaddr":
    case "argp":
    case "addr":
    case "funcindex":
    case "store":
      return false;
    default:
      return true;
  }
}
