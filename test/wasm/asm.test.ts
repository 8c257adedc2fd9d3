import { describe, expect, it } from "vitest";
import {
  ByteWriter,
  EncodeError,
  encodeInstr,
  knownOps,
  writeS32,
  writeS64,
  writeU32,
  writeU64,
  type Resolver,
} from "../../arch/wasm/asm.js";
import type { FuncType, Instr } from "../../host/linker/obj.js";
import { I, instantiate, moduleOf } from "./helpers.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

function enc(ins: Instr, r: Partial<Resolver> = {}): string {
  const w = new ByteWriter();
  encodeInstr(w, ins, {
    funcIndex: r.funcIndex ?? (() => 0),
    typeIndex: r.typeIndex ?? (() => 0),
    reloc: r.reloc ?? (() => 0),
  });
  return hex(w.finish());
}

function leb(write: (w: ByteWriter) => void): Uint8Array {
  const w = new ByteWriter();
  write(w);
  return w.finish();
}
const uleb = (v: number) => leb((w) => writeU32(w, v));
const sleb = (v: number) => leb((w) => writeS32(w, v));

function s64(v: bigint): string {
  const w = new ByteWriter();
  writeS64(w, v);
  return hex(w.finish());
}

function u64(v: bigint): string {
  const w = new ByteWriter();
  writeU64(w, v);
  return hex(w.finish());
}

describe("LEB128", () => {
  it("encodes unsigned 32-bit values", () => {
    expect(hex(uleb(0))).toBe("00");
    expect(hex(uleb(127))).toBe("7f");
    expect(hex(uleb(128))).toBe("8001");
    expect(hex(uleb(624485))).toBe("e58e26");
    expect(hex(uleb(0xffffffff))).toBe("ffffffff0f");
    expect(() => uleb(-1)).toThrow(RangeError);
    expect(() => uleb(2 ** 32)).toThrow(RangeError);
  });

  it("encodes signed 32-bit values, reading large numbers as u32 bit patterns", () => {
    expect(hex(sleb(0))).toBe("00");
    expect(hex(sleb(63))).toBe("3f");
    expect(hex(sleb(64))).toBe("c000");
    expect(hex(sleb(-1))).toBe("7f");
    expect(hex(sleb(-64))).toBe("40");
    expect(hex(sleb(-65))).toBe("bf7f");
    expect(hex(sleb(-123456))).toBe("c0bb78");
    expect(hex(sleb(-0x80000000))).toBe("8080808078");
    expect(hex(sleb(0x80000000))).toBe("8080808078");
    expect(hex(sleb(0xffffffff))).toBe("7f");
    expect(() => sleb(1.5)).toThrow(RangeError);
  });

  it("encodes 64-bit values with BigInt", () => {
    expect(s64(-(1n << 63n))).toBe("8080808080808080807f");
    expect(s64((1n << 63n) - 1n)).toBe("ffffffffffffffffff00");
    expect(s64(0xffffffffffffffffn)).toBe("7f");
    expect(s64(0x100000000n)).toBe("8080808010");
    expect(u64(0xffffffffffffffffn)).toBe("ffffffffffffffffff01");
    expect(u64(300n)).toBe("ac02");
    expect(() => s64(1n << 64n)).toThrow(RangeError);
  });
});

describe("opcode table", () => {
  // Checked by hand against the WebAssembly core specification, first and
  // last of every run of consecutive opcodes in the table.
  const expected: Record<string, string> = {
    unreachable: "00",
    nop: "01",
    else: "05",
    end: "0b",
    return: "0f",
    drop: "1a",
    select: "1b",
    "local.get": "2000",
    "global.set": "2400",
    "memory.size": "3f00",
    "memory.grow": "4000",
    "i32.eqz": "45",
    "i32.ge_u": "4f",
    "i64.eqz": "50",
    "i64.ge_u": "5a",
    "f32.eq": "5b",
    "f32.ge": "60",
    "f64.eq": "61",
    "f64.ge": "66",
    "i32.clz": "67",
    "i32.add": "6a",
    "i32.shr_u": "76",
    "i32.rotr": "78",
    "i64.clz": "79",
    "i64.add": "7c",
    "i64.rotr": "8a",
    "f32.abs": "8b",
    "f32.copysign": "98",
    "f64.abs": "99",
    "f64.copysign": "a6",
    "i32.wrap_i64": "a7",
    "i64.extend_i32_s": "ac",
    "i64.extend_i32_u": "ad",
    "f64.promote_f32": "bb",
    "f64.reinterpret_i64": "bf",
    "i32.extend8_s": "c0",
    "i64.extend32_s": "c4",
    "i32.trunc_sat_f32_s": "fc00",
    "i64.trunc_sat_f64_u": "fc07",
    "memory.copy": "fc0a0000",
    "memory.fill": "fc0b00",
  };
  for (const [op, bytes] of Object.entries(expected)) {
    it(`encodes ${op}`, () => {
      const needsIndex = op.startsWith("local.") || op.startsWith("global.");
      expect(enc(needsIndex ? I(op, 0) : I(op))).toBe(bytes);
    });
  }

  it("encodes loads and stores with natural alignment by default and text-format [align, offset]", () => {
    expect(enc(I("i32.load"))).toBe("280200");
    expect(enc(I("i64.load", 8, 16))).toBe("290310");
    expect(enc(I("i64.load32_u", 1, 200))).toBe("3500c801");
    expect(enc(I("i32.store8", 1, 4))).toBe("3a0004");
    expect(enc(I("i64.store32", 4, 0))).toBe("3e0200");
  });

  it("rejects an alignment above the natural one or not a power of two", () => {
    expect(() => enc(I("i32.load8_u", 2, 0))).toThrow(/power of two up to 1/);
    expect(() => enc(I("i64.load", 3, 0))).toThrow(EncodeError);
  });

  it("encodes constants", () => {
    expect(enc(I("i32.const", -1))).toBe("417f");
    expect(enc(I("i32.const", 0xdeadbeef))).toBe("41effdb6f57d");
    expect(enc(I("i64.const", -(1n << 63n)))).toBe("428080808080808080807f");
    expect(enc(I("i64.const", 5))).toBe("4205");
    expect(enc(I("f32.const", 1.5))).toBe("430000c03f");
    expect(enc(I("f64.const", -2))).toBe("4400000000000000c0");
  });

  it("encodes branches, calls and block types", () => {
    const pair: FuncType = { params: ["i32"], results: ["i32", "i32"] };
    const typeIndex = (t: FuncType) => (t === pair ? 300 : 0);
    expect(enc(I("br", 2))).toBe("0c02");
    expect(enc(I("br_table", 0, 1, 2))).toBe("0e02000102");
    expect(enc({ op: "call", sym: "f" }, { funcIndex: () => 129 })).toBe("108101");
    expect(enc({ op: "call_indirect", sig: pair }, { typeIndex })).toBe("11ac0200");
    expect(enc({ op: "block" })).toBe("0240");
    expect(enc({ op: "loop", bt: "i64" })).toBe("037e");
    expect(enc({ op: "if", bt: { params: [], results: ["f64"] } })).toBe("047c");
    expect(enc({ op: "block", bt: { params: [], results: [] } })).toBe("0240");
    // A type index is a positive s33: 300 needs a second byte.
    expect(enc({ op: "block", bt: pair }, { typeIndex })).toBe("02ac02");
  });

  it("resolves relocated i32 constants through the resolver", () => {
    const reloc = { kind: "pc" as const, sym: "main.f", add: 3 };
    expect(enc({ op: "i32.const", reloc }, { reloc: (r) => (r === reloc ? 0x110003 : -1) })).toBe("418380c400");
  });

  it("names the instruction it cannot encode", () => {
    expect(() => enc(I("i32.frobnicate"))).toThrow(/i32\.frobnicate.*unknown op/);
    expect(() => enc({ op: "call" })).toThrow(/call needs a sym/);
    expect(() => enc(I("i32.add", 1))).toThrow(/expected 0 immediate/);
    expect(() => enc(I("br_table"))).toThrow(/default label/);
  });

  it("encodes every known op as an instruction the engine accepts", () => {
    // After `unreachable` the operand stack is polymorphic, so each op
    // validates on its own as long as its encoding and immediates are right.
    const pair: FuncType = { params: [], results: ["i32", "i64"] };
    const sample = (op: string): Instr[] => {
      if (op === "block" || op === "loop") return [{ op, bt: pair }, I("unreachable"), I("end")];
      if (op === "if") return [{ op, bt: pair }, I("unreachable"), I("else"), I("unreachable"), I("end")];
      if (op === "else" || op === "end") return [];
      if (op === "br" || op === "br_if") return [I(op, 0)];
      if (op === "br_table") return [I(op, 0, 0)];
      if (op === "call") return [{ op, sym: "f" }];
      if (op === "call_indirect") return [{ op, sig: pair }];
      if (op.startsWith("local.")) return [I(op, 0)];
      if (op.startsWith("global.")) return [I(op, 0)];
      if (op.endsWith(".const")) return [I(op, op.startsWith("i64") ? 1n : 1)];
      return [I(op)];
    };
    const ops = knownOps();
    // MVP, sign extension, saturating truncation, memory.copy and memory.fill.
    expect(ops.length).toBe(187);
    for (const op of ops) {
      const bytes = moduleOf([{ name: "f", type: { params: ["i32"], results: [] }, code: [I("unreachable"), ...sample(op), I("unreachable")] }], (m) => {
        m.table = { min: 1 };
        m.globals.push({ type: "i32", mutable: true, init: 0 });
      });
      expect(WebAssembly.validate(bytes), op).toBe(true);
    }
  });
});

describe("encoded code runs as intended", () => {
  it("computes with loops, br_table, sign extension and bulk memory", async () => {
    const ex = await instantiate(
      moduleOf([
        {
          // sum of 1..n with a loop
          name: "sum",
          type: { params: ["i32"], results: ["i64"] },
          locals: ["i64"],
          code: [
            { op: "block" },
            { op: "loop" },
            I("local.get", 0),
            I("i32.eqz"),
            I("br_if", 1),
            I("local.get", 1),
            I("local.get", 0),
            I("i64.extend_i32_u"),
            I("i64.add"),
            I("local.set", 1),
            I("local.get", 0),
            I("i32.const", 1),
            I("i32.sub"),
            I("local.set", 0),
            I("br", 0),
            I("end"),
            I("end"),
            I("local.get", 1),
          ],
        },
        {
          name: "pick",
          type: { params: ["i32"], results: ["i32"] },
          code: [
            { op: "block" },
            { op: "block" },
            { op: "block" },
            I("local.get", 0),
            I("br_table", 0, 1, 2),
            I("end"),
            I("i32.const", 10),
            I("return"),
            I("end"),
            I("i32.const", 20),
            I("return"),
            I("end"),
            I("i32.const", 30),
          ],
        },
        {
          name: "sext",
          type: { params: ["i32"], results: ["i64"] },
          code: [I("local.get", 0), I("i64.extend_i32_u"), I("i64.extend8_s")],
        },
        {
          name: "copyfill",
          type: { params: [], results: ["i32"] },
          code: [
            I("i32.const", 100),
            I("i32.const", 0xab),
            I("i32.const", 4),
            I("memory.fill"),
            I("i32.const", 200),
            I("i32.const", 100),
            I("i32.const", 4),
            I("memory.copy"),
            I("i32.const", 200),
            I("i32.load", 4, 0),
          ],
        },
        {
          name: "swap",
          type: { params: ["i32", "i32"], results: ["i32", "i32"] },
          code: [
            I("local.get", 0),
            I("local.get", 1),
            { op: "block", bt: { params: ["i32", "i32"], results: ["i32", "i32"] } },
            I("local.set", 0),
            I("local.set", 1),
            I("local.get", 0),
            I("local.get", 1),
            I("end"),
          ],
        },
      ]),
    );
    expect(ex.sum(10)).toBe(55n);
    expect([0, 1, 2, 7].map((i) => ex.pick(i))).toEqual([10, 20, 30, 30]);
    expect(ex.sext(0x80)).toBe(-128n);
    expect(ex.copyfill() >>> 0).toBe(0xabababab);
    expect(ex.swap(1, 2)).toEqual([2, 1]);
  });
});
