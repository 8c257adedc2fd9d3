// What the linker needs to know about the relocations the mips and mips64
// encoders emit (big-endian words). A call's JAL to a function of the same
// object is resolved in place: J-type targets are absolute within the
// call's 256 MiB region, and .text starts that region in the object, so
// the field is the target's .text offset in words — what objdump shows and
// what the object's own layout means; a final link that moved .text would
// need R_MIPS_26 against the section instead. Everything else stays in the
// object; on mips (REL) the addends go into the fields: R_MIPS_26 its word
// count, R_MIPS_HI16 the high half rounded for the sign-extended low half
// that R_MIPS_LO16 adds.

import type { RelocPatcher } from "../arch.js";
import { R_MIPS_26, R_MIPS_HI16, R_MIPS_LO16 } from "./asm.js";

export const R_MIPS_32 = 2;
export const R_MIPS_64 = 18;

/** Replaces the bits of `mask` in the big-endian word at off. */
function patch(code: Uint8Array, off: number, mask: number, bits: number): void {
  const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
  view.setUint32(off, ((view.getUint32(off, false) & ~mask) | (bits & mask)) >>> 0, false);
}

const FIELD_26 = 0x3ffffff;
const FIELD_16 = 0xffff;

/** The patcher for mips (`rel`: addends in place) and mips64 (RELA). */
export function mipsRelocPatcher(rel: boolean): RelocPatcher {
  const patcher: RelocPatcher = {
    patchPCRel(code, off, type, value) {
      if (type !== R_MIPS_26) return false;
      // value is S + A - P, and P is the call's .text offset.
      patch(code, off, FIELD_26, (value + off) >>> 2);
      return true;
    },
  };
  if (rel) {
    patcher.writeAddend = (code, off, type, add) => {
      if (type === R_MIPS_26) patch(code, off, FIELD_26, add >> 2);
      else if (type === R_MIPS_HI16) patch(code, off, FIELD_16, (add + 0x8000) >> 16);
      else if (type === R_MIPS_LO16) patch(code, off, FIELD_16, add);
    };
  }
  return patcher;
}
