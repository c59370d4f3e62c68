/**
 * `npm run build`: compiles the product (the entry points listed in tsconfig.build.json and what they
 * import) to dist/, laid out as the source is, then copies beside the compiled files the files they
 * read at run time (subgraph SDLs, the report page's script and styles, the committed supergraph).
 *
 *   npm run build && node dist/gateway/main.js
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, relative } from "node:path";

const OUT_DIR = "dist";

rmSync(OUT_DIR, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const compiled = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

// Every source folder that now has compiled files gets its non-TypeScript files too: a service reads
// them through `new URL("./schema.graphql", import.meta.url)`, which now points into dist/.
let copied = 0;
for (const outDir of foldersWithJs(OUT_DIR)) {
  const sourceDir = relative(OUT_DIR, outDir);
  for (const name of readdirSync(sourceDir)) {
    const source = join(sourceDir, name);
    if (!statSync(source).isFile() || extname(name) === ".ts") continue;
    copyFileSync(source, join(outDir, name));
    copied++;
  }
}
console.log(`dist/: compiled, ${copied} files copied beside it`);

function foldersWithJs(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const own = entries.some((e) => e.isFile() && e.name.endsWith(".js")) ? [dir] : [];
  return own.concat(entries.filter((e) => e.isDirectory()).flatMap((e) => foldersWithJs(join(dir, e.name))));
}
