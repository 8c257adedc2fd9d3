// The test main, as go test generates _testmain.go: the table of the
// package's tests and benchmarks (MD_TESTTAB in layout.ts), which the test
// driver reads from the image to call each, a func value, through the
// runtime's tRunner.
// Like go test, it takes the functions of the _test.go files whose names
// and signatures make them tests (TestXxx(*testing.T)) or benchmarks
// (BenchmarkXxx(*testing.B)).

import type { Func, Package } from "../types/objects.js";
import { Named, Pointer, underlying, Signature, type Type } from "../types/types.js";
import { DataWriter } from "../reflectdata/reflect.js";
import type { ReflectData } from "../reflectdata/reflect.js";
import { TESTKIND_BENCHMARK, TESTKIND_TEST } from "../../../assembly/layout.js";
import { TESTING_PATH } from "./testing.js";

export const TESTTAB_SYM = "testing.tests";

interface TestFunc {
  name: string;
  kind: number;
  func: Func;
}

/** Writes the table of tests and benchmarks and returns its symbol. */
export function testMain(pkg: Package, reflect: ReflectData): string {
  const tests = pkg.funcs.filter(inTestFile).flatMap((f) => testFunc(f) ?? []);
  const w = new DataWriter().u32(tests.length);
  for (const t of tests) {
    w.reloc("addr", reflect.stringSym(t.name)).u32(reflect.stringBytes(t.name));
    w.u32(t.kind).reloc("addr", reflect.funcvalSym(t.func.fullName));
  }
  reflect.add(w.sym(TESTTAB_SYM, 4));
  return TESTTAB_SYM;
}

function inTestFile(f: Func): boolean {
  return f.pos.filename.endsWith("_test.go");
}

function testFunc(f: Func): TestFunc | null {
  if (f.decl?.recv) return null;
  if (isTestName(f.name, "Test") && takesTesting(f.sig, "T")) return { name: f.name, kind: TESTKIND_TEST, func: f };
  if (isTestName(f.name, "Benchmark") && takesTesting(f.sig, "B")) return { name: f.name, kind: TESTKIND_BENCHMARK, func: f };
  return null;
}

/** Go's isTest: the prefix, then nothing or a character that is not a lower-case letter. */
function isTestName(name: string, prefix: string): boolean {
  if (!name.startsWith(prefix)) return false;
  const next = name.charAt(prefix.length);
  return next === "" || !(next >= "a" && next <= "z");
}

function takesTesting(sig: Signature, typeName: string): boolean {
  if (sig.params.vars.length !== 1 || sig.results.vars.length !== 0) return false;
  return isTestingPointer(sig.params.vars[0]!.type, typeName);
}

function isTestingPointer(t: Type, typeName: string): boolean {
  const u = underlying(t);
  if (!(u instanceof Pointer) || !(u.elem instanceof Named)) return false;
  return u.elem.obj.pkg === TESTING_PATH && u.elem.obj.name === typeName;
}
