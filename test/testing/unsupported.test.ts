// What deferlab test cannot run is a compile error at its position, saying
// why, never a crash or output that differs from go test's: package
// testing's members and methods deferlab does not provide, testing methods
// used as values or held in interfaces, testing.T and testing.B values
// (records only the driver creates), and format directives the runtime
// does not format.

import { describe, expect, it } from "vitest";
import { compileTest } from "../../host/compiler/compile.js";

/** Compiles one _test.go file whose TestX has body as its statements. */
function compileBody(body: string, decls = ""): string[] {
  const source = `package p\n\nimport "testing"\n${decls}\nfunc TestX(t *testing.T) {\n${body}\n}\n`;
  return compileTest({ files: [{ filename: "x_test.go", source }] }).errors;
}

describe("deferlab test: unsupported uses of package testing", () => {
  it.each([
    ["t.Parallel()", "x_test.go:6:3: t.Parallel not supported: tests run one at a time"],
    ["t.Cleanup(func() {})", "x_test.go:6:3: t.Cleanup not supported: defer the call in the test function instead"],
    ["_ = t.TempDir()", "x_test.go:6:7: t.TempDir not supported: programs have no file system"],
    ["if testing.Short() {\n}", "x_test.go:6:12: testing.Short not supported: deferlab test has no -short"],
    ["f := t.Log\nf(1)", "x_test.go:6:7: method value of testing.(*T).Log not supported: testing methods can only be called"],
    ["g := (*testing.T).Name\n_ = g", "x_test.go:6:18: method expression of testing.(*T).Name not supported: testing methods can only be called"],
    ["var x any = t\n_ = x", "x_test.go:6:13: converting *testing.T to an interface not supported"],
    ["t.Log(t)", "x_test.go:6:7: converting *testing.T to an interface not supported"],
    ["go t.Log(1)", "x_test.go:6:1: go statement not supported"],
    ["var x testing.T\nx.Log(1)", "x_test.go:6:7: testing.T values not supported: use the *testing.T deferlab test passes"],
    ["b := new(testing.B)\n_ = b", "x_test.go:6:10: testing.B values not supported: use the *testing.B deferlab test passes"],
    ["tt := *t\ntt.Log(1)", "x_test.go:6:7: *t: testing.T values not supported: use t itself"],
    ['t.Logf("%5d", 1)', "x_test.go:6:8: format directive %5d not supported: the verbs are %v %d %s %q %x %t %T %p, with %+v %+d %+x, and %%"],
    ['t.Errorf("%+s", "x")', "x_test.go:6:10: format directive %+s not supported: the verbs are %v %d %s %q %x %t %T %p, with %+v %+d %+x, and %%"],
  ])("%s", (body, error) => {
    expect(compileBody(body)).toEqual([error]);
  });

  it("reports TestMain's testing.M", () => {
    expect(compileBody("", "\nfunc TestMain(m *testing.M) {}\n")).toEqual([
      "x_test.go:5:26: testing.M not supported: deferlab test runs the tests itself, without TestMain",
    ]);
  });

  it("reports benchmark methods of B", () => {
    const errors = compileBody("", "\nfunc BenchmarkX(b *testing.B) {\n\tb.SetBytes(1)\n\tb.RunParallel(nil)\n}\n");
    expect(errors).toEqual([
      "x_test.go:6:4: b.SetBytes not supported: benchmarks report ns/op, B/op and allocs/op only",
      "x_test.go:7:4: b.RunParallel not supported: benchmarks run on one thread",
    ]);
  });

  it("compiles what it supports: defer of testing methods, %% and %+v", () => {
    expect(compileBody('defer t.Log(1)\ndefer t.Logf("%d%% %+v", 1, t.Name())\ndefer t.Run("x", func(t *testing.T) {})')).toEqual([]);
  });
});
