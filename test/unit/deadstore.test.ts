import { describe, expect, it } from "vitest";
import type * as ir from "../../host/compiler/ssa/ir.js";
import { eliminateDeadStores } from "../../host/compiler/ssa/deadstore.js";
import { c, call, IRFunc } from "../wasm/lower-harness.js";

/** One block: `instrs` built from a frame address of slot 8 (`a`), another of slot 16 (`b`) and a constant `v`. */
function oneBlock(instrs: (a: ir.Value, b: ir.Value, v: ir.Value) => ir.Instr[]): ir.Block {
  const f = new IRFunc("main.f", [], [], 32);
  const [a, b, v] = [f.value("i32"), f.value("i32"), f.value("i32")];
  const blk = f.block("ret", [{ op: "frameaddr", dst: a, offset: 8 }, { op: "frameaddr", dst: b, offset: 16 }, c(v, 1), ...instrs(a, b, v)]);
  eliminateDeadStores(f.finish());
  return blk;
}

const stores = (blk: ir.Block) => blk.instrs.filter((i) => i.op === "store").map((i) => i.op === "store" && [i.offset, i.size]);

describe("eliminateDeadStores", () => {
  it("removes a frame store that a later store to the same bytes overwrites", () => {
    const blk = oneBlock((a, b, v) => [
      { op: "store", addr: a, offset: 0, src: v, size: 1 },
      { op: "store", addr: b, offset: 0, src: v, size: 4 },
      { op: "store", addr: a, offset: 0, src: v, size: 4 },
    ]);
    expect(stores(blk)).toEqual([[0, 4], [0, 4]]);
  });

  it("keeps it when something in between could read the frame: a load, a call, a check that panics", () => {
    for (const between of [
      (a: ir.Value, v: ir.Value): ir.Instr => ({ op: "load", dst: v, addr: a, offset: 0, size: 1, signed: false }),
      (): ir.Instr => call({ kind: "runtime", name: "printnl" }, [], [], "leaf", 10),
      (_a: ir.Value, v: ir.Value): ir.Instr => ({ op: "nilcheck", v, line: 10 }),
    ]) {
      const blk = oneBlock((a, _b, v) => [
        { op: "store", addr: a, offset: 0, src: v, size: 1 },
        between(a, v),
        { op: "store", addr: a, offset: 0, src: v, size: 1 },
      ]);
      expect(stores(blk)).toHaveLength(2);
    }
  });

  it("keeps a store the later one covers only in part", () => {
    const blk = oneBlock((a, _b, v) => [
      { op: "store", addr: a, offset: 0, src: v, size: 4 },
      { op: "store", addr: a, offset: 2, src: v, size: 1 },
    ]);
    expect(stores(blk)).toEqual([[0, 4], [2, 1]]);
  });
});
