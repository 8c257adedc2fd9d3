#!/usr/bin/env node
// A static file server for the example page, with no dependencies:
// `node examples/web/serve.mjs [port]` (port 0 picks a free one). Browsers
// load ES modules and fetch WebAssembly only over http(s), not from file:
// URLs, hence a server. It listens on 127.0.0.1 only and serves only the
// page, the built library (dist/) and the runtime core (build/).

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const served = ["examples", "dist", "build"].map((dir) => join(root, dir) + sep);
const page = "/examples/web/";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".go": "text/plain; charset=utf-8",
  // The right type lets browsers compile the core while it downloads.
  ".wasm": "application/wasm",
};

/** The file a URL path names, or undefined when it is outside what is served. */
function fileFor(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.endsWith("/")) path += "index.html";
  // resolve() removes any "..", so the prefix check below cannot be escaped.
  const file = resolve(root, "." + path);
  return served.some((dir) => file.startsWith(dir)) ? file : undefined;
}

const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }
  if (pathname === "/") {
    res.writeHead(302, { Location: page }).end();
    return;
  }
  const file = fileFor(pathname);
  const info = file && (await stat(file).catch(() => undefined));
  if (!info?.isFile()) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end(`not found: ${pathname}\n`);
    return;
  }
  res.writeHead(200, {
    "Content-Type": types[extname(file)] ?? "application/octet-stream",
    "Content-Length": info.size,
    // Always the latest build while editing: no caching.
    "Cache-Control": "no-store",
  });
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
});

const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
server.listen(port, "127.0.0.1", () => {
  // The first line is the page's address; the browser test reads it.
  console.log(`http://127.0.0.1:${server.address().port}${page}`);
});
