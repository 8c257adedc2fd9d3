// Runs a program in a worker thread with a large stack, for `deferlab run`.
// Compiled Go functions are wasm functions, and every Go call is a wasm call
// on the JavaScript engine's own stack; the main thread's stack (about 1 MB
// in Node) ends a Go recursion a few thousand frames deep, long before the
// goroutine stack reaches Go's limit. A worker's stack size is a resource
// limit Node lets us choose.

import type { TestFlags } from "../testing/driver.js";
import { Worker, type WorkerOptions } from "node:worker_threads";
import type { RunOptions } from "../loader.js";

/**
 * The worker's stack in MiB. Measured on Node 20: a Go function that
 * recurses with a deferred closure at each level needs about 375 bytes of
 * engine stack per frame (V8's baseline wasm compiler gives each frame a
 * spill slot for every local), so 100000 levels need 36 MiB. Functions with
 * more locals take more per frame; 256 MiB leaves room for 100000 frames of
 * about 2.5 KiB each, or 700000 of the simple kind. The thread's stack is
 * reserved address space and pages are only committed when a deep
 * recursion touches them, so small programs pay nothing for the size.
 */
export const WORKER_STACK_MB = 256;

/** The run options a worker can receive: everything but the output callbacks. */
export type WorkerRunOptions = Omit<RunOptions, "stdout" | "stderr" | "runtimeWasm"> & { runtimeWasm: Uint8Array };

/** What the worker is given when it starts. */
export interface WorkerJob {
  program: Uint8Array;
  options: WorkerRunOptions;
  /** Set for a test program: the test driver runs it with these flags. */
  test?: TestJob;
}

/** A test program's go test flags and package name. */
export type TestJob = TestFlags & { pkg: string };

/** The worker's messages: output as written, then how the run ended. */
export type FromWorker =
  | { kind: "output"; fd: 1 | 2; bytes: Uint8Array }
  | { kind: "exit"; code: number }
  | { kind: "failed"; loadError: boolean; message: string };

export interface OutputSinks {
  stdout: (chunk: Uint8Array) => void;
  stderr: (chunk: Uint8Array) => void;
}

/** Go's exit status for a fatal error, also used when the worker itself fails. */
const FATAL_EXIT_CODE = 2;

const WORKER_MODULE = new URL("./program-worker.js", import.meta.url);

/**
 * Starts the worker. Built (dist/), its module is plain JavaScript. Run
 * from the TypeScript sources (tests, tsx), it is a .ts file that only tsx
 * can load, and Node 20 does not carry the --import hooks tsx installs into
 * worker threads: the worker registers tsx itself before importing it.
 */
function startWorker(options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(WORKER_MODULE, options);
  const source = new URL("./program-worker.ts", import.meta.url).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * Runs the program in a fresh worker and resolves to its exit code. Output
 * reaches the sinks in the order the program wrote it. Whatever goes wrong
 * in the worker ends as one line on stderr and exit code 2, never as a
 * JavaScript stack trace: `deferlab: ...` when the loader cannot run the
 * program, `fatal error: ...` as a Go runtime failure would when the run
 * itself breaks (an exception, the worker dying).
 */
export function runInWorker(program: Uint8Array, options: WorkerRunOptions, sinks: OutputSinks, test?: TestJob): Promise<number> {
  const job: WorkerJob = { program, options, test };
  return new Promise((resolve) => {
    const worker = startWorker({
      workerData: job,
      resourceLimits: { stackSizeMb: WORKER_STACK_MB },
    });
    let ended: FromWorker | undefined;
    let crash: Error | undefined;
    worker.on("message", (m: FromWorker) => {
      if (m.kind === "output") (m.fd === 2 ? sinks.stderr : sinks.stdout)(m.bytes);
      else ended = m;
    });
    worker.on("error", (e: Error) => {
      crash = e;
    });
    worker.on("exit", (threadExitCode: number) => {
      if (ended?.kind === "exit") return resolve(ended.code);
      sinks.stderr(new TextEncoder().encode(failureLine(ended, crash, threadExitCode)));
      resolve(FATAL_EXIT_CODE);
    });
  });
}

function failureLine(failed: FromWorker | undefined, crash: Error | undefined, threadExitCode: number): string {
  if (failed?.kind === "failed") return failed.loadError ? `deferlab: ${failed.message}\n` : `fatal error: ${failed.message}\n`;
  if (crash !== undefined) return `fatal error: ${crash.message}\n`;
  return `fatal error: the worker thread running the program stopped with exit code ${threadExitCode}\n`;
}
