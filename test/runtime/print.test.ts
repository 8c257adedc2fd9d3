import { beforeEach, describe, expect, it } from "vitest";
import { Machine } from "./harness.js";

let m: Machine;
beforeEach(async () => {
  m = new Machine();
  await m.instantiate();
});

type Fn = (...a: unknown[]) => unknown;
const call = (name: string, ...args: unknown[]) => (m.rt[name] as unknown as Fn)(...args);

describe("print", () => {
  it("prints min and max int64 and max uint64 as Go does", () => {
    call("printint", -9223372036854775808n);
    call("printsp");
    call("printint", 9223372036854775807n);
    call("printsp");
    call("printuint", -1n);
    call("printsp");
    call("printint", 0n);
    call("printnl");
    expect(m.stderr).toBe("-9223372036854775808 9223372036854775807 18446744073709551615 0\n");
  });

  it("prints hex, pointers, bools, strings and interfaces", () => {
    const s = m.str("héllo");
    call("printhex", 0n);
    call("printsp");
    call("printhex", 255n);
    call("printsp");
    call("printhex", -1n);
    call("printsp");
    call("printpointer", 0);
    call("printsp");
    call("printbool", 1);
    call("printbool", 0);
    call("printsp");
    call("printstring", s.ptr, s.len);
    call("printsp");
    call("printeface", 0x45c0c0, 0x47b840);
    call("printiface", 0, 0);
    expect(Buffer.from(m.stderr, "latin1").toString("utf8")).toBe(
      "0x0 0xff 0xffffffffffffffff 0x0 truefalse héllo (0x45c0c0,0x47b840)(0x0,0x0)",
    );
  });
});
