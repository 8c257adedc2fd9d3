// Writing the program module, as Go's linker does for wasm in
// cmd/link/internal/wasm/asm.go: imports of the shared memory and table and
// of the runtime entry points the code calls, the program functions, an
// element segment placing them in the table, the image as a data segment,
// and the `deferlab` section the loader reads first.

import { FIRST_PROGRAM_FUNC, IMAGE, PAGE_SIZE } from "../../assembly/layout.js";
import { ByteWriter, EncodeError, encodeInstrs, type Resolver } from "../../arch/wasm/asm.js";
import { newModule, writeModule, type Module } from "../../arch/wasm/module.js";
import { RUNTIME_IMPORTS, RUNTIME_MODULE } from "../runtime-imports.js";
import { relocValue } from "./data.js";
import type { Instr } from "./obj.js";
import { DEFERLAB_SECTION, encodeDeferlabInfo } from "./section.js";
import type { SymbolTable } from "./sym.js";

export interface WasmObj {
  wasm: Uint8Array<ArrayBuffer>;
  memoryPages: number;
}

const RUNTIME_PREFIX = `${RUNTIME_MODULE}.`;

/** Memory covering the image, plus a page for the heap to start in. */
function memoryPagesFor(imageEnd: number): number {
  return Math.ceil(imageEnd / PAGE_SIZE) + 1;
}

/**
 * The runtime entry points some function calls, in the order of the
 * runtime's import table so the same program always links the same way.
 */
function calledRuntimeImports(syms: SymbolTable): string[] {
  const called = new Set<string>();
  for (const [name, pf] of syms.funcs) {
    for (const ins of pf.sym.code) {
      if (ins.op !== "call" || ins.sym === undefined || syms.funcs.has(ins.sym)) continue;
      const rtName = ins.sym.startsWith(RUNTIME_PREFIX) ? ins.sym.slice(RUNTIME_PREFIX.length) : "";
      if (RUNTIME_IMPORTS.has(rtName)) called.add(rtName);
      else syms.undefined(ins.sym, name);
    }
  }
  return [...RUNTIME_IMPORTS.keys()].filter((n) => called.has(n));
}

export function asmb(syms: SymbolTable, image: Uint8Array, imageEnd: number): WasmObj {
  const memoryPages = memoryPagesFor(imageEnd);
  const m = newModule();
  m.imports.push({ kind: "memory", module: "env", name: "memory", min: memoryPages });
  m.imports.push({ kind: "table", module: "env", name: "table", min: syms.tableSize });

  const funcIndex = new Map<string, number>();
  for (const name of calledRuntimeImports(syms)) {
    funcIndex.set(RUNTIME_PREFIX + name, funcIndex.size);
    m.imports.push({ kind: "func", module: RUNTIME_MODULE, name, type: RUNTIME_IMPORTS.get(name)! });
  }
  for (const name of syms.funcs.keys()) funcIndex.set(name, funcIndex.size);

  for (const [name, pf] of syms.funcs) {
    m.funcs.push({ name, type: pf.sym.type, locals: pf.sym.locals, body: encodeBody(m, name, pf.sym.code, funcIndex, syms) });
  }
  m.elems.push({ offset: FIRST_PROGRAM_FUNC, funcs: [...syms.funcs.keys()].map((n) => funcIndex.get(n)!) });
  if (image.length > 0) m.datas.push({ offset: IMAGE, bytes: image });
  m.customs.push({
    name: DEFERLAB_SECTION,
    bytes: encodeDeferlabInfo({ tableSize: syms.tableSize, memoryPages, imageEnd }),
  });
  return { wasm: writeModule(m), memoryPages };
}

function encodeBody(
  m: Module,
  name: string,
  code: readonly Instr[],
  funcIndex: Map<string, number>,
  syms: SymbolTable,
): Uint8Array {
  const resolver: Resolver = {
    // Undefined callees were reported while collecting the imports.
    funcIndex: (sym) => funcIndex.get(sym) ?? 0,
    typeIndex: (t) => m.types.index(t),
    reloc: (r) => relocValue(syms, r, name),
  };
  const w = new ByteWriter();
  try {
    encodeInstrs(w, code, resolver);
  } catch (e) {
    if (!(e instanceof EncodeError || e instanceof RangeError)) throw e;
    syms.errorf(`${name}: ${e.message}`);
  }
  return w.finish();
}
