// The heap (runtime/malloc.go): a bump allocator from the image's heapStart
// upward, growing linear memory as needed. Nothing is ever freed, so memory
// handed out has never been used before and is still zero, as wasm gives it.

import {
  G_HEAPCUR, G_HEAPEND, G_MALLOCBYTES, G_MALLOCS, PAGE_SIZE,
} from "./layout";
import { fatal } from "./panic";

// zerobase is the address of every zero-sized allocation, as in Go.
const zerobase: u32 = <u32>memory.data(8, 8);

export function heapinit(start: u32): void {
  store<u32>(G_HEAPCUR, (start + 15) & ~15);
  store<u32>(G_HEAPEND, <u32>memory.size() * PAGE_SIZE);
}

// sysalloc takes size bytes aligned to align (a power of two) without
// counting them as Go allocations: goroutine stacks, itabs and the
// runtime's own boxes, which Go does not count in its malloc statistics.
export function sysalloc(size: u32, align: u32): u32 {
  const p = (load<u32>(G_HEAPCUR) + align - 1) & ~(align - 1);
  const end = p + size;
  if (end < p) fatal("runtime: out of memory");
  if (end > load<u32>(G_HEAPEND)) heapgrow(end);
  store<u32>(G_HEAPCUR, end);
  return p;
}

// heapgrow grows memory at least to end, doubling it when it can: each
// grow is costly for the engine (V8 collects garbage and rescans the stack),
// so growing a page at a time would make allocation-heavy deep recursion
// quadratic.
function heapgrow(end: u32): void {
  const have = <u32>memory.size();
  const need = (end - 1) / PAGE_SIZE + 1;
  const want = max(need, min(have * 2, MAX_PAGES));
  if (memory.grow(<i32>(want - have)) >= 0) {
    store<u32>(G_HEAPEND, want * PAGE_SIZE);
    return;
  }
  if (memory.grow(<i32>(need - have)) < 0) fatal("runtime: out of memory");
  store<u32>(G_HEAPEND, need * PAGE_SIZE);
}

// wasm32 memory holds at most 4 GiB.
const MAX_PAGES: u32 = 65536;

// mallocgc allocates size zeroed bytes, 8-aligned, and counts them for the
// benchmarks' allocs/op and B/op.
export function mallocgc(size: u32): u32 {
  if (size == 0) return zerobase;
  const rounded = (size + 7) & ~7;
  store<u32>(G_MALLOCS, load<u32>(G_MALLOCS) + 1);
  store<u32>(G_MALLOCBYTES, load<u32>(G_MALLOCBYTES) + rounded);
  return sysalloc(rounded, 8);
}

export function newobject(size: u32): u32 {
  return mallocgc(size);
}
