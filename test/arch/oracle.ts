// The two oracles the architecture tests check encodings against: GNU
// objdump (Debian's binutils-multiarch) disassembling raw bytes, and Go's
// own assembler (`go tool asm -S`) encoding Go-syntax instructions, which
// also covers loong64, an architecture binutils-multiarch 2.40 lacks.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface DisasmLine {
  /** Byte offset from the start of the input. */
  addr: number;
  /** The instruction's bytes as objdump prints them (hex, its own grouping). */
  hex: string;
  /** Mnemonic and operands, whitespace collapsed. */
  text: string;
}

/** Whether a GNU objdump that knows the foreign architectures is installed. */
export function haveObjdump(): boolean {
  const r = spawnSync("objdump", ["--help"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.includes("elf64-littleaarch64");
}

/** Whether the Go toolchain is installed. */
export function haveGo(): boolean {
  return spawnSync("go", ["version"]).status === 0;
}

function withTempDir<T>(f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "deferlab-arch-"));
  try {
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Disassembles raw bytes with `objdump -D -b binary -m MACHINE`.
 * `machine` is objdump's name (`i386:x86-64`, `aarch64`, `mips:isa64r2`,
 * `powerpc:common64`, `s390:64-bit`, `riscv:rv64`, `arm`, `i386`).
 */
export function objdumpRaw(bytes: Uint8Array, machine: string, opts: { bigEndian?: boolean } = {}): DisasmLine[] {
  return withTempDir((dir) => {
    const file = join(dir, "code.bin");
    writeFileSync(file, bytes);
    const args = ["-D", "-b", "binary", "-m", machine, "-z"];
    if (opts.bigEndian !== undefined) args.push(opts.bigEndian ? "-EB" : "-EL");
    const out = execFileSync("objdump", [...args, file], { encoding: "utf8" });
    return parseObjdump(out);
  });
}

/** The instruction lines of objdump's `-d` output. */
export function parseObjdump(out: string): DisasmLine[] {
  const lines: DisasmLine[] = [];
  for (const line of out.split("\n")) {
    const m = /^\s*([0-9a-f]+):\t([0-9a-f ]+?)\s*\t(.*)$/.exec(line);
    if (!m) continue;
    lines.push({ addr: parseInt(m[1], 16), hex: m[2].trim(), text: m[3].replace(/\s+/g, " ").trim() });
  }
  return lines;
}

/**
 * Encodes Go assembler instructions with `go tool asm` for `goarch` and
 * returns the bytes of the function holding them. `body` is one Go-syntax
 * instruction per element, e.g. `MOVV $1, R4`. The function is NOFRAME so
 * the assembler adds no prologue; it may still append its own instructions
 * after the body (nothing is added before it).
 */
export function goAsm(goarch: string, body: string[]): Uint8Array {
  return withTempDir((dir) => {
    const src = join(dir, "a.s");
    writeFileSync(src, `#include "textflag.h"\nTEXT ·f(SB),NOSPLIT|NOFRAME,$0-0\n${body.map((l) => `\t${l}\n`).join("")}`);
    const goroot = execFileSync("go", ["env", "GOROOT"], { encoding: "utf8" }).trim();
    const r = spawnSync("go", ["tool", "asm", "-p", "main", "-I", join(goroot, "pkg", "include"), "-S", "-o", join(dir, "a.o"), src], {
      encoding: "utf8",
      env: { ...process.env, GOARCH: goarch, GOOS: "linux" },
    });
    if (r.status !== 0) throw new Error(`go tool asm (${goarch}) failed:\n${r.stderr}${r.stdout}`);
    return parseGoAsmHex(r.stdout + r.stderr);
  });
}

/**
 * The code bytes of the text symbol in `go tool asm -S` output: the hex
 * dump lines (`\t0x0000 04 04 c0 02 ...  ....`) after the `STEXT` header,
 * up to the next symbol's header.
 */
function parseGoAsmHex(out: string): Uint8Array {
  const bytes: number[] = [];
  let inText = false;
  for (const line of out.split("\n")) {
    if (!line.startsWith("\t")) inText = line.includes(" STEXT ");
    const m = /^\t0x[0-9a-f]{4}((?: [0-9a-f]{2})+)  /.exec(line);
    if (!inText || !m) continue;
    for (const b of m[1].trim().split(" ")) bytes.push(parseInt(b, 16));
  }
  return Uint8Array.from(bytes);
}
