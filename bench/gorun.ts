// The suite under real Go, natively and as GOOS=js GOARCH=wasm on this same
// Node (through go-wasm-exec.mjs and the installed Go's own wasm_exec.js),
// parsed into records.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseBenchOutput, type BenchOutput } from "./parse.js";
import { runCommand, Unavailable } from "./proc.js";

/** The package of the suite: bench/go, with its go.mod. */
export const SUITE_DIR = fileURLToPath(new URL("./go/", import.meta.url));
const WASM_EXEC = fileURLToPath(new URL("./go-wasm-exec.mjs", import.meta.url));

export interface BenchFlags {
  /** -bench: which benchmarks, a regular expression (default "."). */
  bench?: string;
  /** -benchtime: a duration (1s, 100ms) or an iteration count (100x). */
  benchtime?: string;
  /** -count: runs of each benchmark. */
  count?: number;
  benchmem?: boolean;
}

export interface GoRunOptions extends BenchFlags {
  /** The package directory (default: the suite). */
  dir?: string;
  /** Each line of the output as it arrives. */
  onLine?: (line: string) => void;
}

export interface GoRun {
  text: string;
  output: BenchOutput;
}

/** The installed Go's GOROOT, or undefined when no `go` is on the PATH. */
export function goroot(): string | undefined {
  const r = spawnSync("go", ["env", "GOROOT"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** `go version`'s version word (go1.19.8), or undefined without Go. */
export function goVersion(): string | undefined {
  const r = spawnSync("go", ["version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.split(" ")[2] : undefined;
}

/** The flags in `go test`'s spelling; the test binary takes them with a `test.` prefix. */
export function benchArgs(flags: BenchFlags, prefix = ""): string[] {
  const args = [`-${prefix}run=^$`, `-${prefix}bench=${flags.bench ?? "."}`];
  if (flags.benchtime !== undefined) args.push(`-${prefix}benchtime=${flags.benchtime}`);
  if (flags.count !== undefined) args.push(`-${prefix}count=${flags.count}`);
  if (flags.benchmem) args.push(`-${prefix}benchmem`);
  return args;
}

function finish(what: string, r: { code: number; stdout: string; stderr: string }): GoRun {
  const output = parseBenchOutput(r.stdout);
  if (r.code !== 0 || !output.passed) {
    throw new Error(`${what} failed (exit ${r.code}):\n${r.stderr}${r.stdout}`);
  }
  return { text: r.stdout, output };
}

/** `go test -bench` natively. */
export async function runGoNative(opts: GoRunOptions = {}): Promise<GoRun> {
  if (goroot() === undefined) throw new Unavailable("no go on the PATH");
  const r = await runCommand("go", ["test", ...benchArgs(opts)], { cwd: opts.dir ?? SUITE_DIR, onLine: opts.onLine });
  return finish("go test", r);
}

/**
 * The test binary built for GOOS=js GOARCH=wasm and run on this Node, as
 * `go test -exec go_js_wasm_exec` would run it.
 */
export async function runGoWasm(opts: GoRunOptions = {}): Promise<GoRun> {
  const root = goroot();
  if (root === undefined) throw new Unavailable("no go on the PATH");
  const tmp = mkdtempSync(join(tmpdir(), "deferlab-gowasm-"));
  try {
    const binary = join(tmp, "bench.test.wasm");
    const env = { ...process.env, GOOS: "js", GOARCH: "wasm" };
    const build = await runCommand("go", ["test", "-c", "-o", binary], { cwd: opts.dir ?? SUITE_DIR, env });
    if (build.code !== 0) throw new Error(`GOOS=js GOARCH=wasm go test -c failed:\n${build.stderr}`);
    const r = await runCommand(process.execPath, [WASM_EXEC, root, binary, ...benchArgs(opts, "test.")], {
      cwd: opts.dir ?? SUITE_DIR,
      onLine: opts.onLine,
    });
    return finish("the GOOS=js GOARCH=wasm test binary", r);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
