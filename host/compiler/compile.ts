// The compiler driver, as Go's gc.Main: parse, type-check, analyse, build
// the IR, lower it for wasm, link. Every failure a user can cause comes back
// as `file:line:col: message` lines, never as an exception.

import { parseFile } from "./syntax/parser.js";
import { formatDiagnostic, finishDiagnostics, type Diagnostic } from "./syntax/pos.js";
import { checkPackage } from "./types/check.js";
import { PkgGen, UnsupportedError, unsupportedDiagnostic } from "./ssagen/pkg.js";
import { UnsupportedTypeError } from "./abi/abi.js";
import { RTTYPES_SYM } from "./reflectdata/reflect.js";
import { wasmArch } from "../../arch/wasm/ssa.js";
import { link, LinkError } from "../linker/link.js";
import { STACK_MIN } from "../../assembly/layout.js";
import type { ObjFile } from "../linker/obj.js";

export interface CompileOptions {
  filename: string;
  source: string;
  /** -N: disable optimisations (open-coded defers among them). */
  noOptimize?: boolean;
  /** -d=defer: report the kind of each defer statement. */
  debugDefer?: boolean;
  /** -d=abiwrap: report the ABI wrappers generated. */
  debugAbiWrap?: boolean;
}

export interface CompileResult {
  ok: boolean;
  wasm?: Uint8Array;
  /** Compile errors, `file:line:col: message`. */
  errors: string[];
  /** -d= output lines. */
  debug: string[];
}

function failed(diags: Diagnostic[], debug: string[] = []): CompileResult {
  return { ok: false, errors: finishDiagnostics(diags).map(formatDiagnostic), debug };
}

export function compileGo(opts: CompileOptions): CompileResult {
  const parsed = parseFile(opts.filename, opts.source);
  if (parsed.errors.length > 0) return failed(parsed.errors);
  const checked = checkPackage([parsed.file]);
  if (checked.errors.length > 0) return failed(checked.errors);
  const pg = new PkgGen(checked.pkg, { noOptimize: opts.noOptimize ?? false });
  let gen;
  try {
    gen = pg.generate();
  } catch (e) {
    if (e instanceof UnsupportedError) return failed([unsupportedDiagnostic(e)]);
    if (e instanceof UnsupportedTypeError) return failed([{ pos: parsed.file.pos, msg: `${e.message} not supported` }]);
    throw e;
  }
  const debug = [
    ...(opts.debugDefer ? gen.debug : []),
    ...(opts.debugAbiWrap ? gen.abiWrappers.map((f) => `=-= ABI0 to ABIInternal wrapper for ${f}`) : []),
  ];
  const obj: ObjFile = {
    funcs: gen.funcs.map((f) => wasmArch.lower(f)),
    data: gen.data,
    mainSym: gen.mainSym,
    initSym: gen.initSym,
    initTaskSym: gen.initTaskSym,
    rtTypesSym: RTTYPES_SYM,
    stackSize: STACK_MIN,
  };
  try {
    return { ok: true, wasm: link(obj).wasm, errors: [], debug };
  } catch (e) {
    if (e instanceof LinkError) return { ok: false, errors: [...e.messages], debug };
    throw e;
  }
}
