// Objects (named language entities), scopes and the per-function and
// per-node information the checker records for the later phases.

import type { Pos } from "../syntax/pos.js";
import type {
  BranchStmt,
  CallStmt,
  Expr,
  File,
  FuncDecl,
  FuncLit,
  LabeledStmt,
  ReturnStmt,
} from "../syntax/nodes.js";
import type { ConstValue, Interface, Signature, Type } from "./types.js";

export type VarKind = "local" | "param" | "result" | "global" | "receiver" | "field";

abstract class ObjectBase {
  constructor(
    /** Declared name (`_` for blank). */
    readonly name: string,
    /** Position of the declaring identifier (or of the construct declaring it implicitly). */
    readonly pos: Pos,
    /** The object's type; set once resolved. */
    public type: Type,
  ) {}

  get exported(): boolean {
    const c = this.name.codePointAt(0) ?? 0;
    return c >= 0x41 && c <= 0x5a;
  }
}

export class Var extends ObjectBase {
  readonly tag = "Var";
  /** True when the variable's address is taken: `&x`, an auto-& method call, or a `&x.f` on a struct value. */
  addrTaken = false;
  /** True when referenced from a function literal nested in its owning function. */
  captured = false;
  /** The function literals that reference it, in order of first reference. */
  readonly capturedBy: FuncInfo[] = [];
  /** True once the variable is read (for "declared but not used"). */
  used = false;
  /** Struct fields only: true for embedded fields. */
  embedded = false;
  /** Params/results: true when synthesized for an unnamed or blank parameter/result. */
  synthetic = false;
  constructor(
    name: string,
    pos: Pos,
    type: Type,
    /** What declared it. */
    readonly varKind: VarKind,
    /** The function or function literal declaring it; null for globals and fields. */
    public fn: FuncInfo | null,
  ) {
    super(name, pos, type);
  }
}

export class Const extends ObjectBase {
  readonly tag = "Const";
  /** True once referenced. */
  used = false;
  constructor(
    name: string,
    pos: Pos,
    type: Type,
    /** The exact value. */
    public value: ConstValue,
  ) {
    super(name, pos, type);
  }
}

export class TypeName extends ObjectBase {
  readonly tag = "TypeName";
  constructor(
    name: string,
    pos: Pos,
    type: Type,
    /** True for predeclared types (int, error, any, ...). */
    readonly universe: boolean,
    /** Package-qualified prefix used when printing (`main` for package types, "" for predeclared and local). */
    readonly pkg: string,
  ) {
    super(name, pos, type);
  }
}

/**
 * A method the runtime core implements (package testing): calls pass the
 * receiver, and for the log methods a record of the arguments, to the
 * runtime entry point `name`; `mode` is the TLOG_* bits of a log method.
 */
export interface Intrinsic {
  name: string;
  mode?: number;
}

export class Func extends ObjectBase {
  readonly tag = "Func";
  /** Per-function information; null for interface methods and functions without body. */
  info: FuncInfo | null = null;
  /** Set for a method the runtime implements; such a Func has no declaration. */
  intrinsic: Intrinsic | null = null;
  constructor(
    name: string,
    pos: Pos,
    type: Signature,
    /** The declaration; null for interface methods. */
    readonly decl: FuncDecl | null,
    /** Go's symbol name: `main.f`, `main.T.M`, `main.(*T).M`; for interface methods the bare name. */
    readonly fullName: string,
    /** Methods: true for a pointer receiver. */
    readonly ptrRecv: boolean,
  ) {
    super(name, pos, type);
  }

  get sig(): Signature {
    return this.type as Signature;
  }
}

export type BuiltinId =
  | "append" | "cap" | "clear" | "close" | "complex" | "copy" | "delete" | "imag" | "len" | "make"
  | "max" | "min" | "new" | "panic" | "print" | "println" | "real" | "recover";

/** The builtins the subset implements; calling any other is "not supported". */
export const SUPPORTED_BUILTINS: ReadonlySet<BuiltinId> = new Set(["len", "new", "panic", "print", "println", "recover"]);

export class Builtin extends ObjectBase {
  readonly tag = "Builtin";
  constructor(
    name: string,
    pos: Pos,
    type: Type,
    /** Which builtin. */
    readonly id: BuiltinId,
  ) {
    super(name, pos, type);
  }
}

export class Nil extends ObjectBase {
  readonly tag = "Nil";
}

export class Label extends ObjectBase {
  readonly tag = "Label";
  /** True once a branch refers to it. */
  used = false;
  constructor(
    name: string,
    pos: Pos,
    type: Type,
    /** The labeled statement. */
    readonly stmt: LabeledStmt,
  ) {
    super(name, pos, type);
  }
}

/** An imported package's name in the importing file, as `testing`. */
export class PkgName extends ObjectBase {
  readonly tag = "PkgName";
  constructor(
    name: string,
    pos: Pos,
    type: Type,
    /** The import path. */
    readonly path: string,
    /** The imported package's exported declarations. */
    readonly members: Scope,
  ) {
    super(name, pos, type);
  }
}

export type LangObject = Var | Const | TypeName | Func | Builtin | Nil | Label | PkgName;

// ---------------------------------------------------------------- scopes

export class Scope {
  readonly elems = new Map<string, LangObject>();
  readonly children: Scope[] = [];
  constructor(
    /** Enclosing scope, null for the universe. */
    readonly parent: Scope | null,
    /** What opened the scope, for debugging. */
    readonly comment: string,
    /** Function owning the scope; null at package and universe level. */
    readonly fn: FuncInfo | null,
  ) {
    parent?.children.push(this);
  }

  lookup(name: string): LangObject | undefined {
    return this.elems.get(name);
  }

  /** Finds name here or in an enclosing scope, with the scope it was found in. */
  lookupParent(name: string): { scope: Scope; obj: LangObject } | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const obj = s.elems.get(name);
      if (obj) return { scope: s, obj };
    }
    return undefined;
  }

  /** Inserts obj; returns the existing object of that name instead if there is one. */
  insert(obj: LangObject): LangObject | undefined {
    const prev = this.elems.get(obj.name);
    if (prev) return prev;
    this.elems.set(obj.name, obj);
    return undefined;
  }
}

// ---------------------------------------------------------------- per-function info

export class FuncInfo {
  /** Function literals directly nested in this function, in source order. */
  readonly funcLits: FuncInfo[] = [];
  /** Variables of enclosing functions referenced here (or in nested literals), in first-reference order. */
  readonly captures: Var[] = [];
  /** All local variables declared in the body (params/results excluded), in declaration order. */
  readonly locals: Var[] = [];
  /** defer statements, in source order. */
  readonly defers: CallStmt[] = [];
  /** return statements, in source order. */
  readonly returns: ReturnStmt[] = [];
  /** Labels declared in the body. */
  readonly labels = new Map<string, Label>();
  /** goto statements, resolved to their target in BranchStmt.target. */
  readonly gotos: BranchStmt[] = [];
  /** Parameters (synthetic Vars for unnamed ones), in order. */
  params: Var[] = [];
  /** Results (synthetic Vars for unnamed ones), in order. */
  results: Var[] = [];
  /** The receiver of a method, else null. */
  recv: Var | null = null;
  constructor(
    /** Go's symbol name: `main.f`, `main.(*T).M`, `main.f.func1`, `main.glob..func1` (literals are named once their enclosing function is checked). */
    public name: string,
    /** The function's signature. */
    readonly sig: Signature,
    /** The declaration or literal. */
    readonly node: FuncDecl | FuncLit,
    /** The enclosing function for literals; null for top-level functions and literals in package-level initializers. */
    readonly outer: FuncInfo | null,
    /** The Func object for declared functions and methods; null for literals. */
    readonly obj: Func | null,
  ) {}

  /** True when some result is named (bare returns are allowed). */
  get namedResults(): boolean {
    return this.results.some((r) => !r.synthetic);
  }
}

// ---------------------------------------------------------------- selections

/** `x.f` where f is a (possibly promoted) struct field. */
export interface FieldSelection {
  kind: "field";
  /** Field indices from x's struct through embedded fields to the field. */
  path: number[];
  /** The selected field. */
  field: Var;
  /** True when x itself is a pointer that is dereferenced automatically. */
  ptrBase: boolean;
  /** True when some step (the base or an embedded field) dereferences a pointer. */
  indirect: boolean;
}

/** `x.M` or `x.M(...)` where M is a concrete method. */
export interface MethodSelection {
  kind: "method";
  /** The method. */
  func: Func;
  /** Embedded field indices leading to the receiver (empty when M is declared on x's type). */
  path: number[];
  /** True when M has a pointer receiver. */
  ptrRecv: boolean;
  /** True when the compiler must take the address of the (addressable) receiver operand. */
  addr: boolean;
  /** True when the compiler must dereference a pointer to get the value receiver. */
  deref: boolean;
  /** True for a method value (`f := x.M`), false for a direct call. */
  isValue: boolean;
}

/** `x.M` where x is an interface (or M is promoted from an embedded interface). */
export interface InterfaceMethodSelection {
  kind: "ifaceMethod";
  /** The interface type whose method table is used. */
  iface: Interface;
  /** Index in the interface's sorted method list. */
  index: number;
  /** The interface method. */
  func: Func;
  /** Embedded field indices leading to the interface value (empty when x is the interface). */
  path: number[];
  /** True for a method value, false for a direct call. */
  isValue: boolean;
}

/** `T.M` or `(*T).M`. */
export interface MethodExprSelection {
  kind: "methodExpr";
  /** The method. */
  func: Func;
  /** The receiver type named in the expression. */
  recvType: Type;
  /** Embedded field indices leading to the receiver. */
  path: number[];
}

export type Selection = FieldSelection | MethodSelection | InterfaceMethodSelection | MethodExprSelection;

// ---------------------------------------------------------------- calls

export type CallKind = "conversion" | "builtin" | "func" | "method" | "ifaceMethod" | "funcValue";

export interface CallInfo {
  /** How the call is made. */
  kind: CallKind;
  /** builtin calls: which builtin. */
  builtin?: BuiltinId;
  /** func/method/ifaceMethod calls: the callee. */
  func?: Func;
  /** Signature of the callee (absent for conversions and builtins). */
  sig?: Signature;
  /** Conversions: the target type. */
  convType?: Type;
}

// ---------------------------------------------------------------- range

export type RangeKind = "array" | "ptrArray" | "string" | "int";

export interface RangeInfo {
  /** What is ranged over. */
  rangeKind: RangeKind;
  /** Key variable when defined with `:=`, else null. */
  keyVar: Var | null;
  /** Value variable when defined with `:=`, else null. */
  valueVar: Var | null;
  /** Type of the key (int for arrays and strings, the operand's type for integers). */
  keyType: Type;
  /** Type of the value (element type, or rune for strings); null for ranges over integers. */
  valueType: Type | null;
}

// ---------------------------------------------------------------- package

export interface Initializer {
  /** Variables initialised together (several for `var a, b = f()`). */
  lhs: Var[];
  /** The initialising expression. */
  rhs: Expr;
}

export interface Package {
  /** Package name. */
  name: string;
  /** Files, in the order given. */
  files: File[];
  /** Package scope. */
  scope: Scope;
  /** Top-level functions and methods with bodies, in source order. */
  funcs: Func[];
  /** `func init` declarations, in source order (Go names them main.init.0, ...). */
  initFuncs: FuncInfo[];
  /** Package variables, in source order. */
  vars: Var[];
  /** Package variable initialisation in Go's dependency order. */
  initOrder: Initializer[];
  /** Function literals in package-level var initializers (`main.glob..func1`, ...). */
  globLits: FuncInfo[];
  /** Named types declared at package level, in source order (methods in Named.methods). */
  types: TypeName[];
}
