// The runtime side of package testing: tRunner, which runs each test and
// benchmark on a goroutine of its own; t.Run and b.Run, which the test
// driver carries out; the log methods (t.Log, t.Errorf, t.Fatal, ...),
// which format their arguments as fmt does for the verbs tests use and
// hand the decorated line to the driver; Fail, FailNow, SkipNow and
// Helper; the benchmark timer; and what tRunner does when a test panics.
// The state lives in the testing.common / testing.B records laid out in
// layout.ts, which the driver reads back.

import {
  ATYPE_LEN, FIELDFLAG_EXPORTED, FUNCFLAG_RUNTIME, FUNCFLAG_TOPFRAME, FUNCFLAG_WRAPPER, G_MALLOCBYTES,
  G_MALLOCS, G_PANIC, G_TESTING, G_UNWINDING, ITAB_TYPE, ITYPE_NIMETHODS, KIND_ARRAY, KIND_BOOL,
  KIND_FUNC, KIND_INTERFACE, KIND_POINTER, KIND_STRING, KIND_STRUCT, KIND_UINT8, LOGREC_ARGS,
  LOGREC_FMTLEN, LOGREC_FMTPTR, LOGREC_NARGS, PANIC_ARGDATA, PANIC_ARGTAB, PANIC_RECOVERED, PC_SHIFT,
  RTFN_MAIN, RT_TYPE_STRING, STRUCTFIELD_FLAGS, STRUCTFIELD_NAMELEN, STRUCTFIELD_NAMEPTR,
  STRUCTFIELD_OFFSET, STRUCTFIELD_SIZE, STRUCTFIELD_TYPE, STYPE_FIELDS, STYPE_NFIELDS, TB_BENCH,
  TB_DURATION, TB_FAILED, TB_FINISHED, TB_HELPERS, TB_MAXHELPERS, TB_NETALLOCS, TB_NETBYTES,
  TB_NHELPERS, TB_NAMELEN, TB_NAMEPTR, TB_PARENT, TB_SHOWALLOCS, TB_SKIPPED, TB_START,
  TB_STARTALLOCS, TB_STARTBYTES, TB_TIMERON, TLOG_FAIL, TLOG_FORMAT, TLOG_SKIP, TLOG_STOP,
  TYPE_ELEM, TYPE_KIND, TYPE_SIZE, TYPE_STRLEN, TYPE_STRPTR,
} from "../../assembly/layout.js";
import { issigned, isunsigned, loadint, loaduint, stringmethod } from "./error.js";
import { mallocgc } from "./malloc.js";
import { intstring, staticbox } from "./string.js";
import { gopanic, goexit, panicmem } from "./panic.js";
import { NUMBUF_END, itoa, utoa } from "./print.js";
import { endgoroutine, newgoroutine } from "./proc.js";
import { getsp, popframe, pushframe, unwinding } from "./runtime2.js";
import { callPair, first, nanotime, pack, second, testoutput, testpanicked, testrun, type Pair } from "./stubs.js";
import { callIndirect2, rt, load32, load64, load8, memcopy, store32, store64, store8 } from "./builtins.js";
import { findfunc, framesize, funcfile, funcflags, funcline, rtword } from "./symtab.js";

// ---- running a test or benchmark ----

// tRunner calls the test or benchmark func value f with c on a goroutine
// of its own, as Go's tRunner and B.runN do, with the benchmark timer
// running for a benchmark. A test that called t.Run waits on its own
// stack meanwhile: a panic or a Goexit (FailNow, SkipNow) in c runs c's
// deferred calls only, and Goexit unwinds to the runtime.main frame pushed
// here. It returns 1 if f returned, 0 if it ended in Goexit.
export function tRunner(f: number, c: number): number {
  const caller = load32(G_TESTING);
  const saved = newgoroutine();
  store32(G_TESTING, c);
  const bench = load8(c + TB_BENCH) !== 0;
  if (bench) {
    ResetTimer(c);
    StartTimer(c);
  }
  pushframe(RTFN_MAIN);
  if (f === 0) panicmem();
  else callIndirect2(load32(f), f, c);
  const returned = !unwinding();
  store32(G_UNWINDING, 0);
  popframe();
  if (bench) StopTimer(c);
  endgoroutine(saved);
  store32(G_TESTING, caller);
  return returned ? 1 : 0;
}

// Run is t.Run and b.Run: the driver names f's test after c, matches it
// against -run or -bench and runs it with tRunner. When the subtest called
// FailNow on c or a test above it, c stops too, as Go's Run does with
// runtime.Goexit.
export function Run(c: number, nameptr: number, namelen: number, f: number): number {
  const passed = testrun(c, nameptr, namelen, f);
  if (passed < 0) goexit();
  return passed > 0 ? 1 : 0;
}

// testpanic is what Go's tRunner does when the test it runs panics and no
// deferred call of the test recovers: its own deferred call recovers the
// panic, marks the test failed, has the driver report the test and those
// above it (their output so far, as doPanic flushes it), and panics again
// with the value, which ends the run; Go prints the first panic as
// [recovered]. A nil value becomes Go's errNilPanicOrGoexit. Benchmarks
// do not recover panics. gopanic calls it once the defers ran.
export function testpanic(): void {
  const c = load32(G_TESTING);
  if (c === 0 || load8(c + TB_BENCH) !== 0) return;
  const p = load32(G_PANIC);
  store8(p + PANIC_RECOVERED, 1);
  let tab = load32(p + PANIC_ARGTAB);
  let data = load32(p + PANIC_ARGDATA);
  if (tab === 0) {
    if (rt.errNilPanicOrGoexitBox === 0) rt.errNilPanicOrGoexitBox = staticbox("test executed panic(nil) or runtime.Goexit");
    tab = rtword(RT_TYPE_STRING);
    data = rt.errNilPanicOrGoexitBox;
  }
  Fail(c);
  // The test is over: the panic below belongs to tRunner.
  store32(G_TESTING, 0);
  testpanicked(c);
  gopanic(tab, data);
}

// ---- the benchmark timer (B.StartTimer, StopTimer, ResetTimer) ----

export function StartTimer(b: number): void {
  if (load8(b + TB_TIMERON) !== 0) return;
  store32(b + TB_STARTALLOCS, load32(G_MALLOCS));
  store32(b + TB_STARTBYTES, load32(G_MALLOCBYTES));
  store64(b + TB_START, nanotime());
  store8(b + TB_TIMERON, 1);
}

export function StopTimer(b: number): void {
  if (load8(b + TB_TIMERON) === 0) return;
  store64(b + TB_DURATION, load64(b + TB_DURATION) + nanotime() - load64(b + TB_START));
  store64(b + TB_NETALLOCS, load64(b + TB_NETALLOCS) + BigInt((load32(G_MALLOCS) - load32(b + TB_STARTALLOCS)) >>> 0));
  store64(b + TB_NETBYTES, load64(b + TB_NETBYTES) + BigInt((load32(G_MALLOCBYTES) - load32(b + TB_STARTBYTES)) >>> 0));
  store8(b + TB_TIMERON, 0);
}

export function ResetTimer(b: number): void {
  if (load8(b + TB_TIMERON) !== 0) {
    store32(b + TB_STARTALLOCS, load32(G_MALLOCS));
    store32(b + TB_STARTBYTES, load32(G_MALLOCBYTES));
    store64(b + TB_START, nanotime());
  }
  store64(b + TB_DURATION, 0n);
  store64(b + TB_NETALLOCS, 0n);
  store64(b + TB_NETBYTES, 0n);
}

export function ReportAllocs(b: number): void {
  store8(b + TB_SHOWALLOCS, 1);
}

// ---- common methods ----

export function Name(c: number): Pair {
  return pack(load32(c + TB_NAMEPTR), load32(c + TB_NAMELEN));
}

export function Failed(c: number): number {
  return load8(c + TB_FAILED);
}

export function Skipped(c: number): number {
  return load8(c + TB_SKIPPED);
}

// Fail marks c failed, and the tests that ran it with t.Run, as Go does.
export function Fail(c: number): void {
  for (; c !== 0; c = load32(c + TB_PARENT)) store8(c + TB_FAILED, 1);
}

export function FailNow(c: number): void {
  Fail(c);
  stop(c);
}

export function SkipNow(c: number): void {
  store8(c + TB_SKIPPED, 1);
  stop(c);
}

// stop ends the test c is running: finished, then runtime.Goexit.
function stop(c: number): void {
  store8(c + TB_FINISHED, 1);
  goexit();
}

// Helper marks the calling function as a helper: log lines name the line
// of its caller instead.
export function Helper(c: number): void {
  const f = callerindex(getsp());
  const n = load32(c + TB_NHELPERS);
  if (ishelper(c, f) || n === TB_MAXHELPERS) return;
  store32(c + TB_HELPERS + 4 * n, f);
  store32(c + TB_NHELPERS, n + 1);
}

// testlog is t.Log, Logf, Error, Errorf, Fatal, Fatalf, Skip and Skipf:
// mode says whether rec's args follow a format, and whether the call
// marks the test failed or skipped and stops it.
export function testlog(c: number, rec: number, mode: number): void {
  bufreset();
  if (mode & TLOG_FORMAT) sprintf(rec);
  else sprintln(rec);
  if (unwinding()) return;
  // A String or Error method the formatting called may have moved the
  // stack: the caller's frame is at g.sp again now.
  decorate(c, getsp());
  if (mode & TLOG_FAIL) Fail(c);
  if (mode & TLOG_SKIP) store8(c + TB_SKIPPED, 1);
  if (mode & TLOG_STOP) stop(c);
}

// callerindex is the table index of the function whose frame is at sp.
function callerindex(sp: number): number {
  return load32(sp) >>> PC_SHIFT;
}

function ishelper(c: number, f: number): boolean {
  const n = load32(c + TB_NHELPERS);
  for (let i: number = 0; i < n; i++) if (load32(c + TB_HELPERS + 4 * i) === f) return true;
  return false;
}

// decorate hands the message in the buffer to the driver as c's log line,
// formatted as Go's common.decorate does: indented, prefixed with the
// file:line of the caller, continuation lines indented further, and ending
// in a newline.
function decorate(c: number, sp: number): void {
  const msgp = rt.buf;
  const msgn = rt.buflen;
  rt.buf = 0;
  bufreset();
  sp = callerframe(c, sp);
  const f = findfunc(load32(sp));
  bufstatic("    ");
  const file = funcfile(f);
  bufbytes(basename(first(file), second(file)), rt.basenamelen);
  bufstatic(":");
  bufint(BigInt(funcline(f, load32(sp))), true);
  bufstatic(": ");
  let n = msgn;
  if (n > 0 && load8(msgp + n - 1) === 10) n--;
  for (let i: number = 0; i < n; i++) {
    const ch = load8(msgp + i);
    bufbyte(ch);
    if (ch === 10) bufstatic("        ");
  }
  bufbyte(10);
  testoutput(c, rt.buf, rt.buflen);
}

// callerframe is the frame a log line of c names, from the frame at sp
// that called the log method: the first that is not a helper, nor a
// wrapper (the hidden function of `defer t.Log(x)`) or a runtime frame
// (gopanic, deferreturn running a deferred call), as Go's frameSkip; but
// not past the test function itself.
function callerframe(c: number, sp: number): number {
  let f = findfunc(load32(sp));
  while ((funcflags(f) & (FUNCFLAG_WRAPPER | FUNCFLAG_RUNTIME)) !== 0 || ishelper(c, callerindex(sp))) {
    const next = sp + framesize(f);
    const caller = findfunc(load32(next));
    if ((funcflags(caller) & FUNCFLAG_TOPFRAME) !== 0) break;
    sp = next;
    f = caller;
  }
  return sp;
}

// basename returns where the last path element of the file name p[:n]
// starts, and sets rt.basenamelen to its length.
function basename(p: number, n: number): number {
  let i = n;
  while (i > 0 && load8(p + i - 1) !== 47) i--;
  rt.basenamelen = n - i;
  return p + i;
}

// ---- a growable byte buffer in the heap ----

function bufreset(): void {
  if (rt.buf === 0) {
    rt.bufcap = 128;
    rt.buf = mallocgc(rt.bufcap);
  }
  rt.buflen = 0;
}

function bufbytes(p: number, n: number): void {
  if (rt.buflen + n > rt.bufcap) {
    while (rt.buflen + n > rt.bufcap) rt.bufcap *= 2;
    const nb = mallocgc(rt.bufcap);
    memcopy(nb, rt.buf, rt.buflen);
    rt.buf = nb;
  }
  memcopy(rt.buf + rt.buflen, p, n);
  rt.buflen += n;
}

function bufbyte(b: number): void {
  store8(NUMBUF_END - 1, b);
  bufbytes(NUMBUF_END - 1, 1);
}

function bufstatic(s: string): void {
  for (let i = 0; i < s.length; i++) bufbyte(s.charCodeAt(i));
}

function bufint(v: bigint, signed: boolean): void {
  const p = signed ? itoa(NUMBUF_END, v) : utoa(NUMBUF_END, v);
  bufbytes(p, NUMBUF_END - p);
}

function bufhex(v: bigint): void {
  let p = NUMBUF_END;
  do {
    p--;
    store8(p, hexdigit(Number(v & 15n)));
    v >>= 4n;
  } while (v !== 0n);
  bufbytes(p, NUMBUF_END - p);
}

// ---- formatting (fmt.Sprintln and fmt.Sprintf for the verbs tests use) ----

// Verbs, as their ASCII codes.
const VERB_V = 118;
const VERB_D = 100;
const VERB_S = 115;
const VERB_Q = 113;
const VERB_X = 120;
const VERB_T = 116;
const VERB_P = 112;
const VERB_TYPE = 84;

// The flag + of the verb being printed: rt.plusv for %+v (struct field
// names), rt.plus otherwise (a sign on integers), as fmt's plusV and plus.
// rt.erroring is set while badverb prints a value, which fmt then prints
// without calling its Error or String method.

// sprintln formats rec's args as fmt.Sprintln: operands separated by
// spaces.
function sprintln(rec: number): void {
  rt.plusv = false;
  rt.plus = false;
  const n = load32(rec + LOGREC_NARGS);
  for (let i: number = 0; i < n; i++) {
    if (i > 0) bufbyte(32);
    const a = rec + LOGREC_ARGS + 8 * i;
    printarg(load32(a), load32(a + 4), VERB_V);
    if (unwinding()) return;
  }
}

// sprintf formats rec's args by its format as fmt.Sprintf does for the
// verbs v d s q x t T p and %%, with the flag +, and Go's %!verb(...)
// notes for a wrong type, a missing argument and extra arguments.
function sprintf(rec: number): void {
  const f = load32(rec + LOGREC_FMTPTR);
  const fn = load32(rec + LOGREC_FMTLEN);
  const nargs = load32(rec + LOGREC_NARGS);
  let argi: number = 0;
  for (let i: number = 0; i < fn; i++) {
    const ch = load8(f + i);
    if (ch !== 37) {
      bufbyte(ch);
      continue;
    }
    const flagplus = i + 1 < fn && load8(f + i + 1) === 43;
    if (flagplus) i++;
    if (i + 1 === fn) {
      bufstatic("%!(NOVERB)");
      break;
    }
    const verb = load8(f + ++i);
    if (verb === 37) {
      bufbyte(37);
      continue;
    }
    if (argi === nargs) {
      bufstatic("%!");
      bufbyte(verb);
      bufstatic("(MISSING)");
      continue;
    }
    rt.plusv = flagplus && verb === VERB_V;
    rt.plus = flagplus && verb !== VERB_V;
    const a = rec + LOGREC_ARGS + 8 * argi++;
    printarg(load32(a), load32(a + 4), verb);
    if (unwinding()) return;
  }
  if (argi < nargs) {
    rt.plusv = false;
    rt.plus = false;
    bufstatic("%!(EXTRA ");
    for (; argi < nargs; argi++) {
      const a = rec + LOGREC_ARGS + 8 * argi;
      typestring(load32(a));
      bufbyte(61);
      printarg(load32(a), load32(a + 4), VERB_V);
      if (unwinding()) return;
      if (argi + 1 < nargs) bufstatic(", ");
    }
    bufbyte(41);
  }
}

function typestring(t: number): void {
  if (t === 0) bufstatic("<nil>");
  else bufbytes(load32(t + TYPE_STRPTR), load32(t + TYPE_STRLEN));
}

// printarg formats an operand, the value (t, data) of an interface, for
// verb, as fmt's printArg: %T and %p first, then an Error or String
// method, then the value by its kind.
function printarg(t: number, data: number, verb: number): void {
  if (verb === VERB_TYPE) {
    typestring(t);
    return;
  }
  if (t === 0) {
    if (verb === VERB_V) bufstatic("<nil>");
    else badverb(t, data, verb);
    return;
  }
  if (verb === VERB_P) {
    fmtpointer(t, data, verb);
    return;
  }
  if (handlemethods(t, data, verb)) return;
  printvalue(t, data, verb, 0);
}

// handlemethods formats the value with its Error or String method, for
// the verbs that take strings, and reports whether it did.
function handlemethods(t: number, data: number, verb: number): boolean {
  if (rt.erroring || (verb !== VERB_V && verb !== VERB_S && verb !== VERB_Q && verb !== VERB_X)) return false;
  const m = stringmethod(t);
  if (m === 0) return false;
  const s = callPair(m, 0, data);
  if (!unwinding()) fmtstring(first(s), second(s), verb);
  return true;
}

// printvalue formats the value (t, data), data being the value itself for
// pointers and func values and its address otherwise, as fmt's
// printValue: depth counts the structs, arrays and interfaces it is in,
// whose fields' methods are called only if they are exported (ro clear).
function printvalue(t: number, data: number, verb: number, depth: number, ro: boolean = false): void {
  if (depth > 0 && !ro && handlemethods(t, data, verb)) return;
  const kind = load8(t + TYPE_KIND);
  if (kind === KIND_BOOL) fmtbool(load8(data) !== 0, t, data, verb);
  else if (issigned(kind)) fmtint(loadint(kind, data), true, t, data, verb);
  else if (isunsigned(kind)) fmtint(loaduint(kind, data), false, t, data, verb);
  else if (kind === KIND_STRING) {
    if (verb === VERB_V || verb === VERB_S || verb === VERB_Q || verb === VERB_X) fmtstring(load32(data), load32(data + 4), verb);
    else badverb(t, data, verb);
  } else if (kind === KIND_STRUCT) printstruct(t, data, verb, depth, ro);
  else if (kind === KIND_ARRAY) printarray(t, data, verb, depth, ro);
  else if (kind === KIND_INTERFACE) printinterface(t, data, verb, depth, ro);
  else if (kind === KIND_POINTER && depth === 0 && data !== 0 && iscomposite(load32(t + TYPE_ELEM))) {
    // A pointer to a struct or array at the top level: &{...}, &[...].
    bufbyte(38);
    printvalue(load32(t + TYPE_ELEM), data, verb, depth + 1, ro);
  } else if (kind === KIND_POINTER || kind === KIND_FUNC) fmtpointer(t, data, verb);
  else unknowntype(t);
}

function iscomposite(t: number): boolean {
  const kind = load8(t + TYPE_KIND);
  return kind === KIND_STRUCT || kind === KIND_ARRAY;
}

// elemdata is the data of a value of type t stored at p, as printvalue
// takes it: the word itself for a pointer or func value.
function elemdata(t: number, p: number): number {
  const kind = load8(t + TYPE_KIND);
  return kind === KIND_POINTER || kind === KIND_FUNC ? load32(p) : p;
}

// printstruct writes {f1 f2 ...}, and with %+v {Name1:f1 Name2:f2 ...}.
function printstruct(t: number, data: number, verb: number, depth: number, ro: boolean): void {
  bufbyte(123);
  const n = load32(t + STYPE_NFIELDS);
  for (let i: number = 0; i < n; i++) {
    const f = load32(t + STYPE_FIELDS) + i * STRUCTFIELD_SIZE;
    if (i > 0) bufbyte(32);
    if (rt.plusv) {
      bufbytes(load32(f + STRUCTFIELD_NAMEPTR), load32(f + STRUCTFIELD_NAMELEN));
      bufbyte(58);
    }
    const ft = load32(f + STRUCTFIELD_TYPE);
    const exported = (load32(f + STRUCTFIELD_FLAGS) & FIELDFLAG_EXPORTED) !== 0;
    printvalue(ft, elemdata(ft, data + load32(f + STRUCTFIELD_OFFSET)), verb, depth + 1, ro || !exported);
    if (unwinding()) return;
  }
  bufbyte(125);
}

// printarray writes [e1 e2 ...]; a byte array is a string for %s %q %x.
function printarray(t: number, data: number, verb: number, depth: number, ro: boolean): void {
  const et = load32(t + TYPE_ELEM);
  const n = load32(t + ATYPE_LEN);
  if (load8(et + TYPE_KIND) === KIND_UINT8 && (verb === VERB_S || verb === VERB_Q || verb === VERB_X)) {
    fmtstring(data, n, verb);
    return;
  }
  bufbyte(91);
  for (let i: number = 0; i < n; i++) {
    if (i > 0) bufbyte(32);
    printvalue(et, elemdata(et, data + i * load32(et + TYPE_SIZE)), verb, depth + 1, ro);
    if (unwinding()) return;
  }
  bufbyte(93);
}

// printinterface formats the dynamic value of an interface field; a nil
// one is <nil> whatever the verb.
function printinterface(t: number, data: number, verb: number, depth: number, ro: boolean): void {
  const tab = load32(data);
  if (tab === 0) {
    bufstatic("<nil>");
    return;
  }
  const empty = load32(t + ITYPE_NIMETHODS) === 0;
  printvalue(empty ? tab : load32(tab + ITAB_TYPE), load32(data + 4), verb, depth + 1, ro);
}

function fmtbool(v: boolean, t: number, data: number, verb: number): void {
  if (verb === VERB_V || verb === VERB_T) bufstatic(v ? "true" : "false");
  else badverb(t, data, verb);
}

function fmtint(v: bigint, signed: boolean, t: number, data: number, verb: number): void {
  if (!fmtinteger(v, signed, verb)) badverb(t, data, verb);
}

// fmtpointer formats a pointer or func value as fmt's fmtPointer: %v is
// 0x... (<nil> for nil), %p 0x..., %d and %x the address as an integer.
function fmtpointer(t: number, data: number, verb: number): void {
  const kind = load8(t + TYPE_KIND);
  if (kind !== KIND_POINTER && kind !== KIND_FUNC) badverb(t, data, verb);
  else if (verb === VERB_V && data === 0) bufstatic("<nil>");
  else if (verb === VERB_V || verb === VERB_P) {
    bufstatic("0x");
    bufhex(BigInt(data));
  } else if (verb === VERB_D || verb === VERB_X) fmtinteger(BigInt(data), false, verb);
  else badverb(t, data, verb);
}

// unknowntype is fmt's ?type? for a kind it has no case for.
function unknowntype(t: number): void {
  bufbyte(63);
  typestring(t);
  bufbyte(63);
}

// badverb writes fmt's note for a verb that does not fit the value's
// type: %!verb(type=value), the value printed with %v and no methods.
function badverb(t: number, data: number, verb: number): void {
  rt.erroring = true;
  bufstatic("%!");
  bufbyte(verb);
  bufbyte(40);
  typestring(t);
  if (t !== 0) {
    bufbyte(61);
    printvalue(t, data, VERB_V, 0);
  }
  bufbyte(41);
  rt.erroring = false;
}

function fmtstring(p: number, n: number, verb: number): void {
  if (verb === 113) quote(p, n);
  else if (verb === 120) for (let i: number = 0; i < n; i++) hexbyte(load8(p + i));
  else bufbytes(p, n);
}

function hexbyte(b: number): void {
  bufbyte(hexdigit(b >> 4));
  bufbyte(hexdigit(b & 15));
}

function hexdigit(d: number): number {
  return d < 10 ? 48 + d : 87 + d;
}

// fmtinteger formats an integer for d, v, x or q, with a sign for the
// flag +, and reports whether the verb applies to integers.
function fmtinteger(v: bigint, signed: boolean, verb: number): boolean {
  if (rt.plus && (verb === VERB_D || verb === VERB_X) && !(signed && v < 0n)) bufbyte(43);
  if (verb === 100 || verb === 118) bufint(v, signed);
  else if (verb === 120) {
    if (signed && v < 0n) {
      bufbyte(45);
      bufhex(-v);
    } else bufhex(BigInt.asUintN(64, v));
  } else if (verb === 113) quoterune(v);
  else return false;
  return true;
}

// quote writes the string as strconv.Quote does for printable ASCII and
// the common escapes; other bytes below 0x80 are written as \xNN and
// bytes from 0x80 as they are (valid UTF-8 is printed unescaped).
function quote(p: number, n: number): void {
  bufbyte(34);
  for (let i: number = 0; i < n; i++) quotebyte(load8(p + i), 34);
  bufbyte(34);
}

function quotebyte(ch: number, q: number): void {
  if (ch === q || ch === 92) {
    bufbyte(92);
    bufbyte(ch);
  } else if (ch === 10) bufstatic("\\n");
  else if (ch === 9) bufstatic("\\t");
  else if (ch === 13) bufstatic("\\r");
  else if (ch < 32 || ch === 127) {
    bufstatic("\\x");
    hexbyte(ch);
  } else bufbyte(ch);
}

// quoterune writes a rune as strconv.QuoteRune does, escaping ASCII as
// quote does; other runes are written in UTF-8 (U+FFFD if invalid).
function quoterune(v: bigint): void {
  bufbyte(39);
  if (v >= 0n && v < 128n) quotebyte(Number(v), 39);
  else {
    const s = intstring(v);
    bufbytes(first(s), second(s));
  }
  bufbyte(39);
}
