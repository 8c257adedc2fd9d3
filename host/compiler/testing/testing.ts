// Package testing as the compiler provides it: the types T and B and the
// methods tests use, declared here rather than parsed from Go source, and
// implemented by the runtime core (assembly/testing.ts). T and B are
// structs whose layout is the runtime's record (TB_* in layout.ts): opaque
// blank fields around B's one visible field, N.

import { makePos } from "../syntax/pos.js";
import { Func, Scope, TypeName, Var } from "../types/objects.js";
import { Array as ArrayType, BasicKind, Named, Pointer, Signature, Struct, Tuple, Typ, anyType, type Type } from "../types/types.js";
import {
  TB_B_SIZE, TB_COMMON_SIZE, TB_N, TLOG_FAIL, TLOG_FORMAT, TLOG_SKIP, TLOG_STOP,
} from "../../../assembly/layout.js";

export const TESTING_PATH = "testing";

const pos = makePos("<testing>", 0, 0);
const byteType = Typ[BasicKind.Uint8];

/** The log methods and their TLOG_* modes. */
const LOG_METHODS: [string, number][] = [
  ["Log", 0],
  ["Logf", TLOG_FORMAT],
  ["Error", TLOG_FAIL],
  ["Errorf", TLOG_FORMAT | TLOG_FAIL],
  ["Fatal", TLOG_FAIL | TLOG_STOP],
  ["Fatalf", TLOG_FORMAT | TLOG_FAIL | TLOG_STOP],
  ["Skip", TLOG_SKIP | TLOG_STOP],
  ["Skipf", TLOG_FORMAT | TLOG_SKIP | TLOG_STOP],
];

function opaque(size: number): Var {
  return new Var("_", pos, new ArrayType(size, byteType), "field", null);
}

function tuple(...types: Type[]): Tuple {
  return new Tuple(types.map((t) => new Var("", pos, t, "param", null)));
}

function namedStruct(name: string, fields: Var[]): Named {
  const obj = new TypeName(name, pos, Typ[BasicKind.Invalid], false, TESTING_PATH);
  const named = new Named(obj, new Struct(fields));
  obj.type = named;
  return named;
}

/** Adds a pointer-receiver method of named that calls the runtime entry point `runtime`. */
function method(named: Named, name: string, params: Tuple, results: Tuple, variadic: boolean, runtime: string, mode?: number): void {
  const recv = new Var("", pos, new Pointer(named), "receiver", null);
  const f = new Func(name, pos, new Signature(recv, params, results, variadic), null, `testing.(*${named.obj.name}).${name}`, true);
  f.intrinsic = { name: runtime, mode };
  named.methods.push(f);
}

function commonMethods(named: Named): void {
  const str = Typ[BasicKind.String];
  const bool = Typ[BasicKind.Bool];
  for (const [name, mode] of LOG_METHODS) {
    const params = mode & TLOG_FORMAT ? tuple(str, anyType) : tuple(anyType);
    method(named, name, params, tuple(), true, "testlog", mode);
  }
  for (const m of ["Helper", "Fail", "FailNow", "SkipNow"]) method(named, m, tuple(), tuple(), false, m);
  method(named, "Name", tuple(), tuple(str), false, "Name");
  for (const m of ["Failed", "Skipped"]) method(named, m, tuple(), tuple(bool), false, m);
  // Run(name string, f func(*T)) bool, and func(*B) for B.
  const sub = new Signature(null, tuple(new Pointer(named)), tuple(), false);
  method(named, "Run", tuple(str, sub), tuple(bool), false, "Run");
}

/** Methods of Go's T and B that deferlab does not provide, and why: the compile error says so. */
const UNSUPPORTED_METHODS: Record<string, string> = {
  Parallel: "tests run one at a time",
  Cleanup: "defer the call in the test function instead",
  Setenv: "programs have no environment",
  TempDir: "programs have no file system",
  Deadline: "deferlab test has no -timeout",
  RunParallel: "benchmarks run on one thread",
  SetParallelism: "benchmarks run on one thread",
  SetBytes: "benchmarks report ns/op, B/op and allocs/op only",
  ReportMetric: "benchmarks report ns/op, B/op and allocs/op only",
};

/** Members of Go's package testing that deferlab does not provide, and why. */
const UNSUPPORTED_MEMBERS: Record<string, string> = {
  M: "deferlab test runs the tests itself, without TestMain",
  TB: "*testing.T and *testing.B cannot be held in interfaces",
  PB: "benchmarks run on one thread",
  F: "fuzzing is not supported",
  Short: "deferlab test has no -short",
  Verbose: "tests cannot read go test's flags",
  Benchmark: "benchmarks run under deferlab test only",
  AllocsPerRun: "benchmarks report allocations with -benchmem or b.ReportAllocs",
};

/** Why method `name` of a testing type is not supported, or undefined if Go's testing has no such method. */
export function unsupportedTestingMethod(name: string): string | undefined {
  return Object.hasOwn(UNSUPPORTED_METHODS, name) ? UNSUPPORTED_METHODS[name] : undefined;
}

/** Why package testing's `name` is not supported, or undefined if Go's testing has no such member. */
export function unsupportedTestingMember(name: string): string | undefined {
  return Object.hasOwn(UNSUPPORTED_MEMBERS, name) ? UNSUPPORTED_MEMBERS[name] : undefined;
}

/** testing.T or testing.B, or a pointer to one. */
export function isTestingType(t: Type): boolean {
  return isTestingValueType(t instanceof Pointer ? t.elem : t);
}

/** testing.T or testing.B itself. */
export function isTestingValueType(t: Type): boolean {
  return t instanceof Named && t.obj.pkg === TESTING_PATH;
}

/** The members of package testing, for one compilation. */
export function testingPackage(): Scope {
  const scope = new Scope(null, "package testing", null);
  const T = namedStruct("T", [opaque(TB_COMMON_SIZE)]);
  commonMethods(T);
  const n = new Var("N", pos, Typ[BasicKind.Int], "field", null);
  const B = namedStruct("B", [opaque(TB_COMMON_SIZE), n, opaque(TB_B_SIZE - TB_N - 8)]);
  commonMethods(B);
  for (const m of ["ResetTimer", "StartTimer", "StopTimer", "ReportAllocs"]) method(B, m, tuple(), tuple(), false, m);
  scope.insert(T.obj);
  scope.insert(B.obj);
  return scope;
}
