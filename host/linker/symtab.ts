// The moduledata header at the start of the image, as Go's linker writes
// runtime.firstmoduledata in symtab.go: where the runtime finds the function
// table, the file table, the runtime type block and the heap.

import {
  IMAGE_MAGIC,
  IMAGE_VERSION,
  MD_FILETAB,
  MD_FUNCTAB,
  MD_HEAPSTART,
  MD_INITINDEX,
  MD_MAGIC,
  MD_MAININDEX,
  MD_NFUNCTAB,
  MD_INITTASK,
  MD_TESTTAB,
  MD_RTTYPES,
  MD_SIZE,
  MD_STACKSIZE,
  MD_VERSION,
} from "../../assembly/layout.js";
import type { Image } from "./data.js";

export interface Moduledata {
  nfunctab: number;
  functab: number;
  heapStart: number;
  mainIndex: number;
  initIndex: number;
  initTask: number;
  testTab: number;
  rtTypes: number;
  stackSize: number;
  filetab: number;
}

/** Reserves the header; it must be the image's first allocation. */
export function allocModuledata(img: Image): number {
  return img.alloc(MD_SIZE, 16);
}

export function writeModuledata(img: Image, at: number, md: Moduledata): void {
  const fields: [number, number][] = [
    [MD_MAGIC, IMAGE_MAGIC],
    [MD_VERSION, IMAGE_VERSION],
    [MD_NFUNCTAB, md.nfunctab],
    [MD_FUNCTAB, md.functab],
    [MD_HEAPSTART, md.heapStart],
    [MD_MAININDEX, md.mainIndex],
    [MD_INITINDEX, md.initIndex],
    [MD_INITTASK, md.initTask],
    [MD_TESTTAB, md.testTab],
    [MD_RTTYPES, md.rtTypes],
    [MD_STACKSIZE, md.stackSize],
    [MD_FILETAB, md.filetab],
  ];
  for (const [off, v] of fields) img.putU32(at + off, v);
}
