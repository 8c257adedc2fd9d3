// Building the IR of one function: entry (parameters, results, closure
// context), statements, returns, and the shared deferreturn block that
// every function with defers gets (seed 000), placed at its closing brace.

import * as ir from "../ssa/ir.js";
import type * as syn from "../syntax/nodes.js";
import type { FuncInfo, Var } from "../types/objects.js";
import { Signature, Tuple, Typ, BasicKind, underlying, Array as ArrayType, Pointer, type Type } from "../types/types.js";
import { layout, resultWords } from "../abi/abi.js";
import { FuncGen, type Place, type Words } from "./func.js";
import { UnsupportedError, type PkgGen } from "./pkg.js";
import { genExpr, genCond, genPlace, genAssignTo, convertWords, genExprList, equalWords } from "./expr.js";
import { genDeferStmt, genOpenDeferExits, finishOpenDeferInfo, setDeferBits } from "./defer.js";
import { genTypeSwitch } from "./iface.js";
import { eliminateDeadStores } from "../ssa/deadstore.js";

export function buildFunc(pg: PkgGen, info: FuncInfo): ir.Func {
  const body = info.node.body;
  if (!body) throw new Error(`internal error: ${info.name} has no body`);
  const g = new FuncGen(pg, info, pg.plan(info), {
    name: info.name,
    abi: "ABIInternal",
    wrapper: false,
    file: info.node.pos.filename,
    line: info.node.pos.line,
    endLine: body.rbrace.line,
    results: resultWords(info.sig),
  });
  genEntry(g, info);
  genBlockStmts(g, body.stmtList);
  if (g.b.reachable) genReturn(g, null, body.rbrace.line);
  finishFunc(g);
  return g.b.fn;
}

/** Parameters become registers or memory; results start at zero; the closure context is kept. */
function genEntry(g: FuncGen, info: FuncInfo): void {
  g.ctxParam = g.b.param("i32", "ctx");
  if (info.captures.length > 0) {
    g.ctxSlot = g.b.allocSlot("ctx", 4, 4, [0]);
    g.b.store(g.b.frameaddr(g.ctxSlot.offset), 0, g.ctxParam, 4);
  }
  for (const v of [...(info.recv ? [info.recv] : []), ...info.params]) {
    const words = layout(v.type).leaves.map((l) => g.b.param(l.type, v.name));
    bindParam(g, v, words);
  }
  for (const r of info.results) g.declare(r);
  if (g.plan.openCoded) {
    g.deferBits = { slot: g.b.allocSlot("deferBits", 1, 1), value: g.b.newValue("i32", "deferBits") };
    setDeferBits(g, g.b.i32(0));
  }
  if (g.hasDefers) g.deferreturn = g.b.newBlock(g.b.fn.endLine);
}

function bindParam(g: FuncGen, v: Var, words: Words): void {
  if ((g.pkg.esc.storage.get(v) ?? "reg") === "reg") {
    g.vars.set(v, { kind: "regs", type: v.type, words });
    return;
  }
  g.declare(v, words);
}

function finishFunc(g: FuncGen): void {
  if (g.deferreturn) {
    g.b.startBlock(g.deferreturn);
    g.pkg.runtimeCall(g, "deferreturn", [], g.b.fn.endLine);
    g.b.ret(loadResults(g));
    g.b.fn.deferreturn = g.deferreturn;
  }
  g.b.finishFrame();
  eliminateDeadStores(g.b.fn);
  if (g.plan.openCoded) finishOpenDeferInfo(g);
}

function loadResults(g: FuncGen): Words {
  return (g.info?.results ?? []).flatMap((r) => g.load(g.varPlace(r)));
}

// ---------------------------------------------------------------- returns

export function genReturn(g: FuncGen, s: syn.ReturnStmt | null, line: number): void {
  const info = g.info!;
  if (s && s.results.length > 0) {
    const values = genExprList(g, s.results, info.results.map((r) => r.type));
    info.results.forEach((r, i) => g.store(g.varPlace(r), values[i]!));
  }
  if (g.plan.openCoded) {
    genOpenDeferExits(g, line);
    g.b.ret(loadResults(g));
  } else if (g.deferreturn) {
    g.b.jump(g.deferreturn);
  } else {
    g.b.ret(loadResults(g));
  }
}

// ---------------------------------------------------------------- statements

export function genBlockStmts(g: FuncGen, stmts: syn.Stmt[]): void {
  for (const s of stmts) genStmt(g, s);
}

function lineOf(n: { pos: syn.Pos }): number {
  return n.pos.line;
}

export function genStmt(g: FuncGen, s: syn.Stmt | syn.SimpleStmt): void {
  switch (s.kind) {
    case "EmptyStmt":
      return;
    case "BlockStmt":
      return genBlockStmts(g, s.stmtList);
    case "ExprStmt":
      genExpr(g, s.x);
      return;
    case "DeclStmt":
      for (const d of s.declList) if (d.kind === "VarDecl") genVarDecl(g, d);
      return;
    case "AssignStmt":
      return genAssign(g, s);
    case "IfStmt":
      return genIf(g, s);
    case "ForStmt":
      return s.init?.kind === "RangeClause" ? genRange(g, s, s.init) : genFor(g, s);
    case "SwitchStmt":
      return s.tag?.kind === "TypeSwitchGuard" ? genTypeSwitch(g, s, s.tag) : genSwitch(g, s);
    case "LabeledStmt":
      return genLabeled(g, s);
    case "BranchStmt":
      return genBranch(g, s);
    case "CallStmt":
      if (s.tok === "go") throw new UnsupportedError(s.pos, "go statement not supported");
      return genDeferStmt(g, s);
    case "ReturnStmt":
      return genReturn(g, s, lineOf(s));
    case "SendStmt":
      throw new UnsupportedError(s.pos, "send statement not supported");
    case "SelectStmt":
      throw new UnsupportedError(s.pos, "select statement not supported");
  }
}

function genVarDecl(g: FuncGen, d: syn.VarDecl): void {
  const vars = d.vars ?? [];
  if (d.values.length === 0) {
    for (const v of vars) if (v.name !== "_") g.declare(v);
    return;
  }
  const values = genExprList(g, d.values, vars.map((v) => v.type));
  vars.forEach((v, i) => {
    if (v.name !== "_") g.declare(v, values[i]);
  });
}

function genAssign(g: FuncGen, s: syn.AssignStmt): void {
  if (s.incDec || s.op) return genOpAssign(g, s);
  if (s.define) {
    const newVars = s.newVars ?? [];
    const types = s.lhs.map((l, i) => newVars[i]?.type ?? l.tv?.type ?? Typ[BasicKind.Invalid]);
    const values = genExprList(g, s.rhs, types);
    s.lhs.forEach((l, i) => {
      const nv = newVars[i];
      if (nv) {
        if (nv.name !== "_") g.declare(nv, values[i]);
      } else if (!isBlank(l)) {
        g.store(genPlace(g, l), values[i]!);
      }
    });
    return;
  }
  // Go evaluates index and pointer operands on the left, then the right
  // side, then assigns left to right.
  const places = s.lhs.map((l) => (isBlank(l) ? null : genPlace(g, l)));
  const values = genExprList(g, s.rhs, s.lhs.map((l) => l.tv?.type ?? Typ[BasicKind.Invalid]));
  places.forEach((p, i) => {
    if (p) g.store(p, values[i]!);
  });
}

function isBlank(e: syn.Expr): boolean {
  return e.kind === "Name" && e.value === "_";
}

function genOpAssign(g: FuncGen, s: syn.AssignStmt): void {
  const lhs = s.lhs[0]!;
  const p = genPlace(g, lhs);
  const op = s.incDec ? s.op! : s.op!;
  const one: syn.BasicLit = { kind: "BasicLit", pos: s.pos, value: "1", litKind: "int", bad: false, tv: { mode: "constant", type: p.type, value: 1n } };
  const rhs = s.incDec ? one : s.rhs[0]!;
  genAssignTo(g, p, op, rhs, s.pos);
}

function genIf(g: FuncGen, s: syn.IfStmt): void {
  if (s.init) genStmt(g, s.init);
  const then = g.b.newBlock(lineOf(s.then));
  const done = g.b.newBlock(lineOf(s));
  const els = s.else ? g.b.newBlock(lineOf(s.else)) : done;
  genCond(g, s.cond, then, els);
  g.b.startBlock(then);
  genBlockStmts(g, s.then.stmtList);
  g.b.jump(done);
  if (s.else) {
    g.b.startBlock(els);
    genStmt(g, s.else);
    g.b.jump(done);
  }
  g.b.startBlock(done);
}

function genFor(g: FuncGen, s: syn.ForStmt): void {
  if (s.init) genStmt(g, s.init as syn.SimpleStmt);
  genLoop(
    g,
    s,
    (body, done) => (s.cond ? genCond(g, s.cond, body, done) : g.b.jump(body)),
    () => {},
    () => {
      renewPerIterationVars(g, s.perIterVars ?? []);
      if (s.post) genStmt(g, s.post);
    },
  );
}

/**
 * Go 1.22: each iteration has its own copy of the loop variables, made
 * before the post statement. Only variables in heap cells can be observed
 * to be distinct (closures that outlive the iteration hold their address),
 * so those get a fresh cell holding the current value.
 */
function renewPerIterationVars(g: FuncGen, vars: Var[]): void {
  for (const v of vars) {
    if (g.pkg.esc.storage.get(v) !== "heap") continue;
    const value = g.load(g.varPlace(v));
    g.declare(v, value);
  }
}

function genRange(g: FuncGen, s: syn.ForStmt, rc: syn.RangeClause): void {
  const info = rc.info!;
  switch (info.rangeKind) {
    case "int":
      return genRangeInt(g, s, rc);
    case "string":
      return genRangeString(g, s, rc);
    default:
      return genRangeArray(g, s, rc);
  }
}

/** Assigns or declares the iteration variables of a range clause. */
function setRangeVars(g: FuncGen, rc: syn.RangeClause, key: Words, value: (() => Words) | null): void {
  const info = rc.info!;
  const lhs = rc.lhs;
  if (rc.def) {
    if (info.keyVar && info.keyVar.name !== "_") g.declare(info.keyVar, key);
    if (info.valueVar && info.valueVar.name !== "_" && value) g.declare(info.valueVar, value());
    return;
  }
  if (lhs[0] && !isBlank(lhs[0])) g.store(genPlace(g, lhs[0]), key);
  if (lhs[1] && !isBlank(lhs[1]) && value) g.store(genPlace(g, lhs[1]), value());
}

/** The loop skeleton of every for form: the head tests, the body, continue reaches the step. */
function genLoop(
  g: FuncGen,
  s: syn.ForStmt,
  test: (body: ir.Block, done: ir.Block) => void,
  bodyPrologue: () => void,
  step: () => void,
): void {
  const head = g.b.newBlock(lineOf(s));
  const body = g.b.newBlock(lineOf(s.body));
  const next = g.b.newBlock(lineOf(s));
  const done = g.b.newBlock(lineOf(s));
  g.b.jump(head);
  g.b.startBlock(head);
  test(body, done);
  g.b.startBlock(body);
  bodyPrologue();
  g.breakTo.set(s, done);
  g.continueTo.set(s, next);
  genBlockStmts(g, s.body.stmtList);
  g.b.jump(next);
  g.b.startBlock(next);
  step();
  g.b.jump(head);
  g.b.startBlock(done);
}

/** A range loop: `test` gives the condition value. */
function genCountedLoop(g: FuncGen, s: syn.ForStmt, test: () => ir.Value, bodyPrologue: () => void, step: () => void): void {
  genLoop(g, s, (body, done) => g.b.branch(test(), body, done), bodyPrologue, step);
}

function genRangeInt(g: FuncGen, s: syn.ForStmt, rc: syn.RangeClause): void {
  const n = genExpr(g, rc.x)[0]!;
  const i = g.b.newValue(n.type, "i");
  g.b.copy(i, g.b.const(n.type, 0));
  const signed = !isUnsignedType(rc.info!.keyType);
  genCountedLoop(
    g,
    s,
    () => g.b.binop(signed ? "lt_s" : "lt_u", i, n),
    () => setRangeVars(g, rc, [g.b.snapshot(i)], null),
    () => g.b.copy(i, g.b.binop("add", i, g.b.const(n.type, 1))),
  );
}

function genRangeString(g: FuncGen, s: syn.ForStmt, rc: syn.RangeClause): void {
  const [ptr, len] = genExpr(g, rc.x) as [ir.Value, ir.Value];
  const k = g.b.newValue("i64", "k");
  const nextK = g.b.newValue("i64", "next");
  const rune = g.b.newValue("i32", "r");
  g.b.copy(k, g.b.i64(0));
  const len64 = g.b.unop("extend_u", len);
  genCountedLoop(
    g,
    s,
    () => g.b.binop("lt_s", k, len64),
    () => {
      decodeRune(g, ptr, len, k, rune, nextK, lineOf(rc));
      setRangeVars(g, rc, [g.b.snapshot(k)], () => [g.b.snapshot(rune)]);
    },
    () => g.b.copy(k, nextK),
  );
}

/** ASCII inline; anything else through the runtime's UTF-8 decoder. */
function decodeRune(g: FuncGen, ptr: ir.Value, len: ir.Value, k: ir.Value, rune: ir.Value, next: ir.Value, line: number): void {
  const byte = g.b.load("i32", g.b.binop("add", ptr, g.b.unop("wrap", k)), 0, 1, false);
  const ascii = g.b.newBlock(line);
  const multi = g.b.newBlock(line);
  const done = g.b.newBlock(line);
  g.b.branch(g.b.binop("lt_u", byte, g.b.i32(0x80)), ascii, multi);
  g.b.startBlock(ascii);
  g.b.copy(rune, byte);
  g.b.copy(next, g.b.binop("add", k, g.b.i64(1)));
  g.b.jump(done);
  g.b.startBlock(multi);
  const [r, n] = g.pkg.runtimeCall(g, "decoderune", [ptr, len, g.b.unop("wrap", k)], line);
  g.b.copy(rune, r!);
  g.b.copy(next, g.b.unop("extend_u", n!));
  g.b.jump(done);
  g.b.startBlock(done);
}

function genRangeArray(g: FuncGen, s: syn.ForStmt, rc: syn.RangeClause): void {
  const info = rc.info!;
  const xt = rc.x.tv!.type;
  const arr = (info.rangeKind === "ptrArray" ? (underlying(xt) as Pointer).elem : xt) as Type;
  const n = (underlying(arr) as ArrayType).len;
  const wantValue = info.valueType !== null && (rc.lhs.length > 1 && !isBlank(rc.lhs[1]!));
  // The range expression is evaluated once; ranging over an array value
  // iterates over a copy of it.
  let source: Place | null = null;
  if (wantValue) {
    if (info.rangeKind === "ptrArray") {
      const p = genExpr(g, rc.x)[0]!;
      g.b.emit({ op: "nilcheck", v: p, line: lineOf(rc) });
      source = { kind: "mem", type: arr, base: { kind: "ptr", ptr: p }, offset: 0 };
    } else {
      source = g.spillToFrame(arr, genExpr(g, rc.x), "range");
    }
  } else if (info.rangeKind === "ptrArray" || hasCalls(rc.x)) {
    genExpr(g, rc.x);
  }
  const i = g.b.newValue("i64", "i");
  g.b.copy(i, g.b.i64(0));
  genCountedLoop(
    g,
    s,
    () => g.b.binop("lt_s", i, g.b.i64(n)),
    () =>
      setRangeVars(g, rc, [g.b.snapshot(i)], source ? () => g.load(g.elemPlace(source as Extract<Place, { kind: "mem" }>, g.b.snapshot(i))) : null),
    () => g.b.copy(i, g.b.binop("add", i, g.b.i64(1))),
  );
}

function hasCalls(e: syn.Expr): boolean {
  return e.kind !== "Name" && e.kind !== "SelectorExpr" && e.kind !== "ParenExpr";
}

function isUnsignedType(t: Type): boolean {
  const u = underlying(t) as { kind?: BasicKind };
  return u.kind !== undefined && u.kind >= BasicKind.Uint && u.kind <= BasicKind.Uintptr;
}

function genSwitch(g: FuncGen, s: syn.SwitchStmt): void {
  if (s.init) genStmt(g, s.init);
  const tagType = s.tag?.tv?.type;
  const tag = s.tag ? genExpr(g, s.tag) : null;
  genSwitchClauses(g, s, (e, body, next) => {
    if (tag && tagType) {
      const v = convertWords(g, genExpr(g, e), e.tv!.type, tagType, e.pos);
      g.b.branch(equalWords(g, tagType, tag, v, e.pos), body, next);
    } else {
      genCond(g, e, body, next);
    }
  });
}

/**
 * The shape both switch forms share: the cases tested in order (each
 * branching to its clause's body or to the next test), then the default,
 * then the bodies, each falling through only by `fallthrough`.
 */
export function genSwitchClauses(
  g: FuncGen,
  s: syn.SwitchStmt,
  testCase: (e: syn.Expr, body: ir.Block, next: ir.Block) => void,
  enterClause: (c: syn.CaseClause) => void = () => {},
): void {
  const done = g.b.newBlock(s.rbrace.line);
  const bodies = s.body.map((c) => g.b.newBlock(lineOf(c)));
  let dflt: ir.Block | null = null;
  s.body.forEach((c, ci) => {
    if (!c.cases) {
      dflt = bodies[ci]!;
      return;
    }
    for (const e of c.cases) {
      const next = g.b.newBlock(lineOf(e));
      testCase(e, bodies[ci]!, next);
      g.b.startBlock(next);
    }
  });
  g.b.jump(dflt ?? done);
  g.breakTo.set(s, done);
  s.body.forEach((c, ci) => {
    g.b.startBlock(bodies[ci]!);
    g.fallthroughTo.set(c, bodies[ci + 1] ?? done);
    const saved = g.currentClause;
    g.currentClause = c;
    enterClause(c);
    genBlockStmts(g, c.body);
    g.currentClause = saved;
    g.b.jump(done);
  });
  g.b.startBlock(done);
}


function genLabeled(g: FuncGen, s: syn.LabeledStmt): void {
  const b = labelBlock(g, s);
  g.b.jump(b);
  g.b.startBlock(b);
  genStmt(g, s.stmt);
}

function labelBlock(g: FuncGen, s: syn.LabeledStmt): ir.Block {
  let b = g.labels.get(s);
  if (!b) {
    b = g.b.newBlock(lineOf(s));
    g.labels.set(s, b);
  }
  return b;
}

function genBranch(g: FuncGen, s: syn.BranchStmt): void {
  const target = s.target;
  if (!target) throw new Error(`internal error: unresolved ${s.tok} at line ${s.pos.line}`);
  switch (s.tok) {
    case "break":
      g.b.jump(g.breakTo.get(target)!);
      return;
    case "continue":
      g.b.jump(g.continueTo.get(target)!);
      return;
    case "goto":
      g.b.jump(labelBlock(g, target as syn.LabeledStmt));
      return;
    case "fallthrough":
      g.b.jump(g.fallthroughTo.get(g.currentClause!)!);
      return;
  }
}

// ---------------------------------------------------------------- package init

/**
 * `main.init`: package variables in Go's initialisation order. Absent when
 * there is nothing to run. The package's init functions are not called from
 * here but by the runtime (PkgGen.initTask).
 */
export function buildInit(pg: PkgGen): ir.Func | null {
  const order = pg.pkg.initOrder;
  if (order.length === 0) return null;
  const file = pg.pkg.files[0]!.pos.filename;
  const sig = new Signature(null, new Tuple([]), new Tuple([]), false);
  const g = new FuncGen(pg, null, { openCoded: false, kinds: new Map() }, {
    name: `${pg.pkg.name}.init`,
    abi: "ABIInternal",
    wrapper: false,
    file,
    line: 1,
    endLine: 1,
    results: resultWords(sig),
  });
  g.ctxParam = g.b.param("i32", "ctx");
  for (const init of order) {
    const values = genExprList(g, [init.rhs], init.lhs.map((v) => v.type));
    init.lhs.forEach((v, i) => {
      if (v.name !== "_") g.store(g.varPlace(v), values[i]!);
    });
  }
  g.b.ret([]);
  g.b.finishFrame();
  return g.b.fn;
}
