// A model of the MIPS instructions the mips and mips64 lowerings emit, for
// running lowered functions in the tests (mips.exec.test.ts): MIPS64
// semantics from the MIPS64 manual, 32-bit operations reading and writing
// sign-extended registers, so MIPS32 code runs on it as on a MIPS64 CPU.
// Where the manual calls a 32-bit operation UNPREDICTABLE for an operand
// that is not a sign-extended 32-bit value, the model stops with an error.
// Big-endian memory, branch delay slots, HI/LO. It runs code from an entry
// until it returns to the link register's value at that entry; an
// instruction outside the subset is an error.

const MASK64 = (1n << 64n) - 1n;

/** A 32-bit operation's operand, which MIPS64 requires sign-extended. */
function sx(v: bigint, what: string): bigint {
  if (BigInt.asIntN(32, v) !== v) throw new Error(`${what} of 0x${u64(v).toString(16)}, not a sign-extended 32-bit value: UNPREDICTABLE`);
  return v;
}

/** A 64-bit register value as a signed BigInt. */
const s64 = (v: bigint) => BigInt.asIntN(64, v);
/** The low 32 bits sign-extended, as 32-bit operations leave a register. */
const s32 = (v: bigint) => BigInt.asIntN(32, v);
const u32 = (v: bigint) => BigInt.asUintN(32, v);
const u64 = (v: bigint) => BigInt.asUintN(64, v);

export class MipsMachine {
  readonly regs: bigint[] = new Array(32).fill(0n);
  readonly mem: DataView;
  private hi = 0n;
  private lo = 0n;

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
    for (let i = 0; i < size; i++) v = (v << 8n) | BigInt(this.mem.getUint8(a + i));
    return signed ? BigInt.asIntN(size * 8, v) : v;
  }

  store(size: 1 | 2 | 4 | 8, at: bigint, v: bigint): void {
    const a = this.addr(at);
    for (let i = size - 1; i >= 0; i--, v >>= 8n) this.mem.setUint8(a + i, Number(v & 0xffn));
  }

  private set(r: number, v: bigint): void {
    if (r !== 0) this.regs[r] = s64(v);
  }

  /**
   * Runs `code` (placed at address 0) from `entry` until it jumps to the
   * link register's value at entry; `maxSteps` bounds a runaway loop.
   */
  run(code: Uint8Array, entry = 0, maxSteps = 1_000_000): void {
    const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
    const exit = this.regs[31]!;
    let pc = BigInt(entry);
    let delayed: bigint | undefined;
    for (let steps = 0; steps < maxSteps; steps++) {
      if (pc === exit) return;
      const w = view.getUint32(Number(pc), false);
      const target = this.step(w, pc);
      if (delayed !== undefined) {
        if (target !== undefined) throw new Error(`branch in a delay slot at 0x${pc.toString(16)}`);
        pc = delayed;
        delayed = undefined;
      } else {
        // A branch's target takes effect after its delay slot.
        delayed = target;
        pc += 4n;
      }
    }
    throw new Error("the function did not return");
  }

  /** Executes one instruction word; returns a taken branch's or jump's target. */
  private step(w: number, pc: bigint): bigint | undefined {
    const op = w >>> 26;
    const rs = (w >>> 21) & 31;
    const rt = (w >>> 16) & 31;
    const rd = (w >>> 11) & 31;
    const sa = (w >>> 6) & 31;
    const imm = BigInt((w << 16) >> 16);
    const uimm = BigInt(w & 0xffff);
    const r = this.regs;
    const a = r[rs]!;
    const b = r[rt]!;
    const branch = (taken: boolean) => (taken ? pc + 4n + (imm << 2n) : undefined);
    switch (op) {
      case 0:
        return this.special(w & 63, rs, rt, rd, sa, pc);
      case 2: // J
      case 3: {
        // JAL: the target lies in the delay slot's 256 MiB region.
        if (op === 3) this.set(31, pc + 8n);
        return ((pc + 4n) & ~0x0fffffffn) | (BigInt(w & 0x3ffffff) << 2n);
      }
      case 28:
        if ((w & 63) !== 2) break;
        this.set(rd, s32(sx(a, "MUL") * sx(b, "MUL")));
        return undefined;
      case 4:
        return branch(a === b);
      case 5:
        return branch(a !== b);
      case 9:
        this.set(rt, s32(sx(a, "ADDIU") + imm));
        return undefined;
      case 24:
      case 25:
        this.set(rt, a + imm);
        return undefined;
      case 11:
        this.set(rt, u64(a) < u64(imm) ? 1n : 0n);
        return undefined;
      case 12:
        this.set(rt, a & uimm);
        return undefined;
      case 13:
        this.set(rt, a | uimm);
        return undefined;
      case 14:
        this.set(rt, a ^ uimm);
        return undefined;
      case 15:
        this.set(rt, s32(uimm << 16n));
        return undefined;
    }
    const loads: Record<number, [1 | 2 | 4 | 8, boolean]> = { 32: [1, true], 33: [2, true], 35: [4, true], 36: [1, false], 37: [2, false], 39: [4, false], 55: [8, true] };
    const stores: Record<number, 1 | 2 | 4 | 8> = { 40: 1, 41: 2, 43: 4, 63: 8 };
    if (loads[op]) {
      const [size, signed] = loads[op]!;
      this.set(rt, this.load(size, signed, a + imm));
      return undefined;
    }
    if (stores[op]) {
      this.store(stores[op]!, a + imm, b);
      return undefined;
    }
    throw new Error(`instruction 0x${w.toString(16).padStart(8, "0")} at 0x${pc.toString(16)} is not modelled`);
  }

  private special(fn: number, rs: number, rt: number, rd: number, sa: number, pc: bigint): bigint | undefined {
    const r = this.regs;
    const a = r[rs]!;
    const b = r[rt]!;
    const n32 = a & 31n;
    const n64 = a & 63n;
    switch (fn) {
      case 0: // SLL
        this.set(rd, s32(b << BigInt(sa)));
        return undefined;
      case 2: // SRL
        this.set(rd, s32(u32(sx(b, "SRL")) >> BigInt(sa)));
        return undefined;
      case 3: // SRA
        this.set(rd, sx(b, "SRA") >> BigInt(sa));
        return undefined;
      case 4: // SLLV
        this.set(rd, s32(b << n32));
        return undefined;
      case 6: // SRLV
        this.set(rd, s32(u32(sx(b, "SRLV")) >> n32));
        return undefined;
      case 7: // SRAV
        this.set(rd, sx(b, "SRAV") >> n32);
        return undefined;
      case 8: // JR
        return a;
      case 9: // JALR
        this.set(rd, pc + 8n);
        return a;
      case 16: // MFHI
        this.set(rd, this.hi);
        return undefined;
      case 18: // MFLO
        this.set(rd, this.lo);
        return undefined;
      case 20: // DSLLV
        this.set(rd, b << n64);
        return undefined;
      case 22: // DSRLV
        this.set(rd, u64(b) >> n64);
        return undefined;
      case 23: // DSRAV
        this.set(rd, b >> n64);
        return undefined;
      case 24: // MULT
      case 25: {
        // MULTU
        const p = fn === 24 ? sx(a, "MULT") * sx(b, "MULT") : u32(sx(a, "MULTU")) * u32(sx(b, "MULTU"));
        this.lo = s32(p);
        this.hi = s32(p >> 32n);
        return undefined;
      }
      case 26: // DIV
      case 27: {
        // DIVU
        const [x, y] = fn === 26 ? [sx(a, "DIV"), sx(b, "DIV")] : [u32(sx(a, "DIVU")), u32(sx(b, "DIVU"))];
        if (y === 0n) throw new Error("DIV by zero");
        this.lo = s32(x / y);
        this.hi = s32(x % y);
        return undefined;
      }
      case 28: // DMULT
        this.lo = s64(a * b);
        this.hi = s64((a * b) >> 64n);
        return undefined;
      case 30: // DDIV
      case 31: {
        // DDIVU
        const [x, y] = fn === 30 ? [a, b] : [u64(a), u64(b)];
        if (y === 0n) throw new Error("DDIV by zero");
        this.lo = s64(x / y);
        this.hi = s64(x % y);
        return undefined;
      }
      case 33: // ADDU
        this.set(rd, s32(sx(a, "ADDU") + sx(b, "ADDU")));
        return undefined;
      case 35: // SUBU
        this.set(rd, s32(sx(a, "SUBU") - sx(b, "SUBU")));
        return undefined;
      case 36:
        this.set(rd, a & b);
        return undefined;
      case 37:
        this.set(rd, a | b);
        return undefined;
      case 38:
        this.set(rd, a ^ b);
        return undefined;
      case 39:
        this.set(rd, ~(a | b) & MASK64);
        return undefined;
      case 42: // SLT
        this.set(rd, a < b ? 1n : 0n);
        return undefined;
      case 43: // SLTU
        this.set(rd, u64(a) < u64(b) ? 1n : 0n);
        return undefined;
      case 44: // DADD
      case 45: // DADDU
        this.set(rd, a + b);
        return undefined;
      case 47: // DSUBU
        this.set(rd, a - b);
        return undefined;
      case 56: // DSLL
        this.set(rd, b << BigInt(sa));
        return undefined;
      case 60: // DSLL32
        this.set(rd, b << BigInt(sa + 32));
        return undefined;
      case 62: // DSRL32
        this.set(rd, u64(b) >> BigInt(sa + 32));
        return undefined;
    }
    throw new Error(`SPECIAL function ${fn} is not modelled`);
  }
}
