// The machine linker (host/linker/machine.ts) on hand-made functions:
// layout and padding, calls resolved inside .text and runtime calls left to
// the final link, seed 000's deferreturn offsets, data relocations, the
// function table, and the errors; and every architecture's link facts
// agree with computeDeferReturn.

import { describe, expect, it } from "vitest";
import { MACHINE_ARCHS } from "../../arch/archs.js";
import { amd64Arch } from "../../arch/amd64/ssa.js";
import { i386Arch } from "../../arch/386/ssa.js";
import type { MachineArch } from "../../arch/arch.js";
import type { MachineFunc } from "../../arch/machine/func.js";
import type { Inst } from "../../arch/machine/inst.js";
import { amd64Asm, i386Asm, AX, type X86 } from "../../arch/x86/asm.js";
import type { DataSym } from "../../host/linker/obj.js";
import { FUNCTAB_OPENDEFERS, linkMachine } from "../../host/linker/machine.js";
import { computeDeferReturn } from "../../host/linker/pcln.js";
import { LinkError } from "../../host/linker/sym.js";
import { readElf, readFuncTab } from "../arch/elfread.js";

function func(name: string, insts: Inst[], extra: Partial<MachineFunc> = {}): MachineFunc {
  const code = new Uint8Array(insts.reduce((n, i) => n + i.bytes.length, 0));
  const relocs = [];
  let pc = 0;
  for (const i of insts) {
    code.set(i.bytes, pc);
    relocs.push(...(i.relocs ?? []).map((r) => ({ ...r, off: pc + r.off })));
    pc += i.bytes.length;
  }
  const deferreturn = relocs.find((r) => r.sym === "runtime.deferreturn");
  return {
    name,
    abi: "ABIInternal",
    wrapper: false,
    file: "prog.go",
    line: 1,
    code,
    relocs,
    listing: [],
    frameSize: 16,
    argsSize: 8,
    ...(deferreturn ? { deferreturnReloc: deferreturn.off } : {}),
    ...extra,
  };
}

/** main.f: NOP, CALL main.g, CALL runtime.deferreturn, RET; main.g: RET. */
function sample(a: X86): MachineFunc[] {
  return [
    func("main.f", [a.nop(), a.call("main.g"), a.call("runtime.deferreturn"), a.ret()], { openDeferInfo: Uint8Array.from([0, 8, 1]) }),
    func("main.g", [a.leaSym(AX, "main.msg"), a.ret()]),
  ];
}

const msg: DataSym = { name: "go:string.0", align: 1, bytes: new TextEncoder().encode("hi"), size: 2, relocs: [] };
const table: DataSym = {
  name: "main.tab",
  align: 4,
  bytes: new Uint8Array(12),
  size: 12,
  relocs: [
    { off: 0, kind: "tableindex", sym: "main.f", add: 0 },
    { off: 4, kind: "addr", sym: "go:string.0", add: 1 },
    { off: 8, kind: "deferreturn", sym: "main.f", add: 0 },
  ],
};
const msgVar: DataSym = { name: "main.msg", align: 8, bytes: new Uint8Array(8), size: 8, relocs: [] };

function link(arch: MachineArch, funcs: MachineFunc[], data: DataSym[] = [msg, table, msgVar]) {
  return linkMachine({ arch, funcs, data, file: "prog.go" });
}

describe("the machine linker", () => {
  it("aligns functions and pads with the architecture's filler", () => {
    const obj = link(amd64Arch, sample(amd64Asm));
    expect(obj.funcs.map((f) => f.addr)).toEqual([0, 32]);
    expect([...obj.text.subarray(12, 32)].every((b) => b === 0xcc)).toBe(true);
  });

  it("resolves calls between the object's functions and leaves runtime calls to the final link", () => {
    const obj = link(amd64Arch, sample(amd64Asm));
    const [toG, toRuntime, toData] = obj.codeRelocs;
    expect(toG).toMatchObject({ sym: "main.g", textOff: 2, targetAddr: 32, resolved: true });
    // rel32 = target - end of the CALL (1 + 5).
    expect(new DataView(obj.text.buffer).getInt32(2, true)).toBe(32 - 6);
    expect(toRuntime).toMatchObject({ sym: "runtime.deferreturn", textOff: 7, resolved: false });
    expect(toData).toMatchObject({ sym: "main.msg", resolved: false });
    expect(obj.undefined).toEqual(["runtime.deferreturn"]);
  });

  it("computes deferreturn with seed 000's adjustment: the CALL's first byte on amd64", () => {
    const obj = link(amd64Arch, sample(amd64Asm));
    expect(obj.funcs[0]!.deferreturn).toBe(6);
    expect(obj.text[obj.funcs[0]!.addr + 6]).toBe(0xe8);
    expect(obj.funcs[1]!.deferreturn).toBe(0);
  });

  it("writes the function table and the data relocations", () => {
    const obj = link(amd64Arch, sample(amd64Asm));
    const elf = readElf(obj.elf);
    expect(readFuncTab(elf)).toEqual([
      { name: "main.f", args: 8, frame: 16, deferreturn: 6, flags: FUNCTAB_OPENDEFERS, opendefer: 0 },
      { name: "main.g", args: 8, frame: 16, deferreturn: 0, flags: 0, opendefer: 0xffffffff },
    ]);
    expect([...elf.sections.get(".deferlab.opendefer")!]).toEqual([0, 8, 1]);
    // The deferreturn offset is a constant; addresses are relocations (RELA: zero in place).
    expect([...elf.sections.get(".data")!]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0]);
    expect(obj.data.get("main.msg")).toEqual({ section: ".bss", off: 0 });
    expect(obj.data.get("go:string.0")).toEqual({ section: ".rodata", off: 0 });
  });

  it("stores REL addends in place on 386", () => {
    const obj = link(i386Arch, sample(i386Asm));
    const view = new DataView(obj.text.buffer);
    expect(view.getInt32(7, true)).toBe(-4);
    expect([...readElf(obj.elf).sections.get(".data")!]).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
  });

  it("reports undefined program symbols and meaningless call-site PCs", () => {
    const funcs = [func("main.f", [amd64Asm.call("main.missing"), amd64Asm.ret()])];
    const bad: DataSym = { ...msgVar, relocs: [{ off: 0, kind: "pc", sym: "main.f", add: 1 }] };
    expect(() => link(amd64Arch, funcs, [bad])).toThrow(LinkError);
    try {
      link(amd64Arch, funcs, [bad]);
    } catch (e) {
      expect((e as LinkError).messages).toEqual([
        "main.f: relocation target main.missing not defined",
        "main.msg: a call-site PC (of main.f) has no meaning on amd64",
      ]);
    }
  });
});

describe("every architecture's link facts", () => {
  for (const arch of MACHINE_ARCHS.values()) {
    it(`${arch.name}: computeDeferReturn takes the call's relocation back to its first byte`, () => {
      expect(computeDeferReturn(arch.name, arch.call.relocOffset)).toBe(0);
      expect(arch.call.relocOffset).toBeLessThan(arch.call.size);
      expect(arch.funcAlign % arch.pad.length).toBe(0);
      expect(arch.elf.class * 1).toBe(arch.ptrSize * 8);
    });
  }
});
