// The IR reads some fields of g at their fixed wasm addresses (docs/abi.md
// section 3): recover()'s inline g._panic test, the wrapper prologue's
// panic-argp adjustment. On a register machine g is not at an address but
// in a register or thread-local storage, so such a load becomes a load from
// Go's own runtime.g at the field's offset there, as Go's wrapper prologue
// reads g._panic (`MOVQ 32(R14), R12` on amd64).

import * as ir from "../../host/compiler/ssa/ir.js";
import { G_DEFER, G_PANIC, G_STACKGUARD } from "../../assembly/layout.js";

/** Fields of Go's runtime.g, at their index in pointer-sized words. */
export const GO_G = {
  /** After stack.lo and stack.hi: what the prologue's stack check compares SP with. */
  stackguard0: 2,
  /** After stackguard1. */
  _panic: 4,
  _defer: 5,
} as const;

/** wasm address of a g field -> the field's word in Go's runtime.g. */
const GO_G_WORDS = new Map<number, number>([
  [G_STACKGUARD, GO_G.stackguard0],
  [G_PANIC, GO_G._panic],
  [G_DEFER, GO_G._defer],
]);

/** The loads and stores of g fields, with the field's offset in Go's g. */
export function gFieldAccesses(fn: ir.Func, ptrSize: number): Map<ir.Instr, number> {
  const defs = ir.singleDefinitions(fn);
  const out = new Map<ir.Instr, number>();
  for (const b of fn.blocks) {
    for (const ins of b.instrs) {
      if (ins.op !== "load" && ins.op !== "store") continue;
      const base = defs.get(ins.addr.id);
      if (base?.op !== "const") continue;
      const word = GO_G_WORDS.get(Number(base.value) + ins.offset);
      if (word !== undefined) out.set(ins, word * ptrSize);
    }
  }
  return out;
}
