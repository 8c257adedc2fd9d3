// `deferlab run` as a user runs it: the CLI in its own process, programs in
// its worker thread on the real runtime core. The expected output of
// programs/deep_defer.go is what Go 1.19 printed; the stack overflow cases
// check the lines of Go's report that hold no addresses.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const repoRoot = new URL("../../", import.meta.url);
const program = (name: string) => new URL(`programs/${name}`, import.meta.url).pathname;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI from its TypeScript sources. DEFERLAB_STRESS_STACK is taken
 * out of the inherited environment, so that a suite run in stress mode does
 * not turn the deep recursions here into millions of stack moves.
 */
function deferlab(args: string[], env: Record<string, string> = {}): Run {
  const { DEFERLAB_STRESS_STACK: _, ...inherited } = process.env;
  const r = spawnSync(process.execPath, ["--import", "tsx", "host/cli.ts", ...args], {
    cwd: repoRoot,
    env: { ...inherited, ...env },
    encoding: "utf8",
    timeout: 50_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const usageError = (message: string) => `deferlab: ${message}\nRun 'deferlab help' for usage.\n`;

/** No JavaScript error name or stack frame ("    at f (file:1:2)") reaches the user. */
function expectNoJavaScriptError(r: Run): void {
  expect(r.stderr).not.toMatch(/RangeError|TypeError|Error:|^\s+at /m);
}

describe("deferlab help", () => {
  it("documents the stack flags and the stress environment variable", () => {
    const r = deferlab(["help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--max-stack=BYTES   the goroutine stack limit (default 1000000000, as Go's)");
    expect(r.stdout).toContain("--stack-size=BYTES");
    expect(r.stdout).toContain("--stress-stack");
    expect(r.stdout).toContain("DEFERLAB_STRESS_STACK=1   as --stress-stack");
  });
});

describe("deferlab run: stack flags", () => {
  const endless = program("endless.go");

  it.each([
    [["--max-stack=abc"], "invalid --max-stack=abc: want a whole number of bytes from 1 to 4294967295 (Go's default is 1000000000)"],
    [["--max-stack=0"], "invalid --max-stack=0: want a whole number of bytes from 1 to 4294967295 (Go's default is 1000000000)"],
    [["--max-stack=-1"], "invalid --max-stack=-1: want a whole number of bytes from 1 to 4294967295 (Go's default is 1000000000)"],
    [["--max-stack=4294967296"], "invalid --max-stack=4294967296: want a whole number of bytes from 1 to 4294967295 (Go's default is 1000000000)"],
    [["--max-stack"], "flag needs a value: --max-stack=BYTES"],
    [["--stack-size=3000"], "invalid --stack-size=3000: want a power of two from 2048 to 2147483648 bytes, as Go's stacks are (such as 8192)"],
    [["--stack-size=1024"], "invalid --stack-size=1024: want a power of two from 2048 to 2147483648 bytes, as Go's stacks are (such as 8192)"],
    [["--stack-size=16384", "--max-stack=8192"], "--stack-size=16384 with --max-stack=8192: the initial stack of 16384 bytes exceeds the 8192-byte limit"],
  ])("rejects %j", (flags, message) => {
    const r = deferlab(["run", ...flags, endless]);
    expect(r).toEqual({ status: 2, stdout: "", stderr: usageError(message) });
  });

  it("rejects a DEFERLAB_STRESS_STACK that is neither 1 nor 0", () => {
    const r = deferlab(["run", endless], { DEFERLAB_STRESS_STACK: "yes" });
    expect(r).toEqual({ status: 2, stdout: "", stderr: usageError("invalid DEFERLAB_STRESS_STACK=yes: want 1 (on) or 0 (off)") });
  });

  it("takes the stack flags for run only", () => {
    const r = deferlab(["build", "--max-stack=65536", endless]);
    expect(r).toEqual({ status: 2, stdout: "", stderr: usageError("flag provided but not defined: --max-stack=65536") });
  });

  it("--max-stack lowers the limit Go's report names", () => {
    const r = deferlab(["run", "--max-stack=65536", endless]);
    expect(r.status).toBe(2);
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe("runtime: goroutine stack exceeds 65536-byte limit");
    expect(lines[1]).toMatch(/^runtime: sp=0x[0-9a-f]+ stack=\[0x[0-9a-f]+, 0x[0-9a-f]+\]$/);
    expect(lines[2]).toBe("fatal error: stack overflow");
    expect(r.stderr).toContain("\ngoroutine 1 [running]:\nmain.endless(");
    expectNoJavaScriptError(r);
  });

  it("--stress-stack and DEFERLAB_STRESS_STACK=1 reach the core", () => {
    // Runs are deterministic, so the stack that overflows sits at the same
    // address each time, unless stress mode has moved it to a new one at
    // every call on the way down.
    const stackLine = (r: Run) => r.stderr.split("\n")[1];
    const normal = deferlab(["run", "--max-stack=65536", endless]);
    const off = deferlab(["run", "--max-stack=65536", endless], { DEFERLAB_STRESS_STACK: "0" });
    const flag = deferlab(["run", "--max-stack=65536", "--stress-stack", endless]);
    const env = deferlab(["run", "--max-stack=65536", endless], { DEFERLAB_STRESS_STACK: "1" });
    for (const r of [off, flag, env]) expect(r.status).toBe(2);
    expect(stackLine(off)).toBe(stackLine(normal));
    expect(stackLine(flag)).not.toBe(stackLine(normal));
    expect(stackLine(env)).toBe(stackLine(flag));
  });
});

describe("deferlab run: deep recursion", () => {
  const deep = program("deep_defer.go");
  const expected = (ext: string) => readFileSync(program(`deep_defer.${ext}`), "utf8");

  it("runs 100000 frames with a defer at each level as Go does", () => {
    const r = deferlab(["run", deep]);
    expect(r).toEqual({ status: Number(expected("exitcode")), stdout: expected("stdout"), stderr: expected("stderr") });
  });

  it("runs it from a large initial stack too", () => {
    const r = deferlab(["run", "--stack-size=67108864", deep]);
    expect(r).toEqual({ status: 0, stdout: expected("stdout"), stderr: expected("stderr") });
  });

  it("stops at Go's 1000000000-byte limit with Go's report", () => {
    const r = deferlab(["run", program("stack_limit.go")]);
    expect(r.status).toBe(2);
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe("runtime: goroutine stack exceeds 1000000000-byte limit");
    expect(lines[2]).toBe("fatal error: stack overflow");
    expect(r.stderr).toContain("\ngoroutine 1 [running]:\nmain.grow(");
    expectNoJavaScriptError(r);
  });

  it("ends in a clean fatal error when the engine's stack runs out first", () => {
    const r = deferlab(["run", "--max-stack=4294967295", program("endless.go")]);
    expect(r).toEqual({
      status: 2,
      stdout: "",
      stderr: "runtime: goroutine stack exceeds the JavaScript engine's stack limit\nfatal error: stack overflow\n",
    });
  });
});
