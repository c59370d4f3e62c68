import { existsSync, readFileSync, readdirSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join, normalize } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * A production install (`npm ci --omit=dev`) holds the product alone. These tests walk the static and
 * dynamic imports of every product entry point (the files `npm run build` compiles) and check that the
 * walk never reaches the simulators or the tests, and that every package it reaches is installed by
 * `--omit=dev`, i.e. listed in `dependencies`.
 */

/** Local ledgers, world generator, local stack, tests, benchmarks, build tooling: never in production. */
const NOT_PRODUCT = ["networks/", "world/", "stack/", "test/", "bench/", "build/"];

/**
 * gateway/hive is a kit a team adds to the Hive Gateway it already runs: that gateway brings these
 * packages (here they are devDependencies, for the tests that run Hive).
 */
const SUPPLIED_BY_HIVE_GATEWAY = [
  "@graphql-hive/gateway-runtime",
  "@graphql-mesh/transport-common",
  "@graphql-tools/executor-http",
];

const buildConfig = JSON.parse(readFileSync("tsconfig.build.json", "utf8")) as { files: string[] };
const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface ImportGraph {
  /** Repository-relative paths of every source file reached. */
  files: Set<string>;
  /** Package name -> the first file that imports it. */
  packages: Map<string, string>;
}

/** `@scope/name/sub/path.js` -> `@scope/name`; `name/sub` -> `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** A relative specifier as Node (or TypeScript's `.js` for `.ts` convention) resolves it. */
function resolveRelative(from: string, specifier: string): string {
  const path = normalize(join(dirname(from), specifier));
  if (existsSync(path)) return path;
  const asTs = path.replace(/\.js$/, ".ts");
  if (existsSync(asTs)) return asTs;
  throw new Error(`${from} imports ${specifier}, which does not exist`);
}

/**
 * Specifiers a file names only in `import type` / `export type` declarations, which the compiler erases.
 * (`import { type X }` is not among them: under verbatimModuleSyntax it stays, as `import {} from`.)
 */
function typeOnlySpecifiers(file: string, text: string): Set<string> {
  const erased = new Set<string>();
  const kept = new Set<string>();
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  for (const statement of source.statements) {
    const declaration =
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement : null;
    if (!declaration?.moduleSpecifier || !ts.isStringLiteral(declaration.moduleSpecifier)) continue;
    const typeOnly = ts.isImportDeclaration(declaration)
      ? declaration.importClause?.isTypeOnly === true
      : declaration.isTypeOnly;
    (typeOnly ? erased : kept).add(declaration.moduleSpecifier.text);
  }
  // Anything also imported for its values, or by `import()`, stays.
  const dynamic = new Set<string>();
  source.forEachChild(function visit(node: ts.Node): void {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) dynamic.add(argument.text);
    }
    node.forEachChild(visit);
  });
  return new Set([...erased].filter((specifier) => !kept.has(specifier) && !dynamic.has(specifier)));
}

function walkImports(entries: string[]): ImportGraph {
  const graph: ImportGraph = { files: new Set(), packages: new Map() };
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (graph.files.has(file)) continue;
    graph.files.add(file);
    // Static imports, re-exports, `import type` and `import("...")` alike: a type-only import of a
    // simulator still ties the product's compilation to it.
    const text = readFileSync(file, "utf8");
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const erased = typeOnlySpecifiers(file, text);
    for (const { fileName: specifier } of importedFiles) {
      if (specifier.startsWith(".")) pending.push(resolveRelative(file, specifier));
      // A package named only in `import type` is gone from the compiled file: the build needs it, the
      // production install does not.
      else if (!isBuiltin(specifier) && !erased.has(specifier) && !graph.packages.has(packageName(specifier)))
        graph.packages.set(packageName(specifier), file);
    }
  }
  return graph;
}

/** Every `main.ts` / `*Main.ts` outside the simulators: each one is a service that must be compiled. */
function serviceEntryPoints(dir = "."): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = dir === "." ? entry.name : join(dir, entry.name);
    if (entry.isDirectory()) {
      const skip = entry.name.startsWith(".") || ["node_modules", "dist"].includes(entry.name);
      return skip || NOT_PRODUCT.includes(`${path}/`) ? [] : serviceEntryPoints(path);
    }
    return /(^|\/)main\.ts$|Main\.ts$/.test(path) ? [path] : [];
  });
}

describe("the product apart from the simulators", () => {
  const graph = walkImports(buildConfig.files);

  it("compiles every service entry point (`npm run build` lists each in tsconfig.build.json)", () => {
    const services = serviceEntryPoints();
    expect(services.length).toBeGreaterThanOrEqual(9);
    expect(services.filter((entry) => !buildConfig.files.includes(entry))).toEqual([]);
  });

  it("never imports the local ledgers, the world generator, the local stack, tests or benchmarks", () => {
    expect(graph.files.size).toBeGreaterThan(100);
    const reached = [...graph.files].filter((file) => NOT_PRODUCT.some((folder) => file.startsWith(folder)));
    expect(reached).toEqual([]);
  });

  it("imports only packages a production install has (`dependencies`)", () => {
    const missing = [...graph.packages]
      .filter(([name, file]) => {
        if (manifest.dependencies[name]) return false;
        return !(file.startsWith("gateway/hive/") && SUPPLIED_BY_HIVE_GATEWAY.includes(name));
      })
      .map(([name, file]) => `${name} (imported by ${file})`);
    expect(missing).toEqual([]);
  });

  it("lists in `dependencies` only what the product imports (the simulators' packages are devDependencies)", () => {
    const unused = Object.keys(manifest.dependencies).filter((name) => !graph.packages.has(name));
    expect(unused).toEqual([]);
    for (const simulatorPackage of [
      "hardhat",
      "@nomicfoundation/edr",
      "fabric-contract-api",
      "fabric-shim",
      "tsx",
    ])
      expect(manifest.devDependencies[simulatorPackage], simulatorPackage).toBeDefined();
  });
});
