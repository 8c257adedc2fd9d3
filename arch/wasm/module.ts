// The wasm module writer: sections in the order the binary format requires,
// with deduplicated function types, locals compressed into runs and a `name`
// section so engines show readable function names in stack traces.

import type { FuncType, ValType } from "../../host/linker/obj.js";
import { ByteWriter, FUNCREF, VALTYPE, encodeInstr, writeName, writeU32, type Resolver } from "./asm.js";

export interface Limits {
  min: number;
  max?: number;
}

export type Import =
  | { kind: "func"; module: string; name: string; type: FuncType }
  | ({ kind: "table" | "memory"; module: string; name: string } & Limits)
  | { kind: "global"; module: string; name: string; type: ValType; mutable: boolean };

export interface Func {
  name: string;
  type: FuncType;
  /** Locals beyond the parameters. */
  locals: readonly ValType[];
  /** Encoded instructions, without the function's final `end`. */
  body: Uint8Array;
}

export interface Global {
  type: ValType;
  mutable: boolean;
  init: number | bigint;
}

export interface Export {
  name: string;
  kind: "func" | "table" | "memory" | "global";
  index: number;
}

/** An active element segment of table 0. */
export interface ElemSegment {
  offset: number;
  funcs: readonly number[];
}

/** An active data segment of memory 0. */
export interface DataSegment {
  offset: number;
  bytes: Uint8Array;
}

export interface CustomSection {
  name: string;
  bytes: Uint8Array;
}

/** Function types, each stored once; indexes are stable once handed out. */
export class TypeTable {
  private readonly byKey = new Map<string, number>();
  readonly types: FuncType[] = [];

  index(t: FuncType): number {
    const key = `${t.params.join(",")}->${t.results.join(",")}`;
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.types.length;
      this.types.push({ params: [...t.params], results: [...t.results] });
      this.byKey.set(key, i);
    }
    return i;
  }
}

export interface Module {
  types: TypeTable;
  imports: Import[];
  funcs: Func[];
  table?: Limits;
  memory?: Limits;
  globals: Global[];
  exports: Export[];
  start?: number;
  elems: ElemSegment[];
  datas: DataSegment[];
  /** Written right after the header, so readers find them before the code. */
  customs: CustomSection[];
}

export function newModule(): Module {
  return {
    types: new TypeTable(),
    imports: [],
    funcs: [],
    globals: [],
    exports: [],
    elems: [],
    datas: [],
    customs: [],
  };
}

const MAGIC_AND_VERSION = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

const SECTION = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
} as const;

const EXTERNAL_KIND = { func: 0x00, table: 0x01, memory: 0x02, global: 0x03 } as const;
const FUNC_TYPE_FORM = 0x60;
const END = 0x0b;

export function writeModule(m: Module): Uint8Array<ArrayBuffer> {
  // Function bodies may intern types through m.types, so every other
  // section is produced before the type section is written.
  const sections: [number, Uint8Array | null][] = [
    [SECTION.import, vecSection(m.imports, (w, imp) => writeImport(w, imp, m.types))],
    [SECTION.function, vecSection(m.funcs, (w, f) => writeU32(w, m.types.index(f.type)))],
    [SECTION.table, m.table ? vecSection([m.table], writeTableType) : null],
    [SECTION.memory, m.memory ? vecSection([m.memory], writeLimits) : null],
    [SECTION.global, vecSection(m.globals, writeGlobal)],
    [SECTION.export, vecSection(m.exports, writeExport)],
    [SECTION.start, m.start === undefined ? null : section((w) => writeU32(w, m.start!))],
    [SECTION.element, vecSection(m.elems, writeElem)],
    [SECTION.code, vecSection(m.funcs, writeBody)],
    [SECTION.data, vecSection(m.datas, writeData)],
  ];
  const types = vecSection(m.types.types, writeFuncType);

  const out = new ByteWriter();
  out.bytes(MAGIC_AND_VERSION);
  for (const c of m.customs) writeSection(out, SECTION.custom, customPayload(c));
  if (types) writeSection(out, SECTION.type, types);
  for (const [id, payload] of sections) if (payload) writeSection(out, id, payload);
  writeSection(out, SECTION.custom, nameSection(m));
  return out.finish();
}

function section(fill: (w: ByteWriter) => void): Uint8Array {
  const w = new ByteWriter();
  fill(w);
  return w.finish();
}

/** A section holding a vector, or null when the vector is empty. */
function vecSection<T>(items: readonly T[], write: (w: ByteWriter, item: T) => void): Uint8Array | null {
  if (items.length === 0) return null;
  return section((w) => {
    writeU32(w, items.length);
    for (const item of items) write(w, item);
  });
}

function writeSection(out: ByteWriter, id: number, payload: Uint8Array): void {
  out.byte(id);
  writeU32(out, payload.length);
  out.bytes(payload);
}

function customPayload(c: CustomSection): Uint8Array {
  return section((w) => {
    writeName(w, c.name);
    w.bytes(c.bytes);
  });
}

function writeFuncType(w: ByteWriter, t: FuncType): void {
  w.byte(FUNC_TYPE_FORM);
  writeU32(w, t.params.length);
  for (const p of t.params) w.byte(VALTYPE[p]);
  writeU32(w, t.results.length);
  for (const r of t.results) w.byte(VALTYPE[r]);
}

function writeLimits(w: ByteWriter, l: Limits): void {
  if (l.max === undefined) {
    w.byte(0x00);
    writeU32(w, l.min);
  } else {
    w.byte(0x01);
    writeU32(w, l.min);
    writeU32(w, l.max);
  }
}

function writeTableType(w: ByteWriter, l: Limits): void {
  w.byte(FUNCREF);
  writeLimits(w, l);
}

function writeImport(w: ByteWriter, imp: Import, types: TypeTable): void {
  writeName(w, imp.module);
  writeName(w, imp.name);
  w.byte(EXTERNAL_KIND[imp.kind]);
  switch (imp.kind) {
    case "func":
      writeU32(w, types.index(imp.type));
      break;
    case "table":
      writeTableType(w, imp);
      break;
    case "memory":
      writeLimits(w, imp);
      break;
    case "global":
      w.byte(VALTYPE[imp.type]);
      w.byte(imp.mutable ? 1 : 0);
      break;
  }
}

/** Constant expressions hold one constant, so they name no symbols. */
const NO_SYMBOLS: Resolver = {
  funcIndex: (sym) => {
    throw new Error(`constant expression cannot call ${sym}`);
  },
  typeIndex: () => {
    throw new Error("constant expression cannot use a type");
  },
  reloc: (r) => {
    throw new Error(`constant expression cannot hold a ${r.kind} relocation`);
  },
};

function writeConstExpr(w: ByteWriter, type: ValType, v: number | bigint): void {
  encodeInstr(w, { op: `${type}.const`, imm: [type === "i64" ? BigInt(v) : Number(v)] }, NO_SYMBOLS);
  w.byte(END);
}

function writeGlobal(w: ByteWriter, g: Global): void {
  w.byte(VALTYPE[g.type]);
  w.byte(g.mutable ? 1 : 0);
  writeConstExpr(w, g.type, g.init);
}

function writeExport(w: ByteWriter, e: Export): void {
  writeName(w, e.name);
  w.byte(EXTERNAL_KIND[e.kind]);
  writeU32(w, e.index);
}

function writeElem(w: ByteWriter, e: ElemSegment): void {
  w.byte(0x00); // active, table 0, funcref
  writeConstExpr(w, "i32", e.offset);
  writeU32(w, e.funcs.length);
  for (const f of e.funcs) writeU32(w, f);
}

function writeData(w: ByteWriter, d: DataSegment): void {
  w.byte(0x00); // active, memory 0
  writeConstExpr(w, "i32", d.offset);
  writeU32(w, d.bytes.length);
  w.bytes(d.bytes);
}

/** Consecutive locals of one type become one `(count, type)` run. */
export function localRuns(locals: readonly ValType[]): [number, ValType][] {
  const runs: [number, ValType][] = [];
  for (const t of locals) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === t) last[0]++;
    else runs.push([1, t]);
  }
  return runs;
}

function writeBody(w: ByteWriter, f: Func): void {
  const body = section((b) => {
    const runs = localRuns(f.locals);
    writeU32(b, runs.length);
    for (const [count, t] of runs) {
      writeU32(b, count);
      b.byte(VALTYPE[t]);
    }
    b.bytes(f.body);
    b.byte(END);
  });
  writeU32(w, body.length);
  w.bytes(body);
}

const NAME_SUBSECTION_FUNCTIONS = 1;

/** The `name` section: one name per function, imports first, as indexed. */
function nameSection(m: Module): Uint8Array {
  const names = [
    ...m.imports.filter((i) => i.kind === "func").map((i) => `${i.module}.${i.name}`),
    ...m.funcs.map((f) => f.name),
  ];
  const funcNames = section((w) => {
    writeU32(w, names.length);
    names.forEach((name, i) => {
      writeU32(w, i);
      writeName(w, name);
    });
  });
  return section((w) => {
    writeName(w, "name");
    w.byte(NAME_SUBSECTION_FUNCTIONS);
    writeU32(w, funcNames.length);
    w.bytes(funcNames);
  });
}
