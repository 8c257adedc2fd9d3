// Go's print builtins (runtime/print.go): everything goes to fd 2, as Go's
// print and println do.

import { SCRATCH } from "./layout";
import { write } from "./stubs";

// Scratch buffers (docs/abi.md section 2): one to format numbers in, one to
// transcode the core's static messages, which AssemblyScript keeps as
// UTF-16 and which are all ASCII.
const NUMBUF: u32 = SCRATCH;
const NUMBUF_SIZE: u32 = 32;
export const NUMBUF_END: u32 = NUMBUF + NUMBUF_SIZE;
const MSGBUF: u32 = SCRATCH + 32;
const MSGBUF_SIZE: u32 = 224;

export function gwrite(p: u32, n: u32): void {
  if (n != 0) write(2, p, n);
}

// printstatic writes one of the core's own ASCII messages.
export function printstatic(s: string): void {
  const src = changetype<u32>(s);
  const n = <u32>s.length;
  for (let i: u32 = 0; i < n; i += MSGBUF_SIZE) {
    const m = min(n - i, MSGBUF_SIZE);
    for (let j: u32 = 0; j < m; j++) {
      store<u8>(MSGBUF + j, <u8>load<u16>(src + ((i + j) << 1)));
    }
    gwrite(MSGBUF, m);
  }
}

// utoa writes v in decimal so that it ends just before end, and returns
// where it starts.
export function utoa(end: u32, v: u64): u32 {
  let p = end;
  do {
    p--;
    store<u8>(p, <u8>(48 + v % 10));
    v /= 10;
  } while (v != 0);
  return p;
}

// itoa is utoa for a signed value; -v of the most negative int64 is itself,
// which as unsigned is its magnitude.
export function itoa(end: u32, v: i64): u32 {
  if (v >= 0) return utoa(end, <u64>v);
  const p = utoa(end, <u64>(-v)) - 1;
  store<u8>(p, 45);
  return p;
}

// xtoa writes "0x" and v in lowercase hex, as Go's printhex does.
export function xtoa(end: u32, v: u64): u32 {
  let p = end;
  do {
    p--;
    const d = <u8>(v & 15);
    store<u8>(p, d < 10 ? 48 + d : 87 + d);
    v >>= 4;
  } while (v != 0);
  store<u16>(p - 2, 0x7830); // "0x"
  return p - 2;
}

export function printint(v: i64): void {
  const end = NUMBUF_END;
  const p = itoa(end, v);
  gwrite(p, end - p);
}

// printuint prints v as unsigned (the ABI passes uint64 as i64).
export function printuint(v: i64): void {
  const end = NUMBUF_END;
  const p = utoa(end, <u64>v);
  gwrite(p, end - p);
}

export function printhex(v: i64): void {
  const end = NUMBUF_END;
  const p = xtoa(end, <u64>v);
  gwrite(p, end - p);
}

export function printpointer(p: u32): void {
  printhex(<i64>p);
}

export function printbool(b: i32): void {
  printstatic(b != 0 ? "true" : "false");
}

export function printstring(p: u32, n: u32): void {
  gwrite(p, n);
}

export function printsp(): void {
  printstatic(" ");
}

export function printnl(): void {
  printstatic("\n");
}

export function printeface(tab: u32, data: u32): void {
  printstatic("(");
  printpointer(tab);
  printstatic(",");
  printpointer(data);
  printstatic(")");
}

export function printiface(tab: u32, data: u32): void {
  printeface(tab, data);
}
