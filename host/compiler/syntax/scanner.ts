// The scanner: turns source text into Go tokens, inserting semicolons at
// line ends as the Go specification requires.

import type { LitKind, Operator } from "./nodes.js";
import { makePos, type Pos } from "./pos.js";

export const KEYWORDS = [
  "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
  "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
  "switch", "type", "var",
] as const;

export type Keyword = (typeof KEYWORDS)[number];

export type Token =
  | "EOF"
  | "name"
  | "literal"
  | "op" /** binary or unary operator other than * and <- (see op, prec) */
  | "assignop" /** op= */
  | "incop" /** ++ or -- */
  | "=" | ":=" | "<-" | "*"
  | "(" | "[" | "{" | ")" | "]" | "}"
  | "," | ";" | ":" | "." | "..."
  | Keyword;

const keywordSet: ReadonlySet<string> = new Set(KEYWORDS);

/** Binary operator precedences, as in the Go specification. */
export const PRECEDENCE: Partial<Record<Operator, number>> = {
  "||": 1,
  "&&": 2,
  "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
  "+": 4, "-": 4, "|": 4, "^": 4,
  "*": 5, "/": 5, "%": 5, "&": 5, "&^": 5, "<<": 5, ">>": 5,
};

export type ErrorHandler = (pos: Pos, msg: string) => void;

function isLetter(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || (c >= "\u0080" && /\p{L}/u.test(c));
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function utf8Len(c: string): number {
  const cp = c.codePointAt(0)!;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

export class Scanner {
  /** Current token. */
  tok: Token = "EOF";
  /** Position of the current token. */
  pos: Pos;
  /** Source text of names and literals; "semicolon", "newline" or "EOF" for semicolons. */
  lit = "";
  /** Literal kind for "literal" tokens. */
  litKind: LitKind = "int";
  /** True when the literal is malformed (already reported). */
  bad = false;
  /** Operator for "op", "assignop" and "incop" tokens (and "*", "<-"). */
  op: Operator = "+";
  /** Precedence of the operator of an "op" or "*" token (0 for unary-only operators). */
  prec = 0;

  private offset = 0;
  private line = 1;
  private col = 1;
  private nlsemi = false;

  constructor(
    private readonly filename: string,
    private readonly src: string,
    private readonly onError: ErrorHandler,
  ) {
    this.pos = makePos(filename, 1, 1);
  }

  private peek(k = 0): string {
    return this.src[this.offset + k] ?? "";
  }

  private advance(): string {
    const cp = this.src.codePointAt(this.offset);
    if (cp === undefined) return "";
    const c = String.fromCodePoint(cp);
    this.offset += c.length;
    if (c === "\n") {
      this.line++;
      this.col = 1;
    } else {
      this.col += utf8Len(c);
    }
    return c;
  }

  private here(): Pos {
    return makePos(this.filename, this.line, this.col);
  }

  private error(pos: Pos, msg: string): void {
    this.onError(pos, msg);
  }

  /** Advances to the next token. */
  next(): void {
    const nlsemi = this.nlsemi;
    this.nlsemi = false;
    for (;;) {
      this.skipSpace(nlsemi);
      this.pos = this.here();
      const c = this.peek();
      if (c === "") {
        if (nlsemi) return this.semi("EOF");
        this.tok = "EOF";
        return;
      }
      if (c === "\n") {
        this.advance();
        return this.semi("newline");
      }
      if (c === "/" && this.peek(1) === "/") {
        this.skipLineComment();
        continue;
      }
      if (c === "/" && this.peek(1) === "*") {
        if (this.skipGeneralComment() && nlsemi) return this.semi("newline");
        continue;
      }
      break;
    }
    const c = this.peek();
    if (isLetter(c)) return this.ident();
    if (isDigit(c) || (c === "." && isDigit(this.peek(1)))) return this.number();
    if (c === '"') return this.stdString();
    if (c === "`") return this.rawString();
    if (c === "'") return this.rune();
    this.operator();
  }

  private semi(lit: string): void {
    this.tok = ";";
    this.lit = lit;
  }

  private skipSpace(nlsemi: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t" || c === "\r" || (c === "\n" && !nlsemi)) this.advance();
      else return;
    }
  }

  private skipLineComment(): void {
    while (this.peek() !== "\n" && this.peek() !== "") this.advance();
  }

  /** Skips a block comment; returns true if it contained a newline. */
  private skipGeneralComment(): boolean {
    const start = this.here();
    this.advance();
    this.advance();
    let newline = false;
    for (;;) {
      const c = this.advance();
      if (c === "") {
        this.error(start, "comment not terminated");
        return newline;
      }
      if (c === "\n") newline = true;
      if (c === "*" && this.peek() === "/") {
        this.advance();
        return newline;
      }
    }
  }

  private ident(): void {
    const start = this.offset;
    while (isLetter(this.peek()) || isDigit(this.peek())) this.advance();
    const word = this.src.slice(start, this.offset);
    if (keywordSet.has(word)) {
      this.tok = word as Keyword;
      this.nlsemi = word === "break" || word === "continue" || word === "fallthrough" || word === "return";
      this.lit = word;
      return;
    }
    this.tok = "name";
    this.lit = word;
    this.nlsemi = true;
  }

  private literal(kind: LitKind, start: number, bad: boolean): void {
    this.tok = "literal";
    this.litKind = kind;
    this.lit = this.src.slice(start, this.offset);
    this.bad = bad;
    this.nlsemi = true;
  }

  private number(): void {
    const start = this.offset;
    let kind: LitKind = "int";
    let base = 10;
    let bad = false;
    if (this.peek() === "0" && /[xXbBoO]/.test(this.peek(1))) {
      const p = this.peek(1).toLowerCase();
      base = p === "x" ? 16 : p === "b" ? 2 : 8;
      this.advance();
      this.advance();
    }
    const digits = this.digits(base);
    if (this.peek() === "." || /[eEpP]/.test(this.peek())) {
      kind = "float";
      this.advance();
      if (/[+-]/.test(this.peek())) this.advance();
      this.digits(16);
      if (/[eEpP]/.test(this.peek())) {
        this.advance();
        if (/[+-]/.test(this.peek())) this.advance();
        this.digits(10);
      }
    }
    if (this.peek() === "i") {
      kind = "imag";
      this.advance();
    }
    if (kind === "int") bad = this.checkIntDigits(start, base, digits);
    this.literal(kind, start, bad);
  }

  /** Consumes digits (and `_`) valid in base or below 10; returns them. */
  private digits(base: number): string {
    const start = this.offset;
    for (;;) {
      const c = this.peek();
      const ok = c === "_" || isDigit(c) || (base === 16 && /[a-fA-F]/.test(c));
      if (!ok) break;
      this.advance();
    }
    return this.src.slice(start, this.offset);
  }

  /** Reports malformed integer literals at the offending character, as Go does. */
  private checkIntDigits(start: number, base: number, digits: string): boolean {
    const text = this.src.slice(start, this.offset);
    const at = (i: number): Pos => makePos(this.filename, this.pos.line, this.pos.col + i);
    const prefix = base === 10 ? 0 : 2;
    if (base !== 10 && digits.replace(/_/g, "") === "") {
      this.error(at(text.length), `${base === 16 ? "hexadecimal" : base === 8 ? "octal" : "binary"} literal has no digits`);
      return true;
    }
    const effective = base === 10 && text.length > 1 && text[0] === "0" ? 8 : base;
    for (let i = prefix; i < text.length; i++) {
      const d = text[i]!;
      if (d !== "_" && parseInt(d, 16) >= effective) {
        const name = effective === 8 ? "octal" : effective === 2 ? "binary" : "decimal";
        this.error(at(i), `invalid digit '${d}' in ${name} literal`);
        return true;
      }
    }
    for (let i = prefix; i < text.length; i++) {
      if (text[i] !== "_") continue;
      const prevOk = i > prefix ? text[i - 1] !== "_" : base !== 10;
      if (!prevOk || i + 1 === text.length) {
        this.error(at(i), "'_' must separate successive digits");
        return true;
      }
    }
    return false;
  }

  private stdString(): void {
    const start = this.offset;
    this.advance();
    let bad = false;
    for (;;) {
      const c = this.peek();
      if (c === '"') {
        this.advance();
        break;
      }
      if (c === "\\") {
        if (!this.escape('"')) bad = true;
        continue;
      }
      if (c === "\n" || c === "") {
        this.error(this.pos, "syntax error: newline in string");
        bad = true;
        break;
      }
      this.advance();
    }
    this.literal("string", start, bad);
  }

  private rawString(): void {
    const start = this.offset;
    this.advance();
    let bad = false;
    for (;;) {
      const c = this.advance();
      if (c === "`") break;
      if (c === "") {
        this.error(this.pos, "syntax error: string not terminated");
        bad = true;
        break;
      }
    }
    this.literal("string", start, bad);
  }

  private rune(): void {
    const start = this.offset;
    this.advance();
    let n = 0;
    let bad = false;
    for (;;) {
      const c = this.peek();
      if (c === "'") {
        this.advance();
        if (n !== 1 && !bad) {
          this.error(this.pos, n === 0 ? "syntax error: empty rune literal or unescaped ' in rune literal" : "syntax error: more than one character in rune literal");
          bad = true;
        }
        break;
      }
      if (c === "\\") {
        if (!this.escape("'")) bad = true;
        n++;
        continue;
      }
      if (c === "\n" || c === "") {
        if (!bad) this.error(this.pos, "syntax error: newline in rune literal");
        bad = true;
        break;
      }
      this.advance();
      n++;
    }
    this.literal("rune", start, bad);
  }

  /** Consumes an escape sequence; reports and returns false when it is invalid. */
  private escape(quote: string): boolean {
    const pos = this.here();
    this.advance();
    const c = this.peek();
    if ("abfnrtv\\".includes(c) || c === quote) {
      this.advance();
      return true;
    }
    const widths: Record<string, [number, number]> = { x: [2, 16], u: [4, 16], U: [8, 16] };
    let [n, base] = widths[c] ?? [3, 8];
    if (c in widths) this.advance();
    else if (!/[0-7]/.test(c)) {
      this.error(pos, "syntax error: unknown escape sequence");
      if (c !== "" && c !== "\n") this.advance();
      return false;
    }
    for (; n > 0; n--) {
      const d = this.peek();
      if (d === "" || !(parseInt(d, base) < base)) {
        this.error(pos, "syntax error: invalid character in escape sequence");
        return false;
      }
      this.advance();
    }
    return true;
  }

  private setOp(tok: Token, op: Operator, prec: number, len: number): void {
    for (let i = 0; i < len; i++) this.advance();
    this.tok = tok;
    this.op = op;
    this.prec = prec;
  }

  private operator(): void {
    const c = this.peek();
    const c1 = this.peek(1);
    const c2 = this.peek(2);
    const simple: Record<string, Token> = { "(": "(", "[": "[", "{": "{", ",": ",", ";": ";", ")": ")", "]": "]", "}": "}" };
    if (c in simple) {
      this.advance();
      this.tok = simple[c]!;
      this.lit = c === ";" ? "semicolon" : "";
      this.nlsemi = c === ")" || c === "]" || c === "}";
      return;
    }
    if (c === ".") {
      if (c1 === "." && c2 === ".") return this.setOp("...", "+", 0, 3);
      return this.setOp(".", "+", 0, 1);
    }
    if (c === ":") return c1 === "=" ? this.setOp(":=", "+", 0, 2) : this.setOp(":", "+", 0, 1);
    if (c === "=") return c1 === "=" ? this.setOp("op", "==", 3, 2) : this.setOp("=", "+", 0, 1);
    if (c === "!") return c1 === "=" ? this.setOp("op", "!=", 3, 2) : this.setOp("op", "!", 0, 1);
    if (c === "~") return this.setOp("op", "~", 0, 1);
    if (c === "<") return this.lessOperator(c1, c2);
    if (c === ">") return this.greaterOperator(c1, c2);
    if (c === "&" && c1 === "^") return c2 === "=" ? this.setOp("assignop", "&^", 5, 3) : this.setOp("op", "&^", 5, 2);
    if (c === "&" && c1 === "&") return this.setOp("op", "&&", 2, 2);
    if (c === "|" && c1 === "|") return this.setOp("op", "||", 1, 2);
    if ((c === "+" || c === "-") && c1 === c) {
      this.setOp("incop", c as Operator, 0, 2);
      this.nlsemi = true;
      return;
    }
    const arith: Record<string, number> = { "+": 4, "-": 4, "|": 4, "^": 4, "*": 5, "/": 5, "%": 5, "&": 5 };
    if (c in arith) {
      if (c1 === "=") return this.setOp("assignop", c as Operator, arith[c]!, 2);
      return this.setOp(c === "*" ? "*" : "op", c as Operator, arith[c]!, 1);
    }
    this.invalidChar(c);
  }

  private lessOperator(c1: string, c2: string): void {
    if (c1 === "=") return this.setOp("op", "<=", 3, 2);
    if (c1 === "-") return this.setOp("<-", "<-", 0, 2);
    if (c1 === "<") return c2 === "=" ? this.setOp("assignop", "<<", 5, 3) : this.setOp("op", "<<", 5, 2);
    this.setOp("op", "<", 3, 1);
  }

  private greaterOperator(c1: string, c2: string): void {
    if (c1 === "=") return this.setOp("op", ">=", 3, 2);
    if (c1 === ">") return c2 === "=" ? this.setOp("assignop", ">>", 5, 3) : this.setOp("op", ">>", 5, 2);
    this.setOp("op", ">", 3, 1);
  }

  private invalidChar(c: string): void {
    const cp = c.codePointAt(0)!;
    const code = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
    const printable = cp >= 0x20 && cp !== 0x7f;
    this.error(this.pos, `invalid character ${code}${printable ? ` '${c}'` : ""}`);
    this.advance();
    this.next();
  }
}
