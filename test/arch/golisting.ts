// Go's own code for a program, as `go build -gcflags=-S` prints it, for the
// tests that compare a lowering's sequences with what Go 1.19 emits on the
// same architecture (test/arch/*.lower.test.ts, through goshapes.ts,
// mipsfamily.harness.ts and lr64.harness.ts): per function, its
// instructions in Go syntax with each one's encoded word.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface GoInst {
  pc: number;
  /** Go syntax, operands separated by `, `: `MOVW.W R14, -20(R13)`. */
  text: string;
  /**
   * Its 4-byte instruction words, read in the architecture's byte order:
   * one, or more where the assembler expands it (a constant built in REGTMP
   * first).
   */
  words: number[];
}

/** Pseudo-instructions that take no bytes of their own. */
export const PSEUDO = new Set(["TEXT", "PCDATA", "FUNCDATA", "NOP"]);

/**
 * The text `go build -gcflags=-S` prints for `source` as package main on
 * `goarch` (with `env` added, e.g. GOARM).
 */
export function goAsmListing(goarch: string, source: string, env: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "deferlab-golisting-"));
  try {
    writeFileSync(join(dir, "go.mod"), "module m\n\ngo 1.19\n");
    writeFileSync(join(dir, "main.go"), source);
    const r = spawnSync("go", ["build", "-gcflags=-S", "-o", join(dir, "out"), "."], {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 1 << 28,
      env: { ...process.env, GOOS: "linux", GOARCH: goarch, GOFLAGS: "", ...env },
    });
    if (r.status !== 0) throw new Error(`go build (${goarch}) failed:\n${r.stderr}`);
    return r.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Builds `source` as package main for `goarch` (with `env` added, e.g.
 * GOARM) and returns each function's real instructions by name
 * (`main.f`), their words read big-endian when `bigEndian` (mips, mips64).
 * The fixed-width architectures only: every instruction is 4 bytes.
 */
export function goListing(goarch: string, source: string, env: Record<string, string> = {}, bigEndian = false): Map<string, GoInst[]> {
  return parseListing(goAsmListing(goarch, source, env), bigEndian);
}

function parseListing(out: string, bigEndian: boolean): Map<string, GoInst[]> {
  const funcs = new Map<string, { texts: Map<number, string>; bytes: number[] }>();
  let cur: { texts: Map<number, string>; bytes: number[] } | undefined;
  for (const line of out.split("\n")) {
    const head = /^(\S+) STEXT /.exec(line);
    if (head) {
      cur = { texts: new Map(), bytes: [] };
      funcs.set(head[1]!, cur);
      continue;
    }
    if (!line.startsWith("\t")) cur = undefined;
    if (!cur) continue;
    // `\t0x0004 00004 (file.go:6)\tCMP\tR1, R13` (arm), `\tSGTU\tR29, R1, R1` (mips)
    const ins = /^\t0x([0-9a-f]{4}) \d{5} \([^)]*\)\t(\S+)(?:\t(.*))?$/.exec(line);
    if (ins) {
      if (!PSEUDO.has(ins[2]!)) cur.texts.set(parseInt(ins[1]!, 16), `${ins[2]} ${ins[3] ?? ""}`.trim());
      continue;
    }
    // `\t0x0000 08 10 9a e5 01 00 5d e1 ...  ......].`
    const hex = /^\t0x([0-9a-f]{4})((?: [0-9a-f]{2})+)  /.exec(line);
    if (hex) cur.bytes.push(...hex[2]!.trim().split(" ").map((b) => parseInt(b, 16)));
  }
  const result = new Map<string, GoInst[]>();
  for (const [name, f] of funcs) {
    const view = new DataView(Uint8Array.from(f.bytes).buffer);
    const sorted = [...f.texts].sort(([a], [b]) => a - b);
    const insts = sorted.map(([pc, text], i) => {
      // The last instruction is one word: what follows is the function's alignment padding.
      const end = sorted[i + 1]?.[0] ?? pc + 4;
      const words: number[] = [];
      for (let at = pc; at < end && at + 4 <= view.byteLength; at += 4) words.push(view.getUint32(at, !bigEndian));
      return { pc, text, words };
    });
    result.set(name, insts);
  }
  return result;
}
