// What the linker needs to know about the loong64 relocations. Go 1.19
// emits LoongArch psABI v1's stack relocations: a call's BL carries
// R_LARCH_SOP_PUSH_PLT_PCREL against its target and then
// R_LARCH_SOP_POP_32_S_0_10_10_16_S2, which names no symbol and stores what
// the first pushed. A call to a function of the same object is resolved
// in place — BL's 26-bit word offset, its low 16 bits at bit 10 and its
// high 10 at bit 0 — and the operator after it goes with it (the machine
// linker drops a symbol-less relocation whose predecessor it resolved).
// Address loads (PCADDU12I + ADDI.D) stay in the object.

import type { RelocPatcher } from "../arch.js";
import { R_LARCH_SOP_PUSH_PLT_PCREL } from "./asm.js";

export const R_LARCH_32 = 1;
export const R_LARCH_64 = 2;

export const loong64RelocPatcher: RelocPatcher = {
  patchPCRel(code, off, type, value) {
    if (type !== R_LARCH_SOP_PUSH_PLT_PCREL) return false;
    const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
    const offs = value >> 2;
    const word = view.getUint32(off, true) & 0xfc000000;
    view.setUint32(off, (word | ((offs & 0xffff) << 10) | ((offs >> 16) & 0x3ff)) >>> 0, true);
    return true;
  },
};
