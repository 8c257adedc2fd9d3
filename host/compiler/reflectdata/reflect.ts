// Runtime data the compiled program carries, as Go's reflectdata package
// writes it: type descriptors, itabs, method name ids, string literals,
// static funcvals and the runtime type block (docs/abi.md §8, §10).
// Symbols are created on first use and written out once, at the end.

import * as L from "../../../assembly/layout.js";
import type { DataReloc, DataSym } from "../../linker/obj.js";
import { fieldOffsets, layout } from "../abi/abi.js";
import { errorType } from "../types/universe.js";
import { byteLength, byteStringBytes, utf8ByteString } from "../types/constant.js";
import { methodSet } from "../types/lookup.js";
import { Var, type Func } from "../types/objects.js";
import { makePos } from "../syntax/pos.js";
import { typeString, signatureString } from "../types/typestring.js";
import {
  Array as ArrayType,
  Basic,
  BasicKind,
  Interface,
  Named,
  Pointer,
  Signature,
  Struct,
  Typ,
  comparable,
  completeInterface,
  underlying,
  type Type,
} from "../types/types.js";

/** Builds a data symbol field by field. */
export class DataWriter {
  private buf: number[] = [];
  readonly relocs: DataReloc[] = [];

  get size(): number {
    return this.buf.length;
  }

  u8(v: number): this {
    this.buf.push(v & 0xff);
    return this;
  }

  u32(v: number): this {
    for (let i = 0; i < 4; i++) this.buf.push((v >>> (8 * i)) & 0xff);
    return this;
  }

  u64(v: bigint): this {
    const x = BigInt.asUintN(64, v);
    for (let i = 0n; i < 8n; i++) this.buf.push(Number((x >> (8n * i)) & 0xffn));
    return this;
  }

  bytes(b: Uint8Array): this {
    for (const x of b) this.buf.push(x);
    return this;
  }

  pad(to: number): this {
    while (this.buf.length < to) this.buf.push(0);
    return this;
  }

  /** A u32 the linker fills in. */
  reloc(kind: DataReloc["kind"], sym: string, add = 0): this {
    this.relocs.push({ off: this.buf.length, kind, sym, add });
    return this.u32(0);
  }

  /** A u32 that is an address, or 0 when sym is null. */
  addrOrNull(sym: string | null): this {
    return sym ? this.reloc("addr", sym) : this.u32(0);
  }

  sym(name: string, align: number, size = this.buf.length): DataSym {
    return { name, align, bytes: Uint8Array.from(this.buf), size: Math.max(size, this.buf.length), relocs: this.relocs };
  }
}

/** A method's itab-form implementation: the function an interface call reaches. */
export interface ItabMethod {
  nameid: number;
  /** Symbol of the function (a method, or a pointer wrapper for a value method). */
  fnSym: string;
}

/** What reflectdata needs from ssagen: the itab-form function of a method for a receiver type. */
export type ItabFormResolver = (recv: Type, m: Func) => string;

/** And the `(ctx, p, q) -> i32` function comparing two values of a type. */
export type EqualResolver = (t: Type) => string;

export class ReflectData {
  private syms = new Map<string, DataSym | null>();
  private pendingTypes = new Map<string, Type>();
  private strings = new Map<string, string>();
  private nameids = new Map<string, number>();
  private methodNames: string[] = [];
  private out: DataSym[] = [];

  constructor(
    private readonly itabForm: ItabFormResolver,
    private readonly equalFn: EqualResolver,
  ) {}

  /** Id of a method by name and signature; the same id in a type and an interface means the same method. */
  nameid(name: string, sig: Signature): number {
    const key = `${name}${signatureString(sig)}`;
    let id = this.nameids.get(key);
    if (id === undefined) {
      id = this.nameids.size + 1;
      this.nameids.set(key, id);
      this.methodNames[id] = name;
    }
    return id;
  }

  /** Symbol of the bytes of a string constant (a byte string, types/constant.ts). */
  stringSym(s: string): string {
    let name = this.strings.get(s);
    if (!name) {
      name = `go:string.${this.strings.size}`;
      this.strings.set(s, name);
      this.out.push(new DataWriter().bytes(byteStringBytes(s)).sym(name, 1));
    }
    return name;
  }

  stringBytes(s: string): number {
    return byteLength(s);
  }

  /** A name (type or method) as the runtime reads it: a string header's words. */
  private nameString(w: DataWriter, name: string): DataWriter {
    const s = utf8ByteString(name);
    return w.reloc("addr", this.stringSym(s)).u32(this.stringBytes(s));
  }

  /** Symbol of the type descriptor of t. */
  typeSym(t: Type): string {
    const name = `type:${typeString(t)}`;
    if (!this.syms.has(name) && !this.pendingTypes.has(name)) this.pendingTypes.set(name, t);
    return name;
  }

  /** Symbol of the static funcval `{fn}` for a function used as a value. */
  funcvalSym(fnSym: string): string {
    const name = `${fnSym}·f`;
    if (!this.syms.has(name)) {
      const sym = new DataWriter().reloc("tableindex", fnSym).sym(name, 4);
      this.syms.set(name, sym);
      this.out.push(sym);
    }
    return name;
  }

  /** Symbol of the itab for concrete type t in interface iface. */
  itabSym(t: Type, iface: Type): string {
    const name = `go:itab.${typeString(t)},${typeString(iface)}`;
    if (!this.syms.has(name)) {
      this.syms.set(name, null);
      const w = new DataWriter().reloc("addr", this.typeSym(iface)).reloc("addr", this.typeSym(t)).u32(0).u32(0);
      for (const m of completeInterface(underlying(iface) as Interface).allMethods) {
        const impl = methodSet(t).find((f) => f.name === m.name);
        if (!impl) throw new Error(`internal error: ${typeString(t)} lacks ${m.name} for ${typeString(iface)}`);
        w.reloc("tableindex", this.itabForm(t, impl));
      }
      const sym = w.sym(name, 4);
      this.syms.set(name, sym);
      this.out.push(sym);
    }
    return name;
  }

  /** Static read-only bytes (boxed constants for interface data words). */
  staticData(prefix: string, w: DataWriter, align: number): string {
    const name = `${prefix}.${this.out.length}`;
    this.out.push(w.sym(name, align));
    return name;
  }

  /** Adds a finished data symbol (globals, closures' static data). */
  add(sym: DataSym): void {
    this.out.push(sym);
  }

  /** Writes every descriptor referenced so far (descriptors may reference more). */
  finish(): DataSym[] {
    this.runtimeTypeBlock();
    while (this.pendingTypes.size > 0) {
      const [name, t] = this.pendingTypes.entries().next().value as [string, Type];
      this.pendingTypes.delete(name);
      if (this.syms.has(name)) continue;
      this.syms.set(name, null);
      const sym = this.typeDescriptor(name, t);
      this.syms.set(name, sym);
      this.out.push(sym);
    }
    this.out.push(this.methodNameTable());
    return this.out;
  }

  /** Method names by nameid, for the runtime's "missing method M" messages. */
  private methodNameTable(): DataSym {
    const w = new DataWriter();
    for (let id = 0; id < this.methodNames.length; id++) {
      const name = this.methodNames[id];
      if (name) this.nameString(w, name);
      else w.u32(0).u32(0);
    }
    return w.sym(METHODNAMES_SYM, 4);
  }

  private typeDescriptor(name: string, t: Type): DataSym {
    const u = underlying(t);
    const l = layout(t);
    const w = new DataWriter();
    w.u32(l.size).u8(kindOf(u)).u8(l.align).u8(comparable(t) ? L.TYPEFLAG_COMPARABLE : 0).u8(0);
    const str = typeString(t);
    this.nameString(w, str);
    w.addrOrNull(u instanceof Pointer || u instanceof ArrayType ? this.typeSym(u.elem) : null);
    const methods = u instanceof Interface ? [] : this.concreteMethods(t);
    w.u32(methods.length).addrOrNull(methods.length > 0 ? this.methodTable(name, methods) : null);
    const eq = comparable(t) && !(u instanceof Interface) && !(u instanceof Pointer) && !(u instanceof Signature);
    if (eq) w.reloc("tableindex", this.equalFn(t));
    else w.u32(0);
    w.u32(0).u32(0);
    if (u instanceof Interface) {
      const ids = completeInterface(u).allMethods.map((m) => this.nameid(m.name, m.sig)).sort((a, b) => a - b);
      const table = new DataWriter();
      for (const id of ids) table.u32(id);
      w.u32(ids.length).addrOrNull(ids.length > 0 ? this.staticData(`${name}.imethods`, table, 4) : null);
    }
    this.compositeInfo(w, name, u);
    return w.sym(name, 8);
  }

  /** After the header, a struct's fields or an array's length (layout.ts STYPE_*, ATYPE_*). */
  private compositeInfo(w: DataWriter, name: string, u: Type): void {
    if (u instanceof ArrayType) w.u32(u.len).pad(L.ATYPE_SIZE);
    if (!(u instanceof Struct)) return;
    const offsets = fieldOffsets(u);
    const table = new DataWriter();
    u.fields.forEach((f, i) => {
      this.nameString(table, f.name).reloc("addr", this.typeSym(f.type)).u32(offsets[i]!);
      table.u32(isExported(f.name) ? L.FIELDFLAG_EXPORTED : 0);
    });
    w.u32(u.fields.length).addrOrNull(u.fields.length > 0 ? this.staticData(`${name}.fields`, table, 4) : null);
  }

  private concreteMethods(t: Type): ItabMethod[] {
    if (!(t instanceof Named) && !(t instanceof Pointer && t.elem instanceof Named)) return [];
    // Methods the runtime implements (package testing's) have no code to
    // call through a table; their types cannot be converted to interfaces.
    return methodSet(t)
      .filter((m) => !m.intrinsic)
      .map((m) => ({ nameid: this.nameid(m.name, m.sig), fnSym: this.itabForm(t, m) }))
      .sort((a, b) => a.nameid - b.nameid);
  }

  private methodTable(typeName: string, methods: ItabMethod[]): string {
    const w = new DataWriter();
    for (const m of methods) w.u32(m.nameid).reloc("tableindex", m.fnSym);
    return this.staticData(`${typeName}.methods`, w, 4);
  }

  /**
   * The block the runtime reads to build its own error values and to find
   * Error/String methods (layout.ts RT_*). The runtime's error types get
   * descriptors here with their Error methods in the fixed RTFN_* slots.
   */
  private runtimeTypeBlock(): void {
    const errorNameid = this.nameid("Error", (errorType.underlying as Interface).methods[0]!.sig);
    const stringSig = (errorType.underlying as Interface).methods[0]!.sig;
    const stringNameid = this.nameid("String", stringSig);
    // shape is the Go type of the error's data, whose equality function
    // compares two such errors held in interfaces; pointers compare by
    // address in the runtime.
    const rtError = (tname: string, shape: Type, slot: number): { type: string; itab: string } => {
      const type = `type:${tname}`;
      const l = layout(shape);
      const methods = new DataWriter().u32(errorNameid).u32(slot);
      const w = new DataWriter().u32(l.size).u8(kindOf(shape)).u8(l.align).u8(L.TYPEFLAG_COMPARABLE).u8(0);
      this.nameString(w, tname).u32(0);
      w.u32(1).reloc("addr", this.staticData(`${type}.methods`, methods, 4));
      if (shape instanceof Pointer) w.u32(0);
      else w.reloc("tableindex", this.equalFn(shape));
      w.u32(0).u32(0);
      this.compositeInfo(w, type, shape);
      this.out.push(w.sym(type, 8));
      this.syms.set(type, null);
      const itab = `go:itab.${tname},error`;
      this.out.push(new DataWriter().reloc("addr", this.typeSym(errorType)).reloc("addr", type).u32(0).u32(0).u32(slot).sym(itab, 4));
      return { type, itab };
    };
    const stringShape = Typ[BasicKind.String];
    const bounds = rtError("runtime.boundsError", boundsErrorShape(), L.RTFN_BOUNDSERROR_ERROR);
    const errstr = rtError("runtime.errorString", stringShape, L.RTFN_ERRORSTRING_ERROR);
    const plain = rtError("runtime.plainError", stringShape, L.RTFN_PLAINERROR_ERROR);
    const assert = rtError("*runtime.TypeAssertionError", new Pointer(Typ[BasicKind.Uint8]), L.RTFN_TYPEASSERTIONERROR_ERROR);
    const w = new DataWriter();
    w.reloc("addr", this.typeSym(Typ[BasicKind.String])).reloc("addr", this.typeSym(Typ[BasicKind.Int]));
    w.reloc("addr", this.typeSym(errorType));
    w.reloc("addr", bounds.type).reloc("addr", errstr.type).reloc("addr", plain.type).reloc("addr", assert.type);
    w.reloc("addr", bounds.itab).reloc("addr", errstr.itab).reloc("addr", plain.itab).reloc("addr", assert.itab);
    w.u32(errorNameid).u32(stringNameid).reloc("addr", METHODNAMES_SYM).pad(L.RT_SIZE);
    this.out.push(w.sym(RTTYPES_SYM, 4));
  }
}

export const RTTYPES_SYM = "runtime.rttypes";

const RUNTIME_POS = makePos("<runtime>", 0, 0);

/** runtime.boundsError's fields (BOUNDSERROR_* in assembly/layout.ts). */
function boundsErrorShape(): Struct {
  const field = (name: string, kind: BasicKind): Var => new Var(name, RUNTIME_POS, Typ[kind], "field", null);
  return new Struct([
    field("x", BasicKind.Int64),
    field("y", BasicKind.Int),
    field("signed", BasicKind.Bool),
    field("code", BasicKind.Uint8),
  ]);
}
const METHODNAMES_SYM = "runtime.methodnames";

/** Go's reflect.Kind of each basic type. */
const BASIC_KINDS: Partial<Record<BasicKind, number>> = {
  [BasicKind.Bool]: L.KIND_BOOL,
  [BasicKind.Int]: L.KIND_INT,
  [BasicKind.Int8]: L.KIND_INT8,
  [BasicKind.Int16]: L.KIND_INT16,
  [BasicKind.Int32]: L.KIND_INT32,
  [BasicKind.Int64]: L.KIND_INT64,
  [BasicKind.Uint]: L.KIND_UINT,
  [BasicKind.Uint8]: L.KIND_UINT8,
  [BasicKind.Uint16]: L.KIND_UINT16,
  [BasicKind.Uint32]: L.KIND_UINT32,
  [BasicKind.Uint64]: L.KIND_UINT64,
  [BasicKind.Uintptr]: L.KIND_UINTPTR,
  [BasicKind.String]: L.KIND_STRING,
};

/** Go's token.IsExported: the name starts with an upper-case letter. */
function isExported(name: string): boolean {
  return /^\p{Lu}/u.test(name);
}

/** Go's reflect.Kind of a type's underlying type. */
export function kindOf(u: Type): number {
  if (u instanceof Basic) return BASIC_KINDS[u.kind] ?? 0;
  if (u instanceof Pointer) return L.KIND_POINTER;
  if (u instanceof Signature) return L.KIND_FUNC;
  if (u instanceof Interface) return L.KIND_INTERFACE;
  if (u instanceof Struct) return L.KIND_STRUCT;
  if (u instanceof ArrayType) return L.KIND_ARRAY;
  return 0;
}

