// `deferlab test` as a user runs it: the CLI in its own process, the tests
// in its worker thread. Exit statuses are go test's: 0 when the package
// passes (or has no test files), 1 when a test fails or panics, 2 when the
// build fails or a flag is wrong; a missing package is 1. The packages are
// test/testing's, whose full output that suite compares with Go's; here the
// output is parsed back for what the flags should have done.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = new URL("../../", import.meta.url).pathname;
const PROGRAMS = "test/testing/programs";

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `deferlab test ARGS` from the TypeScript sources, in the repository. */
function deferlabTest(args: string[]): Run {
  const r = spawnSync(process.execPath, ["--import", "tsx", "host/cli.ts", "test", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 50_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const usageError = (message: string) => `deferlab: ${message}\nRun 'deferlab help' for usage.\n`;

/** go test's last line for a package that passed, with its time. */
const OK_LINE = /^ok {2}\t(\S+)\t\d+\.\d{3}s( \[no tests to run\])?$/;
/** A benchmark result line as benchstat reads it. */
const BENCH_LINE = /^(Benchmark\S*)\s*\t\s*(\d+)\t\s*(\d+(?:\.\d+)?) ns\/op$/;
/** -v's report of one test. */
const REPORT_LINE = /^\s*--- (PASS|FAIL|SKIP): (\S+) \(\d+\.\d\ds\)$/;

function lines(s: string): string[] {
  return s.split("\n").filter((l) => l !== "");
}

/** The tests -v reported, with their outcomes, in order. */
function reports(stdout: string): string[] {
  return lines(stdout).flatMap((l) => {
    const m = REPORT_LINE.exec(l);
    return m ? [`${m[1]} ${m[2]}`] : [];
  });
}

const scratch = mkdtempSync(join(tmpdir(), "deferlab-test-cmd-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A package directory in the scratch space with the given files. */
function writePackage(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, source] of Object.entries(files)) writeFileSync(join(dir, file), source);
  return dir;
}

describe("deferlab test: exit status and the last lines", () => {
  it("passes with 0 and go test's ok line only, the passing tests' output dropped", () => {
    const r = deferlabTest(["-run=AllPass", `${PROGRAMS}/subtests`]);
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toHaveLength(1);
    expect(OK_LINE.exec(r.stdout.trim())?.[1]).toBe(`${PROGRAMS}/subtests`);
    expect(r.stderr).toBe("");
  });

  it("fails with 1, the failures' reports and go test's FAIL lines", () => {
    const r = deferlabTest([`${PROGRAMS}/outcomes`]);
    expect(r.status).toBe(1);
    expect(lines(r.stdout).filter((l) => l.startsWith("--- FAIL"))).toHaveLength(4);
    expect(lines(r.stdout).slice(-3)).toEqual(["FAIL", expect.stringMatching(/^FAIL\ttest\/testing\/programs\/outcomes\t\d+\.\d{3}s$/), "FAIL"]);
  });

  it("reports a panicking test as go test does, with go test's status 1", () => {
    const r = deferlabTest(["-run=LogsThenPanics", "--backend=ts", `${PROGRAMS}/panics`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("--- FAIL: TestLogsThenPanics (");
    expect(r.stdout).toContain("\npanic: boom [recovered]\n\tpanic: boom\n\ngoroutine ");
    expect(r.stdout).not.toContain("exit status");
  });

  it("prints exit status 2 for a panic when -bench streams the output", () => {
    const r = deferlabTest(["-run=LogsThenPanics", "-bench=.", "-benchtime=1x", `${PROGRAMS}/panics`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\nexit status 2\nFAIL\t\S+\t\d+\.\d{3}s\nFAIL\n$/);
  });

  it("fails the build with 2: errors on stderr under the test package, FAIL on stdout", () => {
    const dir = writePackage("badbuild", { "a_test.go": 'package a\n\nimport "testing"\n\nfunc TestA(t *testing.T) {\n\tt.Parallel()\n}\n' });
    const r = deferlabTest([dir]);
    expect(r).toEqual({
      status: 2,
      stdout: `FAIL\t${dir} [build failed]\nFAIL\n`,
      stderr: `# ${dir} [${dir}.test]\n${dir}/a_test.go:6:4: t.Parallel not supported: tests run one at a time\n`,
    });
  });

  it("passes a package without test files with go test's ? line", () => {
    const dir = writePackage("notests", { "a.go": "package a\n\nfunc F() int { return 1 }\n" });
    expect(deferlabTest([dir])).toEqual({ status: 0, stdout: `?   \t${dir}\t[no test files]\n`, stderr: "" });
  });

  it("fails with 1 for a directory without Go files and for a missing one", () => {
    const empty = writePackage("empty", {});
    expect(deferlabTest([empty])).toEqual({ status: 1, stdout: "", stderr: `deferlab: no Go files in ${empty}\n` });
    const missing = join(scratch, "missing");
    expect(deferlabTest([missing])).toEqual({ status: 1, stdout: "", stderr: `deferlab: cannot read ${missing}: no such file or directory\n` });
  });
});

describe("deferlab test: flags", () => {
  it.each([
    [["-bogus"], "flag provided but not defined: -bogus"],
    [["-count=0"], "invalid -count=0: want a count of 1 or more"],
    [["-count=x"], "invalid -count=x: want a count of 1 or more"],
    [["-benchtime=fast"], 'invalid -benchtime=fast: invalid duration "fast"'],
    [["-benchtime=0x"], "invalid -benchtime=0x: invalid count: 0x"],
    [["-v=maybe"], 'invalid boolean value "maybe" for -v=maybe'],
    [["--backend=js"], "invalid backend js: want wasm or ts"],
    [["-run=Test/("], expect.stringMatching(/^-run=Test\/\(: invalid regexp for element 1 of -test\.run \("\("\): /)],
  ])("rejects %j with exit status 2 and a usage hint", (flags, message) => {
    const r = deferlabTest([...flags, `${PROGRAMS}/subtests`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    if (typeof message === "string") expect(r.stderr).toBe(usageError(message));
    else expect(r.stderr.split("\n")[0]!.replace(/^deferlab: /, "")).toEqual(message);
    expect(r.stderr).toContain("Run 'deferlab help' for usage.");
  });

  it("needs a value for -run at the end, and a package", () => {
    expect(deferlabTest([`${PROGRAMS}/subtests`, "-run"]).stderr).toBe(usageError("flag needs a value: -run"));
    expect(deferlabTest([]).stderr).toBe(usageError("test needs a package directory or a _test.go file"));
  });

  it("-run selects tests and subtests, element by element", () => {
    const r = deferlabTest(["-v", "-run", "Outcomes/nested/ok", `${PROGRAMS}/subtests`]);
    expect(r.status).toBe(0);
    expect(reports(r.stdout)).toEqual(["PASS TestOutcomes", "PASS TestOutcomes/nested", "PASS TestOutcomes/nested/ok"]);
  });

  it("-count=N runs each test N times, naming subtests afresh each time", () => {
    const r = deferlabTest(["-v", "-count=3", "-run=AllPass", `${PROGRAMS}/subtests`]);
    expect(r.status).toBe(0);
    const round = ["PASS TestAllPass", "PASS TestAllPass/x", "PASS TestAllPass/y", "PASS TestAllPass/x#01"];
    expect(reports(r.stdout)).toEqual([...round, ...round, ...round]);
  });

  it("-benchtime=Nx runs each benchmark N times; a parent with sub-benchmarks prints no line", () => {
    const r = deferlabTest(["-run=^$", "-bench=Sizes|Nested/a", "-benchtime=7x", `${PROGRAMS}/subbench`]);
    expect(r.status).toBe(0);
    const results = lines(r.stdout).flatMap((l) => {
      const m = BENCH_LINE.exec(l);
      return m ? [[m[1], Number(m[2])]] : [];
    });
    expect(results).toEqual([
      ["BenchmarkSizes/small", 7],
      ["BenchmarkSizes/large_one", 7],
      ["BenchmarkSizes/small#01", 7],
      ["BenchmarkNested/a_much_longer_name_that_widens_the_column", 7],
    ]);
    expect(lines(r.stdout).slice(0, 3)).toEqual(["goos: js", "goarch: wasm", `pkg: ${PROGRAMS}/subbench`]);
    expect(OK_LINE.test(lines(r.stdout).at(-1)!)).toBe(true);
  });
});
