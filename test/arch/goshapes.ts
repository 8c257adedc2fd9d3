// The checks test/arch/arm.lower.test.ts and arm64.lower.test.ts share:
// the defer machinery a link-register architecture's lowering emits,
// compared word for word with what Go 1.19 emits for the same thing
// (`go build -gcflags=-S`), and the three defer kinds of the benchmark
// compiled under both recovery protocols.
//
// Go's code is optimized and ours is -N style, so frames differ in size.
// The stack check, the frame allocation, the test of deferprocStack's
// result (Go 1.19 still uses the return1 protocol), the epilogue after the
// deferreturn call and the morestack call are compared at Go's own frame
// sizes, one per size class, on a hand-built function whose frame the
// lowering makes exactly that size. Branch displacements depend on where
// code lies and are masked out of both sides (ShapeFacts.mask).

import { beforeAll, describe, expect, it } from "vitest";
import type { MachineArch } from "../../arch/arch.js";
import type { ListingEntry, MachineFunc } from "../../arch/machine/func.js";
import { compileGo } from "../../host/compiler/compile.js";
import type * as ir from "../../host/compiler/ssa/ir.js";
import type { MachineObject } from "../../host/linker/machine.js";
import { call, IRFunc, link } from "../wasm/lower-harness.js";
import { goListing, type GoInst } from "./golisting.js";
import { haveGo } from "./oracle.js";

export interface ShapeFacts {
  arch: MachineArch;
  /** Environment for `go build` besides GOARCH (GOARM=7). */
  goEnv?: Record<string, string>;
  /**
   * The instruction word with the fields cleared that differ for reasons
   * other than the lowering: branch displacements, which depend on where
   * code lies, and what follows from how REGTMP gets a constant (arm).
   */
  mask(word: number): number;
  /**
   * Whether a word only loads a constant into REGTMP, for the operation
   * after it: arm's Go loads those from its literal pool where our encoder
   * builds them with MOVW/MOVT, so such words are left out on both sides.
   */
  loadsTmp?(word: number): boolean;
  /** The frame size Go allocates, from its prologue's instruction, or undefined. */
  frameAllocation(goText: string): number | undefined;
  /** The prologue's last instruction: the frame's allocation and the link and frame registers' saves. */
  prologueEnd: RegExp;
  /** Go's and our returning instruction. */
  returns: RegExp;
  /** Our direct call's text to sym: `BL sym(SB)`. */
  callText(sym: string): string;
}

/**
 * The functions of the benchmark's three defer kinds, copied from
 * bench/go/defer_test.go, as package main with its `sink`: the one copy
 * the Go-shapes harnesses (here and mipsfamily.harness.ts) compile.
 */
export const DEFER_KIND_FUNCS = `package main

var sink int

func openCoded() {
	defer func(x, y, z int) {
		if recover() != nil || x != 1 || y != 2 || z != 3 {
			panic("bad recover")
		}
	}(1, 2, 3)
}

func stackAllocated() {
	f := func(x, y, z int) {
		if recover() != nil || x != 1 || y != 2 || z != 3 {
			panic("bad recover")
		}
	}
	if sink < 0 {
		defer f(1, 2, 3)
		defer f(1, 2, 3)
		defer f(1, 2, 3)
		defer f(1, 2, 3)
		defer f(1, 2, 3)
		defer f(1, 2, 3)
		defer f(1, 2, 3)
		defer f(1, 2, 3)
	}
	defer f(1, 2, 3)
}

func heapAllocated() {
	for i := 0; i < 1; i++ {
		defer func(x, y, z int) {
			if recover() != nil || x != 1 || y != 2 || z != 3 {
				panic("bad recover")
			}
		}(1, 2, 3)
	}
}

`;

/** The benchmark's defer kinds (bench/go/defer_test.go), which both Go and deferlab compile. */
export const DEFER_KINDS = `${DEFER_KIND_FUNCS}func main() {
	openCoded()
	stackAllocated()
	heapAllocated()
}
`;

/** For Go only: a frame past StackBig, the third shape of the stack check. */
export const HUGE_FRAME = `
func huge() int {
	var a [20000]int
	a[sink%20000] = 1
	return a[3]
}
`;

/** Go's functions whose frames fall in each size class on every architecture: up to StackSmall, up to StackBig (4096 bytes), beyond. */
export const SIZE_CLASSES = ["main.openCoded", "main.stackAllocated", "main.huge"];

const rt = (name: string): ir.CallTarget => ({ kind: "runtime", name });

/**
 * An IR function with a deferprocStack call, a normal return and the
 * shared deferreturn block, whose IR frame is `irFrame` bytes.
 */
function deferring(irFrame: number): ir.Func {
  const f = new IRFunc("main.f", [], [], irFrame);
  f.frameSlots.push({ name: "defer.record", offset: 8, size: 0, pointerWords: [] });
  const rec = f.value("i32");
  const entry = f.block("defer", [{ op: "frameaddr", dst: rec, offset: 8 }, call(rt("deferprocStack"), [rec], [], "needsPC", 3)], 2);
  const body = f.block("ret", [call(rt("printnl"), [], [], "leaf", 4)], 4);
  const dr = f.block("ret", [call(rt("deferreturn"), [], [], "unwinds", 5)], 5);
  link(entry, "defer", [body, dr]);
  f.deferreturn = dr;
  return f.finish();
}

/** `deferring` lowered under return1 with a frame of exactly `size` bytes. */
function deferringWithFrame(arch: MachineArch, size: number): MachineFunc {
  const base = arch.lower(deferring(0)).frameSize;
  for (let irFrame = Math.max(0, size - base - 16); irFrame <= size; irFrame += 4) {
    const f = arch.lower(deferring(irFrame), { recoveryProtocol: "return1" });
    if (f.frameSize === size) return f;
    if (f.frameSize > size) break;
  }
  throw new Error(`${arch.name}: no IR frame gives a ${size}-byte frame`);
}

function wordOf(e: ListingEntry): number {
  return new DataView(e.bytes.buffer, e.bytes.byteOffset, 4).getUint32(0, true);
}

function hex(w: number): string {
  return (w >>> 0).toString(16).padStart(8, "0");
}

export function describeGoShapes(f: ShapeFacts): void {
  const { arch } = f;
  const comparable = (words: number[]) => words.filter((w) => !f.loadsTmp?.(w)).map((w) => hex(f.mask(w)));
  /** Compares the words of our entries and Go's instructions, showing both texts on failure. */
  const sameWords = (mine: ListingEntry[], go: GoInst[], what: string) => {
    const texts = `ours ${JSON.stringify(mine.map((e) => e.text))} vs Go ${JSON.stringify(go.map((i) => i.text))}`;
    expect(comparable(mine.map(wordOf)), `${what}: ${texts}`).toEqual(comparable(go.flatMap((i) => i.words)));
  };
  const after = (insts: GoInst[], text: string) => insts.slice(insts.findIndex((i) => i.text === text) + 1);
  const entriesAfter = (fn: MachineFunc, text: string) => fn.listing.slice(fn.listing.findIndex((e) => e.text === text) + 1);
  const throughReturn = <T extends { text: string }>(xs: T[]) => xs.slice(0, xs.findIndex((x) => f.returns.test(x.text)) + 1);

  describe(`${arch.name}: the defer machinery against go build -gcflags=-S`, () => {
    let go = new Map<string, GoInst[]>();
    beforeAll(() => {
      if (haveGo()) go = goListing(arch.name, DEFER_KINDS + HUGE_FRAME, f.goEnv);
    });
    const goFunc = (name: string) => {
      const insts = go.get(name);
      expect(insts, `go build listed ${name}`).toBeDefined();
      return insts!;
    };
    const goFrame = (insts: GoInst[]) => insts.map((i) => f.frameAllocation(i.text)).find((n) => n !== undefined)!;

    for (const name of SIZE_CLASSES) {
      it.skipIf(!haveGo())(`checks the stack and allocates the frame as Go does for ${name}`, () => {
        const g = goFunc(name);
        const n = goFrame(g);
        const throughPrologue = <T extends { text: string }>(xs: T[]) => xs.slice(0, xs.findIndex((x) => f.prologueEnd.test(x.text)) + 1);
        const mine = throughPrologue(deferringWithFrame(arch, n).listing);
        expect(mine.filter((e) => e.mark === "stackcheck").length).toBeGreaterThan(0);
        sameWords(mine, throughPrologue(g), `${name}, frame ${n}`);
      });
    }

    it.skipIf(!haveGo())("returns after the deferreturn call as Go does, and calls morestack as Go does", () => {
      for (const name of ["main.openCoded", "main.stackAllocated"]) {
        const g = goFunc(name);
        const mine = deferringWithFrame(arch, goFrame(g));
        const deferreturn = "CALL runtime.deferreturn(SB)";
        sameWords(throughReturn(entriesAfter(mine, f.callText("runtime.deferreturn"))), throughReturn(after(g, deferreturn)), `${name} after deferreturn`);
        const k = g.findIndex((i) => i.text === "CALL runtime.morestack_noctxt(SB)");
        sameWords(mine.listing.filter((e) => e.mark === "morestack"), g.slice(k - 1, k + 2), `${name}'s morestack call`);
      }
    });

    it.skipIf(!haveGo())("tests deferprocStack's result under return1 as Go 1.19 does", () => {
      const g = goFunc("main.stackAllocated");
      const mine = deferringWithFrame(arch, goFrame(g));
      const test = mine.listing.filter((e) => e.mark === "recovery");
      sameWords(test, after(g, "CALL runtime.deferprocStack(SB)").slice(0, test.length), "after deferprocStack");
    });
  });

  describe(`${arch.name}: the three defer kinds`, () => {
    const objects = new Map<string, MachineObject>();
    let go = new Map<string, GoInst[]>();
    beforeAll(() => {
      for (const protocol of ["deferreturn-pc", "return1"] as const) {
        const r = compileGo({ filename: "kinds.go", source: DEFER_KINDS, arch: arch.name, recoveryProtocol: protocol });
        expect(r.errors).toEqual([]);
        objects.set(protocol, r.object!);
      }
      if (haveGo()) go = goListing(arch.name, DEFER_KINDS, f.goEnv);
    });
    const fn = (protocol: string, name: string) => objects.get(protocol)!.funcs.find((p) => p.fn.name === name)!;
    const calls = (m: MachineFunc, sym: string) => m.listing.filter((e) => e.text === f.callText(sym));
    const goCalls = (name: string, sym: string) => (go.get(name) ?? []).filter((i) => i.text === `CALL ${sym}(SB)`);

    it("open-codes openCoded: deferBits byte stores, and the disconnected deferreturn call after a return", () => {
      for (const protocol of objects.keys()) {
        const p = fn(protocol, "main.openCoded");
        expect(p.fn.openDeferInfo).toBeDefined();
        expect(calls(p.fn, "runtime.deferproc").length + calls(p.fn, "runtime.deferprocStack").length).toBe(0);
        expect(p.fn.listing.some((e) => e.mark === "deferbits" && /^MOVB R\d+, /.test(e.text))).toBe(true);
        const [dr] = calls(p.fn, "runtime.deferreturn");
        expect(dr!.pc).toBe(p.deferreturn);
        expect(p.fn.listing[p.fn.listing.indexOf(dr!) - 1]!.text).toMatch(f.returns);
      }
    });

    it.skipIf(!haveGo())("calls as many deferprocStack and deferproc as Go does, and one shared deferreturn", () => {
      for (const [name, sym] of [
        ["main.openCoded", "runtime.deferprocStack"],
        ["main.stackAllocated", "runtime.deferprocStack"],
        ["main.heapAllocated", "runtime.deferproc"],
      ] as const) {
        for (const protocol of objects.keys()) {
          const m = fn(protocol, name).fn;
          expect(calls(m, sym).length, `${protocol}: ${name}`).toBe(goCalls(name, sym).length);
          expect(calls(m, "runtime.deferreturn").length, `${protocol}: ${name}`).toBe(1);
        }
      }
    });

    it.skipIf(!haveGo())("tests the result of every deferprocStack and deferproc call under return1 only, with Go's instructions", () => {
      const goTest = after(go.get("main.stackAllocated")!, "CALL runtime.deferprocStack(SB)").slice(0, 2);
      for (const name of ["main.stackAllocated", "main.heapAllocated"]) {
        for (const protocol of objects.keys()) {
          const p = fn(protocol, name);
          for (const sym of ["runtime.deferprocStack", "runtime.deferproc"]) {
            for (const c of calls(p.fn, sym)) {
              const next = p.fn.listing.slice(p.fn.listing.indexOf(c) + 1).filter((e) => e.mark === "recovery");
              if (protocol === "deferreturn-pc") {
                expect(next).toEqual([]);
                continue;
              }
              // Only the call's own result copy (deferproc's argp) comes between.
              const rest = p.fn.listing.slice(p.fn.listing.indexOf(c) + 1);
              const test = rest.slice(rest.findIndex((e) => e.mark !== c.mark));
              expect(test.slice(0, 2).map((e) => e.mark)).toEqual(["recovery", "recovery"]);
              sameWords(test.slice(0, 2), goTest, `${name} after ${sym}`);
              expect(test[1]!.target).toBe(p.deferreturn);
            }
          }
        }
      }
    });
  });
}
