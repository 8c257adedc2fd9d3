// The size report: machine-code size of the end-to-end corpus (and
// examples/) for every architecture with a lowering, with open-coded defers
// on and off (-N) and under both recovery protocols, checking two claims of
// the seeds in our own numbers:
// - seed 000: the deferreturn-pc protocol makes code slightly smaller than
//   the return1 handshake (Go: the go command 0.2% smaller);
// - seed 001: open-coded defers add about 1% (1.1% in Go, funcdata
//   included) to the functions that use them, compared with the same
//   functions without them.
//
//   npx tsx scripts/size-report.ts > docs/size-report.md   (npm run size-report)

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MACHINE_ARCHS } from "../arch/archs.js";
import { RECOVERY_PROTOCOLS, type RecoveryProtocol } from "../arch/arch.js";
import { compileGo } from "../host/compiler/compile.js";
import type { MachineObject } from "../host/linker/machine.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = ["test/e2e/programs", "examples"];

interface Program {
  name: string;
  source: string;
}

function corpus(): Program[] {
  return CORPUS.flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith(".go"))
      .sort()
      .map((f) => ({ name: f, source: readFileSync(join(root, dir, f), "utf8") })),
  );
}

interface Config {
  protocol: RecoveryProtocol;
  noOptimize: boolean;
}

function compile(p: Program, arch: string, c: Config): MachineObject {
  const r = compileGo({ filename: p.name, source: p.source, arch, recoveryProtocol: c.protocol, noOptimize: c.noOptimize });
  if (!r.ok) throw new Error(`${p.name} (${arch}): ${r.errors.join("; ")}`);
  return r.object!;
}

/** Bytes of code of every function (.text without the padding between functions). */
function textSize(objs: MachineObject[]): number {
  return objs.reduce((n, o) => n + o.funcs.reduce((m, f) => m + f.fn.code.length, 0), 0);
}

function pct(from: number, to: number): string {
  const d = ((to - from) / from) * 100;
  return `${d >= 0 ? "+" : ""}${d.toFixed(2)}%`;
}

/**
 * Seed 001's measure: for each function that uses open-coded defers, its
 * code and FUNCDATA_OpenCodedDeferInfo against the same function's code
 * compiled with -N (stack- and heap-allocated defers instead).
 */
function openCodedCost(open: MachineObject[], plain: MachineObject[]): { funcs: number; open: number; plain: number; meanRatio: number } {
  let funcs = 0;
  let openBytes = 0;
  let plainBytes = 0;
  let ratios = 0;
  open.forEach((o, i) => {
    const byName = new Map(plain[i]!.funcs.map((f) => [f.sym, f.fn.code.length]));
    for (const f of o.funcs) {
      if (!f.fn.openDeferInfo) continue;
      const withOpen = f.fn.code.length + f.fn.openDeferInfo.length;
      const without = byName.get(f.sym)!;
      funcs++;
      openBytes += withOpen;
      plainBytes += without;
      ratios += withOpen / without;
    }
  });
  return { funcs, open: openBytes, plain: plainBytes, meanRatio: ratios / funcs };
}

function range(xs: number[]): string {
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)].map((x) => `${(x * 100).toFixed(2)}%`);
  return lo === hi ? lo : `${lo} to ${hi}`;
}

/** What the numbers say about the two claims. */
function findings(protocol: number[], openCoded: number[]): string[] {
  const smaller = protocol.every((d) => d < 0);
  const near = openCoded.every((d) => d >= 0 && d < 0.05);
  return [
    "## The seeds' claims",
    "",
    `- Seed 000 (the deferreturn-pc protocol is slightly smaller; Go: -0.2% for the go command): ${smaller ? "reproduced" : "not reproduced"},`,
    `  ${range(protocol)} of text with open-coded defers on. Every deferproc and deferprocStack call loses the`,
    "  return1 protocol's test of the result register and branch to the deferreturn call; with -N, where every",
    "  defer goes through deferproc or deferprocStack, the saving is larger.",
    `- Seed 001 (open-coded defers add about 1%, funcdata included, to the functions that use them; Go: 1.1%):`,
    `  ${near ? "reproduced" : "not reproduced at this lowering's level"}: ${range(openCoded)}. Go measured it with its optimizer on,`,
    "  where setting a defer's bit folds to one byte store of a constant and each inline exit is a test, a",
    "  store and a call of values already in registers. This lowering has no register allocation or constant",
    "  propagation (every IR value has a stack home, -N style), so the bookkeeping the IR spells out for",
    "  deferBits (or/and with the bit through its stack home, then a store to the frame byte, at each defer and in",
    "  each exit at each return) costs several instructions per step, while the stack-allocated version it is compared with",
    "  costs one record set-up and one deferprocStack call per defer and a single shared deferreturn call.",
    "  What open-coding saves is run time, not size: no runtime call at the defer statement or at the return.",
    "",
  ];
}

function main(): void {
  const programs = corpus();
  const out: string[] = [];
  out.push("# Machine-code size report", "");
  out.push(
    `Generated by \`npm run size-report\` (scripts/size-report.ts) from the ${programs.length} programs of ${CORPUS.map((d) => `\`${d}/\``).join(" and ")},`,
    "compiled for every architecture with a lowering. Sizes are bytes of code (`.text` without the padding",
    "between functions). The lowering keeps every value in a stack slot, in the spirit of `-N`, so the",
    "absolute numbers are far larger than Go's; the differences between configurations are what the seeds",
    "speak of.",
    "",
  );

  const configs: Config[] = [false, true].flatMap((noOptimize) => RECOVERY_PROTOCOLS.map((protocol) => ({ protocol, noOptimize })));
  const rows: string[] = [];
  const costs: string[] = [];
  const protocolChanges: number[] = [];
  const openCodedChanges: number[] = [];
  for (const arch of MACHINE_ARCHS.keys()) {
    const objs = new Map(configs.map((c) => [c, programs.map((p) => compile(p, arch, c))]));
    const size = (protocol: RecoveryProtocol, noOptimize: boolean) =>
      textSize(objs.get(configs.find((c) => c.protocol === protocol && c.noOptimize === noOptimize)!)!);
    const [newO, oldO, newN, oldN] = [size("deferreturn-pc", false), size("return1", false), size("deferreturn-pc", true), size("return1", true)];
    rows.push(`| ${arch} | ${newO} | ${oldO} | ${pct(oldO, newO)} | ${newN} | ${oldN} | ${pct(oldN, newN)} | ${pct(newN, newO)} |`);
    protocolChanges.push((newO - oldO) / oldO);
    const open = objs.get(configs.find((c) => c.protocol === "deferreturn-pc" && !c.noOptimize)!)!;
    const plain = objs.get(configs.find((c) => c.protocol === "deferreturn-pc" && c.noOptimize)!)!;
    const cost = openCodedCost(open, plain);
    costs.push(`| ${arch} | ${cost.funcs} | ${cost.plain} | ${cost.open} | ${pct(cost.plain, cost.open)} | ${((cost.meanRatio - 1) * 100).toFixed(2)}% |`);
    openCodedChanges.push((cost.open - cost.plain) / cost.plain);
  }

  out.push("## Text size per architecture", "");
  out.push(
    "deferreturn-pc is today's protocol (seed 000), return1 the earlier handshake; \"new vs old\" is the change",
    "seed 000 made. The last column is what open-coded defers change in the whole corpus (seed 001).",
    "",
  );
  out.push("| arch | deferreturn-pc | return1 | new vs old | -N deferreturn-pc | -N return1 | new vs old (-N) | open-coded vs -N |");
  out.push("|---|---:|---:|---:|---:|---:|---:|---:|");
  out.push(...rows, "");

  out.push("## Functions that use open-coded defers (seed 001)", "");
  out.push(
    "Each function that uses open-coded defers, its code plus its FUNCDATA_OpenCodedDeferInfo, against the",
    "same function compiled with -N (stack-allocated defers, deferreturn-pc protocol in both).",
    "",
  );
  out.push("| arch | functions | bytes with -N | bytes open-coded | change | mean per-function change |");
  out.push("|---|---:|---:|---:|---:|---:|");
  out.push(...costs, "");
  out.push(...findings(protocolChanges, openCodedChanges));
  process.stdout.write(out.join("\n"));
}

main();
