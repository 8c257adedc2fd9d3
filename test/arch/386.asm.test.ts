// The 386 encodings of arch/x86/asm.ts (32-bit mode), checked against GNU
// objdump, Go's assembler and the relocations: REL, so the -4 addend of a
// PC-relative call lives in its field.

import { Alu, AX, BP, BX, Cond, CX, DI, DX, i386Asm as b, mem, Shift, SP } from "../../arch/x86/asm.js";
import { checkEncodings, type EncodingCase } from "./ppc64.harness.js";

const BRANCH = "branch texts give a byte displacement, which Go's assembler does not take";
const REL_ADDEND = "386 objects are REL: the addend lives in the field, where Go's object file leaves zeros";

const cases: EncodingCase[] = [
  { name: "register move", insts: [b.movRegReg(4, CX, AX)], gnu: ["mov %eax,%ecx"], go: true },
  { name: "zero", insts: [b.movConst(4, AX, 0)], gnu: ["mov $0x0,%eax"], go: true },
  { name: "all ones", insts: [b.movConst(4, DI, -1)], gnu: ["mov $0xffffffff,%edi"], go: true },
  { name: "load an argument", insts: [b.load(4, 4, false, AX, mem(SP, 60))], gnu: ["mov 0x3c(%esp),%eax"], go: true },
  { name: "signed byte load", insts: [b.load(4, 1, true, AX, mem(CX, -8))], gnu: ["movsbl -0x8(%ecx),%eax"], go: true },
  { name: "unsigned halfword load from BP", insts: [b.load(4, 2, false, AX, mem(BP))], gnu: ["movzwl 0x0(%ebp),%eax"], go: true },
  { name: "byte store", insts: [b.store(1, mem(CX), AX)], gnu: ["mov %al,(%ecx)"], go: true },
  { name: "byte store of BL", insts: [b.store(1, mem(CX, 4), BX)], gnu: ["mov %bl,0x4(%ecx)"], go: true },
  { name: "halfword store", insts: [b.store(2, mem(SP, 8), DX)], gnu: ["mov %dx,0x8(%esp)"], go: true },
  { name: "outgoing argument", insts: [b.store(4, mem(SP), AX)], gnu: ["mov %eax,(%esp)"], go: true },
  { name: "stack-check address", insts: [b.lea(4, AX, mem(SP, -44))], gnu: ["lea -0x2c(%esp),%eax"], go: true },
  {
    name: "symbol address, absolute",
    insts: [b.leaSym(CX, "main.x")],
    gnu: ["lea 0x0,%ecx"],
    go: true,
    relocs: [[2, 1, "R_386_32", "main.x", 0]],
  },
  { name: "zero-extend a byte", insts: [b.extend(4, 1, false, AX, AX)], gnu: ["movzbl %al,%eax"], go: true },
  { name: "sign-extend a halfword", insts: [b.extend(4, 2, true, AX, DX)], gnu: ["movswl %dx,%eax"], go: true },
  { name: "add", insts: [b.alu(Alu.ADD, 4, AX, CX)], gnu: ["add %ecx,%eax"], go: true },
  { name: "add with carry", insts: [b.alu(Alu.ADC, 4, DX, BX)], gnu: ["adc %ebx,%edx"], go: true },
  { name: "subtract with borrow", insts: [b.alu(Alu.SBB, 4, DX, BX)], gnu: ["sbb %ebx,%edx"], go: true },
  { name: "compare", insts: [b.alu(Alu.CMP, 4, AX, CX)], gnu: ["cmp %ecx,%eax"], go: true },
  { name: "frame allocation", insts: [b.aluImm(Alu.SUB, 4, SP, 56)], gnu: ["sub $0x38,%esp"], go: true },
  { name: "frame release, imm32", insts: [b.aluImm(Alu.ADD, 4, SP, 12012)], gnu: ["add $0x2eec,%esp"], go: true },
  { name: "stack check", insts: [b.cmpRegMem(4, SP, mem(CX, 8))], gnu: ["cmp 0x8(%ecx),%esp"], go: true },
  { name: "stack check of a large frame", insts: [b.cmpRegMem(4, AX, mem(CX, 8))], gnu: ["cmp 0x8(%ecx),%eax"], go: true },
  {
    name: "g from thread-local storage",
    insts: b.loadTLSG(CX),
    gnu: ["mov %gs:0x0,%ecx", "mov 0x0(%ecx),%ecx"],
    go: ["MOVL (TLS), CX"],
    relocs: [[9, 17, "R_386_TLS_LE", "runtime.tlsg", 0]],
  },
  { name: "test", insts: [b.test(4, AX, AX)], gnu: ["test %eax,%eax"], go: true },
  { name: "test a bit", insts: [b.testImm(4, CX, 32)], gnu: ["test $0x20,%ecx"], go: true },
  { name: "nil check", insts: [b.testByteMem(AX, mem(AX))], gnu: ["test %al,(%eax)"], go: true },
  { name: "multiply", insts: [b.imul(4, CX, BX)], gnu: ["imul %ebx,%ecx"], go: true },
  { name: "widening multiply", insts: [b.mul(4, BX)], gnu: ["mul %ebx"], go: true },
  { name: "unsigned divide", insts: [b.div(4, CX)], gnu: ["div %ecx"], go: true },
  { name: "signed divide", insts: [b.idiv(4, CX)], gnu: ["idiv %ecx"], go: true },
  { name: "sign of EAX into EDX", insts: [b.signExtendAX(4)], gnu: ["cltd"], go: true },
  { name: "negate", insts: [b.neg(4, AX)], gnu: ["neg %eax"], go: true },
  { name: "complement", insts: [b.not(4, DX)], gnu: ["not %edx"], go: true },
  { name: "shift left by CL", insts: [b.shift(Shift.SHL, 4, AX)], gnu: ["shl %cl,%eax"], go: true },
  { name: "arithmetic shift by a constant", insts: [b.shiftImm(Shift.SAR, 4, DX, 31)], gnu: ["sar $0x1f,%edx"], go: true },
  { name: "double shift left", insts: [b.shld(4, DX, AX)], gnu: ["shld %cl,%eax,%edx"], go: true },
  { name: "double shift right", insts: [b.shrd(4, AX, DX)], gnu: ["shrd %cl,%edx,%eax"], go: true },
  { name: "set if equal", insts: [b.setcc(Cond.EQ, AX)], gnu: ["sete %al"], go: true },
  { name: "set BL if greater or equal", insts: [b.setcc(Cond.GE, BX)], gnu: ["setge %bl"], go: true },
  { name: "zero memory", insts: [b.repStosb()], gnu: ["rep stos %al,%es:(%edi)"], go: true },
  { name: "copy memory", insts: [b.repMovsb()], gnu: ["rep movsb %ds:(%esi),%es:(%edi)"], go: true },
  { name: "jump to itself", insts: [b.jmp(0)], gnu: ["jmp 0x0"], go: BRANCH },
  { name: "conditional jump forward", insts: [b.jcc(Cond.CS, 12)], gnu: ["jb 0xc"], go: BRANCH },
  { name: "branch if zero", insts: b.branchIfZero(4, AX, 8), gnu: ["test %eax,%eax", "je 0x8"], go: BRANCH },
  {
    name: "call",
    insts: [b.call("runtime.deferprocStack")],
    gnu: ["call 0x1"],
    go: REL_ADDEND,
    relocs: [[1, 2, "R_386_PC32", "runtime.deferprocStack", -4]],
  },
  { name: "indirect call", insts: [b.callReg(AX)], gnu: ["call *%eax"], go: true },
  { name: "return", insts: [b.ret()], gnu: ["ret"], go: true },
  { name: "no-op", insts: [b.nop()], gnu: ["nop"], go: "Go's NOP is a pseudo-instruction without bytes" },
  { name: "trap", insts: [b.ud2()], gnu: ["ud2"], go: true },
  { name: "breakpoint (function padding)", insts: [b.int3()], gnu: ["int3"], go: "Go spells INT $3 with the two-byte CD 03" },
];

checkEncodings({ goarch: "386", machine: "i386" }, cases);
