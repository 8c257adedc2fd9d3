// Source positions and diagnostics shared by every front-end phase.

/** A position in a source file; line and col count from 1, col in bytes as Go does. */
export interface Pos {
  /** File name as given to parseFile. */
  readonly filename: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in bytes of UTF-8 like Go's scanner. */
  readonly col: number;
}

/** One compile error. */
export interface Diagnostic {
  /** Where the error is reported. */
  pos: Pos;
  /** Go's wording of the error, without position. */
  msg: string;
}

export function makePos(filename: string, line: number, col: number): Pos {
  return { filename, line, col };
}

/** `file:line:col: msg`, the format `go build` uses. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${formatPos(d.pos)}: ${d.msg}`;
}

export function formatPos(p: Pos): string {
  return `${p.filename}:${p.line}:${p.col}`;
}

/** Orders positions by file, then line, then column. */
export function comparePos(a: Pos, b: Pos): number {
  if (a.filename !== b.filename) return a.filename < b.filename ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  return a.col - b.col;
}

/** Go stops reporting after this many errors. */
export const MAX_ERRORS = 10;

/**
 * Sorts diagnostics by position (stable), drops exact duplicates on the same
 * line as Go does, and keeps at most MAX_ERRORS, appending Go's "too many
 * errors" line when some were dropped.
 */
export function finishDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  const sorted = diags
    .map((d, i) => ({ d, i }))
    .sort((a, b) => comparePos(a.d.pos, b.d.pos) || a.i - b.i)
    .map((e) => e.d);
  const out: Diagnostic[] = [];
  for (const d of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.pos.filename === d.pos.filename && prev.pos.line === d.pos.line && prev.msg === d.msg) continue;
    out.push(d);
  }
  if (out.length > MAX_ERRORS) {
    const kept = out.slice(0, MAX_ERRORS);
    kept.push({ pos: kept[MAX_ERRORS - 1]!.pos, msg: "too many errors" });
    return kept;
  }
  return out;
}
