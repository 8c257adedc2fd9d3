// The abstract syntax tree, shaped like Go's cmd/compile/internal/syntax.
// Fields marked "checker" are filled in by the type checker (types/check.ts);
// the parser leaves them undefined.

import type { Pos } from "./pos.js";
import type { ConstValue, Type } from "../types/types.js";
import type {
  CallInfo,
  FuncInfo,
  Label,
  LangObject,
  RangeInfo,
  Selection,
  Var,
} from "../types/objects.js";

export type { Pos } from "./pos.js";

export type Operator =
  | "!" | "<-" | "~"
  | "||" | "&&"
  | "==" | "!=" | "<" | "<=" | ">" | ">="
  | "+" | "-" | "|" | "^"
  | "*" | "/" | "%" | "&" | "&^" | "<<" | ">>";

/** Operators usable in `x op= y`. */
export type AssignOperator = "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>" | "&^";

// ---------------------------------------------------------------- files

export interface File {
  kind: "File";
  pos: Pos;
  /** The package clause's name. */
  pkgName: Name;
  /** Top-level declarations in source order; grouped specs are flattened. */
  declList: Decl[];
  /** Position just past the last token. */
  eof: Pos;
}

// ---------------------------------------------------------------- declarations

export type Decl = ImportDecl | ConstDecl | TypeDecl | VarDecl | FuncDecl;

/** Shared by the specs of one parenthesised `const (...)`/`var (...)` group. */
export interface Group {
  /** Position of the keyword starting the group. */
  pos: Pos;
}

export interface ImportDecl {
  kind: "ImportDecl";
  pos: Pos;
  /** `name` in `import name "path"`, if present. */
  localPkgName: Name | null;
  /** The quoted import path. */
  path: BasicLit;
  /** Non-null when the spec is part of a parenthesised group. */
  group: Group | null;
}

export interface ConstDecl {
  kind: "ConstDecl";
  pos: Pos;
  /** Declared names. */
  nameList: Name[];
  /** Explicit type, or null. */
  type: Expr | null;
  /** Explicit values; empty when the spec repeats the previous one implicitly. */
  values: Expr[];
  /** Value of iota for this spec (its index in the group). */
  iota: number;
  /** Non-null when the spec is part of a parenthesised group. */
  group: Group | null;
  /** checker: the constants declared. */
  objs?: LangObject[];
}

export interface TypeDecl {
  kind: "TypeDecl";
  pos: Pos;
  /** Declared type name. */
  name: Name;
  /** True for `type A = B`. */
  alias: boolean;
  /** The type expression. */
  type: Expr;
  /** Non-null when the spec is part of a parenthesised group. */
  group: Group | null;
}

export interface VarDecl {
  kind: "VarDecl";
  pos: Pos;
  /** Declared names. */
  nameList: Name[];
  /** Explicit type, or null. */
  type: Expr | null;
  /** Initial values; empty when none. */
  values: Expr[];
  /** Non-null when the spec is part of a parenthesised group. */
  group: Group | null;
  /** checker: the variables declared, one per name (blank names included). */
  vars?: Var[];
}

export interface FuncDecl {
  kind: "FuncDecl";
  pos: Pos;
  /** The receiver of a method, or null for a function. */
  recv: Field | null;
  /** Function or method name. */
  name: Name;
  /** Parameters and results. */
  type: FuncType;
  /** The body; null for a declaration without body. */
  body: BlockStmt | null;
  /** checker: per-function information. */
  info?: FuncInfo;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | BadExpr
  | Name
  | BasicLit
  | CompositeLit
  | KeyValueExpr
  | FuncLit
  | ParenExpr
  | SelectorExpr
  | IndexExpr
  | SliceExpr
  | AssertExpr
  | TypeSwitchGuard
  | Operation
  | CallExpr
  | ArrayType
  | SliceType
  | DotsType
  | StructType
  | InterfaceType
  | FuncType
  | MapType
  | ChanType;

/** What an expression denotes, as Go's types2 operand modes. */
export type OperandMode =
  | "novalue" /** a call without results */
  | "builtin" /** a builtin name (only as a callee) */
  | "typexpr" /** a type */
  | "constant" /** a constant; value is set */
  | "variable" /** an addressable value */
  | "value" /** a computed value */
  | "commaok" /** a type assertion usable in `v, ok :=` form */;

/** Type and value of a checked expression (Go's syntax.TypeAndValue). */
export interface TypeAndValue {
  /** What the expression denotes. */
  mode: OperandMode;
  /** The expression's type; for untyped constants, the type converted to at the use site. */
  type: Type;
  /** The exact value when mode is "constant". */
  value?: ConstValue;
}

/** Fields the checker fills on every expression it evaluates. */
export interface Typed {
  /** checker: type, mode and constant value. */
  tv?: TypeAndValue;
}

/** A placeholder for an expression that failed to parse. */
export interface BadExpr extends Typed {
  kind: "BadExpr";
  pos: Pos;
}

export interface Name extends Typed {
  kind: "Name";
  pos: Pos;
  /** The identifier. */
  value: string;
  /** checker: the object the name declares or refers to (null for `_` and package names). */
  obj?: LangObject | null;
}

export type LitKind = "int" | "float" | "imag" | "rune" | "string";

export interface BasicLit extends Typed {
  kind: "BasicLit";
  pos: Pos;
  /** The literal's source text, quotes included. */
  value: string;
  /** Which kind of literal. */
  litKind: LitKind;
  /** True when the scanner reported a syntax error in the literal. */
  bad: boolean;
}

export interface CompositeLit extends Typed {
  kind: "CompositeLit";
  pos: Pos;
  /** The literal's type; null for elided types inside another literal. */
  type: Expr | null;
  /** Elements; keyed ones are KeyValueExpr. */
  elemList: Expr[];
  /** Number of keyed elements. */
  nkeys: number;
  /** Position of the closing brace. */
  rbrace: Pos;
}

export interface KeyValueExpr extends Typed {
  kind: "KeyValueExpr";
  pos: Pos;
  /** The key (field name or array index). */
  key: Expr;
  /** The element value. */
  value: Expr;
}

export interface FuncLit extends Typed {
  kind: "FuncLit";
  pos: Pos;
  /** Signature. */
  type: FuncType;
  /** Body. */
  body: BlockStmt;
  /** checker: per-function information, with Go's symbol name and captured variables. */
  info?: FuncInfo;
}

export interface ParenExpr extends Typed {
  kind: "ParenExpr";
  pos: Pos;
  /** The parenthesised expression. */
  x: Expr;
}

export interface SelectorExpr extends Typed {
  kind: "SelectorExpr";
  pos: Pos;
  /** The operand. */
  x: Expr;
  /** The selected name. */
  sel: Name;
  /** checker: what the selector denotes. */
  selection?: Selection;
}

export interface IndexExpr extends Typed {
  kind: "IndexExpr";
  pos: Pos;
  /** The indexed operand. */
  x: Expr;
  /** The index. */
  index: Expr;
}

export interface SliceExpr extends Typed {
  kind: "SliceExpr";
  pos: Pos;
  /** The sliced operand. */
  x: Expr;
  /** low, high, max; null where omitted. */
  index: [Expr | null, Expr | null, Expr | null];
  /** True for the three-index form. */
  full: boolean;
}

export interface AssertExpr extends Typed {
  kind: "AssertExpr";
  pos: Pos;
  /** The interface operand. */
  x: Expr;
  /** The asserted type. */
  assertType: Expr;
  /** checker: true in `v, ok := x.(T)` form. */
  commaOk?: boolean;
}

/** `x.(type)` or `v := x.(type)` in a type switch header. */
export interface TypeSwitchGuard extends Typed {
  kind: "TypeSwitchGuard";
  pos: Pos;
  /** The declared variable name, or null. */
  lhs: Name | null;
  /** The interface operand. */
  x: Expr;
}

/** A unary (y === null) or binary operation. */
export interface Operation extends Typed {
  kind: "Operation";
  pos: Pos;
  /** The operator. */
  op: Operator;
  /** First (or only) operand. */
  x: Expr;
  /** Second operand, or null for unary operations. */
  y: Expr | null;
}

export interface CallExpr extends Typed {
  kind: "CallExpr";
  pos: Pos;
  /** The callee expression. */
  fun: Expr;
  /** Arguments. */
  argList: Expr[];
  /** True when the last argument is followed by `...`. */
  hasDots: boolean;
  /** checker: how the call is made. */
  call?: CallInfo;
}

// ---------------------------------------------------------------- type expressions

export interface ArrayType extends Typed {
  kind: "ArrayType";
  pos: Pos;
  /** Length expression; null for `[...]T`. */
  len: Expr | null;
  /** Element type. */
  elem: Expr;
}

export interface SliceType extends Typed {
  kind: "SliceType";
  pos: Pos;
  /** Element type. */
  elem: Expr;
}

/** `...T` of a variadic parameter. */
export interface DotsType extends Typed {
  kind: "DotsType";
  pos: Pos;
  /** Element type. */
  elem: Expr;
}

export interface StructType extends Typed {
  kind: "StructType";
  pos: Pos;
  /** One Field per declared name (they share the type node); embedded fields have name null. */
  fieldList: Field[];
  /** Tag literal per field, null where absent. */
  tagList: (BasicLit | null)[];
}

/** A struct field, parameter, result, receiver or interface method. */
export interface Field {
  kind: "Field";
  pos: Pos;
  /** Name, or null for embedded fields and unnamed parameters. */
  name: Name | null;
  /** Type; for interface methods, the FuncType. */
  type: Expr;
}

export interface InterfaceType extends Typed {
  kind: "InterfaceType";
  pos: Pos;
  /** Methods (named, FuncType) and embedded interfaces (name null). */
  methodList: Field[];
}

export interface FuncType extends Typed {
  kind: "FuncType";
  pos: Pos;
  /** Parameters, one Field per name. */
  paramList: Field[];
  /** Results, one Field per name. */
  resultList: Field[];
}

export interface MapType extends Typed {
  kind: "MapType";
  pos: Pos;
  /** Key type. */
  key: Expr;
  /** Value type. */
  value: Expr;
}

export type ChanDir = "both" | "send" | "recv";

export interface ChanType extends Typed {
  kind: "ChanType";
  pos: Pos;
  /** Direction. */
  dir: ChanDir;
  /** Element type. */
  elem: Expr;
}

// ---------------------------------------------------------------- statements

export type Stmt =
  | EmptyStmt
  | LabeledStmt
  | BlockStmt
  | ExprStmt
  | SendStmt
  | DeclStmt
  | AssignStmt
  | BranchStmt
  | CallStmt
  | ReturnStmt
  | IfStmt
  | ForStmt
  | SwitchStmt
  | SelectStmt;

/** Statements allowed in if/for/switch headers. */
export type SimpleStmt = EmptyStmt | ExprStmt | SendStmt | AssignStmt;

export interface EmptyStmt {
  kind: "EmptyStmt";
  pos: Pos;
}

export interface LabeledStmt {
  kind: "LabeledStmt";
  pos: Pos;
  /** The label. */
  label: Name;
  /** The labeled statement. */
  stmt: Stmt;
  /** checker: the label object. */
  labelObj?: Label;
}

export interface BlockStmt {
  kind: "BlockStmt";
  pos: Pos;
  /** Statements. */
  stmtList: Stmt[];
  /** Position of the closing brace. */
  rbrace: Pos;
}

export interface ExprStmt {
  kind: "ExprStmt";
  pos: Pos;
  /** The expression. */
  x: Expr;
}

export interface SendStmt {
  kind: "SendStmt";
  pos: Pos;
  /** Channel. */
  chan: Expr;
  /** Value sent. */
  value: Expr;
}

export interface DeclStmt {
  kind: "DeclStmt";
  pos: Pos;
  /** The declarations (const, type, var). */
  declList: Decl[];
}

/**
 * `lhs = rhs`, `lhs := rhs` (define), `x op= y` (op set) and `x++`/`x--`
 * (incDec, op "+"/"-", rhs empty).
 */
export interface AssignStmt {
  kind: "AssignStmt";
  pos: Pos;
  /** The operator of op-assignments and ++/--; null for `=` and `:=`. */
  op: AssignOperator | null;
  /** True for `:=`. */
  define: boolean;
  /** True for `x++` and `x--`. */
  incDec: boolean;
  /** Left-hand side. */
  lhs: Expr[];
  /** Right-hand side; empty for ++/--. */
  rhs: Expr[];
  /** checker, `:=` only: per lhs, the new variable it declares, or null if it assigns an existing one. */
  newVars?: (Var | null)[];
}

export type BranchTok = "break" | "continue" | "goto" | "fallthrough";

export interface BranchStmt {
  kind: "BranchStmt";
  pos: Pos;
  /** Which branch. */
  tok: BranchTok;
  /** Label, or null. */
  label: Name | null;
  /**
   * checker: the statement the branch refers to: the loop/switch for break,
   * the loop for continue, the LabeledStmt for goto, the SwitchStmt for fallthrough.
   */
  target?: Stmt;
}

/** `defer call` or `go call`. */
export interface CallStmt {
  kind: "CallStmt";
  pos: Pos;
  /** Which keyword. */
  tok: "defer" | "go";
  /** The deferred call (a CallExpr after a successful parse). */
  call: Expr;
  /** checker: the function whose body contains the statement. */
  func?: FuncInfo;
}

export interface ReturnStmt {
  kind: "ReturnStmt";
  pos: Pos;
  /** Result expressions; empty for a bare return. */
  results: Expr[];
  /** checker: the function returned from. */
  func?: FuncInfo;
}

export interface IfStmt {
  kind: "IfStmt";
  pos: Pos;
  /** Init statement, or null. */
  init: SimpleStmt | null;
  /** The condition. */
  cond: Expr;
  /** The then block. */
  then: BlockStmt;
  /** else branch: an IfStmt or a BlockStmt, or null. */
  else: Stmt | null;
}

export interface ForStmt {
  kind: "ForStmt";
  pos: Pos;
  /** Init statement, or the RangeClause of a range loop, or null. */
  init: SimpleStmt | RangeClause | null;
  /** The condition, or null. */
  cond: Expr | null;
  /** The post statement, or null. */
  post: SimpleStmt | null;
  /** The body. */
  body: BlockStmt;
  /** checker: variables declared by the loop header that get a fresh copy per iteration (Go 1.22 semantics). */
  perIterVars?: Var[];
}

/** `k, v := range x` / `k, v = range x` / `range x`, as the init of a ForStmt. */
export interface RangeClause {
  kind: "RangeClause";
  pos: Pos;
  /** Key and value expressions (0, 1 or 2). */
  lhs: Expr[];
  /** True for `:=`. */
  def: boolean;
  /** The ranged expression. */
  x: Expr;
  /** checker: what is ranged over and the iteration variables. */
  info?: RangeInfo;
}

export interface SwitchStmt {
  kind: "SwitchStmt";
  pos: Pos;
  /** Init statement, or null. */
  init: SimpleStmt | null;
  /** Tag expression; a TypeSwitchGuard for type switches; null for `switch {`. */
  tag: Expr | null;
  /** Case clauses. */
  body: CaseClause[];
  /** Position of the closing brace. */
  rbrace: Pos;
}

export interface CaseClause {
  kind: "CaseClause";
  pos: Pos;
  /** Case expressions (types in a type switch); null for `default`. */
  cases: Expr[] | null;
  /** Clause body. */
  body: Stmt[];
  /** Position of the colon. */
  colon: Pos;
  /** checker, type switches with a variable: the variable implicitly declared in this clause. */
  implicitVar?: Var;
}

export interface SelectStmt {
  kind: "SelectStmt";
  pos: Pos;
  /** Communication clauses. */
  body: CommClause[];
}

export interface CommClause {
  kind: "CommClause";
  pos: Pos;
  /** Send or receive statement; null for default. */
  comm: SimpleStmt | null;
  /** Clause body. */
  body: Stmt[];
}

export type Node = File | Decl | Expr | Stmt | Field | RangeClause | CaseClause | CommClause;
