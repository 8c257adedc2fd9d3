// The runtime core's own suite (test/runtime/), on hand-built images, stacks
// and records, run on the TypeScript core: the harness's Machine is swapped
// for one that instantiates createRuntime where it would instantiate
// build/runtime.wasm; everything else about the tests is unchanged.

import { vi } from "vitest";

vi.mock("../runtime/harness.js", async (importOriginal) => {
  const harness = await importOriginal<typeof import("../runtime/harness.js")>();
  const { createRuntime } = await import("../../host/runtime-ts/index.js");
  const { NO_TEST_DRIVER, RUNTIME_FUNCS } = await import("../../host/runtime-imports.js");

  class TsMachine extends harness.Machine {
    override async instantiate(): Promise<void> {
      const host = {
        write: (fd: number, p: number, n: number) => {
          if (fd === 2) this.stderr += Buffer.from(this.bytes(p, n)).toString("latin1");
        },
        exit: (code: number): never => {
          throw new harness.ExitError(code);
        },
        nanotime: () => BigInt(Math.round(performance.now() * 1e6)),
        ...NO_TEST_DRIVER,
      };
      this.rt = createRuntime({ memory: this.memory, table: this.table, host }) as never;
      for (const f of RUNTIME_FUNCS) {
        if (f.export !== undefined) this.table.set(f.slot, this.rt[f.export] as never);
      }
    }
  }
  return { ...harness, Machine: TsMachine };
});

await import("../runtime/defer.test.js");
await import("../runtime/opendefer.test.js");
await import("../runtime/panic.test.js");
await import("../runtime/print.test.js");
await import("../runtime/program.test.js");
await import("../runtime/stack.test.js");
await import("../runtime/values.test.js");
