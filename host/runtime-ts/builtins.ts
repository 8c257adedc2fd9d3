// What AssemblyScript's builtins give the wasm core, over the shared memory
// and table of one runtime instance: load<T>/store<T> (loadN/storeN here),
// memory.copy/fill/compare/size/grow, call_indirect (through the glue,
// glue.ts) and unreachable. Also the instance itself: the wasm core's globals live in its wasm instance, so here
// they are fields of Instance, and `rt` is the instance whose entry point is
// running (index.ts switches it on every call from the program).

import { PAGE_SIZE } from "../../assembly/layout.js";
import type { TableCalls } from "./glue.js";
import type { HostServices } from "./stubs.js";

/** One runtime core: its memory, table, host services and globals. */
export class Instance {
  view: DataView;
  bytes: Uint8Array;
  /** call_indirect through the table, set once the glue is instantiated. */
  calls!: TableCalls;
  /** The second result of the pair function that returned last (glue.ts). */
  second = 0;

  // panic.ts: the signal behind the panic being printed; whether a fatal
  // error is being reported; whether preprintpanics is calling Go code.
  sigsegv = false;
  sigpc = 0;
  dying = false;
  printingpanics = false;

  // stack.ts: the move in progress, pointers into [adjlo, adjhi) move by
  // adjdelta (negative when the new stack is lower).
  adjlo = 0;
  adjhi = 0;
  adjdelta = 0;

  // error.ts: the boxed messages of the runtime's fixed errors, made on
  // first use.
  memoryErrorBox = 0;
  divideErrorBox = 0;
  shiftErrorBox = 0;

  // iface.ts: the itab cache, a list of {next, itab} entries in memory.
  itabcache = 0;

  // testing.ts: the heap buffer messages are formatted in, the length of
  // the last basename found, the boxed message of a nil panic in a test,
  // and the formatting state: the verb's flag + and whether a bad verb's
  // note is being written.
  buf = 0;
  buflen = 0;
  bufcap = 0;
  basenamelen = 0;
  errNilPanicOrGoexitBox = 0;
  plusv = false;
  plus = false;
  erroring = false;

  // string.ts: the string builder's write position.
  sbpos = 0;

  constructor(
    readonly memory: WebAssembly.Memory,
    readonly table: WebAssembly.Table,
    readonly host: HostServices,
  ) {
    this.view = new DataView(memory.buffer);
    this.bytes = new Uint8Array(memory.buffer);
  }

  /** Views are bound to one ArrayBuffer, which memory.grow detaches. */
  refresh(): void {
    if (this.view.buffer === this.memory.buffer) return;
    this.view = new DataView(this.memory.buffer);
    this.bytes = new Uint8Array(this.memory.buffer);
  }
}

export let rt: Instance;

/**
 * Makes inst the running instance. Its memory may have grown meanwhile,
 * which detaches the old buffer: the views then have length 0.
 */
export function enter(inst: Instance): void {
  rt = inst;
  if (inst.bytes.length === 0) inst.refresh();
}

export function load8(p: number): number {
  return rt.view.getUint8(p);
}

export function loadi8(p: number): number {
  return rt.view.getInt8(p);
}

export function load16(p: number): number {
  return rt.view.getUint16(p, true);
}

export function loadi16(p: number): number {
  return rt.view.getInt16(p, true);
}

export function load32(p: number): number {
  return rt.view.getUint32(p, true);
}

export function loadi32(p: number): number {
  return rt.view.getInt32(p, true);
}

export function load64(p: number): bigint {
  return rt.view.getBigInt64(p, true);
}

export function store8(p: number, v: number): void {
  rt.view.setUint8(p, v);
}

export function store16(p: number, v: number): void {
  rt.view.setUint16(p, v, true);
}

export function store32(p: number, v: number): void {
  rt.view.setUint32(p, v, true);
}

export function store64(p: number, v: bigint): void {
  rt.view.setBigInt64(p, v, true);
}

/** Typed arrays clamp where wasm traps, so bulk operations check first. */
function bounds(p: number, n: number): void {
  if (p + n > rt.bytes.length) throw new WebAssembly.RuntimeError("memory access out of bounds");
}

export function memcopy(dst: number, src: number, n: number): void {
  bounds(dst, n);
  bounds(src, n);
  rt.bytes.copyWithin(dst, src, src + n);
}

export function memfill(p: number, v: number, n: number): void {
  bounds(p, n);
  rt.bytes.fill(v, p, p + n);
}

export function memcompare(a: number, b: number, n: number): number {
  const bytes = rt.bytes;
  for (let i = 0; i < n; i++) {
    if (bytes[a + i] !== bytes[b + i]) return bytes[a + i]! - bytes[b + i]!;
  }
  return 0;
}

export function memsize(): number {
  return rt.memory.buffer.byteLength / PAGE_SIZE;
}

/** memory.grow: the old size in pages, or -1 when the engine refuses. */
export function memgrow(pages: number): number {
  try {
    const old = rt.memory.grow(pages);
    rt.refresh();
    return old;
  } catch (e) {
    if (e instanceof RangeError) return -1;
    throw e;
  }
}

/** call_indirect<void>(index, ctx): main.init, init functions, main.main. */
export function callIndirect1(index: number, ctx: number): void {
  rt.calls.call1(index, ctx);
}

/** call_indirect<void>(index, ctx, argp): an ABI0 wrapper. */
export function callIndirect2(index: number, ctx: number, argp: number): void {
  rt.calls.call2(index, ctx, argp);
}

/** call_indirect<i32>(index, ctx, p, q): a type's equality function. */
export function callIndirectEq(index: number, ctx: number, p: number, q: number): number {
  return rt.calls.calleq(index, ctx, p, q);
}

export function unreachable(): never {
  throw new WebAssembly.RuntimeError("unreachable");
}
