// Compiles the program in the text area and runs it on the chosen runtime
// core, as an embedder of deferlab would.

import { compileGo, runProgram } from "../../dist/host/index.js";

const $ = (id) => document.getElementById(id);
const source = $("source");
const backend = $("backend");
const runButton = $("run");
const result = $("result");
const exitCode = $("exit-code");
const stdout = $("stdout");
const stderr = $("stderr");

function show(code, out, err) {
  exitCode.value = String(code);
  stdout.textContent = out;
  stderr.textContent = err;
}

/** What `go run prog.go` would give: a build failure exits 1 with go build's report. */
async function run() {
  const compiled = compileGo({ filename: "prog.go", source: source.value });
  if (!compiled.ok) {
    return { exitCode: 1, stdout: "", stderr: ["# command-line-arguments", ...compiled.errors, ""].join("\n") };
  }
  // The library fetches the wasm core itself, from build/ next to dist/.
  return runProgram(compiled.wasm, { backend: backend.value });
}

runButton.addEventListener("click", async () => {
  runButton.disabled = true;
  // data-state tells a reader, and the browser test, when the output is final.
  result.dataset.state = "running";
  show("", "", "");
  try {
    const r = await run();
    show(r.exitCode, r.stdout, r.stderr);
  } catch (e) {
    // A failure of the library itself (say, the core could not be fetched), not of the Go program.
    show("", "", `deferlab: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    result.dataset.state = "done";
    runButton.disabled = false;
  }
});
