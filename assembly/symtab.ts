// The function table and funcdata (runtime/symtab.go): a PC names its
// function by table index (docs/abi.md section 6), so findfunc is a lookup.

import {
  FUNC_FILE, FUNC_FLAGS, FUNC_FRAMESIZE, FUNC_NAMELEN, FUNC_NAMEPTR,
  FUNC_PCLINE, FUNC_SIZE, G_MODULEDATA, MD_FILETAB, MD_FUNCTAB, MD_NFUNCTAB,
  MD_RTTYPES, PC_SHIFT, PC_SITE_MASK,
} from "./layout";
import { fatal } from "./panic";
import { first, pack, second } from "./stubs";

@inline
export function moduledata(): u32 {
  return load<u32>(G_MODULEDATA);
}

// rtword reads a word of the runtime type block (RT_* offsets).
@inline
export function rtword(off: u32): u32 {
  return load<u32>(load<u32>(moduledata() + MD_RTTYPES) + off);
}

// funcbyindex returns the function-table entry of table index i, or 0 if
// the index is outside the table.
export function funcbyindex(i: u32): u32 {
  const md = moduledata();
  if (i == 0 || i >= load<u32>(md + MD_NFUNCTAB)) return 0;
  return load<u32>(md + MD_FUNCTAB) + i * FUNC_SIZE;
}

@inline
export function findfunc(pc: u32): u32 {
  return funcbyindex(pc >>> PC_SHIFT);
}

@inline
export function funcflags(f: u32): u32 {
  return load<u32>(f + FUNC_FLAGS);
}

// framesize is the N of the function's frame: its caller's frame is at
// sp + N (docs/abi.md section 7).
@inline
export function framesize(f: u32): u32 {
  return load<u32>(f + FUNC_FRAMESIZE);
}

@inline
export function funcentry(pc: u32): u32 {
  return pc & ~PC_SITE_MASK;
}

export function funcname(f: u32): u64 {
  return pack(load<u32>(f + FUNC_NAMEPTR), load<u32>(f + FUNC_NAMELEN));
}

export function funcfile(f: u32): u64 {
  const entry = load<u32>(moduledata() + MD_FILETAB) + (load<u32>(f + FUNC_FILE) << 3);
  return pack(load<u32>(entry), load<u32>(entry + 4));
}

// funcline is the source line of the call site that pc resumes after.
export function funcline(f: u32, pc: u32): u32 {
  const pcline = load<u32>(f + FUNC_PCLINE);
  if (pcline == 0) return 0;
  return load<u32>(pcline + ((pc & PC_SITE_MASK) << 2));
}

// readvarint decodes the varint at p (7 bits a byte, least significant
// group first, high bit set on all bytes but the last) and returns it
// packed with the address after it: see varintvalue and varintnext.
export function readvarint(p: u32): u64 {
  let r: u32 = 0;
  let shift: u32 = 0;
  while (true) {
    const b = <u32>load<u8>(p);
    p++;
    if (b < 128) return pack(r + (b << shift), p);
    r += (b & 127) << shift;
    shift += 7;
    if (shift > 28) {
      fatal("Bad varint");
      return pack(0, p);
    }
  }
}

@inline
export function varintvalue(v: u64): u32 {
  return first(v);
}

@inline
export function varintnext(v: u64): u32 {
  return second(v);
}
