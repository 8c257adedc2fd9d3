import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type * as N from "../../host/compiler/syntax/nodes.js";
import { parseFile } from "../../host/compiler/syntax/parser.js";
import { formatDiagnostic } from "../../host/compiler/syntax/pos.js";
import { checkPackage } from "../../host/compiler/types/check.js";
import { methodSet } from "../../host/compiler/types/lookup.js";
import { Const, FuncInfo, Var, type Package } from "../../host/compiler/types/objects.js";
import { errorTypeString, typeString } from "../../host/compiler/types/typestring.js";
import { Named, Pointer, type Type } from "../../host/compiler/types/types.js";

const testdata = join(dirname(fileURLToPath(import.meta.url)), "testdata/frontend");

function check(src: string, filename = "x.go"): { pkg: Package; errors: string[] } {
  const p = parseFile(filename, src);
  expect(p.errors.map(formatDiagnostic)).toEqual([]);
  const r = checkPackage([p.file]);
  return { pkg: r.pkg, errors: r.errors.map(formatDiagnostic) };
}

function checkOk(src: string): Package {
  const r = check(src);
  expect(r.errors).toEqual([]);
  return r.pkg;
}

function errorsOf(src: string): string[] {
  return check(src).errors;
}

function constValue(pkg: Package, name: string): unknown {
  const c = pkg.scope.lookup(name);
  expect(c).toBeInstanceOf(Const);
  return (c as Const).value;
}

function funcInfo(pkg: Package, name: string): FuncInfo {
  const f = pkg.funcs.find((x) => x.fullName === name);
  expect(f, name).toBeDefined();
  return f!.info!;
}

function allLits(info: FuncInfo): FuncInfo[] {
  return info.funcLits.flatMap((l) => [l, ...allLits(l)]);
}

/** Finds the first node of a kind below root (depth-first, source order). */
function find<K extends string>(root: unknown, kind: K, pred: (n: any) => boolean = () => true): any {
  const seen = new Set<unknown>();
  const visit = (n: unknown): any => {
    if (n === null || typeof n !== "object" || seen.has(n)) return undefined;
    seen.add(n);
    const o = n as Record<string, unknown>;
    if (o.kind === kind && pred(o)) return o;
    for (const [k, v] of Object.entries(o)) {
      if (k === "tv" || k === "obj" || k === "info" || k === "selection" || k === "call" || k === "target" || k === "func" || k === "labelObj" || k === "newVars" || k === "vars" || k === "objs" || k === "perIterVars" || k === "implicitVar") continue;
      const r = Array.isArray(v) ? v.map(visit).find((x) => x !== undefined) : visit(v);
      if (r !== undefined) return r;
    }
    return undefined;
  };
  return visit(root);
}

function typeOf(pkg: Package, name: string): Type {
  return (pkg.scope.lookup(name) as Var).type;
}

describe("compile errors match go build (Go 1.19)", () => {
  const dir = join(testdata, "errors");
  const files = readdirSync(dir).filter((f) => f.endsWith(".go"));
  it.each(files)("%s", (name) => {
    const src = readFileSync(join(dir, name), "utf8");
    const want = readFileSync(join(dir, name.replace(/\.go$/, ".err")), "utf8").trimEnd().split("\n");
    const p = parseFile(`./${name}`, src);
    const r = checkPackage([p.file]);
    expect(r.errors.map(formatDiagnostic).join("\n").split("\n")).toEqual(want);
  });
});

describe("features outside the subset", () => {
  it("are reported as not supported at their position", () => {
    const src = readFileSync(join(testdata, "unsupported/not_supported.go"), "utf8");
    const p = parseFile("./not_supported.go", src);
    const r = checkPackage([p.file]);
    expect(r.errors.map(formatDiagnostic)).toEqual([
      './not_supported.go:3:8: import "fmt" not supported',
      "./not_supported.go:6:8: slices not supported",
      "./not_supported.go:7:7: maps not supported",
      "./not_supported.go:8:2: go statement not supported",
      "./not_supported.go:9:8: floating-point types not supported",
      "./not_supported.go:9:18: floating-point literals not supported",
      "./not_supported.go:10:6: append not supported",
      "./not_supported.go:11:8: make not supported",
      "./not_supported.go:11:13: channels not supported",
    ]);
  });
});

describe("constants", () => {
  it("evaluates iota with implicit repetition", () => {
    const pkg = checkOk("package main\nconst (\n\ta = iota * 10\n\tb\n\t_\n\td\n)\nconst (\n\tKB = 1 << (10 * (iota + 1))\n\tMB\n)\nfunc main() {}\n");
    expect([constValue(pkg, "a"), constValue(pkg, "b"), constValue(pkg, "d")]).toEqual([0n, 10n, 30n]);
    expect(constValue(pkg, "MB")).toBe(1048576n);
  });

  it("keeps untyped integer constants exact beyond 64 bits", () => {
    const pkg = checkOk("package main\nconst huge = 1 << 100\nconst back = huge >> 98\nfunc main() {}\n");
    expect(constValue(pkg, "huge")).toBe(1n << 100n);
    expect(constValue(pkg, "back")).toBe(4n);
  });

  it("truncates integer division toward zero and complements typed unsigned constants within their width", () => {
    const pkg = checkOk("package main\nconst q = -7 / 2\nconst r = -7 % 2\nconst m uint8 = ^uint8(0)\nconst n = ^0\nfunc main() {}\n");
    expect([constValue(pkg, "q"), constValue(pkg, "r"), constValue(pkg, "m"), constValue(pkg, "n")]).toEqual([-3n, -1n, 255n, -1n]);
  });

  it("evaluates string, rune, comparison and len constants", () => {
    const pkg = checkOk('package main\nconst s = "ab" + "c"\nconst n = len(s)\nconst r = \'a\' + 1\nconst b = s < "b"\nconst c = string(rune(r))\nfunc main() {}\n');
    expect([constValue(pkg, "s"), constValue(pkg, "n"), constValue(pkg, "r"), constValue(pkg, "b"), constValue(pkg, "c")]).toEqual(["abc", 3n, 98n, true, "b"]);
  });

  it("keeps string constants as bytes, invalid UTF-8 included", () => {
    const pkg = checkOk('package main\nconst s = "\\xff" + "é" + `世`\nconst n = len(s)\nconst r = string(rune(0xe9))\nconst bad = string(rune(-1))\nfunc main() {}\n');
    expect([constValue(pkg, "s"), constValue(pkg, "n"), constValue(pkg, "r"), constValue(pkg, "bad")]).toEqual(["\xff\xc3\xa9\xe4\xb8\x96", 6n, "\xc3\xa9", "\xef\xbf\xbd"]);
  });

  it("reports an index of a constant string as not constant, as Go does", () => {
    expect(errorsOf('package main\nconst k = "héllo"[1]\nfunc main() {}\n')).toEqual(['x.go:2:11: "héllo"[1] (value of type byte) is not constant']);
  });

  it("gives len of an array variable a constant value", () => {
    const pkg = checkOk("package main\nvar a [5]int\nconst n = len(a)\nfunc main() {}\n");
    expect(constValue(pkg, "n")).toBe(5n);
  });

  it("records the type an untyped constant is converted to at its use site", () => {
    const pkg = checkOk("package main\nfunc main() {\n\tvar b byte = 1 + 2\n\tvar i interface{} = 7\n\tprintln(b, i)\n}\n");
    const main = funcInfo(pkg, "main.main");
    const decls = (main.node as N.FuncDecl).body!.stmtList as N.DeclStmt[];
    const bInit = (decls[0]!.declList[0] as N.VarDecl).values[0] as N.Operation;
    expect(errorTypeString(bInit.tv!.type)).toBe("byte");
    expect(bInit.tv!.value).toBe(3n);
    expect(errorTypeString(bInit.x.tv!.type)).toBe("byte");
    const iInit = (decls[1]!.declList[0] as N.VarDecl).values[0]!;
    expect(errorTypeString(iInit.tv!.type)).toBe("int");
  });

  it("types a non-constant shift of an untyped constant from its context", () => {
    const pkg = checkOk("package main\nfunc main() {\n\tn := uint(3)\n\tvar x int64 = 1 << n\n\tprintln(x)\n}\n");
    const shift = find(funcInfo(pkg, "main.main").node, "Operation", (o) => o.op === "<<");
    expect(errorTypeString(shift.tv.type)).toBe("int64");
    expect(errorTypeString(shift.x.tv.type)).toBe("int64");
  });

  it("rejects constant overflow of typed arithmetic", () => {
    expect(errorsOf("package main\nconst c int8 = 100\nconst d = c * 2\nfunc main() {}\n")).toEqual(["x.go:3:11: c * 2 (constant 200 of type int8) overflows int8"]);
  });
});

describe("function literal names", () => {
  const src = `package main

type T struct{}

var g = func() int { func() {}(); return 1 }()

func init() { func() {}() }
func init() { func() {}() }

func (T) M()  { func() { func() {}() }() }
func (*T) P() { func() {}() }

func f() { func() { func() {}() }(); func() {}() }

func main() {
	f()
	x := func() {}
	x()
	defer func() {}()
	_ = g
}
`;

  it("follow Go's symbol naming in functions, methods, init and package initializers", () => {
    const pkg = checkOk(src);
    const names = [
      ...pkg.globLits.flatMap((l) => [l, ...allLits(l)]),
      ...pkg.initFuncs.flatMap(allLits),
      ...pkg.funcs.flatMap((f) => allLits(f.info!)),
    ].map((l) => l.name);
    expect(names).toEqual([
      "main.glob..func1",
      "main.glob..func1.1",
      "main.init.0.func1",
      "main.init.1.func1",
      "main.T.M.func1",
      "main.T.M.func1.1",
      "main.(*T).P.func1",
      "main.f.func1",
      "main.f.func1.1",
      "main.f.func2",
      "main.main.func1",
      "main.main.func2",
    ]);
  });
});

describe("variables and closures", () => {
  it("records captured variables on the literal and its enclosing literals", () => {
    const pkg = checkOk("package main\nfunc main() {\n\tx, y := 1, 2\n\tfunc() {\n\t\tfunc() { x++ }()\n\t\tprintln(y)\n\t}()\n}\n");
    const [outer] = funcInfo(pkg, "main.main").funcLits;
    const inner = outer!.funcLits[0]!;
    expect(outer!.captures.map((v) => v.name)).toEqual(["x", "y"]);
    expect(inner.captures.map((v) => v.name)).toEqual(["x"]);
    const x = outer!.captures[0]!;
    expect(x.captured).toBe(true);
    expect(x.capturedBy).toEqual([inner, outer]);
  });

  it("marks address-taken variables for &x, &s.f and auto-& method calls", () => {
    const pkg = checkOk(
      "package main\ntype S struct{ f int }\nfunc (s *S) M() {}\nfunc main() {\n\ta, b, c, d := 1, S{}, S{}, S{}\n\t_ = &a\n\t_ = &b.f\n\tc.M()\n\t_ = d.f\n}\n",
    );
    const locals = funcInfo(pkg, "main.main").locals;
    expect(locals.map((v) => [v.name, v.addrTaken])).toEqual([["a", true], ["b", true], ["c", true], ["d", false]]);
  });

  it("gives unnamed params and results synthetic variables", () => {
    const pkg = checkOk("package main\nfunc f(a int, _ string) (int, error) { return 0, nil }\nfunc g(int) (n int) { return }\nfunc main() { f(1, \"\"); g(1) }\n");
    const f = funcInfo(pkg, "main.f");
    expect(f.params.map((v) => [v.name, v.synthetic, v.varKind])).toEqual([["a", false, "param"], ["_", true, "param"]]);
    expect(f.results.map((v) => [v.name, v.synthetic, v.varKind])).toEqual([["", true, "result"], ["", true, "result"]]);
    const g = funcInfo(pkg, "main.g");
    expect(g.params.map((v) => [v.name, v.synthetic])).toEqual([["", true]]);
    expect(g.results.map((v) => [v.name, v.synthetic])).toEqual([["n", false]]);
  });

  it("lists defers and returns per function", () => {
    const pkg = checkOk("package main\nfunc f(x int) int {\n\tdefer println()\n\tif x > 0 {\n\t\tdefer println()\n\t\treturn 1\n\t}\n\treturn 2\n}\nfunc main() { f(1) }\n");
    const info = funcInfo(pkg, "main.f");
    expect(info.defers.map((d) => d.pos.line)).toEqual([3, 5]);
    expect(info.returns.map((r) => r.pos.line)).toEqual([6, 8]);
  });

  it("marks the := variables of three-clause and range loops as per-iteration", () => {
    const pkg = checkOk("package main\nfunc main() {\n\tfor i, j := 0, 0; i < 3; i++ {\n\t\tj++\n\t}\n\tfor k, v := range \"ab\" {\n\t\tprintln(k, v)\n\t}\n}\n");
    const loops = (funcInfo(pkg, "main.main").node as N.FuncDecl).body!.stmtList as N.ForStmt[];
    expect(loops[0]!.perIterVars!.map((v) => v.name)).toEqual(["i", "j"]);
    expect(loops[1]!.perIterVars!.map((v) => v.name)).toEqual(["k", "v"]);
  });
});

describe("selectors and calls", () => {
  const src = `package main

type I interface{ B(); A() int }
type E struct{ n int }

func (e E) A() int { return e.n }
func (e *E) B()    {}

type T struct {
	E
	p *E
}

func g() {}

func main() {
	var t T
	t.n = 1
	t.B()
	pt := &t
	_ = pt.A()
	var i I = pt
	i.B()
	h := t.A
	h()
	g()
	_ = int8(3)
	println(E.A(t.E), len("x"))
	_ = t.p.n
}
`;

  it("resolves promoted fields with their embedded path", () => {
    const pkg = checkOk(src);
    const sel = find(funcInfo(pkg, "main.main").node, "SelectorExpr", (s) => s.sel.value === "n").selection;
    expect(sel).toMatchObject({ kind: "field", path: [0, 0], ptrBase: false, indirect: false });
  });

  it("resolves method calls with auto-& and auto-* and interface method indexes in Go's order", () => {
    const pkg = checkOk(src);
    const body = funcInfo(pkg, "main.main").node;
    expect(find(body, "SelectorExpr", (s) => s.sel.value === "B" && s.x.value === "t").selection).toMatchObject({ kind: "method", path: [0], ptrRecv: true, addr: true, deref: false, isValue: false });
    expect(find(body, "SelectorExpr", (s) => s.sel.value === "A" && s.x.value === "pt").selection).toMatchObject({ kind: "method", ptrRecv: false, addr: false, deref: true });
    const im = find(body, "SelectorExpr", (s) => s.sel.value === "B" && s.x.value === "i").selection;
    expect(im).toMatchObject({ kind: "ifaceMethod", index: 1, isValue: false });
    expect(find(body, "SelectorExpr", (s) => s.sel.value === "A" && s.x.value === "t").selection).toMatchObject({ kind: "method", isValue: true });
    expect(find(body, "SelectorExpr", (s) => s.x.value === "E").selection).toMatchObject({ kind: "methodExpr" });
    expect(find(body, "SelectorExpr", (s) => s.sel.value === "n" && s.x.kind === "SelectorExpr").selection).toMatchObject({ kind: "field", ptrBase: true, indirect: true });
  });

  it("classifies calls", () => {
    const pkg = checkOk(src);
    const body = funcInfo(pkg, "main.main").node;
    const kindOf = (pred: (c: any) => boolean): unknown => find(body, "CallExpr", pred).call;
    expect(kindOf((c) => c.fun.value === "g")).toMatchObject({ kind: "func" });
    expect(kindOf((c) => c.fun.value === "h")).toMatchObject({ kind: "funcValue" });
    expect(kindOf((c) => c.fun.value === "int8")).toMatchObject({ kind: "conversion" });
    expect(kindOf((c) => c.fun.value === "len")).toMatchObject({ kind: "builtin", builtin: "len" });
    expect(kindOf((c) => c.fun.sel?.value === "B" && c.fun.x.value === "i")).toMatchObject({ kind: "ifaceMethod" });
    expect(kindOf((c) => c.fun.sel?.value === "B" && c.fun.x.value === "t")).toMatchObject({ kind: "method" });
  });

  it("computes method sets of values and pointers", () => {
    const pkg = checkOk(src);
    const E = (pkg.scope.lookup("E")!.type as Named);
    expect(methodSet(E).map((m) => m.name)).toEqual(["A"]);
    expect(methodSet(new Pointer(E)).map((m) => m.name)).toEqual(["A", "B"]);
    const T = pkg.scope.lookup("T")!.type as Named;
    expect(methodSet(T).map((m) => m.name)).toEqual(["A"]);
    expect(methodSet(new Pointer(T)).map((m) => m.name)).toEqual(["A", "B"]);
  });
});

describe("statements", () => {
  it("declares one variable per type switch clause with the clause's type", () => {
    const pkg = checkOk("package main\nfunc main() {\n\tvar x any = 1\n\tswitch v := x.(type) {\n\tcase int:\n\t\tprintln(v)\n\tcase string, bool:\n\t\tprintln(v)\n\tcase nil:\n\t}\n}\n");
    const sw = find(funcInfo(pkg, "main.main").node, "SwitchStmt") as N.SwitchStmt;
    expect(sw.body.map((c) => typeString(c.implicitVar!.type))).toEqual(["int", "interface {}", "interface {}"]);
  });

  it("resolves break, continue, goto and fallthrough targets", () => {
    const pkg = checkOk("package main\nfunc main() {\nL:\n\tfor {\n\t\tswitch {\n\t\tcase true:\n\t\t\tfallthrough\n\t\tdefault:\n\t\t\tbreak L\n\t\t}\n\t\tcontinue\n\t}\n\tgoto E\nE:\n}\n");
    const body = funcInfo(pkg, "main.main").node;
    const loop = find(body, "ForStmt");
    const sw = find(body, "SwitchStmt");
    expect(find(body, "BranchStmt", (b) => b.tok === "break").target).toBe(loop);
    expect(find(body, "BranchStmt", (b) => b.tok === "continue").target).toBe(loop);
    expect(find(body, "BranchStmt", (b) => b.tok === "fallthrough").target).toBe(sw);
    expect(find(body, "BranchStmt", (b) => b.tok === "goto").target).toBe(find(body, "LabeledStmt", (l) => l.label.value === "E"));
  });

  it("ranges over arrays, pointers to arrays, strings and integers", () => {
    const pkg = checkOk("package main\nfunc main() {\n\tvar a [3]byte\n\tfor i, v := range a {\n\t\tprintln(i, v)\n\t}\n\tfor i := range &a {\n\t\tprintln(i)\n\t}\n\tfor _, r := range \"x\" {\n\t\tprintln(r)\n\t}\n\tfor i := range int8(4) {\n\t\tprintln(i)\n\t}\n}\n");
    const loops = ((funcInfo(pkg, "main.main").node as N.FuncDecl).body!.stmtList.slice(1) as N.ForStmt[]).map((f) => (f.init as N.RangeClause).info!);
    expect(loops.map((r) => [r.rangeKind, typeString(r.keyType), r.valueType ? typeString(r.valueType) : null])).toEqual([
      ["array", "int", "uint8"],
      ["ptrArray", "int", "uint8"],
      ["string", "int", "int32"],
      ["int", "int8", null],
    ]);
    expect(loops[0]!.keyVar?.name).toBe("i");
  });

  it("accepts functions that end in panic, infinite loops or exhaustive switches without missing return", () => {
    expect(errorsOf("package main\nfunc a() int { panic(1) }\nfunc b() int {\n\tfor {\n\t}\n}\nfunc c(x int) int {\n\tswitch {\n\tcase x > 0:\n\t\treturn 1\n\tdefault:\n\t\treturn 0\n\t}\n}\nfunc d() int {\n\tfor {\n\t\tbreak\n\t}\n}\nfunc main() { a(); b(); c(1); d() }\n")).toEqual(["x.go:19:1: missing return"]);
  });
});

describe("package initialization order", () => {
  it("follows dependencies, through functions, then declaration order", () => {
    const pkg = checkOk("package main\nvar a = c + b\nvar b = f()\nvar c = f()\nvar d = 3\nfunc f() int { d++; return d }\nfunc main() {}\n");
    expect(pkg.initOrder.map((i) => i.lhs.map((v) => v.name).join(","))).toEqual(["d", "b", "c", "a"]);
  });

  it("initializes multi-value declarations together", () => {
    const pkg = checkOk("package main\nfunc two() (int, int) { return 1, 2 }\nvar x, y = two()\nvar z = y\nfunc main() {}\n");
    expect(pkg.initOrder.map((i) => i.lhs.map((v) => v.name).join(","))).toEqual(["x,y", "z"]);
  });
});

describe("type strings", () => {
  const pkg = checkOk(`package main

type T struct{ a int }
type I interface{ M(); N(int) string }

var (
	p *T
	s struct{ a int; b byte }
	f func(int, string) (bool, error)
	i I
	e interface{}
	a any
	arr [3]*T
	u interface{ M() }
)

func main() {}
`);

  it.each([
    ["p", "*main.T", "*T"],
    ["s", "struct { a int; b uint8 }", "struct{a int; b byte}"],
    ["f", "func(int, string) (bool, error)", "func(int, string) (bool, error)"],
    ["i", "main.I", "I"],
    ["e", "interface {}", "interface{}"],
    ["a", "interface {}", "any"],
    ["arr", "[3]*main.T", "[3]*T"],
    ["u", "interface { M() }", "interface{M()}"],
  ])("prints %s as the runtime (%s) and the compiler (%s) do", (name, runtime, compiler) => {
    const t = typeOf(pkg, name);
    expect(typeString(t)).toBe(runtime);
    expect(errorTypeString(t)).toBe(compiler);
  });
});
