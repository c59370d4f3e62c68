import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vitest/config";

/**
 * The e2e suite against the compiled product (`npm run test:compiled`, after `npm run build`): every
 * module `dist/` holds (the product: gateway, subgraphs, adapters, verification, analytics, DCSA, access,
 * serving, domain, wire) is loaded from its compiled JavaScript, whoever imports it, the tests' harness
 * included; the simulators and the tests themselves stay TypeScript. Each module is loaded once, from one
 * build, so the errors a test checks with `instanceof` are the product's own classes.
 */
const root = dirname(fileURLToPath(import.meta.url));
const dist = resolve(root, "dist");

function compiledProduct(): Plugin {
  return {
    name: "tradegraph-compiled-product",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith(".ts") || !source.startsWith(".")) return null;
      const file = resolve(dirname(importer), source);
      const path = relative(root, file);
      if (path.startsWith("..") || path.startsWith("dist") || path.startsWith("node_modules")) return null;
      const compiled = resolve(dist, path.replace(/\.ts$/, ".js"));
      if (existsSync(compiled)) return compiled;
      return this.resolve(source, importer, { ...options, skipSelf: true });
    },
  };
}

const graphqlCjs = createRequire(import.meta.url).resolve("graphql");

export default defineConfig({
  plugins: [compiledProduct()],
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    name: "e2e-compiled",
    include: ["test/e2e/**/*.test.ts"],
    // It builds dist/ itself, and checks the stack's processes rather than modules.
    exclude: ["test/e2e/compiledStack.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ["test/support/redisSetup.ts"],
    fileParallelism: false,
  },
});
