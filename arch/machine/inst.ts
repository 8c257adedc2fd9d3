// What every encode-only architecture's assembler (arch/NAME/asm.ts) hands
// to its lowering and, through it, to the linker: encoded instructions with
// their Go-syntax text and the relocations the linker must resolve, as Go's
// cmd/internal/obj produces a Prog's bytes and its Relocs.

/** A relocation inside one instruction (sequence). */
export interface InstReloc {
  /**
   * Byte offset, from the first byte of the Inst, of the field the linker
   * patches: Go's Reloc.Off relative to the instruction (amd64 CALL 1,
   * s390x BRASL 2, the fixed-width RISC architectures 0).
   */
  off: number;
  /** ELF r_type for this architecture (e.g. R_AARCH64_CALL26 = 283). */
  type: number;
  /** Its name, for listings and tests. */
  typeName: string;
  /** Target symbol (`runtime.deferreturn`, `main.f`, a data symbol). */
  sym: string;
  /** ELF RELA addend. */
  add: number;
}

/** One encoded machine instruction. */
export interface Inst {
  bytes: Uint8Array;
  /** Go assembler syntax, as `go tool objdump` prints it: `MOVQ 0x8(SP), AX`. */
  text: string;
  relocs?: InstReloc[];
}
