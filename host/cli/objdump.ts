// `deferlab objdump`: each function of an object as `go tool objdump`
// prints it (TEXT line, then file:line, address, encoding and Go-syntax
// instruction per line), with the defer machinery pointed out in a comment
// column and the function table's deferreturn offset shown at its call.

import type { DeferMark } from "../../arch/machine/func.js";
import type { MachineObject, PlacedFunc } from "../linker/machine.js";

const MARK_NAMES: Record<DeferMark, string> = {
  stackcheck: "stack check",
  morestack: "morestack",
  deferrecord: "_defer record",
  deferprocStack: "deferprocStack",
  deferproc: "deferproc",
  deferreturn: "deferreturn",
  deferbits: "deferBits",
  "opendefer-exit": "open-coded defer exit",
  recovery: "recovery branch (return1)",
};

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function bytesHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/** One function: its TEXT line and its instructions. */
export function formatFunc(f: PlacedFunc, file: string): string {
  const lines = [`TEXT ${f.sym}(SB) ${file}`];
  for (const e of f.fn.listing) {
    const notes: string[] = [];
    if (e.mark) notes.push(MARK_NAMES[e.mark]);
    if (f.deferreturn !== 0 && e.pc === f.deferreturn) notes.push(`deferreturn offset ${hex(f.deferreturn)}`);
    if (e.target !== undefined) notes.push(`to ${hex(f.addr + e.target)}`);
    const comment = notes.length > 0 ? `\t// ${notes.join("; ")}` : "";
    lines.push(`  ${file}:${e.line}\t${hex(f.addr + e.pc)}\t${bytesHex(e.bytes)}\t${e.text}${comment}`);
  }
  return lines.join("\n");
}

/** Every function of the object whose name matches `symbols` (all without it), blank lines between. */
export function formatObjdump(obj: MachineObject, file: string, symbols?: RegExp): string {
  const funcs = obj.funcs.filter((f) => !symbols || symbols.test(f.fn.name));
  return funcs.map((f) => formatFunc(f, file)).join("\n\n") + (funcs.length > 0 ? "\n" : "");
}
