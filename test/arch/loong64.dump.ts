// What stands in for `objdump -dr -w` on loong64 objects, which GNU
// binutils 2.40 cannot disassemble: each function symbol of .text with its
// instructions decoded by loong64.disasm.ts (the LoongArch manual's
// syntax, branch targets made absolute hex addresses as objdump prints
// them) and the relocations of .rela.text at each instruction. A call's
// R_LARCH_SOP_* sequence shows as its relocation that names a symbol; the
// stack operators after it name none and only continue it.

import { readFileSync } from "node:fs";
import { decodeLoong64 } from "./loong64.disasm.js";

export interface DumpInst {
  addr: number;
  text: string;
  /** [relocation type, symbol], as objdump prints them. */
  relocs: [string, string][];
}

export interface DumpFunc {
  name: string;
  addr: number;
  insts: DumpInst[];
}

/** The R_LARCH_* names of the types the loong64 encoder emits. */
const RELOC_NAMES = new Map<number, string>([
  [1, "R_LARCH_32"],
  [2, "R_LARCH_64"],
  [22, "R_LARCH_SOP_PUSH_PCREL"],
  [23, "R_LARCH_SOP_PUSH_ABSOLUTE"],
  [29, "R_LARCH_SOP_PUSH_PLT_PCREL"],
  [32, "R_LARCH_SOP_SUB"],
  [33, "R_LARCH_SOP_SL"],
  [34, "R_LARCH_SOP_SR"],
  [40, "R_LARCH_SOP_POP_32_S_10_12"],
  [43, "R_LARCH_SOP_POP_32_S_5_20"],
  [45, "R_LARCH_SOP_POP_32_S_0_10_10_16_S2"],
]);

const STT_FUNC = 2;

interface Section {
  name: string;
  offset: number;
  size: number;
  link: number;
  info: number;
}

/** The sections of a little-endian ELF64 object. */
function sections(bytes: Uint8Array, view: DataView): Section[] {
  const shoff = Number(view.getBigUint64(0x28, true));
  const shnum = view.getUint16(0x3c, true);
  const shstrndx = view.getUint16(0x3e, true);
  const raw = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * 64;
    return {
      nameOff: view.getUint32(at, true),
      offset: Number(view.getBigUint64(at + 0x18, true)),
      size: Number(view.getBigUint64(at + 0x20, true)),
      link: view.getUint32(at + 0x28, true),
      info: view.getUint32(at + 0x2c, true),
    };
  });
  const names = raw[shstrndx]!.offset;
  return raw.map((s) => ({ ...s, name: cstring(bytes, names + s.nameOff) }));
}

function cstring(bytes: Uint8Array, at: number): string {
  let end = at;
  while (bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(at, end));
}

interface Symbol {
  name: string;
  value: number;
  type: number;
  shndx: number;
}

function symbols(bytes: Uint8Array, view: DataView, symtab: Section, strtab: Section): Symbol[] {
  const out: Symbol[] = [];
  for (let at = symtab.offset; at < symtab.offset + symtab.size; at += 24) {
    out.push({
      name: cstring(bytes, strtab.offset + view.getUint32(at, true)),
      type: bytes[at + 4]! & 0xf,
      shndx: view.getUint16(at + 6, true),
      value: Number(view.getBigUint64(at + 8, true)),
    });
  }
  return out;
}

/** A branch's byte offset, printed by the decoder as its last operand, made the target's address in hex. */
function absoluteTarget(text: string, addr: number): string {
  const m = /^(b|bl|beq|bne)( .*?)?(-?\d+)$/.exec(text);
  return m ? `${m[1]}${m[2] ?? " "}${(addr + Number(m[3])).toString(16)}` : text;
}

/** One object's functions, as `objdump -dr -w` would list them. */
export function dumpLoong64Object(bytes: Uint8Array): DumpFunc[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const secs = sections(bytes, view);
  const textIndex = secs.findIndex((s) => s.name === ".text");
  const text = secs[textIndex]!;
  const symtab = secs.find((s) => s.name === ".symtab")!;
  const syms = symbols(bytes, view, symtab, secs[symtab.link]!);
  const relocs = new Map<number, [string, string][]>();
  const rela = secs.find((s) => s.name === ".rela.text");
  for (let at = rela?.offset ?? 0; rela && at < rela.offset + rela.size; at += 24) {
    const info = view.getBigUint64(at + 8, true);
    const sym = syms[Number(info >> 32n)]!;
    if (sym.name === "") continue;
    const off = Number(view.getBigUint64(at, true));
    const type = Number(info & 0xffffffffn);
    relocs.set(off, [...(relocs.get(off) ?? []), [RELOC_NAMES.get(type) ?? `R_LARCH_${type}`, sym.name]]);
  }
  const funcs = syms.filter((s) => s.type === STT_FUNC && s.shndx === textIndex).sort((x, y) => x.value - y.value);
  return funcs.map((f, i) => {
    const end = funcs[i + 1]?.value ?? text.size;
    const insts: DumpInst[] = [];
    for (let addr = f.value; addr + 4 <= end; addr += 4) {
      const word = view.getUint32(text.offset + addr, true);
      insts.push({ addr, text: absoluteTarget(decodeLoong64(word), addr), relocs: relocs.get(addr) ?? [] });
    }
    return { name: f.name, addr: f.value, insts };
  });
}

/** The objects at `paths`, by path, as the corpus test reads objdump's output. */
export function dumpLoong64(paths: string[]): Map<string, DumpFunc[]> {
  return new Map(paths.map((p) => [p, dumpLoong64Object(readFileSync(p))]));
}
