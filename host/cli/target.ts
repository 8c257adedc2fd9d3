// The flags that choose what `deferlab build` and `deferlab objdump` compile
// for: --arch=GOARCH (wasm, or an encode-only architecture), --protocol=
// (seed 000's recovery protocols) and, for objdump, -s REGEXP. They are
// taken out of the argument list before the common build flags are parsed.

import { basename } from "node:path";
import { ARCH_NAMES, MACHINE_ARCHS, unknownArch } from "../../arch/archs.js";
import { RECOVERY_PROTOCOLS, type RecoveryProtocol } from "../../arch/arch.js";

export interface TargetFlags {
  arch: string;
  protocol: RecoveryProtocol;
  /** objdump -s: only functions whose names match. */
  symbols?: RegExp;
}

export interface TakenFlags {
  flags: TargetFlags;
  /** The arguments left for the common parser. */
  rest: string[];
  /** What is wrong with the flags, for a usage error. */
  problem?: string;
}

/** objdump disassembles the architecture Go's objdump is most used on unless told otherwise. */
const DEFAULT_OBJDUMP_ARCH = "amd64";

/** A flag's value, from `-name=value` or the next argument (as Go's flag package). */
function flagValue(argv: string[], i: number, inline: string | undefined): { value?: string; next: number } {
  if (inline !== undefined) return { value: inline, next: i };
  return { value: argv[i + 1], next: i + 1 };
}

export function takeTargetFlags(cmd: "build" | "objdump", argv: string[]): TakenFlags {
  const flags: TargetFlags = { arch: cmd === "objdump" ? DEFAULT_OBJDUMP_ARCH : "wasm", protocol: "deferreturn-pc" };
  const rest: string[] = [];
  const fail = (problem: string): TakenFlags => ({ flags, rest, problem });
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?(arch|protocol|s)(?:=(.*))?$/.exec(argv[i]!);
    if (!m || (m[1] === "s" && cmd !== "objdump")) {
      rest.push(argv[i]!);
      continue;
    }
    const { value, next } = flagValue(argv, i, m[2]);
    i = next;
    if (value === undefined) return fail(`flag needs an argument: -${m[1]}`);
    if (m[1] === "arch") {
      if (!ARCH_NAMES.includes(value)) return fail(unknownArch(value));
      if (cmd === "objdump" && !MACHINE_ARCHS.has(value)) {
        return fail(`objdump lists machine code: --arch=${value} is not one of ${[...MACHINE_ARCHS.keys()].join(", ")}`);
      }
      flags.arch = value;
    } else if (m[1] === "protocol") {
      if (!(RECOVERY_PROTOCOLS as readonly string[]).includes(value)) {
        return fail(`invalid --protocol=${value}: want ${RECOVERY_PROTOCOLS.join(" or ")}`);
      }
      flags.protocol = value as RecoveryProtocol;
    } else {
      try {
        flags.symbols = new RegExp(value);
      } catch {
        return fail(`invalid regular expression in -s: ${value}`);
      }
    }
  }
  return { flags, rest };
}

/** The file `go build` would write: prog.wasm for wasm, prog.o for an object. */
export function defaultOutput(goFile: string, arch: string): string {
  const base = basename(goFile).replace(/\.go$/, "");
  return arch === "wasm" ? `${base}.wasm` : `${base}.o`;
}
