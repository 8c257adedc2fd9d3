// ssagen for a whole package: every function and function literal, the
// wrappers they need, package variables and their initialisation, and the
// runtime data (reflectdata) the program carries.

import * as ir from "../ssa/ir.js";
import type * as syn from "../syntax/nodes.js";
import type { Diagnostic } from "../syntax/pos.js";
import type { Func, FuncInfo, Package, Var } from "../types/objects.js";
import { anyType, Interface, completeInterface, underlying, type Type } from "../types/types.js";
import { RUNTIME_IMPORTS } from "../../runtime-imports.js";
import { testMain } from "../testing/testmain.js";
import { layout } from "../abi/abi.js";
import { escapeAnalysis, allFuncs, type EscapeResult } from "../escape/escape.js";
import { classifyDefers, deferDiagnostic, type DeferPlan } from "../walk/defer.js";
import { ReflectData, DataWriter } from "../reflectdata/reflect.js";
import type { DataSym } from "../../linker/obj.js";
import { FuncGen } from "./func.js";
import { buildFunc, buildInit } from "./ssa.js";
import { WrapperGen } from "./wrappers.js";

export interface GenOptions {
  /** -N: optimisation off (no open-coded defers). */
  noOptimize: boolean;
  /** Generate the test main: the table of the package's tests and benchmarks. */
  testMain?: boolean;
}

export class UnsupportedError extends Error {
  constructor(
    readonly pos: syn.Pos,
    msg: string,
  ) {
    super(msg);
  }
}

/**
 * What a runtime entry point can do to its caller's frame (see ir.CallEffect):
 * entries that run Go code or panic unwind; deferproc and deferprocStack
 * read the caller's PC; the rest are leaves.
 */
const RUNTIME_EFFECTS: Record<string, ir.CallEffect> = {
  deferproc: "needsPC",
  deferprocStack: "needsPC",
  deferreturn: "unwinds",
  gopanic: "unwinds",
  gorecover: "leaf",
  panicIndex: "unwinds",
  panicdivide: "unwinds",
  panicshift: "unwinds",
  panicmem: "unwinds",
  panicdottypeE: "unwinds",
  panicdottypeI: "unwinds",
  panicnildottype: "unwinds",
  assertE2I: "unwinds",
  efaceeq: "unwinds",
  testlog: "unwinds",
  Helper: "needsPC",
  FailNow: "unwinds",
  SkipNow: "unwinds",
  Run: "unwinds",
};

export interface GeneratedPackage {
  funcs: ir.Func[];
  data: DataSym[];
  /** main.main; absent in a test program, which the test driver runs. */
  mainSym?: string;
  initSym?: string;
  initTaskSym?: string;
  testTabSym?: string;
  /** -d=defer and -d=abiwrap lines. */
  debug: string[];
  /** The ABI0 wrappers generated, by wrapped symbol. */
  abiWrappers: string[];
}


export class PkgGen {
  readonly esc: EscapeResult;
  readonly reflect: ReflectData;
  readonly wrappers: WrapperGen;
  readonly funcs: ir.Func[] = [];
  readonly debugDefer: string[] = [];
  readonly anyType: Type = anyType;
  private zerobaseSym: string | null = null;
  private readonly globals = new Map<Var, string>();
  private readonly plans = new Map<FuncInfo, DeferPlan>();

  constructor(
    readonly pkg: Package,
    readonly opts: GenOptions,
  ) {
    this.esc = escapeAnalysis(pkg);
    this.wrappers = new WrapperGen(this);
    this.reflect = new ReflectData(
      (recv, m) => this.wrappers.itabForm(recv, m),
      (t) => this.wrappers.equalFunc(t),
    );
  }

  plan(fn: FuncInfo): DeferPlan {
    let p = this.plans.get(fn);
    if (!p) {
      p = classifyDefers(fn, this.esc, this.opts.noOptimize);
      this.plans.set(fn, p);
    }
    return p;
  }

  /** Emits a call to a runtime entry point with its effect and signature from the shared tables. */
  runtimeCall(g: FuncGen, name: string, args: ir.Value[], line: number): ir.Value[] {
    const sig = RUNTIME_IMPORTS.get(name);
    if (!sig) throw new Error(`internal error: unknown runtime function ${name}`);
    return g.b.call({ kind: "runtime", name }, args, sig.results as ir.MType[], RUNTIME_EFFECTS[name] ?? "leaf", line);
  }

  globalSym(v: Var): string {
    let s = this.globals.get(v);
    if (!s) {
      s = `${this.pkg.name}.${v.name}`;
      this.globals.set(v, s);
    }
    return s;
  }

  /** The symbol of a declared function or method (its ABIInternal entry). */
  funcSym(f: Func): string {
    return f.fullName;
  }

  /** Type descriptor or itab for converting a value of type t to interface type iface. */
  ifaceTab(t: Type, iface: Type): string {
    return isEmptyInterface(iface) ? this.reflect.typeSym(t) : this.reflect.itabSym(t, iface);
  }

  /** The shared address of zero-size values boxed in interfaces. */
  zerobase(): string {
    if (!this.zerobaseSym) {
      this.zerobaseSym = "runtime.zerobase";
      this.reflect.add(new DataWriter().u64(0n).sym(this.zerobaseSym, 8));
    }
    return this.zerobaseSym;
  }

  /** Go's inittask: the init functions the runtime calls after main.init. */
  private initTask(): string | undefined {
    const fns = this.pkg.initFuncs;
    if (fns.length === 0) return undefined;
    const sym = `${this.pkg.name}..inittask`;
    const w = new DataWriter().u32(fns.length);
    for (const f of fns) w.reloc("tableindex", f.name);
    this.reflect.add(w.sym(sym, 4));
    return sym;
  }

  generate(): GeneratedPackage {
    this.collectDeferDiagnostics();
    for (const f of allFuncs(this.pkg)) this.funcs.push(buildFunc(this, f));
    const init = buildInit(this);
    if (init) this.funcs.push(init);
    const initTaskSym = this.initTask();
    const testTabSym = this.opts.testMain ? testMain(this.pkg, this.reflect) : undefined;
    const data = [...this.globalData(), ...this.reflect.finish()];
    this.funcs.push(...this.wrappers.finish(this.funcs, data));
    return {
      funcs: this.funcs,
      data,
      mainSym: this.opts.testMain ? undefined : "main.main",
      initSym: init?.name,
      initTaskSym,
      testTabSym,
      debug: this.debugDefer,
      abiWrappers: this.wrappers.abi0Wrapped,
    };
  }

  private collectDeferDiagnostics(): void {
    const lines: { pos: syn.Pos; text: string }[] = [];
    for (const f of allFuncs(this.pkg)) {
      const plan = this.plan(f);
      for (const d of f.defers) lines.push({ pos: d.pos, text: deferDiagnostic(d, plan.kinds.get(d)!) });
    }
    lines.sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col);
    this.debugDefer.push(...lines.map((l) => l.text));
  }

  private globalData(): DataSym[] {
    return this.pkg.vars.map((v) => {
      const l = layout(v.type);
      return new DataWriter().sym(this.globalSym(v), l.align, Math.max(l.size, 1));
    });
  }
}


export function isEmptyInterface(t: Type): boolean {
  const u = underlying(t);
  return u instanceof Interface && completeInterface(u).allMethods.length === 0;
}

export function unsupportedDiagnostic(e: UnsupportedError): Diagnostic {
  return { pos: e.pos, msg: e.message };
}
