// The runtime core's interface as the program module and the loader see it
// (docs/abi.md sections 8 and 12): every entry point a compiled program may
// import from module `runtime`, with its wasm signature, and the fixed table
// slots below FIRST_PROGRAM_FUNC. The linker, the loader and the TypeScript
// core all read these tables, so a signature is written down exactly once.

import {
  RTFN_BOUNDSERROR_ERROR,
  RTFN_DEFERRETURN,
  RTFN_ERRORSTRING_ERROR,
  RTFN_GOEXIT,
  RTFN_GOPANIC,
  RTFN_MAIN,
  RTFN_MORESTACK,
  RTFN_PLAINERROR_ERROR,
  RTFN_TYPEASSERTIONERROR_ERROR,
} from "../assembly/layout.js";
import type { FuncType, ValType } from "./linker/obj.js";

/** Module name of the runtime's entry points in the program's imports. */
export const RUNTIME_MODULE = "runtime";

function sig(params: ValType[], results: ValType[] = []): FuncType {
  return { params, results };
}

/**
 * Every import of section 12, by Go's name. `panicSlice*` is reserved there
 * and has no signature yet, so it is absent.
 */
export const RUNTIME_IMPORTS: ReadonlyMap<string, FuncType> = new Map([
  ["deferproc", sig(["i32", "i32"], ["i32"])],
  ["deferprocStack", sig(["i32"])],
  ["deferreturn", sig([])],
  ["gopanic", sig(["i32", "i32"])],
  ["gorecover", sig(["i32"], ["i32", "i32"])],
  ["panicIndex", sig(["i64", "i64"])],
  ["panicdivide", sig([])],
  ["panicshift", sig([])],
  ["panicmem", sig([])],
  ["panicdottypeE", sig(["i32", "i32", "i32"])],
  ["panicdottypeI", sig(["i32", "i32", "i32"])],
  ["panicnildottype", sig(["i32"])],
  ["assertE2I", sig(["i32", "i32"], ["i32"])],
  ["assertE2I2", sig(["i32", "i32"], ["i32"])],
  ["efaceeq", sig(["i32", "i32", "i32"], ["i32"])],
  ["newobject", sig(["i32"], ["i32"])],
  ["concatstrings", sig(["i32", "i32", "i32", "i32"], ["i32", "i32"])],
  ["cmpstring", sig(["i32", "i32", "i32", "i32"], ["i32"])],
  ["intstring", sig(["i64"], ["i32", "i32"])],
  ["decoderune", sig(["i32", "i32", "i32"], ["i32", "i32"])],
  ["printbool", sig(["i32"])],
  ["printint", sig(["i64"])],
  ["printuint", sig(["i64"])],
  ["printstring", sig(["i32", "i32"])],
  ["printpointer", sig(["i32"])],
  ["printeface", sig(["i32", "i32"])],
  ["printiface", sig(["i32", "i32"])],
  ["printsp", sig([])],
  ["printnl", sig([])],
  ["printhex", sig(["i64"])],
  ["morestack", sig(["i32", "i32"], ["i32"])],
  // package testing (assembly/testing.ts); the receiver is the
  // *testing.T or *testing.B, whose common part comes first.
  ["testlog", sig(["i32", "i32", "i32"])],
  ["Helper", sig(["i32"])],
  ["Name", sig(["i32"], ["i32", "i32"])],
  ["Failed", sig(["i32"], ["i32"])],
  ["Skipped", sig(["i32"], ["i32"])],
  ["Fail", sig(["i32"])],
  ["FailNow", sig(["i32"])],
  ["SkipNow", sig(["i32"])],
  // Run(c, name ptr, name len, f funcval) -> passed
  ["Run", sig(["i32", "i32", "i32", "i32"], ["i32"])],
  ["StartTimer", sig(["i32"])],
  ["StopTimer", sig(["i32"])],
  ["ResetTimer", sig(["i32"])],
  ["ReportAllocs", sig(["i32"])],
]);

/**
 * Package testing's host imports of the runtime core (docs/abi.md section
 * 13) where no test driver runs: only a test program calls them, and only
 * under the driver, which supplies its own (host/loader.ts).
 */
export const NO_TEST_DRIVER = {
  testrun: noTestDriver as (c: number, nameptr: number, namelen: number, f: number) => number,
  testoutput: noTestDriver as (c: number, p: number, n: number) => void,
  testpanicked: noTestDriver as (c: number) => void,
};

function noTestDriver(): never {
  throw new Error("package testing was called without the test driver (deferlab test)");
}

/** The runtime's exports the test driver calls (host/testing/). */
export const RUNTIME_TESTINIT = "testinit";
export const RUNTIME_TRUNNER = "tRunner";

/** The runtime's `start() -> exitcode` export that runs main.init and main.main. */
export const RUNTIME_START = "start";

/** Itab form of a method: `(ctx, recv) -> (ptr, len)` for `Error() string`. */
export const ERROR_METHOD_TYPE: FuncType = sig(["i32", "i32"], ["i32", "i32"]);

/**
 * A fixed table slot. Methods are runtime exports the loader copies into
 * the slot; pseudo-functions hold nothing callable and exist so the PCs of
 * runtime frames map to a name and a frame size.
 */
export interface RuntimeFunc {
  slot: number;
  /** The name as Go prints it in tracebacks. */
  name: string;
  /** The Go source file Go's own runtime defines it in. */
  file: string;
  /** Export of the runtime core that fills the slot; absent for pseudo-functions. */
  export?: string;
  /** Ends a stack walk (runtime.main). */
  topframe?: boolean;
}

export const RUNTIME_FUNCS: readonly RuntimeFunc[] = [
  { slot: RTFN_BOUNDSERROR_ERROR, name: "runtime.boundsError.Error", file: "runtime/error.go", export: "boundsError_Error" },
  { slot: RTFN_ERRORSTRING_ERROR, name: "runtime.errorString.Error", file: "runtime/error.go", export: "errorString_Error" },
  { slot: RTFN_PLAINERROR_ERROR, name: "runtime.plainError.Error", file: "runtime/error.go", export: "plainError_Error" },
  {
    slot: RTFN_TYPEASSERTIONERROR_ERROR,
    name: "runtime.(*TypeAssertionError).Error",
    file: "runtime/error.go",
    export: "TypeAssertionError_Error",
  },
  { slot: RTFN_MAIN, name: "runtime.main", file: "runtime/proc.go", topframe: true },
  { slot: RTFN_GOPANIC, name: "runtime.gopanic", file: "runtime/panic.go" },
  { slot: RTFN_DEFERRETURN, name: "runtime.deferreturn", file: "runtime/panic.go" },
  { slot: RTFN_GOEXIT, name: "runtime.goexit", file: "runtime/asm_wasm.s" },
  { slot: RTFN_MORESTACK, name: "runtime.morestack", file: "runtime/asm_wasm.s" },
];
