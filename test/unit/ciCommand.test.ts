import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("CI", () => {
  it("runs exactly the README's test command", () => {
    const ci = readFileSync(".ci/run", "utf8")
      .split("\n")
      .filter((line) => line.startsWith("npm "));
    // The second of the README's "two commands", without its comment.
    const readme = readFileSync("README.md", "utf8")
      .split("\n")
      .filter((line) => line.startsWith("npm install ") && line.includes("test"))
      .map((line) => line.replace(/\s+#.*$/, ""));
    expect(ci).toHaveLength(1);
    expect(readme).toEqual(ci);
    expect(ci[0]).toMatch(/npm run test:all$/);
  });

  it("runs the e2e tests on the compiled build, and every test again on Node 24, after the suite on the machine's Node", () => {
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts["test:all"]).toBe("npm test && npm run test:compiled && npm run test:node24");
    expect(scripts["test:compiled"]).toBe("npm run build && vitest run --config vitest.compiled.config.ts");
    expect(scripts["test:node24"]).toMatch(/^npx -y -p node@24 -- /);
  });
});
