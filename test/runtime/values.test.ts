import { describe, expect, it } from "vitest";
import * as L from "../../assembly/layout.js";
import { ExitError, FIRST_FUNC, Machine, RUNTIME_IMPORTS_WAT } from "./harness.js";
import { NAMEID_ERROR, NAMEID_STRING, boot } from "./fixtures.js";

type Fn = (...a: unknown[]) => unknown;

const ERRFN = FIRST_FUNC + 20;
const STRFN = FIRST_FUNC + 21;

/** Panics with (type, data) from runtime.main's frame; returns the first line. */
async function panicLine(make: (m: Machine) => [number, number]): Promise<string> {
  let v: [number, number] = [0, 0];
  const { m } = await boot((m) => {
    const msg = m.str("custom err");
    const str = m.str("stringer!");
    m.program(`(module ${RUNTIME_IMPORTS_WAT}
      (func (export "e") (param i32 i32) (result i32 i32) (i32.const ${msg.ptr}) (i32.const ${msg.len}))
      (func (export "s") (param i32 i32) (result i32 i32) (i32.const ${str.ptr}) (i32.const ${str.len})))`,
    { e: ERRFN, s: STRFN });
    v = make(m);
  });
  const r = m.call(() => (m.rt.gopanic as Fn)(v[0], v[1]));
  expect(r).toBeInstanceOf(ExitError);
  return m.stderr.split("\n")[0];
}

function boxed(m: Machine, bytes: number[]): number {
  return m.data(bytes, 8);
}

describe("panic values", () => {
  const cases: [string, (m: Machine) => [number, number]][] = [
    ["panic: nil", () => [0, 0]],
    ["panic: true", (m) => [m.type({ name: "bool", kind: L.KIND_BOOL }), boxed(m, [1])]],
    ["panic: -3", (m) => [m.type({ name: "int", kind: L.KIND_INT }), boxed(m, [253, 255, 255, 255, 255, 255, 255, 255])]],
    ["panic: 255", (m) => [m.type({ name: "uint8", kind: L.KIND_UINT8 }), boxed(m, [255])]],
    ["panic: -128", (m) => [m.type({ name: "int8", kind: L.KIND_INT8 }), boxed(m, [128])]],
    ["panic: main.T(5)", (m) => [m.type({ name: "main.T", kind: L.KIND_INT }), boxed(m, [5, 0, 0, 0, 0, 0, 0, 0])]],
    ['panic: main.S("hi")', (m) => [m.type({ name: "main.S", kind: L.KIND_STRING }), m.boxString("hi")]],
    ["panic: (struct { a int; b int }) 0x12340", (m) => [m.type({ name: "struct { a int; b int }", kind: L.KIND_STRUCT }), 0x12340]],
    ["panic: custom err", (m) => [m.type({ name: "main.E", kind: L.KIND_STRUCT, methods: [[NAMEID_ERROR, ERRFN]] }), boxed(m, [0])]],
    ["panic: stringer!", (m) => [m.type({ name: "main.St", kind: L.KIND_STRUCT, methods: [[NAMEID_STRING, STRFN]] }), boxed(m, [0])]],
    ["panic: custom err", (m) => [m.type({ name: "main.B", kind: L.KIND_STRUCT, methods: [[NAMEID_ERROR, ERRFN], [NAMEID_STRING, STRFN]] }), boxed(m, [0])]],
  ];
  for (const [want, make] of cases) {
    it(want, async () => {
      expect(await panicLine(make)).toBe(want);
    });
  }
});

describe("strings", () => {
  it("concatenates, compares and converts runes", async () => {
    const { m } = await boot();
    const a = m.str("ab");
    const b = m.str("cde");
    const [p, n] = (m.rt.concatstrings as Fn)(a.ptr, a.len, b.ptr, b.len) as number[];
    expect(m.string(p, n)).toBe("abcde");
    expect((m.rt.concatstrings as Fn)(0, 0, b.ptr, b.len)).toEqual([b.ptr, b.len]);
    const cmp = m.rt.cmpstring as Fn;
    expect([cmp(a.ptr, a.len, b.ptr, b.len), cmp(b.ptr, b.len, a.ptr, a.len), cmp(a.ptr, a.len, a.ptr, a.len)]).toEqual([-1, 1, 0]);
    expect(cmp(a.ptr, 1, a.ptr, 2)).toBe(-1);
    const rune = (r: bigint) => {
      const [q, k] = (m.rt.intstring as Fn)(r) as number[];
      return Array.from(m.bytes(q, k));
    };
    expect(rune(65n)).toEqual([65]);
    expect(rune(0xe9n)).toEqual([0xc3, 0xa9]);
    expect(rune(0x20acn)).toEqual([0xe2, 0x82, 0xac]);
    expect(rune(0x1f600n)).toEqual([0xf0, 0x9f, 0x98, 0x80]);
    const fffd = [0xef, 0xbf, 0xbd];
    for (const bad of [0xd800n, 0x110000n, -1n, 0x100000041n]) expect(rune(bad)).toEqual(fffd);
  });

  it("newobject returns zeroed, 8-aligned, counted memory", async () => {
    const { m } = await boot();
    const before = [m.g(L.G_MALLOCS), m.g(L.G_MALLOCBYTES)];
    const p = (m.rt.newobject as Fn)(3) as number;
    const q = (m.rt.newobject as Fn)(16) as number;
    expect(p % 8).toBe(0);
    expect(q - p).toBe(8);
    expect(Array.from(m.bytes(p, 24))).toEqual(new Array(24).fill(0));
    expect([m.g(L.G_MALLOCS) - before[0], m.g(L.G_MALLOCBYTES) - before[1]]).toEqual([2, 24]);
    const big = (m.rt.newobject as Fn)(1 << 22) as number;
    expect(m.memory.buffer.byteLength).toBeGreaterThanOrEqual(big + (1 << 22));
  });
});
