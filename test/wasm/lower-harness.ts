// Test support for the wasm lowering: a hand-written IR builder, a minimal
// "linker" that puts FuncSyms into one module (imports for runtime.* and
// test.*, every function in the table from FIRST_PROGRAM_FUNC), and a mock
// runtime whose entry points are JS functions over a memory with a g block.

import { FIRST_PROGRAM_FUNC, G_SP, G_STACKGUARD, G_UNWINDING, G_UNWINDSP, PC_SHIFT, STACK_GUARD } from "../../assembly/layout.js";
import { encodeInstrs, ByteWriter, type Resolver } from "../../arch/wasm/asm.js";
import { newModule, writeModule } from "../../arch/wasm/module.js";
import type * as ir from "../../host/compiler/ssa/ir.js";
import { symName, type CodeReloc, type FuncSym, type FuncType } from "../../host/linker/obj.js";
import { RUNTIME_IMPORTS } from "../../host/runtime-imports.js";

// ---------------------------------------------------------------- IR builder

type Kind = ir.BlockKind;

/** Builds an ir.Func by hand: values, blocks and instructions. */
export class IRFunc {
  private nextId = 0;
  readonly params: ir.Value[];
  readonly blocks: ir.Block[] = [];
  readonly frameSlots: ir.FrameSlot[] = [];
  deferreturn?: ir.Block;

  constructor(
    readonly name: string,
    params: ir.MType[],
    readonly results: ir.MType[] = [],
    public frameSize = 0,
  ) {
    // ctx first, as every ABIInternal function has it.
    this.params = [this.value("i32"), ...params.map((t) => this.value(t))];
  }

  value(type: ir.MType): ir.Value {
    return { id: this.nextId++, type };
  }

  block(kind: Kind, instrs: ir.Instr[] = [], line = 10): ir.Block {
    const b: ir.Block = { id: this.blocks.length, kind, instrs, succs: [], line };
    this.blocks.push(b);
    return b;
  }

  finish(extra: Partial<ir.Func> = {}): ir.Func {
    return {
      name: this.name,
      abi: "ABIInternal",
      wrapper: false,
      file: "main.go",
      line: 1,
      endLine: 99,
      params: this.params,
      results: this.results,
      blocks: this.blocks,
      entry: this.blocks[0],
      deferreturn: this.deferreturn,
      frameSlots: this.frameSlots,
      frameSize: this.frameSize,
      argsSize: 0,
      nextValueId: this.nextId,
      ...extra,
    };
  }
}

export function link(from: ir.Block, kind: Kind, succs: ir.Block[], control?: ir.Value): void {
  from.kind = kind;
  from.succs = succs;
  if (control !== undefined) from.control = control;
}

export const c = (dst: ir.Value, value: bigint | number): ir.Instr => ({ op: "const", dst, value: BigInt(value) });

export const bin = (kind: ir.BinOp, dst: ir.Value, a: ir.Value, b: ir.Value): ir.Instr => ({
  op: "binop",
  kind,
  dst,
  a,
  b,
});

export function call(
  target: ir.CallTarget,
  args: ir.Value[],
  results: ir.Value[] = [],
  effect: ir.CallEffect = "unwinds",
  line = 20,
): ir.Instr {
  return { op: "call", target, args, results, effect, line };
}

// ---------------------------------------------------------------- linking

export const STACK_HI = 0x30000;
export const STACK_LO = 0x20000;
const MEMORY_PAGES = 4;

export type HostFn = (...args: (number | bigint)[]) => number | bigint | void | (number | bigint)[];

/** A test import `test.NAME` with its wasm type, called as `call test.NAME`. */
export interface TestImport {
  type: FuncType;
  fn: HostFn;
}

export interface Program {
  memory: WebAssembly.Memory;
  view: DataView;
  /** Exported functions by symbol name. */
  fns: Record<string, (...args: (number | bigint)[]) => unknown>;
  tableIndex(sym: string): number;
  /** The PC of call site k of function sym. */
  pc(sym: string, k: number): number;
  g(field: number): number;
  setG(field: number, v: number): void;
  /** Calls of runtime.* imports, with [g.sp+0] at the time of the call. */
  log: { name: string; args: (number | bigint)[]; savedPC: number; sp: number }[];
}

export interface LinkOptions {
  /** Behaviour of runtime.NAME beyond logging; default returns zeros. */
  runtime?: Record<string, (p: Program, ...args: (number | bigint)[]) => unknown>;
  test?: Record<string, TestImport>;
  /** Addresses of data symbols for `addr` relocations. */
  data?: Record<string, number>;
}

/** Puts the functions in one module with their imports, instantiates it and resets g. */
export function linkAndRun(funcs: FuncSym[], opts: LinkOptions = {}): Program {
  const m = newModule();
  const memory = new WebAssembly.Memory({ initial: MEMORY_PAGES });
  m.imports.push({ kind: "memory", module: "env", name: "memory", min: MEMORY_PAGES });

  const importIndex = new Map<string, number>();
  const importFn = new Map<string, HostFn>();
  const program = {} as Program;
  for (const sym of calledImports(funcs)) {
    const [module, name] = splitImport(sym);
    const type = module === "runtime" ? RUNTIME_IMPORTS.get(name) : opts.test?.[name]?.type;
    if (type === undefined) throw new Error(`no signature for ${sym}`);
    importIndex.set(sym, importIndex.size);
    m.imports.push({ kind: "func", module, name, type });
    importFn.set(sym, module === "runtime" ? runtimeMock(program, name, opts) : opts.test![name].fn);
  }

  const tableIndex = (sym: string) => {
    const i = funcs.findIndex((f) => symName(f) === sym);
    if (i < 0) throw new Error(`unknown function ${sym}`);
    return FIRST_PROGRAM_FUNC + i;
  };
  const resolver: Resolver = {
    funcIndex: (sym) => importIndex.get(sym) ?? importIndex.size + tableIndex(sym) - FIRST_PROGRAM_FUNC,
    typeIndex: (t) => m.types.index(t),
    reloc: (r: CodeReloc) => relocValue(r, tableIndex, opts.data ?? {}),
  };
  for (const f of funcs) {
    const w = new ByteWriter();
    encodeInstrs(w, f.code, resolver);
    m.funcs.push({ name: f.name, type: f.type, locals: f.locals, body: w.finish() });
    m.exports.push({ name: symName(f), kind: "func", index: resolver.funcIndex(symName(f)) });
  }
  m.table = { min: FIRST_PROGRAM_FUNC + funcs.length };
  m.elems.push({ offset: FIRST_PROGRAM_FUNC, funcs: funcs.map((f) => resolver.funcIndex(symName(f))) });

  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = { env: { memory }, runtime: {}, test: {} };
  for (const [sym, fn] of importFn) {
    const [module, name] = splitImport(sym);
    imports[module][name] = fn as WebAssembly.ImportValue;
  }
  const instance = new WebAssembly.Instance(new WebAssembly.Module(writeModule(m)), imports);
  const view = new DataView(memory.buffer);
  Object.assign(program, {
    memory,
    view,
    fns: instance.exports as Program["fns"],
    tableIndex,
    pc: (sym: string, k: number) => (tableIndex(sym) << PC_SHIFT) | k,
    g: (field: number) => view.getUint32(field, true),
    setG: (field: number, v: number) => view.setUint32(field, v, true),
    log: [],
  });
  program.setG(G_SP, STACK_HI);
  program.setG(G_STACKGUARD, STACK_LO + STACK_GUARD);
  return program;
}

function calledImports(funcs: FuncSym[]): string[] {
  const syms = new Set<string>();
  for (const f of funcs) {
    for (const ins of f.code) {
      if (ins.op === "call" && ins.sym !== undefined && /^(runtime|test)\./.test(ins.sym)) syms.add(ins.sym);
    }
  }
  return [...syms].sort();
}

function splitImport(sym: string): ["runtime" | "test", string] {
  const dot = sym.indexOf(".");
  return [sym.slice(0, dot) as "runtime" | "test", sym.slice(dot + 1)];
}

function relocValue(r: CodeReloc, tableIndex: (sym: string) => number, data: Record<string, number>): number {
  switch (r.kind) {
    case "pc":
      return (tableIndex(r.sym) << PC_SHIFT) | r.add;
    case "tableindex":
      return tableIndex(r.sym) + r.add;
    case "addr": {
      const a = data[r.sym];
      if (a === undefined) throw new Error(`no address for ${r.sym}`);
      return a + r.add;
    }
    case "deferreturn":
      throw new Error("deferreturn relocations are not used by the lowering");
  }
}

function runtimeMock(p: Program, name: string, opts: LinkOptions): HostFn {
  const behaviour = opts.runtime?.[name];
  const results = RUNTIME_IMPORTS.get(name)!.results;
  return (...args) => {
    const sp = p.g(G_SP);
    p.log.push({ name, args, savedPC: p.view.getUint32(sp, true), sp });
    const r = behaviour?.(p, ...args);
    if (r !== undefined) return r as number;
    if (results.length === 0) return undefined;
    const zeros = results.map((t) => (t === "i64" ? 0n : 0));
    return zeros.length === 1 ? zeros[0] : zeros;
  };
}

/** What recovery does (docs/abi.md section 11): unwind to the frame whose sp is `targetSp`. */
export function startUnwinding(p: Program, targetSp: number): void {
  p.setG(G_UNWINDING, 1);
  p.setG(G_UNWINDSP, targetSp);
}
