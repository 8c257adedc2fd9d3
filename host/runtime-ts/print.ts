// Go's print builtins (runtime/print.go): everything goes to fd 2, as Go's
// print and println do. 64-bit values are BigInt, as the JS API passes i64.

import { SCRATCH } from "../../assembly/layout.js";
import { store16, store8 } from "./builtins.js";
import { write } from "./stubs.js";

// Scratch buffers (docs/abi.md section 2): one to format numbers in, one to
// copy the core's static messages to, which are all ASCII.
const NUMBUF = SCRATCH;
const NUMBUF_SIZE = 32;
export const NUMBUF_END = NUMBUF + NUMBUF_SIZE;
const MSGBUF = SCRATCH + 32;
const MSGBUF_SIZE = 224;

export function gwrite(p: number, n: number): void {
  if (n !== 0) write(2, p, n);
}

// printstatic writes one of the core's own ASCII messages.
export function printstatic(s: string): void {
  const n = s.length;
  for (let i = 0; i < n; i += MSGBUF_SIZE) {
    const m = Math.min(n - i, MSGBUF_SIZE);
    for (let j = 0; j < m; j++) store8(MSGBUF + j, s.charCodeAt(i + j));
    gwrite(MSGBUF, m);
  }
}

// utoa writes v (unsigned) in decimal so that it ends just before end, and
// returns where it starts.
export function utoa(end: number, v: bigint): number {
  let p = end;
  do {
    p--;
    store8(p, 48 + Number(v % 10n));
    v /= 10n;
  } while (v !== 0n);
  return p;
}

// itoa is utoa for a signed value.
export function itoa(end: number, v: bigint): number {
  if (v >= 0n) return utoa(end, v);
  const p = utoa(end, -v) - 1;
  store8(p, 45);
  return p;
}

// xtoa writes "0x" and v (unsigned) in lowercase hex, as Go's printhex does.
export function xtoa(end: number, v: bigint): number {
  let p = end;
  do {
    p--;
    const d = Number(v & 15n);
    store8(p, d < 10 ? 48 + d : 87 + d);
    v >>= 4n;
  } while (v !== 0n);
  store16(p - 2, 0x7830); // "0x"
  return p - 2;
}

export function printint(v: bigint): void {
  const end = NUMBUF_END;
  const p = itoa(end, v);
  gwrite(p, end - p);
}

// printuint prints v as unsigned (the ABI passes uint64 as i64).
export function printuint(v: bigint): void {
  const end = NUMBUF_END;
  const p = utoa(end, BigInt.asUintN(64, v));
  gwrite(p, end - p);
}

export function printhex(v: bigint): void {
  const end = NUMBUF_END;
  const p = xtoa(end, BigInt.asUintN(64, v));
  gwrite(p, end - p);
}

export function printpointer(p: number): void {
  printhex(BigInt(p));
}

export function printbool(b: number): void {
  printstatic(b !== 0 ? "true" : "false");
}

export function printstring(p: number, n: number): void {
  gwrite(p, n);
}

export function printsp(): void {
  printstatic(" ");
}

export function printnl(): void {
  printstatic("\n");
}

export function printeface(tab: number, data: number): void {
  printstatic("(");
  printpointer(tab);
  printstatic(",");
  printpointer(data);
  printstatic(")");
}

export function printiface(tab: number, data: number): void {
  printeface(tab, data);
}
