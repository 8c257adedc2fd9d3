// The function table and its side tables, as Go's cmd/link writes them in
// pcln.go: per function its name, file and line, frame and args sizes, the
// deferreturn offset, the pc->line table, the frame pointer map and the
// open-coded defer funcdata (docs/abi.md section 8).

import {
  FRAME_ALIGN,
  FUNCFLAG_OPENDEFERS,
  FUNCFLAG_RUNTIME,
  FUNCFLAG_TOPFRAME,
  FUNCFLAG_WRAPPER,
  FUNC_ABI0,
  FUNC_ARGSSIZE,
  FUNC_DEFERRETURN,
  FUNC_FILE,
  FUNC_FLAGS,
  FUNC_FRAMESIZE,
  FUNC_LINE,
  FUNC_NAMELEN,
  FUNC_NAMEPTR,
  FUNC_OPENDEFER,
  FUNC_PCLINE,
  FUNC_PTRMAP,
  FUNC_SIZE,
  PC_SITE_MASK,
  RUNTIME_FRAME_SIZE,
} from "../../assembly/layout.js";
import { RUNTIME_FUNCS } from "../runtime-imports.js";
import type { Image } from "./data.js";
import { symName, type FuncSym } from "./obj.js";
import type { ProgramFunc, SymbolTable } from "./sym.js";

/** The architecture families (Go's sys.ArchFamily) whose call encodings the deferreturn rule knows. */
export type ArchFamily = "wasm" | "amd64" | "386" | "arm" | "arm64" | "loong64" | "mips" | "mips64" | "ppc64" | "riscv64" | "s390x";

interface DeferReturnAdjust {
  /** Added to the relocation's offset to reach the start of the call. */
  always: number;
  /** Further adjustment in shared and plugin build modes. */
  shared?: number;
}

// The relocation of a call sits inside the call instruction; recovery must
// resume at the instruction's first byte (seed 000).
const DEFERRETURN_ADJUST: Record<ArchFamily, DeferReturnAdjust> = {
  // The call-site number saved before the call is itself the PC's low part
  // that recovery resumes at (docs/abi.md section 6).
  wasm: { always: 0 },
  // CALL rel32: the relocation covers bytes 1..5 of the instruction.
  amd64: { always: -1 },
  // As amd64; shared code first loads the GOT with a 5-byte CALL of
  // __x86.get_pc_thunk and a 6-byte LEAL, and recovery must redo both.
  "386": { always: -1, shared: -11 },
  // BRASL: the relocation covers the immediate after a 2-byte opcode.
  s390x: { always: -2 },
  // The relocation starts at the call instruction itself.
  arm: { always: 0 },
  arm64: { always: 0 },
  loong64: { always: 0 },
  mips: { always: 0 },
  mips64: { always: 0 },
  ppc64: { always: 0 },
  riscv64: { always: 0 },
};

/**
 * The deferreturn offset recorded in the function table, given where the
 * relocation of the function's deferreturn call lies.
 */
export function computeDeferReturn(arch: ArchFamily, relocOffset: number, sharedMode = false): number {
  const adj = DEFERRETURN_ADJUST[arch];
  return relocOffset + adj.always + (sharedMode ? (adj.shared ?? 0) : 0);
}

const DEFERRETURN_SYM = "runtime.deferreturn";

/**
 * The call-site number of the first call to runtime.deferreturn: the site
 * whose PC the function saves last before that call, as Go's linker takes
 * the resume point preceding the call on wasm. 0 without such a call.
 */
export function deferReturnCallSite(f: FuncSym, syms: SymbolTable): number {
  const self = symName(f);
  let lastSite = 0;
  for (const ins of f.code) {
    if (ins.op === "i32.const" && ins.reloc?.kind === "pc" && ins.reloc.sym === self) {
      lastSite = ins.reloc.add;
    } else if (ins.op === "call" && ins.sym === DEFERRETURN_SYM) {
      if (lastSite === 0) syms.errorf(`${self}: call to ${DEFERRETURN_SYM} without a saved PC before it`);
      return lastSite;
    }
  }
  return 0;
}

/** Checks call sites and computes each program function's deferreturn offset. */
export function pclnFuncs(syms: SymbolTable): void {
  for (const [name, pf] of syms.funcs) {
    const f = pf.sym;
    if (f.siteLines.length > PC_SITE_MASK) {
      syms.errorf(`${name}: too many call sites (${f.siteLines.length}, at most ${PC_SITE_MASK})`);
    }
    if (f.frameSize % FRAME_ALIGN !== 0) {
      syms.errorf(`${name}: frame size ${f.frameSize} is not a multiple of ${FRAME_ALIGN}`);
    }
    const site = deferReturnCallSite(f, syms);
    pf.deferreturn = site === 0 ? 0 : computeDeferReturn("wasm", site);
    if (pf.deferreturn !== f.deferreturnSite) {
      syms.errorf(
        `${name}: deferreturn call is call site ${pf.deferreturn} in the code but ${f.deferreturnSite} in the symbol`,
      );
    }
  }
}

/** One function-table entry before its side tables have addresses. */
interface FuncEntry {
  slot: number;
  name: string;
  file: string;
  line: number;
  frameSize: number;
  argsSize: number;
  deferreturn: number;
  abi0: number;
  flags: number;
  /** Line of the entry, then of each call site. */
  pcline?: number[];
  ptrmap?: Uint8Array;
  opendefer?: Uint8Array;
}

function runtimeEntries(): FuncEntry[] {
  return RUNTIME_FUNCS.map((rf) => ({
    slot: rf.slot,
    name: rf.name,
    file: rf.file,
    line: 0,
    // The Error methods run as runtime code and leave no Go frame behind.
    frameSize: rf.export === undefined ? RUNTIME_FRAME_SIZE : 0,
    argsSize: 0,
    deferreturn: 0,
    abi0: 0,
    flags: FUNCFLAG_RUNTIME | (rf.topframe ? FUNCFLAG_TOPFRAME : 0),
  }));
}

function programEntry(name: string, pf: ProgramFunc, syms: SymbolTable): FuncEntry {
  const f = pf.sym;
  return {
    slot: pf.tableIndex,
    name: f.name,
    file: f.file,
    line: f.line,
    frameSize: f.frameSize,
    argsSize: f.argsSize,
    deferreturn: pf.deferreturn,
    abi0: f.abi0Wrapper === undefined ? 0 : syms.tableIndex(f.abi0Wrapper, name),
    flags: (f.wrapper ? FUNCFLAG_WRAPPER : 0) | (f.openDeferInfo ? FUNCFLAG_OPENDEFERS : 0),
    pcline: [f.line, ...f.siteLines],
    ptrmap: f.ptrmap === undefined ? undefined : ptrmapBytes(name, f, syms),
    opendefer: f.openDeferInfo,
  };
}

/** `u32 nwords`, then one bit per 4-byte frame word. */
function ptrmapBytes(name: string, f: FuncSym, syms: SymbolTable): Uint8Array {
  const nwords = f.frameSize / 4;
  const bitmapLen = Math.ceil(nwords / 8);
  const bits = f.ptrmap!;
  if (bits.length > bitmapLen) {
    syms.errorf(`${name}: pointer map has ${bits.length} bytes for a ${f.frameSize}-byte frame`);
  }
  const out = new Uint8Array(4 + bitmapLen);
  new DataView(out.buffer).setUint32(0, nwords, true);
  out.set(bits.subarray(0, bitmapLen), 4);
  return out;
}

export interface Pclntab {
  functab: number;
  filetab: number;
}

const utf8 = new TextEncoder();

/**
 * Writes the function table and, after it in this order, the names, the
 * file table, the pc-line arrays, the pointer maps and the open-coded defer
 * funcdata.
 */
export function pclntab(img: Image, syms: SymbolTable): Pclntab {
  const entries = [...runtimeEntries(), ...[...syms.funcs].map(([name, pf]) => programEntry(name, pf, syms))];
  const functab = img.alloc(syms.tableSize * FUNC_SIZE, 4);
  const at = (e: FuncEntry, field: number) => functab + e.slot * FUNC_SIZE + field;

  for (const e of entries) {
    const name = utf8.encode(e.name);
    img.putU32(at(e, FUNC_NAMEPTR), img.put(name, 1));
    img.putU32(at(e, FUNC_NAMELEN), name.length);
  }
  const { filetab, fileIndex } = writeFiletab(img, entries);
  for (const e of entries) {
    if (e.pcline) img.putU32(at(e, FUNC_PCLINE), img.put(u32Array(e.pcline), 4));
  }
  for (const e of entries) {
    if (e.ptrmap) img.putU32(at(e, FUNC_PTRMAP), img.put(e.ptrmap, 4));
  }
  for (const e of entries) {
    if (e.opendefer) img.putU32(at(e, FUNC_OPENDEFER), img.put(e.opendefer, 1));
  }
  for (const e of entries) {
    img.putU32(at(e, FUNC_FILE), fileIndex.get(e.file)!);
    img.putU32(at(e, FUNC_LINE), e.line);
    img.putU32(at(e, FUNC_FRAMESIZE), e.frameSize);
    img.putU32(at(e, FUNC_ARGSSIZE), e.argsSize);
    img.putU32(at(e, FUNC_DEFERRETURN), e.deferreturn);
    img.putU32(at(e, FUNC_ABI0), e.abi0);
    img.putU32(at(e, FUNC_FLAGS), e.flags);
  }
  return { functab, filetab };
}

/** The file table: `{ptr, len}` per distinct file, in first-use order. */
function writeFiletab(img: Image, entries: FuncEntry[]): { filetab: number; fileIndex: Map<string, number> } {
  const fileIndex = new Map<string, number>();
  for (const e of entries) if (!fileIndex.has(e.file)) fileIndex.set(e.file, fileIndex.size);
  const filetab = img.alloc(fileIndex.size * 8, 4);
  for (const [file, i] of fileIndex) {
    const bytes = utf8.encode(file);
    img.putU32(filetab + i * 8, img.put(bytes, 1));
    img.putU32(filetab + i * 8 + 4, bytes.length);
  }
  return { filetab, fileIndex };
}

function u32Array(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v, true));
  return out;
}
