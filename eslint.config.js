// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".tradegraph/", ".spike/", "schema/generated/", "**/__generated__/"] },
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
