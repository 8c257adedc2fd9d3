// The goroutine block g and the runtime frames the core pushes on the
// goroutine stack (runtime/runtime2.go; layouts in layout.ts).

import { G_SP, G_UNWINDING, PC_SHIFT, RUNTIME_FRAME_SIZE } from "../../assembly/layout.js";
import { load32, store32 } from "./builtins.js";

export function getsp(): number {
  return load32(G_SP);
}

// unwinding is set while frames return toward a recovering frame
// (docs/abi.md section 11); the core checks it after every call into Go
// code and returns at once when it is set.
export function unwinding(): boolean {
  return load32(G_UNWINDING) !== 0;
}

// pushframe pushes a frame of runtime pseudo-function rtfn before the core
// calls Go code, so that stack walks see the call, and returns its sp.
export function pushframe(rtfn: number): number {
  const sp = getsp() - RUNTIME_FRAME_SIZE;
  store32(sp, (rtfn << PC_SHIFT) | 1);
  store32(G_SP, sp);
  return sp;
}

export function popframe(): void {
  store32(G_SP, getsp() + RUNTIME_FRAME_SIZE);
}
