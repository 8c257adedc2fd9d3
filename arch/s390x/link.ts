// What the linker needs to know about the s390x relocations the encoder
// emits: BRASL's R_390_PLT32DBL and LARL's R_390_PC32DBL both patch a
// 32-bit field 2 bytes into the instruction with a halfword count. Their
// addend of +2 (arch/s390x/asm.ts) makes S + A - P, taken at the field,
// the distance from the instruction's first byte, as the hardware counts.

import type { RelocPatcher } from "../arch.js";

const R_390_PC32DBL = 19;
const R_390_PLT32DBL = 20;

export const s390xRelocPatcher: RelocPatcher = {
  patchPCRel(code, off, type, value) {
    if (type !== R_390_PC32DBL && type !== R_390_PLT32DBL) return false;
    if (value % 2 !== 0) throw new RangeError(`s390x: odd PC-relative distance ${value}`);
    new DataView(code.buffer, code.byteOffset, code.byteLength).setInt32(off, value / 2, false);
    return true;
  },
};
