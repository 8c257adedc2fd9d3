// Defer classification: each test/classify/NAME.go is compiled with
// -d=defer (and with -N -d=defer) and the diagnostics must equal what Go 1.19
// printed, committed as NAME.defer and NAME.N.defer by scripts/go-oracle.mjs.
//
// DEFERLAB_E2E_FILTER=substring runs only the matching cases.

import { describe, expect, it } from "vitest";
import { compileGo } from "../../host/index.js";
import { normalizeDeferDiagnostics } from "../e2e/compare.js";
import { applyFilter, loadCorpus } from "../e2e/corpus.js";

const all = loadCorpus("test/classify");
const cases = applyFilter(all);

describe("defer classification (-d=defer)", () => {
  it("every case has its expected files", () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
    for (const c of all) {
      expect(c.defer, `${c.fileName}: missing .defer`).toBeDefined();
      expect(c.deferNoOpt, `${c.fileName}: missing .N.defer`).toBeDefined();
    }
  });

  for (const c of cases) {
    for (const noOptimize of [false, true]) {
      const expected = noOptimize ? c.deferNoOpt : c.defer;
      if (expected === undefined) continue;
      it(`${c.fileName}${noOptimize ? " -N" : ""}`, () => {
        const result = compileGo({ filename: c.fileName, source: c.source, debugDefer: true, noOptimize });
        expect(result.errors, "compile errors").toEqual([]);
        expect(result.ok).toBe(true);
        expect(normalizeDeferDiagnostics(result.debug, c.fileName)).toBe(expected);
      });
    }
  }
});
