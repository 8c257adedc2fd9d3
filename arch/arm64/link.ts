// What the linker needs to know about arm64 relocations. The object is
// RELA, so addends stay out of the code; the linker resolves only BL's
// R_AARCH64_CALL26 between the program's own functions. ADRP+ADD addresses
// (R_AARCH64_ADR_PREL_PG_HI21, R_AARCH64_ADD_ABS_LO12_NC) stay in the object
// even for functions it defines, as Go's R_ADDRARM64 does until the final link.

import type { RelocPatcher } from "../arch.js";
import { R_AARCH64_CALL26 } from "./asm.js";

/** BL's imm26 field: a word offset reaching ±128 MiB. */
function patchImm26(code: Uint8Array, off: number, bytes: number): void {
  if (bytes % 4 !== 0 || bytes < -(1 << 27) || bytes >= 1 << 27) {
    throw new RangeError(`arm64: BL displacement ${bytes} is not a multiple of 4 within ±128 MiB`);
  }
  const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
  const word = view.getUint32(off, true);
  view.setUint32(off, ((word & 0xfc000000) | ((bytes >> 2) & 0x03ffffff)) >>> 0, true);
}

export const arm64RelocPatcher: RelocPatcher = {
  patchPCRel(code, off, type, value) {
    if (type !== R_AARCH64_CALL26) return false;
    patchImm26(code, off, value);
    return true;
  },
};
