// The runtime's error values and the printing of panic values
// (runtime/error.go). The types' descriptors and itabs are in the program
// image (runtime type block); their Error methods are the *_Error exports,
// which the loader puts in the table (itab form: (ctx, recv) -> string).

import {
  BOUNDSERROR_CODE, BOUNDSERROR_SIGNED, BOUNDSERROR_SIZE, BOUNDSERROR_X,
  BOUNDSERROR_Y, KIND_BOOL, KIND_INT, KIND_INT16, KIND_INT32, KIND_INT64,
  KIND_INT8, KIND_STRING, KIND_UINT, KIND_UINT16, KIND_UINT32,
  KIND_UINT8, KIND_UINTPTR, METHOD_SIZE, RT_METHODNAMES, RT_NAMEID_ERROR,
  RT_NAMEID_STRING, RUNTIME_DATA, TAE_ASSERTED, TAE_CONCRETE, TAE_INTERFACE,
  TAE_MISSINGLEN, TAE_MISSINGPTR, TAE_SIZE, TYPE_KIND, TYPE_METHODS, TYPE_NMETHODS,
  TYPE_STRLEN, TYPE_STRPTR,
} from "../../assembly/layout.js";
import {
  load16, load32, load64, load8, loadi16, loadi32, loadi8, memcompare, rt, store32, store64, store8,
} from "./builtins.js";
import { mallocgc } from "./malloc.js";
import {
  printbool, printint, printpointer, printstatic, printstring, printuint,
} from "./print.js";
import {
  sbbytes, sbint, sbreset, sbstatic, sbstring, staticbox,
} from "./string.js";
import { first, pack, second, type Pair } from "./stubs.js";
import { rtword } from "./symtab.js";

// ---- errorString and plainError ----

// The boxed messages of Go's memoryError and divideError variables,
// made on first use.
export function memoryError(): number {
  if (rt.memoryErrorBox === 0) rt.memoryErrorBox = staticbox("invalid memory address or nil pointer dereference");
  return rt.memoryErrorBox;
}

export function divideError(): number {
  if (rt.divideErrorBox === 0) rt.divideErrorBox = staticbox("integer divide by zero");
  return rt.divideErrorBox;
}

// shiftError is the runtime error of a shift by a negative signed count.
export function shiftError(): number {
  if (rt.shiftErrorBox === 0) rt.shiftErrorBox = staticbox("negative shift amount");
  return rt.shiftErrorBox;
}

// errorString is a runtime error with a fixed message.
export function errorString_Error(ctx: number, recv: number): Pair {
  sbreset();
  sbstatic("runtime error: ");
  sbbytes(load32(recv), load32(recv + 4));
  return sbstring();
}

// plainError is a runtime error whose message has no "runtime error: ".
export function plainError_Error(ctx: number, recv: number): Pair {
  return pack(load32(recv), load32(recv + 4));
}

// ---- boundsError ----

// boundsError codes, as Go numbers them.
export const boundsIndex = 0;
const boundsSliceAlen = 1;
const boundsSliceAcap = 2;
const boundsSliceB = 3;
const boundsSlice3Alen = 4;
const boundsSlice3Acap = 5;
const boundsSlice3B = 6;
const boundsSlice3C = 7;

export function newBoundsError(x: bigint, y: bigint, signed: boolean, code: number): number {
  const e = mallocgc(BOUNDSERROR_SIZE);
  store64(e + BOUNDSERROR_X, x);
  store64(e + BOUNDSERROR_Y, y);
  store8(e + BOUNDSERROR_SIGNED, signed ? 1 : 0);
  store8(e + BOUNDSERROR_CODE, code);
  return e;
}

// boundsErrorFmt is the message of each code: %x is x, %y is y.
function boundsErrorFmt(code: number): string {
  switch (code) {
    case boundsIndex: return "index out of range [%x] with length %y";
    case boundsSliceAlen: return "slice bounds out of range [:%x] with length %y";
    case boundsSliceAcap: return "slice bounds out of range [:%x] with capacity %y";
    case boundsSliceB: return "slice bounds out of range [%x:%y]";
    case boundsSlice3Alen: return "slice bounds out of range [::%x] with length %y";
    case boundsSlice3Acap: return "slice bounds out of range [::%x] with capacity %y";
    case boundsSlice3B: return "slice bounds out of range [:%x:%y]";
    case boundsSlice3C: return "slice bounds out of range [%x:%y:]";
    default: return "cannot convert slice with length %x to array or pointer to array with length %y";
  }
}

// boundsNegErrorFmt is the message when x is negative: y does not matter.
function boundsNegErrorFmt(code: number): string {
  switch (code) {
    case boundsIndex: return "index out of range [%x]";
    case boundsSliceAlen: return "slice bounds out of range [:%x]";
    case boundsSliceAcap: return "slice bounds out of range [:%x]";
    case boundsSliceB: return "slice bounds out of range [%x:]";
    case boundsSlice3Alen: return "slice bounds out of range [::%x]";
    case boundsSlice3Acap: return "slice bounds out of range [::%x]";
    case boundsSlice3B: return "slice bounds out of range [:%x:]";
    default: return "slice bounds out of range [%x::]";
  }
}

export function boundsError_Error(ctx: number, recv: number): Pair {
  const x = load64(recv + BOUNDSERROR_X);
  const signed = load8(recv + BOUNDSERROR_SIGNED) !== 0;
  const code = load8(recv + BOUNDSERROR_CODE);
  const fmt = signed && x < 0n ? boundsNegErrorFmt(code) : boundsErrorFmt(code);
  sbreset();
  sbstatic("runtime error: ");
  const n = fmt.length;
  for (let i = 0; i < n; i++) {
    const c = fmt.charCodeAt(i);
    if (c !== 37) { // '%'
      store8(SB_CHAR, c);
      sbbytes(SB_CHAR, 1);
      continue;
    }
    i++;
    if (fmt.charCodeAt(i) === 120) sbint(x, signed); // 'x'
    else sbint(load64(recv + BOUNDSERROR_Y), true);
  }
  return sbstring();
}

// A byte of scratch to append single characters from: the wasm core's
// second static datum, after zerobase (malloc.ts).
const SB_CHAR = RUNTIME_DATA + 8;

// ---- TypeAssertionError ----

export function newTypeAssertionError(inter: number, concrete: number, asserted: number, missing: Pair): number {
  const e = mallocgc(TAE_SIZE);
  store32(e + TAE_INTERFACE, inter);
  store32(e + TAE_CONCRETE, concrete);
  store32(e + TAE_ASSERTED, asserted);
  store32(e + TAE_MISSINGPTR, first(missing));
  store32(e + TAE_MISSINGLEN, second(missing));
  return e;
}

function sbtype(t: number): void {
  sbbytes(load32(t + TYPE_STRPTR), load32(t + TYPE_STRLEN));
}

export function TypeAssertionError_Error(ctx: number, e: number): Pair {
  const inter = load32(e + TAE_INTERFACE);
  const concrete = load32(e + TAE_CONCRETE);
  const asserted = load32(e + TAE_ASSERTED);
  sbreset();
  sbstatic("interface conversion: ");
  if (load32(e + TAE_MISSINGLEN) !== 0) {
    sbtype(concrete);
    sbstatic(" is not ");
    sbtype(asserted);
    sbstatic(": missing method ");
    sbbytes(load32(e + TAE_MISSINGPTR), load32(e + TAE_MISSINGLEN));
    return sbstring();
  }
  if (inter !== 0) sbtype(inter);
  else sbstatic("interface");
  sbstatic(" is ");
  if (concrete === 0) sbstatic("nil");
  else sbtype(concrete);
  sbstatic(", not ");
  sbtype(asserted);
  // Types with the same name are from different scopes: the programs are
  // one package, so Go's "different packages" case cannot arise.
  if (concrete !== 0 && typestringeq(concrete, asserted)) sbstatic(" (types from different scopes)");
  return sbstring();
}

function typestringeq(a: number, b: number): boolean {
  const n = load32(a + TYPE_STRLEN);
  if (n !== load32(b + TYPE_STRLEN)) return false;
  return memcompare(load32(a + TYPE_STRPTR), load32(b + TYPE_STRPTR), n) === 0;
}

// methodname is the name of the method with the given nameid, from the
// runtime type block's name table.
export function methodname(nameid: number): Pair {
  const names = rtword(RT_METHODNAMES);
  if (names === 0) return pack(0, 0);
  const s = names + nameid * 8;
  return pack(load32(s), load32(s + 4));
}

// ---- printing panic values ----

// findmethod returns the table index of t's method nameid, or 0.
export function findmethod(t: number, nameid: number): number {
  const methods = load32(t + TYPE_METHODS);
  const n = load32(t + TYPE_NMETHODS);
  for (let i = 0; i < n; i++) {
    const m = methods + i * METHOD_SIZE;
    if (load32(m) === nameid) return load32(m + 4);
  }
  return 0;
}

// stringmethod returns the Error method of type t, else its String method,
// else 0: the methods Go calls on a panic value before printing it.
export function stringmethod(t: number): number {
  if (t === 0) return 0;
  const m = findmethod(t, rtword(RT_NAMEID_ERROR));
  return m !== 0 ? m : findmethod(t, rtword(RT_NAMEID_STRING));
}

// printpanicval prints a panic value (after preprintpanics) as Go does:
// predeclared basic types by value, other types via printanycustomtype.
export function printpanicval(t: number, data: number): void {
  if (t === 0) {
    printstatic("nil");
    return;
  }
  if (!isnamed(t) && printbasic(t, data)) return;
  printanycustomtype(t, data);
}

// isnamed tells a defined type (main.T) from a predeclared one: only
// defined types have a package-qualified name.
function isnamed(t: number): boolean {
  const p = load32(t + TYPE_STRPTR);
  const n = load32(t + TYPE_STRLEN);
  for (let i = 0; i < n; i++) if (load8(p + i) === 46) return true;
  return false;
}

// printbasic prints a value of a bool, integer or string kind and reports
// whether t was one.
function printbasic(t: number, data: number): boolean {
  const kind = load8(t + TYPE_KIND);
  if (kind === KIND_BOOL) printbool(load8(data));
  else if (kind === KIND_STRING) printstring(load32(data), load32(data + 4));
  else if (issigned(kind)) printint(loadint(kind, data));
  else if (isunsigned(kind)) printuint(loaduint(kind, data));
  else return false;
  return true;
}

function printanycustomtype(t: number, data: number): void {
  const kind = load8(t + TYPE_KIND);
  const name = t + TYPE_STRPTR;
  if (kind === KIND_STRING) {
    printstring(load32(name), load32(name + 4));
    printstatic("(\"");
    printstring(load32(data), load32(data + 4));
    printstatic("\")");
    return;
  }
  if (kind === KIND_BOOL || issigned(kind) || isunsigned(kind)) {
    printstring(load32(name), load32(name + 4));
    printstatic("(");
    printbasic(t, data);
    printstatic(")");
    return;
  }
  printstatic("(");
  printstring(load32(name), load32(name + 4));
  printstatic(") ");
  printpointer(data);
}

export function issigned(kind: number): boolean {
  return kind >= KIND_INT && kind <= KIND_INT64;
}

export function isunsigned(kind: number): boolean {
  return kind >= KIND_UINT && kind <= KIND_UINTPTR;
}

export function loadint(kind: number, p: number): bigint {
  switch (kind) {
    case KIND_INT8: return BigInt(loadi8(p));
    case KIND_INT16: return BigInt(loadi16(p));
    case KIND_INT32: return BigInt(loadi32(p));
    default: return load64(p);
  }
}

export function loaduint(kind: number, p: number): bigint {
  switch (kind) {
    case KIND_UINT8: return BigInt(load8(p));
    case KIND_UINT16: return BigInt(load16(p));
    case KIND_UINT32: return BigInt(load32(p));
    default: return load64(p);
  }
}
