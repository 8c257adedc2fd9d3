// Printing types two ways: as Go's runtime prints them in panic messages
// (`*main.T`, `struct { a int }`) and as the compiler prints them in errors
// (`*T`, `struct{a int}`).

import type { Var } from "./objects.js";
import { Array, Basic, Interface, Named, Pointer, Signature, Struct, Tuple, completeInterface, type Type } from "./types.js";

type Style = "runtime" | "compiler";

/** The type as Go's runtime prints it (`main.T`, `[3]int`, `interface {}`). */
export function typeString(t: Type): string {
  return write(t, "runtime");
}

/** The type as Go's compiler prints it in error messages (`T`, `struct{a int}`, `any`). */
export function errorTypeString(t: Type): string {
  return write(t, "compiler");
}

function write(t: Type, style: Style): string {
  if (t instanceof Basic) return style === "runtime" ? canonicalBasicName(t) : t.name;
  if (t instanceof Named) return namedString(t, style);
  if (t instanceof Pointer) return "*" + write(t.elem, style);
  if (t instanceof Array) return `[${t.len}]${write(t.elem, style)}`;
  if (t instanceof Struct) return structString(t, style);
  if (t instanceof Signature) return "func" + signatureString(t, style);
  if (t instanceof Interface) return interfaceString(t, style);
  return tupleString(t, style);
}

function canonicalBasicName(t: Basic): string {
  if (t.name === "byte") return "uint8";
  if (t.name === "rune") return "int32";
  return t.name;
}

function namedString(t: Named, style: Style): string {
  const obj = t.obj;
  if (style === "compiler" || obj.pkg === "") return obj.name;
  return `${obj.pkg}.${obj.name}`;
}

function structString(t: Struct, style: Style): string {
  const fields = t.fields.map((f) => (f.embedded ? write(f.type, style) : `${f.name} ${write(f.type, style)}`));
  if (style === "compiler") return `struct{${fields.join("; ")}}`;
  return fields.length === 0 ? "struct {}" : `struct { ${fields.join("; ")} }`;
}

function interfaceString(t: Interface, style: Style): string {
  if (style === "compiler" && t.isAny) return "any";
  const methods = (style === "runtime" ? completeInterface(t).allMethods : t.methods).map(
    (m) => m.name + signatureString(m.sig, style),
  );
  const embeddeds = style === "runtime" ? [] : t.embeddeds.map((e) => write(e, style));
  const parts = [...methods, ...embeddeds];
  if (style === "compiler") return `interface{${parts.join("; ")}}`;
  return parts.length === 0 ? "interface {}" : `interface { ${parts.join("; ")} }`;
}

/** `(int, string) (bool, error)` — the part of a func type after `func`. */
export function signatureString(sig: Signature, style: Style = "runtime"): string {
  const params = paramList(sig.params.vars, sig.variadic, style);
  const results = sig.results.vars;
  if (results.length === 0) return `(${params})`;
  const named = style === "compiler" && results.some((r) => r.name !== "" && !r.synthetic);
  if (results.length === 1 && !named) return `(${params}) ${write(results[0]!.type, style)}`;
  return `(${params}) (${paramList(results, false, style)})`;
}

function paramList(vars: Var[], variadic: boolean, style: Style): string {
  const named = style === "compiler" && vars.some((v) => v.name !== "" && !v.synthetic);
  return vars
    .map((v, i) => {
      const last = variadic && i === vars.length - 1;
      const ts = last ? "..." + write(v.type, style) : write(v.type, style);
      return named ? `${v.name} ${ts}` : ts;
    })
    .join(", ");
}

function tupleString(t: Tuple, style: Style): string {
  return `(${t.vars.map((v) => write(v.type, style)).join(", ")})`;
}
