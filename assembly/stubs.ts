// Functions the runtime core uses but does not define: the host services of
// docs/abi.md section 13, and calls that AssemblyScript cannot express,
// which the build defines (assembly/transform/multivalue.js).

@external("host", "write")
export declare function write(fd: i32, p: u32, n: u32): void;

// exit ends the run; the host does not return from it.
@external("host", "exit")
export declare function exit(code: i32): void;

@external("host", "nanotime")
export declare function nanotime(): i64;

// The test driver's side of package testing (host/testing/): testrun runs
// t.Run or b.Run's subtest f of c and returns 1 if it passed, 0 if it
// failed and -1 if c must stop (a subtest called FailNow on c or a test
// above it); testoutput takes a log line of c; testpanicked reports c and
// the tests above it failed before the panic that ended c ends the run.
@external("host", "testrun")
export declare function testrun(c: u32, nameptr: u32, namelen: u32, f: u32): i32;

@external("host", "testoutput")
export declare function testoutput(c: u32, p: u32, n: u32): void;

@external("host", "testpanicked")
export declare function testpanicked(c: u32): void;

// callPair calls table[index](ctx, arg), a function that returns two i32s
// (the itab form of a `String() string` or `Error() string` method), and
// returns them packed as by pack.
@external("stubs", "callPair")
export declare function callPair(index: u32, ctx: u32, arg: u32): u64;

// pack is how a function of the core returns a pair such as a string
// (ptr, len) or an interface (tab, data); the build turns exported pairs
// into multi-value results.
@inline
export function pack(first: u32, second: u32): u64 {
  return <u64>first | (<u64>second << 32);
}

@inline
export function first(pair: u64): u32 {
  return <u32>pair;
}

@inline
export function second(pair: u64): u32 {
  return <u32>(pair >>> 32);
}
