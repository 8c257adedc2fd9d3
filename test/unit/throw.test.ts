// Fatal errors raised while panic values are printed (Go's throw from
// preprintpanics), on the wasm core: the message names the nested panic's
// string value or its type, and the traceback, a throw's, shows wrappers.
// The programs and Go 1.19's output are in testdata/throw.

import { describe, expect, it } from "vitest";
import { compileGo, runProgram } from "../../host/index.js";
import { compareRun } from "../e2e/compare.js";
import { loadCorpus } from "../e2e/corpus.js";

describe("panics while printing panic values", () => {
  for (const p of loadCorpus("test/unit/testdata/throw")) {
    it(p.name, async () => {
      const result = compileGo({ filename: p.fileName, source: p.source });
      expect(result.errors).toEqual([]);
      const actual = await runProgram(result.wasm!, { backend: "wasm" });
      expect(compareRun(p.expected!, actual).diff).toBe("");
    });
  }
});
