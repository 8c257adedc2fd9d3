import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  compareRun,
  frameFunctionName,
  normalizeDeferDiagnostics,
  splitStderr,
  type ProgramOutput,
} from "./compare.js";

const here = dirname(fileURLToPath(import.meta.url));
const programsDir = join(here, "programs");

function expectedOf(stem: string): ProgramOutput {
  const read = (ext: string) => readFileSync(join(programsDir, `${stem}.${ext}`), "utf8");
  return { stdout: read("stdout"), stderr: read("stderr"), exitCode: Number(read("exitcode").trim()) };
}

const corpus = readdirSync(programsDir)
  .filter((f) => f.endsWith(".go"))
  .map((f) => f.slice(0, -3))
  .sort();

/**
 * Rewrites a real Go traceback the way another faithful implementation could
 * print it: different paths, PCs and argument values, no `[signal` line and
 * no runtime frames.
 */
function rewriteTraceback(stderr: string): string {
  const lines = stderr.split("\n");
  const out: string[] = [];
  let inTrace = false;
  let skipFileLine = false;
  for (const line of lines) {
    if (!inTrace) {
      if (line.startsWith("[signal ")) continue;
      out.push(line);
      if (line === "goroutine 1 [running]:") inTrace = true;
      continue;
    }
    if (line.startsWith("\t")) {
      if (!skipFileLine) out.push(line.replace(/^\t.*\/([^/]+\.go):(\d+).*$/, "\t/elsewhere/$1:$2 +0x1"));
      skipFileLine = false;
      continue;
    }
    if (line === "") {
      out.push(line);
      continue;
    }
    const name = frameFunctionName(line);
    if (name === undefined || !name.startsWith("main.")) {
      skipFileLine = true;
      continue;
    }
    out.push(`${name}(0x7)`);
  }
  return out.join("\n");
}

const TRACE_040 = `level2 recovered a
level1 deferred call, no recover
panic: a [recovered]
\tpanic: b
\tpanic: c

goroutine 1 [running]:
main.level1.func1()
\t/tmp/x/040.go:22 +0x45
panic({0x45c500, 0x47b8c8})
\t/usr/lib/go-1.19/src/runtime/panic.go:884 +0x212
main.level2.func1()
\t/tmp/x/040.go:14 +0x85
panic({0x45c500, 0x47b8b8})
\t/usr/lib/go-1.19/src/runtime/panic.go:884 +0x212
main.level3(...)
\t/tmp/x/040.go:7
main.level2()
\t/tmp/x/040.go:16 +0x4a
main.level1()
\t/tmp/x/040.go:24 +0x3b
main.main()
\t/tmp/x/040.go:28 +0x17
`;

const NIL_DEREF = `first 1
panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x457cd8]

goroutine 1 [running]:
main.(*List).Second(...)
\t/tmp/x/026.go:15
main.main()
\t/tmp/x/026.go:21 +0x78
`;

describe("frameFunctionName", () => {
  it("strips argument lists of every shape Go prints", () => {
    expect(frameFunctionName("main.main()")).toBe("main.main");
    expect(frameFunctionName("main.f(...)")).toBe("main.f");
    expect(frameFunctionName("main.g(0x1?)")).toBe("main.g");
    expect(frameFunctionName("main.(*Engine).stall(0x464bc6?)")).toBe("main.(*Engine).stall");
    expect(frameFunctionName("main.Car.Drive({0x45ed80?}, 0x5)")).toBe("main.Car.Drive");
    expect(frameFunctionName("main.race({0x47bd18?, 0xc000018088?})")).toBe("main.race");
    expect(frameFunctionName("main.pay(0xc000036758, {0x1e, 0x32, 0x28})")).toBe("main.pay");
    expect(frameFunctionName("main.g.func3()")).toBe("main.g.func3");
    expect(frameFunctionName("main.main.func1.2(0x1, ...)")).toBe("main.main.func1.2");
    expect(frameFunctionName("panic({0x45c500, 0x47b8c8})")).toBe("panic");
    expect(frameFunctionName("runtime.gopanic({0x45c500, 0x47b8c8})")).toBe("runtime.gopanic");
  });

  it("rejects lines that are not frame lines", () => {
    expect(frameFunctionName("\t/tmp/x/a.go:12 +0x3b")).toBeUndefined();
    expect(frameFunctionName("")).toBeUndefined();
    expect(frameFunctionName("...additional frames elided...")).toBeUndefined();
    expect(frameFunctionName("created by main.main")).toBeUndefined();
    expect(frameFunctionName("exit status 2")).toBeUndefined();
    expect(frameFunctionName("goroutine 1 [running]:")).toBeUndefined();
  });
});

describe("splitStderr", () => {
  it("separates the exact head from the main. frames", () => {
    const s = splitStderr(TRACE_040);
    expect(s.hasTraceback).toBe(true);
    expect(s.head).toBe(
      "level2 recovered a\nlevel1 deferred call, no recover\npanic: a [recovered]\n\tpanic: b\n\tpanic: c\n\n",
    );
    expect(s.frames).toEqual(["main.level1.func1", "main.level2.func1", "main.level3", "main.level2", "main.level1", "main.main"]);
  });

  it("drops [signal lines from the head", () => {
    const s = splitStderr(NIL_DEREF);
    expect(s.head).toBe("first 1\npanic: runtime error: invalid memory address or nil pointer dereference\n\n");
    expect(s.frames).toEqual(["main.(*List).Second", "main.main"]);
  });

  it("keeps the whole text as head when there is no traceback", () => {
    const s = splitStderr("a\nb\n");
    expect(s).toEqual({ head: "a\nb\n", hasTraceback: false, frames: [] });
  });
});

describe("compareRun", () => {
  const ok: ProgramOutput = { stdout: "", stderr: "hello\nworld\n", exitCode: 0 };

  it("accepts identical output", () => {
    expect(compareRun(ok, { ...ok })).toEqual({ ok: true, diff: "" });
  });

  it("compares the exit code exactly", () => {
    const r = compareRun(ok, { ...ok, exitCode: 2 });
    expect(r.ok).toBe(false);
    expect(r.diff).toContain("exit code: expected 0, got 2");
  });

  it("compares stdout exactly", () => {
    expect(compareRun(ok, { ...ok, stdout: "x\n" }).ok).toBe(false);
    const r = compareRun({ ...ok, stdout: "x\n" }, { ...ok, stdout: "x" });
    expect(r.ok).toBe(false);
    expect(r.diff).toContain("stdout");
  });

  it("compares stderr exactly when there is no traceback", () => {
    const r = compareRun(ok, { ...ok, stderr: "hello\nWorld\n" });
    expect(r.ok).toBe(false);
    expect(r.diff).toContain("- world");
    expect(r.diff).toContain("+ World");
    expect(compareRun(ok, { ...ok, stderr: "hello\nworld" }).diff).toContain("final newline missing");
    expect(compareRun(ok, { ...ok, stderr: "hello\nworld\n\n" }).ok).toBe(false);
    expect(compareRun(ok, { ...ok, stderr: "hello\n world\n" }).ok).toBe(false);
  });

  it("accepts the same traceback with other paths, PCs, arguments and runtime frames", () => {
    const actual = `level2 recovered a
level1 deferred call, no recover
panic: a [recovered]
\tpanic: b
\tpanic: c

goroutine 1 [running]:
main.level1.func1()
\t040.go:22 +0x1
main.level2.func1()
\t040.go:14 +0x2
main.level3()
\t040.go:7 +0x3
runtime.something(0x1)
\truntime/x.go:1 +0x9
main.level2()
\t040.go:16
main.level1()
\t040.go:25
main.main()
\t040.go:28
`;
    const exp = { stdout: "", stderr: TRACE_040, exitCode: 2 };
    expect(compareRun(exp, { stdout: "", stderr: actual, exitCode: 2 })).toEqual({ ok: true, diff: "" });
  });

  it("ignores [signal lines on either side", () => {
    const exp = { stdout: "", stderr: NIL_DEREF, exitCode: 2 };
    const withoutSignal = NIL_DEREF.replace(/^\[signal .*\n/m, "");
    expect(compareRun(exp, { ...exp, stderr: withoutSignal }).ok).toBe(true);
    const otherSignal = NIL_DEREF.replace(/^\[signal .*$/m, "[signal SIGSEGV: segmentation violation code=0x2 addr=0x8 pc=0x1]");
    expect(compareRun(exp, { ...exp, stderr: otherSignal }).ok).toBe(true);
  });

  it("rejects a missing, extra or reordered main. frame", () => {
    const exp = { stdout: "", stderr: TRACE_040, exitCode: 2 };
    const missing = TRACE_040.replace("main.level3(...)\n\t/tmp/x/040.go:7\n", "");
    const r = compareRun(exp, { ...exp, stderr: missing });
    expect(r.ok).toBe(false);
    expect(r.diff).toContain("traceback main. frames");
    expect(r.diff).toContain("- main.level3");

    const extra = TRACE_040.replace("main.main()\n", "main.wrapper()\n\t/tmp/x/040.go:1\nmain.main()\n");
    expect(compareRun(exp, { ...exp, stderr: extra }).ok).toBe(false);

    const swapped = TRACE_040.replace("main.level2()", "main.levelX()").replace("main.level1()", "main.level2()").replace("main.levelX()", "main.level1()");
    expect(compareRun(exp, { ...exp, stderr: swapped }).ok).toBe(false);
  });

  it("rejects a wrong panic message or a missing [recovered] mark", () => {
    const exp = { stdout: "", stderr: TRACE_040, exitCode: 2 };
    const r = compareRun(exp, { ...exp, stderr: TRACE_040.replace("panic: a [recovered]", "panic: a") });
    expect(r.ok).toBe(false);
    expect(r.diff).toContain("stderr (before the traceback) differs at line 3");
    expect(compareRun(exp, { ...exp, stderr: TRACE_040.replace("\tpanic: c\n", "") }).ok).toBe(false);
  });

  it("requires a traceback exactly when Go printed one", () => {
    const exp = { stdout: "", stderr: NIL_DEREF, exitCode: 2 };
    const head = "first 1\npanic: runtime error: invalid memory address or nil pointer dereference\n\n";
    const r = compareRun(exp, { ...exp, stderr: head });
    expect(r.ok).toBe(false);
    expect(r.diff).toContain("expected a traceback");
    const r2 = compareRun({ ...exp, stderr: head }, exp);
    expect(r2.ok).toBe(false);
    expect(r2.diff).toContain("unexpected traceback");
  });

  it("reports every problem at once", () => {
    const r = compareRun(ok, { stdout: "out", stderr: "nope\n", exitCode: 1 });
    expect(r.ok).toBe(false);
    expect(r.diff.split("\n").filter((l) => /differs|exit code/.test(l))).toHaveLength(3);
  });
});

describe("compareRun on the corpus's real Go outputs", () => {
  it.each(corpus)("%s matches itself", (stem) => {
    const exp = expectedOf(stem);
    expect(compareRun(exp, { ...exp })).toEqual({ ok: true, diff: "" });
  });

  const withTraceback = corpus.filter((stem) => expectedOf(stem).stderr.includes("goroutine 1 [running]:"));

  it("has programs with tracebacks", () => {
    expect(withTraceback.length).toBeGreaterThanOrEqual(15);
  });

  it.each(withTraceback)("%s: a rewritten traceback with the same main. frames matches", (stem) => {
    const exp = expectedOf(stem);
    const rewritten = rewriteTraceback(exp.stderr);
    expect(rewritten).not.toBe(exp.stderr);
    expect(compareRun(exp, { ...exp, stderr: rewritten })).toEqual({ ok: true, diff: "" });
  });

  it.each(withTraceback)("%s: dropping the innermost main. frame is caught", (stem) => {
    const exp = expectedOf(stem);
    const frames = splitStderr(exp.stderr).frames;
    expect(frames.length).toBeGreaterThan(0);
    const lines = exp.stderr.split("\n");
    const at = lines.findIndex((l, i) => i > lines.indexOf("goroutine 1 [running]:") && frameFunctionName(l) === frames[0]);
    lines.splice(at, 2);
    const r = compareRun(exp, { ...exp, stderr: lines.join("\n") });
    expect(r.ok).toBe(false);
    expect(r.diff).toContain("traceback main. frames");
  });

  it("every traceback ends in main.main or an init function the runtime called, unless Go cut it short", () => {
    for (const stem of withTraceback) {
      const frames = splitStderr(expectedOf(stem).stderr).frames;
      if (stem.includes("deep_traceback")) {
        expect(frames.every((f) => f === "main.down")).toBe(true);
      } else {
        expect(frames[frames.length - 1], stem).toMatch(/^main\.(main|init(\.\d+)?)$/);
      }
    }
  });
});

describe("normalizeDeferDiagnostics", () => {
  const goOutput = `# command-line-arguments
./005_order.go:24:2: open-coded defer
./005_order.go:19:2: open-coded defer
./005_order.go:31:2: heap-allocated defer
./005_order.go:26:9: stack-allocated defer
./005_order.go:26:2: stack-allocated defer
`;
  const normal = `005_order.go:19:2: open-coded defer
005_order.go:24:2: open-coded defer
005_order.go:26:2: stack-allocated defer
005_order.go:26:9: stack-allocated defer
005_order.go:31:2: heap-allocated defer
`;

  it("normalises go build output: drops the package header, strips the directory, sorts", () => {
    expect(normalizeDeferDiagnostics(goOutput, "005_order.go")).toBe(normal);
  });

  it("accepts any directory and an array of debug lines", () => {
    const lines = [
      "/work/x/test/e2e/programs/005_order.go:31:2: heap-allocated defer",
      "005_order.go:26:2: stack-allocated defer",
      "C:\\go\\src\\005_order.go:26:9: stack-allocated defer",
      "programs/005_order.go:24:2: open-coded defer",
      "005_order.go:19:2: open-coded defer",
    ];
    expect(normalizeDeferDiagnostics(lines, "005_order.go")).toBe(normal);
    expect(normalizeDeferDiagnostics(lines, "/some/where/005_order.go")).toBe(normal);
  });

  it("keeps only defer classification lines of the named file", () => {
    const text = [
      "005_order.go:19:2: open-coded defer",
      "other.go:3:2: open-coded defer",
      "005_order.go:20:2: inlining call to f",
      "005_order.go:21:2: open-coded defer (extra)",
      "005_order.go:22:1: ABI0 wrapper for main.f",
    ].join("\n");
    expect(normalizeDeferDiagnostics(text, "005_order.go")).toBe("005_order.go:19:2: open-coded defer\n");
  });

  it("gives an empty string when there are no defers", () => {
    expect(normalizeDeferDiagnostics("# command-line-arguments\n", "a.go")).toBe("");
    expect(normalizeDeferDiagnostics([], "a.go")).toBe("");
  });

  it("is idempotent on every committed .defer file", () => {
    const dirs = [programsDir, join(here, "..", "classify"), join(here, "..", "..", "examples")];
    let count = 0;
    for (const dir of dirs) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith(".defer"))) {
        const goFile = f.replace(/(\.N)?\.defer$/, ".go");
        const text = readFileSync(join(dir, f), "utf8");
        expect(normalizeDeferDiagnostics(text, goFile), f).toBe(text);
        count++;
      }
    }
    expect(count).toBeGreaterThan(60);
  });
});
