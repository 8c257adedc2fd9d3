// Defer classification: which of Go's three implementations each defer
// statement gets (seeds 001-003). The rules, in the order Go applies them:
//
// - open-coded, for every defer of a function, when optimisation is on (no
//   -N), no defer of the function is inside a loop, it has at most 8 defers,
//   returns x defers <= 15, and no result parameter lives on the heap (those
//   would need exit code to copy them back, which the deferreturn segment
//   that recovery returns to does not run);
// - otherwise stack-allocated when the defer runs at most once per call
//   (it is outside every loop, escape analysis' EscNever);
// - otherwise heap-allocated.

import type * as syn from "../syntax/nodes.js";
import type { FuncInfo } from "../types/objects.js";
import type { EscapeResult } from "../escape/escape.js";

export type DeferKind = "open-coded" | "stack-allocated" | "heap-allocated";

/** deferBits is one byte. */
export const MAX_OPEN_DEFERS = 8;
/** Open-coded exits are copied to every return: cap the code growth. */
export const MAX_RETURNS_TIMES_DEFERS = 15;

export interface DeferPlan {
  /** True when the function's defers are open-coded. */
  openCoded: boolean;
  kinds: Map<syn.CallStmt, DeferKind>;
}

export function classifyDefers(fn: FuncInfo, esc: EscapeResult, noOptimize: boolean): DeferPlan {
  const openCoded = canOpenCode(fn, esc, noOptimize);
  const kinds = new Map<syn.CallStmt, DeferKind>();
  for (const d of fn.defers) {
    kinds.set(d, openCoded ? "open-coded" : esc.deferAtTopLevel.has(d) ? "stack-allocated" : "heap-allocated");
  }
  return { openCoded, kinds };
}

function canOpenCode(fn: FuncInfo, esc: EscapeResult, noOptimize: boolean): boolean {
  if (noOptimize || fn.defers.length === 0) return false;
  if (fn.defers.length > MAX_OPEN_DEFERS) return false;
  if (fn.defers.some((d) => !esc.deferAtTopLevel.has(d))) return false;
  if (fn.results.some((r) => esc.storage.get(r) === "heap")) return false;
  return fn.returns.length * fn.defers.length <= MAX_RETURNS_TIMES_DEFERS;
}

/** The `-d=defer` line for one defer statement, as `go build -gcflags=-d=defer` prints it. */
export function deferDiagnostic(d: syn.CallStmt, kind: DeferKind): string {
  return `${d.pos.filename}:${d.pos.line}:${d.pos.col}: ${kind} defer`;
}
