// Which IR instructions belong to the defer machinery, so a listing can
// point them out on every architecture alike. ssagen names the frame slots
// it makes for defers ("deferBits", "defer.record"); the rest follows from
// the data flow: values loaded from or stored to deferBits, the `if` blocks
// that test them, and the inline exits those tests guard.

import * as ir from "../../host/compiler/ssa/ir.js";
import type { DeferMark } from "./func.js";

export interface DeferMarks {
  instr: Map<ir.Instr, DeferMark>;
  /** The mark of a block's closing branch (the test of a deferBits bit). */
  blockEnd: Map<ir.Block, DeferMark>;
}

const RUNTIME_CALL_MARKS: Record<string, DeferMark> = {
  deferprocStack: "deferprocStack",
  deferproc: "deferproc",
  deferreturn: "deferreturn",
};

export function deferMarks(fn: ir.Func): DeferMarks {
  const marks: DeferMarks = { instr: new Map(), blockEnd: new Map() };
  const bitsSlot = fn.frameSlots.find((s) => s.name === "deferBits")?.offset;
  const recordSlots = new Set(fn.frameSlots.filter((s) => s.name === "defer.record").map((s) => s.offset));
  const bitsAddrs = new Set<number>();
  const recordAddrs = new Set<number>();
  const bitsValues = new Set<number>();

  // Values are not in SSA form, so the flow is followed until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    const addTo = (set: Set<number>, v: ir.Value) => {
      if (set.has(v.id)) return;
      set.add(v.id);
      changed = true;
    };
    for (const b of fn.blocks) {
      for (const ins of b.instrs) {
        if (ins.op === "frameaddr" && ins.offset === bitsSlot) addTo(bitsAddrs, ins.dst);
        if (ins.op === "frameaddr" && recordSlots.has(ins.offset)) addTo(recordAddrs, ins.dst);
        if (ins.op === "load" && bitsAddrs.has(ins.addr.id)) addTo(bitsValues, ins.dst);
        if (ins.op === "store" && bitsAddrs.has(ins.addr.id)) addTo(bitsValues, ins.src);
        if ((ins.op === "copy" && bitsValues.has(ins.src.id)) || (ins.op === "binop" && (bitsValues.has(ins.a.id) || bitsValues.has(ins.b.id)))) {
          addTo(bitsValues, ins.dst);
        }
      }
    }
  }

  const inBits = (ins: ir.Instr): boolean =>
    (ins.op === "frameaddr" && bitsAddrs.has(ins.dst.id)) ||
    ((ins.op === "load" || ins.op === "store") && bitsAddrs.has(ins.addr.id)) ||
    ((ins.op === "copy" || ins.op === "binop") && bitsValues.has(ins.dst.id));
  const inRecord = (ins: ir.Instr): boolean =>
    (ins.op === "frameaddr" && recordAddrs.has(ins.dst.id)) || (ins.op === "store" && recordAddrs.has(ins.addr.id));

  const exits = new Set<ir.Block>();
  for (const b of fn.blocks) {
    if (b.kind === "if" && b.control && bitsValues.has(b.control.id)) {
      marks.blockEnd.set(b, "deferbits");
      exits.add(b.succs[0]!);
    }
  }
  for (const b of fn.blocks) {
    for (const ins of b.instrs) {
      const mark = markOf(ins, inBits, inRecord) ?? (exits.has(b) && ins.op !== "const" ? "opendefer-exit" : undefined);
      if (mark) marks.instr.set(ins, mark);
    }
  }
  markOperandConstants(fn, marks.instr);
  // The rest of an inline exit's constants (a call's zero context) belong to the exit.
  for (const b of exits) for (const ins of b.instrs) if (!marks.instr.has(ins)) marks.instr.set(ins, "opendefer-exit");
  return marks;
}

function markOf(ins: ir.Instr, inBits: (i: ir.Instr) => boolean, inRecord: (i: ir.Instr) => boolean): DeferMark | undefined {
  if (ins.op === "call" && ins.target.kind === "runtime") return RUNTIME_CALL_MARKS[ins.target.name];
  if (inBits(ins)) return "deferbits";
  if (inRecord(ins)) return "deferrecord";
  return undefined;
}

/** A constant read only by marked instructions (a bit mask, a record's size) shares their mark. */
function markOperandConstants(fn: ir.Func, marks: Map<ir.Instr, DeferMark>): void {
  // The marks of each value's readers; a block's control or result reads it unmarked.
  const readers = new Map<number, (DeferMark | undefined)[]>();
  const read = (v: ir.Value, mark: DeferMark | undefined) => readers.set(v.id, [...(readers.get(v.id) ?? []), mark]);
  for (const b of fn.blocks) {
    for (const ins of b.instrs) for (const u of ir.instrUses(ins)) read(u, marks.get(ins));
    for (const u of ir.blockUses(b)) read(u, undefined);
  }
  for (const b of fn.blocks) {
    for (const ins of b.instrs) {
      if (ins.op !== "const" || marks.has(ins)) continue;
      const rs = readers.get(ins.dst.id) ?? [];
      if (rs.length > 0 && rs[0] !== undefined && rs.every((m) => m === rs[0])) marks.set(ins, rs[0]);
    }
  }
}
