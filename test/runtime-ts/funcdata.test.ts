// The shared funcdata vectors (test/vectors/funcdata.json) decoded by the
// TypeScript core's readvarint, walking the format as runOpenDeferFrame
// does: header, then each defer last first with its args.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { enter, Instance } from "../../host/runtime-ts/builtins.js";
import { NO_TEST_DRIVER } from "../../host/runtime-imports.js";
import { readvarint, varintnext, varintvalue } from "../../host/runtime-ts/symtab.js";

interface Arg { offset: number; size: number; callOffset: number }
interface Defer { argWidth: number; closureOffset: number; args: Arg[] }
interface Info { maxargsize: number; deferBitsOffset: number; defers: Defer[] }
interface Vector { name: string; info: Info; bytes: number[] }

const vectors: Vector[] = JSON.parse(readFileSync(new URL("../vectors/funcdata.json", import.meta.url), "utf8"));

const AT = 0x2000;

/** A core over a fresh memory holding bytes at AT. */
function coreWith(bytes: number[]): void {
  const memory = new WebAssembly.Memory({ initial: 1 });
  new Uint8Array(memory.buffer).set(bytes, AT);
  const table = new WebAssembly.Table({ initial: 1, element: "anyfunc" });
  enter(new Instance(memory, table, { write() {}, exit() {}, nanotime: () => 0n, ...NO_TEST_DRIVER }));
}

/** Decodes the funcdata at p; the defers come back in statement order. */
function decode(p: number): { info: Info; end: number } {
  const next = (): number => {
    const v = readvarint(p);
    p = varintnext(v);
    return varintvalue(v);
  };
  const maxargsize = next();
  const deferBitsOffset = next();
  const n = next();
  const defers: Defer[] = [];
  for (let i = 0; i < n; i++) {
    const argWidth = next();
    const closureOffset = next();
    const nArgs = next();
    const args = Array.from({ length: nArgs }, () => ({ offset: next(), size: next(), callOffset: next() }));
    defers.unshift({ argWidth, closureOffset, args });
  }
  return { info: { maxargsize, deferBitsOffset, defers }, end: p };
}

describe("readvarint on the shared funcdata vectors", () => {
  for (const v of vectors) {
    it(v.name, () => {
      coreWith(v.bytes);
      const { info, end } = decode(AT);
      expect(info).toEqual(v.info);
      expect(end - AT).toBe(v.bytes.length);
    });
  }

  it("decodes multi-byte varints, least significant group first", () => {
    coreWith([0xe5, 0x8e, 0x26, 0xff, 0xff, 0xff, 0xff, 0x0f]);
    const a = readvarint(AT);
    expect([varintvalue(a), varintnext(a)]).toEqual([624485, AT + 3]);
    const b = readvarint(AT + 3);
    expect([varintvalue(b), varintnext(b)]).toEqual([0xffffffff, AT + 8]);
  });
});
