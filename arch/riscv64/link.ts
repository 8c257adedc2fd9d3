// What the linker needs to know about the riscv64 relocations the encoder
// emits. A call's AUIPC+JALR (R_RISCV_CALL_PLT on the AUIPC) and an
// address's AUIPC+ADDI (R_RISCV_PCREL_HI20 on the AUIPC, PCREL_LO12_I on
// the ADDI) to a function of the same object are resolved in place: the
// AUIPC takes the distance's high 20 bits rounded so that the sign-extended
// low 12 bits the JALR or ADDI adds complete it. The low part is relative
// to the AUIPC, 4 bytes before the ADDI. Left in the object, the LO12
// relocation names a label on that AUIPC, as the psABI requires.

import type { RelocPatcher } from "../arch.js";

const R_RISCV_CALL_PLT = 19;
const R_RISCV_PCREL_HI20 = 23;
const R_RISCV_PCREL_LO12_I = 24;

/** Where the AUIPC of a PCREL_LO12_I relocation is, from the relocated instruction. */
const AUIPC_BEFORE_LO12 = -4;
/**
 * The name the GNU assembler gives every such label (RISCV_FAKE_LABEL_NAME),
 * which objdump and the linker know not to show as a symbol of the code.
 */
const FAKE_LABEL = ".L0 ";

function high20(v: number): number {
  return Math.floor((v + 0x800) / 0x1000);
}

function low12(v: number): number {
  return ((v & 0xfff) ^ 0x800) - 0x800;
}

export const riscv64RelocPatcher: RelocPatcher = {
  patchPCRel(code, off, type, value) {
    const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
    const patch = (at: number, mask: number, bits: number) => view.setUint32(at, ((view.getUint32(at, true) & ~mask) | (bits & mask)) >>> 0, true);
    // U-type immediate (bits 12..31) and I-type immediate (bits 20..31).
    const upper = (at: number, v: number) => patch(at, 0xfffff000, high20(v) << 12);
    const lower = (at: number, v: number) => patch(at, 0xfff00000, low12(v) << 20);
    switch (type) {
      case R_RISCV_CALL_PLT:
        upper(off, value);
        lower(off + 4, value);
        return true;
      case R_RISCV_PCREL_HI20:
        upper(off, value);
        return true;
      case R_RISCV_PCREL_LO12_I:
        lower(off, value - AUIPC_BEFORE_LO12);
        return true;
      default:
        return false;
    }
  },
  label: (type) => (type === R_RISCV_PCREL_LO12_I ? { offset: AUIPC_BEFORE_LO12, name: FAKE_LABEL } : undefined),
};
