// The checks test/arch/{ppc64,s390x,riscv64}.lower.test.ts share: the
// lowering of the three defer kinds (bench/go/defer_test.go's functions),
// with a small, a huge and a dividing function besides, compiled under both
// recovery protocols, and the sequences of the defer machinery compared
// with what Go 1.19 emits for the same program (`go build -gcflags=-S`).
//
// Go's code is optimized and ours -N style, so frames differ and a
// sequence is compared in a function of the same frame-size class on each
// side; immediates that depend on the frame or on code placement are
// wildcards. Go 1.19 still has the return1 protocol, which the comparisons
// use. Where our spelling differs from Go's (a far conditional branch as an
// inverted branch over a jump, s390x's compare and branch as two
// instructions), a case says so with both.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { MachineArch, RecoveryProtocol } from "../../arch/arch.js";
import type { MachineFunc } from "../../arch/machine/func.js";
import { compileGo } from "../../host/compiler/compile.js";
import type { MachineObject } from "../../host/linker/machine.js";
import { goAsmListing, PSEUDO } from "./golisting.js";
import { haveGo } from "./oracle.js";

/** The benchmark's defer kinds, a function per stack-check shape and a divide: Go and deferlab both compile it. */
export const PROGRAM = `package main

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
	for i := 0; i < sink; i++ {
		defer func(x, y, z int) {
			if recover() != nil || x != 1 || y != 2 || z != 3 {
				panic("bad recover")
			}
		}(1, 2, 3)
	}
}

//go:noinline
func small() {
	tick()
}

//go:noinline
func huge() int {
	var a [1000]int
	a[sink] = 1
	tick()
	return a[5]
}

//go:noinline
func tick() {}

//go:noinline
func divide(a, b int) int {
	return a / b
}

func main() {
	openCoded()
	stackAllocated()
	heapAllocated()
	small()
	sink = huge() + divide(7, 2)
}
`;

/** A sequence of instructions: patterns over consecutive Go-syntax texts of one function. */
export interface Shape {
  name: string;
  /** The function (Go's name; an ABI0 wrapper shares it) whose listing holds it, ours under return1. */
  func: string;
  ours: RegExp[];
  /** Go 1.19's spelling in `go build -gcflags=-S`, in `goFunc` (default `func`); absent when Go has no counterpart. */
  go?: RegExp[];
  goFunc?: string;
}

/** Each function's instructions as `go build -gcflags=-S` prints them for `goarch`, by name. */
function goTexts(goarch: string, source: string): Map<string, string[]> {
  const funcs = new Map<string, string[]>();
  let cur: string[] | undefined;
  for (const line of goAsmListing(goarch, source).split("\n")) {
    const head = /^(\S+) STEXT /.exec(line);
    if (head) funcs.set(head[1]!, (cur = []));
    else if (!line.startsWith("\t")) cur = undefined;
    // `\t0x0004 00004 (main.go:6)\tCMPU\tR22, R1`; pseudo-instructions take no bytes.
    const ins = /^\t0x[0-9a-f]{4} \d{5} \([^)]*\)\t(\S+)(?:\t(.*))?$/.exec(line);
    if (cur && ins && !PSEUDO.has(ins[1]!)) cur.push(`${ins[1]} ${ins[2] ?? ""}`.trim());
  }
  return funcs;
}

/** GNU readelf's output for an object's bytes. */
export function readelf(args: string[], elf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "deferlab-lr64-"));
  try {
    writeFileSync(join(dir, "a.o"), elf);
    const r = spawnSync("readelf", ["-W", ...args, join(dir, "a.o")], { encoding: "utf8", maxBuffer: 1 << 28 });
    if (r.status !== 0 || r.stderr !== "") throw new Error(`readelf ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the patterns match consecutive texts somewhere in `texts`. */
function findSequence(texts: string[], patterns: RegExp[]): boolean {
  return texts.some((_, i) => patterns.every((p, k) => p.test(texts[i + k] ?? "")));
}

export interface LoweringFacts {
  arch: MachineArch;
  /** Our direct call's text to sym. */
  callText(sym: string): string;
  /** Our deferBits store: a byte store from a register to the frame. */
  deferBitsStore: RegExp;
  shapes: Shape[];
}

export function describeLowering(f: LoweringFacts): void {
  const { arch } = f;
  const objects = new Map<RecoveryProtocol, MachineObject>();
  let go = new Map<string, string[]>();
  beforeAll(() => {
    for (const protocol of ["deferreturn-pc", "return1"] as const) {
      const r = compileGo({ filename: "kinds.go", source: PROGRAM, arch: arch.name, recoveryProtocol: protocol });
      expect(r.errors).toEqual([]);
      objects.set(protocol, r.object!);
    }
    if (haveGo()) go = goTexts(arch.name, PROGRAM);
  });
  const placed = (protocol: RecoveryProtocol, name: string) => {
    const p = objects.get(protocol)!.funcs.find((x) => x.fn.name === name);
    expect(p, `${arch.name} lowered ${name}`).toBeDefined();
    return p!;
  };
  const texts = (m: MachineFunc) => m.listing.map((e) => e.text);
  const calls = (m: MachineFunc, sym: string) => m.listing.filter((e) => e.text === f.callText(sym));

  describe(`${arch.name}: the defer machinery in Go's shapes`, () => {
    for (const shape of f.shapes) {
      it(`${shape.name}: ours`, () => {
        const ours = objects.get("return1")!.funcs.filter((p) => p.fn.name === shape.func).map((p) => texts(p.fn));
        expect(ours.length, `${arch.name} lowered ${shape.func}`).toBeGreaterThan(0);
        expect(ours.some((t) => findSequence(t, shape.ours)), `${shape.func}: ${JSON.stringify(ours)}`).toBe(true);
      });
      if (shape.go) {
        it.skipIf(!haveGo())(`${shape.name}: Go 1.19`, () => {
          const name = shape.goFunc ?? shape.func;
          const theirs = go.get(name);
          expect(theirs, `go build listed ${name}`).toBeDefined();
          expect(findSequence(theirs!, shape.go!), `${name}: ${JSON.stringify(theirs)}`).toBe(true);
        });
      }
    }
  });

  describe(`${arch.name}: the three defer kinds`, () => {
    it("open-codes openCoded: deferBits byte stores and the disconnected deferreturn call after a return", () => {
      for (const protocol of objects.keys()) {
        const p = placed(protocol, "main.openCoded");
        expect(p.fn.openDeferInfo).toBeDefined();
        expect(calls(p.fn, "runtime.deferproc").length + calls(p.fn, "runtime.deferprocStack").length).toBe(0);
        expect(p.fn.listing.some((e) => e.mark === "deferbits" && f.deferBitsStore.test(e.text))).toBe(true);
        const [dr] = calls(p.fn, "runtime.deferreturn");
        expect(dr!.pc).toBe(p.deferreturn);
        expect(p.fn.listing[p.fn.listing.indexOf(dr!) - 1]!.text).toBe("RET");
      }
    });

    it("calls deferprocStack for each of stackAllocated's nine defers and deferproc in heapAllocated's loop, with one shared deferreturn each", () => {
      for (const protocol of objects.keys()) {
        for (const [name, sym, n] of [
          ["main.stackAllocated", "runtime.deferprocStack", 9],
          ["main.heapAllocated", "runtime.deferproc", 1],
        ] as const) {
          const p = placed(protocol, name);
          expect(calls(p.fn, sym).length, `${protocol}: ${name}`).toBe(n);
          const returns = calls(p.fn, "runtime.deferreturn");
          expect(returns.length, `${protocol}: ${name}`).toBe(1);
          expect(returns[0]!.pc).toBe(p.deferreturn);
        }
      }
    });

    it.skipIf(!haveGo())("calls as many deferprocStack and deferproc as Go does", () => {
      for (const [name, sym] of [
        ["main.stackAllocated", "runtime.deferprocStack"],
        ["main.heapAllocated", "runtime.deferproc"],
      ] as const) {
        const goCalls = go.get(name)!.filter((t) => t.endsWith(` ${sym}(SB)`)).length;
        expect(calls(placed("return1", name).fn, sym).length, name).toBe(goCalls);
      }
    });

    it("tests deferproc's result only under return1", () => {
      for (const name of ["main.stackAllocated", "main.heapAllocated"]) {
        expect(placed("deferreturn-pc", name).fn.listing.filter((e) => e.mark === "recovery")).toEqual([]);
        expect(placed("return1", name).fn.listing.some((e) => e.mark === "recovery")).toBe(true);
      }
    });
  });
}
