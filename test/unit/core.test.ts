import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig, port } from "../../core/config.ts";
import { BadUserInputError, ConfigInvalidError, NetworkUnavailableError } from "../../core/errors.ts";
import { formatGraphQLError, toGraphQLError } from "../../core/graphqlErrors.ts";

describe("parseConfig", () => {
  const schema = z.object({ A_PORT: port(4000), A_URL: z.url(), A_NAME: z.string().default("x") });

  it("applies defaults and coerces", () => {
    expect(parseConfig("svc", schema, { A_URL: "http://127.0.0.1:1" })).toEqual({
      A_PORT: 4000,
      A_URL: "http://127.0.0.1:1",
      A_NAME: "x",
    });
  });

  it("reports every problem at once, naming each variable", () => {
    try {
      parseConfig("svc", schema, { A_PORT: "abc", A_URL: "nope" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigInvalidError);
      const problems = (error as ConfigInvalidError).problems;
      expect(problems).toHaveLength(2);
      expect(problems.join("\n")).toMatch(/A_PORT/);
      expect(problems.join("\n")).toMatch(/A_URL/);
    }
  });

  it("reads the service's section of TRADEGRAPH_CONFIG, and the environment wins", () => {
    const file = join(mkdtempSync(join(tmpdir(), "tg-config-")), "config.json");
    writeFileSync(
      file,
      JSON.stringify({ svc: { A_URL: "http://127.0.0.1:2", A_NAME: "from-file" }, other: { A_NAME: "no" } }),
    );
    expect(parseConfig("svc", schema, { TRADEGRAPH_CONFIG: file, A_NAME: "from-env" })).toMatchObject({
      A_URL: "http://127.0.0.1:2",
      A_NAME: "from-env",
    });
    expect(() =>
      parseConfig("svc", schema, { TRADEGRAPH_CONFIG: join(tmpdir(), "missing-tg.json") }),
    ).toThrow(ConfigInvalidError);
  });
});

describe("GraphQL error mapping", () => {
  it("keeps project codes and names the network or argument", () => {
    expect(toGraphQLError(new NetworkUnavailableError("ebl-evm", "down")).extensions).toEqual({
      code: "NETWORK_UNAVAILABLE",
      network: "ebl-evm",
    });
    expect(toGraphQLError(new BadUserInputError("bad", "documentHash")).extensions).toEqual({
      code: "BAD_USER_INPUT",
      argumentName: "documentHash",
    });
  });

  it("hides unexpected errors behind INTERNAL_SERVER_ERROR", () => {
    const raw = new GraphQLError("secret detail: connection to 10.0.0.1 failed", {
      originalError: new Error("boom"),
    });
    const formatted = formatGraphQLError(
      { message: raw.message, extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["x"] } },
      raw,
    );
    expect(formatted).toEqual({
      message: "Internal server error",
      locations: undefined,
      path: undefined,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  });

  it("unwraps a project error wrapped by graphql-js", () => {
    const wrapped = new GraphQLError("x", {
      originalError: new NetworkUnavailableError("carrier-fabric", "The carrier-fabric peer is unavailable"),
    });
    expect(formatGraphQLError({ message: "x" }, wrapped)).toMatchObject({
      message: "The carrier-fabric peer is unavailable",
      extensions: { code: "NETWORK_UNAVAILABLE", network: "carrier-fabric" },
    });
  });
});
