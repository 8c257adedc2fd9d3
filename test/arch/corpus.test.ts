// Every program of the end-to-end corpus (and examples/) compiled for every
// architecture that has a lowering (arch/archs.ts), under both recovery
// protocols and with and without -N, written as an ELF object and read back
// with GNU objdump and readelf (Debian's binutils-multiarch): no byte of
// .text is undecodable, every call goes where its relocation says, each
// function table's deferreturn offset is the first byte of the function's
// deferreturn call, and the defer machinery has its expected instructions.
// objdump and readelf run once per architecture and configuration over all
// the objects.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MACHINE_ARCHS } from "../../arch/archs.js";
import { RECOVERY_PROTOCOLS } from "../../arch/arch.js";
import type { ListingEntry } from "../../arch/machine/func.js";
import { compileGo } from "../../host/compiler/compile.js";
import type { MachineObject, PlacedFunc } from "../../host/linker/machine.js";
import { loadCorpus, type CorpusProgram } from "../e2e/corpus.js";
import { readElf, readFuncTab } from "./elfread.js";
import { dumpLoong64 } from "./loong64.dump.js";
import { haveObjdump } from "./oracle.js";

/** How objdump spells the instructions the checks look for, per architecture. */
interface Vocabulary {
  /** A direct call; group 1 is the decoded target address (hex). */
  directCall: RegExp;
  /** Any call, direct or through a register. */
  call: RegExp;
  /** A store of a register to memory. */
  store: RegExp;
  /** A conditional branch. */
  condBranch: RegExp;
  /**
   * Two instructions objdump prints apart that make one call (RISC-V's
   * AUIPC+JALR), matched against `first; second`: the checks see them as
   * one instruction at the first one's address, with both one's relocations.
   */
  fuse?: RegExp;
}

const X86: Vocabulary = {
  directCall: /^call\s+([0-9a-f]+)\b/,
  call: /^call\b/,
  store: /^mov[bwlq]?\s+%\w+,[^,]*\(/,
  condBranch: /^j(?!mp\b)[a-z]+\s/,
};

/** Each architecture with a lowering adds its vocabulary here. */
const ARM: Vocabulary = {
  directCall: /^bl\s+([0-9a-f]+)\b/,
  call: /^blx?\s/,
  store: /^str[bh]?\s/,
  condBranch: /^b(eq|ne|cs|cc|hs|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le)\s/,
};

const ARM64: Vocabulary = {
  directCall: /^bl\s+([0-9a-f]+)\b/,
  call: /^blr?\s/,
  store: /^(st(u?r[bh]?|p))\s/,
  condBranch: /^(b\.\w+|cbn?z|tbn?z)\s/,
};

const PPC64: Vocabulary = {
  directCall: /^bl\s+([0-9a-f]+)\b/,
  call: /^(bl|bctrl)\b/,
  store: /^st[bhwd]u?x?\s+r\d+,/,
  condBranch: /^b(eq|ne|lt|le|gt|ge)\s/,
};

const S390X: Vocabulary = {
  directCall: /^brasl\s+%r14,([0-9a-f]+)\b/,
  call: /^(brasl|basr)\s/,
  store: /^st(c|h|g|y|cy|hy)?\s+%r\d+,/,
  condBranch: /^jg[a-z]+\s/,
};

const RISCV64: Vocabulary = {
  directCall: /^auipc (?:ra|t0),0x[0-9a-f]+; jalr (?:t0,)?(?:-?\d+\()?(?:ra|t0)\)? # ([0-9a-f]+)\b/,
  call: /^(auipc \w+,\S+; )?jalr\s/,
  store: /^s[bhwd]\s+\w+,/,
  condBranch: /^b(eq|ne|lt|ge|gt|le)[uz]?\s/,
  fuse: /^auipc (ra|t0),\S+; jalr (\1,)?(-?\d+\()?\1\)?( |$)/,
};

/** mips and mips64; objdump prints BEQ R0, R0 (Go's JMP) as `b`. */
const MIPS: Vocabulary = {
  directCall: /^jal\s+([0-9a-f]+)\b/,
  call: /^jalr?\s/,
  store: /^s[bhwd]\s/,
  condBranch: /^(beqz?|bnez?|bgez|bltz|blez|bgtz)\s/,
};

/** loong64, in loong64.dump.ts's syntax; Go's JMP is BEQ R0, R0. */
const LOONG64: Vocabulary = {
  directCall: /^bl\s+([0-9a-f]+)\b/,
  call: /^(bl\s|jirl \$ra,)/,
  store: /^st\.[bhwd]\s/,
  condBranch: /^(beq|bne)\s(?!\$zero, \$zero,)/,
};

/** Each architecture with a lowering adds its vocabulary here. */
const VOCABULARY: Record<string, Vocabulary> = {
  amd64: X86,
  "386": X86,
  arm: ARM,
  arm64: ARM64,
  ppc64: PPC64,
  s390x: S390X,
  riscv64: RISCV64,
  mips: MIPS,
  mips64: MIPS,
  loong64: LOONG64,
};

/**
 * Architectures GNU objdump 2.40 cannot disassemble, with what stands in
 * for its `-dr -w` listing: loong64's decoder (loong64.disasm.ts) over each
 * object's symbols and relocations.
 */
const DUMPERS: Record<string, (paths: string[]) => Map<string, DumpFunc[]>> = { loong64: dumpLoong64 };

const UNDECODABLE = /\(bad\)|^\.(byte|short|word|long|quad|insn|inst)\b|<unknown>/;

const programs: CorpusProgram[] = [...loadCorpus("test/e2e/programs"), ...loadCorpus("examples", { prefix: "examples" })];

interface DumpInst {
  addr: number;
  text: string;
  /** Relocations objdump shows inside the instruction: [type, symbol]. */
  relocs: [string, string][];
}

interface DumpFunc {
  name: string;
  addr: number;
  insts: DumpInst[];
}

/** objdump -dr output of several objects: per file, its functions and their instructions, pairs `fuse` matches made one. */
function parseDump(out: string, fuse?: RegExp): Map<string, DumpFunc[]> {
  const files = new Map<string, DumpFunc[]>();
  let funcs: DumpFunc[] = [];
  let fn: DumpFunc | undefined;
  let fused: DumpInst | undefined;
  for (const line of out.split("\n")) {
    const file = /^(\S+):\s+file format /.exec(line);
    if (file) {
      funcs = [];
      fn = undefined;
      files.set(file[1]!, funcs);
      continue;
    }
    const head = /^([0-9a-f]+) <(.+)>:$/.exec(line);
    if (head) {
      fn = { name: head[2]!, addr: parseInt(head[1]!, 16), insts: [] };
      funcs.push(fn);
      continue;
    }
    // With -w, an instruction's relocations follow it on its line: `\tOFF: R_TYPE\tSYM+ADDEND`.
    // The RISC disassemblers also put a tab between the mnemonic and the operands.
    const [addr, bytes, ...fields] = line.split("\t");
    const firstReloc = fields.findIndex((f) => /^[0-9a-f]+: R_/.test(f));
    const relocFields = firstReloc < 0 ? [] : fields.slice(firstReloc);
    const text = (firstReloc < 0 ? fields : fields.slice(0, firstReloc)).join(" ");
    if (!fn || fields.length === 0 || !/^\s*[0-9a-f]+:$/.test(addr!) || !/^[0-9a-f ]+$/.test(bytes!)) continue;
    const relocs: [string, string][] = [];
    for (let k = 0; k + 1 < relocFields.length; k += 2) {
      relocs.push([relocFields[k]!.replace(/^[0-9a-f]+: /, ""), relocFields[k + 1]!.replace(/[+-]0x[0-9a-f]+$/, "")]);
    }
    const inst = { addr: parseInt(addr!, 16), text: text.replace(/\s+/g, " ").trim(), relocs };
    const prev = fn.insts[fn.insts.length - 1];
    if (prev && prev !== fused && fuse?.test(`${prev.text}; ${inst.text}`)) {
      fused = { addr: prev.addr, text: `${prev.text}; ${inst.text}`, relocs: [...prev.relocs, ...relocs] };
      fn.insts[fn.insts.length - 1] = fused;
    } else {
      fn.insts.push(inst);
    }
  }
  return files;
}

interface Built {
  program: CorpusProgram;
  object: MachineObject;
  path: string;
  dump: DumpFunc[];
}

/** The instruction objdump decoded at addr in a function. */
function instAt(d: DumpFunc, addr: number): DumpInst | undefined {
  return d.insts.find((i) => i.addr === addr);
}

/** The listing entries of a placed function, with their .text addresses. */
function listing(f: PlacedFunc): (ListingEntry & { addr: number })[] {
  return f.fn.listing.map((e) => ({ ...e, addr: f.addr + e.pc }));
}

/**
 * The target of the branch that entries[k] begins: its own, or where the
 * architecture reaches far with a conditional branch over a jump (ppc64,
 * riscv64), the jump's, which the sequence's last entry carries.
 */
function branchTarget(entries: ListingEntry[], k: number): number | undefined {
  return entries.slice(k).find((e) => e.target !== undefined)?.target;
}

function callsTo(d: DumpFunc, sym: string): DumpInst[] {
  return d.insts.filter((i) => i.relocs.some(([, s]) => s === sym));
}

for (const archName of MACHINE_ARCHS.keys()) {
  const vocab = VOCABULARY[archName];
  for (const protocol of RECOVERY_PROTOCOLS) {
    for (const noOptimize of [false, true]) {
      describe(`${archName}, ${protocol}${noOptimize ? ", -N" : ""}`, () => {
        const built: Built[] = [];
        const failures: string[] = [];
        let dir = "";
        let readelfWarnings = "";

        beforeAll(() => {
          dir = mkdtempSync(join(tmpdir(), `deferlab-${archName}-`));
          programs.forEach((program, i) => {
            const r = compileGo({ filename: program.fileName, source: program.source, arch: archName, recoveryProtocol: protocol, noOptimize });
            if (!r.ok) {
              failures.push(`${program.name}: ${r.errors.join("; ")}`);
              return;
            }
            const path = join(dir, `${String(i).padStart(3, "0")}.o`);
            writeFileSync(path, r.object!.elf);
            built.push({ program, object: r.object!, path, dump: [] });
          });
          if (!haveObjdump() || built.length === 0) return;
          const paths = built.map((b) => b.path);
          const dump = DUMPERS[archName]?.(paths) ?? parseDump(execFileSync("objdump", ["-dr", "-w", "-z", ...paths], { encoding: "utf8", maxBuffer: 1 << 30 }), vocab?.fuse);
          for (const b of built) b.dump = dump.get(b.path) ?? [];
          const re = spawnSync("readelf", ["-a", "-W", ...paths], { encoding: "utf8", maxBuffer: 1 << 30 });
          readelfWarnings = re.stderr + (re.stdout.match(/^.*[Ww]arning.*$/gm) ?? []).join("\n");
        });
        afterAll(() => rmSync(dir, { recursive: true, force: true }));

        const eachFunc = (f: (b: Built, pf: PlacedFunc, d: DumpFunc) => void) => {
          for (const b of built) {
            for (const pf of b.object.funcs) {
              const d = b.dump.find((x) => x.name === pf.sym);
              expect(d, `${b.program.name}: objdump shows ${pf.sym}`).toBeDefined();
              f(b, pf, d!);
            }
          }
        };

        it("compiles and links every program", () => {
          expect(failures).toEqual([]);
          expect(built.length).toBe(programs.length);
        });

        it.skipIf(!haveObjdump())("has the objdump vocabulary of the architecture", () => {
          expect(vocab, `add ${archName}'s objdump spellings to VOCABULARY in test/arch/corpus.test.ts`).toBeDefined();
        });

        it.skipIf(!haveObjdump())("writes objects readelf reads without warnings", () => {
          expect(readelfWarnings).toBe("");
        });

        it.skipIf(!haveObjdump())("has no undecodable bytes, and every listed instruction starts where objdump decodes one", () => {
          eachFunc((b, pf, d) => {
            const bad = d.insts.filter((i) => UNDECODABLE.test(i.text));
            expect(bad, `${b.program.name}: ${pf.sym}`).toEqual([]);
            const starts = new Set(d.insts.map((i) => i.addr));
            const missing = listing(pf).filter((e) => !starts.has(e.addr)).map((e) => `${e.addr.toString(16)}: ${e.text}`);
            expect(missing, `${b.program.name}: ${pf.sym}`).toEqual([]);
          });
        });

        it.skipIf(!haveObjdump() || !vocab)("sends every call where its relocation says", () => {
          eachFunc((b, pf, d) => {
            d.insts.forEach((ins, k) => {
              const m = vocab!.directCall.exec(ins.text);
              if (!m) return;
              const where = `${b.program.name}: ${pf.sym}+0x${(ins.addr - pf.addr).toString(16)} ${ins.text}`;
              if (ins.relocs.length > 0) {
                // Left to the final link: only what the object does not define.
                for (const [, sym] of ins.relocs) expect(b.object.undefined, where).toContain(sym);
                return;
              }
              const end = d.insts[k + 1]?.addr ?? Infinity;
              const r = b.object.codeRelocs.find((x) => x.textOff >= ins.addr && x.textOff < end);
              expect(r, `${where}: the linker resolved a relocation here`).toBeDefined();
              expect(parseInt(m[1]!, 16), where).toBe(r!.targetAddr);
            });
          });
        });

        it.skipIf(!haveObjdump() || !vocab)("records as deferreturn the first byte of each function's first deferreturn call", () => {
          for (const b of built) {
            const table = readFuncTab(readElf(b.object.elf));
            expect(table.map((e) => e.name)).toEqual(b.object.funcs.map((f) => f.fn.name));
            table.forEach((e, i) => {
              const pf = b.object.funcs[i]!;
              const d = b.dump.find((x) => x.name === pf.sym)!;
              const calls = callsTo(d, "runtime.deferreturn");
              const where = `${b.program.name}: ${pf.sym}`;
              if (calls.length === 0) {
                expect(e.deferreturn, where).toBe(0);
                return;
              }
              expect(e.deferreturn, where).toBe(calls[0]!.addr - pf.addr);
              expect(instAt(d, pf.addr + e.deferreturn)?.text, where).toMatch(vocab!.directCall);
            });
          }
        });

        it("gives every function with defers a deferreturn call", () => {
          eachFunc((b, pf) => {
            const defers = pf.fn.relocs.some((r) => r.sym === "runtime.deferproc" || r.sym === "runtime.deferprocStack") || pf.fn.openDeferInfo !== undefined;
            if (defers) expect(pf.deferreturn, `${b.program.name}: ${pf.sym}`).toBeGreaterThan(0);
          });
        });

        it.skipIf(!haveObjdump() || !vocab)("fills in each stack _defer record before calling deferprocStack", () => {
          eachFunc((b, pf, d) => {
            const entries = listing(pf);
            for (const call of callsTo(d, "runtime.deferprocStack")) {
              const setup = entries.filter((e) => e.addr < call.addr && e.mark === "deferrecord");
              const stores = setup.filter((e) => vocab!.store.test(instAt(d, e.addr)?.text ?? ""));
              expect(stores.length, `${b.program.name}: ${pf.sym} at 0x${call.addr.toString(16)}`).toBeGreaterThan(0);
            }
          });
        });

        it.skipIf(!haveObjdump() || !vocab)("tests and clears a deferBits bit before each open-coded exit call", () => {
          let exits = 0;
          eachFunc((b, pf, d) => {
            const entries = listing(pf);
            const where = `${b.program.name}: ${pf.sym}`;
            if (noOptimize) {
              expect(pf.fn.openDeferInfo, where).toBeUndefined();
              expect(entries.filter((e) => e.mark === "deferbits" || e.mark === "opendefer-exit"), where).toEqual([]);
              return;
            }
            entries.forEach((e, k) => {
              if (e.mark !== "opendefer-exit" || !vocab!.call.test(instAt(d, e.addr)?.text ?? "")) return;
              exits++;
              const before = entries.slice(0, k).reverse();
              const store = before.findIndex((x) => x.mark === "deferbits" && vocab!.store.test(instAt(d, x.addr)?.text ?? ""));
              const test = before.findIndex((x) => x.mark === "deferbits" && vocab!.condBranch.test(instAt(d, x.addr)?.text ?? ""));
              expect(store, `${where}: deferBits store before the exit call at 0x${e.addr.toString(16)}`).toBeGreaterThanOrEqual(0);
              expect(test, `${where}: deferBits test before that store`).toBeGreaterThan(store);
            });
          });
          if (!noOptimize) expect(exits).toBeGreaterThan(0);
        });

        it.skipIf(!haveObjdump() || !vocab)(
          protocol === "return1"
            ? "tests deferproc's result and branches to the deferreturn call after every deferproc"
            : "has no recovery branch after deferproc (seed 000)",
          () => {
            eachFunc((b, pf, d) => {
              const entries = listing(pf);
              const where = `${b.program.name}: ${pf.sym}`;
              if (protocol === "deferreturn-pc") {
                expect(entries.filter((e) => e.mark === "recovery"), where).toEqual([]);
                return;
              }
              for (const call of [...callsTo(d, "runtime.deferproc"), ...callsTo(d, "runtime.deferprocStack")]) {
                const after = entries.filter((e) => e.addr > call.addr);
                const branch = after.find((e) => e.mark === "recovery" && vocab!.condBranch.test(instAt(d, e.addr)?.text ?? ""));
                expect(branch, `${where}: recovery branch after 0x${call.addr.toString(16)}`).toBeDefined();
                // Between them only the call's own result copy and the test.
                const between = after.slice(0, after.indexOf(branch!)).filter((e) => e.mark !== "recovery" && e.mark !== "deferproc" && e.mark !== "deferprocStack");
                expect(between, where).toEqual([]);
                expect(branchTarget(after, after.indexOf(branch!)), where).toBe(pf.deferreturn);
              }
            });
          },
        );

        it.skipIf(!haveObjdump() || !vocab)("checks the stack bound in the prologue and calls morestack at the function's end", () => {
          eachFunc((b, pf, d) => {
            const entries = listing(pf);
            const where = `${b.program.name}: ${pf.sym}`;
            const check = entries.filter((e) => e.mark === "stackcheck");
            if (check.length === 0) {
              expect(pf.fn.relocs.filter((r) => r.sym.startsWith("runtime.")), `${where} calls nothing`).toEqual([]);
              return;
            }
            expect(entries.indexOf(check[0]!), where).toBe(0);
            const tail = entries.filter((e) => e.mark === "morestack");
            expect(tail.length, where).toBeGreaterThan(0);
            expect(entries.slice(-tail.length), `${where}: morestack ends the function`).toEqual(tail);
            const call = tail.find((e) => vocab!.directCall.test(instAt(d, e.addr)?.text ?? ""));
            expect(call?.relocs?.[0]?.sym, where).toMatch(/^runtime\.morestack(_noctxt)?$/);
            expect(tail[tail.length - 1]!.target, `${where}: jumps back to the entry`).toBe(0);
            const branches = check.filter((e) => vocab!.condBranch.test(instAt(d, e.addr)?.text ?? ""));
            expect(branches.length, where).toBeGreaterThan(0);
            for (const br of branches) expect(branchTarget(entries, entries.indexOf(br)), where).toBe(tail[0]!.pc);
          });
        });
      });
    }
  }
}
