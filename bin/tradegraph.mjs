#!/usr/bin/env node
// `npx tradegraph ...`: the project's CLI. In a development checkout it runs the TypeScript source
// through tsx (a devDependency); a production install (`npm ci --omit=dev`) has no tsx and runs the
// compiled CLI that `npm run build` wrote to dist/.
/* global URL, console, process */
import { existsSync } from "node:fs";

let tsx;
try {
  tsx = await import("tsx/esm/api");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
}
if (tsx) {
  tsx.register();
  await import("../cli/main.ts");
} else {
  const compiled = new URL("../dist/cli/main.js", import.meta.url);
  if (!existsSync(compiled)) {
    console.error(
      "tradegraph: no compiled CLI at dist/cli/main.js: run `npm run build` where dev dependencies are installed",
    );
    process.exit(1);
  }
  await import(compiled.href);
}
