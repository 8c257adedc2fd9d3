// Go's testing/match.go: how -run and -bench select tests, subtests and
// sub-benchmarks, and how subtest names are made. A pattern is split at
// the slashes that are outside brackets and parentheses (and at `|`, into
// alternatives); the i-th element matches the i-th slash-separated element
// of a name, and elements past the pattern's end match anything. A
// subtest's name is its parent's, a slash, and the name given to t.Run with
// spaces made underscores and unprintable characters escaped, made unique
// with a #NN suffix. Patterns are JavaScript regular expressions, which
// agree with Go's RE2 syntax on what test names use.

/** A pattern that is not a valid regular expression. */
export class PatternError extends Error {}

type Filter = { kind: "simple"; elems: RegExp[] } | { kind: "alternation"; alts: Filter[] };

export class Matcher {
  private readonly filter: Filter | null;
  /** Occurrences of each subtest name so far, for #NN suffixes. */
  private readonly subNames = new Map<string, number>();

  /** patterns is the flag's value, flag its name for errors (-test.run, -test.bench). */
  constructor(patterns: string, flag: string) {
    this.filter = patterns === "" ? null : compile(splitRegexp(patterns), flag);
  }

  /**
   * The full name of subtest `subname` of the test named `parent` at
   * `level` (0: the top level, whose names are used as they are), whether
   * it matches, and whether it matches only part of the pattern (its
   * sub-benchmarks are to be matched against the rest).
   */
  fullName(parent: { name: string; level: number } | null, subname: string): { name: string; ok: boolean; partial: boolean } {
    const name = parent !== null && parent.level > 0 ? this.unique(parent.name, rewrite(subname)) : subname;
    if (this.filter === null) return { name, ok: true, partial: false };
    return { name, ...matches(this.filter, name.split("/")) };
  }

  /** Go's matcher.unique: the name, or the first free `name#NN`. */
  private unique(parent: string, subname: string): string {
    const base = `${parent}/${subname}`;
    for (;;) {
      const n = this.subNames.get(base) ?? 0;
      this.subNames.set(base, n + 1);
      if (n === 0 && subname !== "") {
        const { prefix, nn } = parseSubtestNumber(base);
        // Named "parent/subname#NN" by hand, where #NN was already given to that occurrence of "parent/subname".
        if (prefix.length < base.length && nn < (this.subNames.get(prefix) ?? 0)) continue;
        return base;
      }
      const name = `${base}#${String(n).padStart(2, "0")}`;
      // The nth occurrence of base collides with a subtest named "base#NN" by hand.
      if ((this.subNames.get(name) ?? 0) !== 0) continue;
      return name;
    }
  }
}

function matches(f: Filter, name: string[]): { ok: boolean; partial: boolean } {
  if (f.kind === "alternation") {
    for (const alt of f.alts) {
      const m = matches(alt, name);
      if (m.ok) return m;
    }
    return { ok: false, partial: false };
  }
  for (let i = 0; i < name.length && i < f.elems.length; i++) {
    if (!f.elems[i]!.test(name[i]!)) return { ok: false, partial: false };
  }
  return { ok: true, partial: name.length < f.elems.length };
}

type Split = { kind: "simple"; elems: string[] } | { kind: "alternation"; alts: Split[] };

/** Go's splitRegexp: elements at slashes and alternatives at bars, outside [] and (). */
function splitRegexp(s: string): Split {
  let elems: string[] = [];
  const alts: Split[] = [];
  let cs = 0;
  let cp = 0;
  for (let i = 0; i < s.length; ) {
    const ch = s[i];
    if (ch === "[") cs++;
    else if (ch === "]") cs = Math.max(cs - 1, 0);
    else if (ch === "(" && cs === 0) cp++;
    else if (ch === ")" && cs === 0) cp--;
    else if (ch === "\\") i++;
    else if ((ch === "/" || ch === "|") && cs === 0 && cp === 0) {
      elems.push(s.slice(0, i));
      s = s.slice(i + 1);
      i = 0;
      if (ch === "|") {
        alts.push({ kind: "simple", elems });
        elems = [];
      }
      continue;
    }
    i++;
  }
  elems.push(s);
  if (alts.length === 0) return { kind: "simple", elems };
  return { kind: "alternation", alts: [...alts, { kind: "simple", elems }] };
}

/** Go's verify: each element rewritten as names are, then compiled; errors name the element as Go does. */
function compile(s: Split, flag: string): Filter {
  if (s.kind === "alternation") {
    return {
      kind: "alternation",
      alts: s.alts.map((alt, i) => {
        try {
          return compile(alt, flag);
        } catch (e) {
          throw new PatternError(`alternation ${i} of ${(e as Error).message}`);
        }
      }),
    };
  }
  return {
    kind: "simple",
    elems: s.elems.map((raw, i) => {
      const elem = rewrite(raw);
      try {
        return new RegExp(elem);
      } catch (e) {
        throw new PatternError(`element ${i} of ${flag} (${JSON.stringify(elem)}): ${(e as Error).message}`);
      }
    }),
  };
}

/** Go's parseSubtestNumber: a "#NN" suffix as %02d writes it, and what precedes it. */
function parseSubtestNumber(s: string): { prefix: string; nn: number } {
  const i = s.lastIndexOf("#");
  if (i < 0) return { prefix: s, nn: 0 };
  const prefix = s.slice(0, i);
  const suffix = s.slice(i + 1);
  if (suffix.length < 2 || (suffix.length > 2 && suffix[0] === "0")) return { prefix: s, nn: 0 };
  if (suffix === "00" && !prefix.endsWith("/")) return { prefix: s, nn: 0 };
  if (!/^\d+$/.test(suffix) || Number(suffix) > 0x7fffffff) return { prefix: s, nn: 0 };
  return { prefix, nn: Number(suffix) };
}

/** Go's rewrite: white space becomes `_`, unprintable characters their escapes. */
export function rewrite(s: string): string {
  let out = "";
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (isSpace(r)) out += "_";
    else if (!isPrint(ch)) out += escapeRune(r);
    else out += ch;
  }
  return out;
}

function isSpace(r: number): boolean {
  if (r < 0x2000) return [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680].includes(r);
  return r <= 0x200a || [0x2028, 0x2029, 0x202f, 0x205f, 0x3000].includes(r);
}

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isPrint(ch: string): boolean {
  return ch === " " || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}

/** strconv.QuoteRune's escape of an unprintable rune (other than white space), without the quotes. */
function escapeRune(r: number): string {
  if (r === 7) return "\\a";
  if (r === 8) return "\\b";
  const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");
  if (r < 0x20 || r === 0x7f) return `\\x${hex(r, 2)}`;
  if (r < 0x10000) return `\\u${hex(r, 4)}`;
  return `\\U${hex(r, 8)}`;
}
