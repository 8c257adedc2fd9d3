// The wasm glue of the TypeScript core: a module without memory or state,
// built at run time with the project's own encoder, that gives this core
// what the wasm core gets from call_indirect and from its build step
// (assembly/transform/multivalue.js):
//
//  - Functions with two results. A JS function can return two values to
//    wasm as an array, but the JS API then walks it with the iterator
//    protocol, which costs about 130 ns a call on Node 20 against 7 ns for
//    one i32. So each such export is a glue function that calls the JS
//    implementation for the first result and `second` for the other.
//    Being wasm functions, they can also be put in the table, which a JS
//    function cannot: that is how the Error methods reach their RTFN_*
//    slots.
//  - call_indirect through the shared table, one function per signature
//    the core calls program code with. Calling it costs one JS-to-wasm
//    call; fetching the function with Table.get and calling that costs
//    about four times as much.

import { ByteWriter, encodeInstrs, type Resolver } from "../../arch/wasm/asm.js";
import { newModule, writeModule, type Module } from "../../arch/wasm/module.js";
import type { FuncType, Instr, ValType } from "../linker/obj.js";
import { ERROR_METHOD_TYPE, RUNTIME_FUNCS, RUNTIME_IMPORTS, RUNTIME_MODULE } from "../runtime-imports.js";

/** The exports of the core that have two results, with their wasm types. */
export const PAIR_EXPORTS: ReadonlyMap<string, FuncType> = new Map([
  ...[...RUNTIME_IMPORTS].filter(([, t]) => t.results.length === 2),
  ...RUNTIME_FUNCS.flatMap((f) => (f.export !== undefined ? [[f.export, ERROR_METHOD_TYPE] as const] : [])),
]);

/** call_indirect of the signatures the core calls program code with. */
export interface TableCalls {
  /** `(ctx) -> ()`: main.init, init functions, main.main. */
  call1(index: number, ctx: number): void;
  /** `(ctx, argp) -> ()`: an ABI0 wrapper. */
  call2(index: number, ctx: number, argp: number): void;
  /** `(ctx, p, q) -> i32`: a type's equality function. */
  calleq(index: number, ctx: number, p: number, q: number): number;
  /** `(ctx, recv) -> (i32, i32)`: an itab method returning a string. */
  callpair(index: number, ctx: number, recv: number): [number, number];
}

export interface Glue {
  /** The two-result exports, as wasm functions. */
  pairs: Record<string, Function>;
  calls: TableCalls;
}

const CALLS: Record<keyof TableCalls, FuncType> = {
  call1: { params: ["i32"], results: [] },
  call2: { params: ["i32", "i32"], results: [] },
  calleq: { params: ["i32", "i32", "i32"], results: ["i32"] },
  callpair: ERROR_METHOD_TYPE,
};

/** The import that returns the second result of the last pair function. */
const SECOND = "second";

let glueModule: WebAssembly.Module | undefined;

/**
 * Instantiates the glue over table: firsts holds the JS implementation of
 * each PAIR_EXPORTS function, returning its first result; second returns
 * the other result of the call that just returned.
 */
export function instantiateGlue(
  table: WebAssembly.Table,
  firsts: Record<string, Function>,
  second: () => number,
): Glue {
  glueModule ??= new WebAssembly.Module(glueBytes());
  const { exports } = new WebAssembly.Instance(glueModule, {
    env: { table },
    [RUNTIME_MODULE]: { ...firsts, [SECOND]: second },
  });
  const pairs: Record<string, Function> = {};
  for (const name of PAIR_EXPORTS.keys()) pairs[name] = exports[name] as Function;
  return { pairs, calls: exports as unknown as TableCalls };
}

function glueBytes(): Uint8Array<ArrayBuffer> {
  const m = newModule();
  m.imports.push({ kind: "table", module: "env", name: "table", min: 0 });
  const names = [...PAIR_EXPORTS.keys()];
  for (const name of names) {
    const t = PAIR_EXPORTS.get(name)!;
    m.imports.push({ kind: "func", module: RUNTIME_MODULE, name, type: { params: t.params, results: ["i32"] } });
  }
  m.imports.push({ kind: "func", module: RUNTIME_MODULE, name: SECOND, type: { params: [], results: ["i32"] } });
  const funcIndex = (sym: string): number => (sym === SECOND ? names.length : names.indexOf(sym));
  for (const name of names) {
    const { params } = PAIR_EXPORTS.get(name)!;
    addFunc(m, name, { params, results: ["i32", "i32"] }, [...getParams(params), { op: "call", sym: name }, { op: "call", sym: SECOND }], funcIndex);
  }
  for (const [name, sig] of Object.entries(CALLS)) {
    // The index comes first; call_indirect takes it last.
    const code = [...getParams(sig.params, 1), { op: "local.get", imm: [0] }, { op: "call_indirect", sig }];
    addFunc(m, name, { params: ["i32", ...sig.params], results: sig.results }, code, funcIndex);
  }
  return writeModule(m);
}

function getParams(params: readonly ValType[], from = 0): Instr[] {
  return params.map((_, i) => ({ op: "local.get", imm: [from + i] }));
}

function addFunc(m: Module, name: string, type: FuncType, code: Instr[], funcIndex: (sym: string) => number): void {
  const resolver: Resolver = {
    funcIndex,
    typeIndex: (t) => m.types.index(t),
    reloc: (r) => {
      throw new Error(`glue code has no relocations (${r.kind})`);
    },
  };
  const body = new ByteWriter();
  encodeInstrs(body, code, resolver);
  const index = m.imports.filter((i) => i.kind === "func").length + m.funcs.length;
  m.funcs.push({ name, type, locals: [], body: body.finish() });
  m.exports.push({ name, kind: "func", index });
}
