// Symbol loading: every function and data symbol of the object file gets
// its identity here (table index for functions), duplicates are rejected,
// and later phases record what they compute (deferreturn offsets, data
// addresses). Lookups that fail are collected, as Go's linker collects
// undefined relocation targets, and reported together.

import { FIRST_PROGRAM_FUNC } from "../../assembly/layout.js";
import { RUNTIME_FUNCS, type RuntimeFunc } from "../runtime-imports.js";
import { symName, type DataSym, type FuncSym, type ObjFile } from "./obj.js";

/** A problem in the object file that stops the link; one message per line. */
export class LinkError extends Error {
  constructor(readonly messages: readonly string[]) {
    super(messages.join("\n"));
    this.name = "LinkError";
  }
}

export interface ProgramFunc {
  sym: FuncSym;
  tableIndex: number;
  /** Call-site number of the deferreturn call (pcln phase), 0 if none. */
  deferreturn: number;
}

export interface PlacedData {
  sym: DataSym;
  /** Absolute address in the image (data phase). */
  addr: number;
}

export class SymbolTable {
  readonly funcs = new Map<string, ProgramFunc>();
  readonly runtimeFuncs = new Map<string, RuntimeFunc>();
  readonly data = new Map<string, PlacedData>();
  readonly tableSize: number;
  private readonly errors = new Set<string>();

  constructor(obj: ObjFile) {
    for (const rf of RUNTIME_FUNCS) this.runtimeFuncs.set(rf.name, rf);
    obj.funcs.forEach((f, i) => {
      const name = symName(f);
      if (this.defines(name)) this.errorf(`duplicated definition of symbol ${name}`);
      this.funcs.set(name, { sym: f, tableIndex: FIRST_PROGRAM_FUNC + i, deferreturn: 0 });
    });
    for (const d of obj.data) {
      if (this.defines(d.name)) this.errorf(`duplicated definition of symbol ${d.name}`);
      this.data.set(d.name, { sym: d, addr: 0 });
    }
    this.tableSize = FIRST_PROGRAM_FUNC + obj.funcs.length;
  }

  private defines(name: string): boolean {
    return this.funcs.has(name) || this.data.has(name) || this.runtimeFuncs.has(name);
  }

  errorf(msg: string): void {
    this.errors.add(msg);
  }

  /** Ends the link if any phase so far reported a problem. */
  exitIfErrors(): void {
    if (this.errors.size > 0) throw new LinkError([...this.errors]);
  }

  /** Table index of a program or runtime function; `user` names the referrer. */
  tableIndex(name: string, user: string): number {
    const f = this.funcs.get(name);
    if (f) return f.tableIndex;
    const rf = this.runtimeFuncs.get(name);
    if (rf) return rf.slot;
    this.undefined(name, user);
    return 0;
  }

  programFunc(name: string, user: string): ProgramFunc | undefined {
    const f = this.funcs.get(name);
    if (!f) this.undefined(name, user);
    return f;
  }

  dataAddr(name: string, user: string): number {
    const d = this.data.get(name);
    if (d) return d.addr;
    if (this.funcs.has(name) || this.runtimeFuncs.has(name)) {
      this.errorf(`${user}: relocation target ${name} is a function, which has no address`);
    } else {
      this.undefined(name, user);
    }
    return 0;
  }

  undefined(name: string, user: string): void {
    this.errorf(`${user}: relocation target ${name} not defined`);
  }
}
