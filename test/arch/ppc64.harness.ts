// The table runner the ppc64, s390x and riscv64 encoder tests share: each
// entry is what one encoder function returned, checked against GNU objdump
// (mnemonics, operands, instruction boundaries), against Go's assembler
// (the Insts' own Go text, or a Go spelling of the same bytes) and against
// the relocations it should carry.

import { describe, expect, it } from "vitest";
import type { Inst } from "../../arch/machine/inst.js";
import { goAsm, haveGo, haveObjdump, objdumpRaw } from "./oracle.js";

export interface EncodingCase {
  name: string;
  insts: Inst[];
  /** objdump's text for each machine instruction, in order. */
  gnu: string[];
  /**
   * true: `go tool asm` encodes the Insts' texts to the same bytes.
   * string[]: this Go source encodes to the same bytes (for branches, whose
   * texts name a pc as -S prints it). string: why Go is not asked.
   */
  go?: true | string[] | string;
  /** [offset from the first byte, ELF type, type name, symbol, addend]. */
  relocs?: Array<[number, number, string, string, number]>;
}

export interface EncodingTarget {
  goarch: string;
  machine: string;
  bigEndian?: boolean;
}

/** The instructions' bytes one after another. */
export function concat(insts: Inst[]): Uint8Array {
  const out = new Uint8Array(insts.reduce((n, i) => n + i.bytes.length, 0));
  let off = 0;
  for (const i of insts) {
    out.set(i.bytes, off);
    off += i.bytes.length;
  }
  return out;
}

function starts(insts: Inst[]): number[] {
  const out: number[] = [];
  let off = 0;
  for (const i of insts) {
    out.push(off);
    off += i.bytes.length;
  }
  return out;
}

/** `main.x(SB)` as Go assembly source spells it: `main·x(SB)`. */
export function goSource(text: string): string {
  return text.replace(/([A-Za-z_]\w*)\.([\w.]+(?:[+-]\d+)?\(SB\))/g, "$1·$2");
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
}

export function checkEncodings(target: EncodingTarget, cases: EncodingCase[]): void {
  describe(`${target.goarch} encodings`, () => {
    for (const c of cases) {
      describe(c.name, () => {
        it.skipIf(!haveObjdump())("GNU objdump decodes it as intended", () => {
          const lines = objdumpRaw(concat(c.insts), target.machine, { bigEndian: target.bigEndian });
          const texts = lines.map((l) => l.text.replace(/\s+#.*$/, ""));
          for (const t of texts) expect(t).not.toMatch(/\(bad\)|^\.(long|word|short|byte|insn)\b/);
          expect(texts).toEqual(c.gnu);
          const addrs = new Set(lines.map((l) => l.addr));
          for (const s of starts(c.insts)) expect(addrs.has(s), `an instruction starts at ${s}`).toBe(true);
        });

        if (Array.isArray(c.go) || c.go === true) {
          const src = Array.isArray(c.go) ? c.go : c.insts.map((i) => goSource(i.text));
          it.skipIf(!haveGo())(`go tool asm agrees: ${src.join("; ")}`, () => {
            const want = concat(c.insts);
            const got = goAsm(target.goarch, src);
            expect(hex(got.subarray(0, want.length))).toBe(hex(want));
            // Past the body Go only pads (a Go source may also hold the branch targets).
            if (c.go === true) expect(got.subarray(want.length).every((b) => b === 0)).toBe(true);
          });
        }

        it("carries the expected relocations", () => {
          const got = c.insts.flatMap((inst, k) =>
            (inst.relocs ?? []).map((r) => [starts(c.insts)[k] + r.off, r.type, r.typeName, r.sym, r.add]),
          );
          expect(got).toEqual(c.relocs ?? []);
        });
      });
    }
  });
}

/**
 * 64-bit values to load as constants: every power of two and its
 * neighbours, their negations, the 16- and 32-bit boundaries shifted
 * across the word, and pseudo-random words (a fixed LCG, so runs repeat).
 */
export function constantSamples(): bigint[] {
  const out = new Set<bigint>();
  const add = (v: bigint) => out.add(BigInt.asIntN(64, v));
  for (let i = 0n; i < 64n; i++) {
    for (const d of [-1n, 0n, 1n]) {
      add((1n << i) + d);
      add(-(1n << i) + d);
    }
    add(0xffffn << i);
    add(0xffffffffn << i);
    add(0x7fff8000n << i);
  }
  let x = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < 200; i++) {
    x = BigInt.asUintN(64, x * 6364136223846793005n + 1442695040888963407n);
    add(x);
    add(x >> BigInt(i % 64));
  }
  return [...out];
}
