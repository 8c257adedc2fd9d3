// Runs a command, handing each line of its standard output to a callback as
// it arrives, so that a long benchmark run can show its progress.

import { spawn } from "node:child_process";

/** A system that cannot run here (no Go, no `deferlab test`), as opposed to one that failed. */
export class Unavailable extends Error {}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCommand(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let pending = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) opts.onLine?.(line);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (pending !== "") opts.onLine?.(pending);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}
