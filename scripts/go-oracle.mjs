#!/usr/bin/env node
// Regenerates the expected outputs of deferlab's Go corpora with a real Go
// toolchain (the oracle). The test suites only read the committed files; Go is
// needed only to (re)generate or check them.
//
// Usage:
//   node scripts/go-oracle.mjs            regenerate every expected file
//   node scripts/go-oracle.mjs --check    regenerate in memory, report files that differ
//   node scripts/go-oracle.mjs FILTER...  only programs whose path contains a FILTER
//
// For each corpus program NAME.go it writes, next to it:
//   NAME.stdout, NAME.stderr, NAME.exitcode   output of the binary built by
//                                             `go build` with default flags
//                                             (run corpora only)
//   NAME.defer     the `-gcflags=-d=defer` classification lines
//   NAME.N.defer   the same with `-gcflags='-N -d=defer'` (selected programs)
//
// Classification lines are normalised to `NAME.go:LINE:COL: KIND defer`,
// sorted by position, one per line.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** End-to-end programs that also get a `.N.defer` file. */
const NOOPT_E2E = new Set([
  "005_order.go",
  "014_conditional_defers_256.go",
  "016_more_than_8_defers.go",
  "017_returns_times_defers.go",
  "020_method_defers.go",
  "031_recursion_mixed_kinds.go",
  "058_recover_in_deferred_method.go",
  "059_aborted_panic.go",
]);

const corpora = [
  { dir: "test/e2e/programs", run: true, noopt: (f) => NOOPT_E2E.has(f) },
  { dir: "test/classify", run: false, noopt: () => true },
  { dir: "examples", run: true, noopt: () => false },
];

const GO = process.env.GO ?? "go";
const check = process.argv.includes("--check");
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));

const DEFER_LINE = /^(.*?):(\d+):(\d+): (open-coded|stack-allocated|heap-allocated) defer$/;

/** Keeps the defer classification lines of `text`, normalised and sorted. */
function normalizeDefer(text, fileName) {
  const out = [];
  for (const raw of text.split(/\r?\n/)) {
    const m = DEFER_LINE.exec(raw.trim());
    if (!m) continue;
    const base = m[1].split(/[\\/]/).pop();
    if (base !== fileName) continue;
    out.push({ line: +m[2], col: +m[3], text: `${fileName}:${m[2]}:${m[3]}: ${m[4]} defer` });
  }
  out.sort((a, b) => a.line - b.line || a.col - b.col);
  return out.map((e) => e.text + "\n").join("");
}

function goEnv() {
  const env = { ...process.env, GOFLAGS: "", GO111MODULE: "off", CGO_ENABLED: "0" };
  delete env.GOTRACEBACK;
  delete env.GODEBUG;
  delete env.GOGC;
  return env;
}

function build(workdir, fileName, gcflags, out) {
  const r = spawnSync(GO, ["build", `-gcflags=${gcflags}`, "-o", out, fileName], {
    cwd: workdir,
    env: goEnv(),
    encoding: "utf8",
  });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`go build ${gcflags} ${fileName} failed:\n${r.stderr}`);
  }
  return r.stderr;
}

function generate(dir, fileName, opts) {
  const src = path.join(root, dir, fileName);
  // A fixed directory per program keeps the paths inside tracebacks stable
  // from one regeneration to the next.
  const workdir = path.join(os.tmpdir(), "deferlab-oracle", dir.replace(/[\\/]/g, "_"), fileName.replace(/\.go$/, ""));
  fs.rmSync(workdir, { recursive: true, force: true });
  fs.mkdirSync(workdir, { recursive: true });
  fs.copyFileSync(src, path.join(workdir, fileName));
  const stem = fileName.replace(/\.go$/, "");
  const files = new Map();
  const warnings = [];

  const bin = path.join(workdir, "prog");
  files.set(`${stem}.defer`, normalizeDefer(build(workdir, fileName, "-d=defer", bin), fileName));

  // Inlining must not change the classification; check it against -l.
  const noInline = normalizeDefer(build(workdir, fileName, "-l -d=defer", path.join(workdir, "prog-l")), fileName);
  if (noInline !== files.get(`${stem}.defer`)) {
    warnings.push(`${dir}/${fileName}: -d=defer output differs with -l (inlining off)`);
  }

  if (opts.noopt) {
    files.set(`${stem}.N.defer`, normalizeDefer(build(workdir, fileName, "-N -d=defer", path.join(workdir, "prog-N")), fileName));
  }

  if (opts.run) {
    const r = spawnSync(bin, [], { cwd: workdir, env: goEnv(), encoding: "utf8", timeout: 60_000 });
    if (r.error) throw r.error;
    if (r.signal) throw new Error(`${dir}/${fileName}: killed by ${r.signal}`);
    files.set(`${stem}.stdout`, r.stdout);
    files.set(`${stem}.stderr`, r.stderr);
    files.set(`${stem}.exitcode`, `${r.status}\n`);
  }
  fs.rmSync(workdir, { recursive: true, force: true });
  return { files, warnings };
}

/**
 * Tracebacks contain argument values that are heap addresses and vary from
 * run to run; a regenerated .stderr that differs only in hexadecimal numbers
 * after the traceback header is left alone (the comparison ignores them).
 */
function sameContent(name, a, b) {
  if (a === b) return true;
  if (a === undefined || !name.endsWith(".stderr")) return false;
  const mask = (t) => {
    const at = t.indexOf("goroutine 1 [running]:");
    return at < 0 ? t : t.slice(0, at) + t.slice(at).replace(/0x[0-9a-f]+/g, "0x_");
  };
  return mask(a) === mask(b);
}

let changed = 0;
let total = 0;
const allWarnings = [];
for (const corpus of corpora) {
  const abs = path.join(root, corpus.dir);
  if (!fs.existsSync(abs)) continue;
  const programs = fs.readdirSync(abs).filter((f) => f.endsWith(".go")).sort();
  for (const fileName of programs) {
    const rel = `${corpus.dir}/${fileName}`;
    if (filters.length > 0 && !filters.some((f) => rel.includes(f))) continue;
    total++;
    const { files, warnings } = generate(corpus.dir, fileName, { run: corpus.run, noopt: corpus.noopt(fileName) });
    allWarnings.push(...warnings);
    for (const [name, content] of files) {
      const target = path.join(abs, name);
      const old = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
      if (sameContent(name, old, content)) continue;
      changed++;
      if (check) {
        console.log(`differs: ${corpus.dir}/${name}`);
      } else {
        fs.writeFileSync(target, content);
        console.log(`wrote: ${corpus.dir}/${name}`);
      }
    }
  }
}
for (const w of allWarnings) console.warn(`warning: ${w}`);
console.log(`${total} program(s), ${changed} file(s) ${check ? "differ" : "written"}`);
if (check && changed > 0) process.exit(1);
