// The one module that loads WebAssembly, in Node and in browsers alike (no
// Node-only APIs). It creates the memory and function table that the runtime
// core and the program module share, instantiates the core and then the
// program against it with plain WebAssembly.instantiate (the two exchange no
// managed objects, only addresses in the shared memory), runs the program
// and collects what it writes.

import { createRuntime } from "./runtime-ts/index.js";
import {
  DEBUG_STRESS_STACK,
  DEFAULT_MAX_STACK_SIZE,
  G_DEBUGFLAGS,
  G_MAXSTACKSIZE,
  IMAGE,
  MD_STACKSIZE,
  STACK_MIN,
} from "../assembly/layout.js";
import { decodeDeferlabInfo, DEFERLAB_SECTION, type DeferlabInfo } from "./linker/section.js";
import { NO_TEST_DRIVER, RUNTIME_FUNCS, RUNTIME_MODULE, RUNTIME_START } from "./runtime-imports.js";

export type Backend = "wasm" | "ts";

export interface RunOptions {
  /** The runtime core to run on; only "wasm" (build/runtime.wasm) exists so far. */
  backend?: Backend;
  /** The bytes of build/runtime.wasm, or the module compiled from them. */
  runtimeWasm?: Uint8Array | WebAssembly.Module;
  /** Receives the program's standard output as it is written. */
  stdout?: (chunk: Uint8Array) => void;
  /** Receives the program's standard error as it is written. */
  stderr?: (chunk: Uint8Array) => void;
  /**
   * Whether the result carries the whole output as strings (default true).
   * A caller that only streams it turns this off, so that a program that
   * prints without end does not fill the host's memory.
   */
  keepOutput?: boolean;
  /**
   * Initial goroutine stack size in bytes, instead of the one linked in: a
   * power of two from STACK_MIN (2048), as the core's stacks are.
   */
  stackSize?: number;
  /**
   * Largest goroutine stack in bytes before `fatal error: stack overflow`
   * (default Go's 1000000000).
   */
  maxStackSize?: number;
  /** Makes the core move the stack at every prologue check, so a pointer it fails to adjust shows up at once. */
  stressStack?: boolean;
}

export interface RunResult {
  exitCode: number;
  /** The whole standard output, or "" when keepOutput is false. */
  stdout: string;
  /** The whole standard error, or "" when keepOutput is false. */
  stderr: string;
}

/** A runtime core, program or option the loader cannot use; the message says why. */
export class LoadError extends Error {
  override name = "LoadError";
}

/** How host.exit ends the run: thrown through the wasm frames to runProgram. */
class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const compiled = new WeakMap<Uint8Array | WebAssembly.Module, Promise<WebAssembly.Module>>();

/**
 * Compiles and checks the runtime core. The result is cached per bytes
 * object, so running many programs compiles the core once.
 */
export function loadRuntime(src: Uint8Array | WebAssembly.Module): Promise<WebAssembly.Module> {
  let p = compiled.get(src);
  if (!p) {
    p = compileRuntime(src);
    compiled.set(src, p);
  }
  return p;
}

async function compileRuntime(src: Uint8Array | WebAssembly.Module): Promise<WebAssembly.Module> {
  const mod = src instanceof WebAssembly.Module ? src : await compile(src, "the runtime core");
  const exports = new Set(WebAssembly.Module.exports(mod).map((e) => e.name));
  const required = [RUNTIME_START, ...RUNTIME_FUNCS.flatMap((f) => (f.export ? [f.export] : []))];
  const missing = required.filter((n) => !exports.has(n));
  if (missing.length > 0) {
    throw new LoadError(`not a deferlab runtime core: it does not export ${missing.join(", ")}`);
  }
  return mod;
}

async function compile(bytes: Uint8Array, what: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  } catch (e) {
    throw new LoadError(`${what} is not a valid WebAssembly module: ${(e as Error).message}`);
  }
}

/** Reads the program's deferlab section: what to create before instantiating. */
function programInfo(mod: WebAssembly.Module): DeferlabInfo {
  const [section] = WebAssembly.Module.customSections(mod, DEFERLAB_SECTION);
  if (section === undefined) {
    throw new LoadError(`not a deferlab program: the module has no "${DEFERLAB_SECTION}" section`);
  }
  try {
    return decodeDeferlabInfo(section);
  } catch (e) {
    throw new LoadError(`not a usable deferlab program: ${(e as Error).message}`);
  }
}

/** Output of one stream: bytes kept while running, decoded once at the end. */
class OutputStream {
  private readonly chunks: Uint8Array[] = [];

  constructor(
    private readonly sink: ((chunk: Uint8Array) => void) | undefined,
    private readonly keep: boolean,
  ) {}

  write(bytes: Uint8Array): void {
    if (this.keep) this.chunks.push(bytes);
    this.sink?.(bytes);
  }

  text(): string {
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const all = new Uint8Array(total);
    let off = 0;
    for (const c of this.chunks) {
      all.set(c, off);
      off += c.length;
    }
    return new TextDecoder().decode(all);
  }
}

const utf8 = new TextEncoder();

/** What Go prints when the goroutine stack cannot grow; here the engine's stack ran out. */
const HOST_STACK_OVERFLOW =
  "runtime: goroutine stack exceeds the JavaScript engine's stack limit\nfatal error: stack overflow\n";
const FATAL_EXIT_CODE = 2;

/** Runs a linked program on the runtime core and returns its exit code and output. */
export async function runProgram(programWasm: Uint8Array, opts: RunOptions = {}): Promise<RunResult> {
  const prog = await loadProgram(programWasm, opts);
  const start = prog.runtime[RUNTIME_START] as () => number;
  let exitCode = 0;
  const fatal = prog.call(() => {
    exitCode = start();
  });
  return prog.result(fatal ?? exitCode);
}

/** A program instantiated on a runtime core, for a driver to call into. */
export interface LoadedProgram {
  memory: WebAssembly.Memory;
  /** The core's exports. */
  runtime: WebAssembly.Exports;
  /**
   * Calls f, which calls into the core; returns the exit code if the run
   * ended (a fatal error, or the engine's stack running out), else undefined.
   */
  call(f: () => void): number | undefined;
  /** The outcome with the output kept so far. */
  result(exitCode: number): RunResult;
}

/**
 * The test driver's side of package testing (host/testing/), which the
 * runtime core calls through its host imports testrun, testoutput and
 * testpanicked (docs/abi.md section 13).
 */
export interface TestingHost {
  /** t.Run or b.Run: runs c's subtest f; 1 passed, 0 failed, -1 c must stop too. */
  run(c: number, nameptr: number, namelen: number, f: number): number;
  /** A log line of the test c, n bytes at p. */
  output(c: number, p: number, n: number): void;
  /** The test c panicked and the panic ends the run: report c and the tests above it. */
  panicked(c: number): void;
}

/** The host imports of package testing, calling the driver's side; u32 arguments arrive signed. */
function testingImports(testing: TestingHost): typeof NO_TEST_DRIVER {
  return {
    testrun: (c, nameptr, namelen, f) => testing.run(c >>> 0, nameptr >>> 0, namelen >>> 0, f >>> 0),
    testoutput: (c, p, n) => testing.output(c >>> 0, p >>> 0, n >>> 0),
    testpanicked: (c) => testing.panicked(c >>> 0),
  };
}

/** Instantiates a linked program on the runtime core, without starting it. */
export async function loadProgram(programWasm: Uint8Array, opts: RunOptions = {}, testing?: TestingHost): Promise<LoadedProgram> {
  const backend = opts.backend ?? "wasm";
  if (backend !== "wasm" && backend !== "ts") throw new LoadError(`unknown backend "${String(backend)}"; use "wasm" or "ts"`);
  if (backend === "wasm" && opts.runtimeWasm === undefined) {
    throw new LoadError("runProgram needs runtimeWasm: the bytes of build/runtime.wasm (npm run build:runtime)");
  }
  checkStackOptions(opts);
  const [runtimeMod, programMod] = await Promise.all([
    backend === "wasm" ? loadRuntime(opts.runtimeWasm!) : null,
    compile(programWasm, "the program"),
  ]);
  const info = programInfo(programMod);
  const memory = new WebAssembly.Memory({ initial: info.memoryPages });
  const table = new WebAssembly.Table({ initial: info.tableSize, element: "anyfunc" });
  const keep = opts.keepOutput ?? true;
  const out = { 1: new OutputStream(opts.stdout, keep), 2: new OutputStream(opts.stderr, keep) };

  const host = {
    write(fd: number, p: number, n: number): void {
      // Copy: the chunk outlives this call, while the core reuses its buffers and may grow memory.
      const bytes = new Uint8Array(memory.buffer, p >>> 0, n >>> 0).slice();
      (fd === 2 ? out[2] : out[1]).write(bytes);
    },
    exit(code: number): never {
      throw new ExitError(code);
    },
    nanotime(): bigint {
      return BigInt(Math.round(performance.now() * 1e6));
    },
    ...(testing ? testingImports(testing) : NO_TEST_DRIVER),
  };

  // Both cores give the same entry points over the same memory and table.
  const runtime = runtimeMod
    ? await instantiate(runtimeMod, { env: { memory, table }, host }, "the runtime core")
    : (createRuntime({ memory, table, host }) as WebAssembly.Exports);
  checkTableUntouched(table);
  placeRuntimeMethods(table, runtime);
  await instantiate(programMod, { env: { memory, table }, [RUNTIME_MODULE]: runtimeImports(programMod, runtime) }, "the program");
  configure(memory, opts);

  return {
    memory,
    runtime,
    call(f: () => void): number | undefined {
      try {
        f();
        return undefined;
      } catch (e) {
        if (e instanceof ExitError) return e.code;
        if (isHostStackOverflow(e)) {
          out[2].write(utf8.encode(HOST_STACK_OVERFLOW));
          return FATAL_EXIT_CODE;
        }
        throw e;
      }
    },
    result: (exitCode: number): RunResult => ({ exitCode, stdout: out[1].text(), stderr: out[2].text() }),
  };
}

/** V8 and JavaScriptCore throw a RangeError, SpiderMonkey an InternalError. */
function isHostStackOverflow(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return (e instanceof RangeError && /call stack/i.test(e.message)) || (e.name === "InternalError" && /recursion/i.test(e.message));
}

async function instantiate(
  mod: WebAssembly.Module,
  imports: WebAssembly.Imports,
  what: string,
): Promise<WebAssembly.Exports> {
  try {
    return (await WebAssembly.instantiate(mod, imports)).exports;
  } catch (e) {
    if (e instanceof WebAssembly.LinkError) throw new LoadError(`cannot instantiate ${what}: ${e.message}`);
    throw e;
  }
}

/**
 * The table belongs to the program: slots below FIRST_PROGRAM_FUNC hold the
 * runtime's methods, the rest the program's functions. A core that placed
 * functions of its own would have them overwritten silently.
 */
function checkTableUntouched(table: WebAssembly.Table): void {
  for (let i = 0; i < table.length; i++) {
    if (table.get(i) !== null) {
      throw new LoadError(`the runtime core wrote table slot ${i}; the shared table must start empty`);
    }
  }
}

function placeRuntimeMethods(table: WebAssembly.Table, runtime: WebAssembly.Exports): void {
  for (const f of RUNTIME_FUNCS) {
    if (f.export !== undefined) table.set(f.slot, runtime[f.export] as Function);
  }
}

/** The runtime entry points the program imports, each checked to exist. */
function runtimeImports(programMod: WebAssembly.Module, runtime: WebAssembly.Exports): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = {};
  const missing: string[] = [];
  for (const imp of WebAssembly.Module.imports(programMod)) {
    if (imp.module !== RUNTIME_MODULE) continue;
    const fn = runtime[imp.name];
    if (typeof fn === "function") imports[imp.name] = fn;
    else missing.push(imp.name);
  }
  if (missing.length > 0) {
    throw new LoadError(`the runtime core does not provide ${missing.map((n) => `${RUNTIME_MODULE}.${n}`).join(", ")}`);
  }
  return imports;
}

/** The largest power of two the image header's u32 stackSize field holds. */
const MAX_INITIAL_STACK_SIZE = 2 ** 31;
/** g.maxstacksize is a u32 slot. */
const MAX_STACK_LIMIT = 0xffffffff;

/** Why `bytes` cannot be an initial goroutine stack size, or undefined if it can. */
export function stackSizeProblem(bytes: number): string | undefined {
  const powerOfTwo = Number.isSafeInteger(bytes) && bytes > 0 && (bytes & (bytes - 1)) === 0;
  if (!powerOfTwo || bytes < STACK_MIN || bytes > MAX_INITIAL_STACK_SIZE) {
    return `want a power of two from ${STACK_MIN} to ${MAX_INITIAL_STACK_SIZE} bytes, as Go's stacks are (such as 8192)`;
  }
  return undefined;
}

/** Why `bytes` cannot be the goroutine stack limit, or undefined if it can. */
export function maxStackSizeProblem(bytes: number): string | undefined {
  if (!Number.isSafeInteger(bytes) || bytes < 1 || bytes > MAX_STACK_LIMIT) {
    return `want a whole number of bytes from 1 to ${MAX_STACK_LIMIT} (Go's default is ${DEFAULT_MAX_STACK_SIZE})`;
  }
  return undefined;
}

/** Why the two sizes cannot be used together, or undefined if they can. */
export function stackSizesProblem(stackSize: number, maxStackSize: number): string | undefined {
  if (stackSize > maxStackSize) return `the initial stack of ${stackSize} bytes exceeds the ${maxStackSize}-byte limit`;
  return undefined;
}

function checkStackOptions({ stackSize, maxStackSize }: RunOptions): void {
  const problems = [
    stackSize === undefined ? undefined : named("stackSize", stackSize, stackSizeProblem(stackSize)),
    maxStackSize === undefined ? undefined : named("maxStackSize", maxStackSize, maxStackSizeProblem(maxStackSize)),
    stackSize === undefined ? undefined : stackSizesProblem(stackSize, maxStackSize ?? DEFAULT_MAX_STACK_SIZE),
  ];
  const problem = problems.find((p) => p !== undefined);
  if (problem !== undefined) throw new LoadError(problem);
}

function named(option: string, value: number, problem: string | undefined): string | undefined {
  return problem === undefined ? undefined : `invalid ${option} ${value}: ${problem}`;
}

/** Settings the core reads when it starts: stack sizes and debug flags. */
function configure(memory: WebAssembly.Memory, opts: RunOptions): void {
  const view = new DataView(memory.buffer);
  if (opts.stackSize !== undefined) view.setUint32(IMAGE + MD_STACKSIZE, opts.stackSize, true);
  view.setUint32(G_MAXSTACKSIZE, opts.maxStackSize ?? DEFAULT_MAX_STACK_SIZE, true);
  view.setUint32(G_DEBUGFLAGS, opts.stressStack ? DEBUG_STRESS_STACK : 0, true);
}
