// The four systems the suite runs on, in the order tables and charts show them.

export type SystemId = "deferlab-wasm" | "deferlab-ts" | "go-wasm" | "go-native";

export interface SystemInfo {
  id: SystemId;
  label: string;
  /** Bar colour in the chart. */
  color: string;
}

export const SYSTEMS: readonly SystemInfo[] = [
  { id: "deferlab-wasm", label: "deferlab, wasm core", color: "#1f77b4" },
  { id: "deferlab-ts", label: "deferlab, TypeScript core", color: "#9467bd" },
  { id: "go-wasm", label: "Go, GOOS=js GOARCH=wasm", color: "#ff7f0e" },
  { id: "go-native", label: "Go, native", color: "#2ca02c" },
];

export const DEFERLAB_SYSTEMS: readonly SystemId[] = ["deferlab-wasm", "deferlab-ts"];
