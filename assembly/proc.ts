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
} from "./layout";
import { itabsinit } from "./iface";
import { heapinit, mallocgc } from "./malloc";
import { printstatic } from "./print";
import { popframe, pushframe } from "./runtime2";
import { stackfree, stackinit } from "./stack";
import { exit } from "./stubs";

// start runs the program and returns its exit code; a fatal panic or
// error ends the run through host.exit instead.
export function start(): i32 {
  schedinit();
  pushframe(RTFN_MAIN);
  const init = load<u32>(IMAGE + MD_INITINDEX);
  if (init != 0) call_indirect<void>(init, 0);
  doInit(load<u32>(IMAGE + MD_INITTASK));
  call_indirect<void>(load<u32>(IMAGE + MD_MAININDEX), 0);
  return load<i32>(G_EXITCODE);
}

// testinit prepares a test program as start does and initialises its
// package, for the test driver to call tRunner for each test.
export function testinit(): void {
  schedinit();
  pushframe(RTFN_MAIN);
  const init = load<u32>(IMAGE + MD_INITINDEX);
  if (init != 0) call_indirect<void>(init, 0);
  doInit(load<u32>(IMAGE + MD_INITTASK));
  popframe();
}

// doInit calls the init functions listed in an inittask, in order.
function doInit(task: u32): void {
  if (task == 0) return;
  const n = load<u32>(task + INITTASK_NFNS);
  for (let i: u32 = 0; i < n; i++) call_indirect<void>(load<u32>(task + INITTASK_FNS + 4 * i), 0);
}

function schedinit(): void {
  if (load<u32>(IMAGE + MD_MAGIC) != IMAGE_MAGIC || load<u32>(IMAGE + MD_VERSION) != IMAGE_VERSION) {
    printstatic("runtime: no deferlab program image\n");
    store<i32>(G_EXITCODE, 2);
    exit(2);
  }
  store<u32>(G_MODULEDATA, IMAGE);
  store<u32>(G_DEFER, 0);
  store<u32>(G_PANIC, 0);
  store<u32>(G_UNWINDING, 0);
  store<u32>(G_UNWINDSP, 0);
  store<u32>(G_MALLOCS, 0);
  store<u32>(G_MALLOCBYTES, 0);
  store<i32>(G_EXITCODE, 0);
  memory.fill(G_DEFERPOOL, 0, DEFER_NCLASSES * DEFERPOOL_STRIDE);
  // The loader may have set a limit; otherwise Go's default.
  if (load<u32>(G_MAXSTACKSIZE) == 0) store<u32>(G_MAXSTACKSIZE, DEFAULT_MAX_STACK_SIZE);
  heapinit(load<u32>(IMAGE + MD_HEAPSTART));
  stackinit(initialstacksize());
  itabsinit();
}

// initialstacksize is the size a goroutine's stack starts at: the one the
// image (or the loader) names, else Go's minimum.
function initialstacksize(): u32 {
  const size = load<u32>(IMAGE + MD_STACKSIZE);
  return size != 0 ? size : STACK_MIN;
}

// ---- goroutines for tests ----

// newgoroutine moves g to a goroutine of its own: a new stack with no
// defers and no panics. The one it leaves waits meanwhile; the returned
// record saves its part of g for endgoroutine.
export function newgoroutine(): u32 {
  const saved = mallocgc(G_GOROUTINE_SIZE);
  memory.copy(saved, G, G_GOROUTINE_SIZE);
  stackinit(initialstacksize());
  store<u32>(G_DEFER, 0);
  store<u32>(G_PANIC, 0);
  return saved;
}

// endgoroutine frees the stack of the goroutine that newgoroutine started
// and puts back the one it left.
export function endgoroutine(saved: u32): void {
  const lo = load<u32>(G_STACKLO);
  stackfree(lo, load<u32>(G_STACKHI) - lo);
  memory.copy(G, saved, G_GOROUTINE_SIZE);
}
