// The TypeScript runtime core: the same entry points as build/runtime.wasm
// (assembly/index.ts), over the same memory and table, with the same
// algorithms, file by file (README.md gives the mapping between the two).

import { enter, Instance } from "./builtins.js";
import { instantiateGlue, PAIR_EXPORTS } from "./glue.js";
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
import { start, testinit } from "./proc.js";
import {
  Fail, FailNow, Failed, Helper, Name, ReportAllocs, ResetTimer, Run, SkipNow,
  Skipped, StartTimer, StopTimer, tRunner, testlog,
} from "./testing.js";
import { morestack } from "./stack.js";
import { concatstrings, cmpstring, decoderune, intstring } from "./string.js";
import type { HostServices, Pair } from "./stubs.js";

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
  start, testinit,
  Fail, FailNow, Failed, Helper, Name, ReportAllocs, ResetTimer, Run, SkipNow,
  Skipped, StartTimer, StopTimer, tRunner, testlog,
};

/** The Error methods of the runtime's error types, which go in the table. */
const ERROR_METHODS: Record<string, Entry> = {
  boundsError_Error, errorString_Error, plainError_Error, TypeAssertionError_Error,
};

/**
 * Creates a runtime core over env's memory and table: an object with the
 * exports of build/runtime.wasm, to instantiate a program against (module
 * `runtime`) and to fill the RTFN_* table slots from. The functions with
 * two results, the Error methods among them, are wasm functions (glue.ts).
 */
export function createRuntime(env: RuntimeEnv): Record<string, Function> {
  const inst = new Instance(env.memory, env.table, env.host);
  const exports: Record<string, Function> = {};
  const firsts: Record<string, Function> = {};
  for (const [name, f] of Object.entries({ ...ENTRY_POINTS, ...ERROR_METHODS })) {
    if (PAIR_EXPORTS.has(name)) firsts[name] = pairEntry(inst, f);
    else exports[name] = entry(inst, f);
  }
  const glue = instantiateGlue(env.table, firsts, () => inst.second);
  inst.calls = glue.calls;
  return Object.assign(exports, glue.pairs);
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

/** entry for a function with two results: returns the first, keeps the second for the glue. */
function pairEntry(inst: Instance, f: Entry): Entry {
  const g = entry(inst, f);
  return (a?: unknown, b?: unknown, c?: unknown, d?: unknown) => {
    const [first, second] = g(a, b, c, d) as Pair;
    inst.second = second;
    return first;
  };
}

function u32(v: unknown): unknown {
  return typeof v === "number" ? v >>> 0 : v;
}
