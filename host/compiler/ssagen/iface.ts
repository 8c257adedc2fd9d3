// Interfaces: boxing a value into an interface, type assertions, type
// switches and interface equality (Go's walk/convert.go and the runtime's
// assertE2I family on the other side of the ABI).

import * as ir from "../ssa/ir.js";
import type * as syn from "../syntax/nodes.js";
import { BasicKind, underlying, isInterface, type ConstValue, type Type } from "../types/types.js";
import { layout, isPointerShaped } from "../abi/abi.js";
import { DataWriter } from "../reflectdata/reflect.js";
import type { FuncGen, Words } from "./func.js";
import { genExpr, isEmptyIface, loadItabType, typeOf } from "./expr.js";
import { genBlockStmts, genSwitchClauses } from "./ssa.js";

/**
 * The (tab, data) words of `to` holding a value of concrete type `from`.
 * Pointer-shaped values are the data word themselves; zero-size values point
 * at a shared zero word; constants are boxed in static data; anything else
 * is copied to a new heap object.
 */
export function convertToInterface(g: FuncGen, words: Words, from: Type, to: Type, line: number, constant?: ConstValue): Words {
  const tab = g.b.addr(g.pkg.ifaceTab(from, to));
  if (isPointerShaped(from)) return [tab, words[0]!];
  const l = layout(from);
  if (l.size === 0) return [tab, g.b.addr(g.pkg.zerobase())];
  if (constant !== undefined) return [tab, g.b.addr(staticBox(g, from, constant))];
  const [ptr] = g.pkg.runtimeCall(g, "newobject", [g.b.i32(l.size)], line);
  g.store({ kind: "mem", type: from, base: { kind: "ptr", ptr: ptr! }, offset: 0 }, words);
  return [tab, ptr!];
}

function staticBox(g: FuncGen, t: Type, v: ConstValue): string {
  const w = new DataWriter();
  const l = layout(t);
  if (typeof v === "string") {
    const n = g.pkg.reflect.stringBytes(v);
    if (n > 0) w.reloc("addr", g.pkg.reflect.stringSym(v));
    else w.u32(0);
    w.u32(n);
  } else {
    const x = typeof v === "boolean" ? (v ? 1n : 0n) : v;
    for (let i = 0; i < l.size; i++) w.u8(Number((BigInt.asUintN(64, x) >> BigInt(8 * i)) & 0xffn));
  }
  return g.pkg.reflect.staticData("go:box", w, l.align);
}

/** The dynamic type of an interface value (0 when nil). */
function dynamicType(g: FuncGen, xType: Type, tab: ir.Value): ir.Value {
  return isEmptyIface(xType) ? tab : loadItabType(g, tab);
}

/** The value of concrete type t stored in an interface's data word. */
function unbox(g: FuncGen, t: Type, data: ir.Value): Words {
  if (isPointerShaped(t)) return [data];
  return g.load({ kind: "mem", type: t, base: { kind: "ptr", ptr: data }, offset: 0 });
}

/**
 * `x.(T)`, and with commaOk `v, ok := x.(T)` (the words of v then a bool).
 * A failed assertion without ok panics with Go's interface conversion error.
 */
export function genAssert(g: FuncGen, e: syn.AssertExpr, commaOk: boolean): Words {
  const xType = typeOf(e.x);
  const [tab, data] = genExpr(g, e.x) as [ir.Value, ir.Value];
  const t = e.assertType.tv!.type;
  const line = e.pos.line;
  if (isInterface(t)) return assertToInterface(g, xType, t, tab, data, commaOk, line);
  const typ = dynamicType(g, xType, tab);
  const ok = g.b.binop("eq", typ, g.b.addr(g.pkg.reflect.typeSym(t)));
  const result = layout(t).leaves.map((l) => g.b.newValue(l.type));
  const yes = g.b.newBlock(line);
  const no = g.b.newBlock(line);
  const done = g.b.newBlock(line);
  g.b.branch(ok, yes, no);
  g.b.startBlock(yes);
  unbox(g, t, data).forEach((w, i) => g.b.copy(result[i]!, w));
  g.b.jump(done);
  g.b.startBlock(no);
  if (commaOk) {
    g.zeroWords(t).forEach((w, i) => g.b.copy(result[i]!, w));
    g.b.jump(done);
  } else {
    const iface = g.b.addr(g.pkg.reflect.typeSym(xType));
    const want = g.b.addr(g.pkg.reflect.typeSym(t));
    g.pkg.runtimeCall(g, isEmptyIface(xType) ? "panicdottypeE" : "panicdottypeI", [tab, want, iface], line);
    g.b.exit();
  }
  g.b.startBlock(done);
  return commaOk ? [...result, ok] : result;
}

function assertToInterface(g: FuncGen, xType: Type, t: Type, tab: ir.Value, data: ir.Value, commaOk: boolean, line: number): Words {
  const typ = dynamicType(g, xType, tab);
  const want = (): ir.Value => g.b.addr(g.pkg.reflect.typeSym(t));
  const outTab = g.b.newValue("i32");
  g.b.copy(outTab, g.b.i32(0));
  const isNil = g.b.unop("eqz", typ);
  const nonNil = g.b.newBlock(line);
  const nilCase = g.b.newBlock(line);
  const done = g.b.newBlock(line);
  g.b.branch(isNil, nilCase, nonNil);
  g.b.startBlock(nilCase);
  if (!commaOk) {
    g.pkg.runtimeCall(g, "panicnildottype", [want()], line);
    g.b.exit();
  } else {
    g.b.jump(done);
  }
  g.b.startBlock(nonNil);
  if (isEmptyIface(t)) g.b.copy(outTab, typ);
  else g.b.copy(outTab, g.pkg.runtimeCall(g, commaOk ? "assertE2I2" : "assertE2I", [want(), typ], line)[0]!);
  g.b.jump(done);
  g.b.startBlock(done);
  const ok = g.b.binop("ne", outTab, g.b.i32(0));
  const outData = g.b.select(ok, data, g.b.i32(0));
  return commaOk ? [outTab, outData, ok] : [outTab, data];
}

/** Whether the dynamic type `typ` (non-zero) satisfies case type t. */
function caseMatches(g: FuncGen, typ: ir.Value, t: Type, line: number): ir.Value {
  if (!isInterface(t)) return g.b.binop("eq", typ, g.b.addr(g.pkg.reflect.typeSym(t)));
  if (isEmptyIface(t)) return g.b.binop("ne", typ, g.b.i32(0));
  return g.b.valueIf(typ, g.b.i32(0), () => {
    const [itab] = g.pkg.runtimeCall(g, "assertE2I2", [g.b.addr(g.pkg.reflect.typeSym(t)), typ], line);
    return g.b.binop("ne", itab!, g.b.i32(0));
  }, line);
}

function isNilCase(e: syn.Expr): boolean {
  return e.tv?.type instanceof Object && (e.tv.type as { kind?: BasicKind }).kind === BasicKind.UntypedNil;
}

export function genTypeSwitch(g: FuncGen, s: syn.SwitchStmt, guard: syn.TypeSwitchGuard): void {
  if (s.init) genBlockStmts(g, [s.init as syn.Stmt]);
  const xType = typeOf(guard.x);
  const x = genExpr(g, guard.x) as [ir.Value, ir.Value];
  const typ = dynamicType(g, xType, x[0]);
  genSwitchClauses(
    g,
    s,
    (e, body, next) => g.b.branch(isNilCase(e) ? g.b.unop("eqz", typ) : caseMatches(g, typ, e.tv!.type, e.pos.line), body, next),
    (c) => {
      if (c.implicitVar && c.implicitVar.name !== "_") bindCaseVar(g, c, xType, x, typ);
    },
  );
}

/** In a clause with one type, the variable has that type; otherwise it is the operand itself. */
function bindCaseVar(g: FuncGen, c: syn.CaseClause, xType: Type, x: [ir.Value, ir.Value], typ: ir.Value): void {
  const v = c.implicitVar!;
  const single = c.cases && c.cases.length === 1 && !isNilCase(c.cases[0]!) ? c.cases[0]!.tv!.type : null;
  if (!single) {
    g.declare(v, convertIfaceWords(g, x, xType, v.type, typ, c.pos.line));
    return;
  }
  if (!isInterface(single)) {
    g.declare(v, unbox(g, single, x[1]));
    return;
  }
  g.declare(v, convertIfaceWords(g, x, xType, single, typ, c.pos.line));
}

function convertIfaceWords(g: FuncGen, x: [ir.Value, ir.Value], from: Type, to: Type, typ: ir.Value, line: number): Words {
  if (isEmptyIface(to)) return [typ, x[1]];
  if (!isEmptyIface(from) && underlying(from) === underlying(to)) return x;
  const [itab] = g.pkg.runtimeCall(g, "assertE2I2", [g.b.addr(g.pkg.reflect.typeSym(to)), typ], line);
  return [g.b.select(typ, itab!, g.b.i32(0)), x[1]];
}

/**
 * Interfaces are equal when their dynamic types are and, for non-nil ones,
 * the runtime finds the values equal (it panics on uncomparable types).
 */
export function interfaceEqual(g: FuncGen, t: Type, x: Words, y: Words, line: number): ir.Value {
  const tx = dynamicType(g, t, x[0]!);
  const ty = dynamicType(g, t, y[0]!);
  const out = g.b.newValue("i32");
  g.b.copy(out, g.b.binop("eq", tx, ty));
  const cmp = g.b.newBlock(line);
  const done = g.b.newBlock(line);
  g.b.branch(g.b.binop("and", out, g.b.binop("ne", tx, g.b.i32(0))), cmp, done);
  g.b.startBlock(cmp);
  g.b.copy(out, g.pkg.runtimeCall(g, "efaceeq", [tx, x[1]!, y[1]!], line)[0]!);
  g.b.jump(done);
  g.b.startBlock(done);
  return out;
}

