// Strings (runtime/string.go, runtime/utf8.go). A Go string is (ptr, len);
// functions returning one return it packed (stubs.ts).

import { SCRATCH, SCRATCH_END } from "./layout";
import { mallocgc, sysalloc } from "./malloc";
import { NUMBUF_END, itoa, utoa } from "./print";
import { pack } from "./stubs";

export function rawstring(n: u32): u32 {
  return mallocgc(n);
}

export function concatstrings(a: u32, alen: u32, b: u32, blen: u32): u64 {
  // Either operand alone is the result, and Go does not copy it then.
  if (alen == 0) return pack(b, blen);
  if (blen == 0) return pack(a, alen);
  const n = alen + blen;
  const p = rawstring(n);
  memory.copy(p, a, alen);
  memory.copy(p + alen, b, blen);
  return pack(p, n);
}

export function cmpstring(a: u32, alen: u32, b: u32, blen: u32): i32 {
  const n = min(alen, blen);
  for (let i: u32 = 0; i < n; i++) {
    const ca = load<u8>(a + i);
    const cb = load<u8>(b + i);
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  if (alen == blen) return 0;
  return alen < blen ? -1 : 1;
}

const RUNE_ERROR: u32 = 0xfffd;
const MAX_RUNE: u32 = 0x10ffff;
const SURROGATE_MIN: u32 = 0xd800;
const SURROGATE_MAX: u32 = 0xdfff;

// intstring is string(rune(v)): values that are not runes, surrogates and
// values beyond U+10FFFF become U+FFFD.
export function intstring(v: i64): u64 {
  const r = v == <i64><i32>v ? <u32>v : RUNE_ERROR;
  const p = rawstring(4);
  return pack(p, encoderune(p, r));
}

// decoderune decodes the rune at byte k of the string (p, n) for `for range`
// over strings, returning it with the index of the next rune. Invalid or
// truncated UTF-8, surrogates and overlong forms decode as U+FFFD with k+1.
export function decoderune(p: u32, n: u32, k: u32): u64 {
  const b0 = <u32>load<u8>(p + k);
  if (b0 < 0x80) return pack(b0, k + 1);
  const bad = pack(RUNE_ERROR, k + 1);
  let size: u32;
  let r: u32;
  let min: u32;
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
  for (let i: u32 = 1; i < size; i++) {
    const b = <u32>load<u8>(p + k + i);
    if ((b & 0xc0) != 0x80) return bad;
    r = (r << 6) | (b & 0x3f);
  }
  if (r < min || r > MAX_RUNE || (r >= SURROGATE_MIN && r <= SURROGATE_MAX)) return bad;
  return pack(r, k + size);
}

function encoderune(p: u32, r: u32): u32 {
  if (r < 0x80) {
    store<u8>(p, <u8>r);
    return 1;
  }
  if (r < 0x800) {
    store<u8>(p, <u8>(0xc0 | (r >> 6)));
    store<u8>(p + 1, <u8>(0x80 | (r & 0x3f)));
    return 2;
  }
  if (r > MAX_RUNE || (r >= SURROGATE_MIN && r <= SURROGATE_MAX)) r = RUNE_ERROR;
  if (r < 0x10000) {
    store<u8>(p, <u8>(0xe0 | (r >> 12)));
    store<u8>(p + 1, <u8>(0x80 | ((r >> 6) & 0x3f)));
    store<u8>(p + 2, <u8>(0x80 | (r & 0x3f)));
    return 3;
  }
  store<u8>(p, <u8>(0xf0 | (r >> 18)));
  store<u8>(p + 1, <u8>(0x80 | ((r >> 12) & 0x3f)));
  store<u8>(p + 2, <u8>(0x80 | ((r >> 6) & 0x3f)));
  store<u8>(p + 3, <u8>(0x80 | (r & 0x3f)));
  return 4;
}

// A string builder in scratch memory, for the messages the runtime
// composes (the Error methods). Messages longer than the buffer are
// truncated; the longest Go composes is well under it.
const SB: u32 = SCRATCH + 256;
const SB_END: u32 = SCRATCH_END;
let sbpos: u32 = SB;

export function sbreset(): void {
  sbpos = SB;
}

export function sbbytes(p: u32, n: u32): void {
  const m = min(n, SB_END - sbpos);
  memory.copy(sbpos, p, m);
  sbpos += m;
}

export function sbstatic(s: string): void {
  const src = changetype<u32>(s);
  const n = min(<u32>s.length, SB_END - sbpos);
  for (let i: u32 = 0; i < n; i++) store<u8>(sbpos + i, <u8>load<u16>(src + (i << 1)));
  sbpos += n;
}

export function sbint(v: i64, signed: bool): void {
  const end = NUMBUF_END;
  const p = signed ? itoa(end, v) : utoa(end, <u64>v);
  sbbytes(p, end - p);
}

// sbstring returns the built string as a new Go string.
export function sbstring(): u64 {
  const n = sbpos - SB;
  const p = rawstring(n);
  memory.copy(p, SB, n);
  return pack(p, n);
}

// staticbox returns a boxed Go string {ptr, len} holding a static message,
// outside the counted heap: the runtime's panic values for its errors.
export function staticbox(s: string): u32 {
  const n = <u32>s.length;
  const box = sysalloc(8 + n, 8);
  const src = changetype<u32>(s);
  for (let i: u32 = 0; i < n; i++) store<u8>(box + 8 + i, <u8>load<u16>(src + (i << 1)));
  store<u32>(box, box + 8);
  store<u32>(box + 4, n);
  return box;
}
