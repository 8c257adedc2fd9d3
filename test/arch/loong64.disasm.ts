// A small LoongArch64 decoder for the loong64 encoder tests, written from
// the LoongArch reference manual's instruction formats and opcode table
// (binutils-multiarch 2.40 has no LoongArch, so GNU objdump cannot check
// field placement). It covers the instructions arch/loong64/asm.ts emits and
// prints them in the manual's assembly syntax with the LP64 register names:
// `ld.d $a0, $sp, 8`. Branch offsets print in bytes from the branch. The
// opcodes and field positions agree with binutils' loongarch-opc.c and with
// the formats and opcodes Linux's arch/loongarch/include/asm/inst.h takes
// from the manual's Table of Instruction Encoding.

const REG_NAMES = [
  "$zero", "$ra", "$tp", "$sp", "$a0", "$a1", "$a2", "$a3", "$a4", "$a5", "$a6", "$a7",
  "$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6", "$t7", "$t8", "$r21", "$fp",
  "$s0", "$s1", "$s2", "$s3", "$s4", "$s5", "$s6", "$s7", "$s8",
];

type Format =
  | "rd,rj,rk"
  | "rd,rj,ui5"
  | "rd,rj,ui6"
  | "rd,rj,msbd,lsbd"
  | "rd,rj,si12"
  | "rd,rj,ui12"
  | "rd,si20"
  | "rj,rd,offs16"
  | "rd,rj,offs16"
  | "offs26"
  | "code15"
  | "";

interface Opcode {
  match: number;
  mask: number;
  name: string;
  format: Format;
}

const M_3R = 0xffff8000;
const M_RI12 = 0xffc00000;
const M_RI20 = 0xfe000000;
const M_BR = 0xfc000000;

// Aliases come first, as the manual's table lists them before the general form.
const OPCODES: Opcode[] = [
  { match: 0x03400000, mask: 0xffffffff, name: "nop", format: "" },
  { match: 0x00150000, mask: 0xfffffc00, name: "move", format: "rd,rj,rk" },
  { match: 0x00100000, mask: M_3R, name: "add.w", format: "rd,rj,rk" },
  { match: 0x00108000, mask: M_3R, name: "add.d", format: "rd,rj,rk" },
  { match: 0x00110000, mask: M_3R, name: "sub.w", format: "rd,rj,rk" },
  { match: 0x00118000, mask: M_3R, name: "sub.d", format: "rd,rj,rk" },
  { match: 0x00120000, mask: M_3R, name: "slt", format: "rd,rj,rk" },
  { match: 0x00128000, mask: M_3R, name: "sltu", format: "rd,rj,rk" },
  { match: 0x00140000, mask: M_3R, name: "nor", format: "rd,rj,rk" },
  { match: 0x00148000, mask: M_3R, name: "and", format: "rd,rj,rk" },
  { match: 0x00150000, mask: M_3R, name: "or", format: "rd,rj,rk" },
  { match: 0x00158000, mask: M_3R, name: "xor", format: "rd,rj,rk" },
  { match: 0x00170000, mask: M_3R, name: "sll.w", format: "rd,rj,rk" },
  { match: 0x00178000, mask: M_3R, name: "srl.w", format: "rd,rj,rk" },
  { match: 0x00180000, mask: M_3R, name: "sra.w", format: "rd,rj,rk" },
  { match: 0x00188000, mask: M_3R, name: "sll.d", format: "rd,rj,rk" },
  { match: 0x00190000, mask: M_3R, name: "srl.d", format: "rd,rj,rk" },
  { match: 0x00198000, mask: M_3R, name: "sra.d", format: "rd,rj,rk" },
  { match: 0x001c0000, mask: M_3R, name: "mul.w", format: "rd,rj,rk" },
  { match: 0x001d8000, mask: M_3R, name: "mul.d", format: "rd,rj,rk" },
  { match: 0x00200000, mask: M_3R, name: "div.w", format: "rd,rj,rk" },
  { match: 0x00208000, mask: M_3R, name: "mod.w", format: "rd,rj,rk" },
  { match: 0x00210000, mask: M_3R, name: "div.wu", format: "rd,rj,rk" },
  { match: 0x00218000, mask: M_3R, name: "mod.wu", format: "rd,rj,rk" },
  { match: 0x00220000, mask: M_3R, name: "div.d", format: "rd,rj,rk" },
  { match: 0x00228000, mask: M_3R, name: "mod.d", format: "rd,rj,rk" },
  { match: 0x00230000, mask: M_3R, name: "div.du", format: "rd,rj,rk" },
  { match: 0x00238000, mask: M_3R, name: "mod.du", format: "rd,rj,rk" },
  { match: 0x002a0000, mask: M_3R, name: "break", format: "code15" },
  { match: 0x00408000, mask: M_3R, name: "slli.w", format: "rd,rj,ui5" },
  { match: 0x00410000, mask: 0xffff0000, name: "slli.d", format: "rd,rj,ui6" },
  { match: 0x00448000, mask: M_3R, name: "srli.w", format: "rd,rj,ui5" },
  { match: 0x00450000, mask: 0xffff0000, name: "srli.d", format: "rd,rj,ui6" },
  { match: 0x00488000, mask: M_3R, name: "srai.w", format: "rd,rj,ui5" },
  { match: 0x00490000, mask: 0xffff0000, name: "srai.d", format: "rd,rj,ui6" },
  { match: 0x00c00000, mask: 0xffc00000, name: "bstrpick.d", format: "rd,rj,msbd,lsbd" },
  { match: 0x02000000, mask: M_RI12, name: "slti", format: "rd,rj,si12" },
  { match: 0x02400000, mask: M_RI12, name: "sltui", format: "rd,rj,si12" },
  { match: 0x02800000, mask: M_RI12, name: "addi.w", format: "rd,rj,si12" },
  { match: 0x02c00000, mask: M_RI12, name: "addi.d", format: "rd,rj,si12" },
  { match: 0x03000000, mask: M_RI12, name: "lu52i.d", format: "rd,rj,si12" },
  { match: 0x03400000, mask: M_RI12, name: "andi", format: "rd,rj,ui12" },
  { match: 0x03800000, mask: M_RI12, name: "ori", format: "rd,rj,ui12" },
  { match: 0x03c00000, mask: M_RI12, name: "xori", format: "rd,rj,ui12" },
  { match: 0x14000000, mask: M_RI20, name: "lu12i.w", format: "rd,si20" },
  { match: 0x16000000, mask: M_RI20, name: "lu32i.d", format: "rd,si20" },
  { match: 0x1a000000, mask: M_RI20, name: "pcalau12i", format: "rd,si20" },
  { match: 0x1c000000, mask: M_RI20, name: "pcaddu12i", format: "rd,si20" },
  { match: 0x28000000, mask: M_RI12, name: "ld.b", format: "rd,rj,si12" },
  { match: 0x28400000, mask: M_RI12, name: "ld.h", format: "rd,rj,si12" },
  { match: 0x28800000, mask: M_RI12, name: "ld.w", format: "rd,rj,si12" },
  { match: 0x28c00000, mask: M_RI12, name: "ld.d", format: "rd,rj,si12" },
  { match: 0x29000000, mask: M_RI12, name: "st.b", format: "rd,rj,si12" },
  { match: 0x29400000, mask: M_RI12, name: "st.h", format: "rd,rj,si12" },
  { match: 0x29800000, mask: M_RI12, name: "st.w", format: "rd,rj,si12" },
  { match: 0x29c00000, mask: M_RI12, name: "st.d", format: "rd,rj,si12" },
  { match: 0x2a000000, mask: M_RI12, name: "ld.bu", format: "rd,rj,si12" },
  { match: 0x2a400000, mask: M_RI12, name: "ld.hu", format: "rd,rj,si12" },
  { match: 0x2a800000, mask: M_RI12, name: "ld.wu", format: "rd,rj,si12" },
  { match: 0x4c000000, mask: M_BR, name: "jirl", format: "rd,rj,offs16" },
  { match: 0x50000000, mask: M_BR, name: "b", format: "offs26" },
  { match: 0x54000000, mask: M_BR, name: "bl", format: "offs26" },
  { match: 0x58000000, mask: M_BR, name: "beq", format: "rj,rd,offs16" },
  { match: 0x5c000000, mask: M_BR, name: "bne", format: "rj,rd,offs16" },
];

/** The signed value of `bits` bits of v starting at bit `at`. */
function field(v: number, at: number, bits: number): number {
  const u = Math.floor(v / 2 ** at) % 2 ** bits;
  return u >= 2 ** (bits - 1) ? u - 2 ** bits : u;
}

function ufield(v: number, at: number, bits: number): number {
  return Math.floor(v / 2 ** at) % 2 ** bits;
}

function operands(w: number, f: Format): string[] {
  const rd = REG_NAMES[ufield(w, 0, 5)];
  const rj = REG_NAMES[ufield(w, 5, 5)];
  const rk = REG_NAMES[ufield(w, 10, 5)];
  switch (f) {
    case "rd,rj,rk":
      return [rd, rj, rk];
    case "rd,rj,ui5":
      return [rd, rj, String(ufield(w, 10, 5))];
    case "rd,rj,ui6":
      return [rd, rj, String(ufield(w, 10, 6))];
    case "rd,rj,msbd,lsbd":
      return [rd, rj, String(ufield(w, 16, 6)), String(ufield(w, 10, 6))];
    case "rd,rj,si12":
      return [rd, rj, String(field(w, 10, 12))];
    case "rd,rj,ui12":
      return [rd, rj, String(ufield(w, 10, 12))];
    case "rd,si20":
      return [rd, String(field(w, 5, 20))];
    case "rj,rd,offs16":
      return [rj, rd, String(field(w, 10, 16) * 4)];
    case "rd,rj,offs16":
      return [rd, rj, String(field(w, 10, 16) * 4)];
    case "offs26":
      // offs[15:0] at bits 10..25, offs[25:16] at bits 0..9.
      return [String((field(w, 0, 10) * 2 ** 16 + ufield(w, 10, 16)) * 4)];
    case "code15":
      return [String(ufield(w, 0, 15))];
    case "":
      return [];
  }
}

/** One instruction word in the manual's syntax, or `(bad)` when this table lacks it. */
export function decodeLoong64(w: number): string {
  const op = OPCODES.find((o) => (w & o.mask) >>> 0 === o.match);
  if (!op) return "(bad)";
  const args = operands(w, op.format);
  if (op.name === "move") return `move ${args[0]}, ${args[1]}`;
  return args.length === 0 ? op.name : `${op.name} ${args.join(", ")}`;
}

/** The little-endian words of `bytes`, decoded one per element. */
export function disasmLoong64(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: string[] = [];
  for (let at = 0; at + 4 <= bytes.length; at += 4) out.push(decodeLoong64(view.getUint32(at, true)));
  return out;
}
