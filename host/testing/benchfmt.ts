// Go's benchmark result lines, column for column, so that benchstat and
// other tools that read `go test -bench` output read deferlab's.

export interface BenchResult {
  n: number;
  /** Time measured while the timer ran, in nanoseconds. */
  ns: number;
  allocs: number;
  bytes: number;
}

/** The name column: padded so that the numbers line up, then a tab. */
export function nameColumn(name: string, width: number): string {
  return `${name.padEnd(width)}\t`;
}

/** The columns after the name: iterations, ns/op and, with memory stats, B/op and allocs/op. */
export function resultColumns(r: BenchResult, mem: boolean): string {
  let s = `${String(r.n).padStart(8)}\t${nsPerOp(r.ns / r.n)} ns/op`;
  if (mem) {
    s += `\t${String(Math.floor(r.bytes / r.n)).padStart(8)} B/op`;
    s += `\t${String(Math.floor(r.allocs / r.n)).padStart(8)} allocs/op`;
  }
  return s;
}

/**
 * ns/op with as many decimals as keep about four significant digits, in a
 * field whose width grows with the decimals, as Go's benchmark output does.
 */
export function nsPerOp(x: number): string {
  const y = Math.abs(x);
  let decimals = 0;
  if (y !== 0) {
    let threshold = 999.95;
    while (decimals < 9 && y < threshold) {
      decimals++;
      threshold /= 10;
    }
  }
  const width = decimals === 0 ? 10 : 11 + decimals;
  return x.toFixed(decimals).padStart(width);
}
