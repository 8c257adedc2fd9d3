// Builders for hand-made object files in the linker and loader tests.

import * as L from "../../assembly/layout.js";
import type { DataSym, FuncSym, Instr, ObjFile } from "../../host/linker/obj.js";

export const I = (op: string, ...imm: (number | bigint)[]): Instr => (imm.length ? { op, imm } : { op });

export const pcReloc = (sym: string, add: number): Instr => ({ op: "i32.const", reloc: { kind: "pc", sym, add } });

export const addrOf = (sym: string, add = 0): Instr => ({ op: "i32.const", reloc: { kind: "addr", sym, add } });

/** Stores the PC of call site `k` of `self` in the frame's saved-PC slot at [g.sp]. */
export function savePC(self: string, k: number): Instr[] {
  return [I("i32.const", L.G_SP), I("i32.load", 4, 0), pcReloc(self, k), I("i32.store", 4, L.FRAME_SAVED_PC)];
}

export function func(name: string, over: Partial<FuncSym> = {}): FuncSym {
  return {
    name,
    abi: "ABIInternal",
    wrapper: false,
    file: "/src/main.go",
    line: 3,
    type: { params: ["i32"], results: [] },
    locals: [],
    code: [],
    frameSize: 0,
    argsSize: 0,
    siteLines: [],
    deferreturnSite: 0,
    ...over,
  };
}

export function data(name: string, bytes: number[] | Uint8Array, over: Partial<DataSym> = {}): DataSym {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return { name, align: 4, bytes: b, size: b.length, relocs: [], ...over };
}

/** A program of the given functions with an empty runtime type block. */
export function program(funcs: FuncSym[], extra: DataSym[] = []): ObjFile {
  return {
    funcs,
    data: [...extra, data("runtime.types", [], { size: L.RT_SIZE })],
    mainSym: "main.main",
    rtTypesSym: "runtime.types",
    stackSize: 65536,
  };
}
