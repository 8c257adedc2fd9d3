// `deferlab build --arch=GOARCH` and `deferlab objdump` as a user runs
// them: the ELF object and its default name, the listing with the defer
// machinery marked, the protocol and symbol flags, and the errors for bad
// values.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { readElf, readFuncTab } from "../arch/elfread.js";

const repoRoot = new URL("../../", import.meta.url);

/** tsx's loader, found from the repository so the CLI can run in another directory. */
const tsx = pathToFileURL(createRequire(new URL("package.json", repoRoot)).resolve("tsx")).href;

function deferlab(args: string[], cwd: string | URL = repoRoot): { status: number | null; stdout: string; stderr: string } {
  const cli = new URL("host/cli.ts", repoRoot).pathname;
  const r = spawnSync(process.execPath, ["--import", tsx, cli, ...args], { cwd, encoding: "utf8", timeout: 50_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), "deferlab-machine-"));
const prog = join(dir, "prog.go");
writeFileSync(
  prog,
  `package main

func stack(n int) {
	defer println("stack-allocated")
	for i := 0; i < n; i++ {
		defer println("heap-allocated", i)
	}
}

func open() {
	defer println("open")
}

func main() {
	stack(1)
	open()
}
`,
);

describe("deferlab build --arch", () => {
  it("writes an ELF object named as go build names it", () => {
    const r = deferlab(["build", "--arch=amd64", prog], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const elf = readFileSync(join(dir, "prog.o"));
    expect([...elf.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(readFuncTab(readElf(elf)).map((e) => e.name)).toContain("main.open");
  });

  it("takes -o, -N and --protocol, and a 32-bit target", () => {
    const out = join(dir, "p386.o");
    const r = deferlab(["build", "--arch", "386", "--protocol=return1", "-N", "-o", out, prog]);
    expect(r.status).toBe(0);
    const elf = readElf(readFileSync(out));
    expect(elf.wide).toBe(false);
    // -N: no function keeps open-coded defer funcdata.
    expect(readFuncTab(elf).every((e) => (e.flags & 4) === 0)).toBe(true);
  });

  it("still builds the wasm module with --arch=wasm", () => {
    const r = deferlab(["build", "--arch=wasm", prog], dir);
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, "prog.wasm"))).toBe(true);
  });

  it("rejects an unknown architecture with the list of supported ones", () => {
    const r = deferlab(["build", "--arch=sparc", prog]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^deferlab: unsupported GOARCH "sparc" \(supported: wasm, amd64, 386/);
  });

  it("rejects an unknown protocol", () => {
    const r = deferlab(["build", "--arch=amd64", "--protocol=return0", prog]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("invalid --protocol=return0: want deferreturn-pc or return1");
  });
});

describe("deferlab objdump", () => {
  it("lists each function as go tool objdump does, with the defer machinery marked", () => {
    const r = deferlab(["objdump", prog]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^TEXT main\.stack\(SB\) /m);
    expect(r.stdout).toMatch(/^ {2}\S+prog\.go:3\t0x0\t[0-9a-f]+\tLEAQ -\d+\(SP\), R12\t\/\/ stack check$/m);
    expect(r.stdout).toMatch(/^ {2}\S+prog\.go:3\t0x[0-9a-f]+\t[0-9a-f]+\tCMPQ R12, 16\(R14\)\t\/\/ stack check$/m);
    expect(r.stdout).toMatch(/\tCALL runtime\.deferprocStack\(SB\)\t\/\/ deferprocStack$/m);
    expect(r.stdout).toMatch(/\tCALL runtime\.deferproc\(SB\)\t\/\/ deferproc$/m);
    expect(r.stdout).toMatch(/\t\/\/ _defer record$/m);
    expect(r.stdout).toMatch(/prog\.go:8\t.*\tCALL runtime\.deferreturn\(SB\)\t\/\/ deferreturn; deferreturn offset 0x[0-9a-f]+$/m);
    expect(r.stdout).toMatch(/\/\/ deferBits/);
    expect(r.stdout).toMatch(/\/\/ open-coded defer exit/);
    expect(r.stdout).toMatch(/\tCALL runtime\.morestack_noctxt\(SB\)\t\/\/ morestack$/m);
  });

  it("shows the earlier protocol's recovery branch, for the functions -s selects", () => {
    const r = deferlab(["objdump", "--arch=386", "--protocol=return1", "-s", "^main\\.stack$", prog]);
    expect(r.status).toBe(0);
    expect(r.stdout.match(/^TEXT /gm)).toEqual(["TEXT "]);
    expect(r.stdout).toMatch(/\tJNE \.\+0x[0-9a-f]+\t\/\/ recovery branch \(return1\); to 0x[0-9a-f]+$/m);
  });

  it("lists machine code only", () => {
    const r = deferlab(["objdump", "--arch=wasm", prog]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("objdump lists machine code: --arch=wasm is not one of amd64, 386");
  });
});
