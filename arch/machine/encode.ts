// Helpers every machine encoder (arch/*/asm.ts) shares: building an Inst from
// its bytes or from 32-bit instruction words in the target's byte order, the
// signed-range and 64-bit-wrap checks on immediates, and Go's spelling of a
// symbol operand.

import type { Inst, InstReloc } from "./inst.js";

/** An Inst from its encoded bytes; `relocs` is left off when there are none. */
export function bytesInst(text: string, bytes: Uint8Array, relocs?: InstReloc[]): Inst {
  return relocs ? { bytes, text, relocs } : { bytes, text };
}

/** An Inst from 32-bit machine words, little-endian unless `bigEndian`. */
export function wordsInst(text: string, words: readonly number[], bigEndian: boolean, relocs?: InstReloc[]): Inst {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w >>> 0, !bigEndian));
  return bytesInst(text, bytes, relocs);
}

/** Whether v fits `bits` signed bits. */
export function fitsSigned(v: bigint | number, bits: number): boolean {
  const b = BigInt(v);
  return b >= -(1n << BigInt(bits - 1)) && b < 1n << BigInt(bits - 1);
}

/** v wrapped to a signed 64-bit value. */
export function toInt64(v: bigint | number): bigint {
  return BigInt.asIntN(64, BigInt(v));
}

/** Go's `sym(SB)`, `sym+n(SB)` or `sym-n(SB)`. */
export function symText(sym: string, add: number): string {
  return `${sym}${add === 0 ? "" : add > 0 ? `+${add}` : add}(SB)`;
}

/** Go's memory operand `disp(base)`, the displacement left off when 0; `base` is the register as Go spells it. */
export function memText(disp: number, base: string): string {
  return `${disp === 0 ? "" : disp}(${base})`;
}

/** `$imm, Rs, Rd`, or `$imm, Rd` when source and destination agree, as Go prints it (registers as Go spells them). */
export function immOperands(imm: number | bigint, rs: string, rd: string): string {
  return rs === rd ? `$${imm}, ${rd}` : `$${imm}, ${rs}, ${rd}`;
}

/** A branch target `disp` bytes away on a 4-byte-instruction machine, as Go prints it: `n(PC)`. */
export function pcText(disp: number): string {
  return `${disp / 4}(PC)`;
}
