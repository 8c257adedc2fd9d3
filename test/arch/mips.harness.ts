// The table runner the mips and mips64 encoder tests share: each entry is
// what one arch/mips/asm.ts function returned, checked against GNU objdump
// (mnemonics, operands, and instruction boundaries at every Inst), against
// Go's assembler and against the relocations it should carry.

import { describe, expect, it } from "vitest";
import type { Inst } from "../../arch/machine/inst.js";
import { type DisasmLine, goAsm, haveGo, haveObjdump, objdumpRaw } from "./oracle.js";

export interface Case {
  name: string;
  insts: Inst[];
  /** objdump's text for each machine word, in order. */
  gnu: string[];
  /**
   * true: `go tool asm` turns the Insts' texts into the same bytes (the
   * delay-slot NOOPs after branches, jumps and calls left out: Go inserts
   * them). string[]: this Go source holds the same bytes at `goAt`, for
   * branches, whose `n(PC)` counts machine words while Go counts source
   * lines. string: why Go is not asked.
   */
  go: true | string[] | string;
  goAt?: number;
  /** [offset from the first byte, ELF type, type name, symbol, addend]. */
  relocs?: Array<[number, number, string, string, number]>;
}

export function c(name: string, insts: Inst[], gnu: string[], go: Case["go"] = true, extra: Partial<Case> = {}): Case {
  return { name, insts, gnu, go, ...extra };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** Go assembly source spells the package separator `·`; listings print `.`. */
export function toGoSource(text: string): string {
  return text.replace(/([\w.]+)([+-]\d+)?\(SB\)/g, (_m, sym: string, add = "") => `${sym.replace(/\./g, "·")}${add}(SB)`);
}

const delaySlotOwner = /^(JMP|BEQ|BNE|CALL)\b/;

/** The Go source for a case: its texts minus the delay-slot NOOPs Go inserts itself. */
function goSource(insts: Inst[]): string[] {
  return insts.filter((x, i) => !(x.text === "NOOP" && i > 0 && delaySlotOwner.test(insts[i - 1].text))).map((x) => toGoSource(x.text));
}

export function runCases(goarch: string, machine: string, cases: Case[]): void {
  describe(`${goarch} encodings`, () => {
    for (const k of cases) {
      const bytes = concat(k.insts.map((x) => x.bytes));
      // One objdump per entry: branch targets print relative to its start.
      it.skipIf(!haveObjdump())(`${k.name}: objdump reads ${k.gnu.join("; ")}`, () => {
        const byAddr = new Map<number, DisasmLine>(objdumpRaw(bytes, machine, { bigEndian: true }).map((l) => [l.addr, l]));
        const words: string[] = [];
        let at = 0;
        for (const x of k.insts) {
          // Every Inst starts on a decoded instruction; each of its words decodes.
          for (let w = at; w < at + x.bytes.length; w += 4) {
            const line = byAddr.get(w);
            expect(line, `no instruction at ${w}`).toBeDefined();
            expect(line!.text).not.toMatch(/\(bad\)|^\.word|^\.long|^\.short/);
            words.push(line!.text);
          }
          at += x.bytes.length;
        }
        expect(words).toEqual(k.gnu);
      });
      it(`${k.name}: relocations`, () => {
        const got: Array<[number, number, string, string, number]> = [];
        let at = 0;
        for (const x of k.insts) {
          expect(x.bytes.length % 4, k.name).toBe(0);
          for (const r of x.relocs ?? []) got.push([at + r.off, r.type, r.typeName, r.sym, r.add]);
          at += x.bytes.length;
        }
        expect(got).toEqual(k.relocs ?? []);
      });
      if (typeof k.go === "string") continue;
      const src = k.go === true ? goSource(k.insts) : k.go;
      const at = k.goAt ?? 0;
      it.skipIf(!haveGo())(`${k.name}: go tool asm agrees (${src.join("; ")})`, () => {
        const want = hex(bytes);
        expect(hex(goAsm(goarch, src).subarray(at, at + bytes.length))).toBe(want);
      });
    }
  });
}
