// The shared machine-lowering driver (arch/machine/) on hand-built IR,
// lowered for amd64: the ABI0 layout, block order with the deferreturn
// block last, both recovery protocols, the stack check of small leaf
// functions, rematerialized constants and frame addresses, g fields.

import { describe, expect, it } from "vitest";
import { G_PANIC } from "../../assembly/layout.js";
import { amd64Arch } from "../../arch/amd64/ssa.js";
import { i386Arch } from "../../arch/386/ssa.js";
import { abi0Layout } from "../../arch/machine/frame.js";
import { layoutBlocks } from "../../arch/machine/genssa.js";
import { rematerializable } from "../../arch/machine/remat.js";
import type * as ir from "../../host/compiler/ssa/ir.js";
import { c, call, IRFunc, link } from "../wasm/lower-harness.js";

const rt = (name: string): ir.CallTarget => ({ kind: "runtime", name });

/**
 * main.f: entry defers through deferprocStack (a defer block), then
 * returns; the shared deferreturn block calls runtime.deferreturn; a
 * fourth block is unreachable.
 */
function deferring(): ir.Func {
  const f = new IRFunc("main.f", [], [], 64);
  f.frameSlots.push({ name: "defer.record", offset: 8, size: 48, pointerWords: [] });
  const rec = f.value("i32");
  const entry = f.block("defer", [{ op: "frameaddr", dst: rec, offset: 8 }, call(rt("deferprocStack"), [rec], [], "needsPC", 3)], 2);
  const body = f.block("ret", [call(rt("printnl"), [], [], "leaf", 4)], 4);
  const dr = f.block("ret", [call(rt("deferreturn"), [], [], "unwinds", 5)], 5);
  // Unreachable, as ssagen leaves code after a terminator: not laid out.
  f.block("ret", [], 0);
  link(entry, "defer", [body, dr]);
  f.deferreturn = dr;
  return f.finish();
}

describe("ABI0 layout", () => {
  it("aligns each word to its size, at most the pointer size, and results to a pointer", () => {
    expect(abi0Layout(["i32", "i64", "i32"], ["i32"], 8)).toEqual({ args: [0, 8, 16], results: [24], size: 32 });
    expect(abi0Layout(["i32", "i64", "i32"], ["i32"], 4)).toEqual({ args: [0, 4, 12], results: [16], size: 20 });
  });
});

describe("the driver", () => {
  it("lays out reachable blocks in IR order and the deferreturn block last, dropping unreachable ones", () => {
    const fn = deferring();
    expect(layoutBlocks(fn).map((b) => b.id)).toEqual([0, 1, 2]);
  });

  it("checks the stack bound first and calls morestack last, jumping back to the entry", () => {
    const f = amd64Arch.lower(deferring());
    expect(f.listing[0]).toMatchObject({ text: "CMPQ SP, 16(R14)", mark: "stackcheck", line: 1 });
    expect(f.listing.slice(-2).map((e) => [e.text, e.mark, e.target])).toEqual([
      ["CALL runtime.morestack_noctxt(SB)", "morestack", undefined],
      ["JMP .-0x" + f.listing[f.listing.length - 1]!.pc.toString(16), "morestack", 0],
    ]);
    const deferreturn = f.listing.find((e) => e.text === "CALL runtime.deferreturn(SB)")!;
    expect(deferreturn).toMatchObject({ mark: "deferreturn", line: 5 });
    expect(f.deferreturnReloc).toBe(deferreturn.pc + 1);
  });

  it("lowers a defer block like a plain one under deferreturn-pc, and tests AX under return1", () => {
    expect(amd64Arch.lower(deferring()).listing.filter((e) => e.mark === "recovery")).toEqual([]);
    const f = amd64Arch.lower(deferring(), { recoveryProtocol: "return1" });
    const recovery = f.listing.filter((e) => e.mark === "recovery");
    expect(recovery.map((e) => e.text.replace(/ \..*/, ""))).toEqual(["TESTL AX, AX", "JNE"]);
    expect(recovery[0]!.line).toBe(3);
    expect(recovery[1]!.target).toBe(f.deferreturnReloc! - 1);
  });

  it("gives a small leaf function no stack check, and 386 loads g from TLS for it", () => {
    const leaf = new IRFunc("main.leaf", ["i64"], ["i64"]);
    const x = leaf.value("i64");
    leaf.block("ret", [c(x, 7)]).results = [x];
    expect(amd64Arch.lower(leaf.finish()).listing.some((e) => e.mark === "stackcheck")).toBe(false);
    const f = i386Arch.lower(deferring());
    expect(f.listing.slice(0, 3).map((e) => e.text)).toEqual(["MOVL TLS, CX", "MOVL (CX)(TLS*2), CX", "CMPL SP, 8(CX)"]);
  });

  it("recomputes constants and frame addresses defined once, and keeps the others in homes", () => {
    const f = new IRFunc("main.g", [], [], 16);
    const once = f.value("i32");
    const twice = f.value("i32");
    const addr = f.value("i32");
    f.block("ret", [c(once, 1), c(twice, 2), c(twice, 3), { op: "frameaddr", dst: addr, offset: 8 }, { op: "store", addr, offset: 4, src: once, size: 4 }]);
    const fn = f.finish();
    expect([...rematerializable(fn).keys()]).toEqual([once.id, addr.id]);
    const texts = amd64Arch.lower(fn).listing.map((e) => e.text);
    // The store goes straight to the slot: SP + the IR frame's base (0) + 8 + 4.
    expect(texts).toContain("MOVL $1, AX");
    expect(texts).toContain("MOVL AX, 12(SP)");
  });

  it("reads a g field at its wasm address from Go's g", () => {
    const f = new IRFunc("main.h", [], ["i32"]);
    const at = f.value("i32");
    const p = f.value("i32");
    f.block("ret", [c(at, G_PANIC), { op: "load", dst: p, addr: at, offset: 0, size: 4, signed: false }]).results = [p];
    expect(amd64Arch.lower(f.finish()).listing.map((e) => e.text)).toContain("MOVL 32(R14), AX");
  });
});
