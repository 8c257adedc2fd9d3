// The Go program corpora and their expected outputs (written by
// scripts/go-oracle.mjs from a real Go toolchain).

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProgramOutput } from "./compare.js";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface CorpusProgram {
  /** Test name: the file name, prefixed by its folder outside the main corpus. */
  name: string;
  /** Bare file name, e.g. `005_order.go` (what `-d=defer` lines are normalised to). */
  fileName: string;
  /** Absolute path of the `.go` file. */
  path: string;
  source: string;
  /** Expected run output, when the corpus has one. */
  expected?: ProgramOutput;
  /** Expected `-d=defer` lines (normalised), when present. */
  defer?: string;
  /** Expected `-N -d=defer` lines (normalised), when present. */
  deferNoOpt?: string;
}

function readIf(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** Programs of one corpus folder (relative to the repository root), sorted by name. */
export function loadCorpus(folder: string, opts: { prefix?: string } = {}): CorpusProgram[] {
  const dir = join(repoRoot, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".go"))
    .sort()
    .map((fileName) => {
      const stem = join(dir, fileName.slice(0, -3));
      const stdout = readIf(`${stem}.stdout`);
      const stderr = readIf(`${stem}.stderr`);
      const exitCode = readIf(`${stem}.exitcode`);
      const expected =
        stdout !== undefined && stderr !== undefined && exitCode !== undefined
          ? { stdout, stderr, exitCode: Number(exitCode.trim()) }
          : undefined;
      return {
        name: opts.prefix ? `${opts.prefix}/${fileName}` : fileName,
        fileName,
        path: join(dir, fileName),
        source: readFileSync(join(dir, fileName), "utf8"),
        expected,
        defer: readIf(`${stem}.defer`),
        deferNoOpt: readIf(`${stem}.N.defer`),
      };
    });
}

/** DEFERLAB_E2E_FILTER: run only programs whose name or path contains it. */
export function applyFilter(programs: CorpusProgram[]): CorpusProgram[] {
  const filter = process.env.DEFERLAB_E2E_FILTER;
  if (!filter) return programs;
  return programs.filter((p) => p.name.includes(filter) || relative(repoRoot, p.path).includes(filter));
}

export type BackendName = "wasm" | "ts";

/** DEFERLAB_E2E_STRESS=0 turns off the runs with the stack moved at every prologue check (on by default). */
export function stressRuns(): boolean {
  const v = process.env.DEFERLAB_E2E_STRESS ?? "1";
  if (v !== "0" && v !== "1") throw new Error(`DEFERLAB_E2E_STRESS: want 0 or 1, not ${JSON.stringify(v)}`);
  return v === "1";
}

/** DEFERLAB_E2E_BACKENDS: comma-separated runtime cores to run on (default: both). */
export function backends(): BackendName[] {
  const list = (process.env.DEFERLAB_E2E_BACKENDS ?? "wasm,ts")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  for (const b of list) {
    if (b !== "wasm" && b !== "ts") throw new Error(`DEFERLAB_E2E_BACKENDS: unknown backend ${JSON.stringify(b)}`);
  }
  return list as BackendName[];
}
