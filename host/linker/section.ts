// The `deferlab` custom section of a program module: what the loader must
// create (memory, table) before it can instantiate anything. The linker
// writes it, the loader reads it; both use this file.

export const DEFERLAB_SECTION = "deferlab";
export const DEFERLAB_FORMAT = 1;

export interface DeferlabInfo {
  format: number;
  /** Entries the shared function table needs. */
  tableSize: number;
  /** Initial pages of the shared memory. */
  memoryPages: number;
  /** First byte after the program image (the heap starts here). */
  imageEnd: number;
}

export function encodeDeferlabInfo(info: Omit<DeferlabInfo, "format">): Uint8Array {
  const record: DeferlabInfo = { format: DEFERLAB_FORMAT, ...info };
  return new TextEncoder().encode(JSON.stringify(record));
}

/** Parses the section, explaining what is wrong with one that does not fit. */
export function decodeDeferlabInfo(bytes: ArrayBuffer | Uint8Array): DeferlabInfo {
  let record: unknown;
  try {
    record = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error(`the ${DEFERLAB_SECTION} section is not valid JSON`);
  }
  const r = record as Partial<Record<keyof DeferlabInfo, unknown>>;
  if (typeof record !== "object" || record === null || r.format !== DEFERLAB_FORMAT) {
    throw new Error(
      `the program was linked for ${DEFERLAB_SECTION} format ${String(r?.format)}; this loader reads format ${DEFERLAB_FORMAT}`,
    );
  }
  for (const key of ["tableSize", "memoryPages", "imageEnd"] as const) {
    const v = r[key];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
      throw new Error(`the ${DEFERLAB_SECTION} section has no valid ${key}`);
    }
  }
  return r as DeferlabInfo;
}
