// stackify: CFGs turned into structured wasm must take exactly the paths an
// interpreter of the CFG takes, for reducible and irreducible graphs alike.

import { describe, expect, it } from "vitest";
import { CodeBuilder, EXIT, Label, stackify, type Cfg } from "../../arch/wasm/stackify.js";
import type { FuncSym, ValType } from "../../host/linker/obj.js";
import { linkAndRun } from "./lower-harness.js";

const EXIT_MARK = -1;
const STEP_LIMIT = 300;

class Budget extends Error {}

/** Compiles the CFG to `run()`, which reports each node it enters to test.visit and asks test.decide at each branch. */
function compile(cfg: Cfg): FuncSym {
  const b = new CodeBuilder();
  const locals: ValType[] = [];
  const exit = new Label("exit");
  b.begin("block", exit);
  stackify(cfg, b, {
    emitNode: (n) => {
      b.emit({ op: "i32.const", imm: [n] }, { op: "call", sym: "test.visit" });
      if (cfg.succs[n].length === 2) b.emit({ op: "call", sym: "test.decide" });
      if (cfg.succs[n].length === 0) b.emit({ op: "return" });
    },
    newLocal: () => locals.push("i32") - 1,
  }, exit);
  b.end();
  b.emit({ op: "i32.const", imm: [EXIT_MARK] }, { op: "call", sym: "test.visit" });
  return {
    name: "run",
    abi: "ABIInternal",
    wrapper: false,
    file: "t.go",
    line: 1,
    type: { params: [], results: [] },
    locals,
    code: b.code,
    frameSize: 0,
    argsSize: 0,
    siteLines: [],
    deferreturnSite: 0,
  };
}

/** The path the CFG itself takes with the same decisions. */
function interpret(cfg: Cfg, decisions: boolean[]): number[] {
  const path: number[] = [];
  let n = cfg.entry;
  let d = 0;
  while (path.length < STEP_LIMIT) {
    path.push(n);
    const succs = cfg.succs[n];
    if (succs.length === 0) return path;
    const next = succs.length === 1 ? succs[0] : succs[decisions[d++ % decisions.length] ? 0 : 1];
    if (next === EXIT) {
      path.push(EXIT_MARK);
      return path;
    }
    n = next;
  }
  return path;
}

function execute(f: FuncSym, decisions: boolean[]): number[] {
  const path: number[] = [];
  let d = 0;
  const p = linkAndRun([f], {
    test: {
      visit: {
        type: { params: ["i32"], results: [] },
        fn: (n) => {
          if (path.length === STEP_LIMIT) throw new Budget();
          path.push(Number(n));
        },
      },
      decide: { type: { params: [], results: ["i32"] }, fn: () => (decisions[d++ % decisions.length] ? 1 : 0) },
    },
  });
  try {
    p.fns.run();
  } catch (e) {
    if (!(e instanceof Budget)) throw e;
  }
  return path;
}

function samePaths(cfg: Cfg, runs = 8, rand = mulberry32(1)): void {
  const f = compile(cfg);
  for (let r = 0; r < runs; r++) {
    const decisions = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => rand() < 0.5);
    expect(execute(f, decisions)).toEqual(interpret(cfg, decisions));
  }
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const count = (f: FuncSym, op: string) => f.code.filter((i) => i.op === op).length;

describe("stackify on hand-made CFGs", () => {
  it("straight line, diamond and early exit", () => {
    samePaths({ entry: 0, succs: [[1], [2], []] });
    samePaths({ entry: 0, succs: [[1, 2], [3], [3], []] });
    samePaths({ entry: 0, succs: [[EXIT, 1], [2, 3], [EXIT], []] });
  });

  it("while loop, do-while loop and nested loops with breaks and continues", () => {
    samePaths({ entry: 0, succs: [[1], [2, 3], [1], []] });
    samePaths({ entry: 0, succs: [[1], [1, 2], []] });
    // outer 1, inner 2..3; 3 continues the outer loop, breaks out or loops.
    samePaths({ entry: 0, succs: [[1], [2, 5], [3, 4], [2, 1], [5, 2], []] });
  });

  it("a loop whose header is the entry, and a self loop", () => {
    samePaths({ entry: 0, succs: [[1, 2], [0], []] });
    samePaths({ entry: 0, succs: [[0, 1], []] });
  });

  it("the classic irreducible loop entered at either node", () => {
    const cfg: Cfg = { entry: 0, succs: [[1, 2], [2, 3], [1, 3], []] };
    samePaths(cfg, 20);
    expect(count(compile(cfg), "br_table")).toBe(1);
  });

  it("an irreducible loop containing the entry", () => {
    samePaths({ entry: 0, succs: [[1, 2], [0, 2], [0, 3], []] }, 20);
    samePaths({ entry: 1, succs: [[1, 2], [0, 3], [0], []] }, 20);
  });

  it("irreducible loops nested in a reducible loop and with nested loops inside", () => {
    // Reducible loop at 1 around the irreducible pair 2 <-> 3.
    samePaths({ entry: 0, succs: [[1], [2, 3], [3, 4], [2, 4], [1, 5], []] }, 20);
    // Irreducible region {1,2,3} whose part 2 <-> 3 is a loop of its own.
    samePaths({ entry: 0, succs: [[1, 2], [2, 4], [3, 1], [2, 1], []] }, 20);
    // Three entries.
    samePaths({ entry: 0, succs: [[4, 5], [2, 6], [3, 6], [1, 6], [1, 2], [3, EXIT], []] }, 20);
  });

  it("reducible graphs need no dispatcher", () => {
    const f = compile({ entry: 0, succs: [[1], [2, 5], [3, 4], [2, 1], [5, 2], []] });
    expect(count(f, "br_table")).toBe(0);
    expect(count(f, "loop")).toBe(2);
  });

  it("emits every node's code once", () => {
    const cfg: Cfg = { entry: 0, succs: [[1, 2], [2, 3], [1, 3], [4, 5], [5], []] };
    const visits = compile(cfg).code.filter((i) => i.op === "call" && i.sym === "test.visit").length;
    expect(visits).toBe(cfg.succs.length + 1);
  });

  it("leaves out unreachable nodes", () => {
    const cfg: Cfg = { entry: 0, succs: [[2], [2], []] };
    samePaths(cfg);
    expect(count(compile(cfg), "call")).toBe(3);
  });
});

describe("stackify on large CFGs", () => {
  it("thousands of blocks in overlapping loops, deeper than the JavaScript stack would allow recursively", () => {
    const n = 5000;
    const succs = Array.from({ length: n }, (_, i) => (i === n - 1 ? [] : i % 3 === 0 ? [i + 1, Math.max(0, i - 5)] : [i + 1]));
    samePaths({ entry: 0, succs }, 2);
  });

  it("hundreds of irreducible loops in a row", () => {
    const triples = 300;
    const succs: number[][] = [];
    for (let k = 0; k < triples; k++) {
      const [a, b, next] = [3 * k + 1, 3 * k + 2, 3 * k + 3];
      succs.push([a, b], [b, next], [a, next]);
    }
    succs.push([]);
    const cfg: Cfg = { entry: 0, succs };
    samePaths(cfg, 4);
    expect(count(compile(cfg), "br_table")).toBe(triples);
  });
});

describe("stackify on random CFGs", () => {
  it("takes the interpreter's paths on 600 random graphs, many irreducible", () => {
    const rand = mulberry32(42);
    let irreducible = 0;
    for (let i = 0; i < 600; i++) {
      const cfg = randomCfg(rand, 2 + Math.floor(rand() * 14));
      if (count(compile(cfg), "br_table") > 0) irreducible++;
      try {
        samePaths(cfg, 6, rand);
      } catch (e) {
        throw new Error(`graph ${JSON.stringify(cfg)}: ${(e as Error).message}`);
      }
    }
    expect(irreducible).toBeGreaterThan(40);
  });
});

function randomCfg(rand: () => number, n: number): Cfg {
  const target = () => (rand() < 0.08 ? EXIT : Math.floor(rand() * n));
  const succs = Array.from({ length: n }, () => {
    const r = rand();
    if (r < 0.12) return [];
    if (r < 0.45) return [target()];
    return [target(), target()];
  });
  return { entry: Math.floor(rand() * n), succs };
}
