// Calls: static functions and methods, interface methods, func values,
// conversions and the builtins of the subset.

import * as ir from "../ssa/ir.js";
import type * as syn from "../syntax/nodes.js";
import type { Func, MethodSelection, InterfaceMethodSelection } from "../types/objects.js";
import { Basic, BasicKind, Interface, Pointer, Signature, Tuple, completeInterface, underlying, isInterface, isString, isUnsigned, type Type } from "../types/types.js";
import { layout, resultWords } from "../abi/abi.js";
import { G_PANIC, ITAB_FUN } from "../../../assembly/layout.js";
import type { FuncGen, Place, Words } from "./func.js";
import { UnsupportedError } from "./pkg.js";
import { funcLitRef, genExpr, genExprList, genExprTo, genPlace, convertWords, normalize, typeOf, isEmptyIface, selectorBasePlace, walkFieldPath, derefPlace } from "./expr.js";
import { unparen } from "../escape/escape.js";
import { genIntrinsicCall } from "../testing/ssagen.js";

export function genCall(g: FuncGen, e: syn.CallExpr): Words {
  const info = e.call;
  if (!info) throw new Error("internal error: unchecked call");
  switch (info.kind) {
    case "conversion":
      return genConversion(g, e.argList[0]!, info.convType!, e.pos);
    case "builtin":
      return genBuiltin(g, e, info.builtin!);
    default: {
      if (info.func?.intrinsic) return genIntrinsicCall(g, e, info.func);
      const callee = calleeOf(g, e);
      const args = genArgs(g, e.argList, callee.sig);
      return emitCall(g, callee, args, e.pos.line);
    }
  }
}

/** How to reach the function a call or defer statement names, evaluated up to (not including) the arguments. */
export type Callee =
  /** `ctx` materialises a literal's funcval: only after the arguments, which may move the stack. */
  | { kind: "static"; sym: string; recv: Words; ctx: (() => ir.Value) | null; sig: Signature }
  | { kind: "closure"; fn: ir.Value; sig: Signature }
  | { kind: "iface"; tab: ir.Value; data: ir.Value; index: number; sig: Signature };

/** Evaluates the callee part of a call: the function value, or the receiver of a method. */
export function calleeOf(g: FuncGen, e: syn.CallExpr): Callee {
  const info = e.call!;
  const sig = info.sig!;
  const fun = unparen(e.fun);
  if (info.kind === "func" && info.func) return { kind: "static", sym: g.pkg.funcSym(info.func), recv: [], ctx: null, sig };
  if (info.kind === "method") {
    const sel = (fun as syn.SelectorExpr).selection as MethodSelection;
    return { kind: "static", sym: g.pkg.funcSym(sel.func), recv: receiverWords(g, fun as syn.SelectorExpr, sel), ctx: null, sig: sel.func.sig };
  }
  if (info.kind === "ifaceMethod") {
    const sel = (fun as syn.SelectorExpr).selection as InterfaceMethodSelection;
    const [tab, data] = interfaceOperand(g, fun as syn.SelectorExpr, sel);
    g.b.emit({ op: "nilcheck", v: tab, line: e.pos.line });
    return { kind: "iface", tab, data, index: sel.index, sig };
  }
  if (fun.kind === "FuncLit" && fun.info) {
    // A literal called where it is written is called directly, with its funcval as context.
    return { kind: "static", sym: fun.info.name, recv: [], ctx: funcLitRef(g, fun), sig };
  }
  return { kind: "closure", fn: genExpr(g, fun)[0]!, sig };
}

/** The interface whose method a selector calls: the operand, or an interface embedded in it. */
export function interfaceOperand(g: FuncGen, e: syn.SelectorExpr, sel: InterfaceMethodSelection): [ir.Value, ir.Value] {
  if (sel.path.length === 0) return genExpr(g, e.x) as [ir.Value, ir.Value];
  return g.load(walkFieldPath(g, selectorBasePlace(g, e), sel.path, e.pos.line)) as [ir.Value, ir.Value];
}

/** A static call of method m with its receiver evaluated. */
export function calleeOfReceiver(m: Func, recv: Words): Callee {
  return { kind: "static", sym: m.fullName, recv, ctx: null, sig: m.sig };
}

/** A call of interface method m through the interface value at place p. */
export function embeddedInterfaceCallee(g: FuncGen, p: Place, m: Func, line: number): Callee {
  const [tab, data] = g.load(p) as [ir.Value, ir.Value];
  g.b.emit({ op: "nilcheck", v: tab, line });
  const index = completeInterface(underlying(p.type) as Interface).allMethods.findIndex((x) => x.name === m.name);
  return { kind: "iface", tab, data, index, sig: m.sig };
}

/** The receiver words of a static method call: the operand, its address, or the value it points to. */
export function receiverWords(g: FuncGen, e: syn.SelectorExpr, sel: MethodSelection): Words {
  if (sel.path.length > 0) return promotedReceiver(g, selectorBasePlace(g, e), sel.path, sel.func, e.pos.line);
  if (sel.addr) {
    const p = genPlace(g, e.x);
    if (p.kind !== "mem") throw new Error("internal error: address of a register receiver");
    const { addr, offset } = g.placeAddr(p);
    return [offset ? g.b.binop("add", addr, g.b.i32(offset)) : addr];
  }
  const x = genExpr(g, e.x);
  if (!sel.deref) return x;
  const ptr = x[0]!;
  g.b.emit({ op: "nilcheck", v: ptr, line: e.pos.line });
  const elem = (underlying(typeOf(e.x)) as Pointer).elem;
  return g.load({ kind: "mem", type: elem, base: { kind: "ptr", ptr }, offset: 0 });
}

/**
 * The receiver of a method promoted through the embedded fields on path,
 * starting from the struct at base: the embedded value, or its address for
 * a pointer method; an embedded pointer is the receiver itself or is
 * dereferenced for a value method.
 */
export function promotedReceiver(g: FuncGen, base: Place, path: number[], m: Func, line: number): Words {
  const p = walkFieldPath(g, base, path, line);
  const u = underlying(p.type);
  if (u instanceof Pointer) {
    const ptr = g.load(p)[0]!;
    return m.ptrRecv ? [ptr] : g.load(derefPlace(g, ptr, u.elem, line));
  }
  if (!m.ptrRecv) return g.load(p);
  if (p.kind !== "mem") throw new Error("internal error: address of a register receiver");
  const { addr, offset } = g.placeAddr(p);
  return [offset ? g.b.binop("add", addr, g.b.i32(offset)) : addr];
}

export function genArgs(g: FuncGen, args: syn.Expr[], sig: Signature): Words {
  if (sig.variadic) throw new UnsupportedError(args[0]?.pos ?? { filename: "", line: 0, col: 0 }, "variadic functions not supported");
  return genExprList(g, args, sig.params.vars.map((p) => p.type)).flat();
}

export function emitCall(g: FuncGen, c: Callee, args: Words, line: number): Words {
  const results = resultWords(c.sig);
  switch (c.kind) {
    case "static":
      return g.b.call({ kind: "static", sym: c.sym }, [c.ctx ? c.ctx() : g.b.i32(0), ...c.recv, ...args], results, "unwinds", line);
    case "closure":
      g.b.emit({ op: "nilcheck", v: c.fn, line });
      return g.b.call({ kind: "closure", fn: c.fn }, args, results, "unwinds", line);
    case "iface": {
      const index = g.b.load("i32", c.tab, ITAB_FUN + 4 * c.index, 4);
      return g.b.call({ kind: "indirect", index }, [g.b.i32(0), c.data, ...args], results, "unwinds", line);
    }
  }
}

// ---------------------------------------------------------------- conversions

export function genConversion(g: FuncGen, x: syn.Expr, to: Type, pos: syn.Pos): Words {
  const from = typeOf(x);
  const words = genExpr(g, x);
  if (isInterface(to)) return convertWords(g, words, from, to, pos);
  const fu = underlying(from);
  const tu = underlying(to);
  if (tu instanceof Basic && tu.kind === BasicKind.String && fu instanceof Basic && fu.kind !== BasicKind.String) {
    return g.pkg.runtimeCall(g, "intstring", [widen(g, words[0]!, from)], pos.line);
  }
  if (tu instanceof Basic && fu instanceof Basic && tu.kind !== BasicKind.String) return [convertInt(g, words[0]!, from, to)];
  return words;
}

/** An integer as i64, sign- or zero-extended by its type. */
export function widen(g: FuncGen, v: ir.Value, t: Type): ir.Value {
  if (v.type === "i64") return v;
  return g.b.unop(isUnsigned(t) ? "extend_u" : "extend_s", v);
}

function convertInt(g: FuncGen, v: ir.Value, from: Type, to: Type): ir.Value {
  const target = layout(to).leaves[0]!.type;
  let out = v;
  if (v.type === "i32" && target === "i64") out = widen(g, v, from);
  else if (v.type === "i64" && target === "i32") out = g.b.unop("wrap", v);
  return normalize(g, to, out);
}

// ---------------------------------------------------------------- builtins

function genBuiltin(g: FuncGen, e: syn.CallExpr, id: string): Words {
  const line = e.pos.line;
  switch (id) {
    case "len":
      return genLen(g, e.argList[0]!);
    case "new": {
      const t = (underlying(typeOf(e)) as Pointer).elem;
      return g.pkg.runtimeCall(g, "newobject", [g.b.i32(Math.max(layout(t).size, 1))], line);
    }
    case "panic": {
      const arg = e.argList[0]!;
      const v = genExprTo(g, arg, anyOf(g));
      g.pkg.runtimeCall(g, "gopanic", v, line);
      g.b.exit();
      return [];
    }
    case "recover":
      return genRecover(g, line);
    case "print":
    case "println":
      genPrint(g, e.argList, id === "println", line);
      return [];
    default:
      throw new UnsupportedError(e.pos, `builtin ${id} not supported`);
  }
}

/**
 * recover(): gorecover's first test, g._panic != nil, inline. Without a
 * panic running the answer is nil whatever argp is, so the common case
 * (recover in a deferred call that runs at a normal return) does not call
 * into the runtime core at all.
 */
function genRecover(g: FuncGen, line: number): ir.Value[] {
  const panicking = g.b.load("i32", g.b.i32(G_PANIC), 0, 4);
  const nil = g.b.i32(0);
  return g.b.valuesIf(panicking, [nil, nil], () => {
    const argp = g.b.newValue("i32");
    g.b.emit({ op: "argp", dst: argp });
    return g.pkg.runtimeCall(g, "gorecover", [argp], line);
  }, line);
}

function anyOf(g: FuncGen): Type {
  return g.pkg.anyType;
}

function genLen(g: FuncGen, x: syn.Expr): Words {
  const t = typeOf(x);
  if (isString(t)) return [g.b.unop("extend_u", genExpr(g, x)[1]!)];
  // Arrays and pointers to arrays have constant length; the operand is still evaluated for its effects.
  genExpr(g, x);
  const u = underlying(t);
  const arr = u instanceof Pointer ? underlying(u.elem) : u;
  return [g.b.i64((arr as { len: number }).len)];
}

function genPrint(g: FuncGen, args: syn.Expr[], newline: boolean, line: number): void {
  printValues(g, genPrintArgs(g, args), newline, line);
}

/** The values print/println gets: its arguments, or the results of its single multi-value call. */
export function genPrintArgs(g: FuncGen, args: syn.Expr[]): { t: Type; w: Words }[] {
  const tt = args.length === 1 ? typeOf(args[0]!) : null;
  const types = tt instanceof Tuple ? tt.vars.map((v) => v.type) : args.map(typeOf);
  return genExprList(g, args, types).map((w, i) => ({ t: types[i]!, w }));
}

/** print/println of evaluated values: println separates them with spaces and ends the line. */
export function printValues(g: FuncGen, values: { t: Type; w: Words }[], newline: boolean, line: number): void {
  values.forEach((v, i) => {
    if (newline && i > 0) g.pkg.runtimeCall(g, "printsp", [], line);
    printValue(g, v.t, v.w, line);
  });
  if (newline) g.pkg.runtimeCall(g, "printnl", [], line);
}

function printValue(g: FuncGen, t: Type, w: Words, line: number): void {
  const u = underlying(t);
  if (u instanceof Basic) {
    switch (u.kind) {
      case BasicKind.Bool:
      case BasicKind.UntypedBool:
        g.pkg.runtimeCall(g, "printbool", w, line);
        return;
      case BasicKind.String:
      case BasicKind.UntypedString:
        g.pkg.runtimeCall(g, "printstring", w, line);
        return;
      default:
        g.pkg.runtimeCall(g, isUnsigned(t) ? "printuint" : "printint", [widen(g, w[0]!, t)], line);
        return;
    }
  }
  if (u instanceof Interface) {
    g.pkg.runtimeCall(g, isEmptyIface(t) ? "printeface" : "printiface", w, line);
    return;
  }
  if (u instanceof Pointer || u instanceof Signature) {
    g.pkg.runtimeCall(g, "printpointer", w, line);
    return;
  }
  throw new Error(`internal error: cannot print ${u.constructor.name}`);
}

