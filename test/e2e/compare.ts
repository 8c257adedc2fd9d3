// Comparison of a deferlab run with the output of real Go, following the rule
// in DESIGN.md ("Semantics reference"):
//
//  - stdout and the exit code must match exactly;
//  - stderr must match exactly up to the `goroutine 1 [running]:` line, with
//    lines starting with `[signal ` ignored (they carry addresses);
//  - after that line only the sequence of `main.` function names in the
//    frames is compared (argument lists, file lines, PC offsets and runtime
//    frames are ignored; Go lists inlined frames too, so the names are
//    comparable).

export interface ProgramOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface CompareResult {
  ok: boolean;
  diff: string;
}

export const TRACEBACK_HEADER = "goroutine 1 [running]:";

/** The parts of stderr that take part in the comparison. */
export interface SplitStderr {
  /** Text before the traceback header, without `[signal ` lines. */
  head: string;
  /** Whether the traceback header is present. */
  hasTraceback: boolean;
  /** `main.` function names of the traceback frames, innermost first. */
  frames: string[];
}

/** Lines of a text for display; a final newline does not make an empty line. */
function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * The function name of a traceback frame line, without its argument list:
 * `main.(*T).M(0xc000010000, {0x1, 0x2})` -> `main.(*T).M`,
 * `main.f(...)` -> `main.f`. Returns undefined for lines that are not frame
 * lines (file/line lines start with a tab).
 */
export function frameFunctionName(line: string): string | undefined {
  if (line === "" || line.startsWith("\t") || line.startsWith(" ")) return undefined;
  let text = line.trimEnd();
  if (text.startsWith("created by ")) return undefined;
  if (!text.endsWith(")")) return undefined;
  // Find the parenthesis that opens the final argument list.
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ")" || c === "}" || c === "]") depth++;
    else if (c === "(" || c === "{" || c === "[") {
      depth--;
      if (depth === 0) {
        if (c !== "(") return undefined;
        text = text.slice(0, i);
        return text.length > 0 ? text : undefined;
      }
    }
  }
  return undefined;
}

/** Splits stderr into the exactly-compared head and the traceback frames. */
export function splitStderr(stderr: string): SplitStderr {
  const lines = stderr.split("\n");
  const headLines: string[] = [];
  const frames: string[] = [];
  let hasTraceback = false;
  for (const line of lines) {
    if (!hasTraceback) {
      if (line === TRACEBACK_HEADER) {
        hasTraceback = true;
        // The head ends with the newline before the header.
        headLines.push("");
        continue;
      }
      if (line.startsWith("[signal ")) continue;
      headLines.push(line);
      continue;
    }
    const name = frameFunctionName(line);
    if (name !== undefined && name.startsWith("main.")) frames.push(name);
  }
  return { head: headLines.join("\n"), hasTraceback, frames };
}

function show(s: string): string {
  return JSON.stringify(s);
}

/** Where two line lists first differ, with context: expected lines marked -, actual +. */
function lineDiff(label: string, expected: string[], actual: string[]): string {
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  const out: string[] = [`${label} differs at line ${i + 1}:`];
  for (let k = Math.max(0, i - 3); k < i; k++) out.push(`    ${expected[k]}`);
  const shown = 6;
  for (const [mark, lines] of [["-", expected], ["+", actual]] as const) {
    for (let k = i; k < Math.min(lines.length, i + shown); k++) out.push(`  ${mark} ${lines[k]}`);
    if (lines.length > i + shown) out.push(`  ${mark} ... (${lines.length - i - shown} more lines)`);
    if (lines.length <= i) out.push(`  ${mark} (end)`);
  }
  return out.join("\n");
}

/** Compares a run with Go's output; `diff` explains every mismatch. */
export function compareRun(expected: ProgramOutput, actual: ProgramOutput): CompareResult {
  const problems: string[] = [];
  if (expected.exitCode !== actual.exitCode) {
    problems.push(`exit code: expected ${expected.exitCode}, got ${actual.exitCode}`);
  }
  if (expected.stdout !== actual.stdout) {
    const el = splitLines(expected.stdout);
    const al = splitLines(actual.stdout);
    if (el.length === al.length && el.every((l, i) => l === al[i])) {
      problems.push(`stdout: expected ${show(expected.stdout)}, got ${show(actual.stdout)}`);
    } else {
      problems.push(lineDiff("stdout", el, al));
    }
  }
  const e = splitStderr(expected.stderr);
  const a = splitStderr(actual.stderr);
  if (e.head !== a.head) {
    const el = splitLines(e.head);
    const al = splitLines(a.head);
    if (el.length === al.length && el.every((l, i) => l === al[i])) {
      problems.push(`stderr: final newline ${e.head.endsWith("\n") ? "missing" : "unexpected"}`);
    } else {
      problems.push(lineDiff("stderr (before the traceback)", el, al));
    }
  }
  if (e.hasTraceback !== a.hasTraceback) {
    problems.push(
      e.hasTraceback
        ? `stderr: expected a traceback ("${TRACEBACK_HEADER}"), got none`
        : `stderr: unexpected traceback ("${TRACEBACK_HEADER}")`,
    );
  } else if (e.hasTraceback) {
    const same = e.frames.length === a.frames.length && e.frames.every((f, i) => f === a.frames[i]);
    if (!same) problems.push(lineDiff("traceback main. frames", e.frames, a.frames));
  }
  return { ok: problems.length === 0, diff: problems.join("\n") };
}

const DEFER_LINE = /^(.*?):(\d+):(\d+): (open-coded|stack-allocated|heap-allocated) defer$/;

/**
 * Normalises `-d=defer` output (deferlab's debug lines or `go build
 * -gcflags=-d=defer` stderr) for comparison with a `.defer` file: keeps the
 * defer classification lines of `fileName` (matched by base name, whatever
 * the directory), writes them as `NAME.go:LINE:COL: KIND defer`, sorted by
 * position, one per line, each ending in a newline.
 */
export function normalizeDeferDiagnostics(text: string | readonly string[], fileName: string): string {
  const base = baseName(fileName);
  const lines = typeof text === "string" ? text.split(/\r?\n/) : text.flatMap((t) => t.split(/\r?\n/));
  const entries: { line: number; col: number; text: string }[] = [];
  for (const raw of lines) {
    const m = DEFER_LINE.exec(raw.trim());
    if (!m) continue;
    if (baseName(m[1]!) !== base) continue;
    entries.push({ line: Number(m[2]), col: Number(m[3]), text: `${base}:${m[2]}:${m[3]}: ${m[4]} defer` });
  }
  entries.sort((x, y) => x.line - y.line || x.col - y.col);
  return entries.map((x) => x.text + "\n").join("");
}

function baseName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1]!;
}
