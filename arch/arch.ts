// What every architecture provides to the compiler and the linker: the
// lowering of one IR function to a FuncSym (its own ssaGenValue/ssaGenBlock,
// as in cmd/compile/internal/<arch>/ssa.go) and the facts the linker needs
// about the code it produced.

import type * as ir from "../host/compiler/ssa/ir.js";
import type { FuncSym } from "../host/linker/obj.js";

/**
 * How a frame that recovered a panic resumes (seed 000):
 * - `deferreturn-pc`: today's protocol. Recovery resumes the frame at
 *   `entry + deferreturn`; a `defer` block lowers like a `plain` one.
 * - `return1`: the earlier handshake. deferproc/deferprocStack "return 1"
 *   when a deferred call recovered, and the `defer` block tests that result
 *   and branches to the deferreturn block. Kept for listings and size
 *   comparisons; an architecture documents whether its runtime supports it.
 */
export type RecoveryProtocol = "deferreturn-pc" | "return1";

export interface LowerOptions {
  /** Defaults to `deferreturn-pc`. */
  recoveryProtocol?: RecoveryProtocol;
}

export interface Arch {
  /** GOARCH spelling: `wasm`, `amd64`, `arm64`, ... */
  readonly name: string;
  /** Size of a pointer in memory, in bytes. */
  readonly ptrSize: number;
  /** Lowers one function; the result still names other symbols (obj.ts). */
  lower(fn: ir.Func, opts?: LowerOptions): FuncSym;
  /**
   * seed 000's computeDeferReturn: the function's `deferreturn` value given
   * where the linker found its call to runtime.deferreturn. `site` is the
   * byte offset of that call's relocation on byte-addressed architectures
   * and the call-site number on wasm. `shared` is true when linking shared
   * code (386 then backs off over the GOT set-up as well).
   */
  deferReturn(site: number, shared: boolean): number;
}
