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
} from "./layout";
import {
  boundsIndex, newBoundsError, divideError, shiftError, memoryError, printpanicval,
  stringmethod,
} from "./error";
import { mallocgc } from "./malloc";
import { printhex, printstatic, printstring } from "./print";
import { getsp, popframe, pushframe, unwinding } from "./runtime2";
import { callPair, exit, pack } from "./stubs";
import {
  findfunc, framesize, funcbyindex, funcentry, funcflags, readvarint,
  rtword, varintnext, varintvalue,
} from "./symtab";
import { testpanic } from "./testing";
import { goroutineheader, traceback } from "./traceback";

// gopanic keeps its _panic record at this offset in its runtime frame
// (docs/abi.md section 8).
const PANIC_OFF: u32 = 8;

// The signal behind the panic being printed, as Go's gp.sig: only nil
// dereferences, for the "[signal SIGSEGV ...]" line.
let sigsegv: bool = false;
let sigpc: u32 = 0;

// dying is set once a fatal error is being reported, so that a failure
// while reporting it ends the run instead of recursing.
let dying: bool = false;

// printingpanics is set while preprintpanics calls Error and String
// methods; a panic inside one of them cannot be reported normally.
let printingpanics: bool = false;

// ---- defer records and pools ----

const NCLASSES: u32 = DEFER_NCLASSES;

// deferclass is the pool of a record with siz bytes of args: classes hold
// args of 0, 8, 16, 32 and 64 bytes; DEFER_NCLASSES means not pooled.
export function deferclass(siz: u32): u32 {
  if (siz == 0) return 0;
  if (siz <= 8) return 1;
  return min(30 - clz(siz - 1), NCLASSES);
}

// deferclasssize is the args capacity of records of class sc.
@inline
function deferclasssize(sc: u32): u32 {
  return sc == 0 ? 0 : 4 << sc;
}

@inline
function deferpool(sc: u32): u32 {
  return G_DEFERPOOL + sc * DEFERPOOL_STRIDE;
}

// newdefer returns a heap record with room for siz bytes of args, from its
// pool when there is one. The caller links it into the chain.
export function newdefer(siz: u32): u32 {
  const sc = deferclass(siz);
  let d: u32 = 0;
  if (sc < NCLASSES) {
    const pool = deferpool(sc);
    d = load<u32>(pool + DEFERPOOL_HEAD);
    if (d != 0) {
      store<u32>(pool + DEFERPOOL_HEAD, load<u32>(d + DEFER_LINK));
      store<u32>(pool + DEFERPOOL_LEN, load<u32>(pool + DEFERPOOL_LEN) - 1);
      store<u32>(d + DEFER_LINK, 0);
    } else {
      d = mallocgc(DEFER_ARGS + deferclasssize(sc));
    }
  } else {
    d = mallocgc(DEFER_ARGS + siz);
  }
  store<u32>(d + DEFER_SIZ, siz);
  store<u8>(d + DEFER_HEAP, 1);
  return d;
}

// freedefer returns a heap record to its pool. It clears the header only:
// deferreturn still reads the args of a record it has just freed.
export function freedefer(d: u32): void {
  if (load<u32>(d + DEFER_PANIC) != 0) fatal("freedefer with d._panic != nil");
  if (load<u32>(d + DEFER_FN) != 0) fatal("freedefer with d.fn != nil");
  if (load<u8>(d + DEFER_HEAP) == 0) return;
  const sc = deferclass(load<u32>(d + DEFER_SIZ));
  if (sc >= NCLASSES) return;
  const pool = deferpool(sc);
  memory.fill(d, 0, DEFER_ARGS);
  store<u8>(d + DEFER_HEAP, 1);
  store<u32>(d + DEFER_LINK, load<u32>(pool + DEFERPOOL_HEAD));
  store<u32>(pool + DEFERPOOL_HEAD, d);
  store<u32>(pool + DEFERPOOL_LEN, load<u32>(pool + DEFERPOOL_LEN) + 1);
}

// deferproc queues fn with a heap record and returns where the caller
// stores the siz bytes of the call's args.
export function deferproc(siz: i32, fn: u32): u32 {
  if (siz < 0) fatal("negative defer argument size");
  const sp = getsp();
  const d = newdefer(<u32>siz);
  store<u32>(d + DEFER_FN, fn);
  store<u32>(d + DEFER_PC, load<u32>(sp));
  store<u32>(d + DEFER_SP, sp);
  store<u32>(d + DEFER_LINK, load<u32>(G_DEFER));
  store<u32>(G_DEFER, d);
  return d + DEFER_ARGS;
}

// deferprocStack queues a record in the caller's frame; the caller has set
// siz, fn and the args, and every other field is junk until now.
export function deferprocStack(d: u32): void {
  const sp = getsp();
  store<u8>(d + DEFER_STARTED, 0);
  store<u8>(d + DEFER_HEAP, 0);
  store<u8>(d + DEFER_OPENDEFER, 0);
  store<u32>(d + DEFER_SP, sp);
  store<u32>(d + DEFER_PC, load<u32>(sp));
  store<u32>(d + DEFER_PANIC, 0);
  store<u32>(d + DEFER_FD, 0);
  store<u32>(d + DEFER_VARP, 0);
  store<u32>(d + DEFER_FRAMEPC, 0);
  store<u32>(d + DEFER_LINK, load<u32>(G_DEFER));
  store<u32>(G_DEFER, d);
}

// deferredcall calls the deferred func value fn with its args at argp
// through fn's ABI0 wrapper, as Go's reflectcall does. Calling a nil func
// value is a nil dereference.
function deferredcall(fn: u32, argp: u32): void {
  if (fn == 0) {
    panicmem();
    return;
  }
  const f = funcbyindex(load<u32>(fn));
  const abi0 = f != 0 ? load<u32>(f + FUNC_ABI0) : 0;
  if (abi0 == 0) fatal("deferred function has no ABI0 wrapper");
  call_indirect<void>(abi0, fn, argp);
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
function rundeferreturn(): bool {
  const callersp = getsp() + RUNTIME_FRAME_SIZE;
  const d = load<u32>(G_DEFER);
  if (d == 0 || load<u32>(d + DEFER_SP) != callersp) return false;
  if (load<u8>(d + DEFER_OPENDEFER) != 0) {
    const done = runOpenDeferFrame(d);
    if (unwinding()) return false;
    if (!done) fatal("unfinished open-coded defers in deferreturn");
    store<u32>(G_DEFER, load<u32>(d + DEFER_LINK));
    freedefer(d);
    // A frame with open-coded defers has no other records.
    return false;
  }
  const fn = load<u32>(d + DEFER_FN);
  store<u32>(d + DEFER_FN, 0);
  store<u32>(G_DEFER, load<u32>(d + DEFER_LINK));
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
export function addOneOpenDeferFrame(pc: u32, sp: u32): void {
  let skipsp: u32 = 0;
  if (sp == 0) {
    const prev = load<u32>(G_DEFER);
    pc = load<u32>(prev + DEFER_FRAMEPC);
    sp = load<u32>(prev + DEFER_SP);
    skipsp = sp;
  }
  const hi = load<u32>(G_STACKHI);
  while (sp < hi) {
    const f = findfunc(pc);
    if (f == 0) fatal("addOneOpenDeferFrame: unknown pc");
    if (sp != skipsp && load<u32>(f + FUNC_OPENDEFER) != 0 && addopendefer(f, pc, sp)) return;
    if ((funcflags(f) & FUNCFLAG_TOPFRAME) != 0) return;
    if (framesize(f) == 0) fatal("addOneOpenDeferFrame: frame without a size");
    sp += framesize(f);
    pc = load<u32>(sp);
  }
}

// addopendefer links a record for frame (pc, sp) of f, unless the frame
// already has one from an earlier panic.
function addopendefer(f: u32, pc: u32, sp: u32): bool {
  let prev: u32 = 0;
  let d = load<u32>(G_DEFER);
  while (d != 0) {
    const dsp = load<u32>(d + DEFER_SP);
    if (sp < dsp) break;
    if (sp == dsp) {
      if (load<u8>(d + DEFER_OPENDEFER) == 0) fatal("duplicated defer entry");
      return false;
    }
    prev = d;
    d = load<u32>(d + DEFER_LINK);
  }
  const deferreturn = load<u32>(f + FUNC_DEFERRETURN);
  if (deferreturn == 0) fatal("missing deferreturn");
  const fd = load<u32>(f + FUNC_OPENDEFER);
  const d1 = newdefer(varintvalue(readvarint(fd)));
  store<u8>(d1 + DEFER_OPENDEFER, 1);
  store<u32>(d1 + DEFER_PANIC, 0);
  // Where a recovering frame resumes: its deferreturn call.
  store<u32>(d1 + DEFER_PC, funcentry(pc) + deferreturn);
  store<u32>(d1 + DEFER_VARP, sp + framesize(f));
  store<u32>(d1 + DEFER_FD, fd);
  store<u32>(d1 + DEFER_FRAMEPC, pc);
  store<u32>(d1 + DEFER_SP, sp);
  store<u32>(d1 + DEFER_LINK, d);
  store<u32>(prev == 0 ? G_DEFER : prev + DEFER_LINK, d1);
  return true;
}

// runOpenDeferFrame runs the active open-coded defers of d's frame, last
// deferred first, as the funcdata (seed 001's format) describes them. It
// stops after a call that recovered the panic and reports whether no
// defers are left in the frame.
export function runOpenDeferFrame(d: u32): bool {
  let fd = varintnext(readvarint(load<u32>(d + DEFER_FD)));
  let v = readvarint(fd);
  const deferBitsOffset = varintvalue(v);
  v = readvarint(varintnext(v));
  const nDefers = varintvalue(v);
  fd = varintnext(v);
  let deferBits = <u32>load<u8>(load<u32>(d + DEFER_VARP) - deferBitsOffset);
  for (let i = <i32>nDefers - 1; i >= 0; i--) {
    v = readvarint(fd);
    const argWidth = varintvalue(v);
    v = readvarint(varintnext(v));
    const closureOffset = varintvalue(v);
    v = readvarint(varintnext(v));
    const nArgs = varintvalue(v);
    fd = varintnext(v);
    if ((deferBits & (1 << i)) == 0) {
      fd = skipvarints(fd, 3 * nArgs);
      continue;
    }
    const varp = load<u32>(d + DEFER_VARP);
    const closure = load<u32>(varp - closureOffset);
    store<u32>(d + DEFER_FN, closure);
    fd = copyopenargs(fd, nArgs, varp, d + DEFER_ARGS);
    // Clear the bit before the call, so that a panic in it does not run
    // it again.
    deferBits &= ~(1 << i);
    store<u8>(varp - deferBitsOffset, <u8>deferBits);
    const p = load<u32>(d + DEFER_PANIC);
    if (p != 0) store<u32>(p + PANIC_ARGP, getsp());
    deferredcall(closure, d + DEFER_ARGS);
    if (unwinding()) return false;
    store<u32>(d + DEFER_FN, 0);
    // The args are a copy, so they can be cleared at once.
    memory.fill(d + DEFER_ARGS, 0, argWidth);
    const p1 = load<u32>(d + DEFER_PANIC);
    if (p1 != 0 && load<u8>(p1 + PANIC_RECOVERED) != 0) return deferBits == 0;
  }
  return true;
}

function skipvarints(fd: u32, n: u32): u32 {
  for (let j: u32 = 0; j < n; j++) fd = varintnext(readvarint(fd));
  return fd;
}

// copyopenargs copies each arg from its frame slot below varp to its
// offset in the call's arg frame at args.
function copyopenargs(fd: u32, nArgs: u32, varp: u32, args: u32): u32 {
  for (let j: u32 = 0; j < nArgs; j++) {
    let v = readvarint(fd);
    const argOffset = varintvalue(v);
    v = readvarint(varintnext(v));
    const argLen = varintvalue(v);
    v = readvarint(varintnext(v));
    const argCallOffset = varintvalue(v);
    fd = varintnext(v);
    memory.copy(args + argCallOffset, varp - argOffset, argLen);
  }
  return fd;
}

// ---- panic and recover ----

// gopanic implements panic(e) for e = (tab, data). It returns only when
// unwinding toward a recovering frame; otherwise the run ends.
export function gopanic(tab: u32, data: u32): void {
  startpanic(RTFN_GOPANIC, tab, data, false);
  if (!rundefers()) return;
  // A test's tRunner recovers and panics again; benchmarks do not.
  testpanic();
  preprintpanics();
  fatalpanic(load<u32>(G_PANIC));
}

// goexit is runtime.Goexit for a test or benchmark that calls FailNow or
// SkipNow (Fatal, Skip): it runs every pending deferred call, as a panic
// that recover cannot stop, then unwinds to the runtime.main frame that
// tRunner pushed.
export function goexit(): void {
  startpanic(RTFN_GOEXIT, 0, 0, true);
  if (!rundefers()) return;
  store<u32>(G_PANIC, load<u32>(currentpanic() + PANIC_LINK));
  popframe();
  recovery(topframesp());
}

// startpanic pushes the runtime frame of gopanic or goexit with its _panic
// record at the head of g._panic, and adds the first frame above the caller
// that has open-coded defers to the defer chain.
function startpanic(rtfn: u32, tab: u32, data: u32, goexit: bool): void {
  const callersp = getsp();
  const p = pushframe(rtfn) + PANIC_OFF;
  store<u32>(p + PANIC_ARGP, 0);
  store<u32>(p + PANIC_ARGTAB, tab);
  store<u32>(p + PANIC_ARGDATA, data);
  store<u32>(p + PANIC_LINK, load<u32>(G_PANIC));
  // recovered, aborted and goexit: one word.
  store<u32>(p + PANIC_RECOVERED, 0);
  if (goexit) store<u8>(p + PANIC_GOEXIT, 1);
  store<u32>(G_PANIC, p);
  // Start the scan at the caller: the runtime's own frame has no defers.
  addOneOpenDeferFrame(load<u32>(callersp), callersp);
}

// rundefers runs the defer chain for the panic at g.sp. It reports false
// when a recovery, or unwinding past this frame, ended it early; the
// runtime frame is popped then.
function rundefers(): bool {
  while (load<u32>(G_DEFER) != 0) {
    if (!rundeferpanic()) {
      popframe();
      return false;
    }
  }
  return true;
}

// topframesp is the sp of the frame that ends stack walks.
function topframesp(): u32 {
  let sp = getsp();
  let f = findfunc(load<u32>(sp));
  while ((funcflags(f) & FUNCFLAG_TOPFRAME) == 0) {
    sp += framesize(f);
    f = findfunc(load<u32>(sp));
  }
  return sp;
}

// currentpanic is the _panic of the gopanic whose frame is at g.sp.
@inline
function currentpanic(): u32 {
  return getsp() + PANIC_OFF;
}

// rundeferpanic runs the record at the head of the chain for the panic at
// g.sp, and reports whether gopanic should go on with the next record
// (false: recovered, or unwinding past gopanic).
function rundeferpanic(): bool {
  let p = currentpanic();
  let d = load<u32>(G_DEFER);
  if (load<u8>(d + DEFER_STARTED) != 0) {
    // An earlier panic or deferreturn was running d, and d panicked: that
    // earlier panic will not continue.
    const dp = load<u32>(d + DEFER_PANIC);
    if (dp != 0) store<u8>(dp + PANIC_ABORTED, 1);
    store<u32>(d + DEFER_PANIC, 0);
    if (load<u8>(d + DEFER_OPENDEFER) == 0) {
      store<u32>(d + DEFER_FN, 0);
      store<u32>(G_DEFER, load<u32>(d + DEFER_LINK));
      freedefer(d);
      return true;
    }
    // An open-coded record: run the rest of its frame's defers.
  }
  // Keep d on the chain while it runs, so that a panic inside it finds it.
  store<u8>(d + DEFER_STARTED, 1);
  store<u32>(d + DEFER_PANIC, p);
  let done = true;
  if (load<u8>(d + DEFER_OPENDEFER) != 0) {
    done = runOpenDeferFrame(d);
    if (unwinding()) return false;
    p = currentpanic();
    if (done && load<u8>(p + PANIC_RECOVERED) == 0) addOneOpenDeferFrame(0, 0);
  } else {
    store<u32>(p + PANIC_ARGP, getsp());
    deferredcall(load<u32>(d + DEFER_FN), d + DEFER_ARGS);
    if (unwinding()) return false;
    p = currentpanic();
  }
  store<u32>(p + PANIC_ARGP, 0);
  d = load<u32>(G_DEFER);
  if (d == 0 || load<u32>(d + DEFER_PANIC) != p) fatal("bad defer entry in panic");
  store<u32>(d + DEFER_PANIC, 0);
  const dsp = load<u32>(d + DEFER_SP);
  if (done) {
    store<u32>(d + DEFER_FN, 0);
    store<u32>(G_DEFER, load<u32>(d + DEFER_LINK));
    freedefer(d);
  }
  if (load<u8>(p + PANIC_RECOVERED) == 0) return true;
  recovered(p, done);
  recovery(dsp);
  return false;
}

// recovered drops what the recovered panic p leaves behind: open-coded
// records not yet started, whose defers will now run inline (all but the
// recovering frame's own, if it has defers left), and p with the panics it
// aborted.
function recovered(p: u32, done: bool): void {
  let prev: u32 = 0;
  let d = load<u32>(G_DEFER);
  if (!done) {
    prev = d;
    d = load<u32>(d + DEFER_LINK);
  }
  // Records from here on that are started belong to panics further up,
  // which still need them.
  while (d != 0 && load<u8>(d + DEFER_STARTED) == 0) {
    const next = load<u32>(d + DEFER_LINK);
    if (load<u8>(d + DEFER_OPENDEFER) != 0) {
      store<u32>(prev == 0 ? G_DEFER : prev + DEFER_LINK, next);
      freedefer(d);
    } else {
      prev = d;
    }
    d = next;
  }
  let q = load<u32>(p + PANIC_LINK);
  while (q != 0 && load<u8>(q + PANIC_ABORTED) != 0) q = load<u32>(q + PANIC_LINK);
  store<u32>(G_PANIC, q);
  if (q == 0) sigsegv = false;
}

// recovery makes the frames return to the frame at sp, which deferred the
// recovering call; it resumes at its deferreturn block.
function recovery(sp: u32): void {
  if (sp < load<u32>(G_STACKLO) || sp > load<u32>(G_STACKHI)) {
    printstatic("recover: ");
    printhex(<i64>sp);
    printstatic(" not in [");
    printhex(<i64>load<u32>(G_STACKLO));
    printstatic(", ");
    printhex(<i64>load<u32>(G_STACKHI));
    printstatic("]\n");
    fatal("bad recovery");
  }
  store<u32>(G_UNWINDSP, sp);
  store<u32>(G_UNWINDING, 1);
}

// gorecover implements recover() in a function whose entry sp is argp: it
// recovers only when called by the deferred function the panic runs.
export function gorecover(argp: u32): u64 {
  const p = load<u32>(G_PANIC);
  if (p == 0 || load<u8>(p + PANIC_GOEXIT) != 0 || load<u8>(p + PANIC_RECOVERED) != 0) return 0;
  if (argp != load<u32>(p + PANIC_ARGP)) return 0;
  store<u8>(p + PANIC_RECOVERED, 1);
  return pack(load<u32>(p + PANIC_ARGTAB), load<u32>(p + PANIC_ARGDATA));
}

// ---- runtime panics ----

export function panicmem(): void {
  sigsegv = true;
  sigpc = load<u32>(getsp());
  gopanic(rtword(RT_TYPE_ERRORSTRING), memoryError());
}

export function panicdivide(): void {
  gopanic(rtword(RT_TYPE_ERRORSTRING), divideError());
}

export function panicshift(): void {
  gopanic(rtword(RT_TYPE_ERRORSTRING), shiftError());
}

export function panicIndex(x: i64, y: i64): void {
  gopanic(rtword(RT_TYPE_BOUNDSERROR), newBoundsError(x, y, true, boundsIndex));
}

// ---- printing the panics ----

// preprintpanics replaces error and Stringer panic values by their Error()
// and String() results before anything is printed, as Go does.
function preprintpanics(): void {
  if (printingpanics) throwPrintingPanic(load<u32>(G_PANIC));
  printingpanics = true;
  for (let i: u32 = 0; ; i++) {
    const p = nthpanic(i);
    if (p == 0) break;
    const method = stringmethod(load<u32>(p + PANIC_ARGTAB));
    if (method == 0) continue;
    const s = callPair(method, 0, load<u32>(p + PANIC_ARGDATA));
    // The method ran Go code, which may have moved the stack and the
    // records on it: find the record again.
    const q = nthpanic(i);
    const box = mallocgc(8);
    store<u64>(box, s);
    store<u32>(q + PANIC_ARGTAB, rtword(RT_TYPE_STRING));
    store<u32>(q + PANIC_ARGDATA, box);
  }
  printingpanics = false;
}

// nthpanic is the i-th record of the panic chain from g._panic, or 0.
function nthpanic(i: u32): u32 {
  let p = load<u32>(G_PANIC);
  for (; p != 0 && i > 0; i--) p = load<u32>(p + PANIC_LINK);
  return p;
}

// printpanics prints the panic chain, oldest first.
function printpanics(p: u32): void {
  const link = load<u32>(p + PANIC_LINK);
  if (link != 0) {
    printpanics(link);
    if (load<u8>(link + PANIC_GOEXIT) == 0) printstatic("\t");
  }
  if (load<u8>(p + PANIC_GOEXIT) != 0) return;
  printstatic("panic: ");
  printpanicval(load<u32>(p + PANIC_ARGTAB), load<u32>(p + PANIC_ARGDATA));
  if (load<u8>(p + PANIC_RECOVERED) != 0) printstatic(" [recovered]");
  printstatic("\n");
}

function fatalpanic(p: u32): void {
  dying = true;
  printpanics(p);
  if (sigsegv) {
    printstatic("[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=");
    printhex(<i64>sigpc);
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
function throwPrintingPanic(p: u32): void {
  const t = load<u32>(p + PANIC_ARGTAB);
  const data = load<u32>(p + PANIC_ARGDATA);
  printstatic("fatal error: panic while printing panic value: ");
  if (t == rtword(RT_TYPE_STRING)) {
    printstring(load<u32>(data), load<u32>(data + 4));
  } else {
    printstatic("type ");
    printstring(load<u32>(t + TYPE_STRPTR), load<u32>(t + TYPE_STRLEN));
  }
  printstatic("\n");
  diewithstack();
}

function diewithstack(): void {
  if (!dying) {
    dying = true;
    dumpstack(true);
  }
  die();
}

function dumpstack(throwing: bool): void {
  printstatic("\n");
  goroutineheader();
  traceback(getsp(), throwing);
}

// die ends the run with Go's exit status for a fatal error.
function die(): void {
  store<i32>(G_EXITCODE, 2);
  exit(2);
  unreachable();
}
