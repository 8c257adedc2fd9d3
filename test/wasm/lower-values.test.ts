// The wasm lowering of values: arithmetic, conversions, memory and
// addresses, executed and compared with what Go computes.

import { describe, expect, it } from "vitest";
import { lower } from "../../arch/wasm/ssa.js";
import type * as ir from "../../host/compiler/ssa/ir.js";
import { bin, c, IRFunc, link, linkAndRun, STACK_HI } from "./lower-harness.js";

type Num = number | bigint;

/** f(a, b) = dst, where body computes dst from the parameters a and b. */
function binaryFunc(ta: ir.MType, tb: ir.MType, tr: ir.MType, body: (dst: ir.Value, a: ir.Value, b: ir.Value) => ir.Instr[]) {
  const f = new IRFunc("main.f", [ta, tb], [tr]);
  const [, a, b] = f.params;
  const dst = f.value(tr);
  const blk = f.block("ret", body(dst, a, b));
  blk.results = [dst];
  const p = linkAndRun([lower(f.finish())]);
  return (x: Num, y: Num) => p.fns["main.f"](0, x, y) as Num;
}

const I64_MIN = -(1n << 63n);
const I32_MIN = -(2 ** 31);

describe("binary operators", () => {
  const i64 = (kind: ir.BinOp) => binaryFunc("i64", "i64", "i64", (d, a, b) => [bin(kind, d, a, b)]);
  const i32 = (kind: ir.BinOp) => binaryFunc("i32", "i32", "i32", (d, a, b) => [bin(kind, d, a, b)]);

  it("wrap like Go's int64 and int32", () => {
    expect(i64("add")(I64_MIN, -1n)).toBe(-I64_MIN - 1n);
    expect(i64("sub")(5n, 7n)).toBe(-2n);
    expect(i64("mul")(1n << 62n, 4n)).toBe(0n);
    expect(i32("add")(0x7fffffff, 1)).toBe(I32_MIN);
  });

  it("divide, with MinInt / -1 == MinInt as in Go", () => {
    expect(i64("div_s")(-7n, 2n)).toBe(-3n);
    expect(i64("div_s")(I64_MIN, -1n)).toBe(I64_MIN);
    expect(i64("div_s")(9n, -1n)).toBe(-9n);
    expect(i32("div_s")(I32_MIN, -1)).toBe(I32_MIN);
    expect(i64("rem_s")(I64_MIN, -1n)).toBe(0n);
    expect(i64("rem_s")(-7n, 2n)).toBe(-1n);
    expect(i64("div_u")(-1n, 2n)).toBe((1n << 63n) - 1n);
    expect(i32("rem_u")(-1, 10)).toBe(5);
  });

  it("bitwise operators and andnot", () => {
    expect(i64("and")(12n, 10n)).toBe(8n);
    expect(i64("or")(12n, 10n)).toBe(14n);
    expect(i64("xor")(12n, 10n)).toBe(6n);
    expect(i64("andnot")(12n, 10n)).toBe(4n);
    expect(i32("andnot")(-1, 1)).toBe(-2);
  });

  it("shifts, with an i32 count for an i64 value", () => {
    const shl = binaryFunc("i64", "i32", "i64", (d, a, b) => [bin("shl", d, a, b)]);
    const shr = binaryFunc("i64", "i32", "i64", (d, a, b) => [bin("shr_s", d, a, b)]);
    const shru = binaryFunc("i32", "i64", "i32", (d, a, b) => [bin("shr_u", d, a, b)]);
    expect(shl(3n, 4)).toBe(48n);
    expect(shr(-16n, 2)).toBe(-4n);
    expect(shru(-16, 28n)).toBe(15);
  });

  it("comparisons into i32 and into i64", () => {
    const cases: [ir.BinOp, bigint, bigint, number][] = [
      ["eq", 3n, 3n, 1], ["ne", 3n, 3n, 0], ["lt_s", -1n, 0n, 1], ["lt_u", -1n, 0n, 0],
      ["le_s", 2n, 2n, 1], ["le_u", 3n, 2n, 0], ["gt_s", 0n, -1n, 1], ["gt_u", 0n, -1n, 0],
      ["ge_s", -2n, -1n, 0], ["ge_u", -1n, 5n, 1],
    ];
    for (const [kind, a, b, want] of cases) {
      expect(binaryFunc("i64", "i64", "i32", (d, x, y) => [bin(kind, d, x, y)])(a, b), kind).toBe(want);
      expect(binaryFunc("i64", "i64", "i64", (d, x, y) => [bin(kind, d, x, y)])(a, b), kind).toBe(BigInt(want));
    }
  });
});

describe("unary operators and conversions", () => {
  const unary = (kind: ir.UnOp, ta: ir.MType, tr: ir.MType) =>
    binaryFunc(ta, "i32", tr, (d, a) => [{ op: "unop", kind, dst: d, a }]);

  it("eqz, neg and not", () => {
    expect(unary("eqz", "i64", "i32")(0n, 0)).toBe(1);
    expect(unary("eqz", "i32", "i64")(7, 0)).toBe(0n);
    expect(unary("neg", "i64", "i64")(I64_MIN, 0)).toBe(I64_MIN);
    expect(unary("neg", "i32", "i32")(5, 0)).toBe(-5);
    expect(unary("not", "i64", "i64")(0n, 0)).toBe(-1n);
  });

  it("widen, narrow, sign- and zero-extend", () => {
    expect(unary("extend_s", "i32", "i64")(-2, 0)).toBe(-2n);
    expect(unary("extend_u", "i32", "i64")(-2, 0)).toBe(0xfffffffen);
    expect(unary("wrap", "i64", "i32")(0x1_8000_0001n, 0)).toBe(I32_MIN + 1);
    expect(unary("sext8", "i32", "i32")(0x80, 0)).toBe(-128);
    expect(unary("sext16", "i64", "i64")(0xffffn, 0)).toBe(-1n);
    expect(unary("sext32", "i64", "i64")(0xffffffffn, 0)).toBe(-1n);
    expect(unary("zext8", "i32", "i32")(-1, 0)).toBe(255);
    expect(unary("zext16", "i64", "i64")(-1n, 0)).toBe(0xffffn);
    expect(unary("zext32", "i64", "i64")(-1n, 0)).toBe(0xffffffffn);
  });

  it("constants, copies and select", () => {
    const f = binaryFunc("i32", "i64", "i64", (d, cond, b) => {
      const k = { id: 100, type: "i64" as const };
      return [c(k, -(1n << 40n)), { op: "select", dst: d, cond, a: k, b }];
    });
    expect(f(1, 5n)).toBe(-(1n << 40n));
    expect(f(0, 5n)).toBe(5n);
    const g = binaryFunc("i32", "i32", "i32", (d, a) => [c(d, 0xffffffffn), { op: "copy", dst: d, src: a }]);
    expect(g(42, 0)).toBe(42);
  });
});

describe("memory", () => {
  const ADDR = 0x8000;

  function roundTrip(size: 1 | 2 | 4 | 8, t: ir.MType, signed: boolean, offset: number) {
    const f = new IRFunc("main.f", ["i32", t], [t]);
    const [, addr, v] = f.params;
    const out = f.value(t);
    const blk = f.block("ret", [
      { op: "store", addr, offset, src: v, size },
      { op: "load", dst: out, addr, offset, size, signed },
    ]);
    blk.results = [out];
    const p = linkAndRun([lower(f.finish())]);
    return { p, run: (x: Num) => p.fns["main.f"](0, ADDR, x) as Num };
  }

  it("stores and loads each size with the right extension", () => {
    expect(roundTrip(1, "i32", true, 0).run(0x1ff)).toBe(-1);
    expect(roundTrip(1, "i32", false, 0).run(0x1ff)).toBe(255);
    expect(roundTrip(2, "i32", true, 2).run(0x18000)).toBe(-32768);
    expect(roundTrip(2, "i64", false, 2).run(-1n)).toBe(0xffffn);
    expect(roundTrip(4, "i64", true, 4).run(0xffffffffn)).toBe(-1n);
    expect(roundTrip(4, "i64", false, 4).run(-1n)).toBe(0xffffffffn);
    expect(roundTrip(4, "i32", false, 0).run(-5)).toBe(-5);
    expect(roundTrip(8, "i64", false, 8).run(I64_MIN + 3n)).toBe(I64_MIN + 3n);
  });

  it("writes only `size` bytes, at addr + offset, little-endian, also for negative offsets", () => {
    const { p, run } = roundTrip(2, "i32", false, -4);
    p.view.setUint32(ADDR - 4, 0xaaaaaaaa, true);
    run(0x1234);
    expect(p.view.getUint32(ADDR - 4, true)).toBe(0xaaaa1234);
  });

  it("zero and move", () => {
    const f = new IRFunc("main.f", ["i32", "i32"]);
    const [, dst, src] = f.params;
    f.block("ret", [
      { op: "move", dst, src, size: 5 },
      { op: "zero", addr: src, size: 3 },
    ]).results = [];
    const p = linkAndRun([lower(f.finish())]);
    new Uint8Array(p.memory.buffer).set([1, 2, 3, 4, 5, 6], 0x9000);
    p.fns["main.f"](0, 0x9100, 0x9000);
    expect([...new Uint8Array(p.memory.buffer, 0x9100, 6)]).toEqual([1, 2, 3, 4, 5, 0]);
    expect([...new Uint8Array(p.memory.buffer, 0x9000, 6)]).toEqual([0, 0, 0, 4, 5, 6]);
  });

  it("frame addresses, argp, data addresses and table indexes", () => {
    const f = new IRFunc("main.f", [], ["i32", "i32", "i32", "i32"], 24);
    const [fa, ap, ad, fi] = [f.value("i32"), f.value("i32"), f.value("i32"), f.value("i32")];
    f.block("ret", [
      { op: "frameaddr", dst: fa, offset: 8 },
      { op: "argp", dst: ap },
      { op: "addr", dst: ad, sym: "main.data", add: 4 },
      { op: "funcindex", dst: fi, sym: "main.f" },
    ]).results = [fa, ap, ad, fi];
    const p = linkAndRun([lower(f.finish())], { data: { "main.data": 0x7000 } });
    expect(p.fns["main.f"](0)).toEqual([STACK_HI - 24 + 8, STACK_HI, 0x7004, p.tableIndex("main.f")]);
  });
});

describe("control flow through the IR", () => {
  it("a loop: sum of 1..n", () => {
    const f = new IRFunc("main.sum", ["i64"], ["i64"]);
    const n = f.params[1];
    const [s, i, one, cond] = [f.value("i64"), f.value("i64"), f.value("i64"), f.value("i32")];
    const entry = f.block("plain", [c(s, 0), c(i, 1), c(one, 1)]);
    const head = f.block("if", [bin("le_s", cond, i, n)]);
    const body = f.block("plain", [bin("add", s, s, i), bin("add", i, i, one)]);
    const done = f.block("ret");
    done.results = [s];
    link(entry, "plain", [head]);
    link(head, "if", [body, done], cond);
    link(body, "plain", [head]);
    const p = linkAndRun([lower(f.finish())]);
    expect(p.fns["main.sum"](0, 100n)).toBe(5050n);
    expect(p.fns["main.sum"](0, 0n)).toBe(0n);
  });

  it("if on an i64 control value", () => {
    const f = new IRFunc("main.f", ["i64"], ["i32"]);
    const [one, two] = [f.value("i32"), f.value("i32")];
    const entry = f.block("if");
    const yes = f.block("ret", [c(one, 1)]);
    const no = f.block("ret", [c(two, 2)]);
    yes.results = [one];
    no.results = [two];
    link(entry, "if", [yes, no], f.params[1]);
    const p = linkAndRun([lower(f.finish())]);
    expect(p.fns["main.f"](0, 1n << 40n)).toBe(1);
    expect(p.fns["main.f"](0, 0n)).toBe(2);
  });

  it("an irreducible goto loop: even and odd entered either way", () => {
    // x counts down through two blocks that jump into each other; the entry
    // picks which one to start in, so the loop has two entries.
    const f = new IRFunc("main.f", ["i64", "i32"], ["i64"]);
    const [, x, start] = f.params;
    const [steps, one, zero, done1, done2] = [f.value("i64"), f.value("i64"), f.value("i64"), f.value("i32"), f.value("i32")];
    const entry = f.block("if", [c(steps, 0), c(one, 1), c(zero, 0)]);
    const a = f.block("if", [bin("add", steps, steps, one), bin("sub", x, x, one), bin("le_s", done1, x, zero)]);
    const b = f.block("if", [bin("add", steps, steps, one), bin("sub", x, x, one), bin("le_s", done2, x, zero)]);
    const ret = f.block("ret");
    ret.results = [steps];
    link(entry, "if", [a, b], start);
    link(a, "if", [ret, b], done1);
    link(b, "if", [ret, a], done2);
    const sym = lower(f.finish());
    expect(sym.code.some((i) => i.op === "br_table")).toBe(true);
    const p = linkAndRun([sym]);
    expect(p.fns["main.f"](0, 5n, 1)).toBe(5n);
    expect(p.fns["main.f"](0, 4n, 0)).toBe(4n);
  });
});
