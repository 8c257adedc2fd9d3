// Exact constant arithmetic (Go's go/constant for the subset: integers,
// booleans and strings) and representability checks.
//
// A string constant is a byte string: one JS char code (0..255) per byte of
// the Go string. Go strings are bytes, not text, so invalid UTF-8 from \x and
// octal escapes must survive concatenation, comparison, len and indexing.

import type { Operator } from "../syntax/nodes.js";
import { Basic, BasicKind, type ConstValue } from "./types.js";

/** [min, max] of each sized integer kind; int/uint/uintptr are 64-bit as on wasm and amd64. */
const INT_RANGES: Partial<Record<BasicKind, [bigint, bigint]>> = {
  [BasicKind.Int]: [-(1n << 63n), (1n << 63n) - 1n],
  [BasicKind.Int8]: [-128n, 127n],
  [BasicKind.Int16]: [-32768n, 32767n],
  [BasicKind.Int32]: [-(1n << 31n), (1n << 31n) - 1n],
  [BasicKind.Int64]: [-(1n << 63n), (1n << 63n) - 1n],
  [BasicKind.Uint]: [0n, (1n << 64n) - 1n],
  [BasicKind.Uint8]: [0n, 255n],
  [BasicKind.Uint16]: [0n, 65535n],
  [BasicKind.Uint32]: [0n, (1n << 32n) - 1n],
  [BasicKind.Uint64]: [0n, (1n << 64n) - 1n],
  [BasicKind.Uintptr]: [0n, (1n << 64n) - 1n],
};

/** Size in bits of a sized integer kind. */
export function intBits(kind: BasicKind): number {
  const r = INT_RANGES[kind];
  if (!r) return 0;
  const max = r[1];
  return max.toString(2).length + (r[0] < 0n ? 1 : 0);
}

/** Whether the value fits the basic type t (untyped kinds accept any value of their class). */
export function representableValue(v: ConstValue, t: Basic): boolean {
  const k = t.kind;
  if (typeof v === "boolean") return k === BasicKind.Bool || k === BasicKind.UntypedBool;
  if (typeof v === "string") return k === BasicKind.String || k === BasicKind.UntypedString;
  if (k === BasicKind.UntypedInt || k === BasicKind.UntypedRune) return true;
  const r = INT_RANGES[k];
  return r !== undefined && v >= r[0] && v <= r[1];
}

/** Wraps an integer to the width of kind (for constant conversions of typed values Go never wraps; used by ^ on unsigned). */
export function unsignedMask(kind: BasicKind): bigint {
  const r = INT_RANGES[kind]!;
  return r[1];
}

export class DivisionByZero extends Error {}

/** Evaluates x op y exactly. Throws DivisionByZero for / and % by 0. */
export function binaryOpValue(op: Operator, x: ConstValue, y: ConstValue): ConstValue {
  if (typeof x === "bigint" && typeof y === "bigint") return intOp(op, x, y);
  if (typeof x === "string" && typeof y === "string") {
    if (op === "+") return x + y;
    return compareValues(op, x < y ? -1 : x > y ? 1 : 0);
  }
  if (typeof x === "boolean" && typeof y === "boolean") {
    switch (op) {
      case "&&":
        return x && y;
      case "||":
        return x || y;
      case "==":
        return x === y;
      case "!=":
        return x !== y;
    }
  }
  throw new Error(`constant operation ${op} on mismatched values`);
}

function intOp(op: Operator, x: bigint, y: bigint): ConstValue {
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      if (y === 0n) throw new DivisionByZero();
      return x / y;
    case "%":
      if (y === 0n) throw new DivisionByZero();
      return x % y;
    case "&":
      return x & y;
    case "|":
      return x | y;
    case "^":
      return x ^ y;
    case "&^":
      return x & ~y;
    case "<<":
      return x << y;
    case ">>":
      return x >> y;
    default:
      return compareValues(op, x < y ? -1 : x > y ? 1 : 0);
  }
}

function compareValues(op: Operator, c: number): boolean {
  switch (op) {
    case "==":
      return c === 0;
    case "!=":
      return c !== 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
    default:
      throw new Error(`not a comparison: ${op}`);
  }
}

/** Evaluates a unary operation; `^` on unsigned typed values complements within the type's width. */
export function unaryOpValue(op: Operator, x: ConstValue, t: Basic): ConstValue {
  if (op === "!") return !x;
  const v = x as bigint;
  if (op === "-") return -v;
  if (op === "+") return v;
  if (t.kind >= BasicKind.Uint && t.kind <= BasicKind.Uintptr) return v ^ unsignedMask(t.kind);
  return ~v;
}

/** Go's printing of a constant value in messages (strings quoted, long strings shortened). */
export function valueString(v: ConstValue): string {
  if (typeof v !== "string") return String(v);
  const q = quoteGo(v);
  const max = 72;
  if (q.length <= max) return q;
  return q.slice(0, max - 3 - 1) + '..."';
}

/** Quotes a byte string as Go's strconv.Quote does for printable text, common escapes and invalid bytes. */
export function quoteGo(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; ) {
    const [c, size] = decodeRune(s, i);
    const ch = c < 0 ? "" : String.fromCodePoint(c);
    if (c < 0) out += "\\x" + s.charCodeAt(i).toString(16).padStart(2, "0");
    else if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
    i += size;
  }
  return out + '"';
}

/** The rune at byte i of a byte string and its size; -1 and size 1 for invalid UTF-8. */
function decodeRune(s: string, i: number): [number, number] {
  const b0 = s.charCodeAt(i);
  if (b0 < 0x80) return [b0, 1];
  const size = b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
  if (size === 0 || i + size > s.length) return [-1, 1];
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(byteStringBytes(s.slice(i, i + size)));
    return [text.codePointAt(0)!, size];
  } catch {
    return [-1, 1];
  }
}

/** The byte string holding the UTF-8 encoding of a JS string. */
export function utf8ByteString(text: string): string {
  return bytesToByteString(new TextEncoder().encode(text));
}

/** The bytes of a byte string. */
export function byteStringBytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

function bytesToByteString(bytes: ArrayLike<number>): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

/** Decodes the value of an int, rune or string literal; null when it is malformed. */
export function literalValue(kind: "int" | "rune" | "string", text: string): ConstValue | null {
  if (kind === "int") return intLiteral(text);
  if (kind === "rune") {
    const s = unquote(text.slice(1, -1), "'");
    if (s === null) return null;
    const cps = [...s.text];
    return BigInt(s.runes[0] ?? cps[0]?.codePointAt(0) ?? 0);
  }
  if (text.startsWith("`")) return utf8ByteString(text.slice(1, -1).replace(/\r/g, ""));
  return unquote(text.slice(1, -1), '"')?.text ?? null;
}

function intLiteral(text: string): bigint | null {
  const t = text.replace(/_/g, "");
  try {
    if (/^0[oO]/.test(t)) return BigInt("0o" + t.slice(2));
    if (/^0[0-7]+$/.test(t)) return BigInt("0o" + t.slice(1));
    return BigInt(t);
  } catch {
    return null;
  }
}

/**
 * Interprets escapes. Byte escapes (\x, octal) produce raw bytes; the text is
 * returned as a byte string; runes records each decoded code point.
 */
function unquote(body: string, quote: string): { text: string; runes: number[] } | null {
  const bytes: number[] = [];
  const runes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < body.length; ) {
    const cp = body.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    if (ch !== "\\") {
      bytes.push(...enc.encode(ch));
      runes.push(cp);
      continue;
    }
    const e = body[i++];
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };
    if (e !== undefined && e in simple) {
      bytes.push(simple[e]!);
      runes.push(simple[e]!);
    } else if (e === quote) {
      bytes.push(quote.charCodeAt(0));
      runes.push(quote.charCodeAt(0));
    } else if (e === "x" || (e !== undefined && e >= "0" && e <= "7")) {
      const n = e === "x" ? 2 : 3;
      const digits = e === "x" ? body.slice(i, i + 2) : body.slice(i - 1, i + 2);
      i += e === "x" ? 2 : 2;
      const b = parseInt(digits, e === "x" ? 16 : 8);
      if (Number.isNaN(b) || digits.length !== n || b > 255) return null;
      bytes.push(b);
      runes.push(b);
    } else if (e === "u" || e === "U") {
      const n = e === "u" ? 4 : 8;
      const v = parseInt(body.slice(i, i + n), 16);
      i += n;
      if (Number.isNaN(v) || v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return null;
      bytes.push(...enc.encode(String.fromCodePoint(v)));
      runes.push(v);
    } else {
      return null;
    }
  }
  return { text: bytesToByteString(bytes), runes };
}

/** Length in bytes of a Go string constant. */
export function byteLength(s: string): number {
  return s.length;
}
