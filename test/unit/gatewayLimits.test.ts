import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from "@apollo/server";
import {
  buildASTSchema,
  getIntrospectionQuery,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  stripIgnoredCharacters,
  typeFromAST,
  type GraphQLOutputType,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from "graphql";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../../serving/config.ts";
import { ConfigInvalidError, QueryLimitError } from "../../domain/errors.ts";
import { formatGatewayError } from "../../gateway/errors.ts";
import { limitsEnv, limitsFromEnv } from "../../gateway/limits/config.ts";
import { corsResponse } from "../../gateway/limits/cors.ts";
import { withDeadline } from "../../gateway/limits/deadline.ts";
import { estimateCost, fragmentsOf } from "../../gateway/limits/estimateCost.ts";
import { countTokens } from "../../gateway/limits/maxTokens.ts";
import {
  createQueryLimits,
  DEFAULT_QUERY_LIMITS,
  type QueryLimitOptions,
} from "../../gateway/limits/queryLimits.ts";
import {
  createTrustedDocuments,
  readTrustedDocuments,
  sha256Hex,
  type TrustedDocumentsMode,
} from "../../gateway/limits/trustedDocuments.ts";
import {
  buildTrustedDocuments,
  manifestText,
  TRUSTED_DOCUMENTS_FILE,
  trustedDocumentSources,
} from "../../schema/trustedDocuments.ts";

// The public API schema as the gateway serves it; DateTime and JSON are graphql-js's pass-through scalars.
const schema = buildASTSchema(parse(readFileSync("schema/api.graphql", "utf8")));
const manifest = readTrustedDocuments(TRUSTED_DOCUMENTS_FILE);

/** Every field answers a made-up value of its type: lists of one, the first enum value, `{}` for objects. */
function mockValue(type: GraphQLOutputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [mockValue(nullable.ofType)];
  if (isObjectType(nullable)) return {};
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  return (
    { Int: 1, Float: 1.5, Boolean: true, DateTime: "2026-01-01T00:00:00Z", JSON: {} }[nullable.name] ?? "X"
  );
}

/** A server with the limits (and optionally trusted documents) that counts resolver calls and parses. */
function server(options: QueryLimitOptions = {}, trusted: TrustedDocumentsMode = "off") {
  const calls = { resolved: 0, parsed: [] as string[] };
  const limits = createQueryLimits(options);
  const probe: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          calls.parsed.push(source);
        },
      };
    },
  };
  const apollo = new ApolloServer({
    schema,
    fieldResolver: (_source, _args, _context, info) => {
      calls.resolved++;
      return mockValue(info.returnType);
    },
    validationRules: limits.validationRules,
    plugins: [createTrustedDocuments(manifest, trusted), ...limits.plugins, probe],
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
  });
  return { apollo, calls };
}

const single = (response: GraphQLResponse) => {
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult;
};
const codes = (response: GraphQLResponse) => (single(response).errors ?? []).map((e) => e.extensions?.code);
const errorWith = (response: GraphQLResponse, code: string) =>
  single(response).errors?.find((e) => e.extensions?.code === code);

/** Variables at their largest: lists of 1,000, `first` 500 (the API's maxima), a sample of anything else. */
function largestVariables(body: string): Record<string, unknown> {
  const operation = parse(body).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const value = (type: GraphQLInputType): unknown => {
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (isListType(nullable)) return Array.from({ length: 1000 }, (_, i) => `X${i}`);
    if (isEnumType(nullable)) return nullable.getValues()[0]!.name;
    if (isInputObjectType(nullable)) return {};
    return { Int: 500, Boolean: true, DateTime: "2026-01-01T00:00:00Z", JSON: {} }[nullable.name] ?? "X";
  };
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((d) => [
      d.variable.name.value,
      value(typeFromAST(schema, d.type) as GraphQLInputType),
    ]),
  );
}

const cycle = (levels: number) => {
  // shipment { equipment { shipments { equipment { ... { reference } } } } }: `levels` fields deep.
  let selection = "reference";
  for (let depth = levels - 1; depth >= 2; depth--)
    selection = `${depth % 2 === 0 ? "equipment" : "shipments"} { ${selection} }`;
  return `{ shipment(reference: "X") { ${selection} } }`;
};
const references = (n: number) => `[${Array.from({ length: n }, (_, i) => `"REF${i}"`).join(", ")}]`;
const HEAVY_SELECTION =
  "events { code sources { network blockNumber transactionId } } equipment { shipments { events { code sources { network } } } }";

describe("query limits on a server over the API schema", () => {
  it("lets every trusted operation (README, schema/operations, report CLI) through at its largest variables", async () => {
    const { apollo, calls } = server();
    for (const { origin, body } of trustedDocumentSources(".")) {
      const response = await apollo.executeOperation({ query: body, variables: largestVariables(body) });
      expect(single(response).errors, origin).toBeUndefined();
    }
    expect(calls.resolved).toBeGreaterThan(0);
  });

  it("leaves each of them well under the cost limit (the figures the README documents)", () => {
    const costs = Object.fromEntries(
      trustedDocumentSources(".").map(({ origin, body }) => {
        const document = parse(body);
        const operation = document.definitions.find(
          (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
        )!;
        const estimate = estimateCost(
          schema,
          operation,
          fragmentsOf(document),
          largestVariables(body),
          DEFAULT_QUERY_LIMITS,
        );
        return [`${origin} ${operation.name?.value ?? ""}`.trim(), estimate.cost];
      }),
    );
    expect(costs).toMatchInlineSnapshot(`
      {
        "cli/reports/laneStatistics.ts LaneStatisticsReport": 91,
        "cli/reports/overview.ts OverviewReport": 365,
        "cli/reports/portStatistics.ts PortStatisticsReport": 131,
        "cli/reports/shipmentListing.ts Report": 21006,
        "cli/reports/titleStatistics.ts TitleStatisticsReport": 12,
        "schema/operations/HolderOfBill.graphql HolderOfBill": 109,
        "schema/operations/ShipmentStatus.graphql ShipmentStatus": 133,
        "schema/operations/TitlesReport.graphql TitlesReport": 28052,
        "schema/operations/VerifyDocument.graphql VerifyDocument": 48,
        "schema/operations/readme/BeforeTheTransfer.graphql BeforeTheTransfer": 175,
        "schema/operations/readme/Lane.graphql Lane": 769,
        "schema/operations/readme/Ownership.graphql Ownership": 220,
        "schema/operations/readme/Tracking.graphql Tracking": 600,
        "schema/operations/readme/VerifyDocument.graphql": 34,
      }
    `);
    for (const cost of Object.values(costs)) expect(cost).toBeLessThan(DEFAULT_QUERY_LIMITS.maxCost * 0.6);
  });

  it("lets the landing page's introspection through", async () => {
    const { apollo } = server();
    expect(single(await apollo.executeOperation({ query: getIntrospectionQuery() })).errors).toBeUndefined();
  });

  it("refuses a 12-deep shipment/equipment cycle with QUERY_TOO_DEEP, before any resolver runs", async () => {
    const { apollo, calls } = server();
    const response = await apollo.executeOperation({ query: cycle(12) });
    expect(errorWith(response, "QUERY_TOO_DEEP")).toMatchObject({
      message: "The query is nested 12 fields deep; the limit is 10",
      extensions: { code: "QUERY_TOO_DEEP", limit: { max: 10, actual: 12 } },
    });
    expect(response.http.status).toBe(400);
    expect(calls.resolved).toBe(0);
    // Ten deep is allowed (its cost is another matter: lists of lists, each of 10).
    expect(codes(await server({ maxCost: 1e12 }).apollo.executeOperation({ query: cycle(10) }))).toEqual([]);
  });

  it("counts depth through fragments, and a fragment cycle neither loops nor passes", async () => {
    const { apollo, calls } = server();
    const viaFragments = `
      query { shipment(reference: "X") { ...E } }
      fragment E on Shipment { equipment { ...S } }
      fragment S on Equipment { shipments { equipment { shipments { equipment { shipments { equipment { shipments { equipment { shipments { reference } } } } } } } } } }`;
    expect(codes(await apollo.executeOperation({ query: viaFragments }))).toContain("QUERY_TOO_DEEP");
    const looping = `
      query { shipment(reference: "X") { ...A } }
      fragment A on Shipment { equipment { shipments { ...A } } }`;
    const response = await apollo.executeOperation({ query: looping });
    expect(codes(response)).toContain("GRAPHQL_VALIDATION_FAILED"); // graphql-js: "Cannot spread fragment A within itself"
    expect(calls.resolved).toBe(0);
  });

  it("refuses an alias bomb (2,000 aliases of one field) with TOO_MANY_ALIASES, and by default already by its tokens", async () => {
    const bomb = `{ networks { ${Array.from({ length: 2000 }, (_, i) => `a${i}: name`).join(" ")} } }`;
    const raised = server({ maxTokens: 100_000 });
    const response = await raised.apollo.executeOperation({ query: bomb });
    expect(codes(response)).toEqual(["TOO_MANY_ALIASES"]);
    expect(errorWith(response, "TOO_MANY_ALIASES")?.extensions?.limit).toEqual({ max: 30, actual: 2000 });
    expect(raised.calls.resolved).toBe(0);
    // Each alias is at least three tokens: at the defaults the document is refused before it is parsed.
    const defaults = server();
    expect(codes(await defaults.apollo.executeOperation({ query: bomb }))).toEqual(["TOO_MANY_TOKENS"]);
    expect(defaults.calls.resolved).toBe(0);
  });

  it("refuses 11 root fields with TOO_MANY_ROOT_FIELDS", async () => {
    const { apollo, calls } = server();
    const query = `{ ${Array.from({ length: 11 }, (_, i) => `n${i}: networks { name }`).join(" ")} }`;
    const response = await apollo.executeOperation({ query });
    expect(codes(response)).toEqual(["TOO_MANY_ROOT_FIELDS"]);
    expect(errorWith(response, "TOO_MANY_ROOT_FIELDS")?.extensions?.limit).toEqual({ max: 10, actual: 11 });
    expect(calls.resolved).toBe(0);
    // The same field asked twice is one field (graphql-js merges them); ten distinct ones are allowed.
    const ten = `{ networks { name } networks { kind } ${Array.from({ length: 9 }, (_, i) => `n${i}: networks { name }`).join(" ")} }`;
    expect(codes(await apollo.executeOperation({ query: ten }))).toEqual([]);
  });

  it("refuses shipmentsByReference with 1,000 references and a heavy selection with QUERY_TOO_COSTLY", async () => {
    const { apollo, calls } = server();
    const response = await apollo.executeOperation({
      query: `{ shipmentsByReference(references: ${references(1000)}) { ${HEAVY_SELECTION} } }`,
    });
    expect(codes(response)).toEqual(["QUERY_TOO_COSTLY"]);
    expect(errorWith(response, "QUERY_TOO_COSTLY")?.extensions?.limit).toEqual({
      max: 50_000,
      actual: 12_432_001,
    });
    expect(calls.resolved).toBe(0);
    // A few fields of 1,000 shipments are fine.
    const light = `{ shipmentsByReference(references: ${references(1000)}) { reference status eta { at } carrier { scac } } }`;
    expect(codes(await apollo.executeOperation({ query: light }))).toEqual([]);
  });

  it("estimates lists sized by variables with the request's values, though Apollo validates the document once", async () => {
    const { apollo, calls } = server();
    const query = `query Heavy($refs: [String!]!) { shipmentsByReference(references: $refs) { ${HEAVY_SELECTION} } }`;
    // Three references: fine, and the document is now validated and cached.
    expect(codes(await apollo.executeOperation({ query, variables: { refs: ["A", "B", "C"] } }))).toEqual([]);
    const before = calls.resolved;
    const response = await apollo.executeOperation({
      query,
      variables: { refs: Array.from({ length: 1000 }, (_, i) => `R${i}`) },
    });
    expect(codes(response)).toEqual(["QUERY_TOO_COSTLY"]);
    expect(response.http.status).toBe(400);
    expect(calls.resolved).toBe(before);
    // `first` from a variable: the CLI's page of 500 passes, a page of 100,000 does not.
    const page = `query Page($first: Int) { shipments(first: $first) { edges { node { reference events { code } } } } }`;
    expect(codes(await apollo.executeOperation({ query: page, variables: { first: 500 } }))).toEqual([]);
    expect(codes(await apollo.executeOperation({ query: page, variables: { first: 100_000 } }))).toEqual([
      "QUERY_TOO_COSTLY",
    ]);
  });

  it("refuses a 100,000-token document with TOO_MANY_TOKENS without parsing it", async () => {
    const { apollo, calls } = server();
    const query = `{ ${"networks { name } ".repeat(25_000)}}`;
    expect(countTokens(query, Infinity)).toBe(100_002);
    const response = await apollo.executeOperation({ query });
    expect(single(response).errors).toEqual([
      {
        message: "The document has more than 5000 tokens, the limit: send a smaller one",
        extensions: { code: "TOO_MANY_TOKENS", limit: { max: 5000, actual: 5001 } },
      },
    ]);
    expect(response.http.status).toBe(400);
    expect(calls.parsed).toEqual(["{__typename}"]); // only the stand-in, never the document
    expect(calls.resolved).toBe(0);
  });

  it("counts tokens as graphql-js's own maxTokens does", () => {
    const query = readFileSync("schema/operations/ShipmentStatus.graphql", "utf8");
    const tokens = countTokens(query, Infinity);
    expect(() => parse(query, { maxTokens: tokens })).not.toThrow();
    expect(() => parse(query, { maxTokens: tokens - 1 })).toThrow(/Document contains more/);
    expect(countTokens(query, 10)).toBe(11);
  });
});

describe("trusted documents", () => {
  const byName = (name: string) => manifest.operations.find((o) => o.name === name)!;

  it("in enforce mode, runs a manifest operation named by its hash, by documentId or by its text", async () => {
    const { apollo, calls } = server({}, "enforce");
    const status = byName("ShipmentStatus");
    const byHash = await apollo.executeOperation({
      variables: { reference: "X" },
      extensions: { persistedQuery: { version: 1, sha256Hash: status.id } },
    });
    expect(single(byHash).errors).toBeUndefined();
    expect(single(byHash).data).toHaveProperty("shipment.reference", "X");

    const byDocumentId = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: "POST",
        headers: new HeaderMap([["content-type", "application/json"]]),
        search: "",
        body: { documentId: `sha256:${status.id}`, variables: { reference: "X" } },
      },
      context: async () => ({}),
    });
    expect(byDocumentId.status ?? 200).toBe(200);
    if (byDocumentId.body.kind !== "complete") throw new Error("expected a complete body");
    expect(JSON.parse(byDocumentId.body.string)).toEqual({
      data: expect.objectContaining({ shipment: expect.anything() }),
    });

    const report = byName("Report");
    const byText = await apollo.executeOperation({
      query: report.body,
      variables: largestVariables(report.body),
    });
    expect(single(byText).errors).toBeUndefined();

    // The README's one-line VerifyDocument matches its formatted copy once ignored characters are stripped.
    const oneLine =
      "query($d:JSON!){verifyDocument(document:$d){valid status fragments{type status reason}}}";
    expect(
      single(await apollo.executeOperation({ query: oneLine, variables: { d: {} } })).errors,
    ).toBeUndefined();
    expect(calls.resolved).toBeGreaterThan(0);
  });

  it("in enforce mode, refuses any other document or hash with PERSISTED_QUERY_REQUIRED before parsing it", async () => {
    const { apollo, calls } = server({}, "enforce");
    const unknown = await apollo.executeOperation({ query: "{ networks { name } }" });
    expect(codes(unknown)).toEqual(["PERSISTED_QUERY_REQUIRED"]);
    expect(unknown.http.status).toBe(400);
    const unknownHash = await apollo.executeOperation({
      query: "{ networks { name } }",
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex("{ networks { name } }") } },
    });
    expect(codes(unknownHash)).toEqual(["PERSISTED_QUERY_REQUIRED"]);
    expect(
      codes(
        await apollo.executeOperation({
          extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } },
        }),
      ),
    ).toEqual(["PERSISTED_QUERY_REQUIRED"]);
    expect(calls.parsed.every((source) => source === "{__typename}")).toBe(true);
    expect(calls.resolved).toBe(0);
  });

  it("in off mode, runs any document", async () => {
    const { apollo } = server({}, "off");
    expect(codes(await apollo.executeOperation({ query: "{ networks { name } }" }))).toEqual([]);
  });

  it("refuses a manifest whose id is not its body's SHA-256", () => {
    const file = join(mkdtempSync(join(tmpdir(), "tg-manifest-")), "manifest.json");
    const forged = { id: "0".repeat(64), name: "X", type: "query", body: "{ networks { name } }" };
    writeFileSync(file, JSON.stringify({ ...manifest, operations: [forged] }));
    expect(() => readTrustedDocuments(file)).toThrow(ConfigInvalidError);
  });

  it("schema/trusted-documents.json is what schema/trustedDocuments.ts writes (run it)", () => {
    expect(readFileSync(TRUSTED_DOCUMENTS_FILE, "utf8")).toBe(manifestText(buildTrustedDocuments(".")));
  });

  it("the README copies under schema/operations/readme/ are the README's operations", () => {
    const readme = readFileSync("README.md", "utf8");
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) =>
      stripIgnoredCharacters(m[1]!),
    );
    const oneLine = /query:"(query\(\$d:JSON!\)\{[^"]*)"/.exec(readme)?.[1];
    expect(oneLine).toBeDefined();
    const copies = ["Tracking", "Ownership", "Lane", "BeforeTheTransfer", "VerifyDocument"].map((name) =>
      stripIgnoredCharacters(readFileSync(`schema/operations/readme/${name}.graphql`, "utf8")),
    );
    expect(copies).toEqual([...blocks, stripIgnoredCharacters(oneLine!)]);
  });
});

describe("corsResponse", () => {
  const options = { origins: ["https://app.example.com"] };
  const preflight = { origin: "https://app.example.com", "access-control-request-method": "POST" };

  it("answers an allowed origin's preflight with 204 and what it may send", () => {
    expect(corsResponse("OPTIONS", preflight, options)).toEqual({
      kind: "preflight",
      status: 204,
      headers: {
        vary: "Origin",
        "access-control-allow-origin": "https://app.example.com",
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": "authorization, content-type, x-api-key, apollo-require-preflight",
        "access-control-max-age": "600",
      },
    });
  });

  it("answers a disallowed origin's preflight with 403, and by default allows no origin", () => {
    expect(corsResponse("OPTIONS", { ...preflight, origin: "https://evil.example" }, options)).toEqual({
      kind: "preflight",
      status: 403,
      headers: { vary: "Origin" },
    });
    expect(corsResponse("OPTIONS", preflight, { origins: [] })).toMatchObject({ status: 403 });
  });

  it("adds the origin to an allowed origin's request, nothing to others", () => {
    expect(corsResponse("POST", { origin: "https://app.example.com" }, options)).toEqual({
      kind: "request",
      headers: {
        vary: "Origin",
        "access-control-allow-origin": "https://app.example.com",
        "access-control-expose-headers": "Retry-After",
      },
    });
    expect(corsResponse("POST", { origin: "https://evil.example" }, options)).toEqual({
      kind: "request",
      headers: { vary: "Origin" },
    });
    expect(corsResponse("POST", {}, options)).toEqual({ kind: "request", headers: { vary: "Origin" } });
  });

  it("answers * to any origin when the allowlist is *", () => {
    const any = { origins: ["*"], maxAgeSeconds: 60 };
    expect(corsResponse("OPTIONS", { ...preflight, origin: "https://x.example" }, any)).toMatchObject({
      status: 204,
      headers: { "access-control-allow-origin": "*", "access-control-max-age": "60" },
    });
    expect(corsResponse("GET", { origin: "https://x.example" }, any).headers).not.toHaveProperty("vary");
  });

  it("answers a plain OPTIONS (no Origin) with what the endpoint allows", () => {
    expect(corsResponse("OPTIONS", {}, options)).toEqual({
      kind: "preflight",
      status: 204,
      headers: { vary: "Origin", allow: "GET, POST, OPTIONS" },
    });
  });
});

describe("withDeadline", () => {
  it("resolves with the work's value within the deadline", async () => {
    await expect(withDeadline(1000, async () => 42)).resolves.toBe(42);
  });

  it("passes the work's own failure through", async () => {
    await expect(
      withDeadline(1000, async () => {
        throw new Error("subgraph said no");
      }),
    ).rejects.toThrow("subgraph said no");
  });

  it("rejects with REQUEST_TIMEOUT once the deadline passes, and aborts the signal", async () => {
    let seen: AbortSignal | undefined;
    const error = await withDeadline(
      20,
      (signal) =>
        new Promise((resolve) => {
          seen = signal;
          setTimeout(resolve, 500);
        }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryLimitError);
    expect(error).toMatchObject({ code: "REQUEST_TIMEOUT", limit: { max: 20 } });
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBe(error);
  });
});

describe("limits configuration", () => {
  const parseEnv = (env: Record<string, string>) => parseConfig("gateway", z.object(limitsEnv), env);

  it("defaults to the modules' own defaults", () => {
    expect(limitsFromEnv(parseEnv({}))).toEqual({
      queryLimits: {
        maxDepth: 10,
        maxAliases: 30,
        maxRootFields: 10,
        maxTokens: 5000,
        maxCost: 50_000,
        defaultListSize: 10,
      },
      rateLimit: { points: 600, windowSeconds: 60, operatorPoints: 6000 },
      cors: { origins: [] },
      trustedDocuments: { mode: "off", file: "schema/trusted-documents.json" },
      requestDeadlineMs: 30_000,
    });
  });

  it("reads CORS_ORIGINS as a comma-separated list of origins, or *", () => {
    expect(
      parseEnv({ CORS_ORIGINS: "https://App.example.com/, http://localhost:5173" }).CORS_ORIGINS,
    ).toEqual(["https://app.example.com", "http://localhost:5173"]);
    expect(parseEnv({ CORS_ORIGINS: "*" }).CORS_ORIGINS).toEqual(["*"]);
  });

  it("reports every bad value at once", () => {
    const error = (() => {
      try {
        parseEnv({
          CORS_ORIGINS: "https://app.example.com/path",
          LIMIT_MAX_COST: "lots",
          TRUSTED_DOCUMENTS: "allow",
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigInvalidError);
    const problems = (error as ConfigInvalidError).problems;
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "CORS_ORIGINS",
      "LIMIT_MAX_COST",
      "TRUSTED_DOCUMENTS",
    ]);
  });
});
