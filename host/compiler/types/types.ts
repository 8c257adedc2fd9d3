// Type representation, shaped like Go's types2.

import type { Func, TypeName, Var } from "./objects.js";

/** A constant's exact value: integers (and runes) are bigint. */
export type ConstValue = bigint | boolean | string;

export enum BasicKind {
  Invalid,
  Bool,
  Int,
  Int8,
  Int16,
  Int32,
  Int64,
  Uint,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Uintptr,
  String,
  UntypedBool,
  UntypedInt,
  UntypedRune,
  UntypedString,
  UntypedNil,
}

export type Type = Basic | Named | Pointer | Struct | Array | Signature | Interface | Tuple;

export class Basic {
  readonly tag = "Basic";
  constructor(
    /** Which basic type. */
    readonly kind: BasicKind,
    /** The name the type was spelled with (`byte` and `uint8` share a kind). */
    readonly name: string,
  ) {}
}

export class Named {
  readonly tag = "Named";
  /** Underlying type; set once the declaration is resolved. */
  underlying: Type;
  /** Methods declared with this type as receiver base, in source order. */
  readonly methods: Func[] = [];
  constructor(
    /** The type's name object. */
    readonly obj: TypeName,
    underlying: Type,
  ) {
    this.underlying = underlying;
  }
}

export class Pointer {
  readonly tag = "Pointer";
  constructor(
    /** Pointed-to type. */
    readonly elem: Type,
  ) {}
}

export class Struct {
  readonly tag = "Struct";
  constructor(
    /** Fields in declaration order (Var objects of kind "field"). */
    readonly fields: Var[],
  ) {}
}

export class Array {
  readonly tag = "Array";
  constructor(
    /** Constant length. */
    readonly len: number,
    /** Element type. */
    readonly elem: Type,
  ) {}
}

export class Tuple {
  readonly tag = "Tuple";
  constructor(
    /** Components, as Var objects (params, results or plain values). */
    readonly vars: Var[],
  ) {}
}

export class Signature {
  readonly tag = "Signature";
  constructor(
    /** Receiver of a method signature, else null. */
    readonly recv: Var | null,
    /** Parameters. */
    readonly params: Tuple,
    /** Results. */
    readonly results: Tuple,
    /** True when the last parameter is `...T`. */
    readonly variadic: boolean,
  ) {}
}

export class Interface {
  readonly tag = "Interface";
  /** All methods, explicit and embedded, sorted as Go sorts them (exported names first, then by name); filled by complete(). */
  allMethods: Func[] = [];
  /** True once allMethods is valid. */
  complete = false;
  /** True only for the predeclared `any`, which error messages print by name. */
  isAny = false;
  constructor(
    /** Explicitly declared methods in source order. */
    readonly methods: Func[],
    /** Embedded interface types. */
    readonly embeddeds: Type[],
  ) {}
}

// ---------------------------------------------------------------- predeclared basics

function basic(kind: BasicKind, name: string): Basic {
  return new Basic(kind, name);
}

/** Canonical basic types indexed by kind. */
export const Typ: Record<BasicKind, Basic> = {
  [BasicKind.Invalid]: basic(BasicKind.Invalid, "invalid type"),
  [BasicKind.Bool]: basic(BasicKind.Bool, "bool"),
  [BasicKind.Int]: basic(BasicKind.Int, "int"),
  [BasicKind.Int8]: basic(BasicKind.Int8, "int8"),
  [BasicKind.Int16]: basic(BasicKind.Int16, "int16"),
  [BasicKind.Int32]: basic(BasicKind.Int32, "int32"),
  [BasicKind.Int64]: basic(BasicKind.Int64, "int64"),
  [BasicKind.Uint]: basic(BasicKind.Uint, "uint"),
  [BasicKind.Uint8]: basic(BasicKind.Uint8, "uint8"),
  [BasicKind.Uint16]: basic(BasicKind.Uint16, "uint16"),
  [BasicKind.Uint32]: basic(BasicKind.Uint32, "uint32"),
  [BasicKind.Uint64]: basic(BasicKind.Uint64, "uint64"),
  [BasicKind.Uintptr]: basic(BasicKind.Uintptr, "uintptr"),
  [BasicKind.String]: basic(BasicKind.String, "string"),
  [BasicKind.UntypedBool]: basic(BasicKind.UntypedBool, "untyped bool"),
  [BasicKind.UntypedInt]: basic(BasicKind.UntypedInt, "untyped int"),
  [BasicKind.UntypedRune]: basic(BasicKind.UntypedRune, "untyped rune"),
  [BasicKind.UntypedString]: basic(BasicKind.UntypedString, "untyped string"),
  [BasicKind.UntypedNil]: basic(BasicKind.UntypedNil, "untyped nil"),
};

/** `byte`, an alias of uint8 that keeps its spelling in error messages. */
export const byteType = basic(BasicKind.Uint8, "byte");
/** `rune`, an alias of int32 that keeps its spelling in error messages. */
export const runeType = basic(BasicKind.Int32, "rune");
/** The empty interface; `any` denotes it too. */
export const emptyInterface: Interface = Object.assign(new Interface([], []), { complete: true });
/** The predeclared `any`: identical to interface{} but printed as `any` in errors. */
export const anyType: Interface = Object.assign(new Interface([], []), { complete: true, isAny: true });

// ---------------------------------------------------------------- predicates

export function underlying(t: Type): Type {
  return t instanceof Named ? t.underlying : t;
}

export function isBasicKind(t: Type, pred: (k: BasicKind) => boolean): boolean {
  const u = underlying(t);
  return u instanceof Basic && pred(u.kind);
}

export function isInteger(t: Type): boolean {
  return isBasicKind(t, (k) => (k >= BasicKind.Int && k <= BasicKind.Uintptr) || k === BasicKind.UntypedInt || k === BasicKind.UntypedRune);
}

export function isUnsigned(t: Type): boolean {
  return isBasicKind(t, (k) => k >= BasicKind.Uint && k <= BasicKind.Uintptr);
}

export function isString(t: Type): boolean {
  return isBasicKind(t, (k) => k === BasicKind.String || k === BasicKind.UntypedString);
}

export function isBoolean(t: Type): boolean {
  return isBasicKind(t, (k) => k === BasicKind.Bool || k === BasicKind.UntypedBool);
}

export function isUntyped(t: Type): boolean {
  return t instanceof Basic && t.kind >= BasicKind.UntypedBool;
}

export function isTyped(t: Type): boolean {
  return !isUntyped(t);
}

/** Types whose values are constants: booleans, integers and strings. */
export function isConstType(t: Type): boolean {
  return isInteger(t) || isString(t) || isBoolean(t);
}

export function isInterface(t: Type): boolean {
  return underlying(t) instanceof Interface;
}

export function isNumeric(t: Type): boolean {
  return isInteger(t);
}

/** Ordered types support < <= > >=. */
export function isOrdered(t: Type): boolean {
  return isInteger(t) || isString(t);
}

export function isInvalid(t: Type): boolean {
  return t instanceof Basic && t.kind === BasicKind.Invalid;
}

/** Go's identity: same named type, or structurally identical unnamed types. */
export function identical(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a instanceof Basic && b instanceof Basic) return a.kind === b.kind;
  if (a instanceof Pointer && b instanceof Pointer) return identical(a.elem, b.elem);
  if (a instanceof Array && b instanceof Array) return a.len === b.len && identical(a.elem, b.elem);
  if (a instanceof Struct && b instanceof Struct) return identicalStructs(a, b);
  if (a instanceof Tuple && b instanceof Tuple) return identicalTuples(a, b);
  if (a instanceof Signature && b instanceof Signature) {
    return a.variadic === b.variadic && identicalTuples(a.params, b.params) && identicalTuples(a.results, b.results);
  }
  if (a instanceof Interface && b instanceof Interface) return identicalInterfaces(a, b);
  return false;
}

function identicalStructs(a: Struct, b: Struct): boolean {
  if (a.fields.length !== b.fields.length) return false;
  return a.fields.every((f, i) => {
    const g = b.fields[i]!;
    return f.name === g.name && f.embedded === g.embedded && identical(f.type, g.type);
  });
}

function identicalTuples(a: Tuple, b: Tuple): boolean {
  return a.vars.length === b.vars.length && a.vars.every((v, i) => identical(v.type, b.vars[i]!.type));
}

function identicalInterfaces(a: Interface, b: Interface): boolean {
  const am = a.allMethods;
  const bm = b.allMethods;
  return am.length === bm.length && am.every((m, i) => m.name === bm[i]!.name && identical(m.type, bm[i]!.type));
}

/** Whether == is defined on values of type t. */
export function comparable(t: Type): boolean {
  const u = underlying(t);
  if (u instanceof Basic) return u.kind !== BasicKind.UntypedNil;
  if (u instanceof Pointer || u instanceof Interface) return true;
  if (u instanceof Struct) return u.fields.every((f) => comparable(f.type));
  if (u instanceof Array) return comparable(u.elem);
  return false;
}

/** Whether a value of type t may be compared with nil. */
export function hasNil(t: Type): boolean {
  const u = underlying(t);
  return u instanceof Pointer || u instanceof Signature || u instanceof Interface || (u instanceof Basic && u.kind === BasicKind.UntypedNil);
}

/** The default type of an untyped constant kind (untyped int -> int, ...). */
export function defaultType(t: Type): Type {
  if (!(t instanceof Basic)) return t;
  switch (t.kind) {
    case BasicKind.UntypedBool:
      return Typ[BasicKind.Bool];
    case BasicKind.UntypedInt:
      return Typ[BasicKind.Int];
    case BasicKind.UntypedRune:
      return runeType;
    case BasicKind.UntypedString:
      return Typ[BasicKind.String];
    default:
      return t;
  }
}

/** Completes an interface: gathers embedded methods and sorts them as Go does. */
export function completeInterface(iface: Interface): Interface {
  if (iface.complete) return iface;
  iface.complete = true;
  const all = new Map<string, Func>();
  for (const m of iface.methods) all.set(m.name, m);
  for (const e of iface.embeddeds) {
    const u = underlying(e);
    if (!(u instanceof Interface)) continue;
    for (const m of completeInterface(u).allMethods) if (!all.has(m.name)) all.set(m.name, m);
  }
  iface.allMethods = [...all.values()].sort((a, b) => compareMethodNames(a.name, b.name));
  return iface;
}

function isExportedName(name: string): boolean {
  const c = name.codePointAt(0) ?? 0;
  return c >= 0x41 && c <= 0x5a;
}

/** Go's runtime itab order: exported names before unexported, then by name. */
export function compareMethodNames(a: string, b: string): number {
  const ea = isExportedName(a);
  const eb = isExportedName(b);
  if (ea !== eb) return ea ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
