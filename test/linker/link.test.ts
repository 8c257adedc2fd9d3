import { describe, expect, it } from "vitest";
import * as L from "../../assembly/layout.js";
import { LinkError, link } from "../../host/linker/link.js";
import type { Instr, ObjFile } from "../../host/linker/obj.js";
import { computeDeferReturn } from "../../host/linker/pcln.js";
import { decodeDeferlabInfo, DEFERLAB_SECTION } from "../../host/linker/section.js";
import { RUNTIME_IMPORTS } from "../../host/runtime-imports.js";
import { data, func, I, pcReloc, savePC } from "./objs.js";

const printI32 = (instrs: Instr[]): Instr[] => [...instrs, I("i64.extend_i32_u"), { op: "call", sym: "runtime.printint" }];

/**
 * main.main prints the address of main.msg, the table index of main.f and
 * its own PC of site 2, then calls main.f through a func value (site 2) and
 * main.g directly (site 3). main.f has a deferreturn call at site 2.
 */
function sampleObj(): ObjFile {
  const main = func("main.main", {
    line: 10,
    frameSize: 16,
    siteLines: [11, 12, 13],
    code: [
      ...savePC("main.main", 1),
      ...printI32([{ op: "i32.const", reloc: { kind: "addr", sym: "main.msg", add: 2 } }]),
      ...printI32([{ op: "i32.const", reloc: { kind: "tableindex", sym: "main.f", add: 0 } }]),
      ...printI32([pcReloc("main.main", 2)]),
      ...savePC("main.main", 2),
      { op: "i32.const", reloc: { kind: "addr", sym: "main.f·f", add: 0 } },
      { op: "i32.const", reloc: { kind: "addr", sym: "main.f·f", add: 0 } },
      I("i32.load", 4, 0),
      { op: "call_indirect", sig: { params: ["i32"], results: [] } },
      ...savePC("main.main", 3),
      I("i32.const", 0),
      I("i64.const", 40),
      I("i64.const", 2),
      { op: "call", sym: "main.g" },
      I("drop"),
      I("drop"),
    ],
  });
  const f = func("main.f", {
    line: 20,
    frameSize: 24,
    argsSize: 0,
    siteLines: [21, 25],
    deferreturnSite: 2,
    openDeferInfo: new Uint8Array([0, 9, 1, 0, 1, 0]),
    ptrmap: new Uint8Array([0b101]),
    abi0Wrapper: "main.f<ABI0>",
    code: [
      ...savePC("main.f", 1),
      I("i64.const", 7),
      { op: "call", sym: "runtime.printint" },
      ...savePC("main.f", 2),
      { op: "call", sym: "runtime.deferreturn" },
    ],
  });
  const wrapper = func("main.f", {
    abi: "ABI0",
    wrapper: true,
    type: { params: ["i32", "i32"], results: [] },
    code: [I("local.get", 0), { op: "call", sym: "main.f" }],
  });
  const g = func("main.g", {
    type: { params: ["i32", "i64", "i64"], results: ["i64", "i64"] },
    code: [I("local.get", 1), I("local.get", 2), I("i64.add"), I("local.get", 1)],
  });
  return {
    funcs: [main, f, wrapper, g],
    data: [
      data("main.msg", new TextEncoder().encode("hello"), { align: 1 }),
      data("main.f·f", [0, 0, 0, 0], {
        relocs: [{ kind: "tableindex", sym: "main.f", add: 0, off: 0 }],
      }),
      data("main.refs", [], {
        size: 16,
        align: 8,
        relocs: [
          { kind: "addr", sym: "main.msg", add: 1, off: 0 },
          { kind: "pc", sym: "main.f", add: 2, off: 4 },
          { kind: "deferreturn", sym: "main.f", add: 0, off: 8 },
          { kind: "tableindex", sym: "runtime.errorString.Error", add: 0, off: 12 },
        ],
      }),
      data("runtime.types", [], { size: L.RT_SIZE }),
    ],
    mainSym: "main.main",
    rtTypesSym: "runtime.types",
    stackSize: 65536,
  };
}

/** Instantiates a linked program against JS stand-ins for the runtime core. */
function instantiate(wasm: Uint8Array<ArrayBuffer>) {
  const mod = new WebAssembly.Module(wasm);
  const info = decodeDeferlabInfo(WebAssembly.Module.customSections(mod, DEFERLAB_SECTION)[0]!);
  const memory = new WebAssembly.Memory({ initial: info.memoryPages });
  const table = new WebAssembly.Table({ initial: info.tableSize, element: "anyfunc" });
  const calls: string[] = [];
  const runtime: WebAssembly.ModuleImports = {
    printint: (v: bigint) => calls.push(`printint ${v}`),
    deferreturn: () => calls.push("deferreturn"),
  };
  new WebAssembly.Instance(mod, { env: { memory, table }, runtime });
  // The runtime core would set up g: give it a stack with the frames' room.
  const view = new DataView(memory.buffer);
  view.setUint32(L.G_SP, 0x8000, true);
  return { mod, info, memory, table, calls, view };
}

function u32(view: DataView, addr: number): number {
  return view.getUint32(addr, true);
}

function str(memory: WebAssembly.Memory, ptr: number, len: number): string {
  return new TextDecoder().decode(new Uint8Array(memory.buffer, ptr, len));
}

describe("link", () => {
  const obj = sampleObj();
  const res = link(obj);
  const t = instantiate(res.wasm);
  const { view, memory } = t;
  const md = L.IMAGE;
  const functab = u32(view, md + L.MD_FUNCTAB);
  const entry = (i: number, field: number) => u32(view, functab + i * L.FUNC_SIZE + field);
  const name = (i: number) => str(memory, entry(i, L.FUNC_NAMEPTR), entry(i, L.FUNC_NAMELEN));
  const file = (i: number) => {
    const ft = u32(view, md + L.MD_FILETAB) + entry(i, L.FUNC_FILE) * 8;
    return str(memory, u32(view, ft), u32(view, ft + 4));
  };
  const F = L.FIRST_PROGRAM_FUNC;

  it("writes a module that validates", () => {
    expect(WebAssembly.validate(res.wasm)).toBe(true);
  });

  it("assigns table indexes after the fixed runtime slots, in object order", () => {
    expect([...res.funcs].map(([n, f]) => [n, f.tableIndex])).toEqual([
      ["main.main", F],
      ["main.f", F + 1],
      ["main.f<ABI0>", F + 2],
      ["main.g", F + 3],
    ]);
    expect(res.tableSize).toBe(F + 4);
    expect(t.table.length).toBe(F + 4);
    for (let i = 0; i < F; i++) expect(t.table.get(i)).toBeNull();
    for (let i = F; i < F + 4; i++) expect(t.table.get(i)).toBeInstanceOf(Function);
  });

  it("writes the moduledata header", () => {
    expect(u32(view, md + L.MD_MAGIC)).toBe(L.IMAGE_MAGIC);
    expect(u32(view, md + L.MD_VERSION)).toBe(L.IMAGE_VERSION);
    expect(u32(view, md + L.MD_NFUNCTAB)).toBe(F + 4);
    expect(functab).toBe(L.IMAGE + L.MD_SIZE);
    expect(u32(view, md + L.MD_MAININDEX)).toBe(F);
    expect(u32(view, md + L.MD_INITINDEX)).toBe(0);
    expect(u32(view, md + L.MD_RTTYPES)).toBe(res.data.get("runtime.types"));
    expect(u32(view, md + L.MD_STACKSIZE)).toBe(65536);
    const heapStart = u32(view, md + L.MD_HEAPSTART);
    expect(heapStart).toBe(res.imageEnd);
    expect(heapStart % 16).toBe(0);
    expect(heapStart).toBeGreaterThanOrEqual(res.data.get("runtime.types")! + L.RT_SIZE);
    expect(t.info).toEqual({ format: 1, tableSize: F + 4, memoryPages: res.memoryPages, imageEnd: heapStart });
    expect(res.memoryPages).toBe(Math.ceil(heapStart / L.PAGE_SIZE) + 1);
  });

  it("describes the runtime pseudo-functions and methods in the function table", () => {
    expect(name(L.RTFN_MAIN)).toBe("runtime.main");
    expect(entry(L.RTFN_MAIN, L.FUNC_FLAGS)).toBe(L.FUNCFLAG_RUNTIME | L.FUNCFLAG_TOPFRAME);
    expect(entry(L.RTFN_MAIN, L.FUNC_FRAMESIZE)).toBe(L.RUNTIME_FRAME_SIZE);
    for (const [slot, n] of [
      [L.RTFN_GOPANIC, "runtime.gopanic"],
      [L.RTFN_DEFERRETURN, "runtime.deferreturn"],
      [L.RTFN_GOEXIT, "runtime.goexit"],
      [L.RTFN_MORESTACK, "runtime.morestack"],
    ] as const) {
      expect(name(slot)).toBe(n);
      expect(entry(slot, L.FUNC_FLAGS)).toBe(L.FUNCFLAG_RUNTIME);
      expect(entry(slot, L.FUNC_FRAMESIZE)).toBe(L.RUNTIME_FRAME_SIZE);
    }
    expect(name(L.RTFN_BOUNDSERROR_ERROR)).toBe("runtime.boundsError.Error");
    expect(name(L.RTFN_ERRORSTRING_ERROR)).toBe("runtime.errorString.Error");
    expect(name(L.RTFN_PLAINERROR_ERROR)).toBe("runtime.plainError.Error");
    expect(name(L.RTFN_TYPEASSERTIONERROR_ERROR)).toBe("runtime.(*TypeAssertionError).Error");
    expect(entry(L.RTFN_ERRORSTRING_ERROR, L.FUNC_FLAGS)).toBe(L.FUNCFLAG_RUNTIME);
    expect(file(L.RTFN_GOPANIC)).toBe("runtime/panic.go");
    // Unused slots stay zero: a zero name is no function.
    expect(entry(0, L.FUNC_NAMEPTR)).toBe(0);
    expect(entry(5, L.FUNC_NAMELEN)).toBe(0);
  });

  it("describes program functions: names, lines, sizes, deferreturn, abi0, flags", () => {
    expect(name(F)).toBe("main.main");
    expect(file(F)).toBe("/src/main.go");
    expect(entry(F, L.FUNC_LINE)).toBe(10);
    expect(entry(F, L.FUNC_FRAMESIZE)).toBe(16);
    expect(entry(F, L.FUNC_DEFERRETURN)).toBe(0);
    expect(entry(F, L.FUNC_FLAGS)).toBe(0);
    expect(entry(F, L.FUNC_OPENDEFER)).toBe(0);
    expect(entry(F, L.FUNC_PTRMAP)).toBe(0);

    expect(name(F + 1)).toBe("main.f");
    expect(entry(F + 1, L.FUNC_DEFERRETURN)).toBe(2);
    expect(res.funcs.get("main.f")!.deferreturn).toBe(2);
    expect(entry(F + 1, L.FUNC_ABI0)).toBe(F + 2);
    expect(entry(F + 1, L.FUNC_FLAGS)).toBe(L.FUNCFLAG_OPENDEFERS);
    const od = entry(F + 1, L.FUNC_OPENDEFER);
    expect([...new Uint8Array(memory.buffer, od, 6)]).toEqual([0, 9, 1, 0, 1, 0]);
    const pm = entry(F + 1, L.FUNC_PTRMAP);
    expect(u32(view, pm)).toBe(6); // 24-byte frame: 6 words
    expect(view.getUint8(pm + 4)).toBe(0b101);

    // The ABI0 wrapper is listed under the function's Go name and hidden.
    expect(name(F + 2)).toBe("main.f");
    expect(entry(F + 2, L.FUNC_FLAGS)).toBe(L.FUNCFLAG_WRAPPER);
  });

  it("writes pc-line tables: the entry line, then one line per call site", () => {
    const pcline = entry(F, L.FUNC_PCLINE);
    expect([0, 1, 2, 3].map((k) => u32(view, pcline + 4 * k))).toEqual([10, 11, 12, 13]);
    const fline = entry(F + 1, L.FUNC_PCLINE);
    expect(u32(view, fline + 4 * 2)).toBe(25);
    expect(entry(L.RTFN_GOPANIC, L.FUNC_PCLINE)).toBe(0);
  });

  it("lays out the image in the documented order", () => {
    const addr = (i: number, f: number) => entry(i, f);
    const names = addr(F, L.FUNC_NAMEPTR);
    const filetab = u32(view, md + L.MD_FILETAB);
    const pcline = addr(F, L.FUNC_PCLINE);
    const ptrmap = addr(F + 1, L.FUNC_PTRMAP);
    const opendefer = addr(F + 1, L.FUNC_OPENDEFER);
    const firstData = res.data.get("main.msg")!;
    const order = [functab, names, filetab, pcline, ptrmap, opendefer, firstData];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(functab + (F + 4) * L.FUNC_SIZE).toBeLessThanOrEqual(names);
  });

  it("places data symbols aligned and resolves their relocations", () => {
    const msg = res.data.get("main.msg")!;
    const refs = res.data.get("main.refs")!;
    expect(str(memory, msg, 5)).toBe("hello");
    expect(refs % 8).toBe(0);
    expect(u32(view, res.data.get("main.f·f")!)).toBe(F + 1);
    expect(u32(view, refs)).toBe(msg + 1);
    expect(u32(view, refs + 4)).toBe(((F + 1) << L.PC_SHIFT) | 2);
    expect(u32(view, refs + 8)).toBe(2);
    expect(u32(view, refs + 12)).toBe(L.RTFN_ERRORSTRING_ERROR);
  });

  it("resolves code relocations, runtime imports, direct and indirect calls", () => {
    const main = t.table.get(F) as (ctx: number) => void;
    main(0);
    const msg = res.data.get("main.msg")!;
    expect(t.calls).toEqual([
      `printint ${msg + 2}`,
      `printint ${F + 1}`,
      `printint ${(F << L.PC_SHIFT) | 2}`,
      "printint 7",
      "deferreturn",
    ]);
    // The code keeps no frames of its own here: the last PC saved at [g.sp]
    // is main.main's before its call site 3.
    expect(u32(view, u32(view, L.G_SP))).toBe((F << L.PC_SHIFT) | 3);
    const g = t.table.get(F + 3) as (ctx: number, a: bigint, b: bigint) => bigint[];
    expect(g(0, 40n, 2n)).toEqual([42n, 40n]);
  });

  it("imports only the runtime functions the code calls, with the shared signatures", () => {
    const imports = WebAssembly.Module.imports(t.mod);
    expect(imports.map((i) => `${i.module}.${i.name}:${i.kind}`)).toEqual([
      "env.memory:memory",
      "env.table:table",
      "runtime.deferreturn:function",
      "runtime.printint:function",
    ]);
    expect(WebAssembly.Module.exports(t.mod)).toEqual([]);
    expect(RUNTIME_IMPORTS.get("printint")).toEqual({ params: ["i64"], results: [] });
  });

  it("links the same object to the same bytes", () => {
    expect(Buffer.from(link(sampleObj()).wasm).equals(Buffer.from(res.wasm))).toBe(true);
  });
});

describe("link errors", () => {
  function linkError(mutate: (o: ObjFile) => void): string {
    const o = sampleObj();
    mutate(o);
    try {
      link(o);
    } catch (e) {
      expect(e).toBeInstanceOf(LinkError);
      return (e as Error).message;
    }
    throw new Error("link succeeded");
  }

  it("reports every undefined symbol with the symbol that refers to it", () => {
    const msg = linkError((o) => {
      o.funcs[0]!.code.push({ op: "call", sym: "main.missing" });
      o.funcs[0]!.code.push({ op: "call", sym: "runtime.nosuch" });
      o.data[2]!.relocs.push({ kind: "addr", sym: "main.gone", add: 0, off: 0 });
    });
    expect(msg).toContain("main.main: relocation target main.missing not defined");
    expect(msg).toContain("main.main: relocation target runtime.nosuch not defined");
    expect(msg).toContain("main.refs: relocation target main.gone not defined");
  });

  it("reports the main symbol, init symbol and runtime type block when missing", () => {
    expect(linkError((o) => (o.mainSym = "main.nomain"))).toContain("relocation target main.nomain not defined");
    expect(linkError((o) => (o.initSym = "main.noinit"))).toContain("relocation target main.noinit not defined");
  });

  it("reports duplicated symbols", () => {
    expect(linkError((o) => o.funcs.push(func("main.g")))).toContain("duplicated definition of symbol main.g");
    expect(linkError((o) => o.data.push(data("main.g", [])))).toContain("duplicated definition of symbol main.g");
    expect(linkError((o) => o.funcs.push(func("runtime.gopanic")))).toContain(
      "duplicated definition of symbol runtime.gopanic",
    );
  });

  it("refuses functions with more call sites than a PC can number", () => {
    const msg = linkError((o) => (o.funcs[3]!.siteLines = new Array(65536).fill(1)));
    expect(msg).toContain("main.g: too many call sites (65536, at most 65535)");
  });

  it("checks the deferreturn site the compiler recorded against the code", () => {
    expect(linkError((o) => (o.funcs[1]!.deferreturnSite = 1))).toContain(
      "main.f: deferreturn call is call site 2 in the code but 1 in the symbol",
    );
    expect(
      linkError((o) => {
        o.funcs[1]!.code = [{ op: "call", sym: "runtime.deferreturn" }];
      }),
    ).toContain("main.f: call to runtime.deferreturn without a saved PC before it");
  });

  it("rejects a PC of a call site the function does not have", () => {
    const msg = linkError((o) => o.data[2]!.relocs.push({ kind: "pc", sym: "main.f", add: 3, off: 0 }));
    expect(msg).toContain("main.refs: PC of call site 3 of main.f, which has call sites 1..2");
  });

  it("rejects an address of a function and relocations outside their symbol", () => {
    expect(linkError((o) => o.data[2]!.relocs.push({ kind: "addr", sym: "main.f", add: 0, off: 0 }))).toContain(
      "relocation target main.f is a function, which has no address",
    );
    expect(linkError((o) => o.data[2]!.relocs.push({ kind: "addr", sym: "main.msg", add: 0, off: 14 }))).toContain(
      "main.refs: relocation at offset 14 lies outside the symbol's 16 bytes",
    );
  });

  it("names the function whose code cannot be encoded", () => {
    expect(linkError((o) => o.funcs[3]!.code.push(I("i32.bogus")))).toMatch(/^main\.g: cannot encode .*unknown op/);
  });
});

describe("computeDeferReturn", () => {
  it("applies each architecture's adjustment from the relocation to the call", () => {
    expect(computeDeferReturn("wasm", 7)).toBe(7);
    expect(computeDeferReturn("amd64", 20)).toBe(19);
    expect(computeDeferReturn("amd64", 20, true)).toBe(19);
    expect(computeDeferReturn("386", 20)).toBe(19);
    expect(computeDeferReturn("386", 20, true)).toBe(8);
    expect(computeDeferReturn("s390x", 20)).toBe(18);
    for (const arch of ["arm", "arm64", "loong64", "mips", "mips64", "ppc64", "riscv64"] as const) {
      expect(computeDeferReturn(arch, 20)).toBe(20);
    }
  });
});
