// amd64: the x86 lowering (arch/x86/ssa.ts) with Go's amd64 frame and
// stack check. g lives in R14 (Go's ABIInternal register), so the prologue
// compares SP with g.stackguard0 at 16(R14); the frame saves the caller's
// BP at its top and points BP at it, as Go's frame-pointer layout does.

import type { MachineArch } from "../arch.js";
import { genssa, type State } from "../machine/genssa.js";
import { Alu, amd64Asm, BP, mem, R12, R14, SP, type Reg } from "../x86/asm.js";
import { x86RelocPatcher } from "../x86/link.js";
import { X86Lowering } from "../x86/ssa.js";

const R_X86_64_64 = 1;
const R_X86_64_PC32 = 2;
const R_X86_64_PLT32 = 4;
const R_X86_64_32 = 10;

class Amd64Lowering extends X86Lowering {
  constructor() {
    super(amd64Asm);
  }

  /** Frames are 8-byte multiples with the saved BP in their top word. */
  frameSize(body: number): number {
    return body === 0 ? 0 : Math.ceil(body / 8) * 8 + 8;
  }

  /** Go's amd64 stack check (X86Lowering.stackCheck) holds SP less the frame in R12; g is in R14. */
  protected readonly stackScratch = R12;

  protected allocFrame(s: State): void {
    const n = s.frame.size;
    if (n === 0) return;
    const a = this.asm;
    s.prog(a.aluImm(Alu.SUB, 8, SP, n), a.store(8, mem(SP, n - 8), BP), a.lea(8, BP, mem(SP, n - 8)));
  }

  protected gReg(): Reg {
    return R14;
  }

  protected freeFrame(s: State): void {
    const n = s.frame.size;
    if (n === 0) return;
    s.prog(this.asm.load(8, 8, false, BP, mem(SP, n - 8)), this.asm.aluImm(Alu.ADD, 8, SP, n));
  }
}

export const amd64Arch: MachineArch = {
  name: "amd64",
  ptrSize: 8,
  bigEndian: false,
  elf: { machine: 62, class: 64, flags: 0, rela: true, absPtr: [R_X86_64_64, "R_X86_64_64"], abs32: [R_X86_64_32, "R_X86_64_32"] },
  call: { size: 5, relocOffset: 1 },
  funcAlign: 32,
  pad: amd64Asm.int3().bytes,
  reloc: x86RelocPatcher([R_X86_64_PC32, R_X86_64_PLT32], false),
  lowering: new Amd64Lowering(),
  lower: (fn, opts) => genssa(amd64Arch, fn, opts),
};
