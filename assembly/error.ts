// The runtime's error values and the printing of panic values
// (runtime/error.go). The types' descriptors and itabs are in the program
// image (runtime type block); their Error methods are the *_Error exports,
// which the loader puts in the table (itab form: (ctx, recv) -> string).

import {
  BOUNDSERROR_CODE, BOUNDSERROR_SIGNED, BOUNDSERROR_SIZE, BOUNDSERROR_X,
  BOUNDSERROR_Y, KIND_BOOL, KIND_INT, KIND_INT16, KIND_INT32, KIND_INT64,
  KIND_INT8, KIND_STRING, KIND_UINT, KIND_UINT16, KIND_UINT32, KIND_UINT64,
  KIND_UINT8, KIND_UINTPTR, METHOD_SIZE, RT_METHODNAMES, RT_NAMEID_ERROR,
  RT_NAMEID_STRING, TAE_ASSERTED, TAE_CONCRETE, TAE_INTERFACE,
  TAE_MISSINGLEN, TAE_MISSINGPTR, TAE_SIZE, TYPE_KIND, TYPE_METHODS, TYPE_NMETHODS,
  TYPE_STRLEN, TYPE_STRPTR,
} from "./layout";
import { mallocgc } from "./malloc";
import {
  printbool, printint, printpointer, printstatic, printstring, printuint,
} from "./print";
import {
  sbbytes, sbint, sbreset, sbstatic, sbstring, staticbox,
} from "./string";
import { pack } from "./stubs";
import { rtword } from "./symtab";

// ---- errorString and plainError ----

// The boxed messages of Go's memoryError and divideError variables,
// made on first use.
let memoryErrorBox: u32 = 0;
let divideErrorBox: u32 = 0;

export function memoryError(): u32 {
  if (memoryErrorBox == 0) memoryErrorBox = staticbox("invalid memory address or nil pointer dereference");
  return memoryErrorBox;
}

export function divideError(): u32 {
  if (divideErrorBox == 0) divideErrorBox = staticbox("integer divide by zero");
  return divideErrorBox;
}

let shiftErrorBox: u32 = 0;

// shiftError is the runtime error of a shift by a negative signed count.
export function shiftError(): u32 {
  if (shiftErrorBox == 0) shiftErrorBox = staticbox("negative shift amount");
  return shiftErrorBox;
}

// errorString is a runtime error with a fixed message.
export function errorString_Error(ctx: u32, recv: u32): u64 {
  sbreset();
  sbstatic("runtime error: ");
  sbbytes(load<u32>(recv), load<u32>(recv + 4));
  return sbstring();
}

// plainError is a runtime error whose message has no "runtime error: ".
export function plainError_Error(ctx: u32, recv: u32): u64 {
  return pack(load<u32>(recv), load<u32>(recv + 4));
}

// ---- boundsError ----

// boundsError codes, as Go numbers them.
export const boundsIndex: u8 = 0;
const boundsSliceAlen: u8 = 1;
const boundsSliceAcap: u8 = 2;
const boundsSliceB: u8 = 3;
const boundsSlice3Alen: u8 = 4;
const boundsSlice3Acap: u8 = 5;
const boundsSlice3B: u8 = 6;
const boundsSlice3C: u8 = 7;

export function newBoundsError(x: i64, y: i64, signed: bool, code: u8): u32 {
  const e = mallocgc(BOUNDSERROR_SIZE);
  store<i64>(e + BOUNDSERROR_X, x);
  store<i64>(e + BOUNDSERROR_Y, y);
  store<u8>(e + BOUNDSERROR_SIGNED, signed ? 1 : 0);
  store<u8>(e + BOUNDSERROR_CODE, code);
  return e;
}

// boundsErrorFmt is the message of each code: %x is x, %y is y.
function boundsErrorFmt(code: u8): string {
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
function boundsNegErrorFmt(code: u8): string {
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

export function boundsError_Error(ctx: u32, recv: u32): u64 {
  const x = load<i64>(recv + BOUNDSERROR_X);
  const signed = load<u8>(recv + BOUNDSERROR_SIGNED) != 0;
  const code = load<u8>(recv + BOUNDSERROR_CODE);
  const fmt = signed && x < 0 ? boundsNegErrorFmt(code) : boundsErrorFmt(code);
  sbreset();
  sbstatic("runtime error: ");
  const f = changetype<u32>(fmt);
  const n = <u32>fmt.length;
  for (let i: u32 = 0; i < n; i++) {
    const c = load<u16>(f + (i << 1));
    if (c != 37) { // '%'
      store<u8>(SB_CHAR, <u8>c);
      sbbytes(SB_CHAR, 1);
      continue;
    }
    i++;
    if (load<u16>(f + (i << 1)) == 120) sbint(x, signed); // 'x'
    else sbint(load<i64>(recv + BOUNDSERROR_Y), true);
  }
  return sbstring();
}

// A byte of scratch to append single characters from.
const SB_CHAR: u32 = <u32>memory.data(1, 1);

// ---- TypeAssertionError ----

export function newTypeAssertionError(inter: u32, concrete: u32, asserted: u32, missing: u64): u32 {
  const e = mallocgc(TAE_SIZE);
  store<u32>(e + TAE_INTERFACE, inter);
  store<u32>(e + TAE_CONCRETE, concrete);
  store<u32>(e + TAE_ASSERTED, asserted);
  store<u64>(e + TAE_MISSINGPTR, missing);
  return e;
}

function sbtype(t: u32): void {
  sbbytes(load<u32>(t + TYPE_STRPTR), load<u32>(t + TYPE_STRLEN));
}

export function TypeAssertionError_Error(ctx: u32, e: u32): u64 {
  const inter = load<u32>(e + TAE_INTERFACE);
  const concrete = load<u32>(e + TAE_CONCRETE);
  const asserted = load<u32>(e + TAE_ASSERTED);
  sbreset();
  sbstatic("interface conversion: ");
  if (load<u32>(e + TAE_MISSINGLEN) != 0) {
    sbtype(concrete);
    sbstatic(" is not ");
    sbtype(asserted);
    sbstatic(": missing method ");
    sbbytes(load<u32>(e + TAE_MISSINGPTR), load<u32>(e + TAE_MISSINGLEN));
    return sbstring();
  }
  if (inter != 0) sbtype(inter);
  else sbstatic("interface");
  sbstatic(" is ");
  if (concrete == 0) sbstatic("nil");
  else sbtype(concrete);
  sbstatic(", not ");
  sbtype(asserted);
  // Types with the same name are from different scopes: the programs are
  // one package, so Go's "different packages" case cannot arise.
  if (concrete != 0 && typestringeq(concrete, asserted)) sbstatic(" (types from different scopes)");
  return sbstring();
}

function typestringeq(a: u32, b: u32): bool {
  const n = load<u32>(a + TYPE_STRLEN);
  if (n != load<u32>(b + TYPE_STRLEN)) return false;
  return memory.compare(load<u32>(a + TYPE_STRPTR), load<u32>(b + TYPE_STRPTR), n) == 0;
}

// methodname is the name of the method with the given nameid, from the
// runtime type block's name table.
export function methodname(nameid: u32): u64 {
  const names = rtword(RT_METHODNAMES);
  if (names == 0) return 0;
  return load<u64>(names + (nameid << 3));
}

// ---- printing panic values ----

// findmethod returns the table index of t's method nameid, or 0.
export function findmethod(t: u32, nameid: u32): u32 {
  const methods = load<u32>(t + TYPE_METHODS);
  const n = load<u32>(t + TYPE_NMETHODS);
  for (let i: u32 = 0; i < n; i++) {
    const m = methods + i * METHOD_SIZE;
    if (load<u32>(m) == nameid) return load<u32>(m + 4);
  }
  return 0;
}

// stringmethod returns the Error method of type t, else its String method,
// else 0: the methods Go calls on a panic value before printing it.
export function stringmethod(t: u32): u32 {
  if (t == 0) return 0;
  const m = findmethod(t, rtword(RT_NAMEID_ERROR));
  return m != 0 ? m : findmethod(t, rtword(RT_NAMEID_STRING));
}

// printpanicval prints a panic value (after preprintpanics) as Go does:
// predeclared basic types by value, other types via printanycustomtype.
export function printpanicval(t: u32, data: u32): void {
  if (t == 0) {
    printstatic("nil");
    return;
  }
  if (!isnamed(t) && printbasic(t, data)) return;
  printanycustomtype(t, data);
}

// isnamed tells a defined type (main.T) from a predeclared one: only
// defined types have a package-qualified name.
function isnamed(t: u32): bool {
  const p = load<u32>(t + TYPE_STRPTR);
  const n = load<u32>(t + TYPE_STRLEN);
  for (let i: u32 = 0; i < n; i++) if (load<u8>(p + i) == 46) return true;
  return false;
}

// printbasic prints a value of a bool, integer or string kind and reports
// whether t was one.
function printbasic(t: u32, data: u32): bool {
  const kind = <i32>load<u8>(t + TYPE_KIND);
  if (kind == KIND_BOOL) printbool(load<u8>(data));
  else if (kind == KIND_STRING) printstring(load<u32>(data), load<u32>(data + 4));
  else if (issigned(kind)) printint(loadint(kind, data));
  else if (isunsigned(kind)) printuint(loaduint(kind, data));
  else return false;
  return true;
}

function printanycustomtype(t: u32, data: u32): void {
  const kind = <i32>load<u8>(t + TYPE_KIND);
  const name = t + TYPE_STRPTR;
  if (kind == KIND_STRING) {
    printstring(load<u32>(name), load<u32>(name + 4));
    printstatic("(\"");
    printstring(load<u32>(data), load<u32>(data + 4));
    printstatic("\")");
    return;
  }
  if (kind == KIND_BOOL || issigned(kind) || isunsigned(kind)) {
    printstring(load<u32>(name), load<u32>(name + 4));
    printstatic("(");
    printbasic(t, data);
    printstatic(")");
    return;
  }
  printstatic("(");
  printstring(load<u32>(name), load<u32>(name + 4));
  printstatic(") ");
  printpointer(data);
}

export function issigned(kind: i32): bool {
  return kind >= KIND_INT && kind <= KIND_INT64;
}

export function isunsigned(kind: i32): bool {
  return kind >= KIND_UINT && kind <= KIND_UINTPTR;
}

export function loadint(kind: i32, p: u32): i64 {
  switch (kind) {
    case KIND_INT8: return <i64>load<i8>(p);
    case KIND_INT16: return <i64>load<i16>(p);
    case KIND_INT32: return <i64>load<i32>(p);
    default: return load<i64>(p);
  }
}

export function loaduint(kind: i32, p: u32): i64 {
  switch (kind) {
    case KIND_UINT8: return <i64>load<u8>(p);
    case KIND_UINT16: return <i64>load<u16>(p);
    case KIND_UINT32: return <i64>load<u32>(p);
    default: return load<i64>(p);
  }
}
