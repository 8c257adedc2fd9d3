// The suite under deferlab: `deferlab test -bench` on one runtime core,
// which prints what `go test -bench` prints.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { benchArgs, SUITE_DIR, type GoRun, type GoRunOptions } from "./gorun.js";
import { parseBenchOutput } from "./parse.js";
import { runCommand, Unavailable } from "./proc.js";

export type Core = "wasm" | "ts";

const CLI = fileURLToPath(new URL("../dist/host/cli.js", import.meta.url));

/**
 * Runs `deferlab test -run=^$ -bench=RE [-benchtime=D] [-count=N]
 * [-benchmem] --backend CORE DIR` with the built CLI and parses its output,
 * which must be `go test -bench`'s format. A CLI without the `test` command
 * makes the system unavailable rather than failed.
 */
export async function runDeferlab(core: Core, opts: GoRunOptions = {}): Promise<GoRun> {
  if (!existsSync(CLI)) throw new Unavailable("the CLI is not built (npm run build)");
  const dir = opts.dir ?? SUITE_DIR;
  const args = [CLI, "test", ...benchArgs(opts), "--backend", core, dir];
  const r = await runCommand(process.execPath, args, { cwd: dir, onLine: opts.onLine });
  if (/unknown command "test"/.test(r.stderr)) throw new Unavailable("this deferlab has no `test` command yet");
  const output = parseBenchOutput(r.stdout);
  if (r.code !== 0 || !output.passed) {
    throw new Error(`deferlab test --backend ${core} failed (exit ${r.code}):\n${r.stderr}${r.stdout}`);
  }
  return { text: r.stdout, output };
}
