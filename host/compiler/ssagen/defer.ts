// The three ways a defer statement is compiled (seeds 001-003):
//
// - open-coded: the funcval and the arguments are saved to frame slots, then
//   the defer's bit is set in deferBits; every return tests the bits in
//   reverse order and makes the calls inline, clearing each bit first. The
//   funcdata tells a panicking runtime where the slots are.
// - stack-allocated: a _defer record in the frame, args after its header,
//   linked by deferprocStack.
// - heap-allocated: deferproc links a pooled record and returns where its
//   args go.
//
// All three call the deferred function through its ABI0 wrapper when the
// runtime runs it, so the wrapper is requested here.

import * as ir from "../ssa/ir.js";
import type * as syn from "../syntax/nodes.js";
import { Pointer, Typ, BasicKind, type Type } from "../types/types.js";
import { layout, argFrame, alignUp, type Leaf } from "../abi/abi.js";
import * as L from "../../../assembly/layout.js";
import { FuncGen, pointerWordsOf, type Place, type Words } from "./func.js";
import { calleeOf, genArgs, type Callee } from "./call.js";
import { encodeOpenDeferInfo } from "./opendefer.js";
import { evalIntrinsicCall } from "../testing/ssagen.js";

/** A receiver held as a raw data word (interface method defers). */
export const dataWordType: Type = new Pointer(Typ[BasicKind.Uint8]);

/** What the exit code of an open-coded defer calls. */
type ExitCall =
  | { kind: "static"; sym: string; ctxFromClosure: boolean }
  | { kind: "closure" }
  | { kind: "iface" };

export interface OpenDeferRecord {
  bit: number;
  call: ExitCall;
  closureSlot: ir.FrameSlot;
  /**
   * Receiver first, then the arguments; each in its own slot. `kept` holds,
   * per word, a register copy the exits use instead of reloading the slot,
   * or undefined where the slot must be reloaded.
   */
  args: { slot: ir.FrameSlot; type: Type; callOffset: number; kept: (ir.Value | undefined)[] }[];
  argWidth: number;
  results: ir.MType[];
}

/** The evaluated parts of a deferred call. */
interface DeferredCall {
  fn: ir.Value;
  argTypes: Type[];
  args: Words[];
  exit: ExitCall;
  results: ir.MType[];
}

export function genDeferStmt(g: FuncGen, s: syn.CallStmt): void {
  const call = s.call as syn.CallExpr;
  const d = evalDeferredCall(g, s, call);
  switch (g.plan.kinds.get(s)) {
    case "open-coded":
      return saveOpenDefer(g, d);
    case "stack-allocated":
      return deferOnStack(g, d, s.pos.line);
    default:
      return deferOnHeap(g, d, s.pos.line);
  }
}

/** Evaluates the function value, receiver and arguments at the defer statement, as Go requires. */
function evalDeferredCall(g: FuncGen, s: syn.CallStmt, call: syn.CallExpr): DeferredCall {
  if (call.call?.kind === "builtin" || call.call?.kind === "conversion") {
    return g.pkg.wrappers.deferBuiltin(g, s, call);
  }
  const method = call.call?.kind === "method" ? call.call.func : undefined;
  if (method?.intrinsic) return g.pkg.wrappers.deferIntrinsic(g, s, evalIntrinsicCall(g, call, method));
  const c: Callee = calleeOf(g, call);
  const params = c.sig.params.vars.map((p) => p.type);
  const args = splitArgs(genArgs(g, call.argList, c.sig), params);
  const results = layoutResults(c);
  switch (c.kind) {
    case "static": {
      const recvTypes = c.recv.length > 0 ? [c.sig.recv!.type] : [];
      g.pkg.wrappers.requestABI0(c.sym);
      const fn = c.ctx ? c.ctx() : g.b.addr(g.pkg.reflect.funcvalSym(c.sym));
      return { fn, argTypes: [...recvTypes, ...params], args: [...(c.recv.length ? [c.recv] : []), ...args], exit: { kind: "static", sym: c.sym, ctxFromClosure: c.ctx !== null }, results };
    }
    case "closure":
      g.pkg.wrappers.requestDynamicABI0();
      if (params.length > 0 || results.length > 0) return g.pkg.wrappers.deferClosureWithArgs(g, s, c.fn, c.sig, params, args);
      return { fn: c.fn, argTypes: params, args, exit: { kind: "closure" }, results };
    case "iface": {
      // The funcval is the itab's method slot: its first word is the table index, as in a funcval.
      g.pkg.wrappers.requestDynamicABI0();
      const fn = g.b.binop("add", c.tab, g.b.i32(L.ITAB_FUN + 4 * c.index));
      return { fn, argTypes: [dataWordType, ...params], args: [[c.data], ...args], exit: { kind: "iface" }, results };
    }
  }
}

function layoutResults(c: Callee): ir.MType[] {
  return c.sig.results.vars.flatMap((r) => layout(r.type).leaves.map((l) => l.type));
}

function splitArgs(words: Words, types: Type[]): Words[] {
  let at = 0;
  return types.map((t) => {
    const n = layout(t).leaves.length;
    const w = words.slice(at, at + n);
    at += n;
    return w;
  });
}

// ---------------------------------------------------------------- open-coded

function saveOpenDefer(g: FuncGen, d: DeferredCall): void {
  const bit = g.openDefers.length;
  const frame = argFrame(d.argTypes);
  const closureSlot = g.b.allocSlot(`defer${bit}.fn`, 4, 4, [0]);
  const args = d.argTypes.map((t, i) => {
    const l = layout(t);
    const kept = l.leaves.map((leaf, j) => (keepsInRegister(leaf) ? g.b.snapshot(d.args[i]![j]!) : undefined));
    return { slot: g.b.allocSlot(`defer${bit}.arg${i}`, l.size, l.align, pointerWordsOf(l.leaves)), type: t, callOffset: frame.offsets[i]!, kept };
  });
  g.openDefers.push({ bit, call: d.exit, closureSlot, args, argWidth: frame.size, results: d.results });
  g.b.store(g.b.frameaddr(closureSlot.offset), 0, d.fn, 4);
  args.forEach((a, i) => g.store(slotPlace(a.slot, a.type), d.args[i]!));
  // The bit is set only after the saves: a panic in between must not run this defer.
  setDeferBits(g, g.b.binop("or", g.deferBits!.value, g.b.i32(1 << bit)));
}

/**
 * Whether an argument word can reach the exits in a register: a pointer
 * cannot, since a stack move adjusts the frame slot but not a register
 * (the word may point into the stack); narrow words are reloaded so the
 * call sees them extended as a load extends them.
 */
function keepsInRegister(leaf: Leaf): boolean {
  return !leaf.pointer && leaf.size >= 4;
}

/** Updates deferBits in its register and in the frame byte a panic reads. */
export function setDeferBits(g: FuncGen, bits: ir.Value): void {
  const db = g.deferBits!;
  g.b.copy(db.value, bits);
  g.b.store(g.b.frameaddr(db.slot.offset), 0, db.value, 1);
}

function slotPlace(slot: ir.FrameSlot, type: Type): Place {
  return { kind: "mem", type, base: { kind: "frame", offset: slot.offset }, offset: 0 };
}

/** The inline exit at a return: each set bit, last defer first; the bit is cleared before its call. */
export function genOpenDeferExits(g: FuncGen, line: number): void {
  for (let i = g.openDefers.length - 1; i >= 0; i--) {
    const rec = g.openDefers[i]!;
    const run = g.b.newBlock(line);
    const next = g.b.newBlock(line);
    g.b.branch(g.b.binop("and", g.deferBits!.value, g.b.i32(1 << rec.bit)), run, next);
    g.b.startBlock(run);
    setDeferBits(g, g.b.binop("and", g.deferBits!.value, g.b.i32(~(1 << rec.bit) & 0xff)));
    callOpenDefer(g, rec, line);
    g.b.jump(next);
    g.b.startBlock(next);
  }
}

function callOpenDefer(g: FuncGen, rec: OpenDeferRecord, line: number): void {
  const closure = (): ir.Value => g.b.load("i32", g.b.frameaddr(rec.closureSlot.offset), 0, 4);
  const args = rec.args.flatMap((a) => {
    const reloaded = a.kept.every((k) => k !== undefined) ? [] : g.load(slotPlace(a.slot, a.type));
    return a.kept.map((k, j) => k ?? reloaded[j]!);
  });
  switch (rec.call.kind) {
    case "static":
      g.b.call({ kind: "static", sym: rec.call.sym }, [rec.call.ctxFromClosure ? closure() : g.b.i32(0), ...args], rec.results, "unwinds", line);
      return;
    case "closure": {
      const fn = closure();
      g.b.emit({ op: "nilcheck", v: fn, line });
      g.b.call({ kind: "closure", fn }, args, rec.results, "unwinds", line);
      return;
    }
    case "iface": {
      const index = g.b.load("i32", closure(), 0, 4);
      g.b.call({ kind: "indirect", index }, [g.b.i32(0), ...args], rec.results, "unwinds", line);
      return;
    }
  }
}

/** FUNCDATA_OpenCodedDeferInfo, once the frame size (and so varp) is known. */
export function finishOpenDeferInfo(g: FuncGen): void {
  const varp = g.b.fn.frameSize;
  g.b.fn.openDeferInfo = encodeOpenDeferInfo({
    deferBitsOffset: varp - g.deferBits!.slot.offset,
    defers: g.openDefers.map((rec) => ({
      argWidth: rec.argWidth,
      closureOffset: varp - rec.closureSlot.offset,
      args: rec.args.map((a) => ({ frameOffset: varp - a.slot.offset, size: layout(a.type).size, callOffset: a.callOffset })),
    })),
  });
}

// ---------------------------------------------------------------- records

/** Words of a _defer header that may point into the stack, for the frame's pointer map. */
const DEFER_POINTER_WORDS = [L.DEFER_SP, L.DEFER_FN, L.DEFER_PANIC, L.DEFER_LINK, L.DEFER_VARP].map((o) => o / 4);

function storeArgs(g: FuncGen, base: () => ir.Value, offset: number, d: DeferredCall): void {
  const frame = argFrame(d.argTypes);
  d.argTypes.forEach((t, i) => {
    g.store({ kind: "mem", type: t, base: { kind: "ptr", ptr: base() }, offset: offset + frame.offsets[i]! }, d.args[i]!);
  });
}

function deferOnStack(g: FuncGen, d: DeferredCall, line: number): void {
  const frame = argFrame(d.argTypes);
  const argPtrs = d.argTypes.flatMap((t, i) => pointerWordsOf(layout(t).leaves).map((w) => (L.DEFER_ARGS + frame.offsets[i]!) / 4 + w));
  const slot = g.b.allocSlot("defer.record", alignUp(L.DEFER_ARGS + frame.size, 8), 8, [...DEFER_POINTER_WORDS, ...argPtrs]);
  const rec = (): ir.Value => g.b.frameaddr(slot.offset);
  g.b.store(rec(), L.DEFER_SIZ, g.b.i32(frame.size), 4);
  g.b.store(rec(), L.DEFER_FN, d.fn, 4);
  storeArgs(g, rec, L.DEFER_ARGS, d);
  g.pkg.runtimeCall(g, "deferprocStack", [rec()], line);
  continueAfterDefer(g, line);
}

function deferOnHeap(g: FuncGen, d: DeferredCall, line: number): void {
  const frame = argFrame(d.argTypes);
  const [argp] = g.pkg.runtimeCall(g, "deferproc", [g.b.i32(frame.size), d.fn], line);
  continueAfterDefer(g, line);
  storeArgs(g, () => argp!, 0, d);
}

/** A deferproc call ends its block: it continues, or (recovery) reaches the deferreturn block. */
function continueAfterDefer(g: FuncGen, line: number): void {
  const next = g.b.newBlock(line);
  g.b.deferBlock(next, g.deferreturn!);
  g.b.startBlock(next);
}

export type { DeferredCall };
