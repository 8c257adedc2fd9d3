// Sizes, alignment and the split of Go values into machine words, as
// docs/abi.md §4 and §5 fix them; Go's types.CalcSize and abi package
// together.

import { BasicKind, Basic, Named, Pointer, Struct, Array, Signature, Interface, Tuple, underlying, type Type } from "../types/types.js";
import type { MType } from "../ssa/ir.js";

/** One machine word of a Go value: its wasm type and where it sits in memory. */
export interface Leaf {
  type: MType;
  /** Byte offset in the value's memory layout. */
  offset: number;
  size: 1 | 2 | 4 | 8;
  /** Loads sign-extend (signed integers narrower than the word). */
  signed: boolean;
  /** The word holds a pointer (for pointer maps). */
  pointer: boolean;
}

export class UnsupportedTypeError extends Error {}

function basicLayout(k: BasicKind): { size: 1 | 2 | 4 | 8; signed: boolean } {
  switch (k) {
    case BasicKind.Bool:
    case BasicKind.Uint8:
      return { size: 1, signed: false };
    case BasicKind.Int8:
      return { size: 1, signed: true };
    case BasicKind.Int16:
      return { size: 2, signed: true };
    case BasicKind.Uint16:
      return { size: 2, signed: false };
    case BasicKind.Int32:
      return { size: 4, signed: true };
    case BasicKind.Uint32:
      return { size: 4, signed: false };
    case BasicKind.Int:
    case BasicKind.Int64:
    case BasicKind.UntypedInt:
    case BasicKind.UntypedRune:
      return { size: 8, signed: true };
    case BasicKind.Uint:
    case BasicKind.Uint64:
    case BasicKind.Uintptr:
      return { size: 8, signed: false };
    case BasicKind.UntypedBool:
      return { size: 1, signed: false };
    default:
      throw new UnsupportedTypeError(`no layout for basic kind ${BasicKind[k]}`);
  }
}

const layoutCache = new WeakMap<Type, { size: number; align: number; leaves: Leaf[] }>();

/** Memory size, alignment and machine words of a type. */
export function layout(t: Type): { size: number; align: number; leaves: Leaf[] } {
  let l = layoutCache.get(t);
  if (!l) {
    l = computeLayout(t);
    layoutCache.set(t, l);
  }
  return l;
}

function word(type: MType, offset: number, size: 1 | 2 | 4 | 8, signed: boolean, pointer: boolean): Leaf {
  return { type, offset, size, signed, pointer };
}

function computeLayout(t: Type): { size: number; align: number; leaves: Leaf[] } {
  const u = underlying(t);
  if (u instanceof Basic) {
    if (u.kind === BasicKind.String || u.kind === BasicKind.UntypedString) {
      return { size: 8, align: 4, leaves: [word("i32", 0, 4, false, true), word("i32", 4, 4, false, false)] };
    }
    if (u.kind === BasicKind.UntypedNil) return { size: 4, align: 4, leaves: [word("i32", 0, 4, false, true)] };
    const b = basicLayout(u.kind);
    return { size: b.size, align: b.size, leaves: [word(b.size === 8 ? "i64" : "i32", 0, b.size, b.signed, false)] };
  }
  if (u instanceof Pointer || u instanceof Signature) {
    return { size: 4, align: 4, leaves: [word("i32", 0, 4, false, true)] };
  }
  if (u instanceof Interface) {
    return { size: 8, align: 4, leaves: [word("i32", 0, 4, false, true), word("i32", 4, 4, false, true)] };
  }
  if (u instanceof Struct) return structLayout(u.fields.map((f) => f.type));
  if (u instanceof Tuple) return structLayout(u.vars.map((v) => v.type));
  if (u instanceof Array) {
    const e = layout(u.elem);
    const stride = alignUp(e.size, e.align);
    const leaves: Leaf[] = [];
    for (let i = 0; i < u.len; i++) for (const w of e.leaves) leaves.push({ ...w, offset: w.offset + i * stride });
    return { size: stride * u.len, align: e.align, leaves };
  }
  throw new UnsupportedTypeError(`no layout for ${t.constructor.name}`);
}

function structLayout(types: Type[]): { size: number; align: number; leaves: Leaf[] } {
  let off = 0;
  let align = 1;
  const leaves: Leaf[] = [];
  for (const ft of types) {
    const f = layout(ft);
    off = alignUp(off, f.align);
    for (const w of f.leaves) leaves.push({ ...w, offset: w.offset + off });
    off += f.size;
    align = Math.max(align, f.align);
  }
  return { size: alignUp(off, align), align, leaves };
}

export function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

export function sizeof(t: Type): number {
  return layout(t).size;
}

export function alignof(t: Type): number {
  return layout(t).align;
}

/** Byte offsets of a struct's fields. */
export function fieldOffsets(s: Struct): number[] {
  const offs: number[] = [];
  let off = 0;
  for (const f of s.fields) {
    const l = layout(f.type);
    off = alignUp(off, l.align);
    offs.push(off);
    off += l.size;
  }
  return offs;
}

/** Index of the first leaf of each struct field in the struct's leaf list. */
export function fieldLeafStarts(s: Struct): number[] {
  const starts: number[] = [];
  let n = 0;
  for (const f of s.fields) {
    starts.push(n);
    n += layout(f.type).leaves.length;
  }
  return starts;
}

export function wordTypes(t: Type): MType[] {
  return layout(t).leaves.map((l) => l.type);
}

/**
 * Go types the compiler keeps in memory rather than in wasm locals: arrays,
 * which a variable index must address, and structs that contain them.
 */
export function needsMemory(t: Type): boolean {
  const u = underlying(t);
  if (u instanceof Array) return true;
  return u instanceof Struct && u.fields.some((f) => needsMemory(f.type));
}

/** Values of these types fit in an interface's data word directly. */
export function isPointerShaped(t: Type): boolean {
  const u = underlying(t);
  return u instanceof Pointer || u instanceof Signature;
}

/** Wasm params of a Go signature's parameters (receiver first), without ctx. */
export function paramWords(sig: Signature): MType[] {
  const out: MType[] = [];
  if (sig.recv) out.push(...wordTypes(sig.recv.type));
  for (const p of sig.params.vars) out.push(...wordTypes(p.type));
  return out;
}

export function resultWords(sig: Signature): MType[] {
  return sig.results.vars.flatMap((r) => wordTypes(r.type));
}

/** The ABI0 arg frame: offset of each argument (receiver first) and the total size. */
export function argFrame(types: Type[]): { offsets: number[]; size: number } {
  const offsets: number[] = [];
  let off = 0;
  for (const t of types) {
    const l = layout(t);
    off = alignUp(off, l.align);
    offsets.push(off);
    off += l.size;
  }
  return { offsets, size: alignUp(off, 8) };
}

/** Receiver (if any) and parameter types of a signature, in call order. */
export function callArgTypes(sig: Signature): Type[] {
  return [...(sig.recv ? [sig.recv.type] : []), ...sig.params.vars.map((p) => p.type)];
}

export function isNamed(t: Type): t is Named {
  return t instanceof Named;
}
