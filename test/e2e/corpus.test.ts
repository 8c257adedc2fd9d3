// The corpora themselves: every program has its expected files, and stays
// inside deferlab's Go subset as far as a textual check can tell.

import { describe, expect, it } from "vitest";
import { loadCorpus, type CorpusProgram } from "./corpus.js";

const e2e = loadCorpus("test/e2e/programs");
const classify = loadCorpus("test/classify");
const examples = loadCorpus("examples", { prefix: "examples" });

/** Source with comments and string/rune literals blanked out. */
function codeOnly(src: string): string {
  return src
    .replace(/\/\/.*$/gm, "")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""')
    .replace(/`[^`]*`/g, '""')
    .replace(/'(?:[^'\\\n]|\\.)+'/g, "'x'");
}

const outsideSubset: [RegExp, string][] = [
  [/^\s*import\b/m, "imports"],
  [/\[\][A-Za-z_*(\[]/, "slice type"],
  [/\bmap\[/, "map"],
  [/\bmake\(/, "make"],
  [/\bappend\(/, "append"],
  [/\bcopy\(/, "copy"],
  [/\bchan\b/, "channel"],
  [/\bselect\s*\{/, "select"],
  [/(^|[;{}]|\s)go\s+[A-Za-z_(]/m, "goroutine"],
  [/\bfloat(32|64)\b|\bcomplex(64|128)\b/, "float or complex type"],
  [/(?<![\w.])\d+\.\d+|(?<![\w.])\d+[eE][-+]?\d+\b/, "float literal"],
  [/\.\.\.[A-Za-z_]/, "variadic parameter"],
  [/\[[^\]]*:[^\]]*\]/, "slice expression"],
  [/\brange\s+\d/, "range over an int"],
  [/\bunsafe\b|\breflect\b|\bfmt\b|\bos\./, "standard library"],
];

function checkSubset(p: CorpusProgram) {
  const code = codeOnly(p.source);
  expect(code, p.name).toMatch(/^package main\b/m);
  expect(code, p.name).toMatch(/\bfunc main\(\)/);
  for (const [re, what] of outsideSubset) {
    const m = re.exec(code);
    expect(m, `${p.name}: ${what}: ${m?.[0]}`).toBeNull();
  }
}

describe("end-to-end corpus", () => {
  it("has at least 45 programs named NNN_name.go with unique numbers", () => {
    expect(e2e.length).toBeGreaterThanOrEqual(45);
    const numbers = e2e.map((p) => {
      expect(p.fileName).toMatch(/^\d{3}_[a-z0-9_]+\.go$/);
      return p.fileName.slice(0, 3);
    });
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it.each([...e2e, ...examples].map((p) => [p.name, p] as const))("%s has its expected files", (_name, p) => {
    expect(p.expected, "missing .stdout/.stderr/.exitcode").toBeDefined();
    expect(p.defer, "missing .defer").toBeDefined();
    expect([0, 2]).toContain(p.expected!.exitCode);
    // print and println write to stderr; the programs have nothing else.
    expect(p.expected!.stdout).toBe("");
    expect(p.expected!.stderr.includes("goroutine 1 [running]:")).toBe(p.expected!.exitCode === 2);
  });

  it.each([...e2e, ...classify, ...examples].map((p) => [p.name, p] as const))("%s stays inside the Go subset", (_name, p) => {
    checkSubset(p);
  });

  it("covers every defer kind, with and without -N", () => {
    const all = [...e2e, ...classify].map((p) => p.defer ?? "").join("");
    for (const kind of ["open-coded", "stack-allocated", "heap-allocated"]) expect(all).toContain(`: ${kind} defer`);
    expect(e2e.filter((p) => p.deferNoOpt !== undefined).length).toBeGreaterThanOrEqual(5);
  });

  it("has unrecovered panics of every runtime error kind", () => {
    const heads = e2e.filter((p) => p.expected?.exitCode === 2).map((p) => p.expected!.stderr);
    for (const msg of [
      "panic: runtime error: integer divide by zero",
      "panic: runtime error: invalid memory address or nil pointer dereference",
      "panic: runtime error: index out of range",
      "panic: interface conversion:",
    ]) {
      expect(heads.some((h) => h.includes(msg)), msg).toBe(true);
    }
  });
});

describe("classification cases", () => {
  it("has at least 20 cases, each with .defer and .N.defer", () => {
    expect(classify.length).toBeGreaterThanOrEqual(20);
    for (const c of classify) {
      expect(c.defer, c.fileName).toBeDefined();
      expect(c.deferNoOpt, c.fileName).toBeDefined();
      expect(c.deferNoOpt, `${c.fileName}: -N never open-codes`).not.toContain("open-coded");
    }
  });
});

describe("the subset check itself", () => {
  it("catches what it is meant to catch", () => {
    const bad = [
      'package main\nimport "fmt"\nfunc main() {}',
      "package main\nfunc main() { var s []int; _ = s }",
      "package main\nfunc main() { m := map[int]int{}; _ = m }",
      "package main\nfunc main() { go f() }\nfunc f() {}",
      "package main\nfunc main() { x := 1.5; _ = x }",
      "package main\nfunc main() { x := 2e3; _ = x }",
      "package main\nfunc main() { var a [3]int; _ = a[1:] }",
      "package main\nfunc f(a ...int) {}\nfunc main() {}",
    ];
    for (const source of bad) {
      expect(() => checkSubset({ name: "bad.go", fileName: "bad.go", path: "", source })).toThrow();
    }
    const good = 'package main\n// import "fmt" in a comment, []int too\nfunc main() { s := "[]x map[ 1.5 go f()"; var a [2]struct{ f int }; println(s[1], len(s), a[0].f, 0x1e5) }';
    checkSubset({ name: "good.go", fileName: "good.go", path: "", source: good });
  });
});
