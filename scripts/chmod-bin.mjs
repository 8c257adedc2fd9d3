// npm links `bin` entries as-is; make the compiled CLI executable so
// `npx deferlab` works straight after `npm install`.
import { chmodSync, existsSync } from "node:fs";
const cli = new URL("../dist/host/cli.js", import.meta.url);
if (existsSync(cli)) chmodSync(cli, 0o755);
