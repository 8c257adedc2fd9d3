// Microbenchmarks of the runtime core's entry points with tinybench, on
// hand-built memory (test/runtime/'s Machine and runtime type block):
//
// - the wasm core: build/runtime.wasm's exports, called from JavaScript as
//   test/runtime/ calls them (funcdata decoding, the frame scan and
//   copystack are not exports, so they are reached through deferreturn,
//   gopanic and morestack);
// - the TypeScript core: the same exports from createRuntime, and the
//   functions themselves called directly (readvarint,
//   addOneOpenDeferFrame, morestack's copystack).
//
// Each sample runs an operation INNER times; results are ns per operation.
//   npx tsx bench/micro.ts [-time=MS]
//
// The Machine's wasm core is build/runtime.wasm rather than the harness's
// in-memory asc build, so what is measured is the core that ships.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Bench } from "tinybench";
import * as L from "../assembly/layout.js";
import { NO_TEST_DRIVER, RUNTIME_FUNCS } from "../host/runtime-imports.js";
import { createRuntime } from "../host/runtime-ts/index.js";
import { addOneOpenDeferFrame, deferprocStack, deferreturn, freedefer } from "../host/runtime-ts/panic.js";
import { morestack } from "../host/runtime-ts/stack.js";
import { readvarint, varintnext } from "../host/runtime-ts/symtab.js";
import { runtimeTypes } from "../test/runtime/fixtures.js";
import { ExitError, FIRST_FUNC, Machine, RUNTIME_IMPORTS_WAT } from "../test/runtime/harness.js";

const INNER = 1000;

type Core = "wasm" | "ts";
type Fn = (...a: number[]) => number;

const host = () => ({
  write: () => {},
  exit: (code: number): never => {
    throw new ExitError(code);
  },
  nanotime: () => BigInt(Math.round(performance.now() * 1e6)),
  ...NO_TEST_DRIVER,
});

let wasmCore: WebAssembly.Module | undefined;

class WasmMachine extends Machine {
  override async instantiate(): Promise<void> {
    wasmCore ??= new WebAssembly.Module(readFileSync(new URL("../build/runtime.wasm", import.meta.url)));
    const instance = await WebAssembly.instantiate(wasmCore, { env: { memory: this.memory, table: this.table }, host: host() });
    this.rt = instance.exports as never;
  }
}

class TsMachine extends Machine {
  override async instantiate(): Promise<void> {
    this.rt = createRuntime({ memory: this.memory, table: this.table, host: host() }) as never;
    for (const f of RUNTIME_FUNCS) if (f.export !== undefined) this.table.set(f.slot, this.rt[f.export] as never);
  }
}

/** Table indexes of the hand-built functions. */
const F = {
  main: FIRST_FUNC,
  nopABI0: FIRST_FUNC + 1,
  nop: FIRST_FUNC + 2,
  recoverABI0: FIRST_FUNC + 3,
  recover: FIRST_FUNC + 4,
  deferer: FIRST_FUNC + 5,
  plain: FIRST_FUNC + 6,
  opener: FIRST_FUNC + 7,
  decoder: FIRST_FUNC + 8,
};

const LEAVES = `(module
  ${RUNTIME_IMPORTS_WAT}
  (func (export "main") (param i32))
  (func (export "nop") (param i32 i32))
  ;; recover() with its entry sp: the deferred call a panic runs recovers.
  (func (export "recover") (param i32 i32)
    (drop (drop (call $gorecover (i32.load (i32.const ${L.G_SP}))))))
)`;

const DEFERER_SIZE = 64;
const PLAIN_SIZE = 32;
const OPENER_SIZE = 64;
/** A frame large enough that most funcdata offsets take two varint bytes. */
const DECODER_SIZE = 512;
const DEFER_BITS = 8;
const CLOSURE_SLOT = 16;

function varints(values: number[]): number[] {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.push(v);
  }
  return out;
}

/** Funcdata of eight defers of a func(x, y, z int), each saving its closure and three args: 99 varints. */
function decoderFuncdata(): { bytes: number[]; count: number } {
  const values = [24, DEFER_BITS, 8];
  for (let i = 7; i >= 0; i--) {
    values.push(24, CLOSURE_SLOT + 8 * i, 3);
    for (let a = 0; a < 3; a++) values.push(96 + 8 * (3 * i + a) + 200, 8, 8 * a);
  }
  return { bytes: varints(values), count: values.length };
}

interface Booted {
  m: Machine;
  rt: Record<string, Fn>;
  nopfv: number;
  recoverfv: number;
  msg: { tab: number; data: number };
  decoderFd: number;
  decoderVarints: number;
  openerFd: number;
}

async function boot(core: Core): Promise<Booted> {
  const m = core === "wasm" ? new WasmMachine() : new TsMachine();
  await m.instantiate();
  const t = runtimeTypes(m);
  m.program(LEAVES, { main: F.main, nop: F.nopABI0, recover: F.recoverABI0 });
  m.func(F.main, { name: "main.main" });
  m.u32(L.IMAGE + L.MD_MAININDEX, F.main);
  m.func(F.nopABI0, { name: "main.nop<ABI0>", flags: L.FUNCFLAG_WRAPPER });
  m.func(F.nop, { name: "main.nop", abi0: F.nopABI0, argsSize: 24 });
  m.func(F.recoverABI0, { name: "main.recover<ABI0>", flags: L.FUNCFLAG_WRAPPER });
  m.func(F.recover, { name: "main.recover", abi0: F.recoverABI0 });
  const e = m.func(F.deferer, { name: "main.deferer", frameSize: DEFERER_SIZE, lines: [1, 2, 3] });
  // The frame's stack record at +8 holds pointers into the stack, as a compiled frame's pointer map says.
  const map = m.alloc(4 + DEFERER_SIZE / 32, 4);
  m.u32(map, DEFERER_SIZE / 4);
  for (const off of [L.DEFER_SP, L.DEFER_FN, L.DEFER_PANIC, L.DEFER_LINK, L.DEFER_VARP]) {
    const w = (8 + off) / 4;
    m.u8(map + 4 + (w >> 3), m.u8(map + 4 + (w >> 3)) | (1 << (w & 7)));
  }
  m.u32(e + L.FUNC_PTRMAP, map);
  m.func(F.plain, { name: "main.down", frameSize: PLAIN_SIZE, lines: [10, 11] });
  const openerFd = m.data(varints([0, DEFER_BITS, 1, 0, CLOSURE_SLOT, 0]));
  m.func(F.opener, { name: "main.opener", frameSize: OPENER_SIZE, deferreturn: 2, flags: L.FUNCFLAG_OPENDEFERS, opendefer: openerFd, lines: [20, 21, 22] });
  const fd = decoderFuncdata();
  const decoderFd = m.data(fd.bytes);
  m.func(F.decoder, { name: "main.decoder", frameSize: DECODER_SIZE, deferreturn: 2, flags: L.FUNCFLAG_OPENDEFERS, opendefer: decoderFd, lines: [30, 31, 32] });
  const box = m.boxString("boom");
  const nopfv = m.funcval(F.nop);
  const recoverfv = m.funcval(F.recover);
  if (m.run() !== 0) throw new Error("start failed");
  const rt = m.rt as Record<string, Fn>;
  // Makes this core the TypeScript core's running instance, for the direct calls.
  rt.deferreturn!();
  return { m, rt, nopfv, recoverfv, msg: { tab: t.string, data: box }, decoderFd, decoderVarints: fd.count, openerFd };
}

function push(m: Machine, fn: number, k: number, n: number): number {
  const sp = m.g(L.G_SP) - n;
  m.u32(sp, (fn << L.PC_SHIFT) | k);
  m.g(L.G_SP, sp);
  return sp;
}

/** An operation on a booted machine, set up once; the returned function does it once. */
type Scenario = (b: Booted, direct: boolean) => () => void;

/** deferreturn of a frame whose open-coded record has no bits set: all of its funcdata decoded once. */
const funcdataDecode: Scenario = ({ m, rt, decoderFd, decoderVarints }, direct) => {
  if (direct) {
    return () => {
      let p = decoderFd;
      for (let i = 0; i < decoderVarints; i++) p = varintnext(readvarint(p));
    };
  }
  const sp = push(m, F.decoder, 1, DECODER_SIZE);
  const d = sp + 16;
  m.u8(d + L.DEFER_OPENDEFER, 1);
  m.u32(d + L.DEFER_SP, sp);
  m.u32(d + L.DEFER_FD, decoderFd);
  m.u32(d + L.DEFER_VARP, sp + DECODER_SIZE);
  m.u32(d + L.DEFER_FRAMEPC, m.u32(sp));
  m.u8(sp + DECODER_SIZE - DEFER_BITS, 0);
  return () => {
    m.g(L.G_DEFER, d);
    rt.deferreturn!();
  };
};

/** A stack-allocated defer of a func(x, y, z int) queued and run, as a compiled frame does. */
const deferStack: Scenario = ({ m, rt, nopfv }, direct) => {
  const sp = push(m, F.deferer, 1, DEFERER_SIZE);
  const d = sp + 8;
  m.u32(d + L.DEFER_SIZ, 24);
  const proc = direct ? deferprocStack : rt.deferprocStack!;
  const ret = direct ? deferreturn : rt.deferreturn!;
  const view = m.view;
  return () => {
    view.setUint32(d + L.DEFER_FN, nopfv, true);
    proc(d);
    ret();
  };
};

/**
 * A panic at the bottom of `depth` frames recovered by the open-coded
 * defer of the frame above them (through gopanic); directly, the scan that
 * finds that frame and links its record (addOneOpenDeferFrame).
 */
const frameScan = (depth: number): Scenario => ({ m, rt, recoverfv, msg }, direct) => {
  const top = push(m, F.opener, 1, OPENER_SIZE);
  const varp = top + OPENER_SIZE;
  m.u32(varp - CLOSURE_SLOT, recoverfv);
  for (let i = 0; i < depth; i++) push(m, F.plain, 1, PLAIN_SIZE);
  const bottom = m.g(L.G_SP);
  const pc = m.u32(bottom);
  if (direct) {
    return () => {
      addOneOpenDeferFrame(pc, bottom);
      const d = m.g(L.G_DEFER);
      m.g(L.G_DEFER, m.u32(d + L.DEFER_LINK));
      freedefer(d);
    };
  }
  return () => {
    m.u8(varp - DEFER_BITS, 1);
    rt.gopanic!(msg.tab, msg.data);
    if (m.g(L.G_UNWINDING) !== 1 || m.g(L.G_UNWINDSP) !== top) throw new Error("the panic was not recovered");
    m.g(L.G_UNWINDING, 0);
  };
};

/** morestack in stress mode: copystack of a stack holding `records` frames, each with a stack defer record. */
const copyStack = (records: number): Scenario => ({ m, rt, nopfv }, direct) => {
  for (let i = 0; i < records; i++) {
    const sp = push(m, F.deferer, 1, DEFERER_SIZE);
    m.u32(sp + 8 + L.DEFER_SIZ, 0);
    m.u32(sp + 8 + L.DEFER_FN, nopfv);
    rt.deferprocStack!(sp + 8);
  }
  m.g(L.G_DEBUGFLAGS, L.DEBUG_STRESS_STACK);
  const more = direct ? morestack : rt.morestack!;
  return () => {
    more(16, 0);
  };
};

export interface Row {
  name: string;
  /** ns per operation by column; undefined where a column does not apply. */
  ns: Partial<Record<Column, number>>;
}

export type Column = "wasm core" | "TS core" | "TS core, direct";

const SCENARIOS: { name: string; scenario: Scenario; exports: boolean; direct: string }[] = [
  { name: "funcdata decode (99 varints)", scenario: funcdataDecode, exports: true, direct: "readvarint" },
  { name: "deferprocStack + deferreturn", scenario: deferStack, exports: true, direct: "deferprocStack + deferreturn" },
  { name: "panic scan, 10 frames", scenario: frameScan(10), exports: true, direct: "addOneOpenDeferFrame" },
  { name: "panic scan, 100 frames", scenario: frameScan(100), exports: true, direct: "addOneOpenDeferFrame" },
  { name: "copystack, 100 defer records", scenario: copyStack(100), exports: true, direct: "morestack" },
];

export async function runMicro(opts: { time?: number; progress?: (line: string) => void } = {}): Promise<Row[]> {
  const bench = new Bench({ time: opts.time ?? 500, warmupTime: Math.min(100, opts.time ?? 100), iterations: 8, throws: true });
  const rows: Row[] = [];
  for (const s of SCENARIOS) {
    const row: Row = { name: s.name, ns: {} };
    rows.push(row);
    const columns: [Column, Core, boolean][] = [["wasm core", "wasm", false], ["TS core", "ts", false], ["TS core, direct", "ts", true]];
    for (const [column, core, direct] of columns) {
      let op: () => void = () => {};
      bench.add(`${s.name} | ${column}`, () => {
        for (let i = 0; i < INNER; i++) op();
      }, {
        beforeAll: async () => {
          const b = await boot(core);
          op = s.scenario(b, direct);
        },
      });
    }
  }
  bench.addEventListener("cycle", (e) => opts.progress?.(`micro: ${(e as unknown as { task: { name: string } }).task.name}`));
  await bench.run();
  for (const task of bench.tasks) {
    const [name, column] = task.name.split(" | ") as [string, Column];
    const r = task.result;
    if (r.state !== "completed") throw new Error(`${task.name}: ${r.state}`);
    rows.find((row) => row.name === name)!.ns[column] = (r.latency.p50 * 1e6) / INNER;
  }
  return rows;
}

export function formatMicro(rows: Row[]): string {
  const head = ["ns/op", "wasm core", "TS core", "TS/wasm", "TS core, direct"];
  const cells = rows.map((r) => {
    const w = r.ns["wasm core"];
    const t = r.ns["TS core"];
    const fmt = (x: number | undefined) => (x === undefined ? "-" : x.toFixed(1));
    const directName = SCENARIOS.find((s) => s.name === r.name)!.direct;
    return [r.name, fmt(w), fmt(t), w && t ? `${(t / w).toFixed(2)}x` : "-", `${fmt(r.ns["TS core, direct"])} (${directName})`];
  });
  const all = [head, ...cells];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => r.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd()).join("\n") + "\n";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const time = process.argv.slice(2).map((a) => /^-time=(\d+)$/.exec(a)?.[1]).find((x) => x !== undefined);
  const rows = await runMicro({ time: time === undefined ? undefined : Number(time), progress: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(formatMicro(rows));
}
