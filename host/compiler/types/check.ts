// The type checker: resolves names, computes types and constant values,
// records them on the syntax tree and reports Go's compile errors. Shaped
// like Go's types2: package-level objects are resolved lazily (objDecl),
// function bodies afterwards, in source order.

import type * as N from "../syntax/nodes.js";
import { exprString, unparen } from "../syntax/parser.js";
import { finishDiagnostics, formatPos, type Diagnostic, type Pos } from "../syntax/pos.js";
import { DivisionByZero, binaryOpValue, byteLength, literalValue, representableValue, unaryOpValue, utf8ByteString } from "./constant.js";
import { implementsReason, inMethodSet, lookupFieldOrMethod, missingMethod } from "./lookup.js";
import {
  Builtin,
  Const,
  Func,
  FuncInfo,
  Label,
  Nil,
  PkgName,
  SUPPORTED_BUILTINS,
  Scope,
  TypeName,
  Var,
  type CallInfo,
  type Initializer,
  type LangObject,
  type Package,
  type Selection,
  type VarKind,
} from "./objects.js";
import { haveTypeString, invalidOperand, operandString, type Operand } from "./operand.js";
import { errorTypeString } from "./typestring.js";
import {
  Array,
  Basic,
  BasicKind,
  Interface,
  Named,
  Pointer,
  Signature,
  Struct,
  Tuple,
  Typ,
  comparable,
  completeInterface,
  defaultType,
  hasNil,
  identical,
  isBoolean,
  isConstType,
  isInteger,
  isInterface,
  isInvalid,
  isNumeric,
  isOrdered,
  isString,
  isUnsigned,
  isUntyped,
  byteType,
  runeType,
  underlying,
  type ConstValue,
  type Type,
} from "./types.js";
import { UNSUPPORTED_TYPES, newUniverse } from "./universe.js";
import {
  TESTING_PATH, isTestingType, isTestingValueType, testingPackage, unsupportedTestingMember, unsupportedTestingMethod,
} from "../testing/testing.js";

export interface CheckOptions {
  /** Package path used in symbol names; defaults to the package name (`main`). */
  pkgPath?: string;
}

export interface CheckResult {
  /** The checked package (partial when there are errors). */
  pkg: Package;
  /** Errors sorted by position, at most 10 plus Go's "too many errors". */
  errors: Diagnostic[];
}

/** Type-checks the files of one package. */
export function checkPackage(files: N.File[], opts: CheckOptions = {}): CheckResult {
  const c = new Checker(files, opts);
  c.checkFiles();
  return { pkg: c.pkg, errors: finishDiagnostics(c.errors) };
}

const invalidType = Typ[BasicKind.Invalid];
const intType = Typ[BasicKind.Int];
const boolType = Typ[BasicKind.Bool];
const stringType = Typ[BasicKind.String];
const untypedBool = Typ[BasicKind.UntypedBool];
const untypedInt = Typ[BasicKind.UntypedInt];
const untypedNil = Typ[BasicKind.UntypedNil];

/** Lazily resolved package-level declaration. */
interface DeclInfo {
  file: N.File;
  /** Declared objects resolved together (several vars for `var a, b = f()`). */
  lhs: (Const | Var | TypeName | Func)[];
  /** The spec or declaration. */
  node: N.ConstDecl | N.VarDecl | N.TypeDecl | N.FuncDecl;
  /** Type expression, if any. */
  typ: N.Expr | null;
  /** Initialiser expression, if any. */
  init: N.Expr | null;
  /** iota for constants. */
  iota: number;
  /** 0 unresolved, 1 resolving, 2 done. */
  state: 0 | 1 | 2;
  /** Package-level vars and funcs this declaration refers to. */
  deps: Set<Var | Func>;
}

/** A breakable or continuable statement enclosing the current one. */
interface BranchTarget {
  stmt: N.ForStmt | N.SwitchStmt | N.SelectStmt;
  label: string | null;
}

/** A block for goto checks: labels and variable declarations by statement index. */
interface GotoBlock {
  pos: Pos;
  parent: GotoBlock | null;
  index: number;
  labels: Map<string, number>;
  varDecls: { index: number; pos: Pos; name: string }[];
}

interface PendingGoto {
  stmt: N.BranchStmt;
  chain: { block: GotoBlock; index: number }[];
}

/** Per-function checking state. */
interface FuncContext {
  info: FuncInfo;
  targets: BranchTarget[];
  labelBlocks: Map<string, { block: GotoBlock; index: number; label: Label }>;
  gotos: PendingGoto[];
  block: GotoBlock | null;
  /** Labeled statements found (for unused-label reports). */
  allLabels: Label[];
  /** Literal counter for naming nested literals. */
  lits: FuncInfo[];
}

class Checker {
  readonly errors: Diagnostic[] = [];
  readonly pkg: Package;
  private readonly universe = newUniverse();
  private readonly pkgScope: Scope;
  private readonly pkgPath: string;
  private readonly decls = new Map<LangObject, DeclInfo>();
  private readonly methodDecls: { decl: N.FuncDecl; file: N.File }[] = [];
  private readonly funcBodies: { decl: N.FuncDecl; func: Func | null; info: FuncInfo }[] = [];
  private scope: Scope;
  private fn: FuncContext | null = null;
  private iota: number | null = null;
  /** Dependencies of the package-level declaration being resolved. */
  private deps: Set<Var | Func> | null = null;
  /** Set while checking the target of an assignment: names there are not "used". */
  private lhsContext = false;

  constructor(private readonly files: N.File[], opts: CheckOptions) {
    const name = files[0]?.pkgName.value ?? "main";
    this.pkgPath = opts.pkgPath ?? name;
    this.pkgScope = new Scope(this.universe, "package " + name, null);
    this.scope = this.pkgScope;
    this.pkg = { name, files, scope: this.pkgScope, funcs: [], initFuncs: [], vars: [], initOrder: [], globLits: [], types: [] };
  }

  // ------------------------------------------------------------ errors

  private error(pos: Pos, msg: string): void {
    this.errors.push({ pos, msg });
  }

  private errorAt(e: N.Expr | N.Stmt | N.Field, msg: string): void {
    this.error(startPos(e), msg);
  }

  private notSupported(pos: Pos, feature: string): void {
    this.error(pos, `${feature} not supported`);
  }

  // ------------------------------------------------------------ package level

  checkFiles(): void {
    for (const f of this.files) this.collectObjects(f);
    for (const [obj, d] of this.decls) if (d.state === 0) this.objDecl(obj);
    this.checkRecursiveTypes();
    this.collectMethods();
    this.sortFuncsBySource();
    for (const [obj, d] of this.decls) if (d.state === 0) this.objDecl(obj);
    for (const b of this.funcBodies) this.funcBody(b.info, b.decl.body!);
    this.nameGlobLits();
    this.initOrder();
    this.checkMain();
  }

  private declare(scope: Scope, ident: N.Name | null, obj: LangObject): void {
    if (obj.name === "_") return;
    const prev = scope.insert(obj);
    if (prev) {
      this.error(obj.pos, `${obj.name} redeclared in this block\n\t${formatPos(prev.pos)}: other declaration of ${obj.name}`);
      return;
    }
    if (ident) ident.obj = obj;
  }

  private collectObjects(file: N.File): void {
    let lastConst: { type: N.Expr | null; values: N.Expr[] } | null = null;
    for (const d of file.declList) {
      switch (d.kind) {
        case "ImportDecl":
          this.importDecl(d);
          break;
        case "ConstDecl": {
          if (d.group === null || d.values.length > 0 || d.type !== null) lastConst = { type: d.type, values: d.values };
          this.collectConsts(file, d, lastConst ?? { type: null, values: [] }, this.pkgScope);
          break;
        }
        case "VarDecl":
          this.collectVars(file, d);
          break;
        case "TypeDecl":
          this.collectType(file, d, this.pkgScope);
          break;
        case "FuncDecl":
          this.collectFunc(file, d);
          break;
      }
    }
  }

  /** Only package testing can be imported; it is provided by the compiler. */
  private importDecl(d: N.ImportDecl): void {
    if (d.path.value !== `"${TESTING_PATH}"`) {
      this.error(d.path.pos, `import ${d.path.value} not supported`);
      return;
    }
    const name = d.localPkgName?.value ?? TESTING_PATH;
    // Go scopes an import to its file; here the package's files share it,
    // so the same import in another file is the same name again.
    const prev = this.pkgScope.lookup(name);
    if (prev instanceof PkgName && prev.path === TESTING_PATH) return;
    this.declare(this.pkgScope, d.localPkgName, new PkgName(name, d.path.pos, invalidType, TESTING_PATH, testingPackage()));
  }

  private collectConsts(file: N.File, d: N.ConstDecl, src: { type: N.Expr | null; values: N.Expr[] }, scope: Scope): Const[] {
    const objs: Const[] = [];
    d.nameList.forEach((name, i) => {
      const obj = new Const(name.value, name.pos, invalidType, 0n);
      objs.push(obj);
      name.obj = obj;
      const init = src.values[i] ?? null;
      this.decls.set(obj, { file, lhs: [obj], node: d, typ: src.type, init, iota: d.iota, state: 0, deps: new Set() });
      if (scope === this.pkgScope) this.declare(scope, name, obj);
    });
    d.objs = objs;
    this.checkConstArity(d, src);
    return objs;
  }

  private checkConstArity(d: N.ConstDecl, src: { values: N.Expr[] }): void {
    if (src.values.length === 0 && d.values.length === 0 && d.group === null) {
      this.error(d.nameList[0]!.pos, "missing init expr for const declaration");
    } else if (src.values.length < d.nameList.length && src.values.length > 0) {
      this.error(d.nameList[src.values.length]!.pos, "missing init expr for const declaration");
    } else if (src.values.length > d.nameList.length) {
      this.errorAt(src.values[d.nameList.length]!, "extra init expr");
    }
  }

  private collectVars(file: N.File, d: N.VarDecl): void {
    const vars = d.nameList.map((n) => new Var(n.value, n.pos, invalidType, "global", null));
    d.vars = vars;
    vars.forEach((v, i) => {
      d.nameList[i]!.obj = v;
      this.pkg.vars.push(v);
      this.declare(this.pkgScope, d.nameList[i]!, v);
    });
    if (d.values.length === 1 && vars.length > 1) {
      const info: DeclInfo = { file, lhs: vars, node: d, typ: d.type, init: d.values[0]!, iota: 0, state: 0, deps: new Set() };
      for (const v of vars) this.decls.set(v, info);
      return;
    }
    vars.forEach((v, i) => {
      this.decls.set(v, { file, lhs: [v], node: d, typ: d.type, init: d.values[i] ?? null, iota: 0, state: 0, deps: new Set() });
    });
  }

  private collectType(file: N.File, d: N.TypeDecl, scope: Scope): TypeName {
    const obj = new TypeName(d.name.value, d.name.pos, invalidType, false, scope === this.pkgScope ? this.pkgPath : this.pkgPath);
    obj.type = new Named(obj, invalidType);
    d.name.obj = obj;
    if (d.alias) this.notSupported(d.name.pos, "type alias");
    this.decls.set(obj, { file, lhs: [obj], node: d, typ: d.type, init: null, iota: 0, state: 0, deps: new Set() });
    this.declare(scope, d.name, obj);
    if (scope === this.pkgScope) this.pkg.types.push(obj);
    return obj;
  }

  private collectFunc(file: N.File, d: N.FuncDecl): void {
    if (d.recv) {
      this.methodDecls.push({ decl: d, file });
      return;
    }
    const name = d.name.value;
    if (name === "init" || (name === "main" && this.pkg.name === "main")) {
      if (d.type.paramList.length > 0 || d.type.resultList.length > 0) {
        this.error(d.name.pos, `func ${name} must have no arguments and no return values`);
      }
    }
    if (d.body === null) this.error(d.name.pos, "missing function body");
    const sig = new Signature(null, new Tuple([]), new Tuple([]), false);
    if (name === "init") {
      const info = new FuncInfo(`${this.pkgPath}.init.${this.pkg.initFuncs.length}`, sig, d, null, null);
      this.pkg.initFuncs.push(info);
      d.info = info;
      d.name.obj = null;
      this.decls.set(info as unknown as LangObject, { file, lhs: [], node: d, typ: null, init: null, iota: 0, state: 2, deps: new Set() });
      this.resolveSignatureLater(d, null, info);
      return;
    }
    const obj = new Func(name, d.name.pos, sig, d, `${this.pkgPath}.${name}`, false);
    const info = new FuncInfo(obj.fullName, sig, d, null, obj);
    obj.info = info;
    d.info = info;
    this.declare(this.pkgScope, d.name, obj);
    this.decls.set(obj, { file, lhs: [obj], node: d, typ: null, init: null, iota: 0, state: 0, deps: new Set() });
    if (d.body) this.funcBodies.push({ decl: d, func: obj, info });
    this.pkg.funcs.push(obj);
  }

  /** init functions are not objects; their signatures are checked with the others. */
  private resolveSignatureLater(d: N.FuncDecl, obj: Func | null, info: FuncInfo): void {
    if (d.body) this.funcBodies.push({ decl: d, func: obj, info });
  }

  private objDecl(obj: LangObject): void {
    const d = this.decls.get(obj);
    if (!d || d.state === 2) return;
    if (d.state === 1) {
      if (!(obj instanceof TypeName) && !(obj instanceof Func)) this.reportCycle(obj);
      return;
    }
    d.state = 1;
    this.cyclePath.push(obj);
    const saved = this.saveContext();
    this.scope = this.pkgScope;
    this.fn = null;
    this.deps = d.deps;
    try {
      if (obj instanceof Const) this.constDecl(d);
      else if (obj instanceof Var) this.varDecl(d, d.lhs as Var[]);
      else if (obj instanceof TypeName) this.typeDecl(obj, d.node as N.TypeDecl);
      else if (obj instanceof Func) this.funcSignature(obj, d.node as N.FuncDecl);
    } finally {
      this.restoreContext(saved);
      this.cyclePath.pop();
      d.state = 2;
    }
  }

  private readonly cyclePath: LangObject[] = [];
  private readonly reportedCycles = new Set<LangObject>();

  private reportCycle(obj: LangObject): void {
    const start = this.cyclePath.indexOf(obj);
    const cycle = this.cyclePath.slice(start);
    if (cycle.some((o) => this.reportedCycles.has(o))) return;
    for (const o of cycle) this.reportedCycles.add(o);
    const lines = cycle.map((o) => `\t${formatPos(o.pos)}: ${o.name} refers to`);
    this.error(obj.pos, `initialization loop for ${obj.name}\n${lines.join("\n")}\n\t${formatPos(obj.pos)}: ${obj.name}`);
    if (obj instanceof Const || obj instanceof Var) obj.type = invalidType;
  }

  private saveContext(): { scope: Scope; fn: FuncContext | null; iota: number | null; deps: Set<Var | Func> | null; lhs: boolean } {
    return { scope: this.scope, fn: this.fn, iota: this.iota, deps: this.deps, lhs: this.lhsContext };
  }

  private restoreContext(s: ReturnType<Checker["saveContext"]>): void {
    this.scope = s.scope;
    this.fn = s.fn;
    this.iota = s.iota;
    this.deps = s.deps;
    this.lhsContext = s.lhs;
  }

  private constDecl(d: DeclInfo): void {
    const obj = d.lhs[0] as Const;
    this.iota = d.iota;
    let t: Type | null = null;
    if (d.typ) {
      t = this.typExpr(d.typ);
      if (!isInvalid(t) && !isConstType(t)) {
        this.errorAt(d.typ, `invalid constant type ${errorTypeString(t)}`);
        t = invalidType;
      }
    }
    if (!d.init) {
      obj.type = t ?? invalidType;
      this.iota = null;
      return;
    }
    const x = this.expr(d.init);
    this.iota = null;
    if (x.mode === "invalid" || (t && isInvalid(t))) {
      obj.type = invalidType;
      return;
    }
    if (x.mode !== "constant") {
      this.errorAt(d.init, `${operandString(x)} is not constant`);
      obj.type = invalidType;
      return;
    }
    if (t) this.assignment(x, t, "constant declaration");
    if (failed(x)) {
      obj.type = invalidType;
      return;
    }
    obj.type = x.type;
    obj.value = x.value!;
  }

  private varDecl(d: DeclInfo, lhs: Var[]): void {
    let t: Type | null = null;
    if (d.typ) {
      t = this.typExpr(d.typ);
      for (const v of lhs) v.type = t;
    }
    if (!d.init) {
      if (!t) for (const v of lhs) v.type = invalidType;
      return;
    }
    if (this.fn === null && d.init) this.globalInit = { vars: lhs, init: d.init };
    this.initVars(lhs, [d.init], t !== null, d.init);
    this.globalInit = null;
  }

  /** The package-level initializer being checked (function literals inside are named glob..funcN). */
  private globalInit: { vars: Var[]; init: N.Expr } | null = null;

  private typeDecl(obj: TypeName, d: N.TypeDecl): void {
    const named = obj.type as Named;
    const u = this.typExpr(d.type);
    named.underlying = underlying(u);
  }

  private checkRecursiveTypes(): void {
    for (const tn of this.pkg.types) this.checkTypeCycle(tn.type as Named, []);
  }

  /** Reports struct/array types that contain themselves (Go's "invalid recursive type"). */
  private checkTypeCycle(t: Type, path: Named[]): boolean {
    if (t instanceof Named) {
      const i = path.indexOf(t);
      if (i >= 0) {
        const cycle = path.slice(i);
        const first = cycle[0]!;
        const lines = cycle.map((n) => `\t${formatPos(n.obj.pos)}: ${n.obj.name} refers to`);
        this.error(first.obj.pos, `invalid recursive type ${first.obj.name}\n${lines.join("\n")}\n\t${formatPos(first.obj.pos)}: ${first.obj.name}`);
        for (const n of cycle) n.underlying = invalidType;
        return true;
      }
      return this.checkTypeCycle(t.underlying, [...path, t]);
    }
    if (t instanceof Array) return this.checkTypeCycle(t.elem, path);
    if (t instanceof Struct) return t.fields.some((f) => this.checkTypeCycle(f.type, path));
    return false;
  }

  /** Functions and methods in file order, then source order within a file. */
  private sortFuncsBySource(): void {
    const fileIndex = (f: Func): number => this.files.findIndex((file) => file.declList.includes(f.decl!));
    this.pkg.funcs.sort((a, b) => fileIndex(a) - fileIndex(b) || comparePosition(a.pos, b.pos));
  }

  private collectMethods(): void {
    for (const { decl, file } of this.methodDecls) this.collectMethod(decl, file);
  }

  private collectMethod(d: N.FuncDecl, file: N.File): void {
    const recv = d.recv!;
    let rt = recv.type;
    while (rt.kind === "ParenExpr") rt = rt.x;
    const ptr = rt.kind === "Operation" && rt.op === "*" && rt.y === null;
    let base = ptr ? (rt as N.Operation).x : rt;
    while (base.kind === "ParenExpr") base = base.x;
    const baseObj = base.kind === "Name" ? this.pkgScope.lookup(base.value) : undefined;
    const sig = new Signature(null, new Tuple([]), new Tuple([]), false);
    const typeName = base.kind === "Name" ? base.value : exprString(base);
    const fullName = ptr ? `${this.pkgPath}.(*${typeName}).${d.name.value}` : `${this.pkgPath}.${typeName}.${d.name.value}`;
    const obj = new Func(d.name.value, d.name.pos, sig, d, fullName, ptr);
    const info = new FuncInfo(fullName, sig, d, null, obj);
    obj.info = info;
    d.info = info;
    d.name.obj = obj;
    this.decls.set(obj, { file, lhs: [obj], node: d, typ: null, init: null, iota: 0, state: 0, deps: new Set() });
    if (d.body) this.funcBodies.push({ decl: d, func: obj, info });
    else this.error(d.name.pos, "missing function body");
    this.pkg.funcs.push(obj);
    if (!(baseObj instanceof TypeName) || baseObj.universe) {
      if (base.kind === "Name" && !baseObj) this.error(base.pos, `undefined: ${base.value}`);
      else this.errorAt(base, `cannot define new methods on non-local type ${exprString(base)}`);
      return;
    }
    const named = baseObj.type as Named;
    const u = named.underlying;
    if (u instanceof Pointer || u instanceof Interface) {
      this.errorAt(base, `invalid receiver type ${typeName} (pointer or interface type)`);
      return;
    }
    if (d.name.value === "_") return;
    const prev = named.methods.find((m) => m.name === d.name.value);
    if (prev) {
      this.error(d.name.pos, `${typeName}.${d.name.value} redeclared in this block\n\t${formatPos(prev.pos)}: other declaration of ${d.name.value}`);
      return;
    }
    if (u instanceof Struct) {
      const field = u.fields.find((f) => f.name === d.name.value);
      if (field) {
        this.error(d.name.pos, `field and method with the same name ${d.name.value}\n\t${formatPos(field.pos)}: other declaration of ${d.name.value}`);
        return;
      }
    }
    named.methods.push(obj);
  }

  private funcSignature(obj: Func, d: N.FuncDecl): void {
    const info = obj.info!;
    const saved = this.scope;
    const sig = this.collectSignature(d.recv, d.type, info);
    Object.assign(obj.type, sig);
    this.scope = saved;
  }

  /**
   * Builds the signature and the function scope holding receiver, params
   * and results; attaches both to info.
   */
  private collectSignature(recvField: N.Field | null, ft: N.FuncType, info: FuncInfo): Signature {
    const scope = new Scope(this.scope, "function", info);
    this.funcScopes.set(info, scope);
    let recv: Var | null = null;
    if (recvField) {
      const t = this.typExpr(recvField.type);
      recv = this.declareParam(scope, recvField.name, recvField.pos, t, "receiver", info);
    }
    const params = ft.paramList.map((f) => this.declareParam(scope, f.name, f.pos, this.paramType(f.type), "param", info));
    const results = ft.resultList.map((f) => this.declareParam(scope, f.name, f.pos, this.paramType(f.type), "result", info));
    info.recv = recv;
    info.params = params;
    info.results = results;
    const sig = info.sig;
    Object.assign(sig, { recv, params: new Tuple(params), results: new Tuple(results), variadic: false });
    return sig;
  }

  private readonly funcScopes = new Map<FuncInfo, Scope>();

  private paramType(e: N.Expr): Type {
    if (e.kind === "DotsType") {
      this.notSupported(e.pos, "variadic parameters");
      return invalidType;
    }
    return this.typExpr(e);
  }

  private declareParam(scope: Scope, name: N.Name | null, pos: Pos, t: Type, kind: VarKind, info: FuncInfo): Var {
    const v = new Var(name?.value ?? "", name?.pos ?? pos, t, kind, info);
    v.synthetic = name === null || name.value === "_";
    v.used = true;
    if (name) this.declare(scope, name, v);
    return v;
  }

  private nameGlobLits(): void {
    this.pkg.globLits.sort((a, b) => comparePosition(a.node.pos, b.node.pos));
    this.pkg.globLits.forEach((lit, i) => {
      lit.name = `${this.pkgPath}.glob..func${i + 1}`;
      this.nameNestedLits(lit);
    });
  }

  private nameNestedLits(info: FuncInfo): void {
    info.funcLits.sort((a, b) => comparePosition(a.node.pos, b.node.pos));
    const prefix = info.outer === null && info.node.kind === "FuncDecl" ? `${info.name}.func` : `${info.name}.`;
    info.funcLits.forEach((lit, i) => {
      lit.name = `${prefix}${i + 1}`;
      this.nameNestedLits(lit);
    });
  }

  private checkMain(): void {
    if (this.pkg.name !== "main") return;
    const main = this.pkgScope.lookup("main");
    if (main instanceof Func) return;
    const file = this.files[0];
    if (!file) return;
    if (main) this.error(main.pos, "cannot declare main - must be func");
    else this.error(file.pkgName.pos, "function main is undeclared in the main package");
  }

  // ------------------------------------------------------------ initialization order

  private initOrder(): void {
    const pending = this.pkg.vars.filter((v) => this.decls.get(v)?.init);
    const done = new Set<Var>();
    for (const v of this.pkg.vars) if (!this.decls.get(v)?.init) done.add(v);
    const emitted = new Set<DeclInfo>();
    while (pending.length > 0) {
      const i = pending.findIndex((v) => [...this.varDeps(v)].every((d) => done.has(d) || d === v));
      const idx = i >= 0 ? i : 0;
      const v = pending[idx]!;
      pending.splice(idx, 1);
      const d = this.decls.get(v)!;
      done.add(v);
      if (emitted.has(d)) continue;
      emitted.add(d);
      for (const w of d.lhs) done.add(w as Var);
      this.pkg.initOrder.push({ lhs: d.lhs as Var[], rhs: d.init! } satisfies Initializer);
    }
  }

  /** Package vars that v's initializer depends on, through functions transitively. */
  private varDeps(v: Var): Set<Var> {
    const out = new Set<Var>();
    const seen = new Set<LangObject>();
    const visit = (deps: Set<Var | Func>): void => {
      for (const d of deps) {
        if (seen.has(d)) continue;
        seen.add(d);
        if (d instanceof Var) out.add(d);
        else visit(this.decls.get(d)?.deps ?? new Set());
      }
    };
    visit(this.decls.get(v)?.deps ?? new Set());
    return out;
  }

  // ------------------------------------------------------------ type expressions

  /**
   * Checks a type expression and returns the type it denotes (invalidType
   * after errors). testing.T and testing.B are the runtime's records,
   * which only the test driver creates: they may be used only as the
   * elem of a pointer type.
   */
  typExpr(e: N.Expr, pointerElem = false): Type {
    let t = this.typInternal(e);
    if (!pointerElem && isTestingValueType(t)) {
      this.errorAt(e, `${exprString(e)} values not supported: use the *${exprString(e)} deferlab test passes`);
      t = invalidType;
    }
    e.tv = { mode: "typexpr", type: t };
    return t;
  }

  private typInternal(e: N.Expr): Type {
    switch (e.kind) {
      case "Name":
      case "SelectorExpr": {
        const x = this.exprOrType(e);
        if (x.mode === "invalid") return invalidType;
        if (x.mode !== "typexpr") {
          this.errorAt(e, `${exprString(e)} is not a type`);
          return invalidType;
        }
        return x.type;
      }
      case "ParenExpr":
        return this.typExpr(e.x);
      case "Operation":
        if (e.op === "*" && e.y === null) return new Pointer(this.typExpr(e.x, true));
        break;
      case "ArrayType":
        return this.arrayType(e);
      case "StructType":
        return this.structType(e);
      case "InterfaceType":
        return this.interfaceType(e);
      case "FuncType": {
        const info = new FuncInfo("", new Signature(null, new Tuple([]), new Tuple([]), false), { kind: "FuncLit", pos: e.pos, type: e, body: { kind: "BlockStmt", pos: e.pos, stmtList: [], rbrace: e.pos } }, null, null);
        const saved = this.scope;
        const sig = this.collectSignature(null, e, info);
        this.scope = saved;
        return sig;
      }
      case "SliceType":
        this.notSupported(e.pos, "slices");
        return invalidType;
      case "MapType":
        this.notSupported(e.pos, "maps");
        return invalidType;
      case "ChanType":
        this.notSupported(e.pos, "channels");
        return invalidType;
      case "DotsType":
        this.notSupported(e.pos, "variadic parameters");
        return invalidType;
      default:
        break;
    }
    this.errorAt(e, `${exprString(e)} is not a type`);
    return invalidType;
  }

  private arrayType(e: N.ArrayType): Type {
    if (e.len === null) {
      this.error(e.pos, "invalid use of [...] array (outside a composite literal)");
      this.typExpr(e.elem);
      return invalidType;
    }
    const n = this.arrayLength(e.len);
    const elem = this.typExpr(e.elem);
    return n < 0 ? invalidType : new Array(n, elem);
  }

  private arrayLength(e: N.Expr): number {
    const x = this.expr(e);
    if (x.mode === "invalid") return -1;
    if (x.mode !== "constant") {
      this.errorAt(e, `array length ${exprString(e)} (${x.mode === "variable" ? "variable" : "value"} of type ${errorTypeString(x.type)}) must be constant`);
      return -1;
    }
    if (isUntyped(x.type) || isInteger(x.type)) {
      const v = x.value;
      if (typeof v === "bigint" && v >= 0n && v < 1n << 31n) {
        if (isUntyped(x.type)) this.convertUntyped(x, intType);
        return Number(v);
      }
    }
    this.errorAt(e, `invalid array length ${exprString(e)}`);
    return -1;
  }

  private structType(e: N.StructType): Type {
    const fields: Var[] = [];
    const seen = new Map<string, Var>();
    for (const f of e.fieldList) {
      const t = this.typExpr(f.type);
      let name: string;
      let pos: Pos;
      if (f.name) {
        name = f.name.value;
        pos = f.name.pos;
      } else {
        name = embeddedName(f.type);
        pos = f.pos;
        this.checkEmbedded(f.type, t);
      }
      const v = new Var(name, pos, t, "field", null);
      v.embedded = f.name === null;
      if (f.name) f.name.obj = v;
      const prev = seen.get(name);
      if (prev && name !== "_") {
        this.error(pos, `${name} redeclared\n\t${formatPos(prev.pos)}: other declaration of ${name}`);
      } else seen.set(name, v);
      fields.push(v);
    }
    return new Struct(fields);
  }

  private checkEmbedded(e: N.Expr, t: Type): void {
    if (isInvalid(t)) return;
    const base = t instanceof Pointer ? t.elem : t;
    if (underlying(base) instanceof Pointer) this.errorAt(e, "embedded field type cannot be a pointer");
    else if (t instanceof Pointer && isInterface(base)) this.errorAt(e, "embedded field type cannot be a pointer to an interface");
  }

  private interfaceType(e: N.InterfaceType): Type {
    const methods: Func[] = [];
    const embeddeds: Type[] = [];
    for (const m of e.methodList) {
      if (!m.name) {
        const t = this.typExpr(m.type);
        if (!isInvalid(t) && !isInterface(t)) this.errorAt(m.type, `cannot use ${exprString(m.type)} as interface: ${errorTypeString(t)} is not an interface`);
        else embeddeds.push(t);
        continue;
      }
      const ft = m.type as N.FuncType;
      const info = new FuncInfo(m.name.value, new Signature(null, new Tuple([]), new Tuple([]), false), { kind: "FuncLit", pos: ft.pos, type: ft, body: { kind: "BlockStmt", pos: ft.pos, stmtList: [], rbrace: ft.pos } }, null, null);
      const saved = this.scope;
      const sig = this.collectSignature(null, ft, info);
      this.scope = saved;
      const f = new Func(m.name.value, m.name.pos, sig, null, m.name.value, false);
      m.name.obj = f;
      if (methods.some((x) => x.name === f.name)) this.error(m.name.pos, `duplicate method ${f.name}`);
      else methods.push(f);
    }
    const iface = new Interface(methods, embeddeds);
    return completeInterface(iface);
  }

  // ------------------------------------------------------------ expressions: entry points

  /** Checks e as a single value (types and builtins are errors). */
  expr(e: N.Expr, hint?: Type): Operand {
    const x = this.rawExpr(e, hint);
    this.singleValue(x);
    this.excludeTypesAndBuiltins(x);
    return x;
  }

  /** Checks e, which may denote a type. */
  private exprOrType(e: N.Expr): Operand {
    const x = this.rawExpr(e);
    this.singleValue(x);
    if (x.mode === "novalue") {
      this.errorAt(e, `${operandString(x)} used as value or type`);
      x.mode = "invalid";
    }
    return x;
  }

  /** Checks e allowing multiple values (for calls on the right of assignments). */
  private multiExpr(e: N.Expr): Operand[] {
    const x = this.rawExpr(e);
    this.excludeTypesAndBuiltins(x);
    if (x.mode === "invalid") return [x];
    if (x.type instanceof Tuple) {
      return x.type.vars.map((v) => ({ mode: "value", expr: e, type: v.type }));
    }
    if (x.mode === "commaok") return [x];
    return [x];
  }

  private singleValue(x: Operand): void {
    if (x.mode === "value" && x.type instanceof Tuple) {
      this.errorAt(x.expr, `multiple-value ${exprString(x.expr)} (value of type ${errorTypeString(x.type)}) in single-value context`);
      x.mode = "invalid";
    }
  }

  private excludeTypesAndBuiltins(x: Operand): void {
    if (x.mode === "typexpr") {
      this.errorAt(x.expr, `${exprString(x.expr)} (type) is not an expression`);
      x.mode = "invalid";
    } else if (x.mode === "builtin") {
      this.errorAt(x.expr, `${exprString(x.expr)} (built-in) must be called`);
      x.mode = "invalid";
    } else if (x.mode === "novalue") {
      this.errorAt(x.expr, `${exprString(x.expr)} (no value) used as value`);
      x.mode = "invalid";
    }
  }

  private rawExpr(e: N.Expr, hint?: Type): Operand {
    const x = this.exprInternal(e, hint);
    this.record(x);
    return x;
  }

  private record(x: Operand): void {
    if (x.mode === "invalid") {
      x.expr.tv = { mode: "value", type: invalidType };
      return;
    }
    const mode = x.mode;
    x.expr.tv = x.value !== undefined ? { mode, type: x.type, value: x.value } : { mode, type: x.type };
  }

  private exprInternal(e: N.Expr, hint?: Type): Operand {
    switch (e.kind) {
      case "BadExpr":
        return invalidOperand(e);
      case "Name":
        return this.ident(e);
      case "BasicLit":
        return this.basicLit(e);
      case "CompositeLit":
        return this.compositeLit(e, hint);
      case "FuncLit":
        return this.funcLit(e);
      case "ParenExpr": {
        const x = this.rawExpr(e.x, hint);
        return { ...x, expr: e };
      }
      case "SelectorExpr":
        return this.selector(e);
      case "IndexExpr":
        return this.indexExpr(e);
      case "SliceExpr":
        this.notSupported(e.pos, "slice expressions");
        this.rawExpr(e.x);
        return invalidOperand(e);
      case "AssertExpr":
        return this.assertExpr(e);
      case "TypeSwitchGuard":
        this.errorAt(e, `use of .(type) outside type switch`);
        return invalidOperand(e);
      case "Operation":
        return e.y === null ? this.unary(e) : this.binary(e, e.x, e.y, e.op);
      case "CallExpr":
        return this.callExpr(e);
      case "KeyValueExpr":
        this.errorAt(e, "unexpected key:value expression");
        return invalidOperand(e);
      default:
        return { mode: "typexpr", expr: e, type: this.typInternal(e) };
    }
  }

  // ------------------------------------------------------------ identifiers and literals

  private ident(e: N.Name): Operand {
    if (e.value === "_") {
      this.error(e.pos, "cannot use _ as value");
      return invalidOperand(e);
    }
    const found = this.scope.lookupParent(e.value);
    if (!found) {
      if (UNSUPPORTED_TYPES.has(e.value)) this.notSupported(e.pos, e.value.startsWith("float") ? "floating-point types" : e.value === "comparable" ? "comparable" : "complex types");
      else this.error(e.pos, `undefined: ${e.value}`);
      return invalidOperand(e);
    }
    const obj = found.obj;
    e.obj = obj;
    if (found.scope === this.pkgScope) this.useGlobal(obj);
    if (obj instanceof Var) return this.useVar(e, obj);
    if (obj instanceof Const) return this.useConst(e, obj);
    if (obj instanceof TypeName) return { mode: "typexpr", expr: e, type: obj.type };
    if (obj instanceof Func) return { mode: "value", expr: e, type: obj.type };
    if (obj instanceof Builtin) return { mode: "builtin", expr: e, type: invalidType, builtin: obj.id };
    if (obj instanceof Nil) return { mode: "value", expr: e, type: untypedNil };
    if (obj instanceof PkgName) this.error(e.pos, `use of package ${obj.name} without selector`);
    return invalidOperand(e);
  }

  private useGlobal(obj: LangObject): void {
    if (obj instanceof Var || obj instanceof Func || obj instanceof Const || obj instanceof TypeName) this.objDecl(obj);
    if (this.deps && (obj instanceof Var || obj instanceof Func)) this.deps.add(obj);
  }

  private useVar(e: N.Name, v: Var): Operand {
    if (!this.lhsContext) v.used = true;
    this.noteCapture(v);
    if (isInvalid(v.type)) return invalidOperand(e);
    return { mode: "variable", expr: e, type: v.type };
  }

  /** Marks v captured when referenced from a function literal nested inside its owning function. */
  private noteCapture(v: Var): void {
    const cur = this.fn?.info;
    if (!cur || !v.fn || v.fn === cur || v.varKind === "global" || v.varKind === "field") return;
    v.captured = true;
    for (let f: FuncInfo | null = cur; f && f !== v.fn; f = f.outer) {
      if (!f.captures.includes(v)) f.captures.push(v);
      if (!v.capturedBy.includes(f)) v.capturedBy.push(f);
    }
  }

  private useConst(e: N.Name, c: Const): Operand {
    c.used = true;
    if (c.name === "iota" && this.universe.lookup("iota") === c) {
      if (this.iota === null) {
        this.error(e.pos, "cannot use iota outside constant declaration");
        return invalidOperand(e);
      }
      return { mode: "constant", expr: e, type: untypedInt, value: BigInt(this.iota) };
    }
    if (isInvalid(c.type)) return invalidOperand(e);
    return { mode: "constant", expr: e, type: c.type, value: c.value };
  }

  private basicLit(e: N.BasicLit): Operand {
    if (e.litKind === "float") {
      this.notSupported(e.pos, "floating-point literals");
      return invalidOperand(e);
    }
    if (e.litKind === "imag") {
      this.notSupported(e.pos, "complex literals");
      return invalidOperand(e);
    }
    if (e.bad) return invalidOperand(e);
    const v = literalValue(e.litKind, e.value);
    if (v === null) {
      this.error(e.pos, `malformed constant: ${e.value}`);
      return invalidOperand(e);
    }
    const t = e.litKind === "int" ? untypedInt : e.litKind === "rune" ? Typ[BasicKind.UntypedRune] : Typ[BasicKind.UntypedString];
    return { mode: "constant", expr: e, type: t, value: v };
  }

  // ------------------------------------------------------------ composite literals

  private compositeLit(e: N.CompositeLit, hint?: Type): Operand {
    let t: Type;
    if (e.type) {
      const lt = unparen(e.type);
      if (lt.kind === "ArrayType" && lt.len === null) {
        const elem = this.typExpr(lt.elem);
        const n = this.arrayElems(e, elem, -1);
        t = new Array(n, elem);
        lt.tv = { mode: "typexpr", type: t };
      } else {
        t = this.typExpr(e.type);
      }
    } else if (hint) {
      t = hint;
      const hu = underlying(hint);
      if (hu instanceof Pointer) t = hu.elem;
    } else {
      this.error(e.pos, "invalid composite literal type: missing type");
      return invalidOperand(e);
    }
    const u = underlying(t);
    if (u instanceof Struct) this.structElems(e, t, u);
    else if (u instanceof Array) {
      if (!(e.type && unparen(e.type).kind === "ArrayType" && (unparen(e.type) as N.ArrayType).len === null)) this.arrayElems(e, u.elem, u.len);
    } else if (!isInvalid(u)) {
      this.errorAt(e, `invalid composite literal type ${errorTypeString(t)}`);
      for (const el of e.elemList) this.rawExpr(el.kind === "KeyValueExpr" ? el.value : el);
      return invalidOperand(e);
    } else {
      return invalidOperand(e);
    }
    if (!e.type && hint && underlying(hint) instanceof Pointer) {
      e.tv = { mode: "value", type: t };
      return { mode: "value", expr: e, type: hint };
    }
    return { mode: "value", expr: e, type: t };
  }

  private structElems(e: N.CompositeLit, t: Type, s: Struct): void {
    if (e.elemList.length === 0) return;
    if (e.nkeys > 0 && e.nkeys < e.elemList.length) {
      const bad = e.elemList.find((el) => el.kind !== "KeyValueExpr") ?? e.elemList[0]!;
      this.errorAt(bad, "mixture of field:value and value elements in struct literal");
      return;
    }
    if (e.nkeys > 0) return this.keyedStructElems(e, t, s);
    e.elemList.forEach((el, i) => {
      const f = s.fields[i];
      const x = this.expr(el, f?.type);
      if (!f) {
        if (i === s.fields.length) this.errorAt(el, `too many values in ${exprString(e)}`);
        return;
      }
      this.assignment(x, f.type, "struct literal");
    });
    if (e.elemList.length < s.fields.length) this.error(e.rbrace, `too few values in ${exprString(e)}`);
  }

  private keyedStructElems(e: N.CompositeLit, t: Type, s: Struct): void {
    const seen = new Set<string>();
    for (const el of e.elemList) {
      const kv = el as N.KeyValueExpr;
      const key = kv.key;
      if (key.kind !== "Name") {
        this.errorAt(key, `invalid field name ${exprString(key)} in struct literal`);
        this.expr(kv.value);
        continue;
      }
      const idx = s.fields.findIndex((f) => f.name === key.value);
      const f = s.fields[idx];
      if (!f) {
        this.error(key.pos, `unknown field '${key.value}' in struct literal of type ${errorTypeString(t)}`);
        this.expr(kv.value);
        continue;
      }
      key.obj = f;
      key.tv = { mode: "variable", type: f.type };
      if (seen.has(key.value)) this.error(kv.pos, `duplicate field name ${key.value} in struct literal`);
      seen.add(key.value);
      const x = this.expr(kv.value, f.type);
      this.assignment(x, f.type, "struct literal");
    }
  }

  /** Checks array elements; returns the length implied by the elements. */
  private arrayElems(e: N.CompositeLit, elem: Type, length: number): number {
    let index = 0;
    let max = 0;
    const seen = new Set<number>();
    for (const el of e.elemList) {
      let value = el;
      if (el.kind === "KeyValueExpr") {
        const k = this.expr(el.key);
        if (k.mode === "constant" && typeof k.value === "bigint" && isInteger(k.type)) {
          if (k.value < 0n) this.errorAt(el.key, `invalid argument: index ${exprString(el.key)} (constant of type int) must not be negative`);
          else index = Number(k.value);
          if (isUntyped(k.type)) this.convertUntyped(k, intType);
        } else if (k.mode !== "invalid") {
          this.errorAt(el.key, `index ${exprString(el.key)} must be integer constant`);
        }
        value = el.value;
      }
      if (length >= 0 && index >= length) {
        this.errorAt(value, `index ${index} is out of bounds (>= ${length})`);
      } else if (seen.has(index)) {
        this.errorAt(el, `duplicate index ${index} in array or slice literal`);
      }
      seen.add(index);
      const x = this.expr(value, elem);
      this.assignment(x, elem, "array or slice literal");
      index++;
      max = Math.max(max, index);
    }
    return max;
  }

  // ------------------------------------------------------------ function literals

  private funcLit(e: N.FuncLit): Operand {
    const outer = this.fn?.info ?? null;
    const info = new FuncInfo("", new Signature(null, new Tuple([]), new Tuple([]), false), e, outer, null);
    e.info = info;
    if (outer) outer.funcLits.push(info);
    else this.pkg.globLits.push(info);
    const saved = this.saveContext();
    const sig = this.collectSignature(null, e.type, info);
    this.funcBody(info, e.body);
    this.restoreContext(saved);
    return { mode: "value", expr: e, type: sig };
  }

  // ------------------------------------------------------------ selectors

  private selector(e: N.SelectorExpr): Operand {
    const pkg = e.x.kind === "Name" ? this.scope.lookupParent(e.x.value)?.obj : undefined;
    if (pkg instanceof PkgName) return this.qualifiedIdent(e, pkg);
    const x = this.exprOrType(e.x);
    if (x.mode === "invalid") return invalidOperand(e);
    const name = e.sel.value;
    if (x.mode === "typexpr") return this.methodExpr(e, x.type);
    const T = x.type;
    const r = lookupFieldOrMethod(T, name);
    if (r.ambiguous) {
      this.error(e.sel.pos, `ambiguous selector ${exprString(e)}`);
      return invalidOperand(e);
    }
    if (!r.obj) {
      const why = isTestingType(T) ? unsupportedTestingMethod(name) : undefined;
      if (why !== undefined) this.error(e.sel.pos, `${exprString(e)} not supported: ${why}`);
      else this.error(e.sel.pos, `${exprString(e)} undefined (${this.missingFieldReason(T, name)})`);
      return invalidOperand(e);
    }
    e.sel.obj = r.obj;
    if (r.obj instanceof Var) return this.fieldSelection(e, x, r.obj, r.index, r.indirect);
    return this.methodSelection(e, x, r.obj, r.index, r.indirect);
  }

  /** pkg.Name: a type of an imported package (package testing exports only types). */
  private qualifiedIdent(e: N.SelectorExpr, pkg: PkgName): Operand {
    const obj = pkg.members.lookup(e.sel.value);
    if (!(obj instanceof TypeName)) {
      const why = unsupportedTestingMember(e.sel.value);
      if (why !== undefined) this.error(e.sel.pos, `${pkg.name}.${e.sel.value} not supported: ${why}`);
      else this.error(e.sel.pos, `undefined: ${pkg.name}.${e.sel.value}`);
      return invalidOperand(e);
    }
    e.sel.obj = obj;
    return { mode: "typexpr", expr: e, type: obj.type };
  }

  private missingFieldReason(T: Type, name: string): string {
    const u = underlying(T);
    if (u instanceof Pointer && isInterface(u.elem)) return `type ${errorTypeString(T)} is pointer to interface, not interface`;
    return `type ${errorTypeString(T)} has no field or method ${name}`;
  }

  private fieldSelection(e: N.SelectorExpr, x: Operand, f: Var, path: number[], indirect: boolean): Operand {
    const ptrBase = underlying(x.type) instanceof Pointer;
    e.selection = { kind: "field", path, field: f, ptrBase, indirect };
    e.sel.tv = { mode: "variable", type: f.type };
    const mode = x.mode === "variable" || indirect ? "variable" : "value";
    return { mode, expr: e, type: f.type };
  }

  private methodSelection(e: N.SelectorExpr, x: Operand, m: Func, path: number[], indirect: boolean): Operand {
    if (!m.decl && !m.intrinsic) {
      const iface = this.interfaceAt(x.type, path);
      const index = iface ? completeInterface(iface).allMethods.indexOf(m) : -1;
      e.selection = { kind: "ifaceMethod", iface: iface ?? new Interface([], []), index, func: m, path, isValue: true };
      return { mode: "value", expr: e, type: m.type };
    }
    this.objDecl(m);
    const addressable = x.mode === "variable";
    if (m.ptrRecv && !indirect && !addressable) {
      this.error(e.sel.pos, `cannot call pointer method ${m.name} on ${errorTypeString(x.type)}`);
      return invalidOperand(e);
    }
    const addr = m.ptrRecv && !indirect;
    const deref = !m.ptrRecv && indirect;
    if (addr) this.markAddrTaken(x.expr);
    e.selection = { kind: "method", func: m, path, ptrRecv: m.ptrRecv, addr, deref, isValue: true };
    const sig = m.sig;
    return { mode: "value", expr: e, type: new Signature(null, sig.params, sig.results, sig.variadic) };
  }

  /** The interface type reached from T through the embedded-field path. */
  private interfaceAt(T: Type, path: number[]): Interface | null {
    let t = T;
    for (const i of path) {
      let u = underlying(t);
      if (u instanceof Pointer) u = underlying(u.elem);
      if (!(u instanceof Struct)) return null;
      t = u.fields[i]!.type;
    }
    const u = underlying(t);
    return u instanceof Interface ? u : null;
  }

  private methodExpr(e: N.SelectorExpr, T: Type): Operand {
    const name = e.sel.value;
    const r = lookupFieldOrMethod(T, name);
    if (!(r.obj instanceof Func)) {
      this.error(e.sel.pos, `${exprString(e)} undefined (type ${errorTypeString(T)} has no field or method ${name})`);
      return invalidOperand(e);
    }
    const m = r.obj;
    if (m.decl) this.objDecl(m);
    if (m.decl && !inMethodSet(T, m, r.indirect)) {
      this.error(e.sel.pos, `invalid method expression ${exprString(e)} (needs pointer receiver (*${errorTypeString(T)}).${name})`);
      return invalidOperand(e);
    }
    e.sel.obj = m;
    e.selection = { kind: "methodExpr", func: m, recvType: T, path: r.index };
    const recv = new Var("", e.pos, T, "param", null);
    recv.synthetic = true;
    const sig = new Signature(null, new Tuple([recv, ...m.sig.params.vars]), m.sig.results, m.sig.variadic);
    return { mode: "value", expr: e, type: sig };
  }

  /** Records that the variable at the root of an addressable expression has its address taken. */
  private markAddrTaken(e: N.Expr): void {
    const x = unparen(e);
    if (x.kind === "Name" && x.obj instanceof Var) x.obj.addrTaken = true;
    else if (x.kind === "SelectorExpr" && x.selection?.kind === "field" && !x.selection.indirect) this.markAddrTaken(x.x);
    else if (x.kind === "IndexExpr" && x.x.tv && underlying(x.x.tv.type) instanceof Array) this.markAddrTaken(x.x);
  }

  // ------------------------------------------------------------ index and assertion

  private indexExpr(e: N.IndexExpr): Operand {
    const x = this.rawExpr(e.x);
    this.singleValue(x);
    if (x.mode === "invalid") {
      this.expr(e.index);
      return invalidOperand(e);
    }
    if (x.mode === "typexpr") {
      this.notSupported(e.pos, "generic instantiation");
      return invalidOperand(e);
    }
    const u = underlying(x.type);
    if (isString(x.type)) {
      const len = x.mode === "constant" ? byteLength(x.value as string) : -1;
      this.index(e.index, len);
      if (isUntyped(x.type)) this.convertUntyped(x, stringType);
      // Indexing yields a byte value, never a constant, even of a constant
      // string at a constant index.
      return { mode: "value", expr: e, type: byteType };
    }
    if (u instanceof Array) {
      this.index(e.index, u.len);
      return { mode: x.mode === "variable" ? "variable" : "value", expr: e, type: u.elem };
    }
    if (u instanceof Pointer && underlying(u.elem) instanceof Array) {
      const a = underlying(u.elem) as Array;
      this.index(e.index, a.len);
      return { mode: "variable", expr: e, type: a.elem };
    }
    this.errorAt(e.x, `invalid operation: cannot index ${operandString(x)}`);
    this.expr(e.index);
    return invalidOperand(e);
  }

  /** Checks an index against length (-1 unknown); returns its constant value if any. */
  private index(e: N.Expr, length: number): number | null {
    const x = this.expr(e);
    if (x.mode === "invalid") return null;
    if (!isInteger(x.type)) {
      this.errorAt(e, `invalid argument: index ${operandString(x)} must be integer`);
      return null;
    }
    if (x.mode !== "constant") {
      if (isUntyped(x.type)) this.convertUntyped(x, intType);
      return null;
    }
    const v = x.value as bigint;
    if (isUntyped(x.type)) this.convertUntyped(x, intType);
    if (v < 0n) {
      this.errorAt(e, `invalid argument: index ${operandString(x)} must not be negative`);
      return null;
    }
    if (length >= 0 && v >= BigInt(length)) {
      this.errorAt(e, `invalid argument: index ${exprString(e)} out of bounds [0:${length}]`);
      return null;
    }
    return Number(v);
  }

  private assertExpr(e: N.AssertExpr): Operand {
    const x = this.expr(e.x);
    const T = this.typExpr(e.assertType);
    if (x.mode === "invalid" || isInvalid(T)) return invalidOperand(e);
    const iface = underlying(x.type);
    if (!(iface instanceof Interface)) {
      this.errorAt(e.x, `invalid operation: ${operandString(x)} is not an interface`);
      return invalidOperand(e);
    }
    if (!isInterface(T)) {
      const why = missingMethod(T, completeInterface(iface));
      if (why) {
        this.errorAt(e, `impossible type assertion: ${exprString(e)}\n\t${errorTypeString(T)} does not implement ${errorTypeString(x.type)} ${why}`);
        return invalidOperand(e);
      }
    }
    return { mode: "commaok", expr: e, type: T };
  }

  // ------------------------------------------------------------ unary and binary operations

  private unary(e: N.Operation): Operand {
    if (e.op === "&") return this.addressOf(e);
    if (e.op === "*") return this.indirection(e);
    if (e.op === "<-") {
      this.notSupported(e.pos, "channel receive");
      this.expr(e.x);
      return invalidOperand(e);
    }
    const x = this.expr(e.x);
    if (x.mode === "invalid") return invalidOperand(e);
    const ok = e.op === "!" ? isBoolean(x.type) : e.op === "^" ? isInteger(x.type) : isNumeric(x.type);
    if (!ok) {
      this.errorAt(e.x, `invalid operation: operator ${e.op} not defined on ${operandString(x)}`);
      return invalidOperand(e);
    }
    if (x.mode === "constant") {
      const b = underlying(x.type) as Basic;
      if (e.op === "^" && isUntyped(x.type) === false && isUnsigned(x.type)) {
        return this.constResult(e, x.type, unaryOpValue(e.op, x.value!, b));
      }
      return this.constResult(e, x.type, unaryOpValue(e.op, x.value!, b));
    }
    return { mode: "value", expr: e, type: x.type };
  }

  /** A constant result; typed results must be representable in their type. */
  private constResult(e: N.Expr, t: Type, v: ConstValue): Operand {
    const x: Operand = { mode: "constant", expr: e, type: t, value: v };
    if (!isUntyped(t) && !representableValue(v, underlying(t) as Basic)) {
      this.errorAt(e, `${operandString(x)} overflows ${errorTypeString(t)}`);
      return invalidOperand(e);
    }
    return x;
  }

  private addressOf(e: N.Operation): Operand {
    const inner = unparen(e.x);
    if (inner.kind === "CompositeLit") {
      const x = this.expr(e.x);
      if (x.mode === "invalid") return invalidOperand(e);
      return { mode: "value", expr: e, type: new Pointer(x.type) };
    }
    const x = this.expr(e.x);
    if (x.mode === "invalid") return invalidOperand(e);
    if (x.mode !== "variable") {
      this.errorAt(e.x, `invalid operation: cannot take address of ${operandString(x)}`);
      return invalidOperand(e);
    }
    this.markAddrTaken(e.x);
    return { mode: "value", expr: e, type: new Pointer(x.type) };
  }

  private indirection(e: N.Operation): Operand {
    const x = this.exprOrType(e.x);
    if (x.mode === "invalid") return invalidOperand(e);
    if (x.mode === "typexpr") return { mode: "typexpr", expr: e, type: new Pointer(x.type) };
    const u = underlying(x.type);
    if (!(u instanceof Pointer)) {
      if (x.type === untypedNil) this.errorAt(e, "invalid operation: cannot indirect nil");
      else this.errorAt(e, `invalid operation: cannot indirect ${operandString(x)}`);
      return invalidOperand(e);
    }
    if (isTestingValueType(u.elem)) {
      this.errorAt(e, `${exprString(e)}: testing.${(u.elem as Named).obj.name} values not supported: use ${exprString(e.x)} itself`);
      return invalidOperand(e);
    }
    return { mode: "variable", expr: e, type: u.elem };
  }

  private binary(e: N.Expr, lhs: N.Expr, rhs: N.Expr, op: N.Operator): Operand {
    const x = this.expr(lhs);
    const y = this.expr(rhs);
    if (x.mode === "invalid" || y.mode === "invalid") return invalidOperand(e);
    if (op === "<<" || op === ">>") return this.shift(e, x, y, op);
    if (!this.matchTypes(e, x, y)) return invalidOperand(e);
    if (isComparison(op)) return this.comparison(e, x, y, op);
    if (!identical(x.type, y.type)) {
      this.errorAt(e, `invalid operation: ${exprString(e)} (mismatched types ${errorTypeString(x.type)} and ${errorTypeString(y.type)})`);
      return invalidOperand(e);
    }
    if (!operatorDefined(op, x.type)) {
      this.errorAt(e, `invalid operation: operator ${op} not defined on ${operandString(x)}`);
      return invalidOperand(e);
    }
    if ((op === "/" || op === "%") && y.mode === "constant" && isInteger(y.type) && y.value === 0n) {
      this.errorAt(y.expr, "invalid operation: division by zero");
      return invalidOperand(e);
    }
    if (x.mode === "constant" && y.mode === "constant") {
      try {
        const t = x.type === Typ[BasicKind.UntypedRune] || y.type === Typ[BasicKind.UntypedRune] ? largerUntyped(x.type, y.type) : x.type;
        return this.constResult(e, t, binaryOpValue(op, x.value!, y.value!));
      } catch (err) {
        if (!(err instanceof DivisionByZero)) throw err;
        this.errorAt(y.expr, "invalid operation: division by zero");
        return invalidOperand(e);
      }
    }
    return { mode: "value", expr: e, type: isUntyped(x.type) ? largerUntyped(x.type, y.type) : x.type };
  }

  /** Converts untyped operands towards each other's type (Go's matchTypes); false after an error. */
  private matchTypes(e: N.Expr, x: Operand, y: Operand): boolean {
    const xu = isUntyped(x.type);
    const yu = isUntyped(y.type);
    if (xu === yu) {
      if (!xu || x.type === y.type || x.type === untypedNil || y.type === untypedNil) return true;
      if (isNumeric(x.type) && isNumeric(y.type)) {
        // Mixed untyped numeric kinds take the later kind (rune after int), as Go's constants do.
        x.type = y.type = largerUntyped(x.type, y.type);
        return true;
      }
      this.errorAt(e, `invalid operation: ${exprString(e)} (mismatched types ${errorTypeString(x.type)} and ${errorTypeString(y.type)})`);
      return false;
    }
    const [u, t] = xu ? [x, y] : [y, x];
    return this.implicitConvert(e, u, t.type);
  }

  /** Converts an untyped operand to the type of the other operand of a binary operation. */
  private implicitConvert(e: N.Expr, u: Operand, target: Type): boolean {
    if (u.type === untypedNil) {
      if (!hasNil(target)) {
        this.errorAt(u.expr, `cannot convert ${operandString(u)} to type ${errorTypeString(target)}`);
        return false;
      }
      // nil keeps its untyped type for the comparison checks; its expression records the target type.
      this.setUntypedType(u.expr, target);
      return true;
    }
    const tu = underlying(target);
    if (tu instanceof Interface) {
      this.convertUntyped(u, defaultType(u.type));
      return true;
    }
    if (!(tu instanceof Basic) || !sameClass(u.type, tu)) {
      this.errorAt(e, `invalid operation: ${exprString(e)} (mismatched types ${leftType(e, u, target)})`);
      return false;
    }
    if (u.mode === "constant" && !representableValue(u.value!, tu)) {
      this.errorAt(u.expr, `${operandString(u)} overflows ${errorTypeString(target)}`);
      return false;
    }
    this.setUntypedType(u.expr, target);
    u.type = target;
    return true;
  }

  private shift(e: N.Expr, x: Operand, y: Operand, op: N.Operator): Operand {
    if (!isInteger(x.type)) {
      this.errorAt(x.expr, `invalid operation: shifted operand ${operandString(x)} must be integer`);
      return invalidOperand(e);
    }
    if (!isInteger(y.type)) {
      this.errorAt(y.expr, `invalid operation: shift count ${operandString(y)} must be integer`);
      return invalidOperand(e);
    }
    if (y.mode === "constant") {
      const n = y.value as bigint;
      if (n < 0n) {
        this.errorAt(y.expr, `invalid operation: negative shift count ${operandString(y)}`);
        return invalidOperand(e);
      }
      if (isUntyped(y.type)) this.convertUntyped(y, Typ[BasicKind.Uint]);
      if (x.mode === "constant") {
        if (n > 10000n) {
          this.errorAt(y.expr, `invalid shift count ${operandString(y)}`);
          return invalidOperand(e);
        }
        const t = isUntyped(x.type) ? untypedInt : x.type;
        if (isUntyped(x.type)) x.expr.tv = { mode: "constant", type: untypedInt, value: x.value! };
        return this.constResult(e, t, binaryOpValue(op, x.value!, n));
      }
    } else if (isUntyped(y.type)) {
      this.convertUntyped(y, Typ[BasicKind.Uint]);
    }
    if (x.mode === "constant" && isUntyped(x.type)) {
      // The untyped left operand takes the type the whole shift gets from its context.
      return { mode: "value", expr: e, type: untypedInt };
    }
    return { mode: "value", expr: e, type: x.type };
  }

  private comparison(e: N.Expr, x: Operand, y: Operand, op: N.Operator): Operand {
    const err = this.comparisonError(x, y, op);
    if (err) {
      this.errorAt(e, `invalid operation: ${exprString(e)} (${err})`);
      return invalidOperand(e);
    }
    if (x.mode === "constant" && y.mode === "constant") {
      return { mode: "constant", expr: e, type: untypedBool, value: binaryOpValue(op, x.value!, y.value!) };
    }
    for (const o of [x, y]) if (isUntyped(o.type) && o.type !== untypedNil) this.convertUntyped(o, defaultType(o.type));
    return { mode: "value", expr: e, type: untypedBool };
  }

  private comparisonError(x: Operand, y: Operand, op: N.Operator): string | null {
    const xNil = x.type === untypedNil;
    const yNil = y.type === untypedNil;
    if (!xNil && !yNil && !identical(x.type, y.type) && !this.assignableTo(x, y.type) && !this.assignableTo(y, x.type)) {
      return `mismatched types ${errorTypeString(x.type)} and ${errorTypeString(y.type)}`;
    }
    if (op === "==" || op === "!=") {
      if (xNil || yNil) {
        const other = xNil ? y : x;
        if (xNil && yNil) return "operator == not defined on nil";
        return hasNil(other.type) ? null : `mismatched types ${errorTypeString(x.type)} and ${errorTypeString(y.type)}`;
      }
      for (const o of [x, y]) {
        const u = underlying(o.type);
        if (u instanceof Signature) return "func can only be compared to nil";
        if (!comparable(o.type)) return `${errorTypeString(o.type)} cannot be compared`;
      }
      return null;
    }
    if (!isOrdered(x.type)) return `operator ${op} not defined on ${errorTypeString(x.type)}`;
    return null;
  }

  // ------------------------------------------------------------ untyped conversion

  /** Gives an untyped operand its final type (recording it on the expression tree). */
  private convertUntyped(x: Operand, target: Type): void {
    if (!isUntyped(x.type) || isInvalid(target)) return;
    const t = isUntyped(target) ? target : target;
    this.setUntypedType(x.expr, t);
    x.type = t;
  }

  /** Pushes the final type of an untyped expression down to its untyped operands. */
  private setUntypedType(e: N.Expr, t: Type): void {
    if (!e.tv || !isUntyped(e.tv.type)) return;
    e.tv = { ...e.tv, type: t };
    switch (e.kind) {
      case "ParenExpr":
        this.setUntypedType(e.x, t);
        break;
      case "Operation":
        if (e.y === null) this.setUntypedType(e.x, t);
        else if (e.op === "<<" || e.op === ">>") this.setShiftOperandType(e.x, t);
        else if (!isComparison(e.op)) {
          this.setUntypedType(e.x, t);
          this.setUntypedType(e.y, t);
        }
        break;
      default:
        break;
    }
  }

  private setShiftOperandType(x: N.Expr, t: Type): void {
    if (!isInteger(t) && !isInterface(t) && !isInvalid(t)) {
      this.errorAt(x, `invalid operation: shifted operand ${exprString(x)} (type ${errorTypeString(t)}) must be integer`);
      return;
    }
    this.setUntypedType(x, isInterface(t) ? intType : t);
  }

  // ------------------------------------------------------------ assignability

  private assignableTo(x: Operand, T: Type): boolean {
    return this.assignableReason(x, T) === null;
  }

  /** null when x is assignable to T, else "" or a reason line (Go's assignableTo). */
  private assignableReason(x: Operand, T: Type): string | null {
    const V = x.type;
    if (identical(V, T) || isInvalid(V) || isInvalid(T)) return null;
    const Vu = underlying(V);
    const Tu = underlying(T);
    if (isUntyped(V)) {
      if (V === untypedNil) return hasNil(T) ? null : "";
      if (Tu instanceof Interface) return completeInterface(Tu).allMethods.length === 0 ? null : implementsReason(defaultType(V), T);
      return Tu instanceof Basic && sameClass(V, Tu) ? null : "";
    }
    if (identical(Vu, Tu) && (!(V instanceof Named) || !(T instanceof Named))) return null;
    if (Tu instanceof Interface) return implementsReason(V, T);
    if (Vu instanceof Interface && !(Tu instanceof Interface)) return "need type assertion";
    return "";
  }

  /**
   * Checks that x can be assigned to a variable of type T in context and
   * converts untyped values; sets x.mode invalid after an error.
   */
  assignment(x: Operand, T: Type, context: string): void {
    if (x.mode === "invalid" || isInvalid(T)) return;
    this.singleValue(x);
    if (failed(x)) return;
    if (isUntyped(x.type)) {
      if (!this.untypedAssignment(x, T, context)) {
        x.mode = "invalid";
        return;
      }
      if (isUntyped(x.type)) return;
    }
    const why = this.assignableReason(x, T);
    if (why === null) return;
    const suffix = why === "" ? "" : `:\n\t${why}`;
    this.errorAt(x.expr, `cannot use ${operandString(x)} as type ${errorTypeString(T)} in ${context}${suffix}`);
    x.mode = "invalid";
  }

  private untypedAssignment(x: Operand, T: Type, context: string): boolean {
    const Tu = underlying(T);
    if (x.type === untypedNil) {
      if (hasNil(T)) {
        this.setUntypedType(x.expr, T);
        x.type = T;
        return true;
      }
      this.errorAt(x.expr, `cannot use nil as ${errorTypeString(T)} value in ${context}`);
      return false;
    }
    if (Tu instanceof Interface) {
      const d = defaultType(x.type);
      const why = implementsReason(d, T);
      if (why !== null && completeInterface(Tu).allMethods.length > 0) {
        this.errorAt(x.expr, `cannot use ${operandString(x)} as ${errorTypeString(T)} value in ${context}: ${why}`);
        return false;
      }
      this.convertUntyped(x, d);
      if (x.mode === "constant" && !representableValue(x.value!, underlying(d) as Basic)) {
        this.errorAt(x.expr, `cannot use ${operandString(x)} as ${errorTypeString(d)} value in ${context} (overflows)`);
        return false;
      }
      return true;
    }
    if (!(Tu instanceof Basic) || !sameClass(x.type, Tu)) {
      this.errorAt(x.expr, `cannot use ${operandString(x)} as ${errorTypeString(T)} value in ${context}`);
      return false;
    }
    if (x.mode === "constant" && !representableValue(x.value!, Tu)) {
      this.errorAt(x.expr, `cannot use ${operandString(x)} as ${errorTypeString(T)} value in ${context} (overflows)`);
      return false;
    }
    this.convertUntyped(x, T);
    return true;
  }

  /** Gives an untyped value its default type (for := and interface contexts). */
  private defaultValue(x: Operand, context: string): void {
    if (x.mode === "invalid" || !isUntyped(x.type)) return;
    if (x.type === untypedNil) {
      this.errorAt(x.expr, `use of untyped nil in ${context}`);
      x.mode = "invalid";
      return;
    }
    this.assignment(x, defaultType(x.type), context);
  }

  // ------------------------------------------------------------ calls

  private callExpr(e: N.CallExpr): Operand {
    const f = this.exprOrType(e.fun);
    if (f.mode === "invalid") {
      for (const a of e.argList) this.rawExpr(a);
      return invalidOperand(e);
    }
    if (e.hasDots) {
      this.notSupported(e.pos, "variadic calls");
      return invalidOperand(e);
    }
    if (f.mode === "typexpr") return this.conversion(e, f.type);
    if (f.mode === "builtin") return this.builtinCall(e, f.builtin!);
    const sig = underlying(f.type);
    if (!(sig instanceof Signature)) {
      this.errorAt(e.fun, `invalid operation: cannot call non-function ${operandString(f)}`);
      for (const a of e.argList) this.rawExpr(a);
      return invalidOperand(e);
    }
    e.call = this.classifyCall(e.fun, sig);
    this.arguments(e, sig, exprString(e.fun));
    const results = sig.results.vars;
    if (results.length === 0) return { mode: "novalue", expr: e, type: new Tuple([]) };
    if (results.length === 1) return { mode: "value", expr: e, type: results[0]!.type };
    return { mode: "value", expr: e, type: sig.results };
  }

  private classifyCall(fun: N.Expr, sig: Signature): CallInfo {
    const f = unparen(fun);
    if (f.kind === "Name" && f.obj instanceof Func) return { kind: "func", func: f.obj, sig };
    if (f.kind === "SelectorExpr" && f.selection) {
      const s = f.selection;
      if (s.kind === "method") {
        s.isValue = false;
        return { kind: "method", func: s.func, sig: s.func.sig };
      }
      if (s.kind === "ifaceMethod") {
        s.isValue = false;
        return { kind: "ifaceMethod", func: s.func, sig: s.func.sig };
      }
    }
    return { kind: "funcValue", sig };
  }

  private arguments(e: N.CallExpr, sig: Signature, calleeName: string): void {
    const args = this.argOperands(e.argList);
    const params = sig.params.vars;
    if (args.some((a) => a.mode === "invalid")) return;
    if (sig.variadic) {
      this.variadicArguments(e, args, params, calleeName);
      return;
    }
    if (args.length !== params.length) {
      const tooMany = args.length > params.length;
      const at = tooMany ? args[params.length]!.expr : args.length > 0 ? args[args.length - 1]!.expr : e;
      const have = `(${args.map(haveTypeString).join(", ")})`;
      const want = `(${params.map((p) => errorTypeString(p.type)).join(", ")})`;
      const pos = startPos(at);
      this.error(pos, `${tooMany ? "too many" : "not enough"} arguments in call to ${calleeName}\n\thave ${have}\n\twant ${want}`);
      return;
    }
    args.forEach((a, i) => this.assignment(a, params[i]!.type, `argument to ${calleeName}`));
  }

  /**
   * The arguments of a variadic method of package testing (the only
   * variadic functions there are): the fixed ones, then any number
   * assigned to the element type of the last parameter.
   */
  private variadicArguments(e: N.CallExpr, args: Operand[], params: Var[], calleeName: string): void {
    const fixed = params.length - 1;
    if (args.length < fixed) {
      this.error(e.pos, `not enough arguments in call to ${calleeName}`);
      return;
    }
    args.forEach((a, i) => this.assignment(a, params[Math.min(i, fixed)]!.type, `argument to ${calleeName}`));
  }

  /** Evaluates call arguments, spreading a single multi-value call. */
  private argOperands(list: N.Expr[]): Operand[] {
    if (list.length === 1) {
      const xs = this.multiExpr(list[0]!);
      if (xs.length > 1) return xs;
      const x = xs[0]!;
      this.singleValue(x);
      if (x.mode === "commaok") x.mode = "value";
      return [x];
    }
    return list.map((a) => {
      const x = this.expr(a);
      if (x.mode === "commaok") x.mode = "value";
      return x;
    });
  }

  private conversion(e: N.CallExpr, T: Type): Operand {
    e.call = { kind: "conversion", convType: T };
    if (e.argList.length !== 1) {
      for (const a of e.argList) this.rawExpr(a);
      if (e.argList.length === 0) this.error(e.pos, `missing argument in conversion to ${errorTypeString(T)}`);
      else this.errorAt(e.argList[1]!, `too many arguments in conversion to ${errorTypeString(T)}`);
      return invalidOperand(e);
    }
    const x = this.expr(e.argList[0]!);
    if (x.mode === "invalid" || isInvalid(T)) return invalidOperand(e);
    if (x.mode === "constant" && isConstType(T)) return this.constConversion(e, x, T);
    if (!this.convertible(x, T)) {
      this.errorAt(x.expr, `cannot convert ${operandString(x)} to type ${errorTypeString(T)}`);
      return invalidOperand(e);
    }
    if (isUntyped(x.type)) {
      const final = x.type === untypedNil ? T : isInterface(T) || (isString(T) && isInteger(x.type)) ? defaultType(x.type) : T;
      this.convertUntyped(x, final);
    }
    return { mode: "value", expr: e, type: T };
  }

  private constConversion(e: N.CallExpr, x: Operand, T: Type): Operand {
    const Tu = underlying(T) as Basic;
    let v: ConstValue | null = null;
    if (isInteger(x.type) && isInteger(T)) v = representableValue(x.value!, Tu) ? x.value! : null;
    else if (isInteger(x.type) && isString(T)) v = runeToString(x.value as bigint);
    else if ((isString(x.type) && isString(T)) || (isBoolean(x.type) && isBoolean(T))) v = x.value!;
    if (v === null) {
      this.errorAt(x.expr, `cannot convert ${operandString(x)} to type ${errorTypeString(T)}`);
      return invalidOperand(e);
    }
    if (isUntyped(x.type)) this.convertUntyped(x, isString(T) && isInteger(x.type) ? defaultType(x.type) : T);
    return { mode: "constant", expr: e, type: T, value: v };
  }

  private convertible(x: Operand, T: Type): boolean {
    if (this.assignableTo(x, T)) return true;
    const Vu = underlying(x.type);
    const Tu = underlying(T);
    if (identical(Vu, Tu)) return true;
    if (Vu instanceof Pointer && Tu instanceof Pointer && identical(underlying(Vu.elem), underlying(Tu.elem))) return true;
    if (isInteger(x.type) && isInteger(T)) return true;
    if (isInteger(x.type) && isString(T)) return true;
    return false;
  }

  private builtinCall(e: N.CallExpr, id: N.Name["value"] & string): Operand {
    const bid = id as NonNullable<Operand["builtin"]>;
    e.call = { kind: "builtin", builtin: bid };
    if (!SUPPORTED_BUILTINS.has(bid)) {
      this.notSupported(e.fun.pos, bid);
      for (const a of e.argList) this.rawExpr(a);
      return invalidOperand(e);
    }
    const arity: Record<string, [number, number]> = { len: [1, 1], new: [1, 1], panic: [1, 1], recover: [0, 0], print: [0, Infinity], println: [0, Infinity] };
    const [min, max] = arity[bid]!;
    const n = e.argList.length;
    if (n < min || n > max) {
      for (const a of e.argList) if (bid !== "new") this.rawExpr(a);
      const msg = n < min ? "not enough" : "too many";
      const at = n < min ? e : e.argList[max]!;
      this.error(n < min ? startPos(e) : startPos(at), `invalid operation: ${msg} arguments for ${exprString(e)} (expected ${min}, found ${n})`);
      return invalidOperand(e);
    }
    switch (bid) {
      case "len":
        return this.builtinLen(e);
      case "new": {
        const T = this.typExpr(e.argList[0]!);
        return isInvalid(T) ? invalidOperand(e) : { mode: "value", expr: e, type: new Pointer(T) };
      }
      case "panic": {
        const x = this.expr(e.argList[0]!);
        this.assignment(x, new Interface([], []), "argument to panic");
        return { mode: "novalue", expr: e, type: new Tuple([]) };
      }
      case "recover":
        return { mode: "value", expr: e, type: completeInterface(new Interface([], [])) };
      default:
        for (const x of this.argOperands(e.argList)) this.defaultValue(x, `argument to built-in ${bid}`);
        return { mode: "novalue", expr: e, type: new Tuple([]) };
    }
  }

  private builtinLen(e: N.CallExpr): Operand {
    const arg = e.argList[0]!;
    const x = this.expr(arg);
    if (x.mode === "invalid") return invalidOperand(e);
    if (isString(x.type)) {
      if (x.mode === "constant") {
        const n = BigInt(byteLength(x.value as string));
        if (isUntyped(x.type)) this.convertUntyped(x, stringType);
        return { mode: "constant", expr: e, type: intType, value: n };
      }
      return { mode: "value", expr: e, type: intType };
    }
    let u = underlying(x.type);
    if (u instanceof Pointer && underlying(u.elem) instanceof Array) u = underlying(u.elem);
    if (u instanceof Array) {
      if (!containsCall(arg)) return { mode: "constant", expr: e, type: intType, value: BigInt(u.len) };
      return { mode: "value", expr: e, type: intType };
    }
    this.errorAt(arg, `invalid argument: ${operandString(x)} for len`);
    return invalidOperand(e);
  }

  // ------------------------------------------------------------ function bodies

  private funcBody(info: FuncInfo, body: N.BlockStmt): void {
    const saved = this.saveContext();
    const node = info.node;
    if (node.kind === "FuncDecl" && info.obj) this.objDecl(info.obj);
    if (node.kind === "FuncDecl" && !info.obj) {
      this.scope = this.pkgScope;
      this.collectSignature(null, node.type, info);
    }
    this.scope = this.funcScopes.get(info) ?? new Scope(this.pkgScope, "function", info);
    this.iota = null;
    this.lhsContext = false;
    this.fn = { info, targets: [], labelBlocks: new Map(), gotos: [], block: null, allLabels: [], lits: [] };
    if (node.kind === "FuncDecl") this.deps = this.decls.get(info.obj ?? (info as unknown as LangObject))?.deps ?? null;
    else if (saved.fn === null && this.globalInit) this.deps = saved.deps;
    else this.deps = saved.deps;
    this.labelPass(body);
    this.blockBody(body, body.stmtList);
    this.resolveGotos();
    this.reportUnusedLabels();
    if (info.sig.results.vars.length > 0 && !isTerminatingList(body.stmtList)) this.error(body.rbrace, "missing return");
    if (node.kind === "FuncDecl") {
      this.reportUnused(info);
      this.nameNestedLits(info);
    }
    this.restoreContext(saved);
  }

  /** Reports unused locals of a function and its literals, as Go does after checking the body. */
  private reportUnused(info: FuncInfo): void {
    for (const v of info.locals) if (!v.used && v.name !== "_" && !this.typeSwitchVars.has(v)) this.error(v.pos, `${v.name} declared but not used`);
    for (const lit of info.funcLits) this.reportUnused(lit);
  }

  private readonly typeSwitchVars = new Set<Var>();

  // ------------------------------------------------------------ labels

  /** Declares the function's labels up front so forward gotos resolve. */
  private labelPass(body: N.BlockStmt): void {
    const visit = (s: N.Stmt): void => {
      switch (s.kind) {
        case "LabeledStmt": {
          const name = s.label.value;
          if (name !== "_") {
            const prev = this.fn!.info.labels.get(name);
            if (prev) {
              this.error(s.label.pos, `label ${name} already defined\n\t${formatPos(prev.pos)}: previous definition`);
            } else {
              const l = new Label(name, s.label.pos, invalidType, s);
              this.fn!.info.labels.set(name, l);
              this.fn!.allLabels.push(l);
              s.labelObj = l;
              s.label.obj = l;
            }
          }
          visit(s.stmt);
          break;
        }
        case "BlockStmt":
          s.stmtList.forEach(visit);
          break;
        case "IfStmt":
          visit(s.then);
          if (s.else) visit(s.else);
          break;
        case "ForStmt":
          visit(s.body);
          break;
        case "SwitchStmt":
          for (const c of s.body) c.body.forEach(visit);
          break;
        case "SelectStmt":
          for (const c of s.body) c.body.forEach(visit);
          break;
        default:
          break;
      }
    };
    body.stmtList.forEach(visit);
  }

  private reportUnusedLabels(): void {
    for (const l of this.fn!.allLabels) if (!l.used) this.error(l.pos, `label ${l.name} defined and not used`);
  }

  private resolveGotos(): void {
    const fn = this.fn!;
    for (const g of fn.gotos) {
      const name = g.stmt.label!.value;
      const target = fn.labelBlocks.get(name);
      const label = fn.info.labels.get(name);
      if (!label || !target) {
        this.error(g.stmt.label!.pos, `label ${name} not defined`);
        continue;
      }
      label.used = true;
      g.stmt.label!.obj = label;
      g.stmt.target = label.stmt;
      fn.info.gotos.push(g.stmt);
      const level = g.chain.find((c) => c.block === target.block);
      if (!level) {
        this.error(g.stmt.label!.pos, `goto ${name} jumps into block starting at ${formatPos(target.block.pos)}`);
        continue;
      }
      if (target.index > level.index) {
        const skipped = target.block.varDecls.find((d) => d.index > level.index && d.index < target.index);
        if (skipped) this.error(g.stmt.label!.pos, `goto ${name} jumps over declaration of ${skipped.name} at ${formatPos(skipped.pos)}`);
      }
    }
  }

  // ------------------------------------------------------------ statements

  private openScope(comment: string): void {
    this.scope = new Scope(this.scope, comment, this.fn?.info ?? null);
  }

  private closeScope(): void {
    this.scope = this.scope.parent!;
  }

  /** Checks a statement list forming a block (for goto bookkeeping). */
  private blockBody(node: { pos: Pos }, list: N.Stmt[]): void {
    const fn = this.fn!;
    const block: GotoBlock = { pos: node.pos, parent: fn.block, index: 0, labels: new Map(), varDecls: [] };
    fn.block = block;
    list.forEach((s, i) => {
      block.index = i;
      this.stmt(s, i === list.length - 1);
    });
    fn.block = block.parent;
  }

  private block(b: N.BlockStmt): void {
    this.openScope("block");
    this.blockBody(b, b.stmtList);
    this.closeScope();
  }

  private noteVarDecl(pos: Pos, name: string): void {
    const b = this.fn?.block;
    if (b) b.varDecls.push({ index: b.index, pos, name });
  }

  private stmt(s: N.Stmt, last: boolean): void {
    switch (s.kind) {
      case "EmptyStmt":
        return;
      case "BlockStmt":
        return this.block(s);
      case "ExprStmt":
        return this.exprStmt(s);
      case "AssignStmt":
        return this.assignStmt(s);
      case "DeclStmt":
        return this.declStmt(s);
      case "IfStmt":
        return this.ifStmt(s);
      case "ForStmt":
        return this.forStmt(s, null);
      case "SwitchStmt":
        return this.switchStmt(s, null, last);
      case "LabeledStmt":
        return this.labeledStmt(s, last);
      case "BranchStmt":
        return this.branchStmt(s);
      case "ReturnStmt":
        return this.returnStmt(s);
      case "CallStmt":
        return this.callStmt(s);
      case "SendStmt":
        this.notSupported(s.pos, "channel send");
        return;
      case "SelectStmt":
        this.notSupported(s.pos, "select statement");
        return;
    }
  }

  private exprStmt(s: N.ExprStmt): void {
    const x = this.rawExpr(s.x);
    if (x.mode === "invalid" || x.mode === "novalue") return;
    const call = unparen(s.x);
    if (call.kind === "CallExpr" && x.mode !== "typexpr" && call.call?.kind !== "conversion" && !(call.call?.kind === "builtin" && call.call.builtin !== "recover")) return;
    if (x.mode === "typexpr") {
      this.errorAt(s.x, `${exprString(s.x)} (type) is not an expression`);
      return;
    }
    if (x.mode === "builtin") {
      this.errorAt(s.x, `${exprString(s.x)} (built-in) must be called`);
      return;
    }
    if (x.mode === "commaok") x.mode = "value";
    this.errorAt(s.x, `${operandString(x)} is not used`);
  }

  private declStmt(s: N.DeclStmt): void {
    let lastConst: { type: N.Expr | null; values: N.Expr[] } | null = null;
    for (const d of s.declList) {
      if (d.kind === "VarDecl") this.localVarDecl(d);
      else if (d.kind === "ConstDecl") {
        if (d.group === null || d.values.length > 0 || d.type !== null) lastConst = { type: d.type, values: d.values };
        this.localConstDecl(d, lastConst ?? { type: null, values: [] });
      } else if (d.kind === "TypeDecl") this.localTypeDecl(d);
    }
  }

  private localVarDecl(d: N.VarDecl): void {
    const t = d.type ? this.typExpr(d.type) : null;
    const vars = d.nameList.map((n) => new Var(n.value, n.pos, t ?? invalidType, "local", this.fn!.info));
    d.vars = vars;
    if (d.values.length > 0) this.initVars(vars, d.values, t !== null, d.values[0]!);
    else for (const v of vars) v.used = v.used || false;
    vars.forEach((v, i) => {
      const name = d.nameList[i]!;
      name.obj = v;
      name.tv = { mode: "variable", type: v.type };
      this.fn!.info.locals.push(v);
      if (v.name === "_") return;
      const prev = this.scope.insert(v);
      if (prev) this.error(name.pos, `${v.name} redeclared in this block\n\t${formatPos(prev.pos)}: other declaration of ${v.name}`);
      this.noteVarDecl(d.pos, v.name);
    });
  }

  private localConstDecl(d: N.ConstDecl, src: { type: N.Expr | null; values: N.Expr[] }): void {
    const file = this.files[0]!;
    const objs = this.collectConsts(file, d, src, this.scope);
    for (const obj of objs) {
      const info = this.decls.get(obj)!;
      const saved = this.saveContext();
      this.constDecl(info);
      this.restoreContext(saved);
      info.state = 2;
    }
    d.nameList.forEach((n, i) => {
      const obj = objs[i]!;
      obj.used = true;
      if (obj.name !== "_") {
        const prev = this.scope.insert(obj);
        if (prev) this.error(n.pos, `${obj.name} redeclared in this block\n\t${formatPos(prev.pos)}: other declaration of ${obj.name}`);
      }
    });
  }

  private localTypeDecl(d: N.TypeDecl): void {
    const obj = this.collectType(this.files[0]!, d, this.scope);
    this.typeDecl(obj, d);
    this.decls.get(obj)!.state = 2;
    this.checkTypeCycle(obj.type, []);
  }

  /**
   * Initialises vars from values (`var a, b = x, y`, `var a, b = f()`), with
   * Go's assignment-mismatch errors; untyped vars take the values' default types.
   */
  private initVars(vars: Var[], values: N.Expr[], typed: boolean, first: N.Expr): void {
    const context = "variable declaration";
    if (values.length === vars.length && values.length > 1) {
      vars.forEach((v, i) => {
        const x = this.expr(values[i]!, typed ? v.type : undefined);
        if (x.mode === "commaok") x.mode = "value";
        this.initVar(v, x, typed, context);
      });
      return;
    }
    if (values.length === 1) {
      const xs = this.multiExpr(first);
      if (xs.length === vars.length) {
        if (xs[0]!.mode === "invalid") return this.invalidateUntyped(vars, typed);
        xs.forEach((x, i) => this.initVar(vars[i]!, commaOkAsValue(x), typed, context));
        return;
      }
      if (xs[0]!.mode === "commaok" && vars.length === 2) {
        (first as N.AssertExpr).commaOk = true;
        this.initVar(vars[0]!, { ...xs[0]!, mode: "value" }, typed, context);
        this.initVar(vars[1]!, { mode: "value", expr: first, type: untypedBool }, typed, context);
        return;
      }
      if (xs[0]!.mode === "invalid") return this.invalidateUntyped(vars, typed);
      this.assignMismatch(first, vars.length, xs.length, values);
      return this.invalidateUntyped(vars, typed);
    }
    for (const e of values) this.rawExpr(e);
    this.assignMismatch(values[0]!, vars.length, values.length, values);
    this.invalidateUntyped(vars, typed);
  }

  private invalidateUntyped(vars: Var[], typed: boolean): void {
    for (const v of vars) {
      if (!typed) v.type = invalidType;
      v.used = true;
    }
  }

  /** Initialises v from x; after an error v counts as used, so no follow-on "declared but not used" appears. */
  private initVar(v: Var, x: Operand, typed: boolean, context: string): void {
    if (x.mode === "invalid") {
      if (!typed) v.type = invalidType;
      v.used = true;
      return;
    }
    if (!typed) {
      this.defaultValue(x, context);
      v.type = failed(x) ? invalidType : x.type;
    } else {
      this.assignment(x, v.type, context);
    }
    if (failed(x)) v.used = true;
  }

  private assignMismatch(at: N.Expr, nvars: number, nvals: number, values: N.Expr[]): void {
    const vars = `${nvars} variable${nvars === 1 ? "" : "s"}`;
    const call = unparen(at);
    if (values.length === 1 && call.kind === "CallExpr") {
      this.errorAt(at, `assignment mismatch: ${vars} but ${exprString(call.fun)} returns ${nvals} value${nvals === 1 ? "" : "s"}`);
      return;
    }
    this.errorAt(at, `assignment mismatch: ${vars} but ${nvals} value${nvals === 1 ? "" : "s"}`);
  }

  private assignStmt(s: N.AssignStmt): void {
    if (s.incDec) return this.incDec(s);
    if (s.op) return this.opAssign(s);
    if (s.define) return this.shortVarDecl(s);
    this.assignVars(s.lhs, s.rhs);
  }

  private incDec(s: N.AssignStmt): void {
    const lhs = s.lhs[0]!;
    const x = this.expr(lhs);
    if (x.mode === "invalid") return;
    if (!isNumeric(x.type)) {
      this.errorAt(lhs, `invalid operation: ${exprString(lhs)}${s.op}${s.op} (non-numeric type ${errorTypeString(x.type)})`);
      return;
    }
    this.checkAssignable(x);
  }

  private opAssign(s: N.AssignStmt): void {
    const lhs = s.lhs[0]!;
    const rhs = s.rhs[0]!;
    const x = this.binary(lhs, lhs, rhs, s.op!);
    if (x.mode === "invalid") return;
    const target = this.lhsOperand(lhs, true);
    if (target.mode === "invalid") return;
    this.checkAssignable(target);
  }

  /** Evaluates an assignment target without counting it as a use of the variable. */
  private lhsOperand(e: N.Expr, recheck = false): Operand {
    const inner = unparen(e);
    if (inner.kind === "Name" && inner.obj instanceof Var && recheck) return { mode: "variable", expr: e, type: inner.obj.type };
    const saved = this.lhsContext;
    this.lhsContext = inner.kind === "Name";
    const x = recheck && e.tv ? { mode: e.tv.mode, expr: e, type: e.tv.type } : this.expr(e);
    this.lhsContext = saved;
    return x;
  }

  private checkAssignable(x: Operand): boolean {
    if (x.mode === "variable") return true;
    const e = unparen(x.expr);
    if (e.kind === "SelectorExpr" && e.x.tv && e.selection?.kind === "field") {
      this.errorAt(x.expr, `cannot assign to struct field ${exprString(x.expr)} in map`);
      return false;
    }
    this.errorAt(x.expr, `cannot assign to ${operandString(x)}`);
    return false;
  }

  private assignVars(lhs: N.Expr[], rhs: N.Expr[]): void {
    const targets = lhs.map((l) => this.assignTarget(l));
    if (lhs.length === rhs.length && lhs.length > 1) {
      rhs.forEach((r, i) => {
        const t = targets[i];
        const x = this.expr(r, t?.type);
        if (x.mode === "commaok") x.mode = "value";
        this.assignToTarget(t ?? null, x);
      });
      return;
    }
    if (rhs.length === 1) {
      const xs = this.multiExpr(rhs[0]!);
      if (xs[0]!.mode === "invalid") return;
      if (xs.length === lhs.length) {
        xs.forEach((x, i) => this.assignToTarget(targets[i] ?? null, commaOkAsValue(x)));
        return;
      }
      if (xs[0]!.mode === "commaok" && lhs.length === 2) {
        (unparen(rhs[0]!) as N.AssertExpr).commaOk = true;
        this.assignToTarget(targets[0] ?? null, { ...xs[0]!, mode: "value" });
        this.assignToTarget(targets[1] ?? null, { mode: "value", expr: rhs[0]!, type: untypedBool });
        return;
      }
      this.assignMismatch(rhs[0]!, lhs.length, xs.length, rhs);
      return;
    }
    for (const r of rhs) this.rawExpr(r);
    this.assignMismatch(rhs[0]!, lhs.length, rhs.length, rhs);
  }

  /** The type of an assignment target, or null for `_`; undefined after an error. */
  private assignTarget(l: N.Expr): { type: Type; blank: boolean } | undefined {
    const inner = unparen(l);
    if (inner.kind === "Name" && inner.value === "_") {
      inner.obj = null;
      return { type: invalidType, blank: true };
    }
    const x = this.lhsOperand(l);
    if (x.mode === "invalid") return undefined;
    if (!this.checkAssignable(x)) return undefined;
    return { type: x.type, blank: false };
  }

  private assignToTarget(t: { type: Type; blank: boolean } | null, x: Operand): void {
    if (!t) return;
    if (t.blank) {
      this.defaultValue(x, "assignment to _ identifier");
      // An untyped expression gets its default type recorded. The results
      // of a multi-value call or comma-ok assertion share the expression,
      // whose own type must stay.
      if (x.mode !== "invalid" && x.expr.tv && isUntyped(x.expr.tv.type)) this.record(x);
      return;
    }
    this.assignment(x, t.type, "assignment");
  }

  private shortVarDecl(s: N.AssignStmt): void {
    const newVars: (Var | null)[] = [];
    const lhsVars: (Var | null)[] = [];
    let anyNew = false;
    const seen = new Set<string>();
    for (const l of s.lhs) {
      if (l.kind !== "Name") {
        this.errorAt(l, `non-name ${exprString(l)} on left side of :=`);
        this.rawExpr(l);
        newVars.push(null);
        lhsVars.push(null);
        continue;
      }
      if (seen.has(l.value) && l.value !== "_") this.error(l.pos, `${l.value} repeated on left side of :=`);
      seen.add(l.value);
      const existing = l.value === "_" ? undefined : this.scope.lookup(l.value);
      if (existing instanceof Var) {
        l.obj = existing;
        l.tv = { mode: "variable", type: existing.type };
        newVars.push(null);
        lhsVars.push(existing);
        continue;
      }
      const v = new Var(l.value, l.pos, invalidType, "local", this.fn!.info);
      l.obj = v;
      newVars.push(v);
      lhsVars.push(v);
      if (l.value !== "_") anyNew = true;
    }
    s.newVars = newVars;
    if (!anyNew) this.error(s.pos, "no new variables on left side of :=");
    this.defineRhs(s, lhsVars, newVars);
    newVars.forEach((v) => {
      if (!v) return;
      this.fn!.info.locals.push(v);
      if (v.name !== "_") {
        this.scope.insert(v);
        this.noteVarDecl(s.pos, v.name);
      }
    });
    s.lhs.forEach((l, i) => {
      const v = lhsVars[i];
      if (v && l.kind === "Name") l.tv = { mode: "variable", type: v.type };
    });
  }

  private defineRhs(s: N.AssignStmt, lhsVars: (Var | null)[], newVars: (Var | null)[]): void {
    const apply = (i: number, x: Operand): void => {
      const v = lhsVars[i];
      if (!v) return;
      if (newVars[i]) this.initVar(v, x, false, "assignment");
      else this.assignment(x, v.type, "assignment");
    };
    const n = lhsVars.length;
    if (s.rhs.length === n && n > 1) {
      s.rhs.forEach((r, i) => {
        const x = this.expr(r);
        if (x.mode === "commaok") x.mode = "value";
        apply(i, x);
      });
      return;
    }
    const invalidate = (): void =>
      newVars.forEach((v) => {
        if (!v) return;
        v.type = invalidType;
        v.used = true;
      });
    if (s.rhs.length === 1) {
      const xs = this.multiExpr(s.rhs[0]!);
      if (xs[0]!.mode === "invalid") return invalidate();
      if (xs.length === n) return xs.forEach((x, i) => apply(i, commaOkAsValue(x)));
      if (xs[0]!.mode === "commaok" && n === 2) {
        (unparen(s.rhs[0]!) as N.AssertExpr).commaOk = true;
        apply(0, { ...xs[0]!, mode: "value" });
        apply(1, { mode: "value", expr: s.rhs[0]!, type: untypedBool });
        return;
      }
      this.assignMismatch(s.rhs[0]!, n, xs.length, s.rhs);
      return invalidate();
    }
    for (const r of s.rhs) this.rawExpr(r);
    this.assignMismatch(s.rhs[0]!, n, s.rhs.length, s.rhs);
    invalidate();
  }

  private simpleStmt(s: N.SimpleStmt | null): void {
    if (s) this.stmt(s, false);
  }

  private condition(e: N.Expr, what: string): void {
    const x = this.expr(e);
    if (x.mode === "invalid") return;
    if (!isBoolean(x.type)) {
      this.errorAt(e, `non-boolean condition in ${what} statement`);
      return;
    }
    this.convertUntyped(x, boolType);
  }

  private ifStmt(s: N.IfStmt): void {
    this.openScope("if");
    this.simpleStmt(s.init);
    this.condition(s.cond, "if");
    this.block(s.then);
    if (s.else) {
      if (s.else.kind === "IfStmt") this.wrapBlock(s.else, () => this.ifStmt(s.else as N.IfStmt));
      else this.block(s.else as N.BlockStmt);
    }
    this.closeScope();
  }

  /** Runs check inside a one-statement goto block (an else-if chain is an implicit block). */
  private wrapBlock(s: N.Stmt, check: () => void): void {
    const fn = this.fn!;
    const block: GotoBlock = { pos: s.pos, parent: fn.block, index: 0, labels: new Map(), varDecls: [] };
    fn.block = block;
    check();
    fn.block = block.parent;
  }

  private forStmt(s: N.ForStmt, label: string | null): void {
    this.openScope("for");
    if (s.init?.kind === "RangeClause") {
      this.rangeClause(s, s.init);
    } else {
      const before = this.fn!.info.locals.length;
      this.simpleStmt(s.init);
      s.perIterVars = this.fn!.info.locals.slice(before);
      if (s.cond) this.condition(s.cond, "for");
      this.simpleStmt(s.post);
    }
    this.fn!.targets.push({ stmt: s, label });
    this.block(s.body);
    this.fn!.targets.pop();
    this.closeScope();
  }

  private rangeClause(s: N.ForStmt, r: N.RangeClause): void {
    const x = this.expr(r.x);
    s.perIterVars = [];
    if (x.mode === "invalid") {
      for (const l of r.lhs) if (!r.def) this.rawExpr(l);
      this.defineRangeVars(s, r, invalidType, null);
      return;
    }
    const info = rangeTypes(x.type);
    if (!info) {
      this.errorAt(r.x, `cannot range over ${operandString(x)}`);
      this.defineRangeVars(s, r, invalidType, null);
      return;
    }
    if (info.kind === "int") {
      if (isUntyped(x.type)) this.convertUntyped(x, intType);
      info.key = x.type;
      if (r.lhs.length > 1) {
        this.errorAt(r.lhs[1]!, `range over ${operandString(x)} permits only one iteration variable`);
      }
    } else if (isUntyped(x.type)) {
      this.convertUntyped(x, stringType);
    }
    const valueType = info.kind === "int" ? null : info.value;
    this.defineRangeVars(s, r, info.key, valueType);
    r.info = { rangeKind: info.kind, keyType: info.key, valueType, ...this.rangeVarInfo(r) };
  }

  private rangeVarInfo(r: N.RangeClause): { keyVar: Var | null; valueVar: Var | null } {
    if (!r.def) return { keyVar: null, valueVar: null };
    const obj = (e: N.Expr | undefined): Var | null => (e?.kind === "Name" && e.obj instanceof Var ? e.obj : null);
    return { keyVar: obj(r.lhs[0]), valueVar: obj(r.lhs[1]) };
  }

  private defineRangeVars(s: N.ForStmt, r: N.RangeClause, key: Type, value: Type | null): void {
    const types = [key, value ?? invalidType];
    if (!r.def) {
      r.lhs.forEach((l, i) => {
        const t = this.assignTarget(l);
        if (t && !t.blank && !isInvalid(types[i]!)) this.assignment({ mode: "value", expr: l, type: types[i]! }, t.type, "range");
      });
      return;
    }
    const vars: Var[] = [];
    let anyNew = false;
    r.lhs.forEach((l, i) => {
      if (l.kind !== "Name") {
        this.errorAt(l, `non-name ${exprString(l)} on left side of :=`);
        return;
      }
      const v = new Var(l.value, l.pos, types[i]!, "local", this.fn!.info);
      l.obj = v;
      l.tv = { mode: "variable", type: v.type };
      vars.push(v);
      if (l.value !== "_") anyNew = true;
    });
    if (!anyNew && r.lhs.length > 0) this.error(r.pos, "no new variables on left side of :=");
    for (const v of vars) {
      this.fn!.info.locals.push(v);
      if (v.name !== "_") this.scope.insert(v);
    }
    s.perIterVars = vars.filter((v) => v.name !== "_");
  }

  private labeledStmt(s: N.LabeledStmt, last: boolean): void {
    const fn = this.fn!;
    const label = s.labelObj;
    if (label && fn.block) fn.labelBlocks.set(label.name, { block: fn.block, index: fn.block.index, label });
    const name = label ? label.name : null;
    if (s.stmt.kind === "ForStmt") return this.forStmt(s.stmt, name);
    if (s.stmt.kind === "SwitchStmt") return this.switchStmt(s.stmt, name, last);
    this.stmt(s.stmt, last);
  }

  private branchStmt(s: N.BranchStmt): void {
    const fn = this.fn!;
    if (s.tok === "goto") {
      const chain: PendingGoto["chain"] = [];
      for (let b = fn.block; b; b = b.parent) chain.push({ block: b, index: b.index });
      fn.gotos.push({ stmt: s, chain });
      return;
    }
    if (s.tok === "fallthrough") {
      if (!this.fallthroughOk) this.error(s.pos, this.fallthroughError);
      else s.target = fn.targets[fn.targets.length - 1]!.stmt;
      return;
    }
    if (s.label) return this.labeledBranch(s, s.label);
    const targets = fn.targets;
    for (let i = targets.length - 1; i >= 0; i--) {
      const t = targets[i]!.stmt;
      if (s.tok === "continue" && t.kind !== "ForStmt") continue;
      s.target = t;
      return;
    }
    this.error(s.pos, s.tok === "break" ? "break is not in a loop, switch, or select" : "continue is not in a loop");
  }

  private labeledBranch(s: N.BranchStmt, name: N.Name): void {
    const fn = this.fn!;
    const label = fn.info.labels.get(name.value);
    if (!label) {
      this.error(name.pos, `${s.tok} label not defined: ${name.value}`);
      return;
    }
    label.used = true;
    name.obj = label;
    const t = fn.targets.find((x) => x.label === name.value);
    if (!t || (s.tok === "continue" && t.stmt.kind !== "ForStmt")) {
      this.error(name.pos, `invalid ${s.tok} label ${name.value}`);
      return;
    }
    s.target = t.stmt;
  }

  private fallthroughOk = false;
  private fallthroughError = "fallthrough statement out of place";

  private returnStmt(s: N.ReturnStmt): void {
    const info = this.fn!.info;
    s.func = info;
    info.returns.push(s);
    const results = info.results;
    if (s.results.length === 0) {
      if (results.length > 0 && !info.namedResults) {
        this.error(s.pos, `not enough return values\n\thave ()\n\twant (${results.map((r) => errorTypeString(r.type)).join(", ")})`);
      }
      return;
    }
    const xs = s.results.length === 1 ? this.multiExpr(s.results[0]!) : s.results.map((r) => this.expr(r));
    if (xs.some((x) => x.mode === "invalid")) return;
    if (xs.length !== results.length) {
      const at = xs.length > results.length ? s.results[Math.min(results.length, s.results.length - 1)]! : s.results[0]!;
      const have = `(${xs.map(haveTypeString).join(", ")})`;
      const want = `(${results.map((r) => errorTypeString(r.type)).join(", ")})`;
      this.errorAt(at, `${xs.length > results.length ? "too many" : "not enough"} return values\n\thave ${have}\n\twant ${want}`);
      return;
    }
    xs.forEach((x, i) => {
      if (x.mode === "commaok") x.mode = "value";
      this.assignment(x, results[i]!.type, "return statement");
    });
  }

  private callStmt(s: N.CallStmt): void {
    const info = this.fn!.info;
    s.func = info;
    if (s.tok === "go") {
      this.notSupported(s.pos, "go statement");
      return;
    }
    info.defers.push(s);
    if (s.call.kind !== "CallExpr") {
      this.rawExpr(s.call);
      return;
    }
    const x = this.rawExpr(s.call);
    if (x.mode === "invalid") return;
    const call = s.call.call;
    if (call?.kind === "conversion") {
      this.errorAt(s.call, `defer requires function call, not conversion ${operandString(x).replace(/^/, "")}`);
    } else if (call?.kind === "builtin" && (call.builtin === "len" || call.builtin === "new")) {
      this.errorAt(s.call, `defer discards result of ${operandString(x)}`);
    }
  }

  // ------------------------------------------------------------ switch

  private switchStmt(s: N.SwitchStmt, label: string | null, _last: boolean): void {
    this.openScope("switch");
    this.simpleStmt(s.init);
    this.fn!.targets.push({ stmt: s, label });
    if (s.tag?.kind === "TypeSwitchGuard") this.typeSwitch(s, s.tag);
    else this.exprSwitch(s);
    this.fn!.targets.pop();
    this.closeScope();
  }

  private checkDefaults(s: N.SwitchStmt): void {
    let first: N.CaseClause | null = null;
    for (const c of s.body) {
      if (c.cases !== null) continue;
      if (first) this.error(c.pos, `multiple defaults (first at ${formatPos(first.pos)})`);
      else first = c;
    }
  }

  private exprSwitch(s: N.SwitchStmt): void {
    let tag: Operand | null = null;
    if (s.tag) {
      tag = this.expr(s.tag);
      if (tag.mode !== "invalid") this.defaultValue(tag, "switch expression");
      if (tag.mode !== "invalid" && !comparable(tag.type) && !hasNil(tag.type)) {
        this.errorAt(s.tag, `cannot switch on ${operandString(tag)}`);
        tag = null;
      }
    }
    this.checkDefaults(s);
    const seen = new Map<string, { pos: Pos; type: Type }[]>();
    s.body.forEach((c, i) => {
      for (const e of c.cases ?? []) this.caseValue(e, tag, s.tag, seen);
      this.clauseBody(c, i === s.body.length - 1, false);
    });
  }

  private caseValue(e: N.Expr, tag: Operand | null, tagExpr: N.Expr | null, seen: Map<string, { pos: Pos; type: Type }[]>): void {
    const x = this.expr(e);
    if (x.mode === "invalid") return;
    if (!tagExpr) {
      if (!isBoolean(x.type)) {
        this.errorAt(e, `cannot convert ${operandString(x)} to bool`);
        return;
      }
      this.convertUntyped(x, boolType);
      return;
    }
    if (!tag || tag.mode === "invalid") return;
    const t: Operand = { ...tag, expr: tagExpr };
    const cmp: N.Operation = { kind: "Operation", pos: e.pos, op: "==", x: e, y: tagExpr };
    if (!this.matchTypes(cmp, x, t)) return;
    const err = this.comparisonError(x, t, "==");
    if (err) {
      this.errorAt(e, `invalid case ${exprString(e)} in switch on ${exprString(tagExpr)} (${err})`);
      return;
    }
    if (isUntyped(x.type)) this.convertUntyped(x, defaultType(x.type));
    if (x.mode !== "constant") return;
    const key = `${typeof x.value}:${String(x.value)}`;
    const prev = (seen.get(key) ?? []).find((p) => identical(p.type, x.type));
    if (prev) {
      this.errorAt(e, `duplicate case ${operandString(x)} in expression switch\n\t${formatPos(prev.pos)}: previous case`);
      return;
    }
    seen.set(key, [...(seen.get(key) ?? []), { pos: startPos(e), type: x.type }]);
  }

  private clauseBody(c: N.CaseClause, last: boolean, typeSwitch: boolean): void {
    this.openScope("case");
    const n = c.body.length;
    const fn = this.fn!;
    const block: GotoBlock = { pos: c.pos, parent: fn.block, index: 0, labels: new Map(), varDecls: [] };
    fn.block = block;
    c.body.forEach((st, i) => {
      block.index = i;
      const isLast = i === n - 1;
      const saved = [this.fallthroughOk, this.fallthroughError] as const;
      this.fallthroughOk = isLast && !last && !typeSwitch;
      this.fallthroughError = typeSwitch ? "cannot fallthrough in type switch" : isLast && last ? "cannot fallthrough final case in switch" : "fallthrough statement out of place";
      this.stmt(st, isLast);
      [this.fallthroughOk, this.fallthroughError] = saved;
    });
    fn.block = block.parent;
    this.closeScope();
  }

  private typeSwitch(s: N.SwitchStmt, g: N.TypeSwitchGuard): void {
    const x = this.expr(g.x);
    let iface: Interface | null = null;
    if (x.mode !== "invalid") {
      const u = underlying(x.type);
      if (u instanceof Interface) iface = u;
      else this.errorAt(g.x, `${operandString(x)} is not an interface`);
    }
    this.checkDefaults(s);
    const clauseVars: Var[] = [];
    const seen: { type: Type | null; pos: Pos }[] = [];
    s.body.forEach((c, i) => {
      const types = (c.cases ?? []).map((e) => this.typeSwitchCase(e, x, iface, seen));
      this.openScope("type switch case");
      if (g.lhs && g.lhs.value !== "_") {
        const single = types.length === 1 && types[0] ? types[0] : null;
        const t = single ?? (x.mode === "invalid" ? invalidType : x.type);
        const v = new Var(g.lhs.value, g.lhs.pos, t, "local", this.fn!.info);
        this.fn!.info.locals.push(v);
        this.typeSwitchVars.add(v);
        this.scope.insert(v);
        c.implicitVar = v;
        clauseVars.push(v);
      }
      this.clauseBody(c, i === s.body.length - 1, true);
      this.closeScope();
    });
    if (g.lhs) {
      if (g.lhs.value === "_") this.error(g.lhs.pos, "no new variable on left side of :=");
      else if (!clauseVars.some((v) => v.used)) this.error(g.lhs.pos, `${g.lhs.value} declared but not used`);
    }
  }

  /** Checks one type in a type switch case; returns it (null for nil or errors). */
  private typeSwitchCase(e: N.Expr, x: Operand, iface: Interface | null, seen: { type: Type | null; pos: Pos }[]): Type | null {
    const inner = unparen(e);
    if (inner.kind === "Name" && this.scope.lookupParent(inner.value)?.obj instanceof Nil) {
      this.rawExpr(e);
      const prev = seen.find((p) => p.type === null);
      if (prev) this.errorAt(e, `multiple nil cases in type switch (first at ${formatPos(prev.pos)})`);
      else seen.push({ type: null, pos: startPos(e) });
      return null;
    }
    const T = this.typExpr(e);
    if (isInvalid(T)) return null;
    const prev = seen.find((p) => p.type && identical(p.type, T));
    if (prev) {
      this.errorAt(e, `duplicate case ${exprString(e)} in type switch\n\t${formatPos(prev.pos)}: previous case`);
    } else seen.push({ type: T, pos: startPos(e) });
    if (iface && !isInterface(T)) {
      const why = missingMethod(T, completeInterface(iface));
      if (why) this.errorAt(e, `impossible type switch case: ${exprString(e)}\n\t${operandString(x)} cannot have dynamic type ${errorTypeString(T)} ${why}`);
    }
    return T;
  }
}

// ---------------------------------------------------------------- helpers

function commaOkAsValue(x: Operand): Operand {
  if (x.mode === "commaok") x.mode = "value";
  return x;
}

/** Reads the mode after calls that may invalidate the operand (defeats narrowing). */
function failed(x: Operand): boolean {
  return x.mode === "invalid";
}

/** Go's terminating statements (spec "Terminating statements"). */
function isTerminatingList(list: N.Stmt[]): boolean {
  const last = list[list.length - 1];
  return last !== undefined && isTerminating(last, null);
}

function isTerminating(s: N.Stmt, label: string | null): boolean {
  switch (s.kind) {
    case "ReturnStmt":
      return true;
    case "BranchStmt":
      return s.tok === "goto" || s.tok === "fallthrough";
    case "ExprStmt": {
      const call = unparen(s.x);
      return call.kind === "CallExpr" && call.call?.kind === "builtin" && call.call.builtin === "panic";
    }
    case "BlockStmt":
      return isTerminatingList(s.stmtList);
    case "IfStmt":
      return s.else !== null && isTerminatingList(s.then.stmtList) && isTerminating(s.else, null);
    case "LabeledStmt":
      return isTerminating(s.stmt, s.label.value);
    case "ForStmt":
      return s.cond === null && s.init?.kind !== "RangeClause" && !hasBreak(s.body.stmtList, label, true);
    case "SwitchStmt":
      return (
        s.body.some((c) => c.cases === null) &&
        s.body.every((c) => {
          const last = c.body[c.body.length - 1];
          return last !== undefined && isTerminating(last, null) && !hasBreak(c.body, label, true);
        })
      );
    case "SelectStmt":
      return s.body.every((c) => isTerminatingList(c.body) && !hasBreak(c.body, label, true));
    default:
      return false;
  }
}

/** Whether list contains a break referring to the enclosing statement (unlabeled at top nesting, or labeled). */
function hasBreak(list: N.Stmt[], label: string | null, implicit: boolean): boolean {
  return list.some((s) => stmtHasBreak(s, label, implicit));
}

function stmtHasBreak(s: N.Stmt, label: string | null, implicit: boolean): boolean {
  switch (s.kind) {
    case "BranchStmt":
      return s.tok === "break" && (s.label === null ? implicit : s.label.value === label);
    case "BlockStmt":
      return hasBreak(s.stmtList, label, implicit);
    case "IfStmt":
      return hasBreak(s.then.stmtList, label, implicit) || (s.else !== null && stmtHasBreak(s.else, label, implicit));
    case "LabeledStmt":
      return stmtHasBreak(s.stmt, label, implicit);
    case "ForStmt":
      return label !== null && hasBreak(s.body.stmtList, label, false);
    case "SwitchStmt":
      return label !== null && s.body.some((c) => hasBreak(c.body, label, false));
    case "SelectStmt":
      return label !== null && s.body.some((c) => hasBreak(c.body, label, false));
    default:
      return false;
  }
}

function comparePosition(a: Pos, b: Pos): number {
  return a.line - b.line || a.col - b.col;
}

function isComparison(op: N.Operator): boolean {
  return op === "==" || op === "!=" || op === "<" || op === "<=" || op === ">" || op === ">=";
}

function operatorDefined(op: N.Operator, t: Type): boolean {
  switch (op) {
    case "+":
      return isNumeric(t) || isString(t);
    case "-":
    case "*":
    case "/":
      return isNumeric(t);
    case "%":
    case "&":
    case "|":
    case "^":
    case "&^":
      return isInteger(t);
    case "&&":
    case "||":
      return isBoolean(t);
    default:
      return false;
  }
}

/** Whether an untyped constant kind can become a value of basic type t (same class: bool, integer, string). */
function sameClass(untyped: Type, t: Basic): boolean {
  if (isBoolean(untyped)) return isBoolean(t);
  if (isString(untyped)) return isString(t);
  if (isInteger(untyped)) return isInteger(t);
  return false;
}

/** untyped rune wins over untyped int, as Go's constant kinds order them. */
function largerUntyped(a: Type, b: Type): Type {
  if (a === Typ[BasicKind.UntypedRune] || b === Typ[BasicKind.UntypedRune]) return isUntyped(a) && isUntyped(b) ? Typ[BasicKind.UntypedRune] : a;
  return a;
}

/** The type shown first in a mismatched-types message: the operand as written on the left. */
function leftType(e: N.Expr, u: Operand, target: Type): string {
  const left = e.kind === "Operation" && e.x === u.expr;
  return left ? `${errorTypeString(u.type)} and ${errorTypeString(target)}` : `${errorTypeString(target)} and ${errorTypeString(u.type)}`;
}

function runeToString(v: bigint): string {
  if (v < 0n || v > 0x10ffffn || (v >= 0xd800n && v < 0xe000n)) return utf8ByteString("\uFFFD");
  return utf8ByteString(String.fromCodePoint(Number(v)));
}

/** Whether an expression contains a (non-constant) function call, which makes len() non-constant. */
function containsCall(e: N.Expr): boolean {
  switch (e.kind) {
    case "CallExpr":
      return e.call?.kind !== "conversion" || e.argList.some(containsCall);
    case "ParenExpr":
      return containsCall(e.x);
    case "SelectorExpr":
      return containsCall(e.x);
    case "IndexExpr":
      return containsCall(e.x) || containsCall(e.index);
    case "Operation":
      return containsCall(e.x) || (e.y !== null && containsCall(e.y));
    default:
      return false;
  }
}

function rangeTypes(t: Type): { kind: "array" | "ptrArray" | "string" | "int"; key: Type; value: Type } | null {
  const u = underlying(t);
  if (isString(t)) return { kind: "string", key: intType, value: runeType };
  if (isInteger(t)) return { kind: "int", key: t, value: invalidType };
  if (u instanceof Array) return { kind: "array", key: intType, value: u.elem };
  if (u instanceof Pointer && underlying(u.elem) instanceof Array) return { kind: "ptrArray", key: intType, value: (underlying(u.elem) as Array).elem };
  return null;
}

function embeddedName(e: N.Expr): string {
  switch (e.kind) {
    case "Name":
      return e.value;
    case "SelectorExpr":
      return e.sel.value;
    case "Operation":
      return embeddedName(e.x);
    case "ParenExpr":
      return embeddedName(e.x);
    default:
      return "_";
  }
}

/** The leftmost position of an expression or statement, where Go reports errors about it. */
export function startPos(n: N.Expr | N.Stmt | N.Field): Pos {
  switch (n.kind) {
    case "Operation":
      return n.y === null ? n.pos : startPos(n.x);
    case "SelectorExpr":
    case "IndexExpr":
    case "SliceExpr":
    case "AssertExpr":
      return startPos(n.x);
    case "CallExpr":
      return startPos(n.fun);
    case "CompositeLit":
      return n.type ? startPos(n.type) : n.pos;
    case "KeyValueExpr":
      return startPos(n.key);
    case "TypeSwitchGuard":
      return n.lhs ? n.lhs.pos : startPos(n.x);
    case "AssignStmt":
      return n.lhs[0] ? startPos(n.lhs[0]) : n.pos;
    case "ExprStmt":
      return startPos(n.x);
    default:
      return n.pos;
  }
}

export type { Selection };
