// Interface assertions and comparisons (runtime/iface.go, runtime/alg.go).
// An itab for (interface, type) is built on first use by matching the
// interface's sorted nameids against the type's sorted method list, and
// cached, as are failed matches (fun[0] == 0), as Go caches them.

import {
  ITAB_FUN, ITAB_HASH, ITAB_INTER, ITAB_TYPE, ITYPE_IMETHODS, ITYPE_NIMETHODS,
  KIND_FUNC, KIND_POINTER, METHOD_SIZE, RT_ITAB_BOUNDSERROR_ERROR,
  RT_ITAB_ERRORSTRING_ERROR, RT_ITAB_PLAINERROR_ERROR,
  RT_ITAB_TYPEASSERTIONERROR_ERROR, RT_TYPE_ERRORSTRING,
  RT_TYPE_TYPEASSERTIONERROR, TYPE_EQUAL, TYPE_KIND, TYPE_METHODS,
  TYPE_NMETHODS, TYPE_STRLEN, TYPE_STRPTR,
} from "../../assembly/layout.js";
import { callIndirectEq, load32, load8, memcopy, rt, store32, store8 } from "./builtins.js";
import { methodname, newTypeAssertionError } from "./error.js";
import { mallocgc, sysalloc } from "./malloc.js";
import { gopanic, fatal } from "./panic.js";
import { rawstring } from "./string.js";
import { pack, type Pair } from "./stubs.js";
import { rtword } from "./symtab.js";

// The cache (rt.itabcache): a list of {next, itab} entries in memory.
function itabadd(m: number): void {
  const e = sysalloc(8, 4);
  store32(e, rt.itabcache);
  store32(e + 4, m);
  rt.itabcache = e;
}

// itabsinit seeds the cache with the image's static itabs, so that an
// assertion finds the same itab the compiled code uses.
export function itabsinit(): void {
  rt.itabcache = 0;
  itabaddstatic(RT_ITAB_BOUNDSERROR_ERROR);
  itabaddstatic(RT_ITAB_ERRORSTRING_ERROR);
  itabaddstatic(RT_ITAB_PLAINERROR_ERROR);
  itabaddstatic(RT_ITAB_TYPEASSERTIONERROR_ERROR);
}

function itabaddstatic(rtoff: number): void {
  const m = rtword(rtoff);
  if (m !== 0) itabadd(m);
}

function itabfind(inter: number, typ: number): number {
  for (let e = rt.itabcache; e !== 0; e = load32(e)) {
    const m = load32(e + 4);
    if (load32(m + ITAB_INTER) === inter && load32(m + ITAB_TYPE) === typ) return m;
  }
  return 0;
}

const NO_MISSING = 0xffffffff;

// itabinit fills m.fun from the methods of m's type, matching the sorted
// nameids of the interface against the type's sorted list. If a method is
// missing it sets fun[0] = 0 and returns its nameid, else NO_MISSING.
function itabinit(m: number): number {
  const inter = load32(m + ITAB_INTER);
  const typ = load32(m + ITAB_TYPE);
  const n = load32(inter + ITYPE_NIMETHODS);
  const imethods = load32(inter + ITYPE_IMETHODS);
  const nt = load32(typ + TYPE_NMETHODS);
  const methods = load32(typ + TYPE_METHODS);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const id = load32(imethods + i * 4);
    while (j < nt && load32(methods + j * METHOD_SIZE) < id) j++;
    if (j === nt || load32(methods + j * METHOD_SIZE) !== id) {
      store32(m + ITAB_FUN, 0);
      return id;
    }
    store32(m + ITAB_FUN + i * 4, load32(methods + j * METHOD_SIZE + 4));
  }
  return NO_MISSING;
}

function itabnew(inter: number, typ: number): number {
  const m = sysalloc(ITAB_FUN + load32(inter + ITYPE_NIMETHODS) * 4, 8);
  store32(m + ITAB_INTER, inter);
  store32(m + ITAB_TYPE, typ);
  // The descriptors have no type hash; the itab's hash stays 0.
  store32(m + ITAB_HASH, 0);
  itabinit(m);
  itabadd(m);
  return m;
}

function getitab(inter: number, typ: number, canfail: boolean): number {
  if (load32(inter + ITYPE_NIMETHODS) === 0) fatal("internal error - misuse of itab");
  let m = itabfind(inter, typ);
  if (m === 0) m = itabnew(inter, typ);
  if (load32(m + ITAB_FUN) !== 0) return m;
  if (canfail) return 0;
  // Finding the missing method again is cheaper than keeping its name.
  panicTypeAssertion(0, typ, inter, methodname(itabinit(m)));
  return 0;
}

function panicTypeAssertion(inter: number, concrete: number, asserted: number, missing: Pair): void {
  gopanic(rtword(RT_TYPE_TYPEASSERTIONERROR), newTypeAssertionError(inter, concrete, asserted, missing));
}

// assertE2I converts an any holding typ to interface inter (x.(I)).
export function assertE2I(inter: number, typ: number): number {
  if (typ === 0) {
    // Explicit conversions need a non-nil interface value.
    panicTypeAssertion(0, 0, inter, pack(0, 0));
    return 0;
  }
  return getitab(inter, typ, false);
}

// assertE2I2 is v, ok := x.(I): 0 when typ does not implement inter.
export function assertE2I2(inter: number, typ: number): number {
  if (typ === 0) return 0;
  return getitab(inter, typ, true);
}

// panicdottypeE is a failed x.(T) of an interface of type iface holding have.
export function panicdottypeE(have: number, want: number, iface: number): void {
  panicTypeAssertion(iface, have, want, pack(0, 0));
}

// panicdottypeI is panicdottypeE for a non-empty interface, given its itab.
export function panicdottypeI(have: number, want: number, iface: number): void {
  panicdottypeE(have !== 0 ? load32(have + ITAB_TYPE) : 0, want, iface);
}

export function panicnildottype(want: number): void {
  panicTypeAssertion(0, 0, want, pack(0, 0));
}

// efaceeq compares the values at x and y of dynamic type t; x and y are
// the data words, which are the values themselves for pointer shapes.
export function efaceeq(t: number, x: number, y: number): number {
  if (t === 0) return 1;
  const kind = load8(t + TYPE_KIND);
  if (kind === KIND_POINTER) return x === y ? 1 : 0;
  const eq = load32(t + TYPE_EQUAL);
  if (eq === 0 || kind === KIND_FUNC) {
    panicUncomparable(t);
    return 0;
  }
  return callIndirectEq(eq, 0, x, y);
}

// panicUncomparable panics with the runtime error Go raises when comparing
// interfaces that hold values of an uncomparable type.
function panicUncomparable(t: number): void {
  const prefix = "comparing uncomparable type ";
  const plen = prefix.length;
  const tlen = load32(t + TYPE_STRLEN);
  const s = rawstring(plen + tlen);
  for (let i = 0; i < plen; i++) store8(s + i, prefix.charCodeAt(i));
  memcopy(s + plen, load32(t + TYPE_STRPTR), tlen);
  const box = mallocgc(8);
  store32(box, s);
  store32(box + 4, plen + tlen);
  gopanic(rtword(RT_TYPE_ERRORSTRING), box);
}
