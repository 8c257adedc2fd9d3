// A bench for the runtime core: build/runtime.wasm's sources compiled once
// per test file, instantiated on a fresh memory and table, with program
// images and program functions written by hand (functions in WebAssembly
// text, assembled with binaryen).

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import binaryen from "binaryen";
import { main as asc } from "assemblyscript/asc";
import * as L from "../../assembly/layout.js";
import { NO_TEST_DRIVER } from "../../host/runtime-imports.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

let runtimeBinary: Promise<Uint8Array> | undefined;

/**
 * Compiles the core as `npm run build:runtime` does, in memory, adding the
 * multi-value build step when asconfig.json does not list it yet.
 */
export function compileRuntime(): Promise<Uint8Array> {
  runtimeBinary ??= (async () => {
    const config = JSON.parse(readFileSync(`${root}/asconfig.json`, "utf8"));
    const args = ["--config", "asconfig.json", "--target", "release", "--outFile", "runtime.wasm"];
    if (!config.options?.transform) args.push("--transform", "./assembly/transform/multivalue.js");
    let binary: Uint8Array | undefined;
    let errors = "";
    const { error } = await asc(args, {
      baseDir: root,
      writeFile(name: string, contents: Uint8Array | string) {
        if (name.endsWith(".wasm")) binary = contents as Uint8Array;
      },
      stderr: { write: (s: string | Uint8Array) => { errors += String(s); } } as never,
    } as never);
    if (error || !binary) throw new Error(`runtime build failed: ${error?.message}\n${errors}`);
    return binary;
  })();
  return runtimeBinary;
}

export class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export const TABLE_SIZE = 64;

/** Program functions get table indexes from here up. */
export const FIRST_FUNC = L.FIRST_PROGRAM_FUNC;

export interface FuncInfo {
  name: string;
  frameSize?: number;
  argsSize?: number;
  deferreturn?: number;
  abi0?: number;
  flags?: number;
  opendefer?: number;
  /** Line of each call site k (index k). */
  lines?: number[];
}

export type RuntimeExports = Record<string, (...args: never[]) => unknown>;

/** One run: a memory, a table, the core, and a program image at IMAGE. */
export class Machine {
  readonly memory = new WebAssembly.Memory({ initial: 40 });
  readonly table = new WebAssembly.Table({ initial: TABLE_SIZE, element: "anyfunc" });
  rt!: RuntimeExports;
  stderr = "";
  log: number[][] = [];
  /** Called for each test.log(a, b) from program code, while it runs. */
  onlog?: (a: number, b: number) => void;
  private cursor = L.IMAGE + L.MD_SIZE;
  readonly functab: number;
  readonly rtTypes: number;
  private readonly filetab: number;

  constructor(readonly stackSize = 0x10000) {
    this.functab = this.alloc(TABLE_SIZE * L.FUNC_SIZE, 8);
    this.rtTypes = this.alloc(L.RT_SIZE, 8);
    this.filetab = this.alloc(8, 8);
    const file = this.str("/tmp/x.go");
    this.u32(this.filetab, file.ptr);
    this.u32(this.filetab + 4, file.len);
    const md = L.IMAGE;
    this.u32(md + L.MD_MAGIC, L.IMAGE_MAGIC);
    this.u32(md + L.MD_VERSION, L.IMAGE_VERSION);
    this.u32(md + L.MD_NFUNCTAB, TABLE_SIZE);
    this.u32(md + L.MD_FUNCTAB, this.functab);
    this.u32(md + L.MD_RTTYPES, this.rtTypes);
    this.u32(md + L.MD_STACKSIZE, stackSize);
    this.u32(md + L.MD_FILETAB, this.filetab);
    const runtimeFuncs: [number, string, number][] = [
      [L.RTFN_MAIN, "runtime.main", L.FUNCFLAG_RUNTIME | L.FUNCFLAG_TOPFRAME],
      [L.RTFN_GOPANIC, "runtime.gopanic", L.FUNCFLAG_RUNTIME],
      [L.RTFN_DEFERRETURN, "runtime.deferreturn", L.FUNCFLAG_RUNTIME],
    ];
    for (const [i, name, flags] of runtimeFuncs) this.func(i, { name, frameSize: L.RUNTIME_FRAME_SIZE, flags });
  }

  // ---- memory ----

  get view(): DataView {
    return new DataView(this.memory.buffer);
  }

  u8(addr: number, v?: number): number {
    if (v !== undefined) this.view.setUint8(addr, v);
    return this.view.getUint8(addr);
  }

  u32(addr: number, v?: number): number {
    if (v !== undefined) this.view.setUint32(addr, v >>> 0, true);
    return this.view.getUint32(addr, true);
  }

  i64(addr: number, v?: bigint): bigint {
    if (v !== undefined) this.view.setBigInt64(addr, v, true);
    return this.view.getBigInt64(addr, true);
  }

  bytes(addr: number, n: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, addr, n).slice();
  }

  string(ptr: number, len: number): string {
    return Buffer.from(this.bytes(ptr, len)).toString("utf8");
  }

  // ---- the image ----

  alloc(size: number, align = 8): number {
    const p = (this.cursor + align - 1) & -align;
    this.cursor = p + size;
    const need = Math.ceil(this.cursor / L.PAGE_SIZE) - this.memory.buffer.byteLength / L.PAGE_SIZE;
    if (need > 0) this.memory.grow(need);
    return p;
  }

  data(bytes: ArrayLike<number>, align = 1): number {
    const p = this.alloc(bytes.length, align);
    new Uint8Array(this.memory.buffer).set(bytes, p);
    return p;
  }

  str(s: string): { ptr: number; len: number } {
    const b = Buffer.from(s, "utf8");
    return { ptr: this.data(b), len: b.length };
  }

  /** A boxed Go string {ptr, len}. */
  boxString(s: string): number {
    const { ptr, len } = this.str(s);
    const box = this.alloc(8, 4);
    this.u32(box, ptr);
    this.u32(box + 4, len);
    return box;
  }

  /** A static funcval {fn} for table index fn. */
  funcval(fn: number): number {
    const p = this.alloc(4, 4);
    this.u32(p, fn);
    return p;
  }

  func(index: number, f: FuncInfo): number {
    const e = this.functab + index * L.FUNC_SIZE;
    const name = this.str(f.name);
    this.u32(e + L.FUNC_NAMEPTR, name.ptr);
    this.u32(e + L.FUNC_NAMELEN, name.len);
    this.u32(e + L.FUNC_FILE, 0);
    this.u32(e + L.FUNC_LINE, f.lines?.[0] ?? 0);
    this.u32(e + L.FUNC_FRAMESIZE, f.frameSize ?? 0);
    this.u32(e + L.FUNC_ARGSSIZE, f.argsSize ?? 0);
    this.u32(e + L.FUNC_DEFERRETURN, f.deferreturn ?? 0);
    this.u32(e + L.FUNC_ABI0, f.abi0 ?? 0);
    this.u32(e + L.FUNC_FLAGS, f.flags ?? 0);
    this.u32(e + L.FUNC_OPENDEFER, f.opendefer ?? 0);
    if (f.lines) {
      const pcline = this.alloc(f.lines.length * 4, 4);
      f.lines.forEach((line, k) => this.u32(pcline + 4 * k, line));
      this.u32(e + L.FUNC_PCLINE, pcline);
    }
    return e;
  }

  /** A type descriptor; methods are [nameid, table index] pairs. */
  type(t: { name: string; kind: number; size?: number; methods?: [number, number][]; equal?: number }): number {
    const p = this.alloc(L.TYPE_HEADER_SIZE, 8);
    const name = this.str(t.name);
    this.u32(p + L.TYPE_SIZE, t.size ?? 8);
    this.u8(p + L.TYPE_KIND, t.kind);
    this.u32(p + L.TYPE_STRPTR, name.ptr);
    this.u32(p + L.TYPE_STRLEN, name.len);
    this.u32(p + L.TYPE_EQUAL, t.equal ?? 0);
    const methods = [...(t.methods ?? [])].sort((a, b) => a[0] - b[0]);
    if (methods.length > 0) {
      const m = this.alloc(methods.length * L.METHOD_SIZE, 4);
      methods.forEach(([id, fn], i) => {
        this.u32(m + i * 8, id);
        this.u32(m + i * 8 + 4, fn);
      });
      this.u32(p + L.TYPE_NMETHODS, methods.length);
      this.u32(p + L.TYPE_METHODS, m);
    }
    return p;
  }

  /** An interface type with the given method nameids. */
  itype(name: string, nameids: number[]): number {
    const p = this.alloc(L.ITYPE_SIZE, 8);
    const s = this.str(name);
    this.u8(p + L.TYPE_KIND, L.KIND_INTERFACE);
    this.u32(p + L.TYPE_STRPTR, s.ptr);
    this.u32(p + L.TYPE_STRLEN, s.len);
    const ids = [...nameids].sort((a, b) => a - b);
    const arr = this.alloc(ids.length * 4, 4);
    ids.forEach((id, i) => this.u32(arr + 4 * i, id));
    this.u32(p + L.ITYPE_NIMETHODS, ids.length);
    this.u32(p + L.ITYPE_IMETHODS, arr);
    return p;
  }

  /** Method names by nameid, for the runtime type block. */
  methodNames(names: string[]): void {
    const tab = this.alloc(names.length * 8, 4);
    names.forEach((n, i) => {
      const s = this.str(n);
      this.u32(tab + 8 * i, s.ptr);
      this.u32(tab + 8 * i + 4, s.len);
    });
    this.rtword(L.RT_METHODNAMES, tab);
  }

  rtword(off: number, v: number): void {
    this.u32(this.rtTypes + off, v);
  }

  // ---- code ----

  /** Assembles a program module and puts its exports at their table indexes. */
  program(wat: string, slots: Record<string, number>): WebAssembly.Instance {
    const mod = binaryen.parseText(wat);
    mod.setFeatures(binaryen.Features.All);
    if (!mod.validate()) throw new Error("invalid test program");
    const bin = mod.emitBinary();
    mod.dispose();
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bin as Uint8Array<ArrayBuffer>), {
      env: { memory: this.memory, table: this.table },
      runtime: this.rt as never,
      test: {
        log: (a: number, b: number) => {
          this.log.push([a, b]);
          this.onlog?.(a, b);
        },
      },
    });
    for (const [name, index] of Object.entries(slots)) {
      this.table.set(index, inst.exports[name] as never);
    }
    return inst;
  }

  async instantiate(): Promise<void> {
    const module = await WebAssembly.compile((await compileRuntime()) as Uint8Array<ArrayBuffer>);
    const instance = await WebAssembly.instantiate(module, {
      env: { memory: this.memory, table: this.table },
      host: {
        write: (fd: number, p: number, n: number) => {
          if (fd === 2) this.stderr += Buffer.from(this.bytes(p, n)).toString("latin1");
        },
        exit: (code: number) => {
          throw new ExitError(code);
        },
        nanotime: () => BigInt(Math.round(performance.now() * 1e6)),
        ...NO_TEST_DRIVER,
      },
    });
    this.rt = instance.exports as RuntimeExports;
    const methods: [number, string][] = [
      [L.RTFN_BOUNDSERROR_ERROR, "boundsError_Error"],
      [L.RTFN_ERRORSTRING_ERROR, "errorString_Error"],
      [L.RTFN_PLAINERROR_ERROR, "plainError_Error"],
      [L.RTFN_TYPEASSERTIONERROR_ERROR, "TypeAssertionError_Error"],
    ];
    for (const [slot, name] of methods) this.table.set(slot, instance.exports[name] as never);
  }

  /** Seals the image: the heap starts after everything written so far. */
  seal(): void {
    this.u32(L.IMAGE + L.MD_HEAPSTART, (this.cursor + 15) & -16);
  }

  /** Runs start(); returns its result, or the code passed to host.exit. */
  run(): number {
    this.seal();
    try {
      return (this.rt.start as () => number)();
    } catch (e) {
      if (e instanceof ExitError) return e.code;
      throw e;
    }
  }

  /** Calls an export; returns the exit code if it ends the run. */
  call<T>(f: () => T): T | ExitError {
    try {
      return f();
    } catch (e) {
      if (e instanceof ExitError) return e;
      throw e;
    }
  }

  g(off: number, v?: number): number {
    return this.u32(off, v);
  }
}

/** The standard imports of the runtime a test program uses. */
export const RUNTIME_IMPORTS_WAT = `
  (import "env" "memory" (memory 1))
  (import "env" "table" (table ${TABLE_SIZE} funcref))
  (import "runtime" "gopanic" (func $gopanic (param i32 i32)))
  (import "runtime" "gorecover" (func $gorecover (param i32) (result i32 i32)))
  (import "runtime" "deferreturn" (func $deferreturn))
  (import "runtime" "deferprocStack" (func $deferprocStack (param i32)))
  (import "runtime" "deferproc" (func $deferproc (param i32 i32) (result i32)))
  (import "runtime" "panicmem" (func $panicmem))
  (import "runtime" "panicIndex" (func $panicIndex (param i64 i64)))
  (import "runtime" "morestack" (func $morestack (param i32 i32) (result i32)))
  (import "test" "log" (func $log (param i32 i32)))
`;

/**
 * The prologue of a function with an N-byte frame (docs/abi.md section 7)
 * and the epilogue that pops it; the function keeps its sp in $sp.
 */
export function prologue(n: number): string {
  return `
    (local.set $sp (i32.sub (i32.load (i32.const ${L.G_SP})) (i32.const ${n})))
    (if (i32.lt_u (local.get $sp) (i32.load (i32.const ${L.G_STACKGUARD})))
      (then
        (local.set 0 (call $morestack (i32.const ${n}) (local.get 0)))
        (local.set $sp (i32.sub (i32.load (i32.const ${L.G_SP})) (i32.const ${n})))))
    (i32.store (i32.const ${L.G_SP}) (local.get $sp))`;
}

export function epilogue(n: number): string {
  return `(i32.store (i32.const ${L.G_SP}) (i32.add (local.get $sp) (i32.const ${n})))`;
}

/**
 * A call at call site k of function index fn: saves the PC, calls, reloads
 * sp, and on unwinding either branches to $dr (this frame is the target)
 * or leaves through $ret.
 */
export function callsite(fn: number, k: number, call: string): string {
  return `
    (i32.store (local.get $sp) (i32.const ${(fn << L.PC_SHIFT) | k}))
    ${call}
    (local.set $sp (i32.load (i32.const ${L.G_SP})))
    (if (i32.load (i32.const ${L.G_UNWINDING}))
      (then
        (if (i32.eq (local.get $sp) (i32.load (i32.const ${L.G_UNWINDSP})))
          (then (i32.store (i32.const ${L.G_UNWINDING}) (i32.const 0)) (br $dr)))
        (br $ret)))`;
}

/**
 * A Go function of table index fn with an N-byte frame: body runs in
 * block $dr; falling out of it or branching to $dr runs the deferreturn
 * call at site drk, which repeats while a recovery targets this frame.
 */
export function gofunc(name: string, fn: number, n: number, body: string, drk = 0): string {
  const dr = drk === 0 ? "" : `
      (loop $again
        ${callsite(fn, drk, "(call $deferreturn)").replace("(br $dr)", "(br $again)")})`;
  return `
  (func $${name} (export "${name}") (param $ctx i32) (local $sp i32) (local $t i32) (local $d i32)
    ${prologue(n)}
    (block $ret
      (block $dr
        ${body})
      ${dr})
    ${epilogue(n)})`;
}
