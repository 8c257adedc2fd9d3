// A booted machine with the runtime type block filled in and a few leaf
// deferred functions; tests build Go frames on the goroutine stack by hand
// and call the runtime's entry points as compiled code would.

import * as L from "../../assembly/layout.js";
import { FIRST_FUNC, Machine, RUNTIME_IMPORTS_WAT, epilogue, prologue } from "./harness.js";

export const NAMEID_ERROR = 1;
export const NAMEID_STRING = 2;
export const NAMEID_M = 3;

/** Table indexes of the fixture's functions. */
export const F = {
  main: FIRST_FUNC,
  /** ABI0 leaves and the ABIInternal entries whose funcvals name them. */
  recABI0: FIRST_FUNC + 1,
  rec: FIRST_FUNC + 2,
  recovererABI0: FIRST_FUNC + 3,
  recoverer: FIRST_FUNC + 4,
  wrongRecovererABI0: FIRST_FUNC + 5,
  wrongRecoverer: FIRST_FUNC + 6,
  /** ABI0 functions with frames: their funcvals name them directly. */
  panicker: FIRST_FUNC + 7,
  recoverThenPanic: FIRST_FUNC + 8,
  /** Functab-only entries for frames built by hand. */
  f: FIRST_FUNC + 10,
  g: FIRST_FUNC + 11,
  mainFrames: FIRST_FUNC + 12,
};

const LEAVES = `(module
  ${RUNTIME_IMPORTS_WAT}
  (func (export "main") (param i32))
  ;; rec logs its funcval and its arg frame's address.
  (func (export "rec") (param $ctx i32) (param $argp i32)
    (call $log (local.get $ctx) (local.get $argp)))
  ;; recoverer calls recover() with its entry sp and logs what it got.
  (func (export "recoverer") (param $ctx i32) (param $argp i32) (local $t i32) (local $d i32)
    (call $gorecover (i32.load (i32.const ${L.G_SP})))
    (local.set $d) (local.set $t)
    (call $log (local.get $t) (local.get $d)))
  ;; wrongRecoverer passes an argp that is not its entry sp.
  (func (export "wrongRecoverer") (param $ctx i32) (param $argp i32) (local $t i32) (local $d i32)
    (call $gorecover (i32.add (i32.load (i32.const ${L.G_SP})) (i32.const 8)))
    (local.set $d) (local.set $t)
    (call $log (local.get $t) (local.get $d)))
  ;; panicker panics with the interface in its args: main.main.func1.
  (func (export "panicker") (param $ctx i32) (param $argp i32) (local $sp i32)
    ${prologue(16)}
    (i32.store (local.get $sp) (i32.const ${(FIRST_FUNC + 7) << L.PC_SHIFT | 1}))
    (call $gopanic (i32.load (local.get $argp)) (i32.load offset=4 (local.get $argp)))
    ${epilogue(16)})
  ;; recoverThenPanic recovers, then panics with its args: main.main.func2.
  (func (export "recoverThenPanic") (param $ctx i32) (param $argp i32) (local $sp i32) (local $t i32) (local $d i32)
    ${prologue(16)}
    (i32.store (local.get $sp) (i32.const ${(FIRST_FUNC + 8) << L.PC_SHIFT | 1}))
    (call $gorecover (i32.add (local.get $sp) (i32.const 16)))
    (local.set $d) (local.set $t)
    (local.set $sp (i32.load (i32.const ${L.G_SP})))
    (i32.store (local.get $sp) (i32.const ${(FIRST_FUNC + 8) << L.PC_SHIFT | 2}))
    (call $gopanic (i32.load (local.get $argp)) (i32.load offset=4 (local.get $argp)))
    ${epilogue(16)})
)`;

export interface Types {
  string: number;
  int: number;
  errorString: number;
  boundsError: number;
  plainError: number;
  typeAssertionError: number;
  any: number;
}

export interface Booted {
  m: Machine;
  t: Types;
  /** Funcvals of the leaves. */
  rec: number;
  recoverer: number;
  wrongRecoverer: number;
}

/** The runtime type block Go's runtime needs, as a linker would write it. */
export function runtimeTypes(m: Machine): Types {
  const t: Types = {
    string: m.type({ name: "string", kind: L.KIND_STRING }),
    int: m.type({ name: "int", kind: L.KIND_INT }),
    errorString: m.type({ name: "runtime.errorString", kind: L.KIND_STRING, methods: [[NAMEID_ERROR, L.RTFN_ERRORSTRING_ERROR]] }),
    boundsError: m.type({ name: "runtime.boundsError", kind: L.KIND_STRUCT, size: L.BOUNDSERROR_SIZE, methods: [[NAMEID_ERROR, L.RTFN_BOUNDSERROR_ERROR]] }),
    plainError: m.type({ name: "runtime.plainError", kind: L.KIND_STRING, methods: [[NAMEID_ERROR, L.RTFN_PLAINERROR_ERROR]] }),
    typeAssertionError: m.type({ name: "*runtime.TypeAssertionError", kind: L.KIND_POINTER, size: 4, methods: [[NAMEID_ERROR, L.RTFN_TYPEASSERTIONERROR_ERROR]] }),
    any: m.type({ name: "interface {}", kind: L.KIND_INTERFACE }),
  };
  m.rtword(L.RT_TYPE_STRING, t.string);
  m.rtword(L.RT_TYPE_INT, t.int);
  m.rtword(L.RT_TYPE_ERROR, m.itype("error", [NAMEID_ERROR]));
  m.rtword(L.RT_TYPE_BOUNDSERROR, t.boundsError);
  m.rtword(L.RT_TYPE_ERRORSTRING, t.errorString);
  m.rtword(L.RT_TYPE_PLAINERROR, t.plainError);
  m.rtword(L.RT_TYPE_TYPEASSERTIONERROR, t.typeAssertionError);
  m.rtword(L.RT_NAMEID_ERROR, NAMEID_ERROR);
  m.rtword(L.RT_NAMEID_STRING, NAMEID_STRING);
  m.methodNames(["", "Error", "String", "M"]);
  return t;
}

/**
 * A machine whose main.main returns at once, so that after start() the
 * goroutine has its stack and runtime.main's frame; frames above it are
 * then built by the test. `setup` runs before start, to add to the image.
 */
export async function boot(setup?: (m: Machine) => void, stackSize?: number): Promise<Booted> {
  const m = new Machine(stackSize);
  await m.instantiate();
  const t = runtimeTypes(m);
  m.program(LEAVES, {
    main: F.main,
    rec: F.recABI0,
    recoverer: F.recovererABI0,
    wrongRecoverer: F.wrongRecovererABI0,
    panicker: F.panicker,
    recoverThenPanic: F.recoverThenPanic,
  });
  m.func(F.panicker, { name: "main.main.func1", frameSize: 16, abi0: F.panicker, lines: [30, 31] });
  m.func(F.recoverThenPanic, { name: "main.main.func2", frameSize: 16, abi0: F.recoverThenPanic, lines: [40, 41, 42] });
  m.func(F.main, { name: "main.main" });
  m.u32(L.IMAGE + L.MD_MAININDEX, F.main);
  const leaf = (abi0: number, fn: number, name: string) => {
    m.func(abi0, { name: `${name}<ABI0>`, flags: L.FUNCFLAG_WRAPPER });
    m.func(fn, { name, abi0, argsSize: 8 });
    return m.funcval(fn);
  };
  const rec = leaf(F.recABI0, F.rec, "main.rec");
  const recoverer = leaf(F.recovererABI0, F.recoverer, "main.recoverer");
  const wrongRecoverer = leaf(F.wrongRecovererABI0, F.wrongRecoverer, "main.wrongRecoverer");
  m.func(F.f, { name: "main.f", frameSize: 64, argsSize: 8, lines: [10, 12, 13, 14] });
  m.func(F.g, { name: "main.g", frameSize: 32, lines: [20, 21, 22] });
  m.func(F.mainFrames, { name: "main.main", frameSize: 128, lines: [3, 5, 6, 7] });
  setup?.(m);
  expect0(m.run());
  return { m, t, rec, recoverer, wrongRecoverer };
}

function expect0(code: number): void {
  if (code !== 0) throw new Error(`start returned ${code}`);
}

/** Pushes a frame of function fn, N bytes, stopped at call site k. */
export function pushFrame(m: Machine, fn: number, k: number, n: number): number {
  const sp = m.g(L.G_SP) - n;
  m.u32(sp, (fn << L.PC_SHIFT) | k);
  m.g(L.G_SP, sp);
  return sp;
}

/** A stack _defer record at d with its fn and args filled in. */
export function stackRecord(m: Machine, d: number, fn: number, args: number[]): void {
  m.u32(d + L.DEFER_SIZ, args.length * 4);
  m.u32(d + L.DEFER_FN, fn);
  args.forEach((a, i) => m.u32(d + L.DEFER_ARGS + 4 * i, a));
}
