// Starting the program (runtime/proc.go): g from the image header, the
// heap, the stack, and runtime.main's frame at the stack bottom, which ends
// every stack walk; then main.init, the package's init functions and
// main.main.

import {
  DEFAULT_MAX_STACK_SIZE, DEFER_NCLASSES, DEFERPOOL_STRIDE, G,
  G_DEFER, G_GOROUTINE_SIZE, G_DEFERPOOL, G_EXITCODE, G_MALLOCBYTES, G_MALLOCS, G_MAXSTACKSIZE,
  G_MODULEDATA, G_PANIC, G_UNWINDING, G_UNWINDSP, IMAGE, IMAGE_MAGIC,
  IMAGE_VERSION, INITTASK_FNS, INITTASK_NFNS, MD_HEAPSTART, MD_INITINDEX, MD_INITTASK, MD_MAGIC, MD_MAININDEX,
  MD_STACKSIZE, MD_VERSION, STACK_MIN, RTFN_MAIN, G_STACKHI, G_STACKLO,
} from "../../assembly/layout.js";
import { callIndirect1, load32, loadi32, memcopy, memfill, store32 } from "./builtins.js";
import { itabsinit } from "./iface.js";
import { heapinit, mallocgc } from "./malloc.js";
import { printstatic } from "./print.js";
import { popframe, pushframe } from "./runtime2.js";
import { stackfree, stackinit } from "./stack.js";
import { exit } from "./stubs.js";

// start runs the program and returns its exit code; a fatal panic or
// error ends the run through host.exit instead.
export function start(): number {
  schedinit();
  pushframe(RTFN_MAIN);
  const init = load32(IMAGE + MD_INITINDEX);
  if (init !== 0) callIndirect1(init, 0);
  doInit(load32(IMAGE + MD_INITTASK));
  callIndirect1(load32(IMAGE + MD_MAININDEX), 0);
  return loadi32(G_EXITCODE);
}

// testinit prepares a test program as start does and initialises its
// package, for the test driver to call tRunner for each test.
export function testinit(): void {
  schedinit();
  pushframe(RTFN_MAIN);
  const init = load32(IMAGE + MD_INITINDEX);
  if (init !== 0) callIndirect1(init, 0);
  doInit(load32(IMAGE + MD_INITTASK));
  popframe();
}

// doInit calls the init functions listed in an inittask, in order.
function doInit(task: number): void {
  if (task === 0) return;
  const n = load32(task + INITTASK_NFNS);
  for (let i = 0; i < n; i++) callIndirect1(load32(task + INITTASK_FNS + 4 * i), 0);
}

function schedinit(): void {
  if (load32(IMAGE + MD_MAGIC) !== IMAGE_MAGIC || load32(IMAGE + MD_VERSION) !== IMAGE_VERSION) {
    printstatic("runtime: no deferlab program image\n");
    store32(G_EXITCODE, 2);
    exit(2);
  }
  store32(G_MODULEDATA, IMAGE);
  store32(G_DEFER, 0);
  store32(G_PANIC, 0);
  store32(G_UNWINDING, 0);
  store32(G_UNWINDSP, 0);
  store32(G_MALLOCS, 0);
  store32(G_MALLOCBYTES, 0);
  store32(G_EXITCODE, 0);
  memfill(G_DEFERPOOL, 0, DEFER_NCLASSES * DEFERPOOL_STRIDE);
  // The loader may have set a limit; otherwise Go's default.
  if (load32(G_MAXSTACKSIZE) === 0) store32(G_MAXSTACKSIZE, DEFAULT_MAX_STACK_SIZE);
  heapinit(load32(IMAGE + MD_HEAPSTART));
  stackinit(initialstacksize());
  itabsinit();
}

// initialstacksize is the size a goroutine's stack starts at: the one the
// image (or the loader) names, else Go's minimum.
function initialstacksize(): number {
  const size = load32(IMAGE + MD_STACKSIZE);
  return size !== 0 ? size : STACK_MIN;
}

// ---- goroutines for tests ----

// newgoroutine moves g to a goroutine of its own: a new stack with no
// defers and no panics. The one it leaves waits meanwhile; the returned
// record saves its part of g for endgoroutine.
export function newgoroutine(): number {
  const saved = mallocgc(G_GOROUTINE_SIZE);
  memcopy(saved, G, G_GOROUTINE_SIZE);
  stackinit(initialstacksize());
  store32(G_DEFER, 0);
  store32(G_PANIC, 0);
  return saved;
}

// endgoroutine frees the stack of the goroutine that newgoroutine started
// and puts back the one it left.
export function endgoroutine(saved: number): void {
  const lo = load32(G_STACKLO);
  stackfree(lo, load32(G_STACKHI) - lo);
  memcopy(G, saved, G_GOROUTINE_SIZE);
}
