// Stack walks for printing (runtime/traceback.go). A frame is (pc, sp) with
// pc = [sp+0]; its caller's frame is at sp + framesize (docs/abi.md
// section 7). Runtime frames are hidden, and so are wrappers, except a
// wrapper that itself called into a panic (Go's elideWrapperCalling: the
// hidden closure of a deferred nil func call shows, for instance); hidden
// frames still count toward the frame limit. A throw (a fatal error) shows
// every wrapper, as Go's showframe does while the runtime is throwing.

import {
  FUNCFLAG_RUNTIME, FUNCFLAG_TOPFRAME, FUNCFLAG_WRAPPER, FUNC_ARGSSIZE,
  G_STACKHI, PC_SHIFT, PC_SITE_MASK, RTFN_GOPANIC,
} from "../../assembly/layout.js";
import { load32 } from "./builtins.js";
import { printhex, printstatic, printstring, printuint } from "./print.js";
import { first, second } from "./stubs.js";
import { findfunc, framesize, funcfile, funcflags, funcline, funcname } from "./symtab.js";

// Go prints at most this many frames of a goroutine.
const TRACEBACK_MAX_FRAMES = 100;

export function goroutineheader(): void {
  printstatic("goroutine 1 [running]:\n");
}

// traceback prints the frames from the one at sp to runtime.main.
export function traceback(sp: number, throwing: boolean): void {
  const hi = load32(G_STACKHI);
  // The first frame is the one that called into the panic.
  let calleePanicked = true;
  for (let n = 0; sp < hi; n++) {
    if (n === TRACEBACK_MAX_FRAMES) {
      printstatic("...additional frames elided...\n");
      return;
    }
    const pc = load32(sp);
    const f = findfunc(pc);
    if (f === 0) {
      printstatic("runtime: unknown pc ");
      printhex(BigInt(pc));
      printstatic("\n");
      return;
    }
    const flags = funcflags(f);
    const hidden = (flags & FUNCFLAG_RUNTIME) !== 0 || ((flags & FUNCFLAG_WRAPPER) !== 0 && !calleePanicked && !throwing);
    if (!hidden) printframe(f, pc);
    calleePanicked = pc >>> PC_SHIFT === RTFN_GOPANIC;
    if ((flags & FUNCFLAG_TOPFRAME) !== 0 || framesize(f) === 0) return;
    sp += framesize(f);
  }
}

// printframe prints a frame as Go does, except that arguments live in wasm
// locals and are shown as "..." (Go's notation for elided arguments).
function printframe(f: number, pc: number): void {
  const name = funcname(f);
  printstring(first(name), second(name));
  printstatic(load32(f + FUNC_ARGSSIZE) !== 0 ? "(...)\n\t" : "()\n\t");
  const file = funcfile(f);
  printstring(first(file), second(file));
  printstatic(":");
  printuint(BigInt(funcline(f, pc)));
  printstatic(" +");
  printhex(BigInt(pc & PC_SITE_MASK));
  printstatic("\n");
}
