// Hand-linked programs for running on the stand-in runtime core
// (mockruntime.ts), shared by the loader and worker tests.

import * as L from "../../assembly/layout.js";
import { link } from "../../host/linker/link.js";
import type { Instr } from "../../host/linker/obj.js";
import { addrOf, data, func, I, program, savePC } from "../linker/objs.js";

export const bytes = (s: string | number[]) => (typeof s === "string" ? new TextEncoder().encode(s) : new Uint8Array(s));

/** main.main writes each string with runtime.printstring (stdout on the stand-in core), in order. */
export function printer(...strings: (string | number[])[]): Uint8Array {
  const syms = strings.map((s, i) => data(`main.s${i}`, bytes(s), { align: 1 }));
  const code: Instr[] = [];
  syms.forEach((d, i) => code.push(...savePC("main.main", i + 1), addrOf(d.name), I("i32.const", d.size), { op: "call", sym: "runtime.printstring" }));
  const main = func("main.main", { frameSize: 8, siteLines: syms.map(() => 5), code });
  return link(program([main], syms)).wasm;
}

/** main.main calls itself until the engine's stack runs out. */
export function recurser(): Uint8Array {
  const main = func("main.main", { code: [I("local.get", 0), { op: "call", sym: "main.main" }] });
  return link(program([main])).wasm;
}

/** main.main prints `out` on stdout, then panics with `msg`, which the stand-in core writes to stderr before exiting 2. */
export function panicker(msg: string, out = ""): Uint8Array {
  const s = data("main.msg", bytes(msg), { align: 1 });
  const o = data("main.out", bytes(out), { align: 1 });
  const main = func("main.main", {
    frameSize: 8,
    siteLines: [6, 7],
    code: [
      ...savePC("main.main", 1), addrOf("main.out"), I("i32.const", o.size), { op: "call", sym: "runtime.printstring" },
      ...savePC("main.main", 2), addrOf("main.msg"), I("i32.const", s.size), { op: "call", sym: "runtime.gopanic" },
    ],
  });
  return link(program([main], [s, o])).wasm;
}

/** A body for the stand-in core's start() that returns the u32 at `addr` as the exit code. */
export function startReturningU32(addr: number): Instr[] {
  return [I("i32.const", addr), I("i32.load", 4, 0)];
}

/** A body for start() that traps, as a runtime core with a bug would. */
export const START_TRAPS: Instr[] = [I("unreachable")];

export { L };
