// Per-function state of ssagen: where each variable lives, places
// (addressable locations) and their loads and stores, and the control-flow
// targets of the statement being built.

import * as ir from "../ssa/ir.js";
import type * as syn from "../syntax/nodes.js";
import type { FuncInfo, Var } from "../types/objects.js";
import { Array as ArrayType, Basic, BasicKind, Struct, underlying, type Type } from "../types/types.js";
import { layout, fieldOffsets, fieldLeafStarts, type Leaf } from "../abi/abi.js";
import { FnBuilder } from "./state.js";
import type { DeferPlan } from "../walk/defer.js";
import type { PkgGen } from "./pkg.js";
import type { OpenDeferRecord } from "./defer.js";

/** The machine words of a Go value. */
export type Words = ir.Value[];

/** What a memory place's address is relative to. */
export type Base =
  /** A frame slot: sp + offset, recomputed at each use because the stack may move. */
  | { kind: "frame"; offset: number }
  /** A pointer in a register: to the heap or static data, never into the stack. */
  | { kind: "ptr"; ptr: ir.Value }
  | { kind: "global"; sym: string }
  /** A variable captured by this closure: its address is word `index` of the funcval. */
  | { kind: "captured"; index: number };

/** An addressable location of a Go value. */
export type Place =
  | { kind: "regs"; type: Type; words: ir.Value[] }
  | { kind: "mem"; type: Type; base: Base; offset: number; indices?: ArrayIndex[] };

/** A variable array index: the element is `value * stride` bytes further. */
export interface ArrayIndex {
  value: ir.Value;
  stride: number;
}

export class FuncGen {
  readonly b: FnBuilder;
  readonly vars = new Map<Var, Place>();
  /** The heap cell pointer register of each heap variable. */
  readonly heapCells = new Map<Var, ir.Value>();
  /** Frame slot holding the closure context, for closures that capture variables. */
  ctxSlot: ir.FrameSlot | null = null;
  ctxParam: ir.Value | null = null;
  deferreturn: ir.Block | null = null;
  readonly openDefers: OpenDeferRecord[] = [];
  /**
   * The open-coded defers' bits: the frame byte a panic's frame scan reads,
   * and a register copy the inline exits test, as Go's SSA keeps deferBits
   * in a variable and stores it to the frame at each change.
   */
  deferBits: { slot: ir.FrameSlot; value: ir.Value } | null = null;
  /** Where break/continue/goto/fallthrough go. */
  readonly breakTo = new Map<syn.Stmt, ir.Block>();
  readonly continueTo = new Map<syn.Stmt, ir.Block>();
  readonly labels = new Map<syn.LabeledStmt, ir.Block>();
  readonly fallthroughTo = new Map<syn.CaseClause, ir.Block>();
  /** The clause whose body is being generated, for fallthrough. */
  currentClause: syn.CaseClause | null = null;

  constructor(
    readonly pkg: PkgGen,
    readonly info: FuncInfo | null,
    readonly plan: DeferPlan,
    init: ConstructorParameters<typeof FnBuilder>[0],
  ) {
    this.b = new FnBuilder(init);
  }

  get hasDefers(): boolean {
    return (this.info?.defers.length ?? 0) > 0;
  }

  // ------------------------------------------------------------ addresses

  /** The address a base denotes, materialised now (valid until the next call). */
  baseAddr(base: Base): ir.Value {
    switch (base.kind) {
      case "frame":
        return this.b.frameaddr(base.offset);
      case "ptr":
        return base.ptr;
      case "global":
        return this.b.addr(base.sym);
      case "captured":
        return this.b.load("i32", this.closureContext(), 4 + 4 * base.index, 4);
    }
  }

  /** The funcval of the running closure, reloaded from its frame slot (the stack may have moved). */
  closureContext(): ir.Value {
    if (this.ctxSlot) return this.b.load("i32", this.b.frameaddr(this.ctxSlot.offset), 0, 4);
    if (!this.ctxParam) throw new Error("internal error: captured variable outside a closure");
    return this.ctxParam;
  }

  /** Address of a memory place (base + offset + each index * stride), materialised now. */
  placeAddr(p: Extract<Place, { kind: "mem" }>): { addr: ir.Value; offset: number } {
    let addr = this.baseAddr(p.base);
    for (const ix of p.indices ?? []) {
      const scaled = this.b.binop("mul", this.b.unop("wrap", ix.value), this.b.i32(ix.stride));
      addr = this.b.binop("add", addr, scaled);
    }
    return { addr, offset: p.offset };
  }

  // ------------------------------------------------------------ loads and stores

  /** Reads a place into fresh registers (so later stores to the place do not change the result). */
  load(p: Place): Words {
    if (p.kind === "regs") return p.words.map((w) => this.b.snapshot(w));
    const leaves = layout(p.type).leaves;
    if (leaves.length === 0) return [];
    const { addr, offset } = this.placeAddr(p);
    return leaves.map((l) => this.b.load(l.type, addr, offset + l.offset, l.size, l.signed));
  }

  store(p: Place, words: Words): void {
    if (p.kind === "regs") {
      p.words.forEach((w, i) => this.b.copy(w, words[i]!));
      return;
    }
    const leaves = layout(p.type).leaves;
    if (leaves.length === 0) return;
    const { addr, offset } = this.placeAddr(p);
    leaves.forEach((l, i) => this.b.store(addr, offset + l.offset, words[i]!, l.size));
  }

  /** Sets a place to its type's zero value. */
  storeZero(p: Place): void {
    if (p.kind === "mem" && layout(p.type).size > 32) {
      const { addr, offset } = this.placeAddr(p);
      const at = offset ? this.b.binop("add", addr, this.b.i32(offset)) : addr;
      this.b.emit({ op: "zero", addr: at, size: layout(p.type).size });
      return;
    }
    this.store(p, this.zeroWords(p.type));
  }

  zeroWords(t: Type): Words {
    return layout(t).leaves.map((l) => this.b.const(l.type, 0));
  }

  /** A struct field of a place. */
  fieldPlace(p: Place, index: number): Place {
    const st = underlying(p.type) as Struct;
    const ft = st.fields[index]!.type;
    if (p.kind === "regs") {
      const start = fieldLeafStarts(st)[index]!;
      return { kind: "regs", type: ft, words: p.words.slice(start, start + layout(ft).leaves.length) };
    }
    return { ...p, type: ft, offset: p.offset + fieldOffsets(st)[index]! };
  }

  /**
   * An array element of a memory place. A constant index folds into the
   * offset; variable ones are kept, so the address (which may be in the
   * frame) is formed only where the element is used.
   */
  elemPlace(p: Extract<Place, { kind: "mem" }>, index: ir.Value | number): Place {
    const at = underlying(p.type) as ArrayType;
    const stride = layout(at.elem).size;
    if (typeof index === "number") return { ...p, type: at.elem, offset: p.offset + index * stride };
    return { ...p, type: at.elem, indices: [...(p.indices ?? []), { value: index, stride }] };
  }

  /** Moves a value to a fresh memory slot (to index an array value, or take an address of a temporary). */
  spillToFrame(t: Type, words: Words, name: string): Place {
    const l = layout(t);
    const slot = this.b.allocSlot(name, l.size, l.align, pointerWordsOf(l.leaves));
    const p: Place = { kind: "mem", type: t, base: { kind: "frame", offset: slot.offset }, offset: 0 };
    this.store(p, words);
    return p;
  }

  // ------------------------------------------------------------ variables

  /** Gives v its storage (registers, frame slot or heap cell) and its zero value. */
  declare(v: Var, init?: Words): Place {
    const storage = this.pkg.esc.storage.get(v) ?? "reg";
    const t = v.type;
    let p: Place;
    if (storage === "reg") {
      const existing = this.vars.get(v);
      p = existing ?? { kind: "regs", type: t, words: layout(t).leaves.map((l) => this.b.newValue(l.type, v.name)) };
    } else if (storage === "frame") {
      const existing = this.vars.get(v);
      p = existing ?? this.frameVar(v);
    } else {
      const cell = this.heapCells.get(v) ?? this.b.newValue("i32", `&${v.name}`);
      this.heapCells.set(v, cell);
      const [ptr] = this.pkg.runtimeCall(this, "newobject", [this.b.i32(Math.max(layout(t).size, 1))], v.pos.line);
      this.b.copy(cell, ptr!);
      p = { kind: "mem", type: t, base: { kind: "ptr", ptr: cell }, offset: 0 };
    }
    this.vars.set(v, p);
    if (init) this.store(p, init);
    else if (storage !== "heap") this.storeZero(p);
    return p;
  }

  private frameVar(v: Var): Place {
    const l = layout(v.type);
    const slot = this.b.allocSlot(v.name, l.size, l.align, pointerWordsOf(l.leaves));
    return { kind: "mem", type: v.type, base: { kind: "frame", offset: slot.offset }, offset: 0 };
  }

  /** The place of a variable: its own, a captured one, or a global. */
  varPlace(v: Var): Place {
    const own = this.vars.get(v);
    if (own) return own;
    if (v.varKind === "global") return { kind: "mem", type: v.type, base: { kind: "global", sym: this.pkg.globalSym(v) }, offset: 0 };
    const idx = this.info?.captures.indexOf(v) ?? -1;
    if (idx >= 0) return { kind: "mem", type: v.type, base: { kind: "captured", index: idx }, offset: 0 };
    throw new Error(`internal error: variable ${v.name} has no place in ${this.b.fn.name}`);
  }

  /** The address of a variable in memory (frame, heap, global or captured). */
  varAddr(v: Var): ir.Value {
    const p = this.varPlace(v);
    if (p.kind !== "mem") throw new Error(`internal error: address of register variable ${v.name}`);
    return this.placeAddr(p).addr;
  }
}

/** 4-byte words of a layout that hold pointers, for the frame's pointer map. */
export function pointerWordsOf(leaves: Leaf[]): number[] {
  return leaves.filter((l) => l.pointer).map((l) => l.offset / 4);
}

export function isBasicKind(t: Type, k: BasicKind): boolean {
  const u = underlying(t);
  return u instanceof Basic && u.kind === k;
}
