// Functions the runtime core uses but does not define: the host services of
// docs/abi.md section 13, and the call of a two-result function through the
// table. Values from the JS API are signed for i32; the core's addresses and
// lengths are u32, so they are taken `>>> 0`. A pair such as a string (ptr, len) or an interface (tab, data) is
// a two-element array here, where the wasm core packs it into an i64.

import { rt } from "./builtins.js";

/** The host services of docs/abi.md section 13. */
export interface HostServices {
  write(fd: number, p: number, n: number): void;
  /** Ends the run; the host does not return from it. */
  exit(code: number): never | void;
  /** A monotonic clock in nanoseconds: the benchmark timer. */
  nanotime(): bigint;
}

export type Pair = [number, number];

export function write(fd: number, p: number, n: number): void {
  rt.host.write(fd, p, n);
}

// exit ends the run; the host does not return from it.
export function exit(code: number): void {
  rt.host.exit(code);
}

export function nanotime(): bigint {
  return rt.host.nanotime();
}

// callPair calls table[index](ctx, arg), a function that returns two i32s
// (the itab form of a `String() string` or `Error() string` method); the JS
// API returns its two results as an array.
export function callPair(index: number, ctx: number, arg: number): Pair {
  const r = rt.calls.callpair(index, ctx, arg);
  return pack(r[0] >>> 0, r[1] >>> 0);
}

export function pack(first: number, second: number): Pair {
  return [first, second];
}

export function first(pair: Pair): number {
  return pair[0];
}

export function second(pair: Pair): number {
  return pair[1];
}
