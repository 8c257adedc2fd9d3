// Build step for the runtime core: gives the functions of the ABI that return
// two values (docs/abi.md sections 8 and 12) their real multi-value wasm
// signatures. AssemblyScript functions return one value, so the core writes
// them returning an i64 that packs (first | second << 32); this transform
// wraps each such export in a function returning (i32, i32), and defines the
// imports declared in assembly/stubs.ts that call a two-result function
// through the table.

/** Exports whose i64 result is a packed (i32, i32) pair. */
const PAIR_EXPORTS = [
  "gorecover",
  "concatstrings",
  "intstring",
  "decoderune",
  "Name",
  "boundsError_Error",
  "errorString_Error",
  "plainError_Error",
  "TypeAssertionError_Error",
];

/** Module of the imports that stubs.ts declares and this transform defines. */
const STUBS_MODULE = "stubs";

export default class MultiValue {
  afterCompile(module) {
    // Binaryen's optimizer does not handle these tuples, so the rewrite
    // waits until asc emits the optimized module.
    const binaryen = this.binaryen;
    const emitBinary = module.emitBinary;
    let done = false;
    module.emitBinary = function (...args) {
      if (!done) {
        rewrite(binaryen, module);
        done = true;
      }
      return emitBinary.apply(module, args);
    };
  }
}

function rewrite(binaryen, module) {
  module.setFeatures(module.getFeatures() | binaryen.Features.Multivalue);
  const pair = binaryen.createType([binaryen.i32, binaryen.i32]);
  for (const name of PAIR_EXPORTS) wrapPairExport(binaryen, module, name, pair);
  defineCallPair(binaryen, module, pair);
  if (!module.validate()) throw new Error("multivalue: invalid module after rewrite");
}

/** Splits an i64 into the (low, high) i32 tuple it packs. */
function unpack(binaryen, module, packed) {
  return module.tuple.make([
    module.i32.wrap(packed),
    module.i32.wrap(module.i64.shr_u(packed, module.i64.const(32n))),
  ]);
}

function wrapPairExport(binaryen, module, name, pair) {
  const exp = module.getExport(name);
  if (exp === 0) throw new Error(`multivalue: no export ${name}`);
  const internal = binaryen.getExportInfo(exp).value;
  const info = binaryen.getFunctionInfo(module.getFunction(internal));
  const params = binaryen.expandType(info.params);
  const args = params.map((t, i) => module.local.get(i, t));
  const packedLocal = params.length;
  const body = module.block(null, [
    module.local.set(packedLocal, module.call(internal, args, binaryen.i64)),
    unpack(binaryen, module, module.local.get(packedLocal, binaryen.i64)),
  ], pair);
  const wrapper = `${internal}$pair`;
  module.addFunction(wrapper, info.params, pair, [binaryen.i64], body);
  module.removeExport(name);
  module.addFunctionExport(wrapper, name);
}

/**
 * callPair(index, ctx, arg) calls table[index] with the itab-method
 * signature (i32, i32) -> (i32, i32) and returns the pair packed.
 */
function defineCallPair(binaryen, module, pair) {
  const name = findImport(binaryen, module, STUBS_MODULE, "callPair");
  if (name === null) return;
  const table = binaryen.getTableInfo(module.getTableByIndex(0)).name;
  const i32 = binaryen.i32;
  const params = binaryen.createType([i32, i32, i32]);
  const result = 3;
  const ext = (i) => module.i64.extend_u(module.tuple.extract(module.local.get(result, pair), i));
  const body = module.block(null, [
    module.local.set(result, module.call_indirect(
      table,
      module.local.get(0, i32),
      [module.local.get(1, i32), module.local.get(2, i32)],
      binaryen.createType([i32, i32]),
      pair,
    )),
    module.i64.or(ext(0), module.i64.shl(ext(1), module.i64.const(32n))),
  ], binaryen.i64);
  module.removeFunction(name);
  module.addFunction(name, params, binaryen.i64, [pair], body);
}

function findImport(binaryen, module, moduleName, base) {
  for (let i = 0, n = module.getNumFunctions(); i < n; i++) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (info.module === moduleName && info.base === base) return info.name;
  }
  return null;
}
