// What an encode-only architecture's lowering (arch/NAME/ssa.ts) provides
// to the shared driver (genssa.ts), as each cmd/compile/internal/NAME
// package gives ssagen its ssaGenValue and ssaGenBlock and cmd/internal/obj
// adds the prologue. The driver owns everything the architectures share:
// the frame, block layout, branch fix-ups, the placement of the stack check,
// of the deferreturn block and of the morestack call, the order of a block's
// closing branches, and the listing.

import type * as ir from "../../host/compiler/ssa/ir.js";
import type { FrameFacts } from "./frame.js";
import type { Label, State } from "./genssa.js";

export interface Lowering extends FrameFacts {
  /**
   * Bytes of outgoing arguments an instruction needs beyond the IR's own
   * calls, for the runtime helper it is lowered to (386's 64-bit divide,
   * panicIndex of a bounds check); 0 if it calls nothing.
   */
  helperArgsSize(ins: ir.Instr): number;
  /**
   * Whether an instruction is lowered to a call of a runtime helper, which
   * makes the function a non-leaf that checks its stack bound. Needed where
   * a helper takes nothing on the stack (runtime.panicdivide after a divide
   * check); without it, an instruction calls a helper when helperArgsSize > 0.
   */
  callsHelper?(ins: ir.Instr): boolean;
  /**
   * Emits the prologue's stack-bound check: compare SP (less the frame
   * size, for large frames) with g.stackguard0 and branch to `morestack`
   * when it is lower or the same. Not called for small leaf functions,
   * which Go marks NOSPLIT.
   */
  stackCheck(s: State, morestack: Label): void;
  /**
   * Allocates the frame (s.frame.size bytes) and saves what the ABI keeps
   * in it (x86 BP, the link register), then stores the closure context
   * register in its home when s.needsCtxt.
   */
  prologue(s: State): void;
  /**
   * The code at the function's end that the stack check branches to: a
   * call to runtime.morestack (runtime.morestack_noctxt when the function
   * does not use its closure context), then a jump back to s.entry.
   */
  morestack(s: State): void;
  /** Lowers one IR instruction (Go's ssaGenValue). */
  ssaGenValue(s: State, ins: ir.Instr): void;
  /*
   * Ends of blocks: the driver's endBlock (Go's ssaGenBlock, the same for
   * every architecture here) sequences these.
   */
  /** A jump to `to`. */
  jump(s: State, to: Label): void;
  /**
   * An `if` block's branch: loads `cond` and branches to `to` when it is
   * non-zero (`nonZero`) or zero.
   */
  condJump(s: State, cond: ir.Value, nonZero: boolean, to: Label): void;
  /**
   * Under the return1 protocol, after a defer block's deferproc call: tests
   * the call's result register and branches to `to` (the deferreturn
   * block) when it is non-zero, i.e. when a deferred call recovered.
   */
  branchIfRecovered(s: State, to: Label): void;
  /** Stores v in its slot at SP offset `off` (a result at `ret`). */
  spill(s: State, v: ir.Value, off: number): void;
  /** The epilogue and return of a `ret` block, after its results are stored. */
  ret(s: State): void;
  /**
   * Ends an `exit` block: the call before never returns, and as Go the
   * lowering keeps its return address inside the function with a no-op.
   */
  exitPad(s: State): void;
}
