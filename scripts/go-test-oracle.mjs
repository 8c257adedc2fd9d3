#!/usr/bin/env node
// Regenerates the expected outputs of test/testing with a real Go toolchain
// (the oracle): for each case of test/testing/cases.json, what
// `go test -cpu=1 -vet=off FLAGS .` prints for its package, stdout and
// stderr as one stream, as a terminal shows them. deferlab test runs no
// go vet, so neither does the oracle (the format cases print what vet
// would reject). The test suite only reads the committed files; Go is
// needed only to (re)generate them.
//
// Usage:
//   node scripts/go-test-oracle.mjs            regenerate every case
//   node scripts/go-test-oracle.mjs FILTER...  only cases whose dir or output file contains a FILTER
//
// Each package is copied to /tmp/gt/m_DIR with a go.mod naming the module
// DIR, so that go test's `pkg:` and ok/FAIL lines name the package as the
// test suite does. A case's output goes to programs/DIR/OUT (`out` in
// cases.json, default go.out). The script fails if go test's exit status is
// not the case's `exit`.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const suite = path.join(root, "test/testing");
const GO = process.env.GO ?? "go";
const filters = process.argv.slice(2);

/** go test caches passing runs of some flag sets; -count=1 on the command line would override a case's own -count. */
function goEnv() {
  const env = { ...process.env, GOFLAGS: "-count=1", GO111MODULE: "on", CGO_ENABLED: "0" };
  delete env.GOTRACEBACK;
  delete env.GODEBUG;
  return env;
}

/** Copies the case's package to its fixed directory (stable paths in tracebacks) with a go.mod. */
function preparePackage(dir) {
  const work = path.join("/tmp/gt", `m_${dir}`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const src = path.join(suite, "programs", dir);
  for (const f of fs.readdirSync(src).filter((n) => n.endsWith(".go"))) fs.copyFileSync(path.join(src, f), path.join(work, f));
  fs.writeFileSync(path.join(work, "go.mod"), `module ${dir}\n\ngo 1.19\n`);
  return work;
}

/** Runs go test with stdout and stderr on one file, so that their lines keep their order. */
function goTest(work, flags) {
  const outFile = path.join(work, "..", `m_${path.basename(work)}.out`);
  const fd = fs.openSync(outFile, "w");
  const r = spawnSync(GO, ["test", "-cpu=1", "-vet=off", ...flags, "."], { cwd: work, env: goEnv(), stdio: ["ignore", fd, fd], timeout: 120_000 });
  fs.closeSync(fd);
  if (r.error) throw r.error;
  const output = fs.readFileSync(outFile, "utf8");
  fs.rmSync(outFile);
  return { status: r.status, output };
}

const cases = JSON.parse(fs.readFileSync(path.join(suite, "cases.json"), "utf8"));
let failures = 0;
let written = 0;
for (const c of cases) {
  const out = c.out ?? "go.out";
  if (filters.length > 0 && !filters.some((f) => c.dir.includes(f) || out.includes(f))) continue;
  const { status, output } = goTest(preparePackage(c.dir), c.flags);
  fs.writeFileSync(path.join(suite, "programs", c.dir, out), output);
  written++;
  console.log(`wrote: test/testing/programs/${c.dir}/${out}`);
  if (status !== c.exit) {
    failures++;
    console.error(`${c.dir} ${c.flags.join(" ")}: go test exited ${status}, cases.json says ${c.exit}`);
  }
}
console.log(`${written} case(s) written`);
if (failures > 0) process.exit(1);
