// What the linker needs to know about x86 relocations: every one this
// encoder emits patches a 4-byte little-endian field.

import type { RelocPatcher } from "../arch.js";

function putInt32LE(code: Uint8Array, off: number, v: number): void {
  new DataView(code.buffer, code.byteOffset, code.byteLength).setInt32(off, v, true);
}

/**
 * Resolves the PC-relative types in `pcrel` (CALL rel32, RIP-relative
 * addresses); on a REL architecture (386) also stores addends in place.
 */
export function x86RelocPatcher(pcrel: readonly number[], rel: boolean): RelocPatcher {
  const patcher: RelocPatcher = {
    patchPCRel(code, off, type, value) {
      if (!pcrel.includes(type)) return false;
      putInt32LE(code, off, value);
      return true;
    },
  };
  if (rel) patcher.writeAddend = (code, off, _type, add) => putInt32LE(code, off, add);
  return patcher;
}
