import { describe, expect, it } from "vitest";
import { ByteWriter, encodeInstrs, type Resolver } from "../../arch/wasm/asm.js";
import { localRuns, newModule, TypeTable, writeModule, type Module } from "../../arch/wasm/module.js";
import type { Instr } from "../../host/linker/obj.js";
import { I } from "./helpers.js";

const noSymbols: Resolver = {
  funcIndex: () => 0,
  typeIndex: () => 0,
  reloc: () => 0,
};

function body(code: Instr[], r: Resolver = noSymbols): Uint8Array {
  const w = new ByteWriter();
  encodeInstrs(w, code, r);
  return w.finish();
}

describe("TypeTable", () => {
  it("stores each signature once", () => {
    const t = new TypeTable();
    expect(t.index({ params: ["i32"], results: [] })).toBe(0);
    expect(t.index({ params: [], results: ["i32"] })).toBe(1);
    expect(t.index({ params: ["i32"], results: [] })).toBe(0);
    expect(t.types).toHaveLength(2);
  });
});

describe("localRuns", () => {
  it("compresses consecutive locals of one type", () => {
    expect(localRuns(["i32", "i32", "i64", "i32", "i32", "i32"])).toEqual([
      [2, "i32"],
      [1, "i64"],
      [3, "i32"],
    ]);
    expect(localRuns([])).toEqual([]);
  });
});

describe("writeModule", () => {
  function fullModule(): Module {
    const m = newModule();
    m.imports.push({ kind: "memory", module: "env", name: "memory", min: 1 });
    m.imports.push({ kind: "table", module: "env", name: "table", min: 4 });
    m.imports.push({ kind: "func", module: "host", name: "report", type: { params: ["i32"], results: [] } });
    m.imports.push({ kind: "global", module: "env", name: "base", type: "i32", mutable: false });
    m.globals.push({ type: "i64", mutable: true, init: -7n });
    // 1: start, stores 42 at 8 and the imported global at 12
    m.funcs.push({
      name: "main.init",
      type: { params: [], results: [] },
      locals: [],
      body: body([I("i32.const", 8), I("i32.const", 42), I("i32.store", 4, 0), I("i32.const", 12), I("global.get", 0), I("i32.store", 4, 0)]),
    });
    // 2: calls through the table entry 2 (itself at slot 3 calls host.report)
    m.funcs.push({
      name: "main.viaTable",
      type: { params: ["i32"], results: ["i64"] },
      locals: ["i32", "i32", "i64"],
      body: body(
        [I("local.get", 0), I("i32.const", 3), { op: "call_indirect", sig: { params: ["i32"], results: [] } }, I("global.get", 1)],
        { ...noSymbols, typeIndex: (t) => m.types.index(t) },
      ),
    });
    // 3: reports its argument to the host
    m.funcs.push({
      name: "main.(*T).Report",
      type: { params: ["i32"], results: [] },
      locals: [],
      body: body([I("local.get", 0), { op: "call", sym: "host.report" }]),
    });
    m.exports.push({ name: "viaTable", kind: "func", index: 2 });
    m.exports.push({ name: "g", kind: "global", index: 1 });
    m.start = 1;
    m.elems.push({ offset: 3, funcs: [3] });
    m.datas.push({ offset: 100, bytes: new Uint8Array([1, 2, 3]) });
    m.customs.push({ name: "deferlab", bytes: new TextEncoder().encode('{"x":1}') });
    return m;
  }

  it("writes a module that validates and runs, with every section in place", async () => {
    const bytes = writeModule(fullModule());
    expect(WebAssembly.validate(bytes)).toBe(true);

    const memory = new WebAssembly.Memory({ initial: 1 });
    const table = new WebAssembly.Table({ initial: 4, element: "anyfunc" });
    const reported: number[] = [];
    const mod = new WebAssembly.Module(bytes);
    const inst = new WebAssembly.Instance(mod, {
      env: { memory, table, base: new WebAssembly.Global({ value: "i32", mutable: false }, 77) },
      host: { report: (x: number) => reported.push(x) },
    });
    const view = new DataView(memory.buffer);
    expect(view.getUint32(8, true)).toBe(42); // start ran
    expect(view.getUint32(12, true)).toBe(77);
    expect([...new Uint8Array(memory.buffer, 100, 3)]).toEqual([1, 2, 3]);
    expect(table.get(3)).not.toBeNull();
    const ex = inst.exports as any;
    expect(ex.viaTable(5)).toBe(-7n);
    expect(reported).toEqual([5]);
    expect(ex.g.value).toBe(-7n);

    const [custom] = WebAssembly.Module.customSections(mod, "deferlab");
    expect(new TextDecoder().decode(custom)).toBe('{"x":1}');
  });

  it("puts the custom sections first, so readers find them before the code", () => {
    const bytes = writeModule(fullModule());
    expect(bytes[8]).toBe(0); // first section id: custom
    expect(new TextDecoder().decode(bytes.subarray(11, 19))).toBe("deferlab");
  });

  it("names functions so engine stack traces are readable", () => {
    const mod = new WebAssembly.Module(writeModule(fullModule()));
    const inst = new WebAssembly.Instance(mod, {
      env: {
        memory: new WebAssembly.Memory({ initial: 1 }),
        table: new WebAssembly.Table({ initial: 4, element: "anyfunc" }),
        base: new WebAssembly.Global({ value: "i32", mutable: false }, 0),
      },
      host: {
        report: () => {
          throw new Error("from the host");
        },
      },
    });
    let stack = "";
    try {
      (inst.exports as any).viaTable(1);
    } catch (e) {
      stack = (e as Error).stack ?? "";
    }
    expect(stack).toContain("main.(*T).Report");
    expect(stack).toContain("main.viaTable");
  });

  it("leaves out empty sections", () => {
    const bytes = writeModule(newModule());
    expect(WebAssembly.validate(bytes)).toBe(true);
    // header, then only the name section
    expect(bytes[8]).toBe(0);
    expect(new TextDecoder().decode(bytes.subarray(11, 15))).toBe("name");
  });
});
