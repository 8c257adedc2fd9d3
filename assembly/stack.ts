// The goroutine stack (runtime/stack.go). It is allocated from the heap at
// start and grows down from stackhi; a prologue that would move sp below
// stackguard calls morestack.

import {
  G_MAXSTACKSIZE, G_SP, G_STACKGUARD, G_STACKHI, G_STACKLO, STACK_GUARD,
} from "./layout";
import { sysalloc } from "./malloc";
import { fatal } from "./panic";
import { printhex, printstatic, printuint } from "./print";

export function stackinit(size: u32): void {
  const lo = sysalloc(size, 16);
  store<u32>(G_STACKLO, lo);
  store<u32>(G_STACKHI, lo + size);
  store<u32>(G_STACKGUARD, lo + STACK_GUARD);
  store<u32>(G_SP, lo + size);
}

// morestack is called by the prologue of a function whose frame of
// framesize bytes does not fit above stackguard.
export function morestack(framesize: u32): void {
  newstack(framesize);
}

// newstack finds the goroutine out of stack. Stacks do not move yet, so
// the stack it has is all it can get: that is reported as Go reports a
// stack that would exceed maxstacksize.
function newstack(framesize: u32): void {
  const sp = load<u32>(G_SP) - framesize;
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
