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
} from "./layout";
import { methodname, newTypeAssertionError } from "./error";
import { mallocgc, sysalloc } from "./malloc";
import { gopanic, fatal } from "./panic";
import { rawstring } from "./string";
import { rtword } from "./symtab";

// The cache: a list of {next, itab} entries.
let itabcache: u32 = 0;

function itabadd(m: u32): void {
  const e = sysalloc(8, 4);
  store<u32>(e, itabcache);
  store<u32>(e + 4, m);
  itabcache = e;
}

// itabsinit seeds the cache with the image's static itabs, so that an
// assertion finds the same itab the compiled code uses.
export function itabsinit(): void {
  itabcache = 0;
  itabaddstatic(RT_ITAB_BOUNDSERROR_ERROR);
  itabaddstatic(RT_ITAB_ERRORSTRING_ERROR);
  itabaddstatic(RT_ITAB_PLAINERROR_ERROR);
  itabaddstatic(RT_ITAB_TYPEASSERTIONERROR_ERROR);
}

function itabaddstatic(rtoff: u32): void {
  const m = rtword(rtoff);
  if (m != 0) itabadd(m);
}

function itabfind(inter: u32, typ: u32): u32 {
  for (let e = itabcache; e != 0; e = load<u32>(e)) {
    const m = load<u32>(e + 4);
    if (load<u32>(m + ITAB_INTER) == inter && load<u32>(m + ITAB_TYPE) == typ) return m;
  }
  return 0;
}

const NO_MISSING: u32 = 0xffffffff;

// itabinit fills m.fun from the methods of m's type, matching the sorted
// nameids of the interface against the type's sorted list. If a method is
// missing it sets fun[0] = 0 and returns its nameid, else NO_MISSING.
function itabinit(m: u32): u32 {
  const inter = load<u32>(m + ITAB_INTER);
  const typ = load<u32>(m + ITAB_TYPE);
  const n = load<u32>(inter + ITYPE_NIMETHODS);
  const imethods = load<u32>(inter + ITYPE_IMETHODS);
  const nt = load<u32>(typ + TYPE_NMETHODS);
  const methods = load<u32>(typ + TYPE_METHODS);
  let j: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const id = load<u32>(imethods + (i << 2));
    while (j < nt && load<u32>(methods + j * METHOD_SIZE) < id) j++;
    if (j == nt || load<u32>(methods + j * METHOD_SIZE) != id) {
      store<u32>(m + ITAB_FUN, 0);
      return id;
    }
    store<u32>(m + ITAB_FUN + (i << 2), load<u32>(methods + j * METHOD_SIZE + 4));
  }
  return NO_MISSING;
}

function itabnew(inter: u32, typ: u32): u32 {
  const m = sysalloc(ITAB_FUN + (load<u32>(inter + ITYPE_NIMETHODS) << 2), 8);
  store<u32>(m + ITAB_INTER, inter);
  store<u32>(m + ITAB_TYPE, typ);
  // The descriptors have no type hash; the itab's hash stays 0.
  store<u32>(m + ITAB_HASH, 0);
  itabinit(m);
  itabadd(m);
  return m;
}

function getitab(inter: u32, typ: u32, canfail: bool): u32 {
  if (load<u32>(inter + ITYPE_NIMETHODS) == 0) fatal("internal error - misuse of itab");
  let m = itabfind(inter, typ);
  if (m == 0) m = itabnew(inter, typ);
  if (load<u32>(m + ITAB_FUN) != 0) return m;
  if (canfail) return 0;
  // Finding the missing method again is cheaper than keeping its name.
  panicTypeAssertion(0, typ, inter, methodname(itabinit(m)));
  return 0;
}

function panicTypeAssertion(inter: u32, concrete: u32, asserted: u32, missing: u64): void {
  gopanic(rtword(RT_TYPE_TYPEASSERTIONERROR), newTypeAssertionError(inter, concrete, asserted, missing));
}

// assertE2I converts an any holding typ to interface inter (x.(I)).
export function assertE2I(inter: u32, typ: u32): u32 {
  if (typ == 0) {
    // Explicit conversions need a non-nil interface value.
    panicTypeAssertion(0, 0, inter, 0);
    return 0;
  }
  return getitab(inter, typ, false);
}

// assertE2I2 is v, ok := x.(I): 0 when typ does not implement inter.
export function assertE2I2(inter: u32, typ: u32): u32 {
  if (typ == 0) return 0;
  return getitab(inter, typ, true);
}

// panicdottypeE is a failed x.(T) of an interface of type iface holding have.
export function panicdottypeE(have: u32, want: u32, iface: u32): void {
  panicTypeAssertion(iface, have, want, 0);
}

// panicdottypeI is panicdottypeE for a non-empty interface, given its itab.
export function panicdottypeI(have: u32, want: u32, iface: u32): void {
  panicdottypeE(have != 0 ? load<u32>(have + ITAB_TYPE) : 0, want, iface);
}

export function panicnildottype(want: u32): void {
  panicTypeAssertion(0, 0, want, 0);
}

// efaceeq compares the values at x and y of dynamic type t; x and y are
// the data words, which are the values themselves for pointer shapes.
export function efaceeq(t: u32, x: u32, y: u32): i32 {
  if (t == 0) return 1;
  const kind = load<u8>(t + TYPE_KIND);
  if (kind == KIND_POINTER) return x == y ? 1 : 0;
  const eq = load<u32>(t + TYPE_EQUAL);
  if (eq == 0 || kind == KIND_FUNC) {
    panicUncomparable(t);
    return 0;
  }
  return call_indirect<i32>(eq, 0, x, y);
}

// panicUncomparable panics with the runtime error Go raises when comparing
// interfaces that hold values of an uncomparable type.
function panicUncomparable(t: u32): void {
  const prefix = "comparing uncomparable type ";
  const plen = <u32>prefix.length;
  const tlen = load<u32>(t + TYPE_STRLEN);
  const s = rawstring(plen + tlen);
  const src = changetype<u32>(prefix);
  for (let i: u32 = 0; i < plen; i++) store<u8>(s + i, <u8>load<u16>(src + (i << 1)));
  memory.copy(s + plen, load<u32>(t + TYPE_STRPTR), tlen);
  const box = mallocgc(8);
  store<u32>(box, s);
  store<u32>(box + 4, plen + tlen);
  gopanic(rtword(RT_TYPE_ERRORSTRING), box);
}
