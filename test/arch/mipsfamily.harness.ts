// The checks test/arch/{mips,mips64,loong64}.lower.test.ts share: the defer
// machinery the lowering (arch/mips/ssa-shared.ts) emits, compared word for
// word with what Go 1.19 emits for the same thing (`go build
// -gcflags=-S`), and the benchmark's three defer kinds compiled under both
// recovery protocols.
//
// Go's code is optimized and ours is -N style, so frames differ in size.
// The stack check, the frame allocation, the morestack call, the test of
// deferprocStack's result (Go 1.19 still uses the return1 protocol) and
// the epilogue after the deferreturn call are compared at Go's own frame
// sizes, one per size class, on a hand-built function whose frame the
// lowering makes exactly that size. Branch displacements depend on where
// code lies and are masked out of both sides. One difference is Go's and
// deliberate: Go 1.19 puts the morestack call right after the check and
// branches over it (BNE REGRT1, done), where the shared driver puts it at
// the function's end and branches to it (BEQ REGRT1, morestack); the test
// checks that the two branches are each other's inverse on the same
// register.

import { beforeAll, describe, expect, it } from "vitest";
import type { MachineArch } from "../../arch/arch.js";
import type { ListingEntry, MachineFunc } from "../../arch/machine/func.js";
import { compileGo } from "../../host/compiler/compile.js";
import type * as ir from "../../host/compiler/ssa/ir.js";
import type { MachineObject } from "../../host/linker/machine.js";
import { call, IRFunc, link } from "../wasm/lower-harness.js";
import { goListing, type GoInst } from "./golisting.js";
import { DEFER_KIND_FUNCS, HUGE_FRAME, SIZE_CLASSES } from "./goshapes.js";
import { haveGo } from "./oracle.js";

export interface FamilyFacts {
  arch: MachineArch;
  /** The instruction word with its branch displacement or jump target cleared. */
  mask(word: number): number;
  /** The bits in which the branch-if-zero and branch-if-not-zero words of one register differ. */
  beqBneBits: number;
  /** Go's NOOP, which fills mips's delay slots: Go lists it apart, our listing keeps it with its branch. */
  nop: number;
  /** Go's text of the instruction that ends the prologue (the frame's allocation, or mips's second store of the link register). */
  prologueEnd: RegExp;
  /** Go's and our returning instruction. */
  returns: RegExp;
}

/** The benchmark's defer kinds (bench/go/defer_test.go), a 64-bit divide and a panic, which both Go and deferlab compile. */
export const PROGRAM = `${DEFER_KIND_FUNCS}func div(a, b int64) int64 {
	return a / b
}

func main() {
	openCoded()
	stackAllocated()
	heapAllocated()
	sink = int(div(int64(sink), int64(sink)+1))
}
`;

const rt = (name: string): ir.CallTarget => ({ kind: "runtime", name });

/** An IR function with a deferprocStack call, a normal return and the shared deferreturn block, its IR frame `irFrame` bytes. */
function deferring(irFrame: number): ir.Func {
  const f = new IRFunc("main.f", [], [], irFrame);
  f.frameSlots.push({ name: "defer.record", offset: 0, size: 0, pointerWords: [] });
  const rec = f.value("i32");
  const entry = f.block("defer", [{ op: "frameaddr", dst: rec, offset: 0 }, call(rt("deferprocStack"), [rec], [], "needsPC", 3)], 2);
  const body = f.block("ret", [call(rt("printnl"), [], [], "leaf", 4)], 4);
  const dr = f.block("ret", [call(rt("deferreturn"), [], [], "unwinds", 5)], 5);
  link(entry, "defer", [body, dr]);
  f.deferreturn = dr;
  return f.finish();
}

/** `deferring` lowered under return1 with a frame of exactly `size` bytes. */
function deferringWithFrame(arch: MachineArch, size: number): MachineFunc {
  for (let irFrame = 0; irFrame <= size; irFrame += 4) {
    const f = arch.lower(deferring(irFrame), { recoveryProtocol: "return1" });
    if (f.frameSize === size) return f;
    if (f.frameSize > size) break;
  }
  throw new Error(`${arch.name}: no IR frame gives a ${size}-byte frame`);
}

function hex(w: number): string {
  return (w >>> 0).toString(16).padStart(8, "0");
}

export function describeFamily(f: FamilyFacts): void {
  const { arch } = f;
  const le = !arch.bigEndian;
  const wordsOf = (entries: ListingEntry[]) =>
    entries.flatMap((e) => {
      const view = new DataView(e.bytes.buffer, e.bytes.byteOffset, e.bytes.length);
      return Array.from({ length: e.bytes.length / 4 }, (_, k) => view.getUint32(4 * k, le));
    });
  const masked = (words: number[]) => words.filter((w) => w !== f.nop).map((w) => hex(f.mask(w)));
  /** Compares our entries' and Go's instructions' words, delay slots aside, showing both texts on failure. */
  const sameWords = (mine: ListingEntry[], go: GoInst[], what: string) => {
    const texts = `ours ${JSON.stringify(mine.map((e) => e.text))} vs Go ${JSON.stringify(go.map((i) => i.text))}`;
    expect(masked(wordsOf(mine)), `${what}: ${texts}`).toEqual(masked(go.flatMap((i) => i.words)));
  };
  const upTo = <T extends { text: string }>(xs: T[], re: RegExp) => xs.slice(0, xs.findIndex((x) => re.test(x.text)) + 1);
  const after = (insts: GoInst[], text: string) => insts.slice(insts.findIndex((i) => i.text === text) + 1);
  const callText = (sym: string) => `CALL ${sym}(SB)`;

  let go = new Map<string, GoInst[]>();
  beforeAll(() => {
    if (haveGo()) go = goListing(arch.name, PROGRAM + HUGE_FRAME, {}, arch.bigEndian);
  });
  const goFunc = (name: string) => {
    const insts = go.get(name);
    expect(insts, `go build listed ${name}`).toBeDefined();
    return insts!;
  };
  /** Go's frame: what its prologue's SP adjustment (ADDU/ADDV $-N) takes. */
  const goFrame = (insts: GoInst[]) => Number(/^ADD[UV] \$-(\d+), R(29|3)$/.exec(insts.find((i) => /^ADD[UV] \$-\d+, R(29|3)$/.test(i.text))!.text)![1]);

  describe(`${arch.name}: the defer machinery against go build -gcflags=-S`, () => {
    for (const name of SIZE_CLASSES) {
      it.skipIf(!haveGo())(`checks the stack and allocates the frame as Go does for ${name}`, () => {
        const g = goFunc(name);
        const n = goFrame(g);
        const mine = deferringWithFrame(arch, n).listing;
        // Go: the check, BNE REGRT1 over the morestack call, then the frame. Ours: the check, BEQ REGRT1 to the end, the frame.
        const check = mine.filter((e) => e.mark === "stackcheck");
        const goBranch = g.findIndex((i) => /^MOV[WV] R(31|1), R(3|5)$/.test(i.text)) - (arch.name === "loong64" ? 1 : 2);
        sameWords(check.slice(0, -1), g.slice(0, goBranch), `${name} (frame ${n}): the check`);
        const [ours] = wordsOf(check.slice(-1));
        const [theirs] = g[goBranch]!.words;
        expect(hex(f.mask(ours!) ^ f.mask(theirs!)), `${name}: BEQ to morestack against Go's BNE over it`).toBe(hex(f.beqBneBits));
        const frame = mine.slice(check.length);
        const goFrameStart = g.findIndex((i) => /^MOV[WV] R(31|1), -\d+\(R(29|3)\)$/.test(i.text));
        sameWords(upTo(frame, f.prologueEnd), upTo(g.slice(goFrameStart), f.prologueEnd), `${name} (frame ${n}): the frame`);
      });
    }

    it.skipIf(!haveGo())("calls morestack and returns after the deferreturn call as Go does", () => {
      for (const name of ["main.openCoded", "main.stackAllocated"]) {
        const g = goFunc(name);
        const mine = deferringWithFrame(arch, goFrame(g));
        const tail = mine.listing.filter((e) => e.mark === "morestack");
        const k = g.findIndex((i) => /^MOV[WV] R(31|1), R(3|5)$/.test(i.text));
        sameWords(tail, upTo(g.slice(k), /^JMP /), `${name}'s morestack call`);
        const drCall = mine.listing.findIndex((e) => e.text === callText("runtime.deferreturn"));
        sameWords(upTo(mine.listing.slice(drCall + 1), f.returns), upTo(after(g, callText("runtime.deferreturn")), f.returns), `${name} after deferreturn`);
      }
    });

    it.skipIf(!haveGo())("tests deferprocStack's result under return1 as Go 1.19 does", () => {
      const g = goFunc("main.stackAllocated");
      const mine = deferringWithFrame(arch, goFrame(g));
      const test = mine.listing.filter((e) => e.mark === "recovery");
      expect(test.length).toBe(1);
      const goTest = after(g, callText("runtime.deferprocStack")).filter((i) => i.text !== "NOOP");
      sameWords(test, goTest.slice(0, 1), "the recovery branch");
      expect(goTest[0]!.text).toMatch(/^BNE R0, R(1|19), /);
    });
  });

  describe(`${arch.name}: the three defer kinds, a divide and a panic`, () => {
    const objects = new Map<string, MachineObject>();
    beforeAll(() => {
      for (const protocol of ["deferreturn-pc", "return1"] as const) {
        const r = compileGo({ filename: "kinds.go", source: PROGRAM, arch: arch.name, recoveryProtocol: protocol });
        expect(r.errors).toEqual([]);
        objects.set(protocol, r.object!);
      }
    });
    const fn = (protocol: string, name: string) => objects.get(protocol)!.funcs.find((p) => p.fn.name === name)!;
    const calls = (m: MachineFunc, sym: string) => m.listing.filter((e) => e.text === callText(sym));
    const goCalls = (name: string, sym: string) => goFunc(name).filter((i) => i.text === callText(sym));

    it("open-codes openCoded: deferBits byte stores, and the disconnected deferreturn call after a return", () => {
      for (const protocol of objects.keys()) {
        const p = fn(protocol, "main.openCoded");
        expect(p.fn.openDeferInfo).toBeDefined();
        expect(calls(p.fn, "runtime.deferproc").length + calls(p.fn, "runtime.deferprocStack").length).toBe(0);
        expect(p.fn.listing.some((e) => e.mark === "deferbits" && /^MOVB R\d+, \d+\(R(29|3)\)$/.test(e.text))).toBe(true);
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

    it.skipIf(!haveGo())("tests the result of every deferprocStack and deferproc call under return1 only, with Go's instruction", () => {
      const goTest = after(goFunc("main.stackAllocated"), callText("runtime.deferprocStack")).filter((i) => i.text !== "NOOP");
      for (const name of ["main.stackAllocated", "main.heapAllocated"]) {
        for (const protocol of objects.keys()) {
          const p = fn(protocol, name);
          for (const c of [...calls(p.fn, "runtime.deferprocStack"), ...calls(p.fn, "runtime.deferproc")]) {
            // Only the call's own result copy (deferproc's record) comes between.
            const rest = p.fn.listing.slice(p.fn.listing.indexOf(c) + 1);
            const next = rest.slice(rest.findIndex((e) => e.mark !== c.mark));
            if (protocol === "deferreturn-pc") {
              expect(next[0]?.mark).not.toBe("recovery");
              continue;
            }
            expect(next[0]!.mark).toBe("recovery");
            sameWords(next.slice(0, 1), goTest.slice(0, 1), `${name} after ${c.text}`);
            expect(next[0]!.target).toBe(p.deferreturn);
          }
        }
      }
    });

    it.skipIf(!haveGo())("ends a call that does not return with Go's no-op, NOR R0, R0", () => {
      const goAfter = after(goFunc("main.openCoded.func1"), callText("runtime.gopanic")).filter((i) => i.text !== "NOOP");
      const p = fn("deferreturn-pc", "main.openCoded.func1");
      const panic = calls(p.fn, "runtime.gopanic");
      expect(panic.length).toBeGreaterThan(0);
      for (const c of panic) sameWords([p.fn.listing[p.fn.listing.indexOf(c) + 1]!], goAfter.slice(0, 1), "after gopanic");
    });

    it.skipIf(!haveGo())("divides an int64 through the runtime helper, or after the divisor test, as Go does", () => {
      const p = fn("deferreturn-pc", "main.div");
      const helpers = ["runtime.int64div", "runtime.panicdivide"];
      const theirs = helpers.filter((h) => goCalls("main.div", h).length > 0);
      expect(theirs.length).toBe(1);
      expect(helpers.filter((h) => calls(p.fn, h).length > 0)).toEqual(theirs);
    });
  });
}
