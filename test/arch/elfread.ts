// A minimal ELF reader for the tests: section contents by name, and the
// function table the machine linker writes (host/linker/machine.ts), read
// back from the object's bytes rather than from the linker's own structures.

import { FUNCNAMES, FUNCTAB, FUNCTAB_FIELDS } from "../../host/linker/machine.js";

export interface ElfFile {
  wide: boolean;
  bigEndian: boolean;
  sections: Map<string, Uint8Array>;
}

export function readElf(bytes: Uint8Array): ElfFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wide = bytes[4] === 2;
  const le = bytes[5] === 1;
  const word = (off: number) => (wide ? Number(view.getBigUint64(off, le)) : view.getUint32(off, le));
  const shoff = word(wide ? 0x28 : 0x20);
  const shentsize = view.getUint16(wide ? 0x3a : 0x2e, le);
  const shnum = view.getUint16(wide ? 0x3c : 0x30, le);
  const shstrndx = view.getUint16(wide ? 0x3e : 0x32, le);
  const headers = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * shentsize;
    return {
      name: view.getUint32(at, le),
      offset: word(at + (wide ? 0x18 : 0x10)),
      size: word(at + (wide ? 0x20 : 0x14)),
    };
  });
  const strtab = headers[shstrndx]!;
  const cstring = (base: number, off: number) => {
    let end = base + off;
    while (bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(base + off, end));
  };
  const sections = new Map<string, Uint8Array>();
  for (const h of headers.slice(1)) sections.set(cstring(strtab.offset, h.name), bytes.subarray(h.offset, h.offset + h.size));
  return { wide, bigEndian: !le, sections };
}

export interface FuncTabEntry {
  name: string;
  args: number;
  frame: number;
  deferreturn: number;
  flags: number;
  opendefer: number;
}

/** The function table's entries (their entry addresses are relocations, and are not read). */
export function readFuncTab(elf: ElfFile): FuncTabEntry[] {
  const table = elf.sections.get(FUNCTAB)!;
  const names = elf.sections.get(FUNCNAMES)!;
  const ptr = elf.wide ? 8 : 4;
  const size = ptr + 4 * FUNCTAB_FIELDS.length;
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const entries: FuncTabEntry[] = [];
  for (let at = 0; at < table.length; at += size) {
    const f = FUNCTAB_FIELDS.map((_, k) => view.getUint32(at + ptr + 4 * k, !elf.bigEndian));
    const nameEnd = names.indexOf(0, f[0]);
    entries.push({
      name: new TextDecoder().decode(names.subarray(f[0], nameEnd)),
      args: f[1]!,
      frame: f[2]!,
      deferreturn: f[3]!,
      flags: f[4]!,
      opendefer: f[5]!,
    });
  }
  return entries;
}
