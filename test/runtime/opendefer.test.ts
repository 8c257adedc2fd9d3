import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as L from "../../assembly/layout.js";
import { ExitError, FIRST_FUNC, Machine } from "./harness.js";
import { F, boot, pushFrame } from "./fixtures.js";

type Fn = (...a: unknown[]) => unknown;

interface Arg { offset: number; size: number; callOffset: number }
interface Defer { argWidth: number; closureOffset: number; args: Arg[] }
interface Vector { name: string; info: { maxargsize: number; deferBitsOffset: number; defers: Defer[] }; bytes: number[] }

const vectors: Vector[] = JSON.parse(readFileSync(new URL("../vectors/funcdata.json", import.meta.url), "utf8"));

const OPEN = FIRST_FUNC + 13;
const OPEN2 = FIRST_FUNC + 14;
const DEFERRETURN_SITE = 9;

function openFunc(m: Machine, index: number, name: string, n: number, fd: number[]): void {
  m.func(index, {
    name, frameSize: n, flags: L.FUNCFLAG_OPENDEFERS, opendefer: m.data(fd),
    deferreturn: DEFERRETURN_SITE, lines: [50, 51, 52, 53, 54, 55, 56, 57, 58, 59],
  });
}

/** Funcdata for defers that take no args, at the given closure offsets. */
function noArgsInfo(closureOffsets: number[]): number[] {
  return [0, 1, closureOffsets.length, ...[...closureOffsets].reverse().flatMap((c) => [0, c, 0])];
}

const pattern = (i: number, j: number, k: number) => (i * 31 + j * 7 + k * 13 + 1) & 255;

describe("open-coded defers run by a panic", () => {
  for (const v of vectors) {
    it(`decodes the shared vector: ${v.name}`, async () => {
      const offsets = v.info.defers.flatMap((d) => [d.closureOffset, ...d.args.map((a) => a.offset)]);
      const n = (Math.max(v.info.deferBitsOffset, ...offsets) + 15) & -8;
      let funcvals: number[] = [];
      const { m, t } = await boot((m) => {
        openFunc(m, OPEN, "main.open", n, v.bytes);
        funcvals = v.info.defers.map(() => m.funcval(F.rec));
      }, n + 0x10000);
      const sp = pushFrame(m, OPEN, 2, n);
      const varp = sp + n;
      const defers = v.info.defers;
      m.u8(varp - v.info.deferBitsOffset, (1 << defers.length) - 1);
      defers.forEach((d, i) => {
        m.u32(varp - d.closureOffset, funcvals[i]);
        d.args.forEach((a, j) => {
          for (let k = 0; k < a.size; k++) m.u8(varp - a.offset + k, pattern(i, j, k));
        });
      });
      const calls: number[] = [];
      m.onlog = (ctx, argp) => {
        const i = funcvals.indexOf(ctx);
        calls.push(i);
        defers[i].args.forEach((a, j) => {
          const got = m.bytes(argp + a.callOffset, a.size);
          expect(Array.from(got)).toEqual(Array.from({ length: a.size }, (_, k) => pattern(i, j, k)));
        });
      };
      const r = m.call(() => (m.rt.gopanic as Fn)(t.string, m.boxString("boom")));
      expect(r).toBeInstanceOf(ExitError);
      expect(calls).toEqual(defers.map((_, i) => i).reverse());
      expect(m.u8(varp - v.info.deferBitsOffset)).toBe(0);
      expect(m.stderr).toBe("panic: boom\n\ngoroutine 1 [running]:\nmain.open()\n\t/tmp/x.go:52 +0x2\n");
    });
  }

  it("stops at a recovering defer and leaves the rest to the frame's deferreturn", async () => {
    let fv: number[] = [];
    const { m, t, recoverer } = await boot((m) => {
      openFunc(m, OPEN, "main.open", 64, noArgsInfo([8, 12, 16]));
      fv = [m.funcval(F.rec), 0, m.funcval(F.rec)];
    });
    fv[1] = recoverer;
    const sp = pushFrame(m, OPEN, 3, 64);
    const varp = sp + 64;
    m.u8(varp - 1, 7);
    [8, 12, 16].forEach((off, i) => m.u32(varp - off, fv[i]));
    const box = m.boxString("boom");
    (m.rt.gopanic as Fn)(t.string, box);
    expect(m.log).toEqual([[fv[2], m.log[0][1]], [t.string, box]]);
    expect(m.g(L.G_UNWINDING)).toBe(1);
    expect(m.g(L.G_UNWINDSP)).toBe(sp);
    expect(m.u8(varp - 1)).toBe(1);
    // The frame's record stays, pointing at its deferreturn call.
    const d = m.g(L.G_DEFER);
    expect(d).not.toBe(0);
    expect(m.u8(d + L.DEFER_OPENDEFER)).toBe(1);
    expect(m.u32(d + L.DEFER_SP)).toBe(sp);
    expect(m.u32(d + L.DEFER_VARP)).toBe(varp);
    expect(m.u32(d + L.DEFER_PC)).toBe((OPEN << 16) + DEFERRETURN_SITE);
    expect(m.u32(d + L.DEFER_FN)).toBe(0);
    // The frame resumes at its deferreturn block.
    m.g(L.G_UNWINDING, 0);
    m.u32(sp, (OPEN << 16) | DEFERRETURN_SITE);
    (m.rt.deferreturn as Fn)();
    expect(m.log.map((e) => e[0])).toEqual([fv[2], t.string, fv[0]]);
    expect(m.u8(varp - 1)).toBe(0);
    expect(m.g(L.G_DEFER)).toBe(0);
    expect(m.g(L.G_SP)).toBe(sp);
  });

  it("scans frame after frame, innermost first, skipping frames without defers", async () => {
    let fv: number[] = [];
    const { m, t } = await boot((m) => {
      openFunc(m, OPEN, "main.outer", 64, noArgsInfo([8, 12]));
      openFunc(m, OPEN2, "main.inner", 32, noArgsInfo([8]));
      fv = [m.funcval(F.rec), m.funcval(F.rec), m.funcval(F.rec)];
    });
    const outer = pushFrame(m, OPEN, 1, 64);
    m.u8(outer + 64 - 1, 3);
    m.u32(outer + 64 - 8, fv[0]);
    m.u32(outer + 64 - 12, fv[1]);
    const inner = pushFrame(m, OPEN2, 1, 32);
    m.u8(inner + 32 - 1, 1);
    m.u32(inner + 32 - 8, fv[2]);
    pushFrame(m, F.g, 1, 32);
    const r = m.call(() => (m.rt.gopanic as Fn)(t.string, m.boxString("boom")));
    expect(r).toBeInstanceOf(ExitError);
    expect(m.log.map((e) => e[0])).toEqual([fv[2], fv[1], fv[0]]);
    expect(m.stderr).toBe(
      "panic: boom\n\ngoroutine 1 [running]:\nmain.g()\n\t/tmp/x.go:21 +0x1\n" +
        "main.inner()\n\t/tmp/x.go:51 +0x1\nmain.outer()\n\t/tmp/x.go:51 +0x1\n",
    );
  });
});
