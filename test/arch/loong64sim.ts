// A model of the LoongArch64 instructions the loong64 lowering emits, for
// running lowered functions in the tests (mipsfamily.exec.test.ts), from
// the LoongArch reference manual: .W operations take the low 32 bits of
// their operands and sign-extend their result; the 32-bit divides, which
// the manual leaves undefined on LA64 unless both operands are
// sign-extended 32-bit values, stop the model with an error otherwise.
// Little-endian memory, no delay slots. It runs code from an entry until
// it returns to the link register's value at that entry; an instruction
// outside the subset is an error.

const s64 = (v: bigint) => BigInt.asIntN(64, v);
const s32 = (v: bigint) => BigInt.asIntN(32, v);
const u32 = (v: bigint) => BigInt.asUintN(32, v);
const u64 = (v: bigint) => BigInt.asUintN(64, v);

/** A signed field of `bits` bits at `at`. */
const field = (w: number, at: number, bits: number) => BigInt.asIntN(bits, BigInt(w >>> at));
const ufield = (w: number, at: number, bits: number) => BigInt.asUintN(bits, BigInt(w >>> at));

function sx(v: bigint, what: string): bigint {
  if (s32(v) !== v) throw new Error(`${what} of 0x${u64(v).toString(16)}, not a sign-extended 32-bit value: undefined on LA64`);
  return v;
}

type R3 = (a: bigint, b: bigint) => bigint;

/** The 3R operations, by their opcode (bits 15..31). */
const THREE_REG = new Map<number, R3>([
  [0x00100000, (a, b) => s32(a + b)], // ADD.W
  [0x00108000, (a, b) => a + b], // ADD.D
  [0x00110000, (a, b) => s32(a - b)], // SUB.W
  [0x00118000, (a, b) => a - b], // SUB.D
  [0x00120000, (a, b) => (a < b ? 1n : 0n)], // SLT
  [0x00128000, (a, b) => (u64(a) < u64(b) ? 1n : 0n)], // SLTU
  [0x00140000, (a, b) => ~(a | b)], // NOR
  [0x00148000, (a, b) => a & b], // AND
  [0x00150000, (a, b) => a | b], // OR
  [0x00158000, (a, b) => a ^ b], // XOR
  [0x00170000, (a, b) => s32(a << (b & 31n))], // SLL.W
  [0x00178000, (a, b) => s32(u32(a) >> (b & 31n))], // SRL.W
  [0x00180000, (a, b) => s32(a) >> (b & 31n)], // SRA.W
  [0x00188000, (a, b) => a << (b & 63n)], // SLL.D
  [0x00190000, (a, b) => u64(a) >> (b & 63n)], // SRL.D
  [0x00198000, (a, b) => a >> (b & 63n)], // SRA.D
  [0x001c0000, (a, b) => s32(s32(a) * s32(b))], // MUL.W
  [0x001d8000, (a, b) => a * b], // MUL.D
  [0x00200000, (a, b) => s32(divide(sx(a, "DIV.W"), sx(b, "DIV.W")))], // DIV.W
  [0x00208000, (a, b) => s32(remainder(sx(a, "MOD.W"), sx(b, "MOD.W")))], // MOD.W
  [0x00210000, (a, b) => s32(divide(u32(sx(a, "DIV.WU")), u32(sx(b, "DIV.WU"))))], // DIV.WU
  [0x00218000, (a, b) => s32(remainder(u32(sx(a, "MOD.WU")), u32(sx(b, "MOD.WU"))))], // MOD.WU
  [0x00220000, (a, b) => divide(a, b)], // DIV.D
  [0x00228000, (a, b) => remainder(a, b)], // MOD.D
  [0x00230000, (a, b) => divide(u64(a), u64(b))], // DIV.DU
  [0x00238000, (a, b) => remainder(u64(a), u64(b))], // MOD.DU
]);

function divide(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Error("divide by zero");
  return a / b;
}

function remainder(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Error("divide by zero");
  return a % b;
}

export class Loong64Machine {
  readonly regs: bigint[] = new Array(32).fill(0n);
  readonly mem: DataView;

  constructor(size = 1 << 16) {
    this.mem = new DataView(new ArrayBuffer(size));
  }

  private addr(v: bigint): number {
    const a = Number(u64(v));
    if (a >= this.mem.byteLength) throw new Error(`address 0x${a.toString(16)} outside memory`);
    return a;
  }

  load(size: 1 | 2 | 4 | 8, signed: boolean, at: bigint): bigint {
    const a = this.addr(at);
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.mem.getUint8(a + i));
    return signed ? BigInt.asIntN(size * 8, v) : v;
  }

  store(size: 1 | 2 | 4 | 8, at: bigint, v: bigint): void {
    const a = this.addr(at);
    for (let i = 0; i < size; i++, v >>= 8n) this.mem.setUint8(a + i, Number(v & 0xffn));
  }

  private set(r: number, v: bigint): void {
    if (r !== 0) this.regs[r] = s64(v);
  }

  /** Runs `code` (placed at address 0) from `entry` until it jumps to the link register's value at entry. */
  run(code: Uint8Array, entry = 0, maxSteps = 1_000_000): void {
    const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
    const exit = this.regs[1]!;
    let pc = BigInt(entry);
    for (let steps = 0; steps < maxSteps; steps++) {
      if (pc === exit) return;
      pc = this.step(view.getUint32(Number(pc), true), pc);
    }
    throw new Error("the function did not return");
  }

  /** Executes one instruction word; returns the next pc. */
  private step(w: number, pc: bigint): bigint {
    const rd = w & 31;
    const rj = (w >>> 5) & 31;
    const rk = (w >>> 10) & 31;
    const r = this.regs;
    const next = pc + 4n;
    const three = THREE_REG.get((w & 0xffff8000) >>> 0);
    if (three) {
      this.set(rd, three(r[rj]!, r[rk]!));
      return next;
    }
    const si12 = field(w, 10, 12);
    const ui12 = ufield(w, 10, 12);
    const si20 = field(w, 5, 20);
    const offs16 = field(w, 10, 16) << 2n;
    switch ((w & 0xffc00000) >>> 0) {
      case 0x00400000:
        return this.shiftImm(w, rd, rj, next);
      case 0x00c00000: {
        // BSTRPICK.D
        const [msb, lsb] = [ufield(w, 16, 6), ufield(w, 10, 6)];
        this.set(rd, BigInt.asUintN(Number(msb - lsb + 1n), u64(r[rj]!) >> lsb));
        return next;
      }
      case 0x02400000: // SLTUI
        this.set(rd, u64(r[rj]!) < u64(si12) ? 1n : 0n);
        return next;
      case 0x02800000: // ADDI.W
        this.set(rd, s32(r[rj]! + si12));
        return next;
      case 0x02c00000: // ADDI.D
        this.set(rd, r[rj]! + si12);
        return next;
      case 0x03000000: // LU52I.D
        this.set(rd, (si12 << 52n) | BigInt.asUintN(52, r[rj]!));
        return next;
      case 0x03400000: // ANDI
        this.set(rd, r[rj]! & ui12);
        return next;
      case 0x03800000: // ORI
        this.set(rd, r[rj]! | ui12);
        return next;
      case 0x03c00000: // XORI
        this.set(rd, r[rj]! ^ ui12);
        return next;
    }
    const memory: Record<number, [1 | 2 | 4 | 8, "load" | "loadu" | "store"]> = {
      0x28000000: [1, "load"],
      0x28400000: [2, "load"],
      0x28800000: [4, "load"],
      0x28c00000: [8, "load"],
      0x29000000: [1, "store"],
      0x29400000: [2, "store"],
      0x29800000: [4, "store"],
      0x29c00000: [8, "store"],
      0x2a000000: [1, "loadu"],
      0x2a400000: [2, "loadu"],
      0x2a800000: [4, "loadu"],
    };
    const access = memory[(w & 0xffc00000) >>> 0];
    if (access) {
      const [size, kind] = access;
      if (kind === "store") this.store(size, r[rj]! + si12, r[rd]!);
      else this.set(rd, this.load(size, kind === "load", r[rj]! + si12));
      return next;
    }
    switch ((w & 0xfe000000) >>> 0) {
      case 0x14000000: // LU12I.W
        this.set(rd, s32(si20 << 12n));
        return next;
      case 0x16000000: // LU32I.D
        this.set(rd, (BigInt.asIntN(20, si20) << 32n) | u32(r[rd]!));
        return next;
    }
    switch ((w & 0xfc000000) >>> 0) {
      case 0x4c000000: {
        // JIRL
        const target = r[rj]! + offs16;
        this.set(rd, next);
        return target;
      }
      case 0x50000000: // B
      case 0x54000000: // BL
        if ((w & 0xfc000000) >>> 0 === 0x54000000) this.set(1, next);
        return pc + (BigInt.asIntN(26, (ufield(w, 0, 10) << 16n) | ufield(w, 10, 16)) << 2n);
      case 0x58000000: // BEQ
        return r[rj] === r[rd] ? pc + offs16 : next;
      case 0x5c000000: // BNE
        return r[rj] !== r[rd] ? pc + offs16 : next;
    }
    throw new Error(`instruction 0x${w.toString(16).padStart(8, "0")} at 0x${pc.toString(16)} is not modelled`);
  }

  /** SLLI.W, SRAI.W (ui5) and SLLI.D, SRLI.D (ui6). */
  private shiftImm(w: number, rd: number, rj: number, next: bigint): bigint {
    const a = this.regs[rj]!;
    switch ((w & 0xffff8000) >>> 0) {
      case 0x00408000: // SLLI.W
        this.set(rd, s32(a << ufield(w, 10, 5)));
        return next;
      case 0x00488000: // SRAI.W
        this.set(rd, s32(a) >> ufield(w, 10, 5));
        return next;
    }
    switch ((w & 0xffff0000) >>> 0) {
      case 0x00410000: // SLLI.D
        this.set(rd, a << ufield(w, 10, 6));
        return next;
      case 0x00450000: // SRLI.D
        this.set(rd, u64(a) >> ufield(w, 10, 6));
        return next;
    }
    throw new Error(`shift 0x${w.toString(16)} is not modelled`);
  }
}
