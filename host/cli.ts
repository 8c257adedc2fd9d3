#!/usr/bin/env node
// The deferlab command, shaped like the go command: `run`, `build`, with
// compiler flags given directly (-N, -d=defer) or through -gcflags.

import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { compileGo, runProgram, type Backend, type CompileOptions } from "./index.js";

const USAGE = `deferlab is a tool for running and studying Go's defer, panic and recover.

Usage:

	deferlab <command> [arguments]

The commands are:

	build       compile a Go program to WebAssembly
	run         compile and run a Go program

Build flags (build and run):

	-N              disable optimizations (no open-coded defers)
	-d=defer        print the kind of each defer statement
	-d=abiwrap      print the ABI wrappers generated
	-gcflags=FLAGS  compiler flags as one argument, as with go build
	-o FILE         (build) write the program to FILE (default: NAME.wasm)

Run flags:

	--backend=wasm|ts   the runtime core to run on (default wasm)
`;

class UsageError extends Error {}

interface Parsed {
  compile: Omit<CompileOptions, "filename" | "source">;
  output?: string;
  backend: Backend;
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

function parseArgs(cmd: string, argv: string[]): Parsed {
  const p: Parsed = { compile: {}, backend: "wasm", file: "", args: [] };
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
    const be = /^--?backend=(.*)$/.exec(a);
    if (cmd === "run" && be) {
      if (be[1] !== "wasm" && be[1] !== "ts") throw new UsageError(`invalid backend ${be[1]}: want wasm or ts`);
      p.backend = be[1];
      continue;
    }
    throw new UsageError(`flag provided but not defined: ${a}`);
  }
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
function compileFile(p: Parsed): Uint8Array | null {
  const result = compileGo({ filename: p.file, source: readSource(p.file), ...p.compile });
  const lines = [...result.debug, ...result.errors];
  if (lines.length > 0) process.stderr.write(`# command-line-arguments\n${lines.join("\n")}\n`);
  return result.ok ? result.wasm! : null;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === "help" || cmd === "-h" || cmd === "--help") {
    process.stdout.write(USAGE);
    return cmd ? 0 : 2;
  }
  if (cmd !== "run" && cmd !== "build") throw new UsageError(`unknown command "${cmd}"`);
  const p = parseArgs(cmd, rest);
  const wasm = compileFile(p);
  if (!wasm) return 1;
  if (cmd === "build") {
    writeFileSync(p.output ?? basename(p.file).replace(/\.go$/, ".wasm"), wasm);
    return 0;
  }
  const r = await runProgram(wasm, {
    backend: p.backend,
    stdout: (b) => process.stdout.write(b),
    stderr: (b) => process.stderr.write(b),
  });
  return r.exitCode;
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
    throw e;
  },
);
