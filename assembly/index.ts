// The runtime core's exports: the entry points compiled programs import
// (docs/abi.md section 12), start, and the Error methods of the runtime's
// error types, which the loader puts in their fixed table slots.

export {
  deferproc, deferprocStack, deferreturn, gopanic, gorecover, panicIndex,
  panicdivide, panicmem, panicshift,
} from "./panic";
export {
  assertE2I, assertE2I2, efaceeq, panicdottypeE, panicdottypeI,
  panicnildottype,
} from "./iface";
export { newobject } from "./malloc";
export { concatstrings, cmpstring, decoderune, intstring } from "./string";
export {
  printbool, printeface, printhex, printiface, printint, printnl,
  printpointer, printsp, printstring, printuint,
} from "./print";
export { morestack } from "./stack";
export { start, testinit } from "./proc";
export {
  Fail, FailNow, Failed, Helper, Name, ReportAllocs, ResetTimer, Run, SkipNow,
  Skipped, StartTimer, StopTimer, tRunner, testlog,
} from "./testing";
export {
  TypeAssertionError_Error, boundsError_Error, errorString_Error,
  plainError_Error,
} from "./error";
