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
  /** t.Run or b.Run of c's subtest f: 1 passed, 0 failed, -1 c must stop. */
  testrun(c: number, nameptr: number, namelen: number, f: number): number;
  /** A log line of the test c. */
  testoutput(c: number, p: number, n: number): void;
  /** The test c panicked: report it and the tests above it failed. */
  testpanicked(c: number): void;
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

// The test driver's side of package testing (host/testing/): testrun runs
// t.Run or b.Run's subtest f of c and returns 1 if it passed, 0 if it
// failed and -1 if c must stop (a subtest called FailNow on c or a test
// above it); testoutput takes a log line of c; testpanicked reports c and
// the tests above it failed before the panic that ended c ends the run.
export function testrun(c: number, nameptr: number, namelen: number, f: number): number {
  return rt.host.testrun(c, nameptr, namelen, f);
}

export function testoutput(c: number, p: number, n: number): void {
  rt.host.testoutput(c, p, n);
}

export function testpanicked(c: number): void {
  rt.host.testpanicked(c);
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
