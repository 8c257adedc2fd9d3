// Expressions: constants, operators, places (variables, fields, elements,
// dereferences), conversions, comparisons and function literals.

import * as ir from "../ssa/ir.js";
import type * as syn from "../syntax/nodes.js";
import {
  Array as ArrayType,
  Basic,
  BasicKind,
  Interface,
  Pointer,
  Struct,
  Tuple,
  Typ,
  underlying,
  defaultType,
  isInterface,
  isString,
  isUnsigned,
  type ConstValue,
  type Type,
} from "../types/types.js";
import { layout, fieldLeafStarts, needsMemory } from "../abi/abi.js";
import { FuncGen, type Place, type Words } from "./func.js";
import { UnsupportedError, isEmptyInterface as isEmptyIface } from "./pkg.js";
import { genCall } from "./call.js";
import { genAssert, convertToInterface, interfaceEqual } from "./iface.js";
import { unparen } from "../escape/escape.js";
import { testingInterfaceError } from "../testing/ssagen.js";
import { isTestingType } from "../testing/testing.js";

function typeOf(e: syn.Expr): Type {
  const t = e.tv?.type;
  if (!t) throw new Error(`internal error: untyped expression ${e.kind} at ${e.pos.line}:${e.pos.col}`);
  return t;
}

// ---------------------------------------------------------------- constants

/** The words of a constant of type t (untyped kinds take their default type). */
export function constWords(g: FuncGen, t: Type, v: ConstValue): Words {
  const u = underlying(t);
  if (u instanceof Interface) {
    const dt = defaultOf(v);
    return convertToInterface(g, constWords(g, dt, v), dt, t, 0, v);
  }
  if (typeof v === "boolean") return [g.b.i32(v ? 1 : 0)];
  if (typeof v === "string") {
    const n = g.pkg.reflect.stringBytes(v);
    return [n === 0 ? g.b.i32(0) : g.b.addr(g.pkg.reflect.stringSym(v)), g.b.i32(n)];
  }
  const leaf = layout(isUntypedNumber(u) ? Typ[BasicKind.Int64] : t).leaves[0]!;
  if (leaf.type === "i64") return [g.b.i64(BigInt.asIntN(64, v))];
  return [g.b.i32(Number(BigInt.asIntN(32, v)))];
}

function isUntypedNumber(u: Type): boolean {
  return u instanceof Basic && (u.kind === BasicKind.UntypedInt || u.kind === BasicKind.UntypedRune);
}

function defaultOf(v: ConstValue): Type {
  if (typeof v === "boolean") return Typ[BasicKind.Bool];
  if (typeof v === "string") return Typ[BasicKind.String];
  return Typ[BasicKind.Int];
}

// ---------------------------------------------------------------- expressions

export function genExpr(g: FuncGen, e: syn.Expr): Words {
  const tv = e.tv;
  if (tv?.mode === "constant" && tv.value !== undefined) return constWords(g, tv.type, tv.value);
  switch (e.kind) {
    case "ParenExpr":
      return genExpr(g, e.x);
    case "Name":
      return genName(g, e);
    case "FuncLit":
      return [genFuncLit(g, e)];
    case "SelectorExpr":
      return genSelector(g, e);
    case "IndexExpr":
      return genIndex(g, e);
    case "Operation":
      return genOperation(g, e);
    case "CallExpr":
      return genCall(g, e);
    case "AssertExpr":
      return genAssert(g, e, false);
    case "CompositeLit":
      return genCompositeLit(g, e, typeOf(e));
    case "KeyValueExpr":
    case "BadExpr":
    case "BasicLit":
    case "TypeSwitchGuard":
      throw new Error(`internal error: unexpected ${e.kind}`);
    default:
      throw new UnsupportedError(e.pos, `${describe(e)} not supported`);
  }
}

function describe(e: syn.Expr): string {
  switch (e.kind) {
    case "SliceExpr":
      return "slice expression";
    case "MapType":
      return "map type";
    case "ChanType":
      return "channel type";
    case "SliceType":
      return "slice type";
    default:
      return e.kind;
  }
}

function genName(g: FuncGen, e: syn.Name): Words {
  const obj = e.obj;
  if (!obj) throw new Error(`internal error: unresolved name ${e.value}`);
  switch (obj.tag) {
    case "Var":
      return g.load(g.varPlace(obj));
    case "Nil":
      return g.zeroWords(typeOf(e));
    case "Func":
      return [g.b.addr(g.pkg.reflect.funcvalSym(g.pkg.wrappers.valueSym(obj)))];
    default:
      throw new Error(`internal error: name ${e.value} of kind ${obj.tag} used as a value`);
  }
}

/** A list of expressions as values of the given types: handles `f()` returning several results and comma-ok forms. */
export function genExprList(g: FuncGen, exprs: syn.Expr[], types: Type[]): Words[] {
  if (exprs.length === 1 && types.length > 1) {
    const e = unparen(exprs[0]!);
    if (e.kind === "AssertExpr") return splitWords(genAssert(g, e, true), [typeOf(e), Typ[BasicKind.Bool]], types, g, e.pos);
    const tt = typeOf(e);
    const parts = tt instanceof Tuple ? tt.vars.map((v) => v.type) : [tt];
    return splitWords(genExpr(g, e), parts, types, g, e.pos);
  }
  return exprs.map((x, i) => genExprTo(g, x, types[i] ?? typeOf(x)));
}

/**
 * An expression as a value of type `to`, which it is assignable to. A
 * constant going into an interface is boxed in static data, as Go does:
 * `panic("x")` allocates nothing.
 */
export function genExprTo(g: FuncGen, e: syn.Expr, to: Type): Words {
  const tv = e.tv;
  if (tv?.mode === "constant" && tv.value !== undefined && isInterface(to) && !isInterface(tv.type)) {
    const from = defaultType(tv.type);
    return convertToInterface(g, constWords(g, from, tv.value), from, to, e.pos.line, tv.value);
  }
  return convertWords(g, genExpr(g, e), typeOf(e), to, e.pos);
}

function splitWords(g0: Words, parts: Type[], targets: Type[], g: FuncGen, pos: syn.Pos): Words[] {
  const out: Words[] = [];
  let at = 0;
  parts.forEach((t, i) => {
    const n = layout(t).leaves.length;
    out.push(convertWords(g, g0.slice(at, at + n), t, targets[i] ?? t, pos));
    at += n;
  });
  return out;
}

/** Implicit conversion for assignment: to interfaces, and nothing else (types are already identical). */
export function convertWords(g: FuncGen, words: Words, from: Type, to: Type, pos: syn.Pos): Words {
  if (isInterface(to) && !isInterface(from)) {
    if (isUntypedNil(from)) return g.zeroWords(to);
    if (isTestingType(from)) throw testingInterfaceError(pos, from);
    return convertToInterface(g, words, from, to, pos.line);
  }
  if (isInterface(to) && isInterface(from)) return convertInterfaceToInterface(g, words, from, to);
  return words;
}

function isUntypedNil(t: Type): boolean {
  return t instanceof Basic && t.kind === BasicKind.UntypedNil;
}

/** Between interface types: `any` holds the type itself, others an itab. */
function convertInterfaceToInterface(g: FuncGen, words: Words, from: Type, to: Type): Words {
  const fromEmpty = isEmptyIface(from);
  const toEmpty = isEmptyIface(to);
  if (fromEmpty === toEmpty && (fromEmpty || sameInterface(from, to))) return words;
  const [tab, data] = words as [ir.Value, ir.Value];
  const typ = fromEmpty ? tab : loadItabType(g, tab);
  if (toEmpty) return [typ, data];
  // A non-nil value statically known to implement `to`: the runtime finds or builds the itab.
  const itab = g.b.valueIf(typ, g.b.i32(0), () => g.pkg.runtimeCall(g, "assertE2I", [g.b.addr(g.pkg.reflect.typeSym(to)), typ], 0)[0]!, 0);
  return [itab, data];
}

function sameInterface(a: Type, b: Type): boolean {
  return a === b || underlying(a) === underlying(b);
}

export { isEmptyIface };

/** The dynamic type of a non-empty interface value (0 for nil). */
export function loadItabType(g: FuncGen, tab: ir.Value): ir.Value {
  return g.b.valueIf(tab, g.b.i32(0), () => g.b.load("i32", tab, 4, 4), 0);
}

// ---------------------------------------------------------------- places

/** The place an addressable expression (or assignable operand) denotes. */
export function genPlace(g: FuncGen, e: syn.Expr): Place {
  switch (e.kind) {
    case "ParenExpr":
      return genPlace(g, e.x);
    case "Name": {
      const obj = e.obj;
      if (obj?.tag !== "Var") throw new Error(`internal error: ${e.value} is not a variable`);
      return g.varPlace(obj);
    }
    case "SelectorExpr":
      return selectorPlace(g, e);
    case "IndexExpr":
      return indexPlace(g, e);
    case "Operation":
      if (e.op === "*" && !e.y) return derefPlace(g, genExpr(g, e.x)[0]!, typeOf(e), e.pos.line);
      break;
    case "CompositeLit":
      return g.spillToFrame(typeOf(e), genExpr(g, e), "lit");
    default:
      break;
  }
  throw new Error(`internal error: ${e.kind} is not addressable`);
}

export function derefPlace(g: FuncGen, ptr: ir.Value, t: Type, line: number): Place {
  g.b.emit({ op: "nilcheck", v: ptr, line });
  return { kind: "mem", type: t, base: { kind: "ptr", ptr }, offset: 0 };
}

function selectorPlace(g: FuncGen, e: syn.SelectorExpr): Place {
  const sel = e.selection;
  if (sel?.kind !== "field") throw new Error("internal error: selector is not a field");
  return walkFieldPath(g, selectorBasePlace(g, e), sel.path, e.pos.line);
}

/** The struct a selector starts from: its operand, or what the operand points to. */
export function selectorBasePlace(g: FuncGen, e: syn.SelectorExpr): Place {
  if (underlying(typeOf(e.x)) instanceof Pointer) {
    const ptr = genExpr(g, e.x)[0]!;
    return derefPlace(g, ptr, (underlying(typeOf(e.x)) as Pointer).elem, e.pos.line);
  }
  return isAddressable(e.x) ? genPlace(g, e.x) : valuePlace(g, e.x);
}

/** Follows a field path through embedded fields, dereferencing embedded pointers. */
export function walkFieldPath(g: FuncGen, p: Place, path: number[], line: number): Place {
  for (let i = 0; i < path.length; i++) {
    const st = underlying(p.type);
    if (st instanceof Pointer) {
      const ptr = g.load(p)[0]!;
      p = derefPlace(g, ptr, st.elem, line);
    }
    p = g.fieldPlace(p, path[i]!);
  }
  return p;
}

/** A non-addressable value as a place: in registers if it can be, else spilled. */
function valuePlace(g: FuncGen, e: syn.Expr): Place {
  const t = typeOf(e);
  const words = genExpr(g, e);
  if (needsMemory(t)) return g.spillToFrame(t, words, "tmp");
  return { kind: "regs", type: t, words };
}

export function isAddressable(e: syn.Expr): boolean {
  return e.tv?.mode === "variable";
}

function indexPlace(g: FuncGen, e: syn.IndexExpr): Place {
  const xt = typeOf(e.x);
  const u = underlying(xt);
  let arr: Extract<Place, { kind: "mem" }>;
  if (u instanceof Pointer) {
    arr = derefPlace(g, genExpr(g, e.x)[0]!, u.elem, e.pos.line) as Extract<Place, { kind: "mem" }>;
  } else {
    const p = isAddressable(e.x) ? genPlace(g, e.x) : valuePlace(g, e.x);
    if (p.kind !== "mem") throw new Error("internal error: array in registers");
    arr = p;
  }
  const len = (underlying(arr.type) as ArrayType).len;
  const idx = e.index.tv?.value;
  if (typeof idx === "bigint") return g.elemPlace(arr, Number(idx));
  const i = indexValue(g, e.index);
  g.b.emit({ op: "boundscheck", index: i, len: g.b.i64(len), line: e.pos.line });
  return g.elemPlace(arr, i);
}

/** An index operand as an i64 (unsigned types zero-extend, so huge values fail the bounds check). */
function indexValue(g: FuncGen, e: syn.Expr): ir.Value {
  const v = genExpr(g, e)[0]!;
  if (v.type === "i64") return v;
  return g.b.unop(isUnsigned(typeOf(e)) ? "extend_u" : "extend_s", v);
}

function genIndex(g: FuncGen, e: syn.IndexExpr): Words {
  if (isString(typeOf(e.x))) {
    const [ptr, len] = genExpr(g, e.x) as [ir.Value, ir.Value];
    const i = indexValue(g, e.index);
    g.b.emit({ op: "boundscheck", index: i, len: g.b.unop("extend_u", len), line: e.pos.line });
    return [g.b.load("i32", g.b.binop("add", ptr, g.b.unop("wrap", i)), 0, 1, false)];
  }
  return g.load(indexPlace(g, e));
}

function genSelector(g: FuncGen, e: syn.SelectorExpr): Words {
  const sel = e.selection;
  if (!sel) throw new Error("internal error: unresolved selector");
  switch (sel.kind) {
    case "field":
      return g.load(selectorPlace(g, e));
    case "method":
    case "ifaceMethod":
      return [g.pkg.wrappers.methodValue(g, e)];
    case "methodExpr":
      return [g.b.addr(g.pkg.reflect.funcvalSym(g.pkg.wrappers.methodExprSym(sel.func, sel.recvType, e.pos)))];
  }
}

// ---------------------------------------------------------------- operators

function genOperation(g: FuncGen, e: syn.Operation): Words {
  if (!e.y) return genUnary(g, e);
  if (e.op === "&&" || e.op === "||") return [condToValue(g, e)];
  const xt = typeOf(e.x);
  if (isComparison(e.op)) return [genCompare(g, e.op, e.x, e.y, e.pos)];
  const x = genExpr(g, e.x);
  const y = genExpr(g, e.y);
  if (isString(xt)) {
    return g.pkg.runtimeCall(g, "concatstrings", [...x, ...y], e.pos.line);
  }
  return [arith(g, e.op, typeOf(e), x[0]!, y[0]!, typeOf(e.y), e.pos.line)];
}

function isComparison(op: syn.Operator): boolean {
  return op === "==" || op === "!=" || op === "<" || op === "<=" || op === ">" || op === ">=";
}

/** Integer arithmetic with Go's results: wrapping to the type's width, division and shift rules. */
export function arith(g: FuncGen, op: syn.Operator | syn.AssignOperator, t: Type, x: ir.Value, y: ir.Value, yType: Type, line: number): ir.Value {
  const signed = !isUnsigned(t);
  switch (op) {
    case "+":
      return normalize(g, t, g.b.binop("add", x, y));
    case "-":
      return normalize(g, t, g.b.binop("sub", x, y));
    case "*":
      return normalize(g, t, g.b.binop("mul", x, y));
    case "&":
      return g.b.binop("and", x, y);
    case "|":
      return g.b.binop("or", x, y);
    case "^":
      return g.b.binop("xor", x, y);
    case "&^":
      return g.b.binop("andnot", x, y);
    case "/":
    case "%":
      return divide(g, op, t, signed, x, y, line);
    case "<<":
    case ">>":
      return shift(g, op, t, signed, x, y, yType, line);
    default:
      throw new Error(`internal error: operator ${op}`);
  }
}

/** Narrow integer results are kept sign- or zero-extended to their word. */
export function normalize(g: FuncGen, t: Type, v: ir.Value): ir.Value {
  const leaf = layout(t).leaves[0];
  if (!leaf || leaf.type === "i64" || leaf.size === 4) return v;
  if (leaf.size === 1) return g.b.unop(leaf.signed ? "sext8" : "zext8", v);
  return g.b.unop(leaf.signed ? "sext16" : "zext16", v);
}

/**
 * Go defines MinInt / -1 = MinInt and MinInt % -1 = 0 where wasm traps, so a
 * divisor of -1 takes the negation (or zero) path.
 */
function divide(g: FuncGen, op: "/" | "%", t: Type, signed: boolean, x: ir.Value, y: ir.Value, line: number): ir.Value {
  g.b.emit({ op: "divcheck", v: y, line });
  if (!signed) return g.b.binop(op === "/" ? "div_u" : "rem_u", x, y);
  const minusOne = g.b.binop("eq", y, g.b.const(y.type, -1));
  const safeY = g.b.select(minusOne, g.b.const(y.type, 1), y);
  const q = g.b.binop(op === "/" ? "div_s" : "rem_s", x, safeY);
  const special = op === "/" ? g.b.unop("neg", x) : g.b.const(x.type, 0);
  return normalize(g, t, g.b.select(minusOne, special, q));
}

/**
 * Go shifts by counts >= the width give 0 (or the sign for signed right
 * shifts); wasm masks the count, so counts are clamped first. A negative
 * signed count panics.
 */
function shift(g: FuncGen, op: "<<" | ">>", t: Type, signed: boolean, x: ir.Value, y: ir.Value, yType: Type, line: number): ir.Value {
  const width = layout(t).leaves[0]!.size * 8;
  if (!isUnsigned(yType)) {
    const neg = g.b.binop("lt_s", y, g.b.const(y.type, 0));
    const bad = g.b.newBlock(line);
    const ok = g.b.newBlock(line);
    g.b.branch(neg, bad, ok);
    g.b.startBlock(bad);
    g.pkg.runtimeCall(g, "panicshift", [], line);
    g.b.exit();
    g.b.startBlock(ok);
  }
  let count = y;
  if (count.type !== x.type) count = count.type === "i64" ? g.b.unop("wrap", count) : g.b.unop("extend_u", count);
  const big = y.type === "i64" ? g.b.binop("ge_u", y, g.b.i64(width)) : g.b.binop("ge_u", y, g.b.i32(width));
  const wordWidth = x.type === "i64" ? 64 : 32;
  if (op === "<<") {
    return normalize(g, t, g.b.select(big, g.b.const(x.type, 0), g.b.binop("shl", x, count)));
  }
  if (signed) {
    const clamped = g.b.select(big, g.b.const(x.type, wordWidth - 1), count);
    return g.b.binop("shr_s", x, clamped);
  }
  return g.b.select(big, g.b.const(x.type, 0), g.b.binop("shr_u", x, count));
}

function genUnary(g: FuncGen, e: syn.Operation): Words {
  const t = typeOf(e);
  switch (e.op) {
    case "+":
      return genExpr(g, e.x);
    case "-": {
      const x = genExpr(g, e.x)[0]!;
      return [normalize(g, t, g.b.unop("neg", x))];
    }
    case "^": {
      const x = genExpr(g, e.x)[0]!;
      return [normalize(g, t, g.b.unop("not", x))];
    }
    case "!":
      return [condToValue(g, e)];
    case "&":
      return [genAddressOf(g, e.x)];
    case "*":
      return g.load(genPlace(g, e));
    default:
      throw new UnsupportedError(e.pos, `operator ${e.op} not supported`);
  }
}

/** `&x`, `&x.f`, `&a[i]`, `&T{...}`: the operand lives on the heap or in static data. */
function genAddressOf(g: FuncGen, x: syn.Expr): ir.Value {
  const inner = unparen(x);
  if (inner.kind === "CompositeLit") {
    const t = typeOf(inner);
    const words = genCompositeLit(g, inner, t);
    const [ptr] = g.pkg.runtimeCall(g, "newobject", [g.b.i32(Math.max(layout(t).size, 1))], inner.pos.line);
    g.store({ kind: "mem", type: t, base: { kind: "ptr", ptr: ptr! }, offset: 0 }, words);
    return ptr!;
  }
  const p = genPlace(g, inner);
  if (p.kind !== "mem") throw new Error("internal error: address of a register value");
  const { addr, offset } = g.placeAddr(p);
  return offset ? g.b.binop("add", addr, g.b.i32(offset)) : addr;
}

// ---------------------------------------------------------------- conditions

/** Branches on a boolean expression, short-circuiting && and ||. */
export function genCond(g: FuncGen, e: syn.Expr, yes: ir.Block, no: ir.Block): void {
  const x = unparen(e);
  if (x.kind === "Operation" && x.tv?.mode !== "constant") {
    if (x.op === "&&" && x.y) {
      const mid = g.b.newBlock(x.pos.line);
      genCond(g, x.x, mid, no);
      g.b.startBlock(mid);
      genCond(g, x.y, yes, no);
      return;
    }
    if (x.op === "||" && x.y) {
      const mid = g.b.newBlock(x.pos.line);
      genCond(g, x.x, yes, mid);
      g.b.startBlock(mid);
      genCond(g, x.y, yes, no);
      return;
    }
    if (x.op === "!" && !x.y) {
      genCond(g, x.x, no, yes);
      return;
    }
  }
  g.b.branch(genExpr(g, e)[0]!, yes, no);
}

function condToValue(g: FuncGen, e: syn.Expr): ir.Value {
  const out = g.b.newValue("i32");
  const yes = g.b.newBlock(e.pos.line);
  const no = g.b.newBlock(e.pos.line);
  const done = g.b.newBlock(e.pos.line);
  genCond(g, e, yes, no);
  g.b.startBlock(yes);
  g.b.copy(out, g.b.i32(1));
  g.b.jump(done);
  g.b.startBlock(no);
  g.b.copy(out, g.b.i32(0));
  g.b.jump(done);
  g.b.startBlock(done);
  return out;
}

// ---------------------------------------------------------------- comparisons

function genCompare(g: FuncGen, op: syn.Operator, ex: syn.Expr, ey: syn.Expr, pos: syn.Pos): ir.Value {
  const xt = typeOf(ex);
  const yt = typeOf(ey);
  const nilTest = compareWithNil(g, op, ex, ey) ?? compareWithNil(g, op, ey, ex);
  if (nilTest) return nilTest;
  // Comparing an interface with a concrete value converts the value first.
  let t = xt;
  let x = genExpr(g, ex);
  let y = genExpr(g, ey);
  if (isInterface(xt) && !isInterface(yt)) y = convertWords(g, y, yt, xt, pos);
  else if (isInterface(yt) && !isInterface(xt)) {
    x = convertWords(g, x, xt, yt, pos);
    t = yt;
  } else if (isInterface(xt) && isInterface(yt) && !sameInterface(xt, yt)) {
    // Interfaces of different types are equal when their dynamic types and
    // values are: compare both as `any`, whose first word is the type.
    t = g.pkg.anyType;
    x = convertWords(g, x, xt, t, pos);
    y = convertWords(g, y, yt, t, pos);
  } else if (isUntypedNil(xt)) t = yt;
  if (op === "==") return equalWords(g, t, x, y, pos);
  if (op === "!=") return g.b.unop("eqz", equalWords(g, t, x, y, pos));
  if (isString(t)) {
    const [c] = g.pkg.runtimeCall(g, "cmpstring", [...x, ...y], pos.line);
    return g.b.binop(orderOp(op, true), c!, g.b.i32(0));
  }
  return g.b.binop(orderOp(op, !isUnsigned(t)), x[0]!, y[0]!);
}

/**
 * `x == nil` and `x != nil` look at one word: an interface is nil when its
 * type word is, whatever the data word holds.
 */
function compareWithNil(g: FuncGen, op: syn.Operator, x: syn.Expr, other: syn.Expr): ir.Value | null {
  const o = unparen(other);
  if (o.kind !== "Name" || o.obj?.tag !== "Nil") return null;
  if (op !== "==" && op !== "!=") return null;
  const first = genExpr(g, x)[0]!;
  return op === "==" ? g.b.unop("eqz", first) : g.b.binop("ne", first, g.b.i32(0));
}

function orderOp(op: syn.Operator, signed: boolean): ir.BinOp {
  const s = signed ? "_s" : "_u";
  switch (op) {
    case "<":
      return `lt${s}` as ir.BinOp;
    case "<=":
      return `le${s}` as ir.BinOp;
    case ">":
      return `gt${s}` as ir.BinOp;
    default:
      return `ge${s}` as ir.BinOp;
  }
}

/** x == y for values of type t, as an i32 0/1. */
export function equalWords(g: FuncGen, t: Type, x: Words, y: Words, pos: syn.Pos): ir.Value {
  const u = underlying(t);
  if (u instanceof Basic && isString(u)) {
    const [c] = g.pkg.runtimeCall(g, "cmpstring", [...x, ...y], pos.line);
    return g.b.unop("eqz", c!);
  }
  if (u instanceof Interface) return interfaceEqual(g, t, x, y, pos.line);
  if (u instanceof Struct) {
    const starts = fieldLeafStarts(u);
    return allOf(
      g,
      u.fields.map((f, i) => {
        const n = layout(f.type).leaves.length;
        const s = starts[i]!;
        return () => equalWords(g, f.type, x.slice(s, s + n), y.slice(s, s + n), pos);
      }),
    );
  }
  if (u instanceof ArrayType) {
    const n = layout(u.elem).leaves.length;
    return allOf(
      g,
      Array.from({ length: u.len }, (_, i) => () => equalWords(g, u.elem, x.slice(i * n, i * n + n), y.slice(i * n, i * n + n), pos)),
    );
  }
  return g.b.binop("eq", x[0]!, y[0]!);
}

/** Conjunction of comparisons, evaluated left to right (all are side-effect free). */
function allOf(g: FuncGen, parts: (() => ir.Value)[]): ir.Value {
  let acc = g.b.i32(1);
  for (const p of parts) acc = g.b.binop("and", acc, p());
  return acc;
}

// ---------------------------------------------------------------- assignment operators

export function genAssignTo(g: FuncGen, p: Place, op: syn.AssignOperator, rhs: syn.Expr, pos: syn.Pos): void {
  const cur = g.load(p);
  const y = genExpr(g, rhs);
  if (isString(p.type)) {
    g.store(p, g.pkg.runtimeCall(g, "concatstrings", [...cur, ...y], pos.line));
    return;
  }
  g.store(p, [arith(g, op, p.type, cur[0]!, y[0]!, typeOf(rhs), pos.line)]);
}

// ---------------------------------------------------------------- composite literals

export function genCompositeLit(g: FuncGen, e: syn.CompositeLit, t: Type): Words {
  const u = underlying(t);
  if (u instanceof Struct) return structLit(g, e, t, u);
  if (u instanceof ArrayType) return arrayLit(g, e, u);
  if (u instanceof Pointer) {
    return [genAddressOf(g, { ...e, tv: { mode: "value", type: u.elem } })];
  }
  throw new UnsupportedError(e.pos, `composite literal of type ${u.constructor.name} not supported`);
}

function structLit(g: FuncGen, e: syn.CompositeLit, t: Type, st: Struct): Words {
  const fields: Words[] = st.fields.map((f) => g.zeroWords(f.type));
  e.elemList.forEach((el, i) => {
    if (el.kind === "KeyValueExpr") {
      const name = (el.key as syn.Name).value;
      const fi = st.fields.findIndex((f) => f.name === name);
      fields[fi] = elemValue(g, el.value, st.fields[fi]!.type);
    } else {
      fields[i] = elemValue(g, el, st.fields[i]!.type);
    }
  });
  return fields.flat();
}

function elemValue(g: FuncGen, e: syn.Expr, t: Type): Words {
  if (e.kind === "CompositeLit" && !e.type) return genCompositeLit(g, e, t);
  return genExprTo(g, e, t);
}

function arrayLit(g: FuncGen, e: syn.CompositeLit, at: ArrayType): Words {
  const elems: Words[] = Array.from({ length: at.len }, () => g.zeroWords(at.elem));
  let next = 0;
  for (const el of e.elemList) {
    if (el.kind === "KeyValueExpr") {
      next = Number(el.key.tv!.value as bigint);
      elems[next] = elemValue(g, el.value, at.elem);
    } else {
      elems[next] = elemValue(g, el, at.elem);
    }
    next++;
  }
  return elems.flat();
}

// ---------------------------------------------------------------- function literals

/**
 * A function literal's funcval: static when it captures nothing; otherwise
 * `{fn, &v1, &v2, ...}` in the frame when the literal cannot outlive it,
 * or on the heap.
 */
export function genFuncLit(g: FuncGen, e: syn.FuncLit): ir.Value {
  return funcLitRef(g, e)();
}

/**
 * Builds a literal's funcval and returns how to get its address. A funcval
 * in the frame moves with the stack, so its address is valid only until the
 * next call: callers that evaluate arguments first (which may call, and grow
 * the stack) take the address after them.
 */
export function funcLitRef(g: FuncGen, e: syn.FuncLit): () => ir.Value {
  const info = e.info!;
  if (info.captures.length === 0) {
    const sym = g.pkg.reflect.funcvalSym(info.name);
    return () => g.b.addr(sym);
  }
  const size = 4 + 4 * info.captures.length;
  let addr: () => ir.Value;
  if (g.pkg.esc.nonEscapingLits.has(e)) {
    const slot = g.b.allocSlot(`${info.name}.closure`, size, 4, info.captures.map((_, i) => i + 1));
    addr = () => g.b.frameaddr(slot.offset);
  } else {
    const heap = g.pkg.runtimeCall(g, "newobject", [g.b.i32(size)], e.pos.line)[0]!;
    addr = () => heap;
  }
  g.b.store(addr(), 0, g.b.funcindex(info.name), 4);
  info.captures.forEach((v, i) => g.b.store(addr(), 4 + 4 * i, g.varAddr(v), 4));
  return addr;
}

export { typeOf };
