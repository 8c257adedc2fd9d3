// The compiler's encoder of FUNCDATA_OpenCodedDeferInfo against the vectors
// the runtime cores' decoders are tested on (test/vectors/funcdata.json).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { appendVarint, encodeOpenDeferInfo, type OpenDeferInfo } from "../../host/compiler/ssagen/opendefer.js";

interface VectorArg {
  offset: number;
  size: number;
  callOffset: number;
}

interface Vector {
  name: string;
  info: {
    maxargsize: number;
    deferBitsOffset: number;
    defers: { argWidth: number; closureOffset: number; args: VectorArg[] }[];
  };
  bytes: number[];
}

const vectors: Vector[] = JSON.parse(readFileSync(new URL("../vectors/funcdata.json", import.meta.url), "utf8"));

/** The vectors name an argument's frame offset `offset`. */
function toInfo(v: Vector): OpenDeferInfo {
  return {
    deferBitsOffset: v.info.deferBitsOffset,
    defers: v.info.defers.map((d) => ({ ...d, args: d.args.map((a) => ({ frameOffset: a.offset, size: a.size, callOffset: a.callOffset })) })),
  };
}

describe("open-coded defer funcdata encoder", () => {
  it.each(vectors.map((v) => [v.name, v] as const))("encodes %s", (_, v) => {
    expect([...encodeOpenDeferInfo(toInfo(v))]).toEqual(v.bytes);
  });

  it("derives the max arg size from the defers, as the vectors state it", () => {
    for (const v of vectors) {
      expect(Math.max(0, ...v.info.defers.map((d) => d.argWidth))).toBe(v.info.maxargsize);
    }
  });

  it("writes varints in 7-bit groups, least significant first", () => {
    const enc = (n: number): number[] => {
      const out: number[] = [];
      appendVarint(out, n);
      return out;
    };
    expect(enc(0)).toEqual([0]);
    expect(enc(127)).toEqual([127]);
    expect(enc(128)).toEqual([0x80, 1]);
    expect(enc(16383)).toEqual([0xff, 0x7f]);
    expect(enc(16384)).toEqual([0x80, 0x80, 1]);
    expect(enc(1 << 21)).toEqual([0x80, 0x80, 0x80, 1]);
  });

  it("rejects values the runtime could not decode", () => {
    expect(() => appendVarint([], -1)).toThrow(/out of range/);
    expect(() => appendVarint([], 2e9)).toThrow(/out of range/);
  });
});
