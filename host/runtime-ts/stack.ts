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
} from "../../assembly/layout.js";
import { load32, load8, memcopy, rt, store32 } from "./builtins.js";
import { sysalloc } from "./malloc.js";
import { fatal } from "./panic.js";
import { printhex, printstatic, printuint } from "./print.js";
import { findfunc, framesize, funcflags } from "./symtab.js";

export function stackinit(size: number): void {
  const lo = stackalloc(roundstacksize(size));
  const hi = lo + roundstacksize(size);
  store32(G_STACKLO, lo);
  store32(G_STACKHI, hi);
  store32(G_SP, hi);
  setstackguard();
}

// Stack sizes are powers of two from STACK_MIN, so freed stacks can be
// reused by size class.
function roundstacksize(size: number): number {
  let n = STACK_MIN;
  while (n < size) n *= 2;
  return n;
}

function ctz(x: number): number {
  return 31 - Math.clz32(x & -x);
}

function stackclass(size: number): number {
  return ctz(size) - ctz(STACK_MIN);
}

function stackalloc(size: number): number {
  const cls = stackclass(size);
  if (cls < STACK_NCLASSES) {
    const head = G_STACKFREE + cls * 4;
    const s = load32(head);
    if (s !== 0) {
      store32(head, load32(s + STACKFREE_LINK));
      return s;
    }
  }
  return sysalloc(size, 16);
}

// stackfree puts a stack no goroutine uses any more on its size's free list.
export function stackfree(lo: number, size: number): void {
  const cls = stackclass(size);
  if (cls >= STACK_NCLASSES) return;
  const head = G_STACKFREE + cls * 4;
  store32(lo + STACKFREE_LINK, load32(head));
  store32(head, lo);
}

function stressing(): boolean {
  return (load32(G_DEBUGFLAGS) & DEBUG_STRESS_STACK) !== 0;
}

// setstackguard puts the guard STACK_GUARD bytes above stacklo, where the
// runtime's own frames still fit below it; in stress mode it puts it at
// stackhi, so that every prologue calls morestack and the stack moves.
function setstackguard(): void {
  const lo = load32(G_STACKLO);
  store32(G_STACKGUARD, stressing() ? load32(G_STACKHI) : lo + STACK_GUARD);
}

// morestack is called by the prologue of a function whose frame of
// framesize bytes does not fit above stackguard. The frame is not pushed
// yet: the live stack is [g.sp, stackhi). ctxt is the function's closure
// context, which may point into the stack: it is returned adjusted.
export function morestack(framesize: number, ctxt: number): number {
  newstack(framesize);
  return ctxt >= rt.adjlo && ctxt < rt.adjhi ? ctxt + rt.adjdelta : ctxt;
}

function newstack(framesize: number): void {
  const lo = load32(G_STACKLO);
  const hi = load32(G_STACKHI);
  const sp = load32(G_SP);
  const oldsize = hi - lo;
  const needed = hi - sp + framesize + STACK_GUARD;
  let newsize = oldsize;
  // Without stress, morestack means the stack is short: at least double it.
  if (!stressing() || needed > newsize) newsize *= 2;
  while (needed > newsize) newsize *= 2;
  if (newsize > load32(G_MAXSTACKSIZE)) overflow(sp);
  copystack(newsize);
}

// overflow reports a stack that would exceed maxstacksize, as Go does.
function overflow(sp: number): void {
  printstatic("runtime: goroutine stack exceeds ");
  printuint(BigInt(load32(G_MAXSTACKSIZE)));
  printstatic("-byte limit\n");
  printstatic("runtime: sp=");
  printhex(BigInt(sp));
  printstatic(" stack=[");
  printhex(BigInt(load32(G_STACKLO)));
  printstatic(", ");
  printhex(BigInt(load32(G_STACKHI)));
  printstatic("]\n");
  fatal("stack overflow");
}

// copystack moves the live part of the stack to the top of a new stack of
// newsize bytes and adjusts every pointer into the old one.
function copystack(newsize: number): void {
  const oldlo = load32(G_STACKLO);
  const oldhi = load32(G_STACKHI);
  const sp = load32(G_SP);
  const newlo = stackalloc(newsize);
  const newhi = newlo + newsize;
  const used = oldhi - sp;
  memcopy(newhi - used, sp, used);
  rt.adjlo = oldlo;
  rt.adjhi = oldhi;
  rt.adjdelta = newhi - oldhi;
  adjustframes(newhi - used, newhi);
  adjustg();
  adjustdefers();
  adjustpanics();
  store32(G_STACKLO, newlo);
  store32(G_STACKHI, newhi);
  setstackguard();
  stackfree(oldlo, oldhi - oldlo);
}

// adjustpointer moves the word at `at` if it points into the old stack.
// Moved pointers point into the new stack, which does not overlap the old
// one, so a word reached twice (a record seen through its frame's pointer
// map and through the defer chain) moves once.
function adjustpointer(at: number): void {
  const p = load32(at);
  if (p >= rt.adjlo && p < rt.adjhi) store32(at, p + rt.adjdelta);
}

// adjustframes walks the frames of the new stack (docs/abi.md section 7)
// and adjusts the words each function's pointer map marks.
function adjustframes(sp: number, hi: number): void {
  while (sp < hi) {
    const f = findfunc(load32(sp));
    if (f === 0) fatal("copystack: unknown pc in a frame");
    adjustframe(f, sp);
    const n = framesize(f);
    if ((funcflags(f) & FUNCFLAG_TOPFRAME) !== 0 || n === 0) return;
    sp += n;
  }
}

function adjustframe(f: number, sp: number): void {
  const ptrmap = load32(f + FUNC_PTRMAP);
  if (ptrmap === 0) return;
  const nwords = load32(ptrmap);
  const bits = ptrmap + 4;
  for (let w = 0; w < nwords; w++) {
    if ((load8(bits + (w >>> 3)) & (1 << (w & 7))) !== 0) adjustpointer(sp + w * 4);
  }
}

function adjustg(): void {
  store32(G_SP, load32(G_SP) + rt.adjdelta);
  adjustpointer(G_UNWINDSP);
  adjustpointer(G_DEFER);
  adjustpointer(G_PANIC);
}

// adjustdefers adjusts the fields of every record on the defer chain that
// may point into the stack: stack records link to each other and point to
// their funcvals and frames; heap records keep their frame's sp and varp.
function adjustdefers(): void {
  for (let d = load32(G_DEFER); d !== 0; d = load32(d + DEFER_LINK)) {
    adjustpointer(d + DEFER_SP);
    adjustpointer(d + DEFER_VARP);
    adjustpointer(d + DEFER_FN);
    adjustpointer(d + DEFER_PANIC);
    adjustpointer(d + DEFER_LINK);
  }
}

// adjustpanics adjusts the _panic records, which live in gopanic's frames.
function adjustpanics(): void {
  for (let p = load32(G_PANIC); p !== 0; p = load32(p + PANIC_LINK)) {
    adjustpointer(p + PANIC_ARGP);
    adjustpointer(p + PANIC_LINK);
  }
}
