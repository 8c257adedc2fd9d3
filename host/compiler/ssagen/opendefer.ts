// FUNCDATA_OpenCodedDeferInfo: how the runtime finds a frame's open-coded
// defers during a panic (seed 001). Every value is a varint so that the
// common case (small frames) costs one byte each; offsets are bytes below
// the frame's varp, so the record stays valid when the stack is copied.

/** One argument the runtime copies from a frame slot into the call's arg frame. */
export interface OpenDeferArg {
  /** Offset of the saved value below varp. */
  frameOffset: number;
  size: number;
  /** Offset of the argument in the ABI0 arg frame of the deferred call. */
  callOffset: number;
}

/** One open-coded defer statement, in order of appearance in the function. */
export interface OpenDefer {
  /** Size of the deferred call's ABI0 arg frame. */
  argWidth: number;
  /** Offset below varp of the slot holding the funcval to call. */
  closureOffset: number;
  /** Receiver (method or interface) first, then the arguments. */
  args: OpenDeferArg[];
}

export interface OpenDeferInfo {
  /** Offset below varp of the deferBits byte. */
  deferBitsOffset: number;
  defers: OpenDefer[];
}

/** The largest value the runtime's decoder accepts (five 7-bit groups). */
const MAX_VARINT = 1e9;

/** Appends v as a little-endian base-128 varint. */
export function appendVarint(out: number[], v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > MAX_VARINT) {
    throw new Error(`open-coded defer funcdata: value ${v} out of range`);
  }
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/**
 * Encodes the funcdata: max arg size, deferBits offset, number of defers,
 * then each defer in reverse order of appearance (the order the runtime
 * runs them in), each followed by its arguments.
 */
export function encodeOpenDeferInfo(info: OpenDeferInfo): Uint8Array {
  const out: number[] = [];
  const maxArgSize = info.defers.reduce((m, d) => Math.max(m, d.argWidth), 0);
  appendVarint(out, maxArgSize);
  appendVarint(out, info.deferBitsOffset);
  appendVarint(out, info.defers.length);
  for (const d of [...info.defers].reverse()) {
    appendVarint(out, d.argWidth);
    appendVarint(out, d.closureOffset);
    appendVarint(out, d.args.length);
    for (const a of d.args) {
      appendVarint(out, a.frameOffset);
      appendVarint(out, a.size);
      appendVarint(out, a.callOffset);
    }
  }
  return Uint8Array.from(out);
}
