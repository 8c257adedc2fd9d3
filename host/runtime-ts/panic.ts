// Defer, panic and recover (runtime/panic.go), in the Go 1.14 design of the
// seeds: _defer records carry their args; heap records come from per-class
// pools, stack records sit in their function's frame, and frames with
// open-coded defers get a record only when a panic finds them on the stack.
// Recovery does not jump: it sets g.unwindsp and g.unwinding, and the
// frames return until the one at unwindsp branches to its deferreturn
// block (docs/abi.md section 11).
//
// Records that live on the goroutine stack (stack _defer records and the
// _panic in gopanic's frame) are re-derived from g after every call into Go
// code rather than held across it, so that a moving stack can adjust them.

import {
  DEFER_ARGS, DEFER_FD, DEFER_FN, DEFER_FRAMEPC, DEFER_HEAP, DEFER_LINK,
  DEFER_NCLASSES, DEFER_OPENDEFER, DEFER_PANIC, DEFER_PC, DEFER_SIZ, DEFER_SP,
  DEFER_STARTED, DEFER_VARP, DEFERPOOL_HEAD, DEFERPOOL_LEN, DEFERPOOL_STRIDE,
  FUNCFLAG_TOPFRAME, FUNC_ABI0, FUNC_DEFERRETURN, FUNC_OPENDEFER, G_DEFER,
  G_DEFERPOOL, G_EXITCODE, G_PANIC, G_STACKHI, G_STACKLO, G_UNWINDING,
  G_UNWINDSP, PANIC_ARGDATA, PANIC_ARGP, PANIC_ARGTAB, PANIC_ABORTED,
  PANIC_GOEXIT, PANIC_LINK, PANIC_RECOVERED, RTFN_DEFERRETURN, RTFN_GOEXIT, RTFN_GOPANIC,
  RT_TYPE_BOUNDSERROR, RT_TYPE_ERRORSTRING, RT_TYPE_STRING, RUNTIME_FRAME_SIZE,
  TYPE_STRLEN, TYPE_STRPTR,
} from "../../assembly/layout.js";
import { callIndirect2, load32, load8, memcopy, memfill, rt, store32, store8, unreachable } from "./builtins.js";
import {
  boundsIndex, newBoundsError, divideError, shiftError, memoryError, printpanicval,
  stringmethod,
} from "./error.js";
import { mallocgc } from "./malloc.js";
import { printhex, printstatic, printstring } from "./print.js";
import { getsp, popframe, pushframe, unwinding } from "./runtime2.js";
import { callPair, exit, first, pack, second, type Pair } from "./stubs.js";
import {
  findfunc, framesize, funcbyindex, funcentry, funcflags, readvarint,
  rtword, varintnext, varintvalue,
} from "./symtab.js";
import { testpanic } from "./testing.js";
import { goroutineheader, traceback } from "./traceback.js";

// gopanic keeps its _panic record at this offset in its runtime frame
// (docs/abi.md section 8).
const PANIC_OFF = 8;

// rt.sigsegv and rt.sigpc: the signal behind the panic being printed, as
// Go's gp.sig: only nil dereferences, for the "[signal SIGSEGV ...]" line.
// rt.dying is set once a fatal error is being reported, so that a failure
// while reporting it ends the run instead of recursing.
// rt.printingpanics is set while preprintpanics calls Error and String
// methods; a panic inside one of them cannot be reported normally.

// ---- defer records and pools ----

const NCLASSES = DEFER_NCLASSES;

// deferclass is the pool of a record with siz bytes of args: classes hold
// args of 0, 8, 16, 32 and 64 bytes; DEFER_NCLASSES means not pooled.
export function deferclass(siz: number): number {
  if (siz === 0) return 0;
  if (siz <= 8) return 1;
  return Math.min(30 - Math.clz32(siz - 1), NCLASSES);
}

// deferclasssize is the args capacity of records of class sc.
function deferclasssize(sc: number): number {
  return sc === 0 ? 0 : 4 << sc;
}

function deferpool(sc: number): number {
  return G_DEFERPOOL + sc * DEFERPOOL_STRIDE;
}

// newdefer returns a heap record with room for siz bytes of args, from its
// pool when there is one. The caller links it into the chain.
export function newdefer(siz: number): number {
  const sc = deferclass(siz);
  let d = 0;
  if (sc < NCLASSES) {
    const pool = deferpool(sc);
    d = load32(pool + DEFERPOOL_HEAD);
    if (d !== 0) {
      store32(pool + DEFERPOOL_HEAD, load32(d + DEFER_LINK));
      store32(pool + DEFERPOOL_LEN, load32(pool + DEFERPOOL_LEN) - 1);
      store32(d + DEFER_LINK, 0);
    } else {
      d = mallocgc(DEFER_ARGS + deferclasssize(sc));
    }
  } else {
    d = mallocgc(DEFER_ARGS + siz);
  }
  store32(d + DEFER_SIZ, siz);
  store8(d + DEFER_HEAP, 1);
  return d;
}

// freedefer returns a heap record to its pool. It clears the header only:
// deferreturn still reads the args of a record it has just freed.
export function freedefer(d: number): void {
  if (load32(d + DEFER_PANIC) !== 0) fatal("freedefer with d._panic != nil");
  if (load32(d + DEFER_FN) !== 0) fatal("freedefer with d.fn != nil");
  if (load8(d + DEFER_HEAP) === 0) return;
  const sc = deferclass(load32(d + DEFER_SIZ));
  if (sc >= NCLASSES) return;
  const pool = deferpool(sc);
  memfill(d, 0, DEFER_ARGS);
  store8(d + DEFER_HEAP, 1);
  store32(d + DEFER_LINK, load32(pool + DEFERPOOL_HEAD));
  store32(pool + DEFERPOOL_HEAD, d);
  store32(pool + DEFERPOOL_LEN, load32(pool + DEFERPOOL_LEN) + 1);
}

// deferproc queues fn with a heap record and returns where the caller
// stores the siz bytes of the call's args. siz is an i32.
export function deferproc(siz: number, fn: number): number {
  if ((siz | 0) < 0) fatal("negative defer argument size");
  const sp = getsp();
  const d = newdefer(siz);
  store32(d + DEFER_FN, fn);
  store32(d + DEFER_PC, load32(sp));
  store32(d + DEFER_SP, sp);
  store32(d + DEFER_LINK, load32(G_DEFER));
  store32(G_DEFER, d);
  return d + DEFER_ARGS;
}

// deferprocStack queues a record in the caller's frame; the caller has set
// siz, fn and the args, and every other field is junk until now.
export function deferprocStack(d: number): void {
  const sp = getsp();
  store8(d + DEFER_STARTED, 0);
  store8(d + DEFER_HEAP, 0);
  store8(d + DEFER_OPENDEFER, 0);
  store32(d + DEFER_SP, sp);
  store32(d + DEFER_PC, load32(sp));
  store32(d + DEFER_PANIC, 0);
  store32(d + DEFER_FD, 0);
  store32(d + DEFER_VARP, 0);
  store32(d + DEFER_FRAMEPC, 0);
  store32(d + DEFER_LINK, load32(G_DEFER));
  store32(G_DEFER, d);
}

// deferredcall calls the deferred func value fn with its args at argp
// through fn's ABI0 wrapper, as Go's reflectcall does. Calling a nil func
// value is a nil dereference.
function deferredcall(fn: number, argp: number): void {
  if (fn === 0) {
    panicmem();
    return;
  }
  const f = funcbyindex(load32(fn));
  const abi0 = f !== 0 ? load32(f + FUNC_ABI0) : 0;
  if (abi0 === 0) fatal("deferred function has no ABI0 wrapper");
  callIndirect2(abi0, fn, argp);
}

// deferreturn runs the deferred calls of its caller's frame: the records at
// the head of the chain whose sp is the caller's sp.
export function deferreturn(): void {
  pushframe(RTFN_DEFERRETURN);
  while (!unwinding() && rundeferreturn()) {}
  popframe();
}

// rundeferreturn runs the caller's first record and reports whether there
// may be more.
function rundeferreturn(): boolean {
  const callersp = getsp() + RUNTIME_FRAME_SIZE;
  const d = load32(G_DEFER);
  if (d === 0 || load32(d + DEFER_SP) !== callersp) return false;
  if (load8(d + DEFER_OPENDEFER) !== 0) {
    const done = runOpenDeferFrame(d);
    if (unwinding()) return false;
    if (!done) fatal("unfinished open-coded defers in deferreturn");
    store32(G_DEFER, load32(d + DEFER_LINK));
    freedefer(d);
    // A frame with open-coded defers has no other records.
    return false;
  }
  const fn = load32(d + DEFER_FN);
  store32(d + DEFER_FN, 0);
  store32(G_DEFER, load32(d + DEFER_LINK));
  freedefer(d);
  // The ABI0 wrapper loads the args before it calls anything that could
  // reuse the freed record.
  deferredcall(fn, d + DEFER_ARGS);
  return true;
}

// ---- open-coded defers ----

// addOneOpenDeferFrame scans the stack from frame (pc, sp) for the first
// frame with open-coded defers that has no record yet and links a record
// for it into the chain, which stays sorted by sp. With sp == 0 it resumes
// after the frame of the record at the head of the chain.
export function addOneOpenDeferFrame(pc: number, sp: number): void {
  let skipsp = 0;
  if (sp === 0) {
    const prev = load32(G_DEFER);
    pc = load32(prev + DEFER_FRAMEPC);
    sp = load32(prev + DEFER_SP);
    skipsp = sp;
  }
  const hi = load32(G_STACKHI);
  while (sp < hi) {
    const f = findfunc(pc);
    if (f === 0) fatal("addOneOpenDeferFrame: unknown pc");
    if (sp !== skipsp && load32(f + FUNC_OPENDEFER) !== 0 && addopendefer(f, pc, sp)) return;
    if ((funcflags(f) & FUNCFLAG_TOPFRAME) !== 0) return;
    if (framesize(f) === 0) fatal("addOneOpenDeferFrame: frame without a size");
    sp += framesize(f);
    pc = load32(sp);
  }
}

// addopendefer links a record for frame (pc, sp) of f, unless the frame
// already has one from an earlier panic.
function addopendefer(f: number, pc: number, sp: number): boolean {
  let prev = 0;
  let d = load32(G_DEFER);
  while (d !== 0) {
    const dsp = load32(d + DEFER_SP);
    if (sp < dsp) break;
    if (sp === dsp) {
      if (load8(d + DEFER_OPENDEFER) === 0) fatal("duplicated defer entry");
      return false;
    }
    prev = d;
    d = load32(d + DEFER_LINK);
  }
  const deferreturn = load32(f + FUNC_DEFERRETURN);
  if (deferreturn === 0) fatal("missing deferreturn");
  const fd = load32(f + FUNC_OPENDEFER);
  const d1 = newdefer(varintvalue(readvarint(fd)));
  store8(d1 + DEFER_OPENDEFER, 1);
  store32(d1 + DEFER_PANIC, 0);
  // Where a recovering frame resumes: its deferreturn call.
  store32(d1 + DEFER_PC, funcentry(pc) + deferreturn);
  store32(d1 + DEFER_VARP, sp + framesize(f));
  store32(d1 + DEFER_FD, fd);
  store32(d1 + DEFER_FRAMEPC, pc);
  store32(d1 + DEFER_SP, sp);
  store32(d1 + DEFER_LINK, d);
  store32(prev === 0 ? G_DEFER : prev + DEFER_LINK, d1);
  return true;
}

// runOpenDeferFrame runs the active open-coded defers of d's frame, last
// deferred first, as the funcdata (seed 001's format) describes them. It
// stops after a call that recovered the panic and reports whether no
// defers are left in the frame.
export function runOpenDeferFrame(d: number): boolean {
  let fd = varintnext(readvarint(load32(d + DEFER_FD)));
  let v = readvarint(fd);
  const deferBitsOffset = varintvalue(v);
  v = readvarint(varintnext(v));
  const nDefers = varintvalue(v);
  fd = varintnext(v);
  let deferBits = load8(load32(d + DEFER_VARP) - deferBitsOffset);
  for (let i = nDefers - 1; i >= 0; i--) {
    v = readvarint(fd);
    const argWidth = varintvalue(v);
    v = readvarint(varintnext(v));
    const closureOffset = varintvalue(v);
    v = readvarint(varintnext(v));
    const nArgs = varintvalue(v);
    fd = varintnext(v);
    if ((deferBits & (1 << i)) === 0) {
      fd = skipvarints(fd, 3 * nArgs);
      continue;
    }
    const varp = load32(d + DEFER_VARP);
    const closure = load32(varp - closureOffset);
    store32(d + DEFER_FN, closure);
    fd = copyopenargs(fd, nArgs, varp, d + DEFER_ARGS);
    // Clear the bit before the call, so that a panic in it does not run
    // it again.
    deferBits &= ~(1 << i);
    store8(varp - deferBitsOffset, deferBits);
    const p = load32(d + DEFER_PANIC);
    if (p !== 0) store32(p + PANIC_ARGP, getsp());
    deferredcall(closure, d + DEFER_ARGS);
    if (unwinding()) return false;
    store32(d + DEFER_FN, 0);
    // The args are a copy, so they can be cleared at once.
    memfill(d + DEFER_ARGS, 0, argWidth);
    const p1 = load32(d + DEFER_PANIC);
    if (p1 !== 0 && load8(p1 + PANIC_RECOVERED) !== 0) return deferBits === 0;
  }
  return true;
}

function skipvarints(fd: number, n: number): number {
  for (let j = 0; j < n; j++) fd = varintnext(readvarint(fd));
  return fd;
}

// copyopenargs copies each arg from its frame slot below varp to its
// offset in the call's arg frame at args.
function copyopenargs(fd: number, nArgs: number, varp: number, args: number): number {
  for (let j = 0; j < nArgs; j++) {
    let v = readvarint(fd);
    const argOffset = varintvalue(v);
    v = readvarint(varintnext(v));
    const argLen = varintvalue(v);
    v = readvarint(varintnext(v));
    const argCallOffset = varintvalue(v);
    fd = varintnext(v);
    memcopy(args + argCallOffset, varp - argOffset, argLen);
  }
  return fd;
}

// ---- panic and recover ----

// gopanic implements panic(e) for e = (tab, data). It returns only when
// unwinding toward a recovering frame; otherwise the run ends.
export function gopanic(tab: number, data: number): void {
  startpanic(RTFN_GOPANIC, tab, data, false);
  if (!rundefers()) return;
  // A test's tRunner recovers and panics again; benchmarks do not.
  testpanic();
  preprintpanics();
  fatalpanic(load32(G_PANIC));
}

// goexit is runtime.Goexit for a test or benchmark that calls FailNow or
// SkipNow (Fatal, Skip): it runs every pending deferred call, as a panic
// that recover cannot stop, then unwinds to the runtime.main frame that
// tRunner pushed.
export function goexit(): void {
  startpanic(RTFN_GOEXIT, 0, 0, true);
  if (!rundefers()) return;
  store32(G_PANIC, load32(currentpanic() + PANIC_LINK));
  popframe();
  recovery(topframesp());
}

// startpanic pushes the runtime frame of gopanic or goexit with its _panic
// record at the head of g._panic, and adds the first frame above the caller
// that has open-coded defers to the defer chain.
function startpanic(rtfn: number, tab: number, data: number, goexit: boolean): void {
  const callersp = getsp();
  const p = pushframe(rtfn) + PANIC_OFF;
  store32(p + PANIC_ARGP, 0);
  store32(p + PANIC_ARGTAB, tab);
  store32(p + PANIC_ARGDATA, data);
  store32(p + PANIC_LINK, load32(G_PANIC));
  // recovered, aborted and goexit: one word.
  store32(p + PANIC_RECOVERED, 0);
  if (goexit) store8(p + PANIC_GOEXIT, 1);
  store32(G_PANIC, p);
  // Start the scan at the caller: the runtime's own frame has no defers.
  addOneOpenDeferFrame(load32(callersp), callersp);
}

// rundefers runs the defer chain for the panic at g.sp. It reports false
// when a recovery, or unwinding past this frame, ended it early; the
// runtime frame is popped then.
function rundefers(): boolean {
  while (load32(G_DEFER) !== 0) {
    if (!rundeferpanic()) {
      popframe();
      return false;
    }
  }
  return true;
}

// topframesp is the sp of the frame that ends stack walks.
function topframesp(): number {
  let sp = getsp();
  let f = findfunc(load32(sp));
  while ((funcflags(f) & FUNCFLAG_TOPFRAME) === 0) {
    sp += framesize(f);
    f = findfunc(load32(sp));
  }
  return sp;
}

// currentpanic is the _panic of the gopanic whose frame is at g.sp.
function currentpanic(): number {
  return getsp() + PANIC_OFF;
}

// rundeferpanic runs the record at the head of the chain for the panic at
// g.sp, and reports whether gopanic should go on with the next record
// (false: recovered, or unwinding past gopanic).
function rundeferpanic(): boolean {
  let p = currentpanic();
  let d = load32(G_DEFER);
  if (load8(d + DEFER_STARTED) !== 0) {
    // An earlier panic or deferreturn was running d, and d panicked: that
    // earlier panic will not continue.
    const dp = load32(d + DEFER_PANIC);
    if (dp !== 0) store8(dp + PANIC_ABORTED, 1);
    store32(d + DEFER_PANIC, 0);
    if (load8(d + DEFER_OPENDEFER) === 0) {
      store32(d + DEFER_FN, 0);
      store32(G_DEFER, load32(d + DEFER_LINK));
      freedefer(d);
      return true;
    }
    // An open-coded record: run the rest of its frame's defers.
  }
  // Keep d on the chain while it runs, so that a panic inside it finds it.
  store8(d + DEFER_STARTED, 1);
  store32(d + DEFER_PANIC, p);
  let done = true;
  if (load8(d + DEFER_OPENDEFER) !== 0) {
    done = runOpenDeferFrame(d);
    if (unwinding()) return false;
    p = currentpanic();
    if (done && load8(p + PANIC_RECOVERED) === 0) addOneOpenDeferFrame(0, 0);
  } else {
    store32(p + PANIC_ARGP, getsp());
    deferredcall(load32(d + DEFER_FN), d + DEFER_ARGS);
    if (unwinding()) return false;
    p = currentpanic();
  }
  store32(p + PANIC_ARGP, 0);
  d = load32(G_DEFER);
  if (d === 0 || load32(d + DEFER_PANIC) !== p) fatal("bad defer entry in panic");
  store32(d + DEFER_PANIC, 0);
  const dsp = load32(d + DEFER_SP);
  if (done) {
    store32(d + DEFER_FN, 0);
    store32(G_DEFER, load32(d + DEFER_LINK));
    freedefer(d);
  }
  if (load8(p + PANIC_RECOVERED) === 0) return true;
  recovered(p, done);
  recovery(dsp);
  return false;
}

// recovered drops what the recovered panic p leaves behind: open-coded
// records not yet started, whose defers will now run inline (all but the
// recovering frame's own, if it has defers left), and p with the panics it
// aborted.
function recovered(p: number, done: boolean): void {
  let prev = 0;
  let d = load32(G_DEFER);
  if (!done) {
    prev = d;
    d = load32(d + DEFER_LINK);
  }
  // Records from here on that are started belong to panics further up,
  // which still need them.
  while (d !== 0 && load8(d + DEFER_STARTED) === 0) {
    const next = load32(d + DEFER_LINK);
    if (load8(d + DEFER_OPENDEFER) !== 0) {
      store32(prev === 0 ? G_DEFER : prev + DEFER_LINK, next);
      freedefer(d);
    } else {
      prev = d;
    }
    d = next;
  }
  let q = load32(p + PANIC_LINK);
  while (q !== 0 && load8(q + PANIC_ABORTED) !== 0) q = load32(q + PANIC_LINK);
  store32(G_PANIC, q);
  if (q === 0) rt.sigsegv = false;
}

// recovery makes the frames return to the frame at sp, which deferred the
// recovering call; it resumes at its deferreturn block.
function recovery(sp: number): void {
  if (sp < load32(G_STACKLO) || sp > load32(G_STACKHI)) {
    printstatic("recover: ");
    printhex(BigInt(sp));
    printstatic(" not in [");
    printhex(BigInt(load32(G_STACKLO)));
    printstatic(", ");
    printhex(BigInt(load32(G_STACKHI)));
    printstatic("]\n");
    fatal("bad recovery");
  }
  store32(G_UNWINDSP, sp);
  store32(G_UNWINDING, 1);
}

// gorecover implements recover() in a function whose entry sp is argp: it
// recovers only when called by the deferred function the panic runs.
export function gorecover(argp: number): Pair {
  const p = load32(G_PANIC);
  if (p === 0 || load8(p + PANIC_GOEXIT) !== 0 || load8(p + PANIC_RECOVERED) !== 0) return pack(0, 0);
  if (argp !== load32(p + PANIC_ARGP)) return pack(0, 0);
  store8(p + PANIC_RECOVERED, 1);
  return pack(load32(p + PANIC_ARGTAB), load32(p + PANIC_ARGDATA));
}

// ---- runtime panics ----

export function panicmem(): void {
  rt.sigsegv = true;
  rt.sigpc = load32(getsp());
  gopanic(rtword(RT_TYPE_ERRORSTRING), memoryError());
}

export function panicdivide(): void {
  gopanic(rtword(RT_TYPE_ERRORSTRING), divideError());
}

export function panicshift(): void {
  gopanic(rtword(RT_TYPE_ERRORSTRING), shiftError());
}

export function panicIndex(x: bigint, y: bigint): void {
  gopanic(rtword(RT_TYPE_BOUNDSERROR), newBoundsError(x, y, true, boundsIndex));
}

// ---- printing the panics ----

// preprintpanics replaces error and Stringer panic values by their Error()
// and String() results before anything is printed, as Go does.
function preprintpanics(): void {
  if (rt.printingpanics) throwPrintingPanic(load32(G_PANIC));
  rt.printingpanics = true;
  for (let i = 0; ; i++) {
    const p = nthpanic(i);
    if (p === 0) break;
    const method = stringmethod(load32(p + PANIC_ARGTAB));
    if (method === 0) continue;
    const s = callPair(method, 0, load32(p + PANIC_ARGDATA));
    // The method ran Go code, which may have moved the stack and the
    // records on it: find the record again.
    const q = nthpanic(i);
    const box = mallocgc(8);
    store32(box, first(s));
    store32(box + 4, second(s));
    store32(q + PANIC_ARGTAB, rtword(RT_TYPE_STRING));
    store32(q + PANIC_ARGDATA, box);
  }
  rt.printingpanics = false;
}

// nthpanic is the i-th record of the panic chain from g._panic, or 0.
function nthpanic(i: number): number {
  let p = load32(G_PANIC);
  for (; p !== 0 && i > 0; i--) p = load32(p + PANIC_LINK);
  return p;
}

// printpanics prints the panic chain, oldest first.
function printpanics(p: number): void {
  const link = load32(p + PANIC_LINK);
  if (link !== 0) {
    printpanics(link);
    if (load8(link + PANIC_GOEXIT) === 0) printstatic("\t");
  }
  if (load8(p + PANIC_GOEXIT) !== 0) return;
  printstatic("panic: ");
  printpanicval(load32(p + PANIC_ARGTAB), load32(p + PANIC_ARGDATA));
  if (load8(p + PANIC_RECOVERED) !== 0) printstatic(" [recovered]");
  printstatic("\n");
}

function fatalpanic(p: number): void {
  rt.dying = true;
  printpanics(p);
  if (rt.sigsegv) {
    printstatic("[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=");
    printhex(BigInt(rt.sigpc));
    printstatic("]\n");
  }
  dumpstack(false);
  die();
}

// throw reports a fatal error in the runtime, as Go's throw does.
export function fatal(s: string): void {
  printstatic("fatal error: ");
  printstatic(s);
  printstatic("\n");
  diewithstack();
}

// throwPrintingPanic is the throw of the function Go's preprintpanics defers
// when an Error or String method panics: the message carries that panic's
// value if it is a string, else its type.
function throwPrintingPanic(p: number): void {
  const t = load32(p + PANIC_ARGTAB);
  const data = load32(p + PANIC_ARGDATA);
  printstatic("fatal error: panic while printing panic value: ");
  if (t === rtword(RT_TYPE_STRING)) {
    printstring(load32(data), load32(data + 4));
  } else {
    printstatic("type ");
    printstring(load32(t + TYPE_STRPTR), load32(t + TYPE_STRLEN));
  }
  printstatic("\n");
  diewithstack();
}

function diewithstack(): void {
  if (!rt.dying) {
    rt.dying = true;
    dumpstack(true);
  }
  die();
}

function dumpstack(throwing: boolean): void {
  printstatic("\n");
  goroutineheader();
  traceback(getsp(), throwing);
}

// die ends the run with Go's exit status for a fatal error.
function die(): void {
  store32(G_EXITCODE, 2);
  exit(2);
  unreachable();
}
