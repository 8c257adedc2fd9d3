// The TypeScript runtime core: the same entry points as build/runtime.wasm
// (assembly/index.ts), over the same memory and table, with the same
// algorithms, file by file (README.md gives the mapping between the two).

import { newModule, writeModule } from "../../arch/wasm/module.js";
import { ERROR_METHOD_TYPE, RUNTIME_FUNCS, RUNTIME_MODULE } from "../runtime-imports.js";
import { enter, Instance } from "./builtins.js";
import {
  TypeAssertionError_Error, boundsError_Error, errorString_Error,
  plainError_Error,
} from "./error.js";
import {
  assertE2I, assertE2I2, efaceeq, panicdottypeE, panicdottypeI,
  panicnildottype,
} from "./iface.js";
import { newobject } from "./malloc.js";
import {
  deferproc, deferprocStack, deferreturn, gopanic, gorecover, panicIndex,
  panicdivide, panicmem, panicshift,
} from "./panic.js";
import {
  printbool, printeface, printhex, printiface, printint, printnl,
  printpointer, printsp, printstring, printuint,
} from "./print.js";
import { start } from "./proc.js";
import { morestack } from "./stack.js";
import { concatstrings, cmpstring, decoderune, intstring } from "./string.js";
import type { HostServices } from "./stubs.js";

export type { HostServices };

export interface RuntimeEnv {
  memory: WebAssembly.Memory;
  table: WebAssembly.Table;
  host: HostServices;
}

type Entry = (...args: any[]) => unknown;

/** The entry points a program imports (docs/abi.md section 12) and start. */
const ENTRY_POINTS: Record<string, Entry> = {
  deferproc, deferprocStack, deferreturn, gopanic, gorecover, panicIndex,
  panicdivide, panicmem, panicshift,
  assertE2I, assertE2I2, efaceeq, panicdottypeE, panicdottypeI,
  panicnildottype,
  newobject,
  concatstrings, cmpstring, decoderune, intstring,
  printbool, printeface, printhex, printiface, printint, printnl,
  printpointer, printsp, printstring, printuint,
  morestack,
  start,
};

/** The Error methods of the runtime's error types, which go in the table. */
const ERROR_METHODS: Record<string, Entry> = {
  boundsError_Error, errorString_Error, plainError_Error, TypeAssertionError_Error,
};

/**
 * Creates a runtime core over env's memory and table: an object with the
 * exports of build/runtime.wasm, to instantiate a program against (module
 * `runtime`) and to fill the RTFN_* table slots from.
 */
export function createRuntime(env: RuntimeEnv): Record<string, Function> {
  const inst = new Instance(env.memory, env.table, env.host);
  const exports: Record<string, Function> = {};
  for (const [name, f] of Object.entries(ENTRY_POINTS)) exports[name] = entry(inst, f);
  const methods: Record<string, Function> = {};
  for (const [name, f] of Object.entries(ERROR_METHODS)) methods[name] = entry(inst, f);
  Object.assign(exports, tableFunctions(methods));
  return exports;
}

/**
 * An entry point of inst: makes inst the running instance, and takes i32
 * arguments as the wasm core's u32 (the JS API passes them signed; the few
 * i32 parameters are read back with `| 0`). i64 arguments are BigInt.
 */
function entry(inst: Instance, f: Entry): Entry {
  return (a?: unknown, b?: unknown, c?: unknown, d?: unknown) => {
    enter(inst);
    return f(u32(a), u32(b), u32(c), u32(d));
  };
}

function u32(v: unknown): unknown {
  return typeof v === "number" ? v >>> 0 : v;
}

/**
 * A JS function cannot be stored in a WebAssembly.Table, but a JS function
 * imported by a wasm module and exported again is a WebAssembly function
 * (the JS API wraps it with the import's type), and that can. So the Error
 * methods go through a module that only imports them with the itab method
 * type and exports them: no code of its own, built with the project's own
 * module writer and compiled once, instantiated once per core.
 */
function tableFunctions(methods: Record<string, Function>): Record<string, Function> {
  trampolines ??= new WebAssembly.Module(trampolineModule());
  const instance = new WebAssembly.Instance(trampolines, { [RUNTIME_MODULE]: methods });
  return instance.exports as Record<string, Function>;
}

let trampolines: WebAssembly.Module | undefined;

/** The Error method exports, in the order of RUNTIME_FUNCS. */
const METHOD_EXPORTS = RUNTIME_FUNCS.flatMap((f) => (f.export !== undefined ? [f.export] : []));

function trampolineModule(): Uint8Array<ArrayBuffer> {
  const m = newModule();
  METHOD_EXPORTS.forEach((name, index) => {
    m.imports.push({ kind: "func", module: RUNTIME_MODULE, name, type: ERROR_METHOD_TYPE });
    m.exports.push({ name, kind: "func", index });
  });
  return writeModule(m);
}
