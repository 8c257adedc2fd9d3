// What every architecture provides to the compiler and the linker: the
// lowering of one IR function (its own ssaGenValue and block ends, as in
// cmd/compile/internal/<arch>/ssa.go) and the facts the linker needs about
// the code it produced. wasm lowers to a wasm FuncSym that runs; the other
// architectures lower to machine code (arch/machine/) for inspection.

import type * as ir from "../host/compiler/ssa/ir.js";
import type { FuncSym } from "../host/linker/obj.js";
import type { ArchFamily } from "../host/linker/pcln.js";
import type { MachineFunc } from "./machine/func.js";
import type { Lowering } from "./machine/lowering.js";

export type { ArchFamily };

/**
 * How a frame that recovered a panic resumes (seed 000):
 * - `deferreturn-pc`: today's protocol. Recovery resumes the frame at
 *   `entry + deferreturn`; a `defer` block lowers like a `plain` one.
 * - `return1`: the earlier handshake. deferproc/deferprocStack "return 1"
 *   when a deferred call recovered, and the `defer` block tests that result
 *   and branches to the deferreturn block. Kept for listings and size
 *   comparisons; an architecture documents whether its runtime supports it.
 */
export type RecoveryProtocol = "deferreturn-pc" | "return1";

export const RECOVERY_PROTOCOLS: readonly RecoveryProtocol[] = ["deferreturn-pc", "return1"];

export interface LowerOptions {
  /** Defaults to `deferreturn-pc`. */
  recoveryProtocol?: RecoveryProtocol;
}

/** What all architectures share: a name, a pointer size and a lowering. */
export interface Arch<Lowered = FuncSym> {
  /**
   * GOARCH spelling: `wasm`, `amd64`, `arm64`, ... It is also the family
   * the linker's computeDeferReturn (host/linker/pcln.ts, the one place of
   * seed 000's per-architecture rule) adjusts deferreturn offsets for.
   */
  readonly name: ArchFamily;
  /** Size of a machine pointer (and register), in bytes. */
  readonly ptrSize: number;
  /** Lowers one function; the result still names other symbols. */
  lower(fn: ir.Func, opts?: LowerOptions): Lowered;
}

/** How an ELF relocatable object for the architecture is written. */
export interface ElfFacts {
  /** e_machine (EM_X86_64 = 62, EM_386 = 3, EM_AARCH64 = 183, ...). */
  machine: number;
  class: 32 | 64;
  /** e_flags (ABI flags; 0 on most architectures). */
  flags: number;
  /** RELA relocations (explicit addends), or REL with the addend in place (386, arm, mips). */
  rela: boolean;
  /** The relocation of a pointer-sized absolute address in data (R_X86_64_64, R_386_32, ...). */
  absPtr: [type: number, name: string];
  /**
   * The relocation of a 4-byte absolute address in data: the IR's memory
   * layout stores pointers in 4 bytes on every architecture (docs/abi.md,
   * "Encode-only architectures").
   */
  abs32: [type: number, name: string];
}

/** Relocation arithmetic the linker cannot do without knowing the instruction set. */
export interface RelocPatcher {
  /**
   * Writes the value of a PC-relative call or jump relocation whose target
   * lies in the same section: `value` is S + A - P (bytes). Returns false
   * for relocation types it does not resolve; they stay in the object.
   */
  patchPCRel(code: Uint8Array, off: number, type: number, value: number): boolean;
  /** REL architectures: stores the addend of a relocation in its field. */
  writeAddend?(code: Uint8Array, off: number, type: number, add: number): void;
  /**
   * For a relocation type left in the object that must name a label on
   * another instruction rather than its target (RISC-V's PCREL_LO12_I
   * names the AUIPC whose PCREL_HI20 names the target): where that
   * instruction is from the relocated one, and the label's name. The
   * linker defines a local label there and relocates against it with
   * addend 0.
   */
  label?(type: number): { offset: number; name: string } | undefined;
}

/** An encode-only architecture: its lowering, encoder facts and link facts. */
export interface MachineArch extends Arch<MachineFunc> {
  readonly bigEndian: boolean;
  readonly elf: ElfFacts;
  /**
   * The direct call instruction Go emits (CALL rel32, BL, JAL+delay slot,
   * BRASL, AUIPC+JALR): its size and the byte offset of its relocation.
   * Seed 000's computeDeferReturn takes that offset back to the call's
   * first byte; the tests check the two agree.
   */
  readonly call: { size: number; relocOffset: number };
  /** Function alignment in .text, and the filler between functions (valid instructions). */
  readonly funcAlign: number;
  readonly pad: Uint8Array;
  readonly reloc: RelocPatcher;
  /** The architecture's ssaGenValue, block-end pieces and frame shapes (arch/machine/lowering.ts). */
  readonly lowering: Lowering;
}
