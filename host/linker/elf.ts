// An ELF relocatable object writer (ET_REL), ELF32 or ELF64, little- or
// big-endian, as the System V gABI lays it out: the header, each section's
// contents, then the section header table. The symbol table puts local
// symbols first (sh_info is the first global's index), relocation sections
// are `.rela.NAME` (or `.rel.NAME` on REL architectures) linked to it, and
// the string tables come last. Generic over the architecture's ELF facts.

export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;

export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_INFO_LINK = 0x40;

export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_FILE = 4;

const SHN_UNDEF = 0;
const SHN_ABS = 0xfff1;
const ET_REL = 1;

export interface ElfSection {
  name: string;
  type: number;
  flags: number;
  data: Uint8Array;
  align: number;
}

export interface ElfSymbol {
  name: string;
  /** What relocations call the symbol, where local labels share a name; its name by default. */
  key?: string;
  /** Offset in its section. */
  value: number;
  size: number;
  type: number;
  bind: number;
  /** The defining section's name; undefined for an undefined symbol, "ABS" for STT_FILE. */
  section?: string;
}

export interface ElfReloc {
  /** The section the relocation patches. */
  section: string;
  offset: number;
  /** The symbol's key (an ElfSymbol's, by default its name). */
  sym: string;
  type: number;
  addend: number;
}

export interface ElfObject {
  class: 32 | 64;
  bigEndian: boolean;
  machine: number;
  flags: number;
  /** RELA (explicit addends) or REL sections. */
  rela: boolean;
  sections: ElfSection[];
  symbols: ElfSymbol[];
  relocs: ElfReloc[];
}

/** A string table: NUL, then each distinct string NUL-terminated. */
class StringTable {
  private bytes: number[] = [0];
  private readonly offsets = new Map<string, number>();

  add(s: string): number {
    if (s === "") return 0;
    let off = this.offsets.get(s);
    if (off === undefined) {
      off = this.bytes.length;
      this.offsets.set(s, off);
      this.bytes.push(...new TextEncoder().encode(s), 0);
    }
    return off;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** Writes fixed-width fields in the object's byte order. */
class FieldWriter {
  private buf: number[] = [];

  constructor(
    private readonly wide: boolean,
    private readonly bigEndian: boolean,
  ) {}

  private int(v: bigint, size: number): void {
    const u = BigInt.asUintN(size * 8, v);
    const bytes: number[] = [];
    for (let i = 0; i < size; i++) bytes.push(Number((u >> BigInt(8 * i)) & 0xffn));
    this.buf.push(...(this.bigEndian ? bytes.reverse() : bytes));
  }

  u8(v: number): void {
    this.buf.push(v & 0xff);
  }

  u16(v: number): void {
    this.int(BigInt(v), 2);
  }

  u32(v: number): void {
    this.int(BigInt(v), 4);
  }

  /** An address, offset or size: 4 bytes in ELF32, 8 in ELF64. */
  word(v: number | bigint): void {
    this.int(BigInt(v), this.wide ? 8 : 4);
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.buf);
  }
}

interface Shdr {
  name: string;
  type: number;
  flags: number;
  data: Uint8Array;
  align: number;
  link: number;
  info: number;
  entsize: number;
}

export function writeElf(obj: ElfObject): Uint8Array {
  const wide = obj.class === 64;
  const fields = () => new FieldWriter(wide, obj.bigEndian);
  const shdrs: Shdr[] = [{ name: "", type: 0, flags: 0, data: new Uint8Array(), align: 0, link: 0, info: 0, entsize: 0 }];
  const sectionIndex = new Map<string, number>();
  for (const s of obj.sections) {
    sectionIndex.set(s.name, shdrs.length);
    shdrs.push({ ...s, link: 0, info: 0, entsize: 0 });
  }

  const strtab = new StringTable();
  const symbols = [...obj.symbols].sort((a, b) => Number(a.bind !== STB_LOCAL) - Number(b.bind !== STB_LOCAL));
  const symIndex = new Map<string, number>();
  const symtab = fields();
  writeSymbol(symtab, wide, { name: 0, value: 0, size: 0, info: 0, shndx: SHN_UNDEF });
  symbols.forEach((sym, i) => {
    symIndex.set(sym.key ?? sym.name, i + 1);
    writeSymbol(symtab, wide, {
      name: strtab.add(sym.name),
      value: sym.value,
      size: sym.size,
      info: (sym.bind << 4) | sym.type,
      shndx: sym.section === undefined ? SHN_UNDEF : sym.section === "ABS" ? SHN_ABS : shndxOf(sectionIndex, sym.section),
    });
  });
  const symtabIndex = shdrs.length + relocSectionCount(obj);
  const firstGlobal = symbols.findIndex((s) => s.bind !== STB_LOCAL);

  for (const s of obj.sections) {
    const rs = obj.relocs.filter((r) => r.section === s.name);
    if (rs.length === 0) continue;
    const w = fields();
    for (const r of rs) {
      // An empty name is no symbol (index 0), as a stack relocation's operators have.
      const sym = r.sym === "" ? 0 : symIndex.get(r.sym);
      if (sym === undefined) throw new Error(`ELF: relocation against unknown symbol ${r.sym}`);
      w.word(r.offset);
      w.word(wide ? (BigInt(sym) << 32n) | BigInt(r.type) : (sym << 8) | (r.type & 0xff));
      if (obj.rela) w.word(r.addend);
    }
    shdrs.push({
      name: `${obj.rela ? ".rela" : ".rel"}${s.name}`,
      type: obj.rela ? SHT_RELA : SHT_REL,
      flags: SHF_INFO_LINK,
      data: w.finish(),
      align: wide ? 8 : 4,
      link: symtabIndex,
      info: sectionIndex.get(s.name)!,
      entsize: (wide ? 8 : 4) * (obj.rela ? 3 : 2),
    });
  }
  const strtabIndex = symtabIndex + 1;
  shdrs.push({
    name: ".symtab",
    type: SHT_SYMTAB,
    flags: 0,
    data: symtab.finish(),
    align: wide ? 8 : 4,
    link: strtabIndex,
    info: firstGlobal < 0 ? symbols.length + 1 : firstGlobal + 1,
    entsize: wide ? 24 : 16,
  });
  shdrs.push({ name: ".strtab", type: SHT_STRTAB, flags: 0, data: strtab.finish(), align: 1, link: 0, info: 0, entsize: 0 });
  const shstrtab = new StringTable();
  const shstrtabShdr: Shdr = { name: ".shstrtab", type: SHT_STRTAB, flags: 0, data: new Uint8Array(), align: 1, link: 0, info: 0, entsize: 0 };
  shdrs.push(shstrtabShdr);
  const names = shdrs.map((s) => shstrtab.add(s.name));
  shstrtabShdr.data = shstrtab.finish();

  return layout(obj, shdrs, names, fields);
}

function relocSectionCount(obj: ElfObject): number {
  return obj.sections.filter((s) => obj.relocs.some((r) => r.section === s.name)).length;
}

function shndxOf(index: Map<string, number>, name: string): number {
  const i = index.get(name);
  if (i === undefined) throw new Error(`ELF: symbol in unknown section ${name}`);
  return i;
}

function writeSymbol(w: FieldWriter, wide: boolean, s: { name: number; value: number; size: number; info: number; shndx: number }): void {
  w.u32(s.name);
  if (wide) {
    w.u8(s.info);
    w.u8(0);
    w.u16(s.shndx);
    w.word(s.value);
    w.word(s.size);
  } else {
    w.word(s.value);
    w.word(s.size);
    w.u8(s.info);
    w.u8(0);
    w.u16(s.shndx);
  }
}

/** The header, the sections' contents in order, then the section header table. */
function layout(obj: ElfObject, shdrs: Shdr[], names: number[], fields: () => FieldWriter): Uint8Array {
  const wide = obj.class === 64;
  const ehsize = wide ? 64 : 52;
  const shentsize = wide ? 64 : 40;
  const offsets: number[] = [];
  let end = ehsize;
  for (const s of shdrs) {
    end = alignUp(end, Math.max(s.align, 1));
    offsets.push(end);
    if (s.type !== SHT_NOBITS) end += s.data.length;
  }
  const shoff = alignUp(end, wide ? 8 : 4);
  const out = new Uint8Array(shoff + shdrs.length * shentsize);

  const eh = fields();
  for (const b of [0x7f, 0x45, 0x4c, 0x46, wide ? 2 : 1, obj.bigEndian ? 2 : 1, 1]) eh.u8(b);
  for (let i = 7; i < 16; i++) eh.u8(0);
  eh.u16(ET_REL);
  eh.u16(obj.machine);
  eh.u32(1);
  eh.word(0); // e_entry
  eh.word(0); // e_phoff
  eh.word(shoff);
  eh.u32(obj.flags);
  eh.u16(ehsize);
  eh.u16(0); // e_phentsize
  eh.u16(0); // e_phnum
  eh.u16(shentsize);
  eh.u16(shdrs.length);
  eh.u16(shdrs.length - 1); // .shstrtab is last
  out.set(eh.finish(), 0);

  const sh = fields();
  shdrs.forEach((s, i) => {
    if (s.type !== SHT_NOBITS) out.set(s.data, offsets[i]!);
    sh.u32(names[i]!);
    sh.u32(s.type);
    sh.word(s.flags);
    sh.word(0); // sh_addr
    sh.word(i === 0 ? 0 : offsets[i]!);
    sh.word(s.data.length);
    sh.u32(s.link);
    sh.u32(s.info);
    sh.word(s.align);
    sh.word(s.entsize);
  });
  out.set(sh.finish(), shoff);
  return out;
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}
