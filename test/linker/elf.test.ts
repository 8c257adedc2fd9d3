// The ELF relocatable writer (host/linker/elf.ts) in every shape the
// architectures need — ELF32 and ELF64, little- and big-endian, REL and
// RELA — read back by readelf without a warning and by the tests' reader.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_WRITE,
  SHT_NOBITS,
  SHT_PROGBITS,
  STB_GLOBAL,
  STB_LOCAL,
  STT_FILE,
  STT_FUNC,
  STT_NOTYPE,
  STT_OBJECT,
  writeElf,
  type ElfObject,
} from "../../host/linker/elf.js";
import { readElf } from "../arch/elfread.js";
import { haveObjdump } from "../arch/oracle.js";

/** [e_machine, class, big-endian, RELA, a 4-byte absolute relocation type and its name]. */
const SHAPES: [string, number, 32 | 64, boolean, boolean, number, string][] = [
  ["x86-64", 62, 64, false, true, 10, "R_X86_64_32"],
  ["i386", 3, 32, false, false, 1, "R_386_32"],
  ["s390x", 22, 64, true, true, 4, "R_390_32"],
  ["mips", 8, 32, true, false, 2, "R_MIPS_32"],
  ["ppc64", 21, 64, true, true, 1, "R_PPC64_ADDR32"],
];

function sample(machine: number, cls: 32 | 64, bigEndian: boolean, rela: boolean, relocType: number): ElfObject {
  return {
    class: cls,
    bigEndian,
    machine,
    flags: 0,
    rela,
    sections: [
      { name: ".text", type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, data: new Uint8Array(16), align: 16 },
      { name: ".data", type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, data: Uint8Array.from([1, 2, 3, 4, 0, 0, 0, 0]), align: 4 },
      { name: ".bss", type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, data: new Uint8Array(8), align: 8 },
    ],
    symbols: [
      { name: "prog.go", value: 0, size: 0, type: STT_FILE, bind: STB_LOCAL, section: "ABS" },
      { name: "main.f", value: 0, size: 16, type: STT_FUNC, bind: STB_GLOBAL, section: ".text" },
      { name: "main.x", value: 0, size: 8, type: STT_OBJECT, bind: STB_LOCAL, section: ".data" },
      { name: "main.z", value: 0, size: 8, type: STT_OBJECT, bind: STB_LOCAL, section: ".bss" },
      { name: "runtime.deferreturn", value: 0, size: 0, type: STT_NOTYPE, bind: STB_GLOBAL },
    ],
    relocs: [
      { section: ".data", offset: 4, sym: "main.f", type: relocType, addend: 0 },
      { section: ".text", offset: 4, sym: "runtime.deferreturn", type: relocType, addend: rela ? 8 : 0 },
    ],
  };
}

function readelf(bytes: Uint8Array): { stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), "deferlab-elf-"));
  try {
    const file = join(dir, "x.o");
    writeFileSync(file, bytes);
    const r = spawnSync("readelf", ["-a", "-W", file], { encoding: "utf8" });
    return { stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("ELF relocatable objects", () => {
  for (const [name, machine, cls, bigEndian, rela, relocType, relocName] of SHAPES) {
    describe(`${name}: ELF${cls}, ${bigEndian ? "big" : "little"}-endian, ${rela ? "RELA" : "REL"}`, () => {
      const bytes = writeElf(sample(machine, cls, bigEndian, rela, relocType));

      it("reads back its sections", () => {
        const elf = readElf(bytes);
        expect(elf.wide).toBe(cls === 64);
        expect(elf.bigEndian).toBe(bigEndian);
        expect([...elf.sections.get(".data")!]).toEqual([1, 2, 3, 4, 0, 0, 0, 0]);
        expect([...elf.sections.keys()]).toEqual([
          ".text", ".data", ".bss", `${rela ? ".rela" : ".rel"}.text`, `${rela ? ".rela" : ".rel"}.data`, ".symtab", ".strtab", ".shstrtab",
        ]);
      });

      it.skipIf(!haveObjdump())("is read by readelf without warnings, locals before globals", () => {
        const { stdout, stderr } = readelf(bytes);
        expect(stderr).toBe("");
        expect(stdout).not.toMatch(/[Ww]arning/);
        expect(stdout).toContain("REL (Relocatable file)");
        expect(stdout).toMatch(new RegExp(`${relocName}\\s+0+\\s+main\\.f`));
        expect(stdout).toMatch(new RegExp(`${relocName}\\s+0+\\s+runtime\\.deferreturn`));
        const syms = [...stdout.matchAll(/^\s+\d+: [0-9a-f]+\s+\d+ (\w+)\s+(\w+)\s+\w+\s+(\w+)\s+(\S+)$/gm)].map((m) => [m[1], m[2], m[3], m[4]]);
        expect(syms).toEqual([
          ["FILE", "LOCAL", "ABS", "prog.go"],
          ["OBJECT", "LOCAL", "2", "main.x"],
          ["OBJECT", "LOCAL", "3", "main.z"],
          ["FUNC", "GLOBAL", "1", "main.f"],
          ["NOTYPE", "GLOBAL", "UND", "runtime.deferreturn"],
        ]);
      });
    });
  }
});
