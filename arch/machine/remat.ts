// Values a lowering recomputes where they are used instead of keeping them
// in a frame home: those defined exactly once, by a constant or a frame
// address. A constant becomes an immediate operand or a move of the
// constant; a frame address becomes SP plus an offset in the addressing of
// the load or store that uses it. Both always have the same value at a use:
// a constant cannot change, and SP does not move between a frameaddr and its
// uses (ssagen never uses a frame address after a call, ir.ts).

import * as ir from "../../host/compiler/ssa/ir.js";

export type Remat = { kind: "const"; value: bigint } | { kind: "frame"; offset: number };

export function rematerializable(fn: ir.Func): Map<number, Remat> {
  const out = new Map<number, Remat>();
  for (const [id, ins] of ir.singleDefinitions(fn)) {
    if (ins.op === "const") out.set(id, { kind: "const", value: ins.value });
    if (ins.op === "frameaddr") out.set(id, { kind: "frame", offset: ins.offset });
  }
  return out;
}
