// The worker thread that runs one program for run-in-worker.ts. It exists
// for its larger stack: everything else is the loader's runProgram. Output
// goes back to the main thread as messages, in the order it was written.

import { parentPort, workerData } from "node:worker_threads";
import { LoadError, runProgram } from "../loader.js";
import { runTests } from "../testing/driver.js";
import type { FromWorker, WorkerJob } from "./run-in-worker.js";

/** Posts a message to the main thread, handing over the buffers in `transfer`. */
type Send = (message: FromWorker, transfer: ArrayBuffer[]) => void;

const NEWLINE = 0x0a;
/** A batch is sent once it holds this much, even without a newline. */
const BATCH_BYTES = 16 * 1024;

/**
 * Collects the core's writes into line-sized messages. The core writes each
 * piece of a println separately (a string, a space, a number, a newline),
 * and a message costs a few microseconds, so sending every write would
 * double the run time of a program that prints a lot. A message goes out
 * at each newline, at a change of stream and at the end, so the main thread
 * still sees every completed line as soon as it is written.
 */
class OutputBatcher {
  private fd: 1 | 2 = 1;
  private chunks: Uint8Array[] = [];
  private bytes = 0;

  constructor(private readonly send: Send) {}

  write(fd: 1 | 2, chunk: Uint8Array): void {
    if (fd !== this.fd) this.flush();
    this.fd = fd;
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    if (this.bytes >= BATCH_BYTES || chunk.includes(NEWLINE)) this.flush();
  }

  flush(): void {
    if (this.chunks.length === 0) return;
    const joined = new Uint8Array(this.bytes);
    let off = 0;
    for (const c of this.chunks) {
      joined.set(c, off);
      off += c.length;
    }
    this.send({ kind: "output", fd: this.fd, bytes: joined }, [joined.buffer]);
    this.chunks = [];
    this.bytes = 0;
  }
}

async function run(job: WorkerJob, send: Send): Promise<void> {
  const output = new OutputBatcher(send);
  try {
    const exitCode = job.test ? await runTestJob(job, output) : await runJob(job, output);
    output.flush();
    send({ kind: "exit", code: exitCode }, []);
  } catch (e) {
    output.flush();
    send({ kind: "failed", loadError: e instanceof LoadError, message: describe(e) }, []);
  }
}

async function runJob(job: WorkerJob, output: OutputBatcher): Promise<number> {
  const { exitCode } = await runProgram(job.program, {
    ...job.options,
    keepOutput: false,
    stdout: (chunk) => output.write(1, chunk),
    stderr: (chunk) => output.write(2, chunk),
  });
  return exitCode;
}

/** A test program: go test prints everything, the program's output too, on standard output. */
function runTestJob(job: WorkerJob, output: OutputBatcher): Promise<number> {
  const utf8 = new TextEncoder();
  return runTests(job.program, { ...job.test!, runOptions: job.options, write: (s) => output.write(1, utf8.encode(s)) });
}

/** A trap is named as one: the engine's own message ("unreachable") says little on its own. */
function describe(e: unknown): string {
  if (e instanceof WebAssembly.RuntimeError) return `WebAssembly trap: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

const port = parentPort;
if (port === null) throw new Error("program-worker.ts runs only as a worker thread started by run-in-worker.ts");
await run(workerData as WorkerJob, (message, transfer) => port.postMessage(message, transfer));
