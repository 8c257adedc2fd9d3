// Go's own defer/recover test programs (listed in programs.json), read from
// the Go installation at test time and run through deferlab's library API.
// Expected output comes from real Go, built and run here when `go` is on the
// PATH; without it, Go's run-test convention applies (NAME.out if present,
// otherwise no output and exit status 0).
//
// Programs outside deferlab's Go subset are reported as skipped, with the
// reason recorded in programs.json.

import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileGo, runProgram } from "../../host/index.js";
import { compareRun, type ProgramOutput } from "../e2e/compare.js";
import { backends } from "../e2e/corpus.js";

interface Entry {
  file: string;
  kind: "run" | "errorcheck";
  fits: boolean;
  reason?: string;
  rewrite?: { from: string; to: string }[];
}

interface Manifest {
  dir: string;
  programs: Entry[];
}

const here = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(readFileSync(join(here, "programs.json"), "utf8")) as Manifest;
const goTestDir = process.env.DEFERLAB_GO_TEST_DIR ?? manifest.dir;
const haveDir = existsSync(goTestDir);
const haveGo = spawnSync("go", ["version"], { encoding: "utf8" }).status === 0;
const cores = backends();

/** The program text deferlab compiles: Go's file with the listed rewrites. */
function deferlabSource(entry: Entry, original: string): string {
  let src = original;
  for (const r of entry.rewrite ?? []) {
    if (!src.includes(r.from)) throw new Error(`${entry.file}: rewrite target not found: ${JSON.stringify(r.from)}`);
    src = src.split(r.from).join(r.to);
  }
  return src;
}

/** Go's output for the original program. */
function goOutput(file: string): ProgramOutput {
  const path = join(goTestDir, file);
  if (!haveGo) {
    const out = path.replace(/\.go$/, ".out");
    return { stdout: existsSync(out) ? readFileSync(out, "utf8") : "", stderr: "", exitCode: 0 };
  }
  const work = mkdtempSync(join(tmpdir(), "deferlab-conformance-"));
  try {
    copyFileSync(path, join(work, file));
    const env: NodeJS.ProcessEnv = { ...process.env, GOFLAGS: "", GO111MODULE: "off", CGO_ENABLED: "0" };
    delete env.GOTRACEBACK;
    const build = spawnSync("go", ["build", "-o", "prog", file], { cwd: work, env, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`go build ${file} failed:\n${build.stderr}`);
    const run = spawnSync(join(work, "prog"), [], { cwd: work, env, encoding: "utf8", timeout: 60_000 });
    if (run.error) throw run.error;
    // Go's harness checks a run test's combined output against NAME.out.
    return { stdout: run.stdout, stderr: run.stderr, exitCode: run.status ?? -1 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `// ERROR "regexp"` comments of an errorcheck program, by line. */
function errorComments(src: string): Map<number, RegExp[]> {
  const out = new Map<number, RegExp[]>();
  src.split("\n").forEach((text, i) => {
    const m = /\/\/ ERROR (.*)$/.exec(text);
    if (!m) return;
    const res = [...m[1]!.matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`/g)].map((q) => new RegExp(q[1] ?? q[2] ?? ""));
    out.set(i + 1, res);
  });
  return out;
}

describe("Go's defer and recover programs", () => {
  it("programs.json lists Go's defer/recover programs, each with a reason when it does not fit", () => {
    const names = manifest.programs.map((p) => p.file).sort();
    expect(names).toEqual([
      "defer.go",
      "defernil.go",
      "deferprint.go",
      "recover.go",
      "recover1.go",
      "recover2.go",
      "recover3.go",
      "recover4.go",
      "recover5.go",
    ]);
    for (const p of manifest.programs) {
      if (!p.fits || p.rewrite) expect(p.reason, p.file).toBeTruthy();
    }
  });

  for (const entry of manifest.programs) {
    if (!entry.fits) {
      it.skip(`${entry.file}: outside the subset: ${entry.reason}`, () => {});
      continue;
    }
    it(entry.file, async (ctx) => {
      if (!haveDir) {
        ctx.skip(`${goTestDir} not found (Debian's golang-1.19-src installs Go's test programs there)`);
        return;
      }
      const original = readFileSync(join(goTestDir, entry.file), "utf8");
      const source = deferlabSource(entry, original);
      const result = compileGo({ filename: entry.file, source });

      if (entry.kind === "errorcheck") {
        expect(result.ok, "compilation must fail").toBe(false);
        const wanted = errorComments(source);
        expect(wanted.size).toBeGreaterThan(0);
        const byLine = new Map<number, string[]>();
        for (const e of result.errors) {
          const m = /^(?:.*?):(\d+):(?:\d+:)? (.*)$/.exec(e);
          expect(m, `error not in file:line:col: form: ${e}`).not.toBeNull();
          const line = Number(m![1]);
          byLine.set(line, [...(byLine.get(line) ?? []), m![2]!]);
        }
        for (const [line, res] of wanted) {
          const msgs = byLine.get(line) ?? [];
          for (const re of res) {
            expect(msgs.some((msg) => re.test(msg)), `line ${line}: no error matching ${re} (got ${JSON.stringify(msgs)})`).toBe(true);
          }
        }
        for (const line of byLine.keys()) {
          expect(wanted.has(line), `unexpected error on line ${line}: ${byLine.get(line)!.join("; ")}`).toBe(true);
        }
        return;
      }

      expect(result.errors, "compile errors").toEqual([]);
      expect(result.ok).toBe(true);
      const expected = goOutput(entry.file);
      const failures: string[] = [];
      for (const backend of cores) {
        const actual = await runProgram(result.wasm!, { backend });
        const cmp = compareRun(expected, actual);
        if (!cmp.ok) failures.push(`on the ${backend} core:\n${cmp.diff}`);
      }
      if (failures.length > 0) throw new Error(`${entry.file} differs from Go\n${failures.join("\n\n")}`);
    });
  }
});
