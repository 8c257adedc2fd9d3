// Data layout and relocation, as Go's cmd/link does in data.go: the image
// is allocated front to back from IMAGE, data symbols are placed aligned
// after the runtime tables, and relocations in data and code are resolved
// to addresses, table indexes and PCs.

import { IMAGE, PC_SHIFT, PC_SITE_MASK } from "../../assembly/layout.js";
import type { CodeReloc } from "./obj.js";
import type { SymbolTable } from "./sym.js";

/** The program image under construction, addressed by absolute address. */
export class Image {
  private buf = new Uint8Array(4096);
  private size = 0;

  /** First address past everything allocated so far. */
  get end(): number {
    return IMAGE + this.size;
  }

  /** Reserves `size` zeroed bytes aligned to `align` and returns their address. */
  alloc(size: number, align: number): number {
    if (align <= 0 || (align & (align - 1)) !== 0) throw new Error(`alignment ${align} is not a power of two`);
    const start = alignUp(this.size, align);
    this.grow(start + size);
    this.size = start + size;
    return IMAGE + start;
  }

  /** Allocates and fills `bytes`, returning their address. */
  put(bytes: Uint8Array, align: number): number {
    const addr = this.alloc(bytes.length, align);
    this.set(addr, bytes);
    return addr;
  }

  set(addr: number, bytes: Uint8Array): void {
    this.buf.set(bytes, addr - IMAGE);
  }

  putU32(addr: number, v: number): void {
    new DataView(this.buf.buffer).setUint32(addr - IMAGE, v >>> 0, true);
  }

  /** The image, without trailing zero bytes: fresh wasm memory is zeroed already. */
  contents(): Uint8Array {
    let n = this.size;
    while (n > 0 && this.buf[n - 1] === 0) n--;
    return this.buf.slice(0, n);
  }

  private grow(need: number): void {
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const grown = new Uint8Array(cap);
    grown.set(this.buf.subarray(0, this.size));
    this.buf = grown;
  }
}

export function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/** Places every data symbol, in object-file order, and records its address. */
export function dodata(img: Image, syms: SymbolTable): void {
  for (const [name, placed] of syms.data) {
    const d = placed.sym;
    if (d.size < d.bytes.length) {
      syms.errorf(`${name}: size ${d.size} is smaller than its ${d.bytes.length} bytes of contents`);
    } else if (d.align <= 0 || (d.align & (d.align - 1)) !== 0) {
      syms.errorf(`${name}: alignment ${d.align} is not a power of two`);
    } else {
      placed.addr = img.alloc(d.size, d.align);
      img.set(placed.addr, d.bytes);
    }
  }
}

/** Writes the resolved value of every data relocation into the image. */
export function relocdata(img: Image, syms: SymbolTable): void {
  for (const [name, placed] of syms.data) {
    for (const r of placed.sym.relocs) {
      if (r.off < 0 || r.off + 4 > placed.sym.size) {
        syms.errorf(`${name}: relocation at offset ${r.off} lies outside the symbol's ${placed.sym.size} bytes`);
        continue;
      }
      img.putU32(placed.addr + r.off, relocValue(syms, r, name));
    }
  }
}

/** The value a relocation stands for; `user` is the symbol that holds it. */
export function relocValue(syms: SymbolTable, r: CodeReloc, user: string): number {
  switch (r.kind) {
    case "addr":
      return syms.dataAddr(r.sym, user) + r.add;
    case "tableindex":
      return syms.tableIndex(r.sym, user) + r.add;
    case "pc":
      return pcValue(syms, r, user);
    case "deferreturn":
      return syms.programFunc(r.sym, user)?.deferreturn ?? 0;
  }
}

function pcValue(syms: SymbolTable, r: CodeReloc, user: string): number {
  const index = syms.tableIndex(r.sym, user);
  const f = syms.funcs.get(r.sym);
  const lastSite = f ? f.sym.siteLines.length : PC_SITE_MASK;
  if (!Number.isInteger(r.add) || r.add < 0 || r.add > lastSite) {
    syms.errorf(`${user}: PC of call site ${r.add} of ${r.sym}, which has call sites 1..${lastSite}`);
    return 0;
  }
  return ((index << PC_SHIFT) | r.add) >>> 0;
}
