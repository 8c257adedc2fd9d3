// An interpreter for the ARM (A32) instructions arch/arm's lowering emits,
// so the tests can run the int64-on-register-pairs and divide sequences on
// numbers rather than only disassemble them: conditional execution, data
// processing with immediate and shifted-register operands and the NZCV
// flags, MOVW/MOVT, MUL/UMULL/SMULL, SXTB/SXTH/UXTB/UXTH, word, byte and
// halfword loads and stores with immediate and register offsets (pre- and
// post-indexed), B, BL and BLX. It decodes the words the encoder produced,
// from the ARM Architecture Reference Manual's encodings, not the
// encoder's texts. Calls to runtime functions are handed to the caller.

export interface ArmMachine {
  r: Uint32Array;
  mem: DataView;
  n: boolean;
  z: boolean;
  c: boolean;
  v: boolean;
}

/** What a BL to a symbol does: the test's stand-in for a runtime function. */
export type CallHook = (m: ArmMachine, sym: string) => void;

const PC = 15;

export function newMachine(memSize: number): ArmMachine {
  return { r: new Uint32Array(16), mem: new DataView(new ArrayBuffer(memSize)), n: false, z: false, c: false, v: false };
}

function condHolds(m: ArmMachine, cond: number): boolean {
  switch (cond) {
    case 0: return m.z;
    case 1: return !m.z;
    case 2: return m.c;
    case 3: return !m.c;
    case 4: return m.n;
    case 5: return !m.n;
    case 6: return m.v;
    case 7: return !m.v;
    case 8: return m.c && !m.z;
    case 9: return !m.c || m.z;
    case 10: return m.n === m.v;
    case 11: return m.n !== m.v;
    case 12: return !m.z && m.n === m.v;
    case 13: return m.z || m.n !== m.v;
    case 14: return true;
  }
  throw new Error(`condition ${cond}`);
}

/** A register's value as an operand: the PC reads 8 bytes ahead. */
function reg(m: ArmMachine, n: number, pc: number): number {
  return n === PC ? (pc + 8) >>> 0 : m.r[n]!;
}

/** Shifts v by `amount` (a register's low byte, or an immediate where 0 means 32 for LSR/ASR). */
function shiftBy(v: number, type: number, amount: number): number {
  switch (type) {
    case 0: return amount >= 32 ? 0 : (v << amount) >>> 0;
    case 1: return amount >= 32 ? 0 : v >>> amount;
    case 2: return amount >= 32 ? (v >> 31) >>> 0 : (v >> amount) >>> 0;
    default: return amount % 32 === 0 ? v : ((v >>> (amount % 32)) | (v << (32 - (amount % 32)))) >>> 0;
  }
}

/** operand2 of a data-processing instruction. */
function operand2(m: ArmMachine, w: number, pc: number): number {
  if (w & (1 << 25)) {
    const rot = ((w >>> 8) & 0xf) * 2;
    const imm = w & 0xff;
    return rot === 0 ? imm : ((imm >>> rot) | (imm << (32 - rot))) >>> 0;
  }
  const rm = reg(m, w & 0xf, pc);
  const type = (w >>> 5) & 3;
  if (w & 0x10) return shiftBy(rm, type, m.r[(w >>> 8) & 0xf]! & 0xff);
  const imm = (w >>> 7) & 0x1f;
  return imm === 0 && type !== 0 ? shiftBy(rm, type, 32) : shiftBy(rm, type, imm);
}

/** a + b + carry with the flags it sets. */
function addWithCarry(m: ArmMachine, a: number, b: number, carry: number, setFlags: boolean): number {
  const wide = a + b + carry;
  const result = wide >>> 0;
  if (setFlags) {
    m.n = (result & 0x80000000) !== 0;
    m.z = result === 0;
    m.c = wide > 0xffffffff;
    m.v = ((a ^ result) & (b ^ result) & 0x80000000) !== 0;
  }
  return result;
}

function dataProcessing(m: ArmMachine, w: number, pc: number): void {
  const op = (w >>> 21) & 0xf;
  const s = (w & (1 << 20)) !== 0;
  const rn = reg(m, (w >>> 16) & 0xf, pc);
  const rd = (w >>> 12) & 0xf;
  const b = operand2(m, w, pc);
  const c = m.c ? 1 : 0;
  const logical = (v: number) => {
    if (s) throw new Error(`flag-setting logical operation ${w.toString(16)} is not used by the lowering`);
    return v >>> 0;
  };
  let result: number | undefined;
  switch (op) {
    case 0: result = logical(rn & b); break;
    case 1: result = logical(rn ^ b); break;
    case 2: result = addWithCarry(m, rn, ~b >>> 0, 1, s); break;
    case 3: result = addWithCarry(m, b, ~rn >>> 0, 1, s); break;
    case 4: result = addWithCarry(m, rn, b, 0, s); break;
    case 5: result = addWithCarry(m, rn, b, c, s); break;
    case 6: result = addWithCarry(m, rn, ~b >>> 0, c, s); break;
    case 10: addWithCarry(m, rn, ~b >>> 0, 1, true); break;
    case 11: addWithCarry(m, rn, b, 0, true); break;
    case 12: result = logical(rn | b); break;
    case 13: result = logical(b); break;
    case 14: result = logical(rn & ~b); break;
    case 15: result = logical(~b); break;
    default: throw new Error(`data-processing opcode ${op}`);
  }
  if (result !== undefined) m.r[rd] = result;
}

/** LDR/STR and the halfword and signed byte forms: [Rn, offset] pre-indexed (with write-back) or post-indexed. */
function transfer(m: ArmMachine, w: number, pc: number, offset: number, load: boolean, size: 1 | 2 | 4, signed: boolean): void {
  const rn = (w >>> 16) & 0xf;
  const rt = (w >>> 12) & 0xf;
  const pre = (w & (1 << 24)) !== 0;
  const up = (w & (1 << 23)) !== 0;
  const base = reg(m, rn, pc);
  const moved = (up ? base + offset : base - offset) >>> 0;
  const at = pre ? moved : base;
  if (load) {
    const v = size === 4 ? m.mem.getUint32(at, true) : size === 2 ? (signed ? m.mem.getInt16(at, true) : m.mem.getUint16(at, true)) : signed ? m.mem.getInt8(at) : m.mem.getUint8(at);
    m.r[rt] = v >>> 0;
  } else {
    const v = reg(m, rt, pc);
    if (size === 4) m.mem.setUint32(at, v, true);
    else if (size === 2) m.mem.setUint16(at, v & 0xffff, true);
    else m.mem.setUint8(at, v & 0xff);
  }
  if (!pre || (w & (1 << 21))) m.r[rn] = moved;
}

/**
 * Runs `code` (loaded at `origin`) from m.r[15] until the PC leaves it, and
 * returns. BL's targets are found in `calls` (code offset -> symbol) and
 * handed to `hook`, as the object leaves them to the final link.
 */
export function run(m: ArmMachine, code: Uint8Array, origin: number, calls: Map<number, string>, hook: CallHook, maxSteps = 100000): void {
  const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
  for (let step = 0; step < maxSteps; step++) {
    const pc = m.r[PC]!;
    const off = pc - origin;
    if (off < 0 || off >= code.length) return;
    const w = view.getUint32(off, true);
    m.r[PC] = pc + 4;
    if (!condHolds(m, w >>> 28)) continue;
    execute(m, w, pc, () => {
      const sym = calls.get(off);
      if (!sym) throw new Error(`BL at ${off} has no relocation`);
      hook(m, sym);
    });
  }
  throw new Error("the code did not return");
}

function execute(m: ArmMachine, w: number, pc: number, callSymbol: () => void): void {
  if ((w & 0x0ff00000) === 0x03000000) {
    m.r[(w >>> 12) & 0xf] = ((w >>> 4) & 0xf000) | (w & 0xfff);
  } else if ((w & 0x0ff00000) === 0x03400000) {
    const rd = (w >>> 12) & 0xf;
    m.r[rd] = ((((w >>> 4) & 0xf000) | (w & 0xfff)) << 16 | (m.r[rd]! & 0xffff)) >>> 0;
  } else if ((w & 0x0ffffff0) === 0x012fff30) {
    throw new Error("BLX: the tests call no function values");
  } else if ((w & 0x0fe000f0) === 0x00000090) {
    m.r[(w >>> 16) & 0xf] = Math.imul(m.r[w & 0xf]!, m.r[(w >>> 8) & 0xf]!) >>> 0;
  } else if ((w & 0x0fa000f0) === 0x00800090) {
    const signed = (w & (1 << 22)) !== 0;
    const a = signed ? BigInt(m.r[w & 0xf]! | 0) : BigInt(m.r[w & 0xf]!);
    const b = signed ? BigInt(m.r[(w >>> 8) & 0xf]! | 0) : BigInt(m.r[(w >>> 8) & 0xf]!);
    const p = BigInt.asUintN(64, a * b);
    m.r[(w >>> 12) & 0xf] = Number(p & 0xffffffffn);
    m.r[(w >>> 16) & 0xf] = Number(p >> 32n);
  } else if ((w & 0x0f8f03f0) === 0x068f0070) {
    const v = m.r[w & 0xf]!;
    const rd = (w >>> 12) & 0xf;
    const kind = (w >>> 20) & 7;
    m.r[rd] = kind === 2 ? (v << 24 >> 24) >>> 0 : kind === 3 ? (v << 16 >> 16) >>> 0 : kind === 6 ? v & 0xff : v & 0xffff;
  } else if ((w & 0x0e000090) === 0x00000090 && (w & 0x60) !== 0) {
    const offset = w & (1 << 22) ? ((w >>> 4) & 0xf0) | (w & 0xf) : m.r[w & 0xf]!;
    const sh = (w >>> 5) & 3;
    transfer(m, w, pc, offset, (w & (1 << 20)) !== 0, sh === 2 ? 1 : 2, sh !== 1);
  } else if ((w & 0x0c000000) === 0) {
    dataProcessing(m, w, pc);
  } else if ((w & 0x0c000000) === 0x04000000) {
    const offset = w & (1 << 25) ? shiftBy(m.r[w & 0xf]!, (w >>> 5) & 3, (w >>> 7) & 0x1f) : w & 0xfff;
    transfer(m, w, pc, offset, (w & (1 << 20)) !== 0, w & (1 << 22) ? 1 : 4, false);
  } else if ((w & 0x0e000000) === 0x0a000000) {
    if (w & (1 << 24)) {
      m.r[14] = pc + 4;
      return callSymbol();
    }
    m.r[PC] = (pc + 8 + ((w << 8) >> 6)) >>> 0;
  } else {
    throw new Error(`instruction ${(w >>> 0).toString(16)} is not interpreted`);
  }
}
