// Field and method lookup through embedded fields, method sets and
// interface satisfaction, as in Go's types2 lookup.go.

import { Func, Var } from "./objects.js";
import { errorTypeString, signatureString } from "./typestring.js";
import { Interface, Named, Pointer, Struct, completeInterface, identical, underlying, type Type } from "./types.js";

export interface LookupResult {
  /** The field (Var) or method (Func) found, or null. */
  obj: Var | Func | null;
  /** Field indices through embedded fields; for fields, the last one is the field itself. */
  index: number[];
  /** True when a pointer is dereferenced on the way (the base or an embedded pointer). */
  indirect: boolean;
  /** True when several candidates exist at the shallowest depth. */
  ambiguous: boolean;
}

function derefNamed(t: Type): { t: Type; ptr: boolean } {
  if (t instanceof Pointer) return { t: t.elem, ptr: true };
  const u = underlying(t);
  if (u instanceof Pointer && !(t instanceof Named)) return { t: u.elem, ptr: true };
  return { t, ptr: false };
}

/**
 * Looks up name in T's fields and methods, breadth-first through embedded
 * fields (Go's lookupFieldOrMethod).
 */
export function lookupFieldOrMethod(T: Type, name: string): LookupResult {
  const none: LookupResult = { obj: null, index: [], indirect: false, ambiguous: false };
  if (name === "_") return none;
  const start = derefNamed(T);
  if (T instanceof Named && underlying(T) instanceof Pointer) return none;
  let current: { type: Type; index: number[]; indirect: boolean }[] = [{ type: start.t, index: [], indirect: start.ptr }];
  const seen = new Set<Named>();
  while (current.length > 0) {
    const next: typeof current = [];
    let found: LookupResult | null = null;
    let count = 0;
    for (const e of current) {
      let typ = e.type;
      if (typ instanceof Named) {
        if (seen.has(typ)) continue;
        seen.add(typ);
        const m = typ.methods.find((f) => f.name === name);
        if (m) {
          count++;
          found = { obj: m, index: e.index, indirect: e.indirect, ambiguous: false };
          continue;
        }
        typ = typ.underlying;
      }
      if (typ instanceof Struct) {
        typ.fields.forEach((f, i) => {
          if (f.name === name) {
            count++;
            found = { obj: f, index: [...e.index, i], indirect: e.indirect, ambiguous: false };
            return;
          }
          if (f.embedded) {
            const d = derefNamed(f.type);
            next.push({ type: d.t, index: [...e.index, i], indirect: e.indirect || d.ptr });
          }
        });
      } else if (typ instanceof Interface) {
        const all = completeInterface(typ).allMethods;
        const m = all.find((f) => f.name === name);
        if (m) {
          count++;
          found = { obj: m, index: e.index, indirect: e.indirect, ambiguous: false };
        }
      }
    }
    if (count > 1) return { ...none, ambiguous: true };
    if (found) return found;
    current = next;
  }
  return none;
}

/** Whether method m (found via lookup) is in the method set of T given the path. */
export function inMethodSet(T: Type, m: Func, indirect: boolean): boolean {
  if (!m.ptrRecv) return true;
  return indirect || T instanceof Pointer || underlying(T) instanceof Pointer;
}

/** The method set of T: methods callable on a value of type T, sorted by name. */
export function methodSet(T: Type): Func[] {
  const u = underlying(T);
  if (u instanceof Interface) return completeInterface(u).allMethods;
  const names = new Set<string>();
  collectMethodNames(derefNamed(T).t, names, new Set());
  const out: Func[] = [];
  for (const name of [...names].sort()) {
    const r = lookupFieldOrMethod(T, name);
    if (r.obj instanceof Func && inMethodSet(T, r.obj, r.indirect)) out.push(r.obj);
  }
  return out;
}

function collectMethodNames(t: Type, names: Set<string>, seen: Set<Type>): void {
  if (seen.has(t)) return;
  seen.add(t);
  if (t instanceof Named) for (const m of t.methods) names.add(m.name);
  const u = underlying(t);
  if (u instanceof Interface) for (const m of completeInterface(u).allMethods) names.add(m.name);
  if (u instanceof Struct) for (const f of u.fields) if (f.embedded) collectMethodNames(derefNamed(f.type).t, names, seen);
}

/**
 * Checks that T implements iface; returns null when it does, else Go's
 * explanation (`T does not implement I (missing method M)`).
 */
export function implementsReason(T: Type, iface: Type): string | null {
  const ui = underlying(iface);
  if (!(ui instanceof Interface)) return `${errorTypeString(iface)} is not an interface`;
  const missing = missingMethod(T, completeInterface(ui));
  if (!missing) return null;
  return `${errorTypeString(T)} does not implement ${errorTypeString(iface)} ${missing}`;
}

/** True when values of type T satisfy iface. */
export function implementsInterface(T: Type, iface: Interface): boolean {
  return missingMethod(T, completeInterface(iface)) === null;
}

/** The parenthesised reason a method is missing, or null. */
export function missingMethod(T: Type, iface: Interface): string | null {
  const tu = underlying(T);
  for (const m of iface.allMethods) {
    if (tu instanceof Interface) {
      const have = completeInterface(tu).allMethods.find((f) => f.name === m.name);
      if (!have) return `(missing ${m.name} method)`;
      if (!identical(have.type, m.type)) return wrongType(m, have);
      continue;
    }
    const r = lookupFieldOrMethod(T, m.name);
    if (!(r.obj instanceof Func)) return `(missing ${m.name} method)`;
    if (!identical(r.obj.sig.params, m.sig.params) || !identical(r.obj.sig.results, m.sig.results)) return wrongType(m, r.obj);
    if (!inMethodSet(T, r.obj, r.indirect)) return `(${m.name} method has pointer receiver)`;
  }
  return null;
}

function wrongType(want: Func, have: Func): string {
  return `(wrong type for method ${want.name})\n\t\thave ${have.name}${signatureString(have.sig, "compiler")}\n\t\twant ${want.name}${signatureString(want.sig, "compiler")}`;
}
