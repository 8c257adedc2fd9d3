// The linker for the encode-only architectures, as Go's cmd/link lays out
// and relocates code, writing an ELF relocatable object rather than an
// executable: the functions in .text (aligned and padded with instructions
// of the architecture), the data symbols in .rodata, .data and .bss, the
// relocations that stay symbolic (runtime entry points, which the object
// leaves undefined, and addresses of data) and those it resolves (calls
// between the program's functions), and the function table with the
// open-coded defer funcdata in sections of their own. Each function's
// deferreturn offset is computed from its deferreturn call's relocation by
// seed 000's computeDeferReturn (pcln.ts).

import type { MachineArch } from "../../arch/arch.js";
import { linkName, type FuncReloc, type MachineFunc } from "../../arch/machine/func.js";
import {
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_WRITE,
  SHT_NOBITS,
  SHT_PROGBITS,
  STB_GLOBAL,
  STB_LOCAL,
  STT_FILE,
  STT_FUNC,
  STT_NOTYPE,
  STT_OBJECT,
  writeElf,
  type ElfReloc,
  type ElfSection,
  type ElfSymbol,
} from "./elf.js";
import { symName, type DataSym } from "./obj.js";
import { computeDeferReturn } from "./pcln.js";
import { LinkError } from "./sym.js";

export const TEXT = ".text";
export const RODATA = ".rodata";
export const DATA = ".data";
export const BSS = ".bss";
/** One entry per function (see FUNCTAB_FIELDS); names and funcdata are in the next two sections. */
export const FUNCTAB = ".deferlab.functab";
export const FUNCNAMES = ".deferlab.funcnames";
export const OPENDEFER = ".deferlab.opendefer";

/**
 * The u32 fields after each function-table entry's pointer-sized entry
 * address: name offset in FUNCNAMES, args size, frame size, deferreturn
 * offset (0: none), flags (FUNCTAB_WRAPPER, FUNCTAB_OPENDEFERS) and the
 * offset of the function's funcdata in OPENDEFER (NO_OPENDEFER: none).
 */
export const FUNCTAB_FIELDS = ["nameoff", "args", "frame", "deferreturn", "flags", "opendefer"] as const;
export const FUNCTAB_WRAPPER = 1;
export const FUNCTAB_OPENDEFERS = 4;
export const NO_OPENDEFER = 0xffffffff;

/** Prefix of the runtime's symbols, which the object leaves undefined. */
const RUNTIME_PREFIX = "runtime.";

export interface MachineObjInput {
  arch: MachineArch;
  funcs: MachineFunc[];
  data: DataSym[];
  /** The source file, for the STT_FILE symbol. */
  file: string;
}

/** A function placed in .text. */
export interface PlacedFunc {
  fn: MachineFunc;
  /** The ELF symbol. */
  sym: string;
  /** Offset of the entry in .text. */
  addr: number;
  /** seed 000's deferreturn offset from the entry, 0 without a deferreturn call. */
  deferreturn: number;
}

/** A code relocation after layout: where it is, what it names, and whether the linker resolved it. */
export interface LinkedReloc extends FuncReloc {
  /** Offset in .text. */
  textOff: number;
  /** The target's .text offset when it is a function of the object; else undefined. */
  targetAddr?: number;
  resolved: boolean;
}

export interface MachineObject {
  arch: MachineArch;
  elf: Uint8Array;
  text: Uint8Array;
  funcs: PlacedFunc[];
  codeRelocs: LinkedReloc[];
  /** Section and offset of each data symbol. */
  data: Map<string, { section: string; off: number }>;
  /** Symbols the object references but does not define. */
  undefined: string[];
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Appends bytes to a section under construction. */
class SectionBuf {
  private bytes: number[] = [];

  get size(): number {
    return this.bytes.length;
  }

  pad(align: number, filler: Uint8Array): void {
    const target = alignUp(this.bytes.length, align);
    if ((target - this.bytes.length) % Math.max(filler.length, 1) !== 0) {
      throw new Error(`padding of ${target - this.bytes.length} bytes is not a whole number of ${filler.length}-byte fillers`);
    }
    while (this.bytes.length < target) this.bytes.push(...filler);
  }

  put(b: Uint8Array | number[]): number {
    const at = this.bytes.length;
    this.bytes.push(...b);
    return at;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export function linkMachine(input: MachineObjInput): MachineObject {
  const { arch } = input;
  const errors: string[] = [];
  const funcs = placeFuncs(input);
  const text = concatText(input.arch, funcs);
  const funcAddr = new Map(funcs.map((f) => [f.sym, f.addr]));
  for (const f of funcs) {
    if (funcAddr.get(f.sym) !== f.addr) errors.push(`duplicated definition of symbol ${f.sym}`);
  }

  const dataSections = layoutData(input.data, errors);
  const dataOff = new Map<string, { section: string; off: number }>();
  for (const [section, placed] of dataSections) for (const p of placed.syms) dataOff.set(p.sym.name, { section, off: p.off });

  const defined = (name: string) => funcAddr.has(name) || dataOff.has(name);
  const undefinedSyms = new Set<string>();
  const reference = (name: string, user: string) => {
    if (defined(name)) return;
    if (name.startsWith(RUNTIME_PREFIX)) undefinedSyms.add(name);
    else errors.push(`${user}: relocation target ${name} not defined`);
  };

  const elfRelocs: ElfReloc[] = [];
  const labels = new Map<string, ElfSymbol>();
  const codeRelocs = relocateText(arch, funcs, text, funcAddr, elfRelocs, reference, labels);
  const dataSecs = relocateData(arch, dataSections, funcs, elfRelocs, reference, errors);
  const functab = functionTable(arch, funcs, elfRelocs);
  if (errors.length > 0) throw new LinkError([...new Set(errors)]);

  const sections: ElfSection[] = [
    { name: TEXT, type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, data: text, align: arch.funcAlign },
    ...dataSecs,
    { name: FUNCTAB, type: SHT_PROGBITS, flags: SHF_ALLOC, data: functab.table, align: arch.ptrSize },
    { name: FUNCNAMES, type: SHT_PROGBITS, flags: SHF_ALLOC, data: functab.names, align: 1 },
    { name: OPENDEFER, type: SHT_PROGBITS, flags: SHF_ALLOC, data: functab.opendefer, align: 1 },
    // Marks the object as not needing an executable stack, as compilers do.
    { name: ".note.GNU-stack", type: SHT_PROGBITS, flags: 0, data: new Uint8Array(), align: 1 },
  ];
  const symbols: ElfSymbol[] = [
    { name: input.file, value: 0, size: 0, type: STT_FILE, bind: STB_LOCAL, section: "ABS" },
    ...[...dataSections].flatMap(([section, placed]) =>
      placed.syms.map((p) => ({ name: p.sym.name, value: p.off, size: p.sym.size, type: STT_OBJECT, bind: STB_LOCAL, section })),
    ),
    ...labels.values(),
    ...funcs.map((f) => ({ name: f.sym, value: f.addr, size: f.fn.code.length, type: STT_FUNC, bind: STB_GLOBAL, section: TEXT })),
    ...[...undefinedSyms].sort().map((name) => ({ name, value: 0, size: 0, type: STT_NOTYPE, bind: STB_GLOBAL })),
  ];
  const elf = writeElf({
    class: arch.elf.class,
    bigEndian: arch.bigEndian,
    machine: arch.elf.machine,
    flags: arch.elf.flags,
    rela: arch.elf.rela,
    sections,
    symbols,
    relocs: elfRelocs,
  });
  return { arch, elf, text, funcs, codeRelocs, data: dataOff, undefined: [...undefinedSyms].sort() };
}

/** Entry offsets in .text, each aligned to the architecture's function alignment. */
function placeFuncs(input: MachineObjInput): PlacedFunc[] {
  let at = 0;
  return input.funcs.map((fn) => {
    at = alignUp(at, input.arch.funcAlign);
    const placed = {
      fn,
      sym: linkName(symName(fn)),
      addr: at,
      deferreturn: fn.deferreturnReloc === undefined ? 0 : computeDeferReturn(input.arch.name, fn.deferreturnReloc),
    };
    at += fn.code.length;
    return placed;
  });
}

function concatText(arch: MachineArch, funcs: PlacedFunc[]): Uint8Array {
  const buf = new SectionBuf();
  for (const f of funcs) {
    buf.pad(arch.funcAlign, arch.pad);
    buf.put(f.fn.code);
  }
  return buf.finish();
}

/**
 * Resolves calls between the program's functions (S + A - P, patched by
 * the architecture) and turns every other code relocation into an ELF one,
 * naming a local label (collected in `labels`) where the architecture's
 * relocation type asks for one.
 */
function relocateText(
  arch: MachineArch,
  funcs: PlacedFunc[],
  text: Uint8Array,
  funcAddr: Map<string, number>,
  out: ElfReloc[],
  reference: (name: string, user: string) => void,
  labels: Map<string, ElfSymbol>,
): LinkedReloc[] {
  const linked: LinkedReloc[] = [];
  // Labels may share a name; relocations tell them apart by their key.
  const labelAt = (name: string, off: number) => {
    const key = `${name}@${off}`;
    if (!labels.has(key)) labels.set(key, { name, key, value: off, size: 0, type: STT_NOTYPE, bind: STB_LOCAL, section: TEXT });
    return key;
  };
  for (const f of funcs) {
    for (const r of f.fn.relocs) {
      const textOff = f.addr + r.off;
      // A relocation naming no symbol is an operator that continues the one
      // before it at the same place (LoongArch's R_LARCH_SOP_* stack
      // relocations): it is resolved, or left in the object, with that one.
      const head = linked[linked.length - 1];
      if (r.sym === "" && head?.textOff === textOff) {
        linked.push({ ...r, textOff, resolved: head.resolved });
        if (!head.resolved) out.push({ section: TEXT, offset: textOff, sym: "", type: r.type, addend: r.add });
        continue;
      }
      const targetAddr = funcAddr.get(r.sym);
      const resolved = targetAddr !== undefined && arch.reloc.patchPCRel(text, textOff, r.type, targetAddr + r.add - textOff);
      linked.push({ ...r, textOff, ...(targetAddr !== undefined ? { targetAddr } : {}), resolved });
      if (resolved) continue;
      reference(r.sym, f.sym);
      arch.reloc.writeAddend?.(text, textOff, r.type, r.add);
      const label = arch.reloc.label?.(r.type);
      out.push(
        label === undefined
          ? { section: TEXT, offset: textOff, sym: r.sym, type: r.type, addend: r.add }
          : { section: TEXT, offset: textOff, sym: labelAt(label.name, textOff + label.offset), type: r.type, addend: 0 },
      );
    }
  }
  return linked;
}

interface PlacedData {
  sym: DataSym;
  off: number;
}

interface DataSection {
  syms: PlacedData[];
  size: number;
}

/**
 * Read-only data is what the compiler makes for itself (strings, type
 * descriptors, itabs: `go:` and `type:` symbols) and static funcvals
 * (`F·f`), as Go puts them in rodata; the rest are package variables and
 * runtime tables, writable, in .bss when they start out zero.
 */
function sectionOf(d: DataSym): string {
  if (d.name.startsWith("go:") || d.name.startsWith("type:") || d.name.endsWith("·f")) return RODATA;
  const zero = d.relocs.length === 0 && d.bytes.every((b) => b === 0);
  return zero ? BSS : DATA;
}

function layoutData(data: DataSym[], errors: string[]): Map<string, DataSection> {
  const sections = new Map<string, DataSection>([RODATA, DATA, BSS].map((n) => [n, { syms: [], size: 0 }]));
  for (const d of data) {
    if (d.size < d.bytes.length) errors.push(`${d.name}: size ${d.size} is smaller than its ${d.bytes.length} bytes of contents`);
    if (d.align <= 0 || (d.align & (d.align - 1)) !== 0) errors.push(`${d.name}: alignment ${d.align} is not a power of two`);
    const sec = sections.get(sectionOf(d))!;
    const off = alignUp(sec.size, Math.max(d.align, 1));
    sec.syms.push({ sym: d, off });
    sec.size = off + d.size;
  }
  return sections;
}

/**
 * The data sections' contents with their relocations: addresses of data
 * and functions (the IR's "tableindex" of a function is its address on a
 * machine) become the architecture's 4-byte absolute relocations; a
 * deferreturn offset is a constant the linker knows.
 */
function relocateData(
  arch: MachineArch,
  sections: Map<string, DataSection>,
  funcs: PlacedFunc[],
  out: ElfReloc[],
  reference: (name: string, user: string) => void,
  errors: string[],
): ElfSection[] {
  const deferreturnOf = new Map(funcs.map((f) => [f.sym, f.deferreturn]));
  const result: ElfSection[] = [];
  for (const [name, sec] of sections) {
    if (sec.syms.length === 0) continue;
    if (name === BSS) {
      result.push({ name, type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, data: new Uint8Array(sec.size), align: maxAlign(sec) });
      continue;
    }
    const bytes = new Uint8Array(sec.size);
    const view = new DataView(bytes.buffer);
    for (const { sym, off } of sec.syms) {
      bytes.set(sym.bytes, off);
      for (const r of sym.relocs) {
        const at = off + r.off;
        const target = linkName(r.sym);
        if (r.kind === "deferreturn") {
          view.setUint32(at, deferreturnOf.get(target) ?? 0, !arch.bigEndian);
        } else if (r.kind === "pc") {
          errors.push(`${sym.name}: a call-site PC (of ${r.sym}) has no meaning on ${arch.name}`);
        } else {
          reference(target, sym.name);
          view.setUint32(at, arch.elf.rela ? 0 : r.add >>> 0, !arch.bigEndian);
          out.push({ section: name, offset: at, sym: target, type: arch.elf.abs32[0], addend: r.add });
        }
      }
    }
    const flags = name === RODATA ? SHF_ALLOC : SHF_ALLOC | SHF_WRITE;
    result.push({ name, type: SHT_PROGBITS, flags, data: bytes, align: maxAlign(sec) });
  }
  return result;
}

function maxAlign(sec: DataSection): number {
  return Math.max(1, ...sec.syms.map((p) => p.sym.align));
}

/**
 * The function table: per function its entry address (a pointer-sized
 * absolute relocation), then the u32 FUNCTAB_FIELDS, in the architecture's
 * byte order.
 */
function functionTable(arch: MachineArch, funcs: PlacedFunc[], out: ElfReloc[]): { table: Uint8Array; names: Uint8Array; opendefer: Uint8Array } {
  const ptr = arch.ptrSize;
  const entrySize = ptr + 4 * FUNCTAB_FIELDS.length;
  const table = new Uint8Array(entrySize * funcs.length);
  const view = new DataView(table.buffer);
  const names = new SectionBuf();
  const opendefer = new SectionBuf();
  const le = !arch.bigEndian;
  funcs.forEach((f, i) => {
    const at = i * entrySize;
    out.push({ section: FUNCTAB, offset: at, sym: f.sym, type: arch.elf.absPtr[0], addend: 0 });
    const fields = [
      names.put([...new TextEncoder().encode(f.fn.name), 0]),
      f.fn.argsSize,
      f.fn.frameSize,
      f.deferreturn,
      (f.fn.wrapper ? FUNCTAB_WRAPPER : 0) | (f.fn.openDeferInfo ? FUNCTAB_OPENDEFERS : 0),
      f.fn.openDeferInfo ? opendefer.put(f.fn.openDeferInfo) : NO_OPENDEFER,
    ];
    fields.forEach((v, k) => view.setUint32(at + ptr + 4 * k, v >>> 0, le));
  });
  return { table, names: names.finish(), opendefer: opendefer.finish() };
}
