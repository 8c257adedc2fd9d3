// The compiler driver, as Go's gc.Main: parse, type-check, analyse, build
// the IR, lower it for wasm (or an encode-only architecture), link. Every
// failure a user can cause comes back as `file:line:col: message` lines,
// never as an exception.

import { parseFile } from "./syntax/parser.js";
import type { File } from "./syntax/nodes.js";
import { formatDiagnostic, finishDiagnostics, type Diagnostic } from "./syntax/pos.js";
import { checkPackage } from "./types/check.js";
import { PkgGen, UnsupportedError, unsupportedDiagnostic } from "./ssagen/pkg.js";
import { UnsupportedTypeError } from "./abi/abi.js";
import { RTTYPES_SYM } from "./reflectdata/reflect.js";
import { wasmArch } from "../../arch/wasm/ssa.js";
import { MACHINE_ARCHS, unknownArch } from "../../arch/archs.js";
import type { RecoveryProtocol } from "../../arch/arch.js";
import { link, LinkError } from "../linker/link.js";
import { linkMachine, type MachineObject } from "../linker/machine.js";
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
  /**
   * GOARCH: `wasm` (the default) links a program module that runs; an
   * encode-only architecture (arch/archs.ts) gives an ELF object with its
   * listing in `object`.
   */
  arch?: string;
  /** How a recovering frame resumes (arch/arch.ts); defaults to deferreturn-pc. */
  recoveryProtocol?: RecoveryProtocol;
}

export interface CompileResult {
  ok: boolean;
  wasm?: Uint8Array;
  /** The ELF object and the listing, for an encode-only architecture. */
  object?: MachineObject;
  /** Compile errors, `file:line:col: message`. */
  errors: string[];
  /** -d= output lines. */
  debug: string[];
}

function failed(diags: Diagnostic[], debug: string[] = []): CompileResult {
  return { ok: false, errors: finishDiagnostics(diags).map(formatDiagnostic), debug };
}

export function compileGo(opts: CompileOptions): CompileResult {
  return compilePackage([{ filename: opts.filename, source: opts.source }], opts, false);
}

export interface SourceFile {
  filename: string;
  source: string;
}

export type CompileTestOptions = Omit<CompileOptions, "filename" | "source"> & { files: SourceFile[] };

/**
 * Compiles a package with its _test.go files, of any package name, into a
 * test program: instead of main.main, the image holds the test main's
 * table of tests and benchmarks for the test driver (host/testing/).
 */
export function compileTest(opts: CompileTestOptions): CompileResult {
  return compilePackage(opts.files, opts, true);
}

function compilePackage(sources: SourceFile[], opts: Omit<CompileOptions, "filename" | "source">, testMain: boolean): CompileResult {
  const files: File[] = [];
  for (const src of sources) {
    const parsed = parseFile(src.filename, src.source);
    if (parsed.errors.length > 0) return failed(parsed.errors);
    files.push(parsed.file);
  }
  const mismatch = files.find((f) => f.pkgName.value !== files[0]!.pkgName.value);
  if (mismatch) return failed([{ pos: mismatch.pkgName.pos, msg: `package ${mismatch.pkgName.value}; expected ${files[0]!.pkgName.value}` }]);
  const checked = checkPackage(files);
  if (checked.errors.length > 0) return failed(checked.errors);
  const pg = new PkgGen(checked.pkg, { noOptimize: opts.noOptimize ?? false, testMain });
  let gen;
  try {
    gen = pg.generate();
  } catch (e) {
    if (e instanceof UnsupportedError) return failed([unsupportedDiagnostic(e)]);
    if (e instanceof UnsupportedTypeError) return failed([{ pos: files[0]!.pos, msg: `${e.message} not supported` }]);
    throw e;
  }
  const debug = [
    ...(opts.debugDefer ? gen.debug : []),
    ...(opts.debugAbiWrap ? gen.abiWrappers.map((f) => `=-= ABI0 to ABIInternal wrapper for ${f}`) : []),
  ];
  const arch = opts.arch ?? "wasm";
  const lowerOpts = { recoveryProtocol: opts.recoveryProtocol };
  if (arch !== "wasm") {
    const machine = MACHINE_ARCHS.get(arch);
    if (!machine) return { ok: false, errors: [unknownArch(arch)], debug };
    const funcs = gen.funcs.map((f) => machine.lower(f, lowerOpts));
    return linked(debug, () => ({ object: linkMachine({ arch: machine, funcs, data: gen.data, file: sources[0]!.filename }) }));
  }
  const obj: ObjFile = {
    funcs: gen.funcs.map((f) => wasmArch.lower(f, lowerOpts)),
    data: gen.data,
    mainSym: gen.mainSym,
    initSym: gen.initSym,
    initTaskSym: gen.initTaskSym,
    testTabSym: gen.testTabSym,
    rtTypesSym: RTTYPES_SYM,
    stackSize: STACK_MIN,
  };
  return linked(debug, () => ({ wasm: link(obj).wasm }));
}

/** The result of a link, or its LinkError's messages. */
function linked(debug: string[], link: () => Pick<CompileResult, "wasm" | "object">): CompileResult {
  try {
    return { ok: true, ...link(), errors: [], debug };
  } catch (e) {
    if (e instanceof LinkError) return { ok: false, errors: [...e.messages], debug };
    throw e;
  }
}
