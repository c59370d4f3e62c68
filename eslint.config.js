// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules/", "dist/", ".tradegraph/", ".spike/", "schema/generated/", "**/__generated__/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Source must never import test helpers; adapters must never import the local ledgers.
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/test/**"], message: "Source code must not import test helpers." }] },
      ],
    },
  },
  {
    // The product (what `npm run build` compiles) never reaches the simulators: a production install has
    // neither their code's packages nor, behind them, the code (test/unit/productImports.test.ts walks it).
    files: [
      "access/**/*.ts",
      "analytics/**/*.ts",
      "cli/**/*.ts",
      "core/**/*.ts",
      "dcsa/**/*.ts",
      "domain/**/*.ts",
      "gateway/**/*.ts",
      "interop/**/*.ts",
      "schema/**/*.ts",
      "serving/**/*.ts",
      "subgraphs/**/*.ts",
      "verification/**/*.ts",
      "wire/**/*.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/networks/**", "**/world/**", "**/stack/**", "**/bench/**"],
              message: "The product never imports the simulators: what both sides agree on goes under wire/.",
            },
            { group: ["**/test/**"], message: "Source code must not import test helpers." },
          ],
        },
      ],
    },
  },
  {
    files: ["adapters/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/networks/**"],
              message: "Adapters speak the wire protocol only; never import a local ledger.",
            },
            { group: ["**/test/**"], message: "Source code must not import test helpers." },
          ],
        },
      ],
    },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
