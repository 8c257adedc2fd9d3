// The universe scope: predeclared types, constants, nil and builtins.

import { makePos } from "../syntax/pos.js";
import { Builtin, Const, Func, Nil, Scope, TypeName, Var, type BuiltinId } from "./objects.js";
import { BasicKind, Interface, Named, Signature, Tuple, Typ, anyType, byteType, runeType } from "./types.js";

const noPos = makePos("<universe>", 0, 0);

/** The predeclared `error` type: interface { Error() string }. */
export const errorType: Named = makeErrorType();

function makeErrorType(): Named {
  const obj = new TypeName("error", noPos, Typ[BasicKind.Invalid], true, "");
  const result = new Var("", noPos, Typ[BasicKind.String], "result", null);
  const sig = new Signature(null, new Tuple([]), new Tuple([result]), false);
  const method = new Func("Error", noPos, sig, null, "Error", false);
  const iface = new Interface([method], []);
  iface.allMethods = [method];
  iface.complete = true;
  const named = new Named(obj, iface);
  obj.type = named;
  return named;
}

const BUILTINS: BuiltinId[] = [
  "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
  "max", "min", "new", "panic", "print", "println", "real", "recover",
];

const BASIC_NAMES: [string, BasicKind][] = [
  ["bool", BasicKind.Bool],
  ["int", BasicKind.Int],
  ["int8", BasicKind.Int8],
  ["int16", BasicKind.Int16],
  ["int32", BasicKind.Int32],
  ["int64", BasicKind.Int64],
  ["uint", BasicKind.Uint],
  ["uint8", BasicKind.Uint8],
  ["uint16", BasicKind.Uint16],
  ["uint32", BasicKind.Uint32],
  ["uint64", BasicKind.Uint64],
  ["uintptr", BasicKind.Uintptr],
  ["string", BasicKind.String],
];

/** Predeclared type names outside the subset (reported as not supported when used). */
export const UNSUPPORTED_TYPES: ReadonlySet<string> = new Set(["float32", "float64", "complex64", "complex128", "comparable"]);

/** Builds a fresh universe scope. */
export function newUniverse(): Scope {
  const u = new Scope(null, "universe", null);
  for (const [name, kind] of BASIC_NAMES) u.insert(new TypeName(name, noPos, Typ[kind], true, ""));
  u.insert(new TypeName("byte", noPos, byteType, true, ""));
  u.insert(new TypeName("rune", noPos, runeType, true, ""));
  u.insert(new TypeName("any", noPos, anyType, true, ""));
  u.insert(errorType.obj);
  u.insert(new Const("true", noPos, Typ[BasicKind.UntypedBool], true));
  u.insert(new Const("false", noPos, Typ[BasicKind.UntypedBool], false));
  u.insert(new Const("iota", noPos, Typ[BasicKind.UntypedInt], 0n));
  u.insert(new Nil("nil", noPos, Typ[BasicKind.UntypedNil]));
  for (const id of BUILTINS) u.insert(new Builtin(id, noPos, Typ[BasicKind.Invalid], id));
  return u;
}
