// 386: the x86 lowering (arch/x86/ssa.ts) with Go's 386 frame and stack
// check. There is no g register: the prologue loads g from thread-local
// storage as Go does on linux/386 (`MOVL (TLS), CX`: GS:0, then
// runtime.tlsg's offset from it) and compares SP with g.stackguard0 at
// 8(CX). Frames keep no frame pointer.

import type { MachineArch } from "../arch.js";
import { genssa, type State } from "../machine/genssa.js";
import { Alu, AX, CX, i386Asm, SP, type Reg } from "../x86/asm.js";
import { x86RelocPatcher } from "../x86/link.js";
import { X86Lowering } from "../x86/ssa.js";

const R_386_32 = 1;
const R_386_PC32 = 2;

class I386Lowering extends X86Lowering {
  constructor() {
    super(i386Asm);
  }

  frameSize(body: number): number {
    return Math.ceil(body / 4) * 4;
  }

  /** Go's 386 stack check (X86Lowering.stackCheck) holds SP less the frame in AX; g is in CX. */
  protected readonly stackScratch = AX;

  protected allocFrame(s: State): void {
    if (s.frame.size > 0) s.prog(this.asm.aluImm(Alu.SUB, 4, SP, s.frame.size));
  }

  protected gReg(s: State): Reg {
    s.prog(...this.asm.loadTLSG(CX));
    return CX;
  }

  protected freeFrame(s: State): void {
    if (s.frame.size > 0) s.prog(this.asm.aluImm(Alu.ADD, 4, SP, s.frame.size));
  }
}

export const i386Arch: MachineArch = {
  name: "386",
  ptrSize: 4,
  bigEndian: false,
  // The i386 psABI's relocations are REL: addends live in the patched field.
  elf: { machine: 3, class: 32, flags: 0, rela: false, absPtr: [R_386_32, "R_386_32"], abs32: [R_386_32, "R_386_32"] },
  call: { size: 5, relocOffset: 1 },
  funcAlign: 16,
  pad: i386Asm.int3().bytes,
  reloc: x86RelocPatcher([R_386_PC32], true),
  lowering: new I386Lowering(),
  lower: (fn, opts) => genssa(i386Arch, fn, opts),
};
