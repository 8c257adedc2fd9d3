// Calls of package testing's methods: each is a call of the runtime entry
// point that implements it. The log methods (t.Log, t.Errorf, ...) take
// `...any`; their arguments are converted to interfaces and packed, after
// the format string if there is one, into a record in the heap
// (LOGREC_* in layout.ts), as Go packs a variadic call's arguments into a
// slice.

import type * as ir from "../ssa/ir.js";
import type * as syn from "../syntax/nodes.js";
import type { Func, MethodSelection } from "../types/objects.js";
import { Array as ArrayType, Struct, underlying, type Type } from "../types/types.js";
import { LOGREC_ARGS, LOGREC_FMTLEN, LOGREC_FMTPTR, LOGREC_NARGS, TLOG_FORMAT } from "../../../assembly/layout.js";
import type { FuncGen, Words } from "../ssagen/func.js";
import { UnsupportedError } from "../ssagen/pkg.js";
import { convertWords, genExpr, typeOf } from "../ssagen/expr.js";
import { receiverWords } from "../ssagen/call.js";
import { unparen } from "../escape/escape.js";

export function genIntrinsicCall(g: FuncGen, e: syn.CallExpr, m: Func): Words {
  const sel = unparen(e.fun) as syn.SelectorExpr;
  const recv = receiverWords(g, sel, sel.selection as MethodSelection);
  const { name, mode } = m.intrinsic!;
  if (mode === undefined) return g.pkg.runtimeCall(g, name, recv, e.pos.line);
  const rec = logRecord(g, e.argList, (mode & TLOG_FORMAT) !== 0);
  return g.pkg.runtimeCall(g, name, [...recv, rec, g.b.i32(mode)], e.pos.line);
}

/** Evaluates a log call's arguments and returns the address of their record. */
function logRecord(g: FuncGen, args: syn.Expr[], format: boolean): ir.Value {
  const fmt = format ? genExpr(g, args[0]!) : null;
  const rest = format ? args.slice(1) : args;
  const values = rest.map((a) => {
    checkFormattable(typeOf(a), a.pos);
    return convertWords(g, genExpr(g, a), typeOf(a), g.pkg.anyType, a.pos);
  });
  const [rec] = g.pkg.runtimeCall(g, "newobject", [g.b.i32(LOGREC_ARGS + 8 * values.length)], args[0]?.pos.line ?? 0);
  if (fmt) {
    g.b.store(rec!, LOGREC_FMTPTR, fmt[0]!, 4);
    g.b.store(rec!, LOGREC_FMTLEN, fmt[1]!, 4);
  }
  g.b.store(rec!, LOGREC_NARGS, g.b.i32(values.length), 4);
  values.forEach(([tab, data], i) => {
    g.b.store(rec!, LOGREC_ARGS + 8 * i, tab!, 4);
    g.b.store(rec!, LOGREC_ARGS + 8 * i + 4, data!, 4);
  });
  return rec!;
}

/** The runtime formats basic values, pointers and interfaces, not composite ones. */
function checkFormattable(t: Type, pos: syn.Pos): void {
  const u = underlying(t);
  if (u instanceof Struct || u instanceof ArrayType) throw new UnsupportedError(pos, "formatting a struct or array value not supported");
}
