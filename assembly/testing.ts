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
} from "./layout";
import { issigned, isunsigned, loadint, loaduint, stringmethod } from "./error";
import { mallocgc } from "./malloc";
import { intstring, staticbox } from "./string";
import { gopanic, goexit, panicmem } from "./panic";
import { NUMBUF_END, itoa, utoa } from "./print";
import { endgoroutine, newgoroutine } from "./proc";
import { getsp, popframe, pushframe, unwinding } from "./runtime2";
import { callPair, first, nanotime, pack, second, testoutput, testpanicked, testrun } from "./stubs";
import { findfunc, framesize, funcfile, funcflags, funcline, rtword } from "./symtab";

// ---- running a test or benchmark ----

// tRunner calls the test or benchmark func value f with c on a goroutine
// of its own, as Go's tRunner and B.runN do, with the benchmark timer
// running for a benchmark. A test that called t.Run waits on its own
// stack meanwhile: a panic or a Goexit (FailNow, SkipNow) in c runs c's
// deferred calls only, and Goexit unwinds to the runtime.main frame pushed
// here. It returns 1 if f returned, 0 if it ended in Goexit.
export function tRunner(f: u32, c: u32): i32 {
  const caller = load<u32>(G_TESTING);
  const saved = newgoroutine();
  store<u32>(G_TESTING, c);
  const bench = load<u8>(c + TB_BENCH) != 0;
  if (bench) {
    ResetTimer(c);
    StartTimer(c);
  }
  pushframe(RTFN_MAIN);
  if (f == 0) panicmem();
  else call_indirect<void>(load<u32>(f), f, c);
  const returned = !unwinding();
  store<u32>(G_UNWINDING, 0);
  popframe();
  if (bench) StopTimer(c);
  endgoroutine(saved);
  store<u32>(G_TESTING, caller);
  return returned ? 1 : 0;
}

// Run is t.Run and b.Run: the driver names f's test after c, matches it
// against -run or -bench and runs it with tRunner. When the subtest called
// FailNow on c or a test above it, c stops too, as Go's Run does with
// runtime.Goexit.
export function Run(c: u32, nameptr: u32, namelen: u32, f: u32): i32 {
  const passed = testrun(c, nameptr, namelen, f);
  if (passed < 0) goexit();
  return passed > 0 ? 1 : 0;
}

let errNilPanicOrGoexitBox: u32 = 0;

// testpanic is what Go's tRunner does when the test it runs panics and no
// deferred call of the test recovers: its own deferred call recovers the
// panic, marks the test failed, has the driver report the test and those
// above it (their output so far, as doPanic flushes it), and panics again
// with the value, which ends the run; Go prints the first panic as
// [recovered]. A nil value becomes Go's errNilPanicOrGoexit. Benchmarks
// do not recover panics. gopanic calls it once the defers ran.
export function testpanic(): void {
  const c = load<u32>(G_TESTING);
  if (c == 0 || load<u8>(c + TB_BENCH) != 0) return;
  const p = load<u32>(G_PANIC);
  store<u8>(p + PANIC_RECOVERED, 1);
  let tab = load<u32>(p + PANIC_ARGTAB);
  let data = load<u32>(p + PANIC_ARGDATA);
  if (tab == 0) {
    if (errNilPanicOrGoexitBox == 0) errNilPanicOrGoexitBox = staticbox("test executed panic(nil) or runtime.Goexit");
    tab = rtword(RT_TYPE_STRING);
    data = errNilPanicOrGoexitBox;
  }
  Fail(c);
  // The test is over: the panic below belongs to tRunner.
  store<u32>(G_TESTING, 0);
  testpanicked(c);
  gopanic(tab, data);
}

// ---- the benchmark timer (B.StartTimer, StopTimer, ResetTimer) ----

export function StartTimer(b: u32): void {
  if (load<u8>(b + TB_TIMERON) != 0) return;
  store<u32>(b + TB_STARTALLOCS, load<u32>(G_MALLOCS));
  store<u32>(b + TB_STARTBYTES, load<u32>(G_MALLOCBYTES));
  store<i64>(b + TB_START, nanotime());
  store<u8>(b + TB_TIMERON, 1);
}

export function StopTimer(b: u32): void {
  if (load<u8>(b + TB_TIMERON) == 0) return;
  store<i64>(b + TB_DURATION, load<i64>(b + TB_DURATION) + nanotime() - load<i64>(b + TB_START));
  store<i64>(b + TB_NETALLOCS, load<i64>(b + TB_NETALLOCS) + <i64>(load<u32>(G_MALLOCS) - load<u32>(b + TB_STARTALLOCS)));
  store<i64>(b + TB_NETBYTES, load<i64>(b + TB_NETBYTES) + <i64>(load<u32>(G_MALLOCBYTES) - load<u32>(b + TB_STARTBYTES)));
  store<u8>(b + TB_TIMERON, 0);
}

export function ResetTimer(b: u32): void {
  if (load<u8>(b + TB_TIMERON) != 0) {
    store<u32>(b + TB_STARTALLOCS, load<u32>(G_MALLOCS));
    store<u32>(b + TB_STARTBYTES, load<u32>(G_MALLOCBYTES));
    store<i64>(b + TB_START, nanotime());
  }
  store<i64>(b + TB_DURATION, 0);
  store<i64>(b + TB_NETALLOCS, 0);
  store<i64>(b + TB_NETBYTES, 0);
}

export function ReportAllocs(b: u32): void {
  store<u8>(b + TB_SHOWALLOCS, 1);
}

// ---- common methods ----

export function Name(c: u32): u64 {
  return pack(load<u32>(c + TB_NAMEPTR), load<u32>(c + TB_NAMELEN));
}

export function Failed(c: u32): i32 {
  return load<u8>(c + TB_FAILED);
}

export function Skipped(c: u32): i32 {
  return load<u8>(c + TB_SKIPPED);
}

// Fail marks c failed, and the tests that ran it with t.Run, as Go does.
export function Fail(c: u32): void {
  for (; c != 0; c = load<u32>(c + TB_PARENT)) store<u8>(c + TB_FAILED, 1);
}

export function FailNow(c: u32): void {
  Fail(c);
  stop(c);
}

export function SkipNow(c: u32): void {
  store<u8>(c + TB_SKIPPED, 1);
  stop(c);
}

// stop ends the test c is running: finished, then runtime.Goexit.
function stop(c: u32): void {
  store<u8>(c + TB_FINISHED, 1);
  goexit();
}

// Helper marks the calling function as a helper: log lines name the line
// of its caller instead.
export function Helper(c: u32): void {
  const f = callerindex(getsp());
  const n = load<u32>(c + TB_NHELPERS);
  if (ishelper(c, f) || n == TB_MAXHELPERS) return;
  store<u32>(c + TB_HELPERS + 4 * n, f);
  store<u32>(c + TB_NHELPERS, n + 1);
}

// testlog is t.Log, Logf, Error, Errorf, Fatal, Fatalf, Skip and Skipf:
// mode says whether rec's args follow a format, and whether the call
// marks the test failed or skipped and stops it.
export function testlog(c: u32, rec: u32, mode: u32): void {
  bufreset();
  if (mode & TLOG_FORMAT) sprintf(rec);
  else sprintln(rec);
  if (unwinding()) return;
  // A String or Error method the formatting called may have moved the
  // stack: the caller's frame is at g.sp again now.
  decorate(c, getsp());
  if (mode & TLOG_FAIL) Fail(c);
  if (mode & TLOG_SKIP) store<u8>(c + TB_SKIPPED, 1);
  if (mode & TLOG_STOP) stop(c);
}

// callerindex is the table index of the function whose frame is at sp.
function callerindex(sp: u32): u32 {
  return load<u32>(sp) >>> PC_SHIFT;
}

function ishelper(c: u32, f: u32): bool {
  const n = load<u32>(c + TB_NHELPERS);
  for (let i: u32 = 0; i < n; i++) if (load<u32>(c + TB_HELPERS + 4 * i) == f) return true;
  return false;
}

// decorate hands the message in the buffer to the driver as c's log line,
// formatted as Go's common.decorate does: indented, prefixed with the
// file:line of the caller, continuation lines indented further, and ending
// in a newline.
function decorate(c: u32, sp: u32): void {
  const msgp = buf;
  const msgn = buflen;
  buf = 0;
  bufreset();
  sp = callerframe(c, sp);
  const f = findfunc(load<u32>(sp));
  bufstatic("    ");
  const file = funcfile(f);
  bufbytes(basename(first(file), second(file)), basenamelen);
  bufstatic(":");
  bufint(<i64>funcline(f, load<u32>(sp)), true);
  bufstatic(": ");
  let n = msgn;
  if (n > 0 && load<u8>(msgp + n - 1) == 10) n--;
  for (let i: u32 = 0; i < n; i++) {
    const ch = load<u8>(msgp + i);
    bufbyte(ch);
    if (ch == 10) bufstatic("        ");
  }
  bufbyte(10);
  testoutput(c, buf, buflen);
}

// callerframe is the frame a log line of c names, from the frame at sp
// that called the log method: the first that is not a helper, nor a
// wrapper (the hidden function of `defer t.Log(x)`) or a runtime frame
// (gopanic, deferreturn running a deferred call), as Go's frameSkip; but
// not past the test function itself.
function callerframe(c: u32, sp: u32): u32 {
  let f = findfunc(load<u32>(sp));
  while ((funcflags(f) & (FUNCFLAG_WRAPPER | FUNCFLAG_RUNTIME)) != 0 || ishelper(c, callerindex(sp))) {
    const next = sp + framesize(f);
    const caller = findfunc(load<u32>(next));
    if ((funcflags(caller) & FUNCFLAG_TOPFRAME) != 0) break;
    sp = next;
    f = caller;
  }
  return sp;
}

let basenamelen: u32 = 0;

// basename returns where the last path element of the file name p[:n]
// starts, and sets basenamelen to its length.
function basename(p: u32, n: u32): u32 {
  let i = n;
  while (i > 0 && load<u8>(p + i - 1) != 47) i--;
  basenamelen = n - i;
  return p + i;
}

// ---- a growable byte buffer in the heap ----

let buf: u32 = 0;
let buflen: u32 = 0;
let bufcap: u32 = 0;

function bufreset(): void {
  if (buf == 0) {
    bufcap = 128;
    buf = mallocgc(bufcap);
  }
  buflen = 0;
}

function bufbytes(p: u32, n: u32): void {
  if (buflen + n > bufcap) {
    while (buflen + n > bufcap) bufcap *= 2;
    const nb = mallocgc(bufcap);
    memory.copy(nb, buf, buflen);
    buf = nb;
  }
  memory.copy(buf + buflen, p, n);
  buflen += n;
}

function bufbyte(b: u8): void {
  store<u8>(NUMBUF_END - 1, b);
  bufbytes(NUMBUF_END - 1, 1);
}

function bufstatic(s: string): void {
  for (let i = 0; i < s.length; i++) bufbyte(<u8>s.charCodeAt(i));
}

function bufint(v: i64, signed: bool): void {
  const p = signed ? itoa(NUMBUF_END, v) : utoa(NUMBUF_END, <u64>v);
  bufbytes(p, NUMBUF_END - p);
}

function bufhex(v: u64): void {
  let p = NUMBUF_END;
  do {
    p--;
    store<u8>(p, hexdigit(<u32>(v & 15)));
    v >>= 4;
  } while (v != 0);
  bufbytes(p, NUMBUF_END - p);
}

// ---- formatting (fmt.Sprintln and fmt.Sprintf for the verbs tests use) ----

// Verbs, as their ASCII codes.
const VERB_V: u8 = 118;
const VERB_D: u8 = 100;
const VERB_S: u8 = 115;
const VERB_Q: u8 = 113;
const VERB_X: u8 = 120;
const VERB_T: u8 = 116;
const VERB_P: u8 = 112;
const VERB_TYPE: u8 = 84;

// The flag + of the verb being printed: plusv for %+v (struct field
// names), plus otherwise (a sign on integers), as fmt's plusV and plus.
let plusv: bool = false;
let plus: bool = false;

// erroring is set while badverb prints a value, which fmt then prints
// without calling its Error or String method.
let erroring: bool = false;

// sprintln formats rec's args as fmt.Sprintln: operands separated by
// spaces.
function sprintln(rec: u32): void {
  plusv = false;
  plus = false;
  const n = load<u32>(rec + LOGREC_NARGS);
  for (let i: u32 = 0; i < n; i++) {
    if (i > 0) bufbyte(32);
    const a = rec + LOGREC_ARGS + 8 * i;
    printarg(load<u32>(a), load<u32>(a + 4), VERB_V);
    if (unwinding()) return;
  }
}

// sprintf formats rec's args by its format as fmt.Sprintf does for the
// verbs v d s q x t T p and %%, with the flag +, and Go's %!verb(...)
// notes for a wrong type, a missing argument and extra arguments.
function sprintf(rec: u32): void {
  const f = load<u32>(rec + LOGREC_FMTPTR);
  const fn = load<u32>(rec + LOGREC_FMTLEN);
  const nargs = load<u32>(rec + LOGREC_NARGS);
  let argi: u32 = 0;
  for (let i: u32 = 0; i < fn; i++) {
    const ch = load<u8>(f + i);
    if (ch != 37) {
      bufbyte(ch);
      continue;
    }
    const flagplus = i + 1 < fn && load<u8>(f + i + 1) == 43;
    if (flagplus) i++;
    if (i + 1 == fn) {
      bufstatic("%!(NOVERB)");
      break;
    }
    const verb = load<u8>(f + ++i);
    if (verb == 37) {
      bufbyte(37);
      continue;
    }
    if (argi == nargs) {
      bufstatic("%!");
      bufbyte(verb);
      bufstatic("(MISSING)");
      continue;
    }
    plusv = flagplus && verb == VERB_V;
    plus = flagplus && verb != VERB_V;
    const a = rec + LOGREC_ARGS + 8 * argi++;
    printarg(load<u32>(a), load<u32>(a + 4), verb);
    if (unwinding()) return;
  }
  if (argi < nargs) {
    plusv = false;
    plus = false;
    bufstatic("%!(EXTRA ");
    for (; argi < nargs; argi++) {
      const a = rec + LOGREC_ARGS + 8 * argi;
      typestring(load<u32>(a));
      bufbyte(61);
      printarg(load<u32>(a), load<u32>(a + 4), VERB_V);
      if (unwinding()) return;
      if (argi + 1 < nargs) bufstatic(", ");
    }
    bufbyte(41);
  }
}

function typestring(t: u32): void {
  if (t == 0) bufstatic("<nil>");
  else bufbytes(load<u32>(t + TYPE_STRPTR), load<u32>(t + TYPE_STRLEN));
}

// printarg formats an operand, the value (t, data) of an interface, for
// verb, as fmt's printArg: %T and %p first, then an Error or String
// method, then the value by its kind.
function printarg(t: u32, data: u32, verb: u8): void {
  if (verb == VERB_TYPE) {
    typestring(t);
    return;
  }
  if (t == 0) {
    if (verb == VERB_V) bufstatic("<nil>");
    else badverb(t, data, verb);
    return;
  }
  if (verb == VERB_P) {
    fmtpointer(t, data, verb);
    return;
  }
  if (handlemethods(t, data, verb)) return;
  printvalue(t, data, verb, 0);
}

// handlemethods formats the value with its Error or String method, for
// the verbs that take strings, and reports whether it did.
function handlemethods(t: u32, data: u32, verb: u8): bool {
  if (erroring || (verb != VERB_V && verb != VERB_S && verb != VERB_Q && verb != VERB_X)) return false;
  const m = stringmethod(t);
  if (m == 0) return false;
  const s = callPair(m, 0, data);
  if (!unwinding()) fmtstring(first(s), second(s), verb);
  return true;
}

// printvalue formats the value (t, data), data being the value itself for
// pointers and func values and its address otherwise, as fmt's
// printValue: depth counts the structs, arrays and interfaces it is in,
// whose fields' methods are called only if they are exported (ro clear).
function printvalue(t: u32, data: u32, verb: u8, depth: u32, ro: bool = false): void {
  if (depth > 0 && !ro && handlemethods(t, data, verb)) return;
  const kind = <i32>load<u8>(t + TYPE_KIND);
  if (kind == KIND_BOOL) fmtbool(load<u8>(data) != 0, t, data, verb);
  else if (issigned(kind)) fmtint(loadint(kind, data), true, t, data, verb);
  else if (isunsigned(kind)) fmtint(loaduint(kind, data), false, t, data, verb);
  else if (kind == KIND_STRING) {
    if (verb == VERB_V || verb == VERB_S || verb == VERB_Q || verb == VERB_X) fmtstring(load<u32>(data), load<u32>(data + 4), verb);
    else badverb(t, data, verb);
  } else if (kind == KIND_STRUCT) printstruct(t, data, verb, depth, ro);
  else if (kind == KIND_ARRAY) printarray(t, data, verb, depth, ro);
  else if (kind == KIND_INTERFACE) printinterface(t, data, verb, depth, ro);
  else if (kind == KIND_POINTER && depth == 0 && data != 0 && iscomposite(load<u32>(t + TYPE_ELEM))) {
    // A pointer to a struct or array at the top level: &{...}, &[...].
    bufbyte(38);
    printvalue(load<u32>(t + TYPE_ELEM), data, verb, depth + 1, ro);
  } else if (kind == KIND_POINTER || kind == KIND_FUNC) fmtpointer(t, data, verb);
  else unknowntype(t);
}

function iscomposite(t: u32): bool {
  const kind = <i32>load<u8>(t + TYPE_KIND);
  return kind == KIND_STRUCT || kind == KIND_ARRAY;
}

// elemdata is the data of a value of type t stored at p, as printvalue
// takes it: the word itself for a pointer or func value.
function elemdata(t: u32, p: u32): u32 {
  const kind = <i32>load<u8>(t + TYPE_KIND);
  return kind == KIND_POINTER || kind == KIND_FUNC ? load<u32>(p) : p;
}

// printstruct writes {f1 f2 ...}, and with %+v {Name1:f1 Name2:f2 ...}.
function printstruct(t: u32, data: u32, verb: u8, depth: u32, ro: bool): void {
  bufbyte(123);
  const n = load<u32>(t + STYPE_NFIELDS);
  for (let i: u32 = 0; i < n; i++) {
    const f = load<u32>(t + STYPE_FIELDS) + i * STRUCTFIELD_SIZE;
    if (i > 0) bufbyte(32);
    if (plusv) {
      bufbytes(load<u32>(f + STRUCTFIELD_NAMEPTR), load<u32>(f + STRUCTFIELD_NAMELEN));
      bufbyte(58);
    }
    const ft = load<u32>(f + STRUCTFIELD_TYPE);
    const exported = (load<u32>(f + STRUCTFIELD_FLAGS) & FIELDFLAG_EXPORTED) != 0;
    printvalue(ft, elemdata(ft, data + load<u32>(f + STRUCTFIELD_OFFSET)), verb, depth + 1, ro || !exported);
    if (unwinding()) return;
  }
  bufbyte(125);
}

// printarray writes [e1 e2 ...]; a byte array is a string for %s %q %x.
function printarray(t: u32, data: u32, verb: u8, depth: u32, ro: bool): void {
  const et = load<u32>(t + TYPE_ELEM);
  const n = load<u32>(t + ATYPE_LEN);
  if (<i32>load<u8>(et + TYPE_KIND) == KIND_UINT8 && (verb == VERB_S || verb == VERB_Q || verb == VERB_X)) {
    fmtstring(data, n, verb);
    return;
  }
  bufbyte(91);
  for (let i: u32 = 0; i < n; i++) {
    if (i > 0) bufbyte(32);
    printvalue(et, elemdata(et, data + i * load<u32>(et + TYPE_SIZE)), verb, depth + 1, ro);
    if (unwinding()) return;
  }
  bufbyte(93);
}

// printinterface formats the dynamic value of an interface field; a nil
// one is <nil> whatever the verb.
function printinterface(t: u32, data: u32, verb: u8, depth: u32, ro: bool): void {
  const tab = load<u32>(data);
  if (tab == 0) {
    bufstatic("<nil>");
    return;
  }
  const empty = load<u32>(t + ITYPE_NIMETHODS) == 0;
  printvalue(empty ? tab : load<u32>(tab + ITAB_TYPE), load<u32>(data + 4), verb, depth + 1, ro);
}

function fmtbool(v: bool, t: u32, data: u32, verb: u8): void {
  if (verb == VERB_V || verb == VERB_T) bufstatic(v ? "true" : "false");
  else badverb(t, data, verb);
}

function fmtint(v: i64, signed: bool, t: u32, data: u32, verb: u8): void {
  if (!fmtinteger(v, signed, verb)) badverb(t, data, verb);
}

// fmtpointer formats a pointer or func value as fmt's fmtPointer: %v is
// 0x... (<nil> for nil), %p 0x..., %d and %x the address as an integer.
function fmtpointer(t: u32, data: u32, verb: u8): void {
  const kind = <i32>load<u8>(t + TYPE_KIND);
  if (kind != KIND_POINTER && kind != KIND_FUNC) badverb(t, data, verb);
  else if (verb == VERB_V && data == 0) bufstatic("<nil>");
  else if (verb == VERB_V || verb == VERB_P) {
    bufstatic("0x");
    bufhex(<u64>data);
  } else if (verb == VERB_D || verb == VERB_X) fmtinteger(<i64>data, false, verb);
  else badverb(t, data, verb);
}

// unknowntype is fmt's ?type? for a kind it has no case for.
function unknowntype(t: u32): void {
  bufbyte(63);
  typestring(t);
  bufbyte(63);
}

// badverb writes fmt's note for a verb that does not fit the value's
// type: %!verb(type=value), the value printed with %v and no methods.
function badverb(t: u32, data: u32, verb: u8): void {
  erroring = true;
  bufstatic("%!");
  bufbyte(verb);
  bufbyte(40);
  typestring(t);
  if (t != 0) {
    bufbyte(61);
    printvalue(t, data, VERB_V, 0);
  }
  bufbyte(41);
  erroring = false;
}

function fmtstring(p: u32, n: u32, verb: u8): void {
  if (verb == 113) quote(p, n);
  else if (verb == 120) for (let i: u32 = 0; i < n; i++) hexbyte(load<u8>(p + i));
  else bufbytes(p, n);
}

function hexbyte(b: u8): void {
  bufbyte(hexdigit(<u32>(b >> 4)));
  bufbyte(hexdigit(<u32>(b & 15)));
}

function hexdigit(d: u32): u8 {
  return <u8>(d < 10 ? 48 + d : 87 + d);
}

// fmtinteger formats an integer for d, v, x or q, with a sign for the
// flag +, and reports whether the verb applies to integers.
function fmtinteger(v: i64, signed: bool, verb: u8): bool {
  if (plus && (verb == VERB_D || verb == VERB_X) && !(signed && v < 0)) bufbyte(43);
  if (verb == 100 || verb == 118) bufint(v, signed);
  else if (verb == 120) {
    if (signed && v < 0) {
      bufbyte(45);
      bufhex(<u64>-v);
    } else bufhex(<u64>v);
  } else if (verb == 113) quoterune(v);
  else return false;
  return true;
}

// quote writes the string as strconv.Quote does for printable ASCII and
// the common escapes; other bytes below 0x80 are written as \xNN and
// bytes from 0x80 as they are (valid UTF-8 is printed unescaped).
function quote(p: u32, n: u32): void {
  bufbyte(34);
  for (let i: u32 = 0; i < n; i++) quotebyte(load<u8>(p + i), 34);
  bufbyte(34);
}

function quotebyte(ch: u8, q: u8): void {
  if (ch == q || ch == 92) {
    bufbyte(92);
    bufbyte(ch);
  } else if (ch == 10) bufstatic("\\n");
  else if (ch == 9) bufstatic("\\t");
  else if (ch == 13) bufstatic("\\r");
  else if (ch < 32 || ch == 127) {
    bufstatic("\\x");
    hexbyte(ch);
  } else bufbyte(ch);
}

// quoterune writes a rune as strconv.QuoteRune does, escaping ASCII as
// quote does; other runes are written in UTF-8 (U+FFFD if invalid).
function quoterune(v: i64): void {
  bufbyte(39);
  if (v >= 0 && v < 128) quotebyte(<u8>v, 39);
  else {
    const s = intstring(v);
    bufbytes(first(s), second(s));
  }
  bufbyte(39);
}
