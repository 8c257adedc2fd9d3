// The function table and funcdata (runtime/symtab.go): a PC names its
// function by table index (docs/abi.md section 6), so findfunc is a lookup.

import {
  FUNC_FILE, FUNC_FLAGS, FUNC_FRAMESIZE, FUNC_NAMELEN, FUNC_NAMEPTR,
  FUNC_PCLINE, FUNC_SIZE, G_MODULEDATA, MD_FILETAB, MD_FUNCTAB, MD_NFUNCTAB,
  MD_RTTYPES, PC_SHIFT, PC_SITE_MASK,
} from "../../assembly/layout.js";
import { load32, load8 } from "./builtins.js";
import { fatal } from "./panic.js";
import { first, pack, second, type Pair } from "./stubs.js";

export function moduledata(): number {
  return load32(G_MODULEDATA);
}

// rtword reads a word of the runtime type block (RT_* offsets).
export function rtword(off: number): number {
  return load32(load32(moduledata() + MD_RTTYPES) + off);
}

// funcbyindex returns the function-table entry of table index i, or 0 if
// the index is outside the table.
export function funcbyindex(i: number): number {
  const md = moduledata();
  if (i === 0 || i >= load32(md + MD_NFUNCTAB)) return 0;
  return load32(md + MD_FUNCTAB) + i * FUNC_SIZE;
}

export function findfunc(pc: number): number {
  return funcbyindex(pc >>> PC_SHIFT);
}

export function funcflags(f: number): number {
  return load32(f + FUNC_FLAGS);
}

// framesize is the N of the function's frame: its caller's frame is at
// sp + N (docs/abi.md section 7).
export function framesize(f: number): number {
  return load32(f + FUNC_FRAMESIZE);
}

export function funcentry(pc: number): number {
  return (pc & ~PC_SITE_MASK) >>> 0;
}

export function funcname(f: number): Pair {
  return pack(load32(f + FUNC_NAMEPTR), load32(f + FUNC_NAMELEN));
}

export function funcfile(f: number): Pair {
  const entry = load32(moduledata() + MD_FILETAB) + load32(f + FUNC_FILE) * 8;
  return pack(load32(entry), load32(entry + 4));
}

// funcline is the source line of the call site that pc resumes after.
export function funcline(f: number, pc: number): number {
  const pcline = load32(f + FUNC_PCLINE);
  if (pcline === 0) return 0;
  return load32(pcline + (pc & PC_SITE_MASK) * 4);
}

// readvarint decodes the varint at p (7 bits a byte, least significant
// group first, high bit set on all bytes but the last) and returns it
// paired with the address after it: see varintvalue and varintnext.
export function readvarint(p: number): Pair {
  let r = 0;
  let shift = 0;
  for (;;) {
    const b = load8(p);
    p++;
    if (b < 128) return pack((r + (b << shift)) >>> 0, p);
    r = (r + ((b & 127) << shift)) >>> 0;
    shift += 7;
    if (shift > 28) {
      fatal("Bad varint");
      return pack(0, p);
    }
  }
}

export function varintvalue(v: Pair): number {
  return first(v);
}

export function varintnext(v: Pair): number {
  return second(v);
}
