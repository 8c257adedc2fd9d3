// Operands: the intermediate result of checking an expression, and Go's
// way of describing them in messages (`x (variable of type int)`).

import { exprString } from "../syntax/parser.js";
import type { Expr, OperandMode } from "../syntax/nodes.js";
import type { BuiltinId } from "./objects.js";
import { valueString } from "./constant.js";
import { errorTypeString } from "./typestring.js";
import { Basic, BasicKind, Typ, isUntyped, type ConstValue, type Type } from "./types.js";

export type Mode = OperandMode | "invalid";

export interface Operand {
  /** What the operand denotes; "invalid" after an error. */
  mode: Mode;
  /** The expression the operand was computed from. */
  expr: Expr;
  /** Its type. */
  type: Type;
  /** Constant value when mode is "constant". */
  value?: ConstValue;
  /** Builtin id when mode is "builtin". */
  builtin?: BuiltinId;
}

export function invalidOperand(expr: Expr): Operand {
  return { mode: "invalid", expr, type: Typ[BasicKind.Invalid] };
}

const MODE_WORDS: Record<Mode, string> = {
  invalid: "invalid operand",
  novalue: "no value",
  builtin: "built-in",
  typexpr: "type",
  constant: "constant",
  variable: "variable",
  value: "value",
  commaok: "comma, ok expression",
};

/** Go's operand description: `x (variable of type int)`, `1 (untyped int constant)`. */
export function operandString(x: Operand): string {
  const expr = exprString(x.expr);
  if (x.type instanceof Basic && x.type.kind === BasicKind.UntypedNil) return `${expr} (untyped nil)`;
  const parts: string[] = [];
  const untyped = isUntyped(x.type);
  if (untyped) parts.push(x.type === Typ[BasicKind.Invalid] ? "" : errorTypeString(x.type));
  parts.push(MODE_WORDS[x.mode]);
  if (x.mode === "constant" && x.value !== undefined) {
    const v = valueString(x.value);
    if (v !== expr) parts.push(v);
  }
  if (!untyped && x.mode !== "novalue" && x.mode !== "builtin" && x.mode !== "typexpr" && x.mode !== "invalid") {
    parts.push("of type " + errorTypeString(x.type));
  }
  return `${expr} (${parts.filter((p) => p !== "").join(" ")})`;
}

/** The way Go lists argument types in "have (...)" lines: untyped numbers print as `number`. */
export function haveTypeString(x: Operand): string {
  const t = x.type;
  if (!(t instanceof Basic) || !isUntyped(t)) return errorTypeString(t);
  switch (t.kind) {
    case BasicKind.UntypedInt:
    case BasicKind.UntypedRune:
      return "number";
    case BasicKind.UntypedString:
      return "string";
    case BasicKind.UntypedBool:
      return "bool";
    default:
      return "nil";
  }
}
