// The wasm lowering of frames, calls, checks and unwinding after recovery
// (docs/abi.md sections 6, 7 and 11), run against a mock runtime.

import { describe, expect, it } from "vitest";
import {
  DEFER_ARGS, DEFER_FD, DEFER_FRAMEPC, DEFER_HEAP, DEFER_LINK, DEFER_OPENDEFER, DEFER_PANIC, DEFER_PC, DEFER_SP, DEFER_STARTED, DEFER_VARP,
  G_DEFER, G_SP, G_STACKGUARD, G_UNWINDING,
} from "../../assembly/layout.js";
import type { RecoveryProtocol } from "../../arch/arch.js";
import { lower, wasmArch } from "../../arch/wasm/ssa.js";
import type * as ir from "../../host/compiler/ssa/ir.js";
import { computeDeferReturn } from "../../host/linker/pcln.js";
import { c, call, IRFunc, link, linkAndRun, startUnwinding, STACK_HI, type Program } from "./lower-harness.js";

const rt = (name: string): ir.CallTarget => ({ kind: "runtime", name });
const fn = (sym: string): ir.CallTarget => ({ kind: "static", sym });
const names = (p: Program) => p.log.map((l) => l.name);

/** A function whose single block makes `instrs` and returns `results`. */
function straight(name: string, frameSize: number, instrs: (f: IRFunc) => ir.Instr[], results: ir.MType[] = []): ir.Func {
  const f = new IRFunc(name, [], results, frameSize);
  const blk = f.block("ret", instrs(f));
  blk.results = results.map((t) => {
    const v = f.value(t);
    blk.instrs.push(c(v, 5));
    return v;
  });
  return f.finish();
}

/**
 * `name` calls `callee`, then prints (which must not happen while
 * unwinding) and returns 7; with `deferreturn`, its deferreturn block calls
 * runtime.deferreturn and returns the i64 in its frame slot at sp+8, where
 * a recovering deferred call would have stored the named result.
 */
function caller(name: string, callee: string, deferreturn: boolean): ir.Func {
  const f = new IRFunc(name, [], ["i64"], 16);
  const [seven, slot, result] = [f.value("i64"), f.value("i32"), f.value("i64")];
  const body = f.block("ret", [call(fn(callee), [f.params[0]], [f.value("i64")], "unwinds", 30), call(rt("printsp"), [], [], "leaf"), c(seven, 7)]);
  body.results = [seven];
  if (deferreturn) {
    f.deferreturn = f.block("ret", [
      call(rt("deferreturn"), [], [], "unwinds", 99),
      { op: "frameaddr", dst: slot, offset: 8 },
      { op: "load", dst: result, addr: slot, offset: 0, size: 8, signed: false },
    ]);
    f.deferreturn.results = [result];
  }
  return f.finish();
}

/** A function that calls runtime.gopanic and never completes. */
function panicker(name: string): ir.Func {
  const f = new IRFunc(name, [], ["i64"], 8);
  const zero = f.value("i32");
  f.block("exit", [c(zero, 0), call(rt("gopanic"), [zero, zero], [], "unwinds", 40)]);
  return f.finish();
}

describe("frames and saved PCs", () => {
  it("prologue moves g.sp down by the frame size, the epilogue restores it", () => {
    const f = straight("main.f", 16, (b) => [call(rt("printsp"), [], [], "leaf"), call(fn("main.g"), [b.params[0]], [], "unwinds", 21)]);
    const g = straight("main.g", 8, () => [call(rt("printnl"), [], [], "leaf")]);
    const p = linkAndRun([lower(f), lower(g)]);
    p.fns["main.f"](0);
    expect(p.log.map((l) => [l.name, l.sp])).toEqual([
      ["printsp", STACK_HI - 16],
      ["printnl", STACK_HI - 24],
    ]);
    expect(p.g(G_SP)).toBe(STACK_HI);
  });

  it("stores the call site's PC at [sp+0] before calls that unwind or need it, not before leaf calls", () => {
    const f = straight("main.f", 16, (b) => {
      const d = b.value("i32");
      return [
        call(rt("printnl"), [], [], "leaf", 11),
        { op: "frameaddr", dst: d, offset: 8 },
        call(rt("deferproc"), [d, d], [b.value("i32")], "needsPC", 12),
        call(rt("gopanic"), [d, d], [], "unwinds", 13),
      ];
    });
    const sym = lower(f);
    expect(sym.siteLines).toEqual([11, 12, 13]);
    const p = linkAndRun([sym]);
    p.fns["main.f"](0);
    expect(p.log.map((l) => [l.name, l.savedPC])).toEqual([
      ["printnl", 0],
      ["deferproc", p.pc("main.f", 2)],
      ["gopanic", p.pc("main.f", 3)],
    ]);
  });

  it("calls morestack when the frame would cross the stack guard, then derives sp from the moved stack", () => {
    const NEW_HI = 0x28000;
    const f = new IRFunc("main.f", [], ["i32"], 32);
    const a = f.value("i32");
    f.block("ret", [{ op: "frameaddr", dst: a, offset: 4 }]).results = [a];
    const p = linkAndRun([lower(f.finish())], {
      runtime: {
        morestack: (q, _framesize, ctxt) => {
          q.setG(G_SP, NEW_HI);
          q.setG(G_STACKGUARD, 0);
          return ctxt;
        },
      },
    });
    p.setG(G_STACKGUARD, STACK_HI - 16);
    expect(p.fns["main.f"](0)).toBe(NEW_HI - 32 + 4);
    expect(p.log.map((l) => [l.name, l.args])).toEqual([["morestack", [32, 0]]]);
    expect(p.g(G_SP)).toBe(NEW_HI);
  });

  it("reloads sp after calls that unwind, not after leaf or needsPC calls", () => {
    // Each runtime call lowers g.sp by 0x100 as a stack move would; the
    // epilogue shows which sp the function kept.
    const move = (q: Program) => q.setG(G_SP, q.g(G_SP) - 0x100);
    const run = (effect: ir.CallEffect) => {
      const p = linkAndRun([lower(straight("main.f", 8, () => [call(rt("printnl"), [], [], effect)]))], {
        runtime: { printnl: move },
      });
      p.fns["main.f"](0);
      return p.g(G_SP);
    };
    expect(run("leaf")).toBe(STACK_HI);
    expect(run("needsPC")).toBe(STACK_HI);
    expect(run("unwinds")).toBe(STACK_HI - 0x100);
  });
});

describe("call targets", () => {
  /** main.add(ctx, a, b) = a + b + ctx, so the test sees which ctx arrived. */
  function adder(): ir.Func {
    const f = new IRFunc("main.add", ["i64", "i64"], ["i64"]);
    const [ctx, a, b] = f.params;
    const [ctx64, sum] = [f.value("i64"), f.value("i64")];
    const blk = f.block("ret", [
      { op: "unop", kind: "extend_u", dst: ctx64, a: ctx },
      { op: "binop", kind: "add", dst: sum, a, b },
      { op: "binop", kind: "add", dst: sum, a: sum, b: ctx64 },
    ]);
    blk.results = [sum];
    return f.finish();
  }

  /** main.f(x) calls `target(x)` with ctx (when `ctx` is given), 2 and 3. */
  function callerOf(target: (x: ir.Value) => ir.CallTarget, ctx?: number): ir.Func {
    const f = new IRFunc("main.f", ["i32"], ["i64"], 8);
    const [c40, two, three, r] = [f.value("i32"), f.value("i64"), f.value("i64"), f.value("i64")];
    const args = ctx === undefined ? [two, three] : [c40, two, three];
    f.block("ret", [c(c40, ctx ?? 0), c(two, 2), c(three, 3), call(target(f.params[1]), args, [r])]).results = [r];
    return f.finish();
  }

  it("static calls pass the arguments as wasm parameters", () => {
    const p = linkAndRun([lower(callerOf(() => fn("main.add"), 100)), lower(adder())]);
    expect(p.fns["main.f"](0, 0)).toBe(105n);
  });

  it("closure calls load the table index from the funcval and pass the funcval as ctx", () => {
    const p = linkAndRun([lower(callerOf((x) => ({ kind: "closure", fn: x }))), lower(adder())]);
    p.view.setUint32(0x9000, p.tableIndex("main.add"), true);
    expect(p.fns["main.f"](0, 0x9000)).toBe(5n + 0x9000n);
  });

  it("indirect calls go through the given table index with an explicit ctx", () => {
    const p = linkAndRun([lower(callerOf((x) => ({ kind: "indirect", index: x }), 40)), lower(adder())]);
    expect(p.fns["main.f"](0, p.tableIndex("main.add"))).toBe(45n);
  });
});

describe("unwinding after recovery", () => {
  const TOP_SP = STACK_HI - 16;

  /** gopanic as recovery leaves it: unwinding toward `targetSp`, the named result (42) stored in the target's frame. */
  const recoverTo = (targetSp: number) => ({
    gopanic: (q: Program) => {
      q.view.setBigInt64(targetSp + 8, 42n, true);
      startUnwinding(q, targetSp);
    },
  });

  it("returns through frames without deferreturn and stops at the target frame, which runs its deferreturn block", () => {
    const top = lower(caller("main.top", "main.mid", true));
    const p = linkAndRun([top, lower(caller("main.mid", "main.leaf", false)), lower(panicker("main.leaf"))], {
      runtime: recoverTo(TOP_SP),
    });
    expect(p.fns["main.top"](0)).toBe(42n);
    expect(names(p)).toEqual(["gopanic", "deferreturn"]);
    expect(p.log[0].savedPC).toBe(p.pc("main.leaf", 1));
    expect(p.log[1]).toMatchObject({ sp: TOP_SP, savedPC: p.pc("main.top", top.deferreturnSite) });
    expect(top.deferreturnSite).toBe(3);
    expect(top.siteLines[top.deferreturnSite - 1]).toBe(99);
    expect(p.g(G_UNWINDING)).toBe(0);
    expect(p.g(G_SP)).toBe(STACK_HI);
  });

  it("passes through a frame with its own deferreturn when its sp is not the target", () => {
    const p = linkAndRun(
      [lower(caller("main.top", "main.mid", true)), lower(caller("main.mid", "main.leaf", true)), lower(panicker("main.leaf"))],
      { runtime: recoverTo(TOP_SP) },
    );
    expect(p.fns["main.top"](0)).toBe(42n);
    expect(p.log.map((l) => [l.name, l.sp])).toEqual([
      ["gopanic", TOP_SP - 16 - 8],
      ["deferreturn", TOP_SP],
    ]);
  });

  it("a frame that is the target resumes at once, even right below the panicking call", () => {
    const p = linkAndRun([lower(caller("main.top", "main.leaf", true)), lower(panicker("main.leaf"))], {
      runtime: recoverTo(TOP_SP),
    });
    expect(p.fns["main.top"](0)).toBe(42n);
    expect(names(p)).toEqual(["gopanic", "deferreturn"]);
  });

  it("re-runs the deferreturn call when it unwinds to its own frame again", () => {
    let deferreturns = 0;
    const p = linkAndRun([lower(caller("main.top", "main.leaf", true)), lower(panicker("main.leaf"))], {
      runtime: {
        ...recoverTo(TOP_SP),
        // A deferred call panics and a later one recovers: back to this frame.
        deferreturn: (q) => {
          if (++deferreturns === 1) startUnwinding(q, q.g(G_SP));
        },
      },
    });
    expect(p.fns["main.top"](0)).toBe(42n);
    expect(names(p)).toEqual(["gopanic", "deferreturn", "deferreturn"]);
    expect(p.g(G_SP)).toBe(STACK_HI);
  });

  it("leaves through the deferreturn call when it unwinds to a frame further up", () => {
    const OUTER_SP = STACK_HI - 16;
    let deferreturns = 0;
    const p = linkAndRun(
      [lower(caller("main.outer", "main.top", true)), lower(caller("main.top", "main.leaf", true)), lower(panicker("main.leaf"))],
      {
        runtime: {
          ...recoverTo(OUTER_SP - 16),
          deferreturn: (q) => {
            if (++deferreturns === 1) {
              q.view.setBigInt64(OUTER_SP + 8, 9n, true);
              startUnwinding(q, OUTER_SP);
            }
          },
        },
      },
    );
    expect(p.fns["main.outer"](0)).toBe(9n);
    expect(p.log.map((l) => [l.name, l.sp])).toEqual([
      ["gopanic", OUTER_SP - 16 - 8],
      ["deferreturn", OUTER_SP - 16],
      ["deferreturn", OUTER_SP],
    ]);
  });

  it("a frameless function passes unwinding on without touching its caller's saved PC", () => {
    const w = new IRFunc("main.wrapper", [], ["i64"]);
    const r = w.value("i64");
    w.block("ret", [call(fn("main.leaf"), [w.params[0]], [r], "unwinds", 50)]).results = [r];
    let topSavedPC = 0;
    const p = linkAndRun(
      [lower(caller("main.top", "main.wrapper", true)), lower(w.finish({ wrapper: true })), lower(panicker("main.leaf"))],
      {
        runtime: {
          gopanic: (q) => {
            topSavedPC = q.view.getUint32(TOP_SP, true);
            recoverTo(TOP_SP).gopanic(q);
          },
        },
      },
    );
    expect(p.fns["main.top"](0)).toBe(42n);
    expect(topSavedPC).toBe(p.pc("main.top", 1));
    expect(p.log.map((l) => [l.name, l.sp])).toEqual([
      ["gopanic", TOP_SP - 8],
      ["deferreturn", TOP_SP],
    ]);
  });

  it("unwinding out of an irreducible loop still reaches the deferreturn block", () => {
    // Two blocks that jump into each other, entered at either one, each
    // calling main.step; main.step panics on the fifth call.
    const f = new IRFunc("main.f", ["i32"], ["i64"], 16);
    const [slot, result, zero] = [f.value("i32"), f.value("i64"), f.value("i64")];
    const entry = f.block("if", [c(zero, 0)]);
    const a = f.block("plain", [call(fn("main.step"), [f.params[0]], [], "unwinds", 61)]);
    const b = f.block("plain", [call(fn("main.step"), [f.params[0]], [], "unwinds", 62)]);
    f.deferreturn = f.block("ret", [
      call(rt("deferreturn"), [], [], "unwinds", 99),
      { op: "frameaddr", dst: slot, offset: 8 },
      { op: "load", dst: result, addr: slot, offset: 0, size: 8, signed: false },
    ]);
    f.deferreturn.results = [result];
    link(entry, "if", [a, b], f.params[1]);
    link(a, "plain", [b]);
    link(b, "plain", [a]);
    let steps = 0;
    const p = linkAndRun([lower(f.finish()), lower(straight("main.step", 8, (s) => [call(rt("gopanic"), [s.params[0], s.params[0]], [], "unwinds", 70)]))], {
      runtime: {
        gopanic: (q) => {
          if (++steps === 5) recoverTo(TOP_SP).gopanic(q);
        },
      },
    });
    expect(p.fns["main.f"](0, 1)).toBe(42n);
    expect(names(p)).toEqual([...Array(5).fill("gopanic"), "deferreturn"]);
    expect(p.log.slice(0, 5).map((l) => l.sp)).toEqual(Array(5).fill(TOP_SP - 8));
  });

  it("normal exits branch to the deferreturn block too", () => {
    const f = new IRFunc("main.f", [], ["i64"], 48);
    const rec = f.value("i32");
    const seven = f.value("i64");
    const d = f.block("defer", [{ op: "frameaddr", dst: rec, offset: 8 }, call(rt("deferprocStack"), [rec], [], "needsPC", 5)]);
    const body = f.block("plain", [c(seven, 7), { op: "store", addr: rec, offset: 40, src: seven, size: 8 }]);
    f.deferreturn = f.block("ret", [call(rt("deferreturn"), [], [], "unwinds", 9)]);
    f.deferreturn.results = [seven];
    link(d, "defer", [body, f.deferreturn]);
    link(body, "plain", [f.deferreturn]);
    const sym = lower(f.finish());
    const p = linkAndRun([sym]);
    expect(p.fns["main.f"](0)).toBe(7n);
    expect(p.log.map((l) => [l.name, l.savedPC])).toEqual([["deferreturn", p.pc("main.f", 2)]]);
    expect(sym.deferreturnSite).toBe(2);
  });
});

describe("deferprocStack", () => {
  /** main.f links a stack record at sp+8 and returns the record's address. */
  function recordFunc(proto: RecoveryProtocol): ir.Func {
    const f = new IRFunc("main.f", [], ["i32"], 64);
    const rec = f.value("i32");
    const addr = f.value("i32");
    const flag = proto === "return1" ? [f.value("i32")] : [];
    const d = f.block("defer", [{ op: "frameaddr", dst: rec, offset: 8 }, call(rt("deferprocStack"), [rec], flag, "needsPC", 5)]);
    const body = f.block("ret", [{ op: "frameaddr", dst: addr, offset: 8 }]);
    body.results = [addr];
    f.deferreturn = f.block("ret", [call(rt("deferreturn"), [], [], "unwinds", 9)]);
    f.deferreturn.results = [addr];
    link(d, "defer", [body, f.deferreturn]);
    return f.finish();
  }

  it("is inline under today's protocol: it fills the record's header and links it, without a runtime call", () => {
    const p = linkAndRun([lower(recordFunc("deferreturn-pc"))]);
    const OLD = 0x1234;
    p.setG(G_DEFER, OLD);
    for (let i = 0; i < DEFER_ARGS; i += 4) p.view.setUint32(STACK_HI - 64 + 8 + i, 0xdeadbeef, true);
    const d0 = Number(p.fns["main.f"](0));
    expect(p.log).toEqual([]);
    const u32 = (off: number) => p.view.getUint32(d0 + off, true);
    expect(p.view.getUint8(d0 + DEFER_STARTED) + p.view.getUint8(d0 + DEFER_HEAP) + p.view.getUint8(d0 + DEFER_OPENDEFER)).toBe(0);
    expect(u32(DEFER_SP)).toBe(d0 - 8);
    expect(u32(DEFER_PC)).toBe(p.pc("main.f", 1));
    expect([u32(DEFER_PANIC), u32(DEFER_FD), u32(DEFER_VARP), u32(DEFER_FRAMEPC)]).toEqual([0, 0, 0, 0]);
    expect(u32(DEFER_LINK)).toBe(OLD);
    expect(p.g(G_DEFER)).toBe(d0);
  });

  it("stays a call under the return1 protocol, whose result the defer block tests", () => {
    const sym = lower(recordFunc("return1"), { recoveryProtocol: "return1" });
    expect(sym.code.filter((i) => i.op === "call").map((i) => i.sym)).toEqual(["runtime.morestack", "runtime.deferprocStack", "runtime.deferreturn"]);
  });
});

describe("checks", () => {
  /** main.f(x, y) runs `check` on its parameters, then returns 7; the panic unwinds to a frame above it. */
  function checked(types: ir.MType[], check: (x: ir.Value, y: ir.Value) => ir.Instr) {
    const f = new IRFunc("main.f", types, ["i64"], 8);
    const seven = f.value("i64");
    f.block("ret", [check(f.params[1], f.params[2]), c(seven, 7)]).results = [seven];
    const sym = lower(f.finish());
    const unwindAbove = (q: Program) => startUnwinding(q, STACK_HI + 64);
    const p = linkAndRun([sym], { runtime: { panicmem: unwindAbove, panicIndex: unwindAbove, panicdivide: unwindAbove } });
    return { p, sym, run: (x: number | bigint, y: number | bigint) => p.fns["main.f"](0, x, y) };
  }

  it("nilcheck calls runtime.panicmem at its own call site, and the frame returns zero values", () => {
    const { p, sym, run } = checked(["i32", "i32"], (v) => ({ op: "nilcheck", v, line: 77 }));
    expect(run(0x9000, 0)).toBe(7n);
    expect(p.log).toEqual([]);
    expect(run(0, 0)).toBe(0n);
    expect(p.log.map((l) => [l.name, l.savedPC])).toEqual([["panicmem", p.pc("main.f", 1)]]);
    expect(sym.siteLines).toEqual([77]);
    expect(p.g(G_SP)).toBe(STACK_HI);
  });

  it("boundscheck compares unsigned and passes index and length to runtime.panicIndex", () => {
    const { p, run } = checked(["i64", "i64"], (index, len) => ({ op: "boundscheck", index, len, line: 5 }));
    expect(run(2n, 3n)).toBe(7n);
    expect(run(3n, 3n)).toBe(0n);
    expect(run(-1n, 3n)).toBe(0n);
    expect(p.log.map((l) => [l.name, l.args])).toEqual([
      ["panicIndex", [3n, 3n]],
      ["panicIndex", [-1n, 3n]],
    ]);
  });

  it("divcheck calls runtime.panicdivide on a zero divisor of either width", () => {
    for (const t of ["i32", "i64"] as const) {
      const { p, run } = checked([t, t], (v) => ({ op: "divcheck", v, line: 5 }));
      const n = (x: number) => (t === "i64" ? BigInt(x) : x);
      expect(run(n(4), n(0))).toBe(7n);
      expect(run(n(0), n(0))).toBe(0n);
      expect(names(p)).toEqual(["panicdivide"]);
    }
  });

  it("a panic call that returns without unwinding traps", () => {
    const f = new IRFunc("main.f", ["i32"], [], 8);
    f.block("ret", [{ op: "nilcheck", v: f.params[1], line: 3 }]).results = [];
    const p = linkAndRun([lower(f.finish())]);
    expect(() => p.fns["main.f"](0, 0)).toThrow(/unreachable/);
  });
});

describe("the older return1 protocol", () => {
  /** main.f(v): a defer block whose call (main.flag(v)) returns the recovery flag. */
  function deferFlagged(): ir.Func {
    const f = new IRFunc("main.f", ["i32"], ["i64"], 16);
    const [flag, one, two] = [f.value("i32"), f.value("i64"), f.value("i64")];
    const d = f.block("defer", [call(fn("main.flag"), [f.params[0], f.params[1]], [flag], "needsPC")]);
    const cont = f.block("ret", [c(one, 1)]);
    cont.results = [one];
    f.deferreturn = f.block("ret", [call(rt("deferreturn"), [], [], "unwinds", 99), c(two, 2)]);
    f.deferreturn.results = [two];
    link(d, "defer", [cont, f.deferreturn]);
    return f.finish();
  }

  function identity(): ir.Func {
    const f = new IRFunc("main.flag", ["i32"], ["i32"]);
    f.block("ret").results = [f.params[1]];
    return f.finish();
  }

  it("branches to the deferreturn block when the defer call returns non-zero", () => {
    const p = linkAndRun([lower(deferFlagged(), { recoveryProtocol: "return1" }), lower(identity())]);
    expect(p.fns["main.f"](0, 0)).toBe(1n);
    expect(p.fns["main.f"](0, 1)).toBe(2n);
  });

  it("today's protocol ignores the result: defer lowers like plain", () => {
    const p = linkAndRun([lower(deferFlagged()), lower(identity())]);
    expect(p.fns["main.f"](0, 1)).toBe(1n);
  });
});

describe("the FuncSym", () => {
  it("carries the frame facts, the pointer map and the function's attributes", () => {
    const f = new IRFunc("main.f", ["i64"], ["i32"], 40);
    const v = f.value("i32");
    f.block("ret", [c(v, 1), call(rt("gopanic"), [v, v], [], "unwinds", 4)]).results = [v];
    f.frameSlots.push(
      { name: "p", offset: 8, size: 8, pointerWords: [0] },
      { name: "s", offset: 36, size: 4, pointerWords: [0] },
      { name: "n", offset: 16, size: 8, pointerWords: [] },
    );
    const info = new Uint8Array([1, 2, 3]);
    const sym = lower(f.finish({ abi: "ABI0", wrapper: true, argsSize: 12, openDeferInfo: info, abi0Wrapper: "main.f<ABI0>" }));
    expect(sym).toMatchObject({
      name: "main.f",
      abi: "ABI0",
      wrapper: true,
      type: { params: ["i32", "i64"], results: ["i32"] },
      frameSize: 40,
      argsSize: 12,
      deferreturnSite: 0,
      siteLines: [4],
      openDeferInfo: info,
      abi0Wrapper: "main.f<ABI0>",
    });
    // Words 2 (sp+8) and 9 (sp+36) of ten.
    expect([...sym.ptrmap!]).toEqual([0b100, 0b10]);
    // PCs name the symbol the function is referenced by.
    expect(sym.code.filter((i) => i.reloc?.kind === "pc").map((i) => i.reloc)).toEqual([
      { kind: "pc", sym: "main.f<ABI0>", add: 1 },
    ]);
  });

  it("has no pointer map without pointer slots, and the wasm deferreturn offset is the call-site number", () => {
    expect(lower(straight("main.f", 8, () => [])).ptrmap).toBeUndefined();
    expect(computeDeferReturn(wasmArch.name, 5)).toBe(5);
    expect(wasmArch).toMatchObject({ name: "wasm", ptrSize: 4 });
  });
});
