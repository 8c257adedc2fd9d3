// `deferlab build` as a user runs it: compiler flags given directly or
// through -gcflags, the -d= debug output under go build's package header,
// the written module, and the errors for bad flags and bad programs.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const repoRoot = new URL("../../", import.meta.url);

function deferlab(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "host/cli.ts", ...args], { cwd: repoRoot, encoding: "utf8", timeout: 50_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), "deferlab-build-"));

function goFile(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

// One defer of each kind: open-coded needs a function of its own.
const kinds = goFile(
  "kinds.go",
  `package main

func open() {
	defer println("open")
}

func heap() {
	for i := 0; i < 2; i++ {
		defer println("heap", i)
	}
}

func main() {
	open()
	heap()
}
`,
);

describe("deferlab build", () => {
  it("prints -d=defer under the package header, as go build -gcflags=-d=defer", () => {
    const r = deferlab(["build", "-o", join(dir, "k.wasm"), "-d=defer", kinds]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`# command-line-arguments\n${kinds}:4:2: open-coded defer\n${kinds}:9:3: heap-allocated defer\n`);
  });

  it("takes compiler flags through -gcflags: -N makes the open-coded defer stack-allocated", () => {
    const r = deferlab(["build", "-o", join(dir, "k.wasm"), "-gcflags=-N -d=defer", kinds]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`${kinds}:4:2: stack-allocated defer\n`);
  });

  it("lists the ABI0 wrappers the runtime calls deferred functions through with -d=abiwrap", () => {
    const r = deferlab(["build", "-o", join(dir, "k.wasm"), "-d=abiwrap", kinds]);
    expect(r.status).toBe(0);
    const wrappers = r.stderr.split("\n").filter((l) => l.startsWith("=-= "));
    expect(wrappers.length).toBeGreaterThan(0);
    for (const w of wrappers) expect(w).toMatch(/^=-= ABI0 to ABIInternal wrapper for main\.\S+$/);
  });

  it("writes a WebAssembly module with the deferlab section the loader reads", () => {
    const out = join(dir, "out.wasm");
    expect(deferlab(["build", "-o", out, kinds]).status).toBe(0);
    const mod = new WebAssembly.Module(readFileSync(out));
    expect(WebAssembly.Module.customSections(mod, "deferlab")).toHaveLength(1);
  });

  it("reports compile errors as go build does, with exit status 1", () => {
    const bad = goFile("bad.go", "package main\n\nfunc main() {\n\tx := 1\n}\n");
    const r = deferlab(["build", "-o", join(dir, "bad.wasm"), bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`# command-line-arguments\n${bad}:4:2: x declared but not used\n`);
  });

  it("rejects an unknown debug key with the keys it knows", () => {
    const r = deferlab(["build", "-d=ssa", kinds]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown debug key -d=ssa (known: defer, abiwrap)");
  });
});

describe("flag syntax", () => {
  it("takes -name value as well as -name=value, as Go's flag package does", () => {
    const spaced = deferlab(["run", "--backend", "ts", "examples/recover.go"]);
    const joined = deferlab(["run", "--backend=ts", "examples/recover.go"]);
    expect(spaced.status).toBe(0);
    expect(spaced.stderr).toBe(joined.stderr);
  });
});
