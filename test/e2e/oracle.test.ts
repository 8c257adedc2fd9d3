// With DEFERLAB_ORACLE_CHECK=1 and Go installed, checks that the committed
// expected files are what scripts/go-oracle.mjs produces from real Go now.
// Off by default: it builds every program several times.

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./corpus.js";

const enabled = process.env.DEFERLAB_ORACLE_CHECK === "1";
const haveGo = enabled && spawnSync("go", ["version"], { encoding: "utf8" }).status === 0;

describe("expected files against the Go oracle", () => {
  it.skipIf(!enabled)("are up to date (DEFERLAB_ORACLE_CHECK=1)", (ctx) => {
    if (!haveGo) {
      ctx.skip("go is not installed");
      return;
    }
    const r = spawnSync(process.execPath, [join(repoRoot, "scripts", "go-oracle.mjs"), "--check"], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(r.stderr.split("\n").filter((l) => l.startsWith("warning:"))).toEqual([]);
    expect(r.stdout.split("\n").filter((l) => l.startsWith("differs:"))).toEqual([]);
    expect(r.status).toBe(0);
  }, 600_000);
});
