// Strings (runtime/string.go, runtime/utf8.go). A Go string is (ptr, len);
// functions returning one return it as a pair (stubs.ts).

import { SCRATCH, SCRATCH_END } from "../../assembly/layout.js";
import { load8, memcopy, rt, store8, store32 } from "./builtins.js";
import { mallocgc, sysalloc } from "./malloc.js";
import { NUMBUF_END, itoa, utoa } from "./print.js";
import { pack, type Pair } from "./stubs.js";

export function rawstring(n: number): number {
  return mallocgc(n);
}

export function concatstrings(a: number, alen: number, b: number, blen: number): Pair {
  // Either operand alone is the result, and Go does not copy it then.
  if (alen === 0) return pack(b, blen);
  if (blen === 0) return pack(a, alen);
  const n = alen + blen;
  const p = rawstring(n);
  memcopy(p, a, alen);
  memcopy(p + alen, b, blen);
  return pack(p, n);
}

export function cmpstring(a: number, alen: number, b: number, blen: number): number {
  const n = Math.min(alen, blen);
  for (let i = 0; i < n; i++) {
    const ca = load8(a + i);
    const cb = load8(b + i);
    if (ca !== cb) return ca < cb ? -1 : 1;
  }
  if (alen === blen) return 0;
  return alen < blen ? -1 : 1;
}

const RUNE_ERROR = 0xfffd;
const MAX_RUNE = 0x10ffff;
const SURROGATE_MIN = 0xd800;
const SURROGATE_MAX = 0xdfff;

// intstring is string(rune(v)): values that are not runes, surrogates and
// values beyond U+10FFFF become U+FFFD.
export function intstring(v: bigint): Pair {
  const r = v === BigInt.asIntN(32, v) ? Number(BigInt.asUintN(32, v)) : RUNE_ERROR;
  const p = rawstring(4);
  return pack(p, encoderune(p, r));
}

// decoderune decodes the rune at byte k of the string (p, n) for `for range`
// over strings, returning it with the index of the next rune. Invalid or
// truncated UTF-8, surrogates and overlong forms decode as U+FFFD with k+1.
export function decoderune(p: number, n: number, k: number): Pair {
  const b0 = load8(p + k);
  if (b0 < 0x80) return pack(b0, k + 1);
  const bad = pack(RUNE_ERROR, k + 1);
  let size: number;
  let r: number;
  let min: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    size = 2;
    r = b0 & 0x1f;
    min = 0x80;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    size = 3;
    r = b0 & 0x0f;
    min = 0x800;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    size = 4;
    r = b0 & 0x07;
    min = 0x10000;
  } else {
    return bad;
  }
  if (k + size > n) return bad;
  for (let i = 1; i < size; i++) {
    const b = load8(p + k + i);
    if ((b & 0xc0) !== 0x80) return bad;
    r = (r << 6) | (b & 0x3f);
  }
  if (r < min || r > MAX_RUNE || (r >= SURROGATE_MIN && r <= SURROGATE_MAX)) return bad;
  return pack(r, k + size);
}

function encoderune(p: number, r: number): number {
  if (r < 0x80) {
    store8(p, r);
    return 1;
  }
  if (r < 0x800) {
    store8(p, 0xc0 | (r >> 6));
    store8(p + 1, 0x80 | (r & 0x3f));
    return 2;
  }
  if (r > MAX_RUNE || (r >= SURROGATE_MIN && r <= SURROGATE_MAX)) r = RUNE_ERROR;
  if (r < 0x10000) {
    store8(p, 0xe0 | (r >> 12));
    store8(p + 1, 0x80 | ((r >> 6) & 0x3f));
    store8(p + 2, 0x80 | (r & 0x3f));
    return 3;
  }
  store8(p, 0xf0 | (r >> 18));
  store8(p + 1, 0x80 | ((r >> 12) & 0x3f));
  store8(p + 2, 0x80 | ((r >> 6) & 0x3f));
  store8(p + 3, 0x80 | (r & 0x3f));
  return 4;
}

// A string builder in scratch memory, for the messages the runtime
// composes (the Error methods). Messages longer than the buffer are
// truncated; the longest Go composes is well under it. Its write position
// is rt.sbpos.
const SB = SCRATCH + 256;
const SB_END = SCRATCH_END;

export function sbreset(): void {
  rt.sbpos = SB;
}

export function sbbytes(p: number, n: number): void {
  const m = Math.min(n, SB_END - rt.sbpos);
  memcopy(rt.sbpos, p, m);
  rt.sbpos += m;
}

export function sbstatic(s: string): void {
  const n = Math.min(s.length, SB_END - rt.sbpos);
  for (let i = 0; i < n; i++) store8(rt.sbpos + i, s.charCodeAt(i));
  rt.sbpos += n;
}

export function sbint(v: bigint, signed: boolean): void {
  const end = NUMBUF_END;
  const p = signed ? itoa(end, v) : utoa(end, BigInt.asUintN(64, v));
  sbbytes(p, end - p);
}

// sbstring returns the built string as a new Go string.
export function sbstring(): Pair {
  const n = rt.sbpos - SB;
  const p = rawstring(n);
  memcopy(p, SB, n);
  return pack(p, n);
}

// staticbox returns a boxed Go string {ptr, len} holding a static message,
// outside the counted heap: the runtime's panic values for its errors.
export function staticbox(s: string): number {
  const n = s.length;
  const box = sysalloc(8 + n, 8);
  for (let i = 0; i < n; i++) store8(box + 8 + i, s.charCodeAt(i));
  store32(box, box + 8);
  store32(box + 4, n);
  return box;
}
