// A function lowered to machine code (arch/machine/genssa.ts): its bytes,
// the relocations the linker resolves, and a listing that says what each
// instruction is for, as Go's compiler hands a function's Progs to the
// assembler and prints them with -S.

import type { ABI } from "../../host/linker/obj.js";
import type { InstReloc } from "./inst.js";

/**
 * The parts of the defer machinery a listing points out:
 * - `stackcheck`: the prologue's stack-bound check;
 * - `morestack`: the call to runtime.morestack at the function's end and the jump back;
 * - `deferrecord`: stores that fill in a stack-allocated `_defer` record;
 * - `deferprocStack`, `deferproc`, `deferreturn`: the calls to those;
 * - `deferbits`: loads, stores and tests of the open-coded defers' deferBits byte;
 * - `opendefer-exit`: an open-coded defer's call in the inline exit;
 * - `recovery`: the earlier protocol's test of deferproc's result and branch to the deferreturn block.
 */
export type DeferMark =
  | "stackcheck"
  | "morestack"
  | "deferrecord"
  | "deferprocStack"
  | "deferproc"
  | "deferreturn"
  | "deferbits"
  | "opendefer-exit"
  | "recovery";

/** A relocation at a byte offset from the function's entry. */
export type FuncReloc = InstReloc;

/** One instruction of a listing. */
export interface ListingEntry {
  /** Byte offset from the function's entry. */
  pc: number;
  bytes: Uint8Array;
  /** Go assembler syntax, as the encoder wrote it. */
  text: string;
  /** Source line the instruction belongs to. */
  line: number;
  mark?: DeferMark;
  /** A branch's target, as a byte offset from the function's entry. */
  target?: number;
  /** The instruction's relocations, offsets from the function's entry. */
  relocs?: FuncReloc[];
}

export interface MachineFunc {
  /** Go's name (`main.f`); the symbol is `linkName(name, abi)`. */
  name: string;
  abi: ABI;
  /** Hidden from tracebacks (ABI and method wrappers). */
  wrapper: boolean;
  file: string;
  line: number;
  code: Uint8Array;
  /** Every relocation in `code`, in code order. */
  relocs: FuncReloc[];
  listing: ListingEntry[];
  /** Bytes the prologue reserves below the incoming stack pointer. */
  frameSize: number;
  /** Size of the incoming arguments and results. */
  argsSize: number;
  /**
   * Offset from the entry of the relocation of the first call to
   * runtime.deferreturn (what Go's linker looks for), absent without one.
   */
  deferreturnReloc?: number;
  /** FUNCDATA_OpenCodedDeferInfo, when the function uses open-coded defers. */
  openDeferInfo?: Uint8Array;
}

/**
 * The ELF symbol of a function: its Go name for ABIInternal, `NAME.abi0`
 * for an ABI0 wrapper, as Go's linker names the ABI0 symbol when both exist.
 * The IR spells the latter `NAME<ABI0>` (host/linker/obj.ts symName).
 */
export function linkName(sym: string): string {
  return sym.endsWith("<ABI0>") ? `${sym.slice(0, -"<ABI0>".length)}.abi0` : sym;
}
