// Small modules built with the project's own writer, for the encoder tests.

import { ByteWriter, encodeInstrs, type Resolver } from "../../arch/wasm/asm.js";
import { newModule, writeModule, type Module } from "../../arch/wasm/module.js";
import type { FuncType, Instr, ValType } from "../../host/linker/obj.js";

export interface TestFunc {
  name: string;
  type: FuncType;
  locals?: ValType[];
  code: Instr[];
}

/** A module with one page of memory, exporting each function under its name. */
export function moduleOf(funcs: TestFunc[], setup?: (m: Module) => void): Uint8Array<ArrayBuffer> {
  const m = newModule();
  m.memory = { min: 1 };
  m.exports.push({ name: "memory", kind: "memory", index: 0 });
  setup?.(m);
  const imported = m.imports.filter((i) => i.kind === "func").length;
  const index = new Map(funcs.map((f, i) => [f.name, imported + i]));
  const resolver: Resolver = {
    funcIndex: (sym) => {
      const i = index.get(sym);
      if (i === undefined) throw new Error(`no function ${sym}`);
      return i;
    },
    typeIndex: (t) => m.types.index(t),
    reloc: () => {
      throw new Error("no relocations here");
    },
  };
  for (const f of funcs) {
    const w = new ByteWriter();
    encodeInstrs(w, f.code, resolver);
    m.funcs.push({ name: f.name, type: f.type, locals: f.locals ?? [], body: w.finish() });
    m.exports.push({ name: f.name, kind: "func", index: index.get(f.name)! });
  }
  return writeModule(m);
}

export async function instantiate(bytes: Uint8Array<ArrayBuffer>, imports: WebAssembly.Imports = {}) {
  const { instance } = await WebAssembly.instantiate(bytes, imports);
  return instance.exports as Record<string, any>;
}

/** Shorthand for an instruction with immediates. */
export function I(op: string, ...imm: (number | bigint)[]): Instr {
  return imm.length === 0 ? { op } : { op, imm };
}
