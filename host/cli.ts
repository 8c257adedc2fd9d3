#!/usr/bin/env node
// The deferlab command, shaped like the go command: `run`, `build`, with
// compiler flags given directly (-N, -d=defer) or through -gcflags.

import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileGo, defaultRuntimeWasm, type Backend, type CompileOptions } from "./index.js";
import { MACHINE_ARCHS } from "../arch/archs.js";
import { compileTest } from "./compiler/compile.js";
import { checkPattern, parseBenchTime, type TestFlags } from "./testing/driver.js";
import { maxStackSizeProblem, stackSizeProblem, stackSizesProblem } from "./loader.js";
import { runInWorker, WORKER_STACK_MB } from "./node/run-in-worker.js";
import { defaultOutput, takeTargetFlags } from "./cli/target.js";
import { formatObjdump } from "./cli/objdump.js";
import type { CompileResult } from "./compiler/compile.js";

const USAGE = `deferlab is a tool for running and studying Go's defer, panic and recover.

Usage:

	deferlab <command> [arguments]

The commands are:

	bench       run the benchmark suite on both cores and on real Go, side by side
	build       compile a Go program to WebAssembly, or to an ELF object for another GOARCH
	objdump     list a Go program's machine code as go tool objdump does, the defer machinery marked
	run         compile and run a Go program
	test        compile a package's tests and run them, as go test

Test: deferlab test [flags] DIR|FILE_test.go

	-run=RE             run the tests whose names match RE (default all); a
	                    slash separates patterns for subtests: -run=TestX/case
	-bench=RE           run the benchmarks whose names match RE (default none)
	-benchtime=1s|100x  run each benchmark for a time or a number of iterations
	-count=N            run each test and benchmark N times
	-benchmem           print B/op and allocs/op for every benchmark
	-v                  print each test's name, log and result as it runs
	--backend=wasm|ts   the runtime core to run on (default wasm)

Build flags (build and run):

	-N              disable optimizations (no open-coded defers)
	-d=defer        print the kind of each defer statement
	-d=abiwrap      print the ABI wrappers generated
	-gcflags=FLAGS  compiler flags as one argument, as with go build
	-o FILE         (build) write the program to FILE (default: NAME.wasm, NAME.o for machine code)

Target flags (build and objdump):

	--arch=GOARCH   wasm (build's default, a module that runs) or machine code to
	                inspect: ${[...MACHINE_ARCHS.keys()].join(", ")} (objdump's default: amd64)
	--protocol=P    how a frame that recovered resumes (seed 000): deferreturn-pc
	                (default: at entry+deferreturn) or return1 (deferproc returns 1
	                and the caller branches to its deferreturn call)
	-s REGEXP       (objdump) only the functions whose names match

Run flags:

	--backend=wasm|ts   the runtime core to run on (default wasm)
	--max-stack=BYTES   the goroutine stack limit (default 1000000000, as Go's)
	--stack-size=BYTES  the initial goroutine stack, a power of two from 2048
	                    (default: the size linked into the program)
	--stress-stack      move the goroutine stack at every prologue check, so a
	                    pointer into the stack the runtime fails to adjust shows up

Environment:

	DEFERLAB_STRESS_STACK=1   as --stress-stack (0 or unset: off)

Programs run in a worker thread with a ${WORKER_STACK_MB} MiB stack, so that Go recursion
100000 frames deep fits in the JavaScript engine's stack.
`;

class UsageError extends Error {}

/** The run's stack settings from flags and the environment. */
interface StackFlags {
  stackSize?: number;
  maxStackSize?: number;
  stressStack: boolean;
}

interface Parsed {
  compile: Omit<CompileOptions, "filename" | "source">;
  output?: string;
  backend: Backend;
  stack: StackFlags;
  file: string;
  args: string[];
}

/** Applies one compiler flag (-N, -d=...); returns false if it is not one. */
function applyCompilerFlag(flag: string, opts: Parsed["compile"]): boolean {
  if (flag === "-N") {
    opts.noOptimize = true;
    return true;
  }
  const d = /^--?d=(.*)$/.exec(flag);
  if (!d) return false;
  for (const name of d[1]!.split(",")) {
    if (name === "defer") opts.debugDefer = true;
    else if (name === "abiwrap") opts.debugAbiWrap = true;
    else throw new UsageError(`unknown debug key -d=${name} (known: defer, abiwrap)`);
  }
  return true;
}

/** Parses a flag's value as a number of bytes; `check` says what else it must be. */
function parseBytes(flag: string, value: string, check: (n: number) => string | undefined): number {
  const bytes = /^\d+$/.test(value) ? Number(value) : NaN;
  const problem = check(bytes);
  if (problem !== undefined) throw new UsageError(`invalid ${flag}=${value}: ${problem}`);
  return bytes;
}

/** Applies one stack flag of `run` (--max-stack=N, --stack-size=N, --stress-stack); false if it is not one. */
function applyStackFlag(flag: string, stack: StackFlags): boolean {
  if (/^--?stress-stack$/.test(flag)) {
    stack.stressStack = true;
    return true;
  }
  const m = /^--?(max-stack|stack-size)(=(.*))?$/.exec(flag);
  if (!m) return false;
  const [, name, hasValue, value] = m;
  if (!hasValue) throw new UsageError(`flag needs a value: --${name}=BYTES`);
  if (name === "max-stack") stack.maxStackSize = parseBytes("--max-stack", value!, maxStackSizeProblem);
  else stack.stackSize = parseBytes("--stack-size", value!, stackSizeProblem);
  return true;
}

/** DEFERLAB_STRESS_STACK=1 turns stress mode on, as --stress-stack does. */
function stressStackFromEnv(env: NodeJS.ProcessEnv): boolean {
  const v = env.DEFERLAB_STRESS_STACK;
  if (v === undefined || v === "" || v === "0") return false;
  if (v === "1") return true;
  throw new UsageError(`invalid DEFERLAB_STRESS_STACK=${v}: want 1 (on) or 0 (off)`);
}

function checkStackSizes({ stackSize, maxStackSize }: StackFlags): void {
  if (stackSize === undefined || maxStackSize === undefined) return;
  const problem = stackSizesProblem(stackSize, maxStackSize);
  if (problem !== undefined) throw new UsageError(`--stack-size=${stackSize} with --max-stack=${maxStackSize}: ${problem}`);
}

function parseArgs(cmd: string, argv: string[]): Parsed {
  const stack: StackFlags = { stressStack: cmd === "run" && stressStackFromEnv(process.env) };
  const p: Parsed = { compile: {}, backend: "wasm", stack, file: "", args: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("-")) break;
    if (applyCompilerFlag(a, p.compile)) continue;
    const gc = /^--?gcflags=(.*)$/.exec(a);
    if (gc) {
      for (const f of gc[1]!.split(/\s+/).filter(Boolean)) {
        if (!applyCompilerFlag(f, p.compile)) throw new UsageError(`unsupported compiler flag in -gcflags: ${f}`);
      }
      continue;
    }
    if (cmd === "build" && a === "-o") {
      p.output = argv[++i];
      if (!p.output) throw new UsageError("flag needs an argument: -o");
      continue;
    }
    const be = /^--?backend(?:=(.*))?$/.exec(a);
    if (cmd === "run" && be) {
      const value = be[1] ?? argv[++i];
      if (value !== "wasm" && value !== "ts") throw new UsageError(`invalid backend ${value ?? "(none)"}: want wasm or ts`);
      p.backend = value;
      continue;
    }
    if (cmd === "run" && applyStackFlag(a, p.stack)) continue;
    throw new UsageError(`flag provided but not defined: ${a}`);
  }
  checkStackSizes(p.stack);
  p.file = argv[i] ?? "";
  p.args = argv.slice(i + 1);
  if (!p.file.endsWith(".go")) throw new UsageError(`${cmd} needs a .go file`);
  if (p.args.length > 0) throw new UsageError(`${cmd} takes one .go file (programs cannot read arguments: no imports are supported)`);
  return p;
}

function readSource(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
}

/** Compiles as `go build` reports: diagnostics under a package header, exit 1 on errors. */
function compileFile(p: Parsed): CompileResult | null {
  const result = compileGo({ filename: p.file, source: readSource(p.file), ...p.compile });
  const lines = [...result.debug, ...result.errors];
  if (lines.length > 0) process.stderr.write(`# command-line-arguments\n${lines.join("\n")}\n`);
  return result.ok ? result : null;
}

/**
 * `deferlab bench [-bench=RE] [-benchtime=..] [-count=N] [-systems=..] [-o=DIR]`:
 * the suite in bench/ (a part of this repository, run from its TypeScript
 * sources), with its exit status.
 */
function benchCommand(args: string[]): Promise<number> {
  const main = new URL("../../bench/main.ts", import.meta.url);
  const fromSources = new URL("../bench/main.ts", import.meta.url);
  const script = existsSync(main) ? main : fromSources;
  if (!existsSync(script)) throw new UsageError("bench needs the benchmark suite of the deferlab repository (bench/main.ts)");
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), fileURLToPath(script), ...args], { stdio: "inherit" });
  return new Promise((done) => child.on("exit", (code) => done(code ?? 2)));
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === "help" || cmd === "-h" || cmd === "--help") {
    process.stdout.write(USAGE);
    return cmd ? 0 : 2;
  }
  if (cmd === "test") return testCommand(rest);
  if (cmd === "bench") return benchCommand(rest);
  if (cmd !== "run" && cmd !== "build" && cmd !== "objdump") throw new UsageError(`unknown command "${cmd}"`);
  const target = cmd === "run" ? undefined : takeTargetFlags(cmd, rest);
  if (target?.problem) throw new UsageError(target.problem);
  const p = parseArgs(cmd, target?.rest ?? rest);
  if (target) Object.assign(p.compile, { arch: target.flags.arch, recoveryProtocol: target.flags.protocol });
  const result = compileFile(p);
  if (!result) return 1;
  if (cmd === "objdump") {
    process.stdout.write(formatObjdump(result.object!, p.file, target!.flags.symbols));
    return 0;
  }
  if (cmd === "build") {
    writeFileSync(p.output ?? defaultOutput(p.file, target!.flags.arch), result.wasm ?? result.object!.elf);
    return 0;
  }
  const options = { backend: p.backend, runtimeWasm: await runtimeCore(), ...p.stack };
  return runInWorker(result.wasm!, options, {
    stdout: (b) => process.stdout.write(b),
    stderr: (b) => process.stderr.write(b),
  });
}

/** go test's flags, the core to run on, and the package to test. */
interface TestArgs {
  flags: TestFlags;
  backend: Backend;
  path: string;
}

/** go test's boolean flags, which take no value unless written -name=value. */
const TEST_BOOL_FLAGS = new Set(["benchmem", "v"]);

function parseTestArgs(argv: string[]): TestArgs {
  const t: TestArgs = { flags: {}, backend: "wasm", path: "" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--?([a-z]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      if (t.path !== "") throw new UsageError("test takes one package directory or _test.go file");
      t.path = a;
      continue;
    }
    const name = m[1]!;
    // As Go's flag package: `-name=value`, or `-name value` for flags that take one.
    const value = m[2] ?? (TEST_BOOL_FLAGS.has(name) ? undefined : argv[++i]);
    if (TEST_BOOL_FLAGS.has(name)) applyTestBoolFlag(t.flags, name, a, value);
    else if (value === undefined) throw new UsageError(`flag needs a value: ${a}`);
    else if (name === "run" || name === "bench") t.flags[name] = checkRegexp(a, value, name);
    else if (name === "benchtime") t.flags.benchtime = checkBenchTime(a, value);
    else if (name === "count") t.flags.count = checkCount(a, value);
    else if (name === "backend") t.backend = checkBackend(value);
    else throw new UsageError(`flag provided but not defined: ${a}`);
  }
  if (t.path === "") throw new UsageError("test needs a package directory or a _test.go file");
  return t;
}

/** -v and -benchmem, or -v=true, -v=false as Go's boolean flags. */
function applyTestBoolFlag(flags: TestFlags, name: string, arg: string, value: string | undefined): void {
  if (value !== undefined && value !== "true" && value !== "false") throw new UsageError(`invalid boolean value "${value}" for ${arg}`);
  const on = value !== "false";
  if (name === "v") flags.verbose = on;
  else flags.benchmem = on;
}

function checkRegexp(flag: string, re: string, name: string): string {
  try {
    checkPattern(re, `-test.${name}`);
    return re;
  } catch (e) {
    throw new UsageError(`${flag}: ${(e as Error).message}`);
  }
}

function checkBenchTime(flag: string, value: string): string {
  try {
    parseBenchTime(value);
    return value;
  } catch (e) {
    throw new UsageError(`invalid ${flag}: ${(e as Error).message}`);
  }
}

function checkCount(flag: string, value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`invalid ${flag}: want a count of 1 or more`);
  return Number(value);
}

function checkBackend(value: string): Backend {
  if (value !== "wasm" && value !== "ts") throw new UsageError(`invalid backend ${value}: want wasm or ts`);
  return value;
}

/** A Go package to test: go test's name for it and its files. */
interface TestPackage {
  pkg: string;
  files: string[];
}

/**
 * The package's files: a directory's .go files (as go test, leaving out
 * names starting with _ or .), or one .go file, which go test names
 * command-line-arguments.
 */
function testPackage(path: string): TestPackage {
  try {
    if (!statSync(path).isDirectory()) return { pkg: "command-line-arguments", files: [path] };
    const files = readdirSync(path).filter((n) => n.endsWith(".go") && !/^[_.]/.test(n)).sort().map((n) => join(path, n));
    if (files.length === 0) throw new CommandError(`no Go files in ${path}`, 1);
    return { pkg: path.replace(/^\.\//, "").replace(/\/$/, "") || ".", files };
  } catch (e) {
    if (e instanceof CommandError) throw e;
    throw new CommandError(`cannot read ${path}: ${errnoMessage(e as NodeJS.ErrnoException)}`, 1);
  }
}

function errnoMessage(e: NodeJS.ErrnoException): string {
  if (e.code === "ENOENT") return "no such file or directory";
  if (e.code === "EACCES") return "permission denied";
  return e.message;
}

/**
 * deferlab test, as go test: a package without _test.go files is reported
 * and passes; compile errors go to standard error under the test package's
 * name, and the build fails with go's exit status 2; otherwise the tests
 * run in a worker, with go test's output and exit status.
 */
async function testCommand(argv: string[]): Promise<number> {
  const t = parseTestArgs(argv);
  const { pkg, files } = testPackage(t.path);
  if (!files.some((f) => f.endsWith("_test.go"))) {
    process.stdout.write(`?   \t${pkg}\t[no test files]\n`);
    return 0;
  }
  const result = compileTest({ files: files.map((filename) => ({ filename, source: readSource(filename) })) });
  if (!result.ok) {
    process.stderr.write(`# ${pkg} [${pkg}.test]\n${result.errors.join("\n")}\n`);
    process.stdout.write(`FAIL\t${pkg} [build failed]\nFAIL\n`);
    return 2;
  }
  const options = { backend: t.backend, runtimeWasm: await runtimeCore() };
  const sinks = { stdout: (b: Uint8Array) => process.stdout.write(b), stderr: (b: Uint8Array) => process.stderr.write(b) };
  return runInWorker(result.wasm!, options, sinks, { ...t.flags, pkg });
}

/** A failure of the deferlab command itself, reported as one line, with the command's exit status. */
class CommandError extends Error {
  constructor(
    message: string,
    readonly code = 2,
  ) {
    super(message);
  }
}

async function runtimeCore(): Promise<Uint8Array> {
  try {
    return await defaultRuntimeWasm();
  } catch (e) {
    throw new CommandError((e as Error).message);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof UsageError) {
      process.stderr.write(`deferlab: ${e.message}\nRun 'deferlab help' for usage.\n`);
      process.exitCode = 2;
      return;
    }
    if (e instanceof CommandError) {
      process.stderr.write(`deferlab: ${e.message}\n`);
      process.exitCode = e.code;
      return;
    }
    throw e;
  },
);
