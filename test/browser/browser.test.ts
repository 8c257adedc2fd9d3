// The example page in headless Chromium: it compiles Go in the browser and
// runs it on each runtime core, everything served over HTTP by serve.mjs.
// Needs dist/ and build/ (npm test builds both first) and Debian's chromium;
// DEFERLAB_SKIP_BROWSER=1 skips it where no browser can be installed.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const root = fileURLToPath(new URL("../..", import.meta.url));

// Without the networking flags Chromium keeps trying to reach Google's hosts,
// which a closed network refuses. Playwright adds --headless and a fresh,
// empty --user-data-dir of its own.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const panicking = `package main

func main() {
	defer println("deferred call runs before the crash report")
	panic("out of cheese")
}
`;

const broken = `package main

func main() {
	x := 1
}
`;

/** Starts examples/web/serve.mjs on a free port; resolves to the page's address it prints. */
function startServer(): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, [join(root, "examples/web/serve.mjs"), "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.once("exit", (code) => reject(new Error(`examples/web/serve.mjs exited with ${code}`)));
    createInterface({ input: server.stdout! }).once("line", (url) => resolve({ server, url }));
  });
}

describe.skipIf(process.env.DEFERLAB_SKIP_BROWSER === "1")("example page in Chromium", () => {
  let server: ChildProcess | undefined;
  let url: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} not found: install Debian's chromium package (apt-get install chromium), ` +
          "or set DEFERLAB_SKIP_BROWSER=1 to skip the browser test",
      );
    }
    for (const built of ["dist/host/index.js", "build/runtime.wasm"]) {
      if (!existsSync(join(root, built))) throw new Error(`${built} not found: run \`npm run build\``);
    }
    ({ server, url } = await startServer());
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: chromiumArgs,
    });
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill();
  });

  /** Loads the page, optionally replaces the program, runs it on a core and reads the result shown. */
  async function runOnPage(backend: string, source?: string) {
    const page: Page = await browser!.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await page.goto(url);
      if (source !== undefined) await page.fill("#source", source);
      await page.selectOption("#backend", backend);
      await page.click("#run");
      await page.waitForSelector('#result[data-state="done"]');
      expect(errors).toEqual([]);
      return {
        exitCode: await page.textContent("#exit-code"),
        stdout: await page.textContent("#stdout"),
        stderr: await page.textContent("#stderr"),
      };
    } finally {
      await page.close();
    }
  }

  describe.each(["wasm", "ts"])("%s core", (backend) => {
    it("runs the page's program, which panics and recovers, with deferred calls last-in first-out", async () => {
      expect(await runOnPage(backend)).toEqual({
        exitCode: "0",
        stdout: "",
        stderr: [
          "  deferred 3: registered last, runs first",
          "  deferred 1: registered first, runs last",
          "pay 30: 70 true",
          "  deferred 3: registered last, runs first",
          "  deferred 2: recovered: insufficient funds",
          "  deferred 1: registered first, runs last",
          "pay 500: 70 false",
          "main returns",
          "main's deferred call runs after main returns",
          "",
        ].join("\n"),
      });
    });

    it("shows an unrecovered panic as Go does: the message, the goroutine, exit code 2", async () => {
      const r = await runOnPage(backend, panicking);
      expect(r.exitCode).toBe("2");
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(
        /^deferred call runs before the crash report\npanic: out of cheese\n\ngoroutine 1 \[running\]:\nmain\.main\(\)\n/,
      );
    });
  });

  it("shows compile errors as go run does, with exit code 1", async () => {
    expect(await runOnPage("wasm", broken)).toEqual({
      exitCode: "1",
      stdout: "",
      stderr: "# command-line-arguments\nprog.go:4:2: x declared but not used\n",
    });
  });
});
