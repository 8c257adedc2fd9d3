// The heap (runtime/malloc.go): a bump allocator from the image's heapStart
// upward, growing linear memory as needed. Nothing is ever freed, so memory
// handed out has never been used before and is still zero, as wasm gives it.

import {
  G_HEAPCUR, G_HEAPEND, G_MALLOCBYTES, G_MALLOCS, PAGE_SIZE, RUNTIME_DATA,
} from "../../assembly/layout.js";
import { load32, memgrow, memsize, store32 } from "./builtins.js";
import { fatal } from "./panic.js";

// zerobase is the address of every zero-sized allocation, as in Go. The wasm
// core's first static datum is at the start of its static data; this core
// keeps its other static data (messages) as JS strings, so the address is
// the same and the rest of that region stays zero.
const zerobase = RUNTIME_DATA;

export function heapinit(start: number): void {
  store32(G_HEAPCUR, (start + 15) & ~15);
  store32(G_HEAPEND, memsize() * PAGE_SIZE);
}

// sysalloc takes size bytes aligned to align (a power of two) without
// counting them as Go allocations: goroutine stacks, itabs and the
// runtime's own boxes, which Go does not count in its malloc statistics.
export function sysalloc(size: number, align: number): number {
  const p = ((load32(G_HEAPCUR) + align - 1) & ~(align - 1)) >>> 0;
  const end = p + size;
  if (end > 0xffffffff) fatal("runtime: out of memory");
  if (end > load32(G_HEAPEND)) heapgrow(end);
  store32(G_HEAPCUR, end);
  return p;
}

// heapgrow grows memory at least to end, doubling it when it can: each
// grow is costly for the engine (V8 collects garbage and rescans the stack),
// so growing a page at a time would make allocation-heavy deep recursion
// quadratic.
function heapgrow(end: number): void {
  const have = memsize();
  const need = Math.floor((end - 1) / PAGE_SIZE) + 1;
  const want = Math.max(need, Math.min(have * 2, MAX_PAGES));
  if (memgrow(want - have) >= 0) {
    store32(G_HEAPEND, want * PAGE_SIZE);
    return;
  }
  if (memgrow(need - have) < 0) fatal("runtime: out of memory");
  store32(G_HEAPEND, need * PAGE_SIZE);
}

// wasm32 memory holds at most 4 GiB.
const MAX_PAGES = 65536;

// mallocgc allocates size zeroed bytes, 8-aligned, and counts them for the
// benchmarks' allocs/op and B/op.
export function mallocgc(size: number): number {
  if (size === 0) return zerobase;
  const rounded = (size + 7) & ~7;
  store32(G_MALLOCS, load32(G_MALLOCS) + 1);
  store32(G_MALLOCBYTES, load32(G_MALLOCBYTES) + rounded);
  return sysalloc(rounded, 8);
}

export function newobject(size: number): number {
  return mallocgc(size);
}
