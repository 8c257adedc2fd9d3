// The mips, mips64 and loong64 lowerings' arithmetic run on models of the
// machines (mipssim.ts, loong64sim.ts) against BigInt arithmetic: every
// binary and unary operation and select, for i32 and i64, over edge values
// (carries and borrows between mips's register-pair words, signs, the
// 2^31 and 2^63 borders), shifts by every count, operands in registers and
// as immediates; loads, stores, zeroing and copying against the model's
// memory; and compiled Go functions that call each other, run from the
// linked object. The models reject a 32-bit operation's operand that the
// manuals leave undefined unless sign-extended, which checks the lowering's
// rule that an i32 in a 64-bit register is. mips's i64 division calls
// runtime helpers and is not run here.

import { describe, expect, it } from "vitest";
import type { MachineArch } from "../../arch/arch.js";
import { abi0Layout, sizeOf } from "../../arch/machine/frame.js";
import { loong64Arch } from "../../arch/loong64/ssa.js";
import { mipsArch } from "../../arch/mips/ssa.js";
import { mips64Arch } from "../../arch/mips64/ssa.js";
import { compileGo } from "../../host/compiler/compile.js";
import type * as ir from "../../host/compiler/ssa/ir.js";
import { bin, c, IRFunc } from "../wasm/lower-harness.js";
import { Loong64Machine } from "./loong64sim.js";
import { MipsMachine } from "./mipssim.js";

const SP = 0x8000n;
/** Where the function returns to: outside its code. */
const EXIT = 0x100000n;
/** g, whose stackguard0 (0) lets every stack check pass. */
const G = 0x100n;

const EDGES = [0n, 1n, -1n, 2n, 3n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x80000000n, -0x80000001n, 1n << 63n, (1n << 63n) - 1n, 0x123456789abcdef0n, -0x123456789abcdef0n, 0xfedcba9876543210n, 31n, 32n, 63n];

const COMPARES: ir.BinOp[] = ["eq", "ne", "lt_s", "lt_u", "le_s", "le_u", "gt_s", "gt_u", "ge_s", "ge_u"];
const ARITH: ir.BinOp[] = ["add", "sub", "mul", "and", "or", "xor", "andnot"];
const SHIFTS: ir.BinOp[] = ["shl", "shr_s", "shr_u"];
const DIVIDES: ir.BinOp[] = ["div_s", "div_u", "rem_s", "rem_u"];

const bits = (t: ir.MType) => (t === "i64" ? 64 : 32);

function binopRef(kind: ir.BinOp, t: ir.MType, x: bigint, y: bigint): bigint {
  const w = bits(t);
  const [sx, sy, ux, uy] = [BigInt.asIntN(w, x), BigInt.asIntN(w, y), BigInt.asUintN(w, x), BigInt.asUintN(w, y)];
  const bool = (b: boolean) => (b ? 1n : 0n);
  switch (kind) {
    case "add":
      return sx + sy;
    case "sub":
      return sx - sy;
    case "mul":
      return sx * sy;
    case "and":
      return sx & sy;
    case "or":
      return sx | sy;
    case "xor":
      return sx ^ sy;
    case "andnot":
      return sx & ~sy;
    case "shl":
      return sx << uy;
    case "shr_s":
      return sx >> uy;
    case "shr_u":
      return ux >> uy;
    case "div_s":
      return sx / sy;
    case "div_u":
      return ux / uy;
    case "rem_s":
      return sx % sy;
    case "rem_u":
      return ux % uy;
    case "eq":
      return bool(sx === sy);
    case "ne":
      return bool(sx !== sy);
    case "lt_s":
      return bool(sx < sy);
    case "lt_u":
      return bool(ux < uy);
    case "le_s":
      return bool(sx <= sy);
    case "le_u":
      return bool(ux <= uy);
    case "gt_s":
      return bool(sx > sy);
    case "gt_u":
      return bool(ux > uy);
    case "ge_s":
      return bool(sx >= sy);
    case "ge_u":
      return bool(ux >= uy);
  }
}

type Unop = Exclude<ir.UnOp, never>;

/** The unops per operand type, with their result type and meaning. */
const UNOPS: [Unop, ir.MType, ir.MType, (x: bigint) => bigint][] = [
  ["eqz", "i64", "i32", (x) => (BigInt.asIntN(64, x) === 0n ? 1n : 0n)],
  ["eqz", "i32", "i32", (x) => (BigInt.asIntN(32, x) === 0n ? 1n : 0n)],
  ["neg", "i64", "i64", (x) => -x],
  ["neg", "i32", "i32", (x) => -x],
  ["not", "i64", "i64", (x) => ~x],
  ["not", "i32", "i32", (x) => ~x],
  ["wrap", "i64", "i32", (x) => x],
  ["extend_s", "i32", "i64", (x) => BigInt.asIntN(32, x)],
  ["extend_u", "i32", "i64", (x) => BigInt.asUintN(32, x)],
  ["sext8", "i64", "i64", (x) => BigInt.asIntN(8, x)],
  ["sext16", "i64", "i64", (x) => BigInt.asIntN(16, x)],
  ["sext32", "i64", "i64", (x) => BigInt.asIntN(32, x)],
  ["zext8", "i64", "i64", (x) => BigInt.asUintN(8, x)],
  ["zext16", "i64", "i64", (x) => BigInt.asUintN(16, x)],
  ["zext32", "i64", "i64", (x) => BigInt.asUintN(32, x)],
  ["sext8", "i32", "i32", (x) => BigInt.asIntN(8, x)],
  ["zext16", "i32", "i32", (x) => BigInt.asUintN(16, x)],
];

/** A machine model and its SP, link and g registers. */
interface Model {
  machine(): MipsMachine | Loong64Machine;
  sp: number;
  link: number;
  g: number;
}

const MIPS_MODEL: Model = { machine: () => new MipsMachine(), sp: 29, link: 31, g: 30 };
const LOONG64_MODEL: Model = { machine: () => new Loong64Machine(), sp: 3, link: 1, g: 22 };

/**
 * Runs the code at `entry` of `text` (placed at address 0) with ABI0
 * arguments `args` of `types` on `m` (the model's, fresh, unless given) and
 * returns its results of `results`.
 */
function runCode(arch: MachineArch, model: Model, text: Uint8Array, entry: number, types: ir.MType[], results: ir.MType[], args: bigint[], m = model.machine()): bigint[] {
  const layout = abi0Layout(types, results, arch.ptrSize);
  const argp = SP + BigInt(arch.lowering.entryArgsOffset);
  types.forEach((t, i) => m.store(sizeOf(t), argp + BigInt(layout.args[i]!), args[i]!));
  m.regs[model.sp] = SP;
  m.regs[model.link] = EXIT;
  m.regs[model.g] = G;
  m.run(text, entry);
  return results.map((t, i) => m.load(sizeOf(t), true, argp + BigInt(layout.results[i]!)));
}

/** Runs a lowered IR function and returns its result, 0 without one. */
function run(arch: MachineArch, model: Model, fn: ir.Func, args: bigint[], m = model.machine()): bigint {
  const types = fn.params.slice(1).map((p) => p.type);
  return runCode(arch, model, arch.lower(fn).code, 0, types, fn.results, args, m)[0] ?? 0n;
}

/** Go functions that call each other, loop and branch, run from the linked object's .text. */
const PROGRAM = `package main

func add(a, b int) int { return a + b }

func fib(n int) int {
	if n < 2 {
		return n
	}
	return add(fib(n-1), fib(n-2))
}

func squares(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i * i
	}
	return s
}

func mix(a int32, b int64, c uint8) (int64, int32) {
	return b*int64(a) - int64(c), a>>1 | int32(c)
}

func main() {
	println(fib(10), squares(10))
	println(mix(3, 4, 5))
}
`;

/** A function of the given parameters and results whose one block holds `body(params)`; its last value is the result. */
function memFunc(params: ir.MType[], result: ir.MType | undefined, body: (p: ir.Value[], dst: ir.Value) => ir.Instr[]): ir.Func {
  const f = new IRFunc("main.f", params, result ? [result] : []);
  const dst = f.value(result ?? "i32");
  const b = f.block("ret", body(f.params.slice(1), dst));
  if (result) b.results = [dst];
  return f.finish();
}

/** Memory the memory tests use, below the frame. */
const BUF = 0x1000n;
const SIZES = [1, 2, 4, 8] as const;

/** Fills n bytes at `at` with 0x81, 0x82, ... */
function pattern(m: { store(size: 1, at: bigint, v: bigint): void }, at: bigint, n: number): void {
  for (let i = 0; i < n; i++) m.store(1, at + BigInt(i), BigInt(0x81 + i));
}

/** f(x, y) = x op y, or x op c with c a constant the lowering may take as an immediate. */
function binopFunc(kind: ir.BinOp, t: ir.MType, constant?: bigint): ir.Func {
  const result: ir.MType = COMPARES.includes(kind) ? "i32" : t;
  const f = new IRFunc("main.f", constant === undefined ? [t, t] : [t], [result]);
  const dst = f.value(result);
  const x = f.params[1]!;
  const y = constant === undefined ? f.params[2]! : f.value(t);
  const b = f.block("ret", [...(constant === undefined ? [] : [c(y, constant)]), bin(kind, dst, x, y)]);
  b.results = [dst];
  return f.finish();
}

function expectEqual(got: bigint, want: bigint, t: ir.MType, what: string): void {
  expect(BigInt.asIntN(bits(t), got), what).toBe(BigInt.asIntN(bits(t), want));
}

for (const [arch, model] of [
  [mipsArch, MIPS_MODEL],
  [mips64Arch, MIPS_MODEL],
  [loong64Arch, LOONG64_MODEL],
] as const) {
  const run1 = (fn: ir.Func, args: bigint[]) => run(arch, model, fn, args);
  describe(`${arch.name}: arithmetic run on a model of the machine`, () => {
    for (const t of ["i32", "i64"] as const) {
      const result = (kind: ir.BinOp) => (COMPARES.includes(kind) ? "i32" : t);
      for (const kind of [...ARITH, ...COMPARES]) {
        it(`${t} ${kind}`, () => {
          const fn = binopFunc(kind, t);
          for (const x of EDGES) for (const y of EDGES) expectEqual(run1(fn, [x, y]), binopRef(kind, t, x, y), result(kind), `${x} ${kind} ${y}`);
        });
      }
      for (const kind of ["add", "sub", "and", "or", "xor", "andnot", "lt_u"] as const) {
        it(`${t} ${kind} of a constant`, () => {
          for (const y of EDGES) {
            const fn = binopFunc(kind, t, y);
            for (const x of EDGES) expectEqual(run1(fn, [x]), binopRef(kind, t, x, y), result(kind), `${x} ${kind} $${y}`);
          }
        });
      }
      for (const kind of SHIFTS) {
        it(`${t} ${kind} by every count`, () => {
          const fn = binopFunc(kind, t);
          for (const x of EDGES) for (let n = 0n; n < BigInt(bits(t)); n++) expectEqual(run1(fn, [x, n]), binopRef(kind, t, x, n), t, `${x} ${kind} ${n}`);
        });
      }
    }

    // mips's i64 division is runtime.int64div's; MinInt / -1 is the hardware's to define.
    const divides: ir.MType[] = arch.ptrSize === 8 ? ["i32", "i64"] : ["i32"];
    for (const t of divides) {
      for (const kind of DIVIDES) {
        it(`${t} ${kind}`, () => {
          const fn = binopFunc(kind, t);
          const min = -(1n << BigInt(bits(t) - 1));
          for (const x of EDGES) {
            for (const y of EDGES) {
              if (BigInt.asIntN(bits(t), y) === 0n || (BigInt.asIntN(bits(t), x) === min && BigInt.asIntN(bits(t), y) === -1n)) continue;
              expectEqual(run1(fn, [x, y]), binopRef(kind, t, x, y), t, `${x} ${kind} ${y}`);
            }
          }
        });
      }
    }

    for (const [kind, from, to, ref] of UNOPS) {
      it(`${kind} ${from} -> ${to}`, () => {
        const f = new IRFunc("main.f", [from], [to]);
        const dst = f.value(to);
        const b = f.block("ret", [{ op: "unop", kind, dst, a: f.params[1]! }]);
        b.results = [dst];
        const fn = f.finish();
        for (const x of EDGES) expectEqual(run1(fn, [x]), ref(x), to, `${kind} ${x}`);
      });
    }

    for (const size of SIZES) {
      for (const signed of [true, false]) {
        for (const t of ["i32", "i64"] as const) {
          if (size === 8 && (t === "i32" || !signed)) continue;
          it(`loads ${size} bytes ${signed ? "sign" : "zero"}-extended into an ${t}`, () => {
            const fn = memFunc(["i32"], t, ([p], dst) => [{ op: "load", dst: dst!, addr: p!, offset: 5, size, signed }]);
            const m = model.machine();
            pattern(m, BUF, 16);
            const want = m.load(size, signed, BUF + 5n);
            expectEqual(run(arch, model, fn, [BUF], m), want, t, `load ${size}`);
          });
        }
      }
      it(`stores ${size} bytes`, () => {
        const t = size === 8 ? "i64" : "i32";
        const fn = memFunc(["i32", t], undefined, ([p, x]) => [{ op: "store", addr: p!, offset: 3, src: x!, size }]);
        for (const x of EDGES) {
          const m = model.machine();
          pattern(m, BUF, 16);
          run(arch, model, fn, [BUF, x], m);
          expect(m.load(size, false, BUF + 3n), `store ${x}`).toBe(BigInt.asUintN(size * 8, x));
          expect([m.load(1, false, BUF + 2n), m.load(1, false, BUF + 3n + BigInt(size))]).toEqual([0x83n, BigInt(0x84 + size)]);
        }
      });
    }

    for (const size of [1, 3, 8, 12, 40, 64]) {
      it(`zeroes and copies ${size} bytes`, () => {
        const zero = memFunc(["i32"], undefined, ([p]) => [{ op: "zero", addr: p!, size }]);
        const move = memFunc(["i32", "i32"], undefined, ([d, src]) => [{ op: "move", dst: d!, src: src!, size }]);
        const m = model.machine();
        pattern(m, BUF, 80);
        run(arch, model, zero, [BUF + 8n], m);
        const bytes = (at: bigint, n: number) => Array.from({ length: n }, (_, i) => m.load(1, false, at + BigInt(i)));
        expect(bytes(BUF + 8n, size)).toEqual(new Array(size).fill(0n));
        expect([m.load(1, false, BUF + 7n), m.load(1, false, BUF + 8n + BigInt(size))]).toEqual([0x88n, BigInt(0x89 + size)]);
        pattern(m, BUF, 80);
        pattern(m, BUF + 0x200n, 80);
        run(arch, model, move, [BUF + 0x100n, BUF + 0x200n], m);
        expect(bytes(BUF + 0x100n, size)).toEqual(bytes(BUF + 0x200n, size));
        expect(m.load(1, false, BUF + 0x100n + BigInt(size))).toBe(0n);
      });
    }

    it("runs compiled Go functions that call each other, loop and branch", () => {
      const r = compileGo({ filename: "run.go", source: PROGRAM, arch: arch.name });
      expect(r.errors).toEqual([]);
      const obj = r.object!;
      const entry = (name: string) => obj.funcs.find((f) => f.fn.name === name)!.addr;
      const call = (name: string, types: ir.MType[], results: ir.MType[], args: bigint[]) => runCode(arch, model, obj.text, entry(name), types, results, args);
      expect(call("main.fib", ["i64"], ["i64"], [15n])).toEqual([610n]);
      expect(call("main.squares", ["i64"], ["i64"], [1000n])).toEqual([332833500n]);
      expect(call("main.mix", ["i32", "i64", "i32"], ["i64", "i32"], [3n, 4n, 5n])).toEqual([7n, 5n]);
      expect(call("main.mix", ["i32", "i64", "i32"], ["i64", "i32"], [-7n, 1n << 40n, 200n])).toEqual([-7n * (1n << 40n) - 200n, -4n]);
    });

    it("selects an i64 by an i32 condition", () => {
      const f = new IRFunc("main.f", ["i32", "i64", "i64"], ["i64"]);
      const [, cond, a, b] = f.params;
      const dst = f.value("i64");
      const blk = f.block("ret", [{ op: "select", dst, cond: cond!, a: a!, b: b! }]);
      blk.results = [dst];
      const fn = f.finish();
      for (const cv of [0n, 1n, -1n, 0x80000000n]) {
        for (const x of EDGES) expectEqual(run1(fn, [cv, x, ~x]), BigInt.asIntN(32, cv) !== 0n ? x : ~x, "i64", `select ${cv}`);
      }
    });
  });
}
