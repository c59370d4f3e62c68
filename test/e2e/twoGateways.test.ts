/**
 * Behind any Federation 2 gateway: every README operation (and every operation under schema/operations)
 * through this project's gateway (`@apollo/gateway`) and through Hive Gateway, over the same running
 * subgraphs, for several personas, with the access rules in force on both. Hive loads the committed
 * supergraph as it is, admits callers with the same authenticator and signs each subgraph request with
 * the gateway proof (`gateway/hive/`); the subgraphs decide who sees what. The answers must be the same:
 * data, and each error's code and path.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- responses are compared, not typed */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { isOperator, type Role } from "../../access/principal.ts";
import type { GraphQLHttpServer } from "../../serving/httpServer.ts";
import { startHiveGateway } from "../../gateway/hive/server.ts";
import { startGateway } from "../../gateway/server.ts";
import { createRateLimiter } from "../../gateway/limits/index.ts";
import { startTestStack, type TestStack } from "../support/stack.ts";

interface Answer {
  status: number;
  data: any;
  /** Each error as `code @ path`, sorted: what a client branches on. */
  errors: string[];
}

interface Persona {
  name: string;
  token: string;
  /** May ask for aggregates (the analyst role, or the operator). */
  analyst: boolean;
}

const OPERATIONS = [
  ...readdirSync("schema/operations/readme").map((f) => join("schema/operations/readme", f)),
  ...readdirSync("schema/operations")
    .filter((f) => f.endsWith(".graphql"))
    .map((f) => join("schema/operations", f)),
].filter((f) => f.endsWith(".graphql"));

async function ask(url: string, token: string | null, query: string, variables: object): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { path?: (string | number)[]; extensions?: { code?: unknown } }[];
  };
  return {
    status: response.status,
    data: body.data ?? null,
    errors: (body.errors ?? [])
      .map((e) => `${String(e.extensions?.code)} @ ${(e.path ?? []).join(".")}`)
      .sort(),
  };
}

describe("the same answers through @apollo/gateway and Hive Gateway over the same subgraphs", () => {
  let stack: TestStack;
  let hive: GraphQLHttpServer;
  let personas: Persona[];
  /** The shipment the personas gather around (its consignee and bank are parties to it). */
  let storyReference: string;
  const subgraphUrls = () => ({ ...stack.subgraphUrls });
  /** Each operation file with the variables it runs with (several per file where a file takes a key). */
  let cases: { file: string; label: string; query: string; variables: object }[];

  beforeAll(async () => {
    // A small world still holds every case the operations branch on (port facts, customs holds, title
    // conflicts, sea waybills); it keeps this file's start short.
    stack = await startTestStack(inject("redisUrl"), 12);
    const limiter = createRateLimiter(stack.redis, {
      points: 1_000_000,
      operatorPoints: 1_000_000,
      keyPrefix: `${stack.prefix}hive-ratelimit`,
    });
    hive = await startHiveGateway({
      // As committed: Hive reads the `for: SECURITY` links @apollo/gateway refuses.
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: subgraphUrls(),
      host: "127.0.0.1",
      port: 0,
      subgraphTimeoutMs: 3000,
      // The same admission as the stack's gateway: its authenticator, a per-caller budget in Redis, its proof secret.
      access: {
        authenticate: stack.access.gateway.authenticate,
        rateLimit: (principal) => limiter.consume(principal.subject, { operator: isOperator(principal) }),
        proofSecret: stack.access.proofSecret,
      },
    });

    const world = stack.chain.world.shipments;
    const documents = stack.chain.documents;
    // Shipments whose answers need every network: into a Chinese port (port facts), with trouble on purpose.
    const pick = (test: (s: (typeof world)[number]) => boolean) => world.find(test);
    const tracked = [
      ...new Set(
        [
          pick((s) => s.portOfDischarge.startsWith("CN") && s.events.some((e) => e.code === "RELS")),
          pick((s) => s.trouble.includes("CUSTOMS_HOLD")),
          pick((s) => s.trouble.includes("RELEASE_REFUSED")),
          pick((s) => !s.portOfDischarge.startsWith("CN")),
        ].filter((s) => s !== undefined),
      ),
    ];
    const titled = [
      ...new Set(
        [
          pick((s) => s.conflicts.length > 0 && s.documentKind === "NEGOTIABLE_EBL"),
          pick((s) => !!s.bank && s.portOfDischarge.startsWith("CN") && s.documentKind === "NEGOTIABLE_EBL"),
          pick((s) => s.documentKind === "SEA_WAYBILL"),
        ].filter((s) => s !== undefined),
      ),
    ];
    const documentOf = (reference: string) => documents.find((d) => d.reference === reference)!;
    const presented = JSON.parse(readFileSync(documents[0]!.path, "utf8"));
    const variablesFor = (file: string): { label: string; variables: object }[] => {
      const name = file.split("/").pop()!.replace(".graphql", "");
      if (file.includes("readme/VerifyDocument"))
        return [{ label: documents[0]!.reference, variables: { d: presented } }];
      if (name === "VerifyDocument")
        return [{ label: documents[0]!.reference, variables: { document: presented } }];
      if (name === "Tracking" || name === "ShipmentStatus")
        return tracked.map((s) => ({ label: s.reference, variables: { reference: s.reference } }));
      if (name === "Ownership")
        return titled.map((s) => ({ label: s.reference, variables: { reference: s.reference } }));
      if (name === "HolderOfBill")
        return titled.flatMap((s) => [
          { label: s.reference, variables: { reference: s.reference } },
          {
            label: `hash of ${s.reference}`,
            variables: { documentHash: documentOf(s.reference).documentHash },
          },
        ]);
      if (name === "TitlesReport")
        return [
          { label: "every title", variables: { documentHashes: documents.map((d) => d.documentHash) } },
        ];
      return [{ label: "", variables: {} }];
    };
    cases = OPERATIONS.flatMap((file) =>
      variablesFor(file).map((v) => ({ file, query: readFileSync(file, "utf8"), ...v })),
    );
    // The README's instant predates this run's read model (BAD_USER_INPUT, compared as such); the same
    // operation as of now (after the read model's first build) answers with rows.
    const asOf = cases.find((c) => c.file.endsWith("BeforeTheTransfer.graphql"))!;
    cases.push({
      ...asOf,
      label: "as of the start of the test",
      query: asOf.query.replace(/asOf: "[^"]+"/, `asOf: "${new Date().toISOString()}"`),
    });

    const story = titled[1] ?? titled[0]!;
    storyReference = story.reference;
    const stranger = world.find((s) => s.carrierScac !== story.carrierScac)!.carrierScac;
    const persona = async (name: string, party: string | null, roles: Role[] = []) => ({
      name,
      token: await stack.access.token(party, roles),
      analyst: party === null || roles.includes("analyst"),
    });
    personas = await Promise.all([
      persona("the operator", null),
      persona("the consignee", story.consignee),
      persona("the shipment's bank", story.bank ?? story.shipper),
      persona("the terminal operator at the port of discharge", `trm-${story.portOfDischarge.toLowerCase()}`),
      persona("another carrier", stranger),
      persona("an analyst at another carrier", stranger, ["analyst"]),
    ]);
    // Warm every cache once through this gateway, so both gateways then read the same cached state
    // (`verification.cached` is part of the answer).
    await Promise.all(cases.map((c) => ask(stack.gateway.url, stack.operatorToken, c.query, c.variables)));
  }, 180_000);

  afterAll(async () => {
    await hive?.close();
    await stack?.close();
  });

  it("every README operation, for every persona: same data, same error codes at the same paths", async () => {
    const differences: string[] = [];
    let forbidden = 0;
    let answered = 0;
    const refused: string[] = [];
    let first: { where: string; apollo: Answer; other: Answer } | undefined;
    // Case by case, both gateways asked at the same time (all at once overloads a 2-core CI machine
    // past the subgraph deadlines).
    for (const persona of personas)
      for (const c of cases) {
        const [apollo, other] = await Promise.all([
          ask(stack.gateway.url, persona.token, c.query, c.variables),
          ask(hive.url, persona.token, c.query, c.variables),
        ]);
        const where = `${persona.name} / ${c.file} ${c.label}`;
        if (JSON.stringify(apollo) !== JSON.stringify(other)) {
          differences.push(where);
          first ??= { where, apollo, other };
        }
        expect(apollo.status, where).toBe(200);
        if (apollo.data === null) refused.push(`${where}: ${apollo.errors.join(", ")}`);
        forbidden += apollo.errors.filter((e) => e.startsWith("FORBIDDEN")).length;
        answered++;
      }
    // Where they differ, the first difference in full says what went wrong.
    if (first)
      expect(first.other, `differs in ${differences.length}: ${differences.join("; ")}`).toEqual(
        first.apollo,
      );
    // Every case answered with data, but two refusals both gateways share: the README's literal instant,
    // which predates this run's history, and the aggregates for callers without the analyst role (their
    // fields are non-null, so the whole answer is null with FORBIDDEN).
    const expectedRefusal = (r: string) =>
      (r.includes("BeforeTheTransfer.graphql :") && r.endsWith(": BAD_USER_INPUT @ shipments")) ||
      (r.includes("Lane.graphql") && /: FORBIDDEN @ (portStatistics|laneStatistics)$/.test(r));
    expect(refused.filter((r) => !expectedRefusal(r))).toEqual([]);
    expect(refused.filter((r) => r.includes("Lane.graphql"))).toHaveLength(
      personas.filter((p) => !p.analyst).length,
    );
    // The access rules were in force: some personas were refused fields, and every case ran for each.
    expect(forbidden).toBeGreaterThan(0);
    expect(answered).toBe(personas.length * cases.length);
  });

  it("no credentials or a bad token: 401 UNAUTHENTICATED and no data from both", async () => {
    const query = "{ me { roles } }";
    for (const token of [null, "not-a-jwt", `${personas[1]!.token.slice(0, -4)}AAAA`]) {
      const [apollo, other] = await Promise.all([
        ask(stack.gateway.url, token, query, {}),
        ask(hive.url, token, query, {}),
      ]);
      expect(apollo).toEqual({ status: 401, data: null, errors: ["UNAUTHENTICATED @ "] });
      expect(other).toEqual(apollo);
    }
  });

  it("Hive Gateway gets answers only with the gateway proof: signed with another secret, every subgraph refuses", async () => {
    const stranger = await startHiveGateway({
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { interop: stack.interopSubgraph.url, fabric: stack.fabricSubgraph.url },
      host: "127.0.0.1",
      port: 0,
      access: { authenticate: stack.access.gateway.authenticate, proofSecret: Buffer.alloc(32, 7) },
    });
    try {
      const token = personas[0]!.token;
      // One after the other: identical in-flight queries of one caller are shared inside a process.
      const signed = await ask(hive.url, token, "{ me { roles } }", {});
      const forged = await ask(stranger.url, token, "{ me { roles } }", {});
      expect(signed).toEqual({ status: 200, data: { me: { roles: ["operator"] } }, errors: [] });
      expect(forged.data).toBeNull();
      expect(forged.errors.length).toBeGreaterThan(0);
    } finally {
      await stranger.close();
    }
  });

  it("two callers asking the same thing at the same time each get their own answer through Hive Gateway", async () => {
    // The consignee may see the booking reference; another carrier may not. Asked at once, the subgraph
    // request bodies are identical: only the principal tells them apart.
    const query = `query($r: String!) { shipment(reference: $r) { carrierBookingReference } }`;
    const consignee = personas[1]!;
    const stranger = personas.find((p) => p.name === "another carrier")!;
    const reference = { r: storyReference };
    const pairs = await Promise.all(
      Array.from({ length: 20 }, () =>
        Promise.all([
          ask(hive.url, consignee.token, query, reference),
          ask(hive.url, stranger.token, query, reference),
        ]),
      ),
    );
    for (const [own, other] of pairs) {
      expect(own.errors).toEqual([]);
      expect(own.data.shipment.carrierBookingReference).toMatch(/\S/);
      expect(other).toEqual({
        status: 200,
        data: { shipment: { carrierBookingReference: null } },
        errors: ["FORBIDDEN @ shipment.carrierBookingReference"],
      });
    }
  });

  it("the query limits refuse the same documents with the same codes, before any subgraph is asked", async () => {
    const servers = [
      stack.evmSubgraph,
      stack.fabricSubgraph,
      stack.antchainSubgraph,
      stack.interopSubgraph,
      stack.analyticsSubgraph,
    ];
    let subgraphRequests = 0;
    const count = () => subgraphRequests++;
    for (const s of servers) s.server.on("request", count);
    try {
      const token = personas[0]!.token;
      const bomb = `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: me { roles }`).join(" ")} }`;
      const cycle = `{ shipment(reference: "${storyReference}") { equipment { shipments { equipment { shipments { equipment { shipments { equipment { shipments { equipment { shipments { reference } } } } } } } } } } } }`;
      const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { roles }`).join(" ")} }`;
      const oversized = `query($refs: [String!]!) { shipmentsByReference(references: $refs) { events { eventID sources { network blockNumber transactionId } } equipment { shipments { events { eventID } } } } }`;
      const refs = Array.from({ length: 1000 }, (_, i) => `MAEU${String(i).padStart(9, "0")}`);
      const refusals: Answer[] = [];
      for (const [query, variables] of [
        [bomb, {}],
        [cycle, {}],
        [aliases, {}],
        [oversized, { refs }],
      ] as const) {
        const [apollo, other] = await Promise.all([
          ask(stack.gateway.url, token, query, variables),
          ask(hive.url, token, query, variables),
        ]);
        expect(other).toEqual(apollo);
        refusals.push(apollo);
      }
      expect(refusals.map((r) => [r.status, r.data, r.errors.map((e) => e.split(" @")[0])])).toEqual([
        [400, null, ["TOO_MANY_TOKENS"]],
        [400, null, ["QUERY_TOO_COSTLY", "QUERY_TOO_DEEP"]],
        [400, null, ["TOO_MANY_ALIASES", "TOO_MANY_ROOT_FIELDS"]],
        [400, null, ["QUERY_TOO_COSTLY"]],
      ]);
      expect(subgraphRequests).toBe(0);
    } finally {
      for (const s of servers) s.server.off("request", count);
    }
  });

  it("the port network's subgraph down: both answer the carrier's part, and NETWORK_UNAVAILABLE at the port's fields", async () => {
    const down = { ...subgraphUrls(), antchain: "http://127.0.0.1:9/graphql" };
    const apolloDown = await startGateway({
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: down,
      host: "127.0.0.1",
      port: 0,
      subgraphTimeoutMs: 3000,
      access: stack.access.gateway,
    });
    const hiveDown = await startHiveGateway({
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: down,
      host: "127.0.0.1",
      port: 0,
      subgraphTimeoutMs: 3000,
      access: { authenticate: stack.access.gateway.authenticate, proofSecret: stack.access.proofSecret },
    });
    try {
      const query = `query($r: String!) { shipment(reference: $r) { reference carrier { scac } customs { status } portRelease { status } } }`;
      const [apollo, other] = await Promise.all([
        ask(apolloDown.url, personas[0]!.token, query, { r: storyReference }),
        ask(hiveDown.url, personas[0]!.token, query, { r: storyReference }),
      ]);
      expect(apollo.data.shipment).toMatchObject({
        reference: storyReference,
        customs: null,
        portRelease: null,
      });
      expect(apollo.data.shipment.carrier.scac).toMatch(/^[A-Z]{4}$/);
      expect(apollo.errors.length).toBeGreaterThan(0);
      expect(apollo.errors.every((e) => e.startsWith("NETWORK_UNAVAILABLE"))).toBe(true);
      // The same answer and the same code; where the error sits differs: @apollo/gateway reports a failed
      // fetch once, without a path, Hive at each field the fetch owed.
      expect(other.data).toEqual(apollo.data);
      expect(other.status).toBe(apollo.status);
      expect(new Set(other.errors.map((e) => e.split(" @")[0]))).toEqual(new Set(["NETWORK_UNAVAILABLE"]));
      expect(other.errors).toEqual([
        "NETWORK_UNAVAILABLE @ shipment.customs",
        "NETWORK_UNAVAILABLE @ shipment.portRelease",
      ]);
    } finally {
      await Promise.all([apolloDown.close(), hiveDown.close()]);
    }
  });

  it("a caller over its budget: 429 RATE_LIMITED with Retry-After from Hive Gateway too, other callers unaffected", async () => {
    const small = createRateLimiter(stack.redis, {
      points: 3,
      windowSeconds: 60,
      keyPrefix: `${stack.prefix}hive-ratelimit-small`,
    });
    const limited = await startHiveGateway({
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { interop: stack.interopSubgraph.url },
      host: "127.0.0.1",
      port: 0,
      access: {
        authenticate: stack.access.gateway.authenticate,
        rateLimit: (principal) => small.consume(principal.subject),
        proofSecret: stack.access.proofSecret,
      },
    });
    try {
      const call = (token: string) =>
        fetch(limited.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: "{ me { roles } }" }),
        });
      const [consignee, stranger] = [personas[1]!, personas.find((p) => p.name === "another carrier")!];
      for (let i = 0; i < 3; i++) expect((await call(consignee.token)).status).toBe(200);
      const refused = await call(consignee.token);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await refused.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(body.data ?? null).toBeNull();
      expect(body.errors[0]!.extensions.code).toBe("RATE_LIMITED");
      expect((await call(stranger.token)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
