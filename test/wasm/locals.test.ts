// Local reuse in the wasm lowering: which locals may share a slot.

import { describe, expect, it } from "vitest";
import type { Instr } from "../../host/linker/obj.js";
import { reuseLocals } from "../../arch/wasm/locals.js";

const get = (l: number): Instr => ({ op: "local.get", imm: [l] });
const set = (l: number): Instr => ({ op: "local.set", imm: [l] });
const c = (v: number): Instr => ({ op: "i32.const", imm: [v] });
const slots = (code: Instr[]): number[] => code.filter((i) => i.op.startsWith("local.")).map((i) => Number(i.imm![0]));

describe("reuseLocals", () => {
  it("lets values with disjoint lifetimes share a slot of their type", () => {
    const code = [c(1), set(1), get(1), { op: "drop" }, c(2), set(2), get(2), { op: "drop" }];
    expect(reuseLocals(1, ["i32", "i32"], code)).toEqual(["i32"]);
    expect(slots(code)).toEqual([1, 1, 1, 1]);
  });

  it("never shares between types", () => {
    const code = [c(1), set(1), get(1), { op: "drop" }, { op: "i64.const", imm: [2n] }, set(2), get(2), { op: "drop" }];
    expect(reuseLocals(1, ["i32", "i64"], code)).toEqual(["i32", "i64"]);
  });

  it("keeps a value used in a loop live through the whole loop", () => {
    // local 1 is set before the loop and read in it; local 2 lives inside the loop only.
    const code = [c(1), set(1), { op: "loop" }, c(2), set(2), get(2), { op: "drop" }, get(1), { op: "br_if", imm: [0] }, { op: "end" }];
    expect(reuseLocals(1, ["i32", "i32"], code)).toEqual(["i32", "i32"]);
    const s = slots(code);
    expect(s[0]).not.toBe(s[2]);
  });

  it("gives a local read before any write its own zeroed slot", () => {
    const code = [c(1), set(1), get(1), { op: "drop" }, get(2), { op: "drop" }];
    expect(reuseLocals(1, ["i32", "i32"], code)).toEqual(["i32", "i32"]);
  });

  it("leaves parameters alone", () => {
    const code = [get(0), set(1), get(1), { op: "drop" }];
    reuseLocals(1, ["i32"], code);
    expect(slots(code)).toEqual([0, 1, 1]);
  });
});
