// The goroutine stack (runtime/stack.go). It starts small, grows down from
// stackhi, and when a prologue finds too little room above stackguard it
// calls morestack, which moves the whole stack to one twice as large and
// adjusts every pointer into the old one: pointer words of each frame (from
// the function table's pointer maps), the defer and panic chains, and g.
// Compiled code keeps no stack address in a wasm local across a call
// (docs/abi.md section 7), so nothing else can point into the old stack.

import {
  DEBUG_STRESS_STACK, DEFER_FN, DEFER_LINK, DEFER_PANIC, DEFER_SP, DEFER_VARP,
  FUNC_PTRMAP, FUNCFLAG_TOPFRAME, G_DEBUGFLAGS, G_DEFER, G_MAXSTACKSIZE, G_PANIC,
  G_SP, G_STACKFREE, G_STACKGUARD, G_STACKHI, G_STACKLO, G_UNWINDSP, PANIC_ARGP,
  PANIC_LINK, STACK_GUARD, STACK_MIN, STACK_NCLASSES, STACKFREE_LINK,
} from "./layout";
import { sysalloc } from "./malloc";
import { fatal } from "./panic";
import { printhex, printstatic, printuint } from "./print";
import { findfunc, framesize, funcflags } from "./symtab";

export function stackinit(size: u32): void {
  const lo = stackalloc(roundstacksize(size));
  const hi = lo + roundstacksize(size);
  store<u32>(G_STACKLO, lo);
  store<u32>(G_STACKHI, hi);
  store<u32>(G_SP, hi);
  setstackguard();
}

// Stack sizes are powers of two from STACK_MIN, so freed stacks can be
// reused by size class.
function roundstacksize(size: u32): u32 {
  let n: u32 = STACK_MIN;
  while (n < size) n <<= 1;
  return n;
}

function stackclass(size: u32): u32 {
  return ctz(size) - ctz(<u32>STACK_MIN);
}

function stackalloc(size: u32): u32 {
  const cls = stackclass(size);
  if (cls < <u32>STACK_NCLASSES) {
    const head = G_STACKFREE + cls * 4;
    const s = load<u32>(head);
    if (s != 0) {
      store<u32>(head, load<u32>(s + STACKFREE_LINK));
      return s;
    }
  }
  return sysalloc(size, 16);
}

// stackfree puts a stack no goroutine uses any more on its size's free list.
export function stackfree(lo: u32, size: u32): void {
  const cls = stackclass(size);
  if (cls >= <u32>STACK_NCLASSES) return;
  const head = G_STACKFREE + cls * 4;
  store<u32>(lo + STACKFREE_LINK, load<u32>(head));
  store<u32>(head, lo);
}

function stressing(): bool {
  return (load<u32>(G_DEBUGFLAGS) & DEBUG_STRESS_STACK) != 0;
}

// setstackguard puts the guard STACK_GUARD bytes above stacklo, where the
// runtime's own frames still fit below it; in stress mode it puts it at
// stackhi, so that every prologue calls morestack and the stack moves.
function setstackguard(): void {
  const lo = load<u32>(G_STACKLO);
  store<u32>(G_STACKGUARD, stressing() ? load<u32>(G_STACKHI) : lo + STACK_GUARD);
}

// morestack is called by the prologue of a function whose frame of
// framesize bytes does not fit above stackguard. The frame is not pushed
// yet: the live stack is [g.sp, stackhi). ctxt is the function's closure
// context, which may point into the stack: it is returned adjusted.
export function morestack(framesize: u32, ctxt: u32): u32 {
  newstack(framesize);
  return ctxt >= adjlo && ctxt < adjhi ? ctxt + adjdelta : ctxt;
}

function newstack(framesize: u32): void {
  const lo = load<u32>(G_STACKLO);
  const hi = load<u32>(G_STACKHI);
  const sp = load<u32>(G_SP);
  const oldsize = hi - lo;
  const needed = <u64>(hi - sp) + <u64>framesize + <u64>STACK_GUARD;
  let newsize = <u64>oldsize;
  // Without stress, morestack means the stack is short: at least double it.
  if (!stressing() || needed > newsize) newsize <<= 1;
  while (needed > newsize) newsize <<= 1;
  if (newsize > <u64>load<u32>(G_MAXSTACKSIZE)) overflow(sp);
  copystack(<u32>newsize);
}

// overflow reports a stack that would exceed maxstacksize, as Go does.
function overflow(sp: u32): void {
  printstatic("runtime: goroutine stack exceeds ");
  printuint(<i64>load<u32>(G_MAXSTACKSIZE));
  printstatic("-byte limit\n");
  printstatic("runtime: sp=");
  printhex(<i64>sp);
  printstatic(" stack=[");
  printhex(<i64>load<u32>(G_STACKLO));
  printstatic(", ");
  printhex(<i64>load<u32>(G_STACKHI));
  printstatic("]\n");
  fatal("stack overflow");
}

// copystack moves the live part of the stack to the top of a new stack of
// newsize bytes and adjusts every pointer into the old one.
function copystack(newsize: u32): void {
  const oldlo = load<u32>(G_STACKLO);
  const oldhi = load<u32>(G_STACKHI);
  const sp = load<u32>(G_SP);
  const newlo = stackalloc(newsize);
  const newhi = newlo + newsize;
  const used = oldhi - sp;
  memory.copy(newhi - used, sp, used);
  adjlo = oldlo;
  adjhi = oldhi;
  adjdelta = newhi - oldhi;
  adjustframes(newhi - used, newhi);
  adjustg();
  adjustdefers();
  adjustpanics();
  store<u32>(G_STACKLO, newlo);
  store<u32>(G_STACKHI, newhi);
  setstackguard();
  stackfree(oldlo, oldhi - oldlo);
}

// The move in progress: pointers into [adjlo, adjhi) move by adjdelta.
let adjlo: u32 = 0;
let adjhi: u32 = 0;
let adjdelta: u32 = 0;

// adjustpointer moves the word at `at` if it points into the old stack.
// Moved pointers point into the new stack, which does not overlap the old
// one, so a word reached twice (a record seen through its frame's pointer
// map and through the defer chain) moves once.
@inline
function adjustpointer(at: u32): void {
  const p = load<u32>(at);
  if (p >= adjlo && p < adjhi) store<u32>(at, p + adjdelta);
}

// adjustframes walks the frames of the new stack (docs/abi.md section 7)
// and adjusts the words each function's pointer map marks.
function adjustframes(sp: u32, hi: u32): void {
  while (sp < hi) {
    const f = findfunc(load<u32>(sp));
    if (f == 0) fatal("copystack: unknown pc in a frame");
    adjustframe(f, sp);
    const n = framesize(f);
    if ((funcflags(f) & FUNCFLAG_TOPFRAME) != 0 || n == 0) return;
    sp += n;
  }
}

function adjustframe(f: u32, sp: u32): void {
  const ptrmap = load<u32>(f + FUNC_PTRMAP);
  if (ptrmap == 0) return;
  const nwords = load<u32>(ptrmap);
  const bits = ptrmap + 4;
  for (let w: u32 = 0; w < nwords; w++) {
    if ((load<u8>(bits + (w >> 3)) & (1 << (w & 7))) != 0) adjustpointer(sp + (w << 2));
  }
}

function adjustg(): void {
  store<u32>(G_SP, load<u32>(G_SP) + adjdelta);
  adjustpointer(G_UNWINDSP);
  adjustpointer(G_DEFER);
  adjustpointer(G_PANIC);
}

// adjustdefers adjusts the fields of every record on the defer chain that
// may point into the stack: stack records link to each other and point to
// their funcvals and frames; heap records keep their frame's sp and varp.
function adjustdefers(): void {
  for (let d = load<u32>(G_DEFER); d != 0; d = load<u32>(d + DEFER_LINK)) {
    adjustpointer(d + DEFER_SP);
    adjustpointer(d + DEFER_VARP);
    adjustpointer(d + DEFER_FN);
    adjustpointer(d + DEFER_PANIC);
    adjustpointer(d + DEFER_LINK);
  }
}

// adjustpanics adjusts the _panic records, which live in gopanic's frames.
function adjustpanics(): void {
  for (let p = load<u32>(G_PANIC); p != 0; p = load<u32>(p + PANIC_LINK)) {
    adjustpointer(p + PANIC_ARGP);
    adjustpointer(p + PANIC_LINK);
  }
}
