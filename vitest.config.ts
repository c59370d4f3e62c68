import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// Apollo's packages load graphql as CommonJS; point our imports at the same copy, or vite resolves
// graphql's ESM build and two realms of graphql meet (instanceof checks then fail).
const graphqlCjs = createRequire(import.meta.url).resolve("graphql");

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"], testTimeout: 30_000 } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ["test/support/redisSetup.ts"],
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ["test/support/redisSetup.ts"],
          fileParallelism: false,
        },
      },
    ],
  },
});
