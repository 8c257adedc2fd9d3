// arm's integer lowering run on numbers (test/arch/armsim.ts interprets
// the encoded words): int64 arithmetic on register pairs (carries, the
// 32x32 multiply's cross products, word-crossing shifts, Go's rules'
// compares), conversions, the 32-bit divide through runtime.udiv with Go's
// sign fix-ups, and int64 division through Go's runtime.int64div and
// friends with ABI0 arguments, each against Go's semantics in BigInt.

import { beforeAll, describe, expect, it } from "vitest";
import { armArch } from "../../arch/arm/ssa.js";
import { abi0Layout } from "../../arch/machine/frame.js";
import { compileGo } from "../../host/compiler/compile.js";
import type { MType } from "../../host/compiler/ssa/ir.js";
import type { PlacedFunc } from "../../host/linker/machine.js";
import { newMachine, run, type ArmMachine } from "./armsim.js";

const SOURCE = `package main

func add(a, b int64) int64     { return a + b }
func sub(a, b int64) int64     { return a - b }
func mul(a, b int64) int64     { return a * b }
func neg(a int64) int64        { return -a }
func and(a, b int64) int64     { return a & b }
func or(a, b int64) int64      { return a | b }
func xor(a, b int64) int64     { return a ^ b }
func andnot(a, b int64) int64  { return a &^ b }
func not(a int64) int64        { return ^a }
func shl(a int64, b uint64) int64   { return a << b }
func shr(a int64, b uint64) int64   { return a >> b }
func shru(a uint64, b uint64) uint64 { return a >> b }
func lt(a, b int64) bool       { return a < b }
func le(a, b int64) bool       { return a <= b }
func gt(a, b int64) bool       { return a > b }
func ge(a, b int64) bool       { return a >= b }
func ltu(a, b uint64) bool     { return a < b }
func leu(a, b uint64) bool     { return a <= b }
func gtu(a, b uint64) bool     { return a > b }
func geu(a, b uint64) bool     { return a >= b }
func eq(a, b int64) bool       { return a == b }
func ne(a, b int64) bool       { return a != b }
func div(a, b int64) int64     { return a / b }
func mod(a, b int64) int64     { return a % b }
func divu(a, b uint64) uint64  { return a / b }
func modu(a, b uint64) uint64  { return a % b }
func div32(a, b int32) int32   { return a / b }
func mod32(a, b int32) int32   { return a % b }
func divu32(a, b uint32) uint32 { return a / b }
func modu32(a, b uint32) uint32 { return a % b }
func shl32(a int32, b uint32) int32 { return a << b }
func shr32(a int32, b uint32) int32 { return a >> b }
func widen(a int32) int64      { return int64(a) }
func widenu(a uint32) int64    { return int64(a) }
func narrow(a int64) int32     { return int32(a) }
func narrow8(a int64) int8     { return int8(a) }
func narrowu16(a int64) uint16 { return uint16(a) }
func orc(a int32) int32        { return a | 0x30 }
func andc(a int32) int32       { return a & -256 }
func andnotc(a int32) int32    { return a &^ 0xff00 }
func xorc(a int32) int32       { return a ^ 0x12345 }
func addc(a int32) int32       { return a + 0x12345 }

func main() {}
`;

const s64 = (v: bigint) => BigInt.asIntN(64, v);
const u64 = (v: bigint) => BigInt.asUintN(64, v);
const s32 = (v: bigint) => BigInt.asIntN(32, v);
const u32 = (v: bigint) => BigInt.asUintN(32, v);
const bool = (b: boolean) => (b ? 1n : 0n);
/** Go's truncated remainder; x % 0 is a panic. */
const rem = (a: bigint, b: bigint) => (b === 0n ? "panicdivide" : a % b);

const WORDS64 = [0n, 1n, 2n, 3n, -1n, -2n, 7n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x80000000n, 0x123456789abcdefn, -0x123456789abcdefn, (1n << 63n) - 1n, -(1n << 63n), 0x5555aaaa3333ccccn];
const WORDS32 = [0n, 1n, 3n, -1n, -3n, 7n, -7n, 100n, 0x7fffffffn, -0x80000000n, 0x12345n, -0x12345n];
const COUNTS = [0n, 1n, 5n, 31n, 32n, 33n, 40n, 63n, 64n, 65n, 100n, 1000n];

type Typed = [MType, bigint];
interface Case {
  fn: string;
  args: Typed[];
  result: MType;
  want: bigint | "panicdivide";
}

function binary64(fn: string, op: (a: bigint, b: bigint) => bigint | "panicdivide", xs = WORDS64, ys = WORDS64): Case[] {
  return xs.flatMap((a) => ys.map((b) => ({ fn, args: [["i64", a], ["i64", b]] as Typed[], result: "i64" as MType, want: op(a, b) })));
}

function binary32(fn: string, op: (a: bigint, b: bigint) => bigint | "panicdivide", ys = WORDS32): Case[] {
  return WORDS32.flatMap((a) => ys.map((b) => ({ fn, args: [["i32", a], ["i32", b]] as Typed[], result: "i32" as MType, want: op(a, b) })));
}

function unary64(fn: string, arg: MType, result: MType, op: (a: bigint) => bigint): Case[] {
  return WORDS64.map((a) => ({ fn, args: [[arg, arg === "i32" ? s32(a) : a]], result, want: op(arg === "i32" ? s32(a) : a) }));
}

const CASES: Record<string, Case[]> = {
  "carries and logic": [
    ...binary64("add", (a, b) => s64(a + b)),
    ...binary64("sub", (a, b) => s64(a - b)),
    ...binary64("and", (a, b) => s64(a & b)),
    ...binary64("or", (a, b) => s64(a | b)),
    ...binary64("xor", (a, b) => s64(a ^ b)),
    ...binary64("andnot", (a, b) => s64(a & ~b)),
    ...unary64("neg", "i64", "i64", (a) => s64(-a)),
    ...unary64("not", "i64", "i64", (a) => s64(~a)),
  ],
  "32-bit operations with constants": [
    ...unary64("orc", "i32", "i32", (a) => s32(a | 0x30n)),
    ...unary64("andc", "i32", "i32", (a) => s32(a & -256n)),
    ...unary64("andnotc", "i32", "i32", (a) => s32(a & ~0xff00n)),
    ...unary64("xorc", "i32", "i32", (a) => s32(a ^ 0x12345n)),
    ...unary64("addc", "i32", "i32", (a) => s32(a + 0x12345n)),
  ],
  "the 64-bit multiply": binary64("mul", (a, b) => s64(a * b)),
  "word-crossing shifts": [
    ...binary64("shl", (a, b) => (u64(b) >= 64n ? 0n : s64(a << u64(b))), WORDS64, COUNTS),
    ...binary64("shr", (a, b) => s64(a >> (u64(b) >= 64n ? 63n : u64(b))), WORDS64, COUNTS),
    ...binary64("shru", (a, b) => s64(u64(b) >= 64n ? 0n : u64(a) >> u64(b)), WORDS64, COUNTS),
    ...binary32("shl32", (a, b) => (u32(b) >= 32n ? 0n : s32(a << u32(b))), COUNTS),
    ...binary32("shr32", (a, b) => s32(a >> (u32(b) >= 32n ? 31n : u32(b))), COUNTS),
  ],
  "Go's 64-bit compares": [
    ...(["lt", "le", "gt", "ge", "eq", "ne"] as const).flatMap((fn) =>
      binary64(fn, (a, b) => bool({ lt: a < b, le: a <= b, gt: a > b, ge: a >= b, eq: a === b, ne: a !== b }[fn])).map((c) => ({ ...c, result: "i32" as MType })),
    ),
    ...(["ltu", "leu", "gtu", "geu"] as const).flatMap((fn) =>
      binary64(fn, (a, b) => bool({ ltu: u64(a) < u64(b), leu: u64(a) <= u64(b), gtu: u64(a) > u64(b), geu: u64(a) >= u64(b) }[fn])).map((c) => ({ ...c, result: "i32" as MType })),
    ),
  ],
  conversions: [
    ...unary64("widen", "i32", "i64", (a) => a),
    ...unary64("widenu", "i32", "i64", (a) => u32(a)),
    ...unary64("narrow", "i64", "i32", (a) => s32(a)),
    ...unary64("narrow8", "i64", "i32", (a) => BigInt.asIntN(8, a)),
    ...unary64("narrowu16", "i64", "i32", (a) => BigInt.asUintN(16, a)),
  ],
  "the 32-bit divide through runtime.udiv": [
    ...binary32("div32", (a, b) => (b === 0n ? "panicdivide" : s32(a / b))),
    ...binary32("mod32", rem),
    ...binary32("divu32", (a, b) => (b === 0n ? "panicdivide" : s32(u32(a) / u32(b)))),
    ...binary32("modu32", (a, b) => (b === 0n ? "panicdivide" : s32(u32(a) % u32(b)))),
  ],
  "the 64-bit divide through runtime.int64div and friends": [
    ...binary64("div", (a, b) => (b === 0n ? "panicdivide" : s64(a / b))),
    ...binary64("mod", rem),
    ...binary64("divu", (a, b) => (b === 0n ? "panicdivide" : s64(u64(a) / u64(b)))),
    ...binary64("modu", (a, b) => (b === 0n ? "panicdivide" : s64(u64(a) % u64(b)))),
  ],
};

/** Where the interpreted code is and the frame memory the tests give it. */
const ORIGIN = 0x100000;
const MEMORY = 0x20000;
const SP = 0x10000;
const G = 0x100;
/** The return address the calls start with: reaching it ends the run. */
const RETURN = 0xfff00000;

const HELPERS: Record<string, (a: bigint, b: bigint) => bigint> = {
  "runtime.int64div": (a, b) => s64(a / b),
  "runtime.int64mod": (a, b) => a % b,
  "runtime.uint64div": (a, b) => u64(a) / u64(b),
  "runtime.uint64mod": (a, b) => u64(a) % u64(b),
};

/** Go's runtime functions as the lowering calls them: udiv in registers, the int64 helpers with ABI0 frames at 4(R13). */
function runtime(m: ArmMachine, sym: string): void {
  if (sym === "runtime.panicdivide") throw new Error("panicdivide");
  if (sym === "runtime.udiv") {
    const [d, n] = [m.r[0]!, m.r[1]!];
    m.r[0] = Math.floor(n / d);
    m.r[1] = n % d;
    // udiv clobbers R2 and R3: the lowering must not rely on them.
    m.r[2] = m.r[3] = 0xdeadbeef;
    return;
  }
  const helper = HELPERS[sym];
  if (!helper) throw new Error(`unexpected call of ${sym}`);
  const at = m.r[13]! + 4;
  const arg = (off: number) => BigInt.asIntN(64, m.mem.getBigUint64(at + off, true));
  const [a, b] = [arg(0), arg(8)];
  if (b === 0n) throw new Error("panicdivide");
  m.mem.setBigUint64(at + 16, u64(helper(a, b)), true);
}

function callFunc(f: PlacedFunc, args: Typed[], result: MType): bigint {
  const m = newMachine(MEMORY);
  const layout = abi0Layout(args.map(([t]) => t), [result], 4);
  const argp = SP + armArch.lowering.entryArgsOffset;
  args.forEach(([t, v], i) => (t === "i64" ? m.mem.setBigUint64(argp + layout.args[i]!, u64(v), true) : m.mem.setUint32(argp + layout.args[i]!, Number(u32(v)), true)));
  m.r[10] = G; // g.stackguard0 is 0: the stack check passes
  m.r[13] = SP;
  m.r[14] = RETURN;
  m.r[15] = ORIGIN;
  const calls = new Map(f.fn.relocs.filter((r) => r.typeName === "R_ARM_CALL").map((r) => [r.off, r.sym]));
  run(m, f.fn.code, ORIGIN, calls, runtime);
  expect(m.r[15], `${f.fn.name} returned`).toBe(RETURN);
  expect(m.r[13], `${f.fn.name} restored SP`).toBe(SP);
  const at = argp + layout.results[0]!;
  return result === "i64" ? s64(m.mem.getBigUint64(at, true)) : s32(BigInt(m.mem.getUint32(at, true)));
}

describe("arm: integer operations run on numbers", () => {
  const funcs = new Map<string, PlacedFunc>();
  beforeAll(() => {
    const r = compileGo({ filename: "ops.go", source: SOURCE, arch: "arm" });
    expect(r.errors).toEqual([]);
    for (const f of r.object!.funcs) funcs.set(f.fn.name.replace(/^main\./, ""), f);
  });

  for (const [what, cases] of Object.entries(CASES)) {
    it(what, () => {
      const wrong: string[] = [];
      for (const c of cases) {
        let got: bigint | string;
        try {
          got = callFunc(funcs.get(c.fn)!, c.args, c.result);
        } catch (e) {
          if (!(e instanceof Error) || e.message !== "panicdivide") throw e;
          got = "panicdivide";
        }
        if (got !== c.want) wrong.push(`${c.fn}(${c.args.map(([, v]) => v).join(", ")}) = ${got}, want ${c.want}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
