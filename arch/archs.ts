// Every architecture deferlab targets, by GOARCH name: wasm, which runs, and
// the encode-only machine architectures that have a lowering. An
// architecture joins by adding its MachineArch here (arch/README.md).

import { i386Arch } from "./386/ssa.js";
import { amd64Arch } from "./amd64/ssa.js";
import { armArch } from "./arm/ssa.js";
import { arm64Arch } from "./arm64/ssa.js";
import type { MachineArch } from "./arch.js";
import { loong64Arch } from "./loong64/ssa.js";
import { mipsArch } from "./mips/ssa.js";
import { mips64Arch } from "./mips64/ssa.js";
import { ppc64Arch } from "./ppc64/ssa.js";
import { riscv64Arch } from "./riscv64/ssa.js";
import { s390xArch } from "./s390x/ssa.js";

export const MACHINE_ARCHS: ReadonlyMap<string, MachineArch> = new Map([amd64Arch, i386Arch, armArch, arm64Arch, ppc64Arch, s390xArch, riscv64Arch, mipsArch, mips64Arch, loong64Arch].map((a) => [a.name, a]));

/** GOARCH names `--arch` accepts. */
export const ARCH_NAMES: readonly string[] = ["wasm", ...MACHINE_ARCHS.keys()];

/** A message for an --arch value that names no architecture. */
export function unknownArch(name: string): string {
  return `unsupported GOARCH ${JSON.stringify(name)} (supported: ${ARCH_NAMES.join(", ")})`;
}
