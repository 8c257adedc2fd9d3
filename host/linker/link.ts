// The linker's driver, as Go's cmd/link main: load the symbols, compute the
// function-table facts (pcln), lay out the image (symtab, pcln, data),
// relocate, and write the wasm module (wasmobj).

import { alignUp, dodata, Image, relocdata } from "./data.js";
import type { ObjFile } from "./obj.js";
import { pclnFuncs, pclntab } from "./pcln.js";
import { SymbolTable } from "./sym.js";
import { allocModuledata, writeModuledata } from "./symtab.js";
import { asmb } from "./wasmobj.js";

export { LinkError } from "./sym.js";

export interface LinkResult {
  wasm: Uint8Array<ArrayBuffer>;
  tableSize: number;
  memoryPages: number;
  /** First byte after the image: where the heap starts. */
  imageEnd: number;
  /** Table index and deferreturn offset of each function, by symbol name. */
  funcs: Map<string, { tableIndex: number; deferreturn: number }>;
  /** Address of each data symbol. */
  data: Map<string, number>;
}

/** Links one package into a program module; throws LinkError on bad input. */
export function link(obj: ObjFile): LinkResult {
  const syms = new SymbolTable(obj);
  pclnFuncs(syms);
  syms.exitIfErrors();

  const img = new Image();
  const moduledata = allocModuledata(img);
  const { functab, filetab } = pclntab(img, syms);
  dodata(img, syms);
  relocdata(img, syms);
  const heapStart = alignUp(img.end, 16);
  writeModuledata(img, moduledata, {
    nfunctab: syms.tableSize,
    functab,
    heapStart,
    mainIndex: obj.mainSym === undefined ? 0 : syms.tableIndex(obj.mainSym, "moduledata"),
    initIndex: obj.initSym === undefined ? 0 : syms.tableIndex(obj.initSym, "moduledata"),
    initTask: obj.initTaskSym === undefined ? 0 : syms.dataAddr(obj.initTaskSym, "moduledata"),
    testTab: obj.testTabSym === undefined ? 0 : syms.dataAddr(obj.testTabSym, "moduledata"),
    rtTypes: syms.dataAddr(obj.rtTypesSym, "moduledata"),
    stackSize: obj.stackSize,
    filetab,
  });

  const { wasm, memoryPages } = asmb(syms, img.contents(), heapStart);
  syms.exitIfErrors();
  return {
    wasm,
    tableSize: syms.tableSize,
    memoryPages,
    imageEnd: heapStart,
    funcs: new Map([...syms.funcs].map(([n, f]) => [n, { tableIndex: f.tableIndex, deferreturn: f.deferreturn }])),
    data: new Map([...syms.data].map(([n, d]) => [n, d.addr])),
  };
}
