// What the linker needs to know about arm relocations. The ARM psABI's
// relocations are REL: every addend lives in the field the relocation
// patches (BL's imm24, MOVW/MOVT's imm16). The linker resolves BL's
// R_ARM_CALL between the program's own functions; MOVW/MOVT addresses stay
// in the object with their addends in place.

import type { RelocPatcher } from "../arch.js";
import { R_ARM_CALL, R_ARM_MOVT_ABS, R_ARM_MOVW_ABS_NC } from "./asm.js";

function view(code: Uint8Array): DataView {
  return new DataView(code.buffer, code.byteOffset, code.byteLength);
}

/** BL's imm24 field: a word offset reaching ±32 MiB (the -8 of the PC's bias is in the addend). */
function patchImm24(code: Uint8Array, off: number, bytes: number): void {
  if (bytes % 4 !== 0 || bytes < -(1 << 25) || bytes >= 1 << 25) {
    throw new RangeError(`arm: BL displacement ${bytes} is not a multiple of 4 within ±32 MiB`);
  }
  const v = view(code);
  v.setUint32(off, ((v.getUint32(off, true) & 0xff000000) | ((bytes >> 2) & 0xffffff)) >>> 0, true);
}

/**
 * MOVW/MOVT's imm4:imm12 field. As a REL addend it is read back sign-extended
 * from 16 bits for both halves (the MOVT then takes the high half of S + A).
 */
function patchImm16(code: Uint8Array, off: number, add: number): void {
  if (!Number.isInteger(add) || add < -0x8000 || add > 0x7fff) throw new RangeError(`arm: MOVW/MOVT addend ${add} does not fit 16 signed bits`);
  const u = add & 0xffff;
  const v = view(code);
  v.setUint32(off, ((v.getUint32(off, true) & 0xfff0f000) | (u >>> 12) << 16 | (u & 0xfff)) >>> 0, true);
}

export const armRelocPatcher: RelocPatcher = {
  patchPCRel(code, off, type, value) {
    if (type !== R_ARM_CALL) return false;
    patchImm24(code, off, value);
    return true;
  },
  writeAddend(code, off, type, add) {
    switch (type) {
      case R_ARM_CALL:
        return patchImm24(code, off, add);
      case R_ARM_MOVW_ABS_NC:
      case R_ARM_MOVT_ABS:
        return patchImm16(code, off, add);
      default:
        throw new Error(`arm: no addend field for relocation type ${type}`);
    }
  },
};
