// Calls of package testing's methods: each is a call of the runtime entry
// point that implements it, with the receiver first. The log methods
// (t.Log, t.Errorf, ...) take `...any`; their arguments are converted to
// interfaces and packed, after the format string if there is one, into a
// record in the heap (LOGREC_* in layout.ts), as Go packs a variadic
// call's arguments into a slice, and the entry point gets the record's
// address and the method's TLOG_* mode. The other methods pass their
// arguments as they are.
//
// The methods exist only as runtime entry points, so they can be called
// (directly, or by `defer t.Log(x)`, whose hidden wrapper makes the call)
// but not used as values: method values, method expressions and *testing.T
// in an interface are reported as not supported.

import type * as ir from "../ssa/ir.js";
import type * as syn from "../syntax/nodes.js";
import type { Func, MethodSelection } from "../types/objects.js";
import { BasicKind, Pointer, Typ, type Type } from "../types/types.js";
import { LOGREC_ARGS, LOGREC_FMTLEN, LOGREC_FMTPTR, LOGREC_NARGS, TLOG_FORMAT } from "../../../assembly/layout.js";
import type { FuncGen, Words } from "../ssagen/func.js";
import { UnsupportedError } from "../ssagen/pkg.js";
import { convertWords, genExpr, genExprList, typeOf } from "../ssagen/expr.js";
import { receiverWords } from "../ssagen/call.js";
import { unparen } from "../escape/escape.js";
import { typeString } from "../types/typestring.js";


/** A log record's address, as an argument of a deferred log call. */
const logRecordType: Type = new Pointer(Typ[BasicKind.Uint8]);

/** A call of a testing method with its operands evaluated: the entry point's arguments, receiver first, with their Go types. */
export interface IntrinsicCall {
  method: Func;
  args: { type: Type; words: Words }[];
}

export function genIntrinsicCall(g: FuncGen, e: syn.CallExpr, m: Func): Words {
  return emitIntrinsicCall(g, evalIntrinsicCall(g, e, m), e.pos.line);
}

/** Evaluates the receiver and the arguments of a testing method call, in Go's order. */
export function evalIntrinsicCall(g: FuncGen, e: syn.CallExpr, m: Func): IntrinsicCall {
  const sel = unparen(e.fun) as syn.SelectorExpr;
  const recv = receiverWords(g, sel, sel.selection as MethodSelection);
  // The methods have pointer receivers; a nil *T faults here, as Go's method would.
  g.b.emit({ op: "nilcheck", v: recv[0]!, line: e.pos.line });
  const args = [{ type: m.sig.recv!.type, words: recv }];
  if (m.intrinsic!.mode !== undefined) {
    return { method: m, args: [...args, { type: logRecordType, words: [logRecord(g, e.argList, (m.intrinsic!.mode & TLOG_FORMAT) !== 0)] }] };
  }
  const params = m.sig.params.vars.map((p) => p.type);
  const words = genExprList(g, e.argList, params);
  return { method: m, args: [...args, ...params.map((type, i) => ({ type, words: words[i]! }))] };
}

/** Calls the entry point of an evaluated testing method call. */
export function emitIntrinsicCall(g: FuncGen, call: IntrinsicCall, line: number): Words {
  const { name, mode } = call.method.intrinsic!;
  const args = call.args.flatMap((a) => a.words);
  return g.pkg.runtimeCall(g, name, mode === undefined ? args : [...args, g.b.i32(mode)], line);
}

/** Evaluates a log call's arguments and returns the address of their record. */
function logRecord(g: FuncGen, args: syn.Expr[], format: boolean): ir.Value {
  if (format) checkFormat(args[0]!);
  const fmt = format ? genExpr(g, args[0]!) : null;
  const rest = format ? args.slice(1) : args;
  const values = rest.map((a) => convertWords(g, genExpr(g, a), typeOf(a), g.pkg.anyType, a.pos));
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

/** The verbs the runtime formats (assembly/testing.ts); the flag + goes with v, d and x only. */
const VERBS = "vdsqxtTp";

/**
 * Rejects a constant format with a directive the runtime does not format
 * (a width, another flag or verb), which would print something else than
 * Go does.
 */
function checkFormat(e: syn.Expr): void {
  const f = e.tv?.value;
  if (typeof f !== "string") return;
  for (let i = 0; i < f.length; i++) {
    if (f[i] !== "%") continue;
    const m = /^%([-+# 0-9.*[\]]*)(.?)/.exec(f.slice(i))!;
    const [directive, flags, verb] = m;
    i += directive.length - 1;
    if (verb === "%" && flags === "") continue;
    if (verb === "" || (VERBS.includes(verb!) && (flags === "" || (flags === "+" && "vdx".includes(verb!))))) continue;
    throw new UnsupportedError(e.pos, `format directive ${directive} not supported: the verbs are %v %d %s %q %x %t %T %p, with %+v %+d %+x, and %%`);
  }
}

/** A method of package testing used other than in a call. */
export function methodValueError(pos: syn.Pos, m: Func, what: string): UnsupportedError {
  return new UnsupportedError(pos, `${what} of ${m.fullName} not supported: testing methods can only be called`);
}

/** Converting a *testing.T or *testing.B (whose methods are the runtime's) to an interface. */
export function testingInterfaceError(pos: syn.Pos, t: Type): UnsupportedError {
  return new UnsupportedError(pos, `converting ${typeString(t)} to an interface not supported`);
}
