// What the linker needs to know about the ppc64 relocations the encoder
// emits: a BL's R_PPC64_REL24 to a function of the same object is resolved
// in place; the ADDR16_HA/LO pairs of addresses stay in the object, since
// Go's static model puts absolute addresses in the code.

import type { RelocPatcher } from "../arch.js";

const R_PPC64_REL24 = 10;

/** The LI field of an I-form branch: bits 6..29 of the word, a word-aligned signed 26-bit byte offset. */
const LI_MASK = 0x03fffffc;

export const ppc64RelocPatcher: RelocPatcher = {
  patchPCRel(code, off, type, value) {
    if (type !== R_PPC64_REL24) return false;
    if (value % 4 !== 0 || value < -(1 << 25) || value >= 1 << 25) throw new RangeError(`ppc64: call displacement ${value} out of BL's reach`);
    const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
    view.setUint32(off, ((view.getUint32(off, false) & ~LI_MASK) | (value & LI_MASK)) >>> 0, false);
    return true;
  },
};
