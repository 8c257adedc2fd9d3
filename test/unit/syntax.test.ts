import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type * as N from "../../host/compiler/syntax/nodes.js";
import { exprString, parseFile } from "../../host/compiler/syntax/parser.js";
import { formatDiagnostic } from "../../host/compiler/syntax/pos.js";
import { Scanner, type Token } from "../../host/compiler/syntax/scanner.js";

const testdata = join(dirname(fileURLToPath(import.meta.url)), "testdata/frontend/syntax");

function parseOk(src: string): N.File {
  const r = parseFile("x.go", src);
  expect(r.errors.map(formatDiagnostic)).toEqual([]);
  return r.file;
}

function tokens(src: string): string[] {
  const out: string[] = [];
  const s = new Scanner("x.go", src, (pos, msg) => out.push(`error ${pos.line}:${pos.col} ${msg}`));
  for (s.next(); s.tok !== "EOF"; s.next()) out.push(tokenText(s.tok, s));
  return out;
}

function tokenText(tok: Token, s: Scanner): string {
  if (tok === "name" || tok === "literal") return s.lit;
  if (tok === ";") return `;(${s.lit})`;
  if (tok === "op" || tok === "assignop" || tok === "incop") return `${tok}${s.op}`;
  return tok;
}

function mainBody(file: N.File): N.Stmt[] {
  const f = file.declList.find((d): d is N.FuncDecl => d.kind === "FuncDecl" && d.name.value === "main");
  return f!.body!.stmtList;
}

function firstExpr(src: string): N.Expr {
  const stmt = mainBody(parseOk(`package main\nfunc main() {\n\t_ = ${src}\n}\n`))[0] as N.AssignStmt;
  return stmt.rhs[0]!;
}

describe("scanner", () => {
  it("inserts semicolons after names, literals, closing brackets and return at line ends", () => {
    expect(tokens("x\n1\n)\nreturn\nfoo(\n")).toEqual(["x", ";(newline)", "1", ";(newline)", ")", ";(newline)", "return", ";(newline)", "foo", "("]);
  });

  it("does not insert semicolons after operators or opening brackets", () => {
    expect(tokens("a +\nb")).toEqual(["a", "op+", "b", ";(EOF)"]);
  });

  it("treats a block comment containing a newline as a newline", () => {
    expect(tokens("x /* a\nb */ y")).toEqual(["x", ";(newline)", "y", ";(EOF)"]);
  });

  it("distinguishes op-assign, increment, shift and and-not operators", () => {
    expect(tokens("a <<= 1; b &^= c; d++; e &^ f")).toEqual([
      "a", "assignop<<", "1", ";(semicolon)", "b", "assignop&^", "c", ";(semicolon)", "d", "incop+", ";(semicolon)", "e", "op&^", "f", ";(EOF)",
    ]);
  });

  it("scans number, rune and string literals", () => {
    expect(tokens("0x_1F 0o17 1_000 'a' '\\n' \"s\\\"t\" `raw`")).toEqual(["0x_1F", "0o17", "1_000", "'a'", "'\\n'", '"s\\"t"', "`raw`", ";(EOF)"]);
  });

  it("counts columns in bytes like Go", () => {
    const r = parseFile("x.go", 'package main\nvar s = "é"; var t = 1\n');
    const decls = r.file.declList as N.VarDecl[];
    expect(decls[1]!.nameList[0]!.pos).toEqual({ filename: "x.go", line: 2, col: 19 });
  });

  it("reports invalid characters with their code point", () => {
    expect(tokens("a @ b")).toContain("error 1:3 invalid character U+0040 '@'");
  });
});

describe("parser", () => {
  it("records Go's node positions: binary operations at the operator, calls at the parenthesis", () => {
    const e = firstExpr("f(a) + b") as N.Operation;
    expect(e.pos.col).toBe(11);
    expect((e.x as N.CallExpr).pos.col).toBe(7);
    expect((e.x as N.CallExpr).fun.pos.col).toBe(6);
  });

  it("respects operator precedence", () => {
    const e = firstExpr("a || b && c == d + e * f") as N.Operation;
    expect(e.op).toBe("||");
    const and = e.y as N.Operation;
    expect(and.op).toBe("&&");
    const eq = and.y as N.Operation;
    expect(eq.op).toBe("==");
    expect(((eq.y as N.Operation).y as N.Operation).op).toBe("*");
  });

  it.each([
    "a + b * c",
    "-x",
    "*p",
    "&T{a: 1}",
    "x.(T)",
    "s[i]",
    "f(a, b)",
    "[3]int{1, 2, 3}",
    "[...]string{2: \"x\"}",
    "func(a int) string {…}",
    "struct{a int; b string}{}",
    "(*T).M",
  ])("round-trips %s through the printer", (src) => {
    const e = firstExpr(src.replace("{…}", "{ return \"\" }"));
    expect(exprString(e)).toBe(src.replace("{a: 1}", "{…}").replace("{1, 2, 3}", "{…}").replace('{2: "x"}', "{…}"));
  });

  it("does not take a brace after an if condition as a composite literal", () => {
    const s = mainBody(parseOk("package main\nfunc main() {\n\tif x == T {\n\t}\n}\n"))[0] as N.IfStmt;
    expect(s.cond.kind).toBe("Operation");
    expect(s.then.stmtList).toEqual([]);
  });

  it("allows composite literals in parenthesised if conditions", () => {
    const s = mainBody(parseOk("package main\nfunc main() {\n\tif x == (T{}) {\n\t}\n}\n"))[0] as N.IfStmt;
    expect(((s.cond as N.Operation).y as N.ParenExpr).x.kind).toBe("CompositeLit");
  });

  it("parses the three for forms and range clauses", () => {
    const body = mainBody(
      parseOk("package main\nfunc main() {\n\tfor {\n\t}\n\tfor x < 3 {\n\t}\n\tfor i := 0; i < 3; i++ {\n\t}\n\tfor k, v := range a {\n\t}\n\tfor range 10 {\n\t}\n}\n"),
    ) as N.ForStmt[];
    expect(body[0]!.cond).toBeNull();
    expect(body[1]!.cond?.kind).toBe("Operation");
    expect(body[2]!.init?.kind).toBe("AssignStmt");
    expect(body[2]!.post?.kind).toBe("AssignStmt");
    const r = body[3]!.init as N.RangeClause;
    expect(r.kind).toBe("RangeClause");
    expect(r.def).toBe(true);
    expect(r.lhs.map(exprString)).toEqual(["k", "v"]);
    expect((body[4]!.init as N.RangeClause).lhs).toEqual([]);
  });

  it("parses type switches with a variable", () => {
    const s = mainBody(parseOk("package main\nfunc main() {\n\tswitch v := x.(type) {\n\tcase int, string:\n\tcase nil:\n\tdefault:\n\t}\n}\n"))[0] as N.SwitchStmt;
    const g = s.tag as N.TypeSwitchGuard;
    expect(g.kind).toBe("TypeSwitchGuard");
    expect(g.lhs?.value).toBe("v");
    expect(s.body.map((c) => c.cases?.length ?? null)).toEqual([2, 1, null]);
  });

  it("marks x++ as an increment with operator +", () => {
    const s = mainBody(parseOk("package main\nfunc main() {\n\tx++\n}\n"))[0] as N.AssignStmt;
    expect(s).toMatchObject({ incDec: true, op: "+", rhs: [] });
  });

  it("gives const specs in a group their iota", () => {
    const f = parseOk("package main\nconst (\n\ta = iota\n\tb\n\tc\n)\n");
    expect((f.declList as N.ConstDecl[]).map((d) => d.iota)).toEqual([0, 1, 2]);
  });

  it("splits grouped parameters into one field per name sharing the type", () => {
    const f = parseOk("package main\nfunc f(a, b int, c string) (x int, err error)\n");
    const d = f.declList[0] as N.FuncDecl;
    expect(d.type.paramList.map((p) => p.name?.value)).toEqual(["a", "b", "c"]);
    expect(d.type.paramList[0]!.type).toBe(d.type.paramList[1]!.type);
    expect(d.type.resultList.map((p) => p.name?.value)).toEqual(["x", "err"]);
  });

  it("parses methods with pointer receivers and labeled statements", () => {
    const f = parseOk("package main\nfunc (t *T) M() {\nL:\n\tfor {\n\t\tbreak L\n\t}\n}\n");
    const d = f.declList[0] as N.FuncDecl;
    expect(exprString(d.recv!.type)).toBe("*T");
    const l = d.body!.stmtList[0] as N.LabeledStmt;
    expect(l.label.value).toBe("L");
    expect(((l.stmt as N.ForStmt).body.stmtList[0] as N.BranchStmt).label?.value).toBe("L");
  });

  it("reports type parameters as not supported", () => {
    const r = parseFile("x.go", "package main\nfunc f[T any]() {}\n");
    expect(r.errors.map(formatDiagnostic)).toEqual(["x.go:2:7: type parameters not supported"]);
  });

  it("requires defer to be followed by a call", () => {
    const r = parseFile("x.go", "package main\nfunc main() {\n\tdefer x\n}\n");
    expect(r.errors.map(formatDiagnostic)).toEqual(["x.go:3:8: syntax error: expression in defer must be function call"]);
  });
});

describe("syntax errors match go build (Go 1.19)", () => {
  const files = readdirSync(testdata).filter((f) => f.endsWith(".go"));
  it.each(files)("%s", (name) => {
    const src = readFileSync(join(testdata, name), "utf8");
    const want = readFileSync(join(testdata, name.replace(/\.go$/, ".err")), "utf8").trimEnd().split("\n");
    const r = parseFile(`./${name}`, src);
    expect(r.errors.map(formatDiagnostic).join("\n").split("\n")).toEqual(want);
  });
});
