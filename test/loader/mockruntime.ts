// A stand-in for build/runtime.wasm, assembled with the project's writer: it
// imports the shared memory and table and the host services as the real
// core does, and exports `start`, a few entry points and the Error methods.

import * as L from "../../assembly/layout.js";
import { ByteWriter, encodeInstrs, type Resolver } from "../../arch/wasm/asm.js";
import { newModule, writeModule } from "../../arch/wasm/module.js";
import type { FuncType, Instr } from "../../host/linker/obj.js";
import { ERROR_METHOD_TYPE, RUNTIME_FUNCS, RUNTIME_IMPORTS } from "../../host/runtime-imports.js";

const I = (op: string, ...imm: number[]): Instr => (imm.length ? { op, imm } : { op });

const HOST_FUNCS: Record<string, FuncType> = {
  "host.write": { params: ["i32", "i32", "i32"], results: [] },
  "host.exit": { params: ["i32"], results: [] },
  "host.nanotime": { params: [], results: ["i64"] },
};

/** Calls main.main through the table, as runtime.main does, then returns 0. */
export const START_RUNS_MAIN: Instr[] = [
  I("i32.const", 0),
  I("i32.const", L.IMAGE),
  I("i32.load", 4, L.MD_MAININDEX),
  { op: "call_indirect", sig: { params: ["i32"], results: [] } },
  I("i32.const", 0),
];

export interface MockOptions {
  /** Body of `start() -> i32`. */
  start?: Instr[];
  /** Leave these exports out, to test the loader's checks. */
  omit?: string[];
  /** Put one of the core's own functions in table slot 1, as a careless core would. */
  writesTable?: boolean;
}

export function mockRuntime(opts: MockOptions = {}): Uint8Array<ArrayBuffer> {
  const m = newModule();
  m.imports.push({ kind: "memory", module: "env", name: "memory", min: 1 });
  m.imports.push({ kind: "table", module: "env", name: "table", min: 0 });
  const index = new Map<string, number>();
  for (const [name, type] of Object.entries(HOST_FUNCS)) {
    const [module, field] = name.split(".") as [string, string];
    index.set(name, index.size);
    m.imports.push({ kind: "func", module, name: field, type });
  }
  const funcs: { name: string; type: FuncType; code: Instr[] }[] = [
    { name: "start", type: { params: [], results: ["i32"] }, code: opts.start ?? START_RUNS_MAIN },
    {
      name: "printstring",
      type: RUNTIME_IMPORTS.get("printstring")!,
      code: [I("i32.const", 1), I("local.get", 0), I("local.get", 1), { op: "call", sym: "host.write" }],
    },
    {
      // panics by printing the string and exiting 2, as a fatal panic does
      name: "gopanic",
      type: RUNTIME_IMPORTS.get("gopanic")!,
      code: [I("i32.const", 2), I("local.get", 0), I("local.get", 1), { op: "call", sym: "host.write" },
        I("i32.const", 2), { op: "call", sym: "host.exit" }],
    },
    ...RUNTIME_FUNCS.filter((f) => f.export).map((f) => ({
      name: f.export!,
      type: ERROR_METHOD_TYPE,
      code: [I("i32.const", f.slot), I("i32.const", 0)],
    })),
  ];
  for (const f of funcs) index.set(f.name, index.size);
  const resolver: Resolver = {
    funcIndex: (sym) => index.get(sym)!,
    typeIndex: (t) => m.types.index(t),
    reloc: () => 0,
  };
  for (const f of funcs) {
    const w = new ByteWriter();
    encodeInstrs(w, f.code, resolver);
    m.funcs.push({ name: f.name, type: f.type, locals: [], body: w.finish() });
    if (!opts.omit?.includes(f.name)) m.exports.push({ name: f.name, kind: "func", index: index.get(f.name)! });
  }
  if (opts.writesTable) m.elems.push({ offset: 1, funcs: [index.get("start")!] });
  return writeModule(m);
}
