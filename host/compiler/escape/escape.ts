// Escape analysis, reduced to what deferlab's code generation needs: the
// loop depth of every defer statement (Go's rule that decides between a
// defer record on the stack and one on the heap), which function literals
// escape, and where each variable lives.
//
// Variables stay in wasm locals unless something needs their address.
// Variables captured only by function literals that cannot outlive the
// frame (literals deferred outside loops or called on the spot) live in the
// frame; every other variable whose address is taken or that an escaping
// literal captures lives on the heap. This is coarser than Go's
// interprocedural analysis: it may move to the heap a variable Go keeps on
// the stack (costing an allocation, never changing behaviour).

import type * as syn from "../syntax/nodes.js";
import type { FuncInfo, Package, Var } from "../types/objects.js";
import { needsMemory } from "../abi/abi.js";
import { inspect } from "./visit.js";

export type Storage = "reg" | "frame" | "heap";

export interface EscapeResult {
  /** Defer statements outside every loop (Go's EscNever): their record can be on the stack. */
  deferAtTopLevel: Set<syn.CallStmt>;
  /** Function literals that cannot outlive the frame that creates them. */
  nonEscapingLits: Set<syn.FuncLit>;
  /** Where each local, parameter and result lives. */
  storage: Map<Var, Storage>;
}

/** All functions of a package with bodies: declared ones and literals, outermost first. */
export function allFuncs(pkg: Package): FuncInfo[] {
  const out: FuncInfo[] = [];
  const add = (f: FuncInfo): void => {
    out.push(f);
    for (const lit of f.funcLits) add(lit);
  };
  for (const f of pkg.funcs) if (f.info) add(f.info);
  for (const f of pkg.initFuncs) add(f);
  for (const lit of pkg.globLits) add(lit);
  return out;
}

export function escapeAnalysis(pkg: Package): EscapeResult {
  const res: EscapeResult = { deferAtTopLevel: new Set(), nonEscapingLits: new Set(), storage: new Map() };
  const funcs = allFuncs(pkg);
  for (const fn of funcs) markTopLevelDefers(fn, res.deferAtTopLevel);
  for (const fn of funcs) markNonEscapingLits(fn, res);
  const capturers = capturingLits(funcs);
  for (const fn of funcs) {
    for (const v of [...(fn.recv ? [fn.recv] : []), ...fn.params, ...fn.results, ...fn.locals]) {
      res.storage.set(v, storageOf(v, capturers.get(v) ?? [], res.nonEscapingLits));
    }
  }
  return res;
}

function storageOf(v: Var, capturers: FuncInfo[], nonEscaping: Set<syn.FuncLit>): Storage {
  if (v.addrTaken) return "heap";
  if (capturers.length > 0) {
    return capturers.every((lit) => nonEscaping.has(lit.node as syn.FuncLit)) ? "frame" : "heap";
  }
  return needsMemory(v.type) ? "frame" : "reg";
}

/** For each captured variable, every literal that captures it, directly or to pass it to a nested literal. */
function capturingLits(funcs: FuncInfo[]): Map<Var, FuncInfo[]> {
  const m = new Map<Var, FuncInfo[]>();
  for (const fn of funcs) {
    if (fn.node.kind !== "FuncLit") continue;
    for (const v of fn.captures) {
      const list = m.get(v) ?? [];
      list.push(fn);
      m.set(v, list);
    }
  }
  return m;
}

/** Body statements of a function without descending into nested literals. */
function body(fn: FuncInfo): syn.BlockStmt | null {
  return fn.node.body;
}

/**
 * Labels that a later goto jumps back to. Go's analysis treats everything
 * after such a label as inside a loop, up to the end of the function,
 * because it does not find where the unstructured loop ends.
 */
function loopingLabels(fn: FuncInfo): Set<string> {
  const seen = new Set<string>();
  const looping = new Set<string>();
  const b = body(fn);
  if (!b) return looping;
  inspect(b, (n) => {
    if (n.kind === "FuncLit") return false;
    if (n.kind === "LabeledStmt") seen.add(n.label.value);
    if (n.kind === "BranchStmt" && n.tok === "goto" && n.label && seen.has(n.label.value)) looping.add(n.label.value);
    return true;
  });
  return looping;
}

function markTopLevelDefers(fn: FuncInfo, out: Set<syn.CallStmt>): void {
  const b = body(fn);
  if (!b) return;
  const looping = loopingLabels(fn);
  let depth = 1;
  const stmt = (s: syn.Stmt | syn.SimpleStmt | null): void => {
    if (!s) return;
    switch (s.kind) {
      case "BlockStmt":
        s.stmtList.forEach(stmt);
        return;
      case "LabeledStmt":
        if (looping.has(s.label.value)) depth++;
        stmt(s.stmt);
        return;
      case "CallStmt":
        if (s.tok === "defer" && depth === 1) out.add(s);
        return;
      case "IfStmt":
        stmt(s.init);
        stmt(s.then);
        stmt(s.else);
        return;
      case "ForStmt":
        if (s.init?.kind !== "RangeClause") stmt(s.init);
        depth++;
        stmt(s.post);
        stmt(s.body);
        depth--;
        return;
      case "SwitchStmt":
        stmt(s.init);
        for (const c of s.body) c.body.forEach(stmt);
        return;
      case "SelectStmt":
        for (const c of s.body) c.body.forEach(stmt);
        return;
      default:
        return;
    }
  };
  stmt(b);
}

/** Literals deferred at top level, or called where they are written, cannot outlive the frame. */
function markNonEscapingLits(fn: FuncInfo, res: EscapeResult): void {
  const b = body(fn);
  if (!b) return;
  const deferred = new Set<syn.Node>();
  inspect(b, (n) => {
    if (n.kind === "FuncLit") return false;
    if (n.kind === "CallStmt") {
      deferred.add(n.call);
      const lit = calleeLit(n.call);
      if (lit && n.tok === "defer" && res.deferAtTopLevel.has(n)) res.nonEscapingLits.add(lit);
    }
    if (n.kind === "CallExpr" && !deferred.has(n)) {
      const lit = unparen(n.fun);
      if (lit.kind === "FuncLit") res.nonEscapingLits.add(lit);
    }
    return true;
  });
}

function calleeLit(call: syn.Expr): syn.FuncLit | null {
  if (call.kind !== "CallExpr") return null;
  const f = unparen(call.fun);
  return f.kind === "FuncLit" ? f : null;
}

export function unparen(e: syn.Expr): syn.Expr {
  while (e.kind === "ParenExpr") e = e.x;
  return e;
}
