/**
 * Who may see what, through the real gateway over the real networks: a matrix of personas by every
 * field of the README's queries and every list, against an oracle computed from the operator's view of
 * the ledgers (parties named on the carrier's record, the title's parties on the chain, the ports).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PartyEntry } from "../../access/partyDirectory.ts";
import type { Role } from "../../access/principal.ts";
import { encodePrincipal, signSubgraphRequest } from "../../access/gatewayProof.ts";
import { createApiKey } from "../../access/identity/apiKeys.ts";
import { createRateLimiter } from "../../gateway/limits/index.ts";
import { startGateway } from "../../gateway/server.ts";
import { readFileSync } from "node:fs";
import { startTestStack, TEST_ORIGIN, type TestStack } from "../support/stack.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type GraphQLError = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> };

const DETAIL = `query Detail($r: String!) {
  shipment(reference: $r) {
    reference status statusSince eta { at } currentLocation { unLocationCode } carrier { scac }
    portOfLoading { unLocationCode } portOfDischarge { unLocationCode } vessel { name }
    shipper { name } consignee { name } notifyParty { name } carrierBookingReference
    carrierEvents { eventID } equipment { reference } carrierRelease { status releasedTo { name } }
    portCalls { callReference location { unLocationCode } }
    portEvents { eventID eventType location { unLocationCode } }
    customs { declarationReference location { unLocationCode } }
    customsDeclarations { declarationReference location { unLocationCode } }
    portRelease { status releasedTo { name } } portReleases { status } portFees { feeType amount }
    events { eventID eventType location { unLocationCode } sources { kind } }
    billOfLading {
      documentHash titleStatus verification { status }
      holder { address } beneficiary { address } nominee { address } endorsementChain { action from { address } to { address } }
      verdict { status integrity { consistent conflicts { kind description } } }
    }
  }
}`;

const COMMERCIAL = [
  "shipper",
  "consignee",
  "notifyParty",
  "carrierBookingReference",
  "carrierEvents",
  "equipment",
  "carrierRelease",
] as const;
const PUBLIC = [
  "reference",
  "status",
  "statusSince",
  "eta",
  "currentLocation",
  "carrier",
  "portOfLoading",
  "portOfDischarge",
  "vessel",
  "portCalls",
] as const;
const TITLE = ["holder", "beneficiary", "nominee", "endorsementChain"] as const;

/**
 * Runs `work` over `items` a few at a time: the matrix asks hundreds of questions, and a burst of all of
 * them at once measures the machine, not the policy (a subgraph past its deadline answers unavailable).
 */
async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>, size = 6): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

interface Persona {
  name: string;
  party: string | null;
  roles: Role[];
  token: string;
}

/** What the oracle knows of one shipment, from the operator's view. */
interface Facts {
  reference: string;
  truth: Json;
  parties: Set<string>;
  titleParties: Set<string>;
  ports: Set<string>;
}

describe("who may see what, through the gateway", () => {
  let stack: TestStack;
  let facts: Facts[];
  let personas: Persona[];
  const entry = (id: string | null): PartyEntry | null =>
    id ? (stack.access.parties.get(id) ?? null) : null;
  const isAuthority = (p: Persona, kind: "TERMINAL_OPERATOR" | "CUSTOMS", port: string | null | undefined) =>
    !!port && entry(p.party)?.kind === kind && entry(p.party)!.ports.includes(port);
  const isOperator = (p: Persona) => p.roles.includes("operator");
  const isParty = (p: Persona, f: Facts) => isOperator(p) || (!!p.party && f.parties.has(p.party));
  const isTitleParty = (p: Persona, f: Facts) => isOperator(p) || (!!p.party && f.titleParties.has(p.party));
  const listable = (p: Persona, f: Facts) =>
    isParty(p, f) ||
    isTitleParty(p, f) ||
    [...f.ports].some((port) => isAuthority(p, "TERMINAL_OPERATOR", port) || isAuthority(p, "CUSTOMS", port));

  const ask = (persona: Persona, query: string, variables: Json = {}) =>
    stack.query<Json>(query, variables, persona.token) as Promise<{
      data?: Json | null;
      errors?: GraphQLError[];
    }>;

  beforeAll(async () => {
    stack = await startTestStack(inject("redisUrl"));
    const directory = stack.access.parties;
    const refs = stack.chain.world.shipments.map((s) => s.reference);
    // The oracle's inputs: the operator sees every ledger fact.
    const truths = await inBatches(refs, async (r) => {
      const { data, errors } = await stack.query<Json>(DETAIL, { r });
      expect(errors).toBeUndefined();
      return data!.shipment as Json;
    });
    const id = (ref: { address?: string | null; name?: string | null } | null | undefined) =>
      directory.resolve(ref)?.id;
    facts = truths.map((t) => {
      const bill = t.billOfLading as Json | null;
      const chain = (bill?.endorsementChain ?? []) as Json[];
      const defined = (xs: (string | undefined)[]) => new Set(xs.filter((x): x is string => !!x));
      return {
        reference: t.reference as string,
        truth: t,
        parties: defined([
          t.carrier.scac,
          id(t.shipper),
          id(t.consignee),
          id(t.notifyParty),
          id(bill?.holder),
          id(bill?.beneficiary),
        ]),
        titleParties: defined([
          t.carrier.scac,
          id(bill?.holder),
          id(bill?.beneficiary),
          id(bill?.nominee),
          ...chain.flatMap((c) => [id(c.from), id(c.to)]),
        ]),
        ports: defined([
          t.portOfLoading?.unLocationCode,
          t.portOfDischarge?.unLocationCode,
          ...(t.portCalls ?? []).map((c: Json) => c.location?.unLocationCode),
          ...(t.portEvents ?? []).map((e: Json) => e.location?.unLocationCode),
        ]),
      };
    });
    // The shipment the personas gather around: a negotiable eBL into a Chinese port with a bank in its title.
    const world = stack.chain.world.shipments;
    const story =
      world.find(
        (s) => s.bank && s.portOfDischarge.startsWith("CN") && s.documentKind === "NEGOTIABLE_EBL",
      ) ?? world.find((s) => s.documentKind === "NEGOTIABLE_EBL")!;
    const other = world.find((s) => s.carrierScac !== story.carrierScac)!;
    const storyFacts = facts.find((f) => f.reference === story.reference)!;
    // A bank holding a bill now (on the chain), else one that held one.
    const bankHolding =
      facts.map((f) => id(f.truth.billOfLading?.holder)).find((b) => b && entry(b)?.kind === "BANK") ??
      facts.flatMap((f) => [...f.titleParties]).find((b) => entry(b)?.kind === "BANK")!;
    const customs = directory.ofKind("CUSTOMS").find((c) => c.ports.includes(story.portOfDischarge))!;
    const token = (party: string | null, roles: Role[] = []) => stack.access.token(party, roles);
    const persona = async (name: string, party: string | null, roles: Role[] = []): Promise<Persona> => ({
      name,
      party,
      roles: party === null ? ["operator", ...roles] : roles,
      token: await token(party, roles),
    });
    personas = await Promise.all([
      persona("the shipment's carrier", story.carrierScac),
      persona("another carrier", other.carrierScac),
      persona("the shipper", story.shipper),
      persona("the consignee", story.consignee),
      persona("a bank holding a bill", bankHolding),
      persona("the terminal operator at the port of discharge", `trm-${story.portOfDischarge.toLowerCase()}`),
      persona("customs at the port of discharge", customs.id),
      persona("an analyst at another carrier", other.carrierScac, ["analyst"]),
      persona("the operator", null),
    ]);
    expect(storyFacts.parties.has(story.consignee)).toBe(true);
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it("no credentials, a forged or an expired token: 401 UNAUTHENTICATED and no data; /health stays open", async () => {
    const anonymous = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ shipments(first: 1) { edges { node { shipper { name } } } } }" }),
    });
    expect(anonymous.status).toBe(401);
    const body = (await anonymous.json()) as { data?: unknown; errors: GraphQLError[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions!.code).toBe("UNAUTHENTICATED");
    const [header, payload] = personas[2]!.token.split(".");
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), roles: ["operator"] })).toString("base64url")}.${personas[2]!.token.split(".")[2]}`;
    for (const bad of [tampered, `${personas[2]!.token.slice(0, -4)}AAAA`, "not-a-jwt"]) {
      const response = await fetch(stack.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${bad}` },
        body: JSON.stringify({ query: "{ me { roles } }" }),
      });
      expect(response.status).toBe(401);
    }
    expect((await fetch(stack.gateway.url.replace("/graphql", "/health"))).status).toBe(200);
  });

  it("me answers who the caller is; parties lists the directory", async () => {
    for (const p of personas) {
      const { data, errors } = await ask(p, "{ me { party { id kind } roles } parties { id name kind } }");
      expect(errors).toBeUndefined();
      expect(data!.me.party?.id ?? null).toBe(p.party);
      expect(data!.me.roles).toEqual(p.roles);
      expect(data!.parties.map((x: Json) => x.id)).toContain("MAEU");
    }
  });

  it("every field of the tracking and ownership queries, for every persona and shipment: visible or FORBIDDEN as the policy says, 0 leaks", async () => {
    let leaks = 0;
    let checked = 0;
    const fail = (p: Persona, f: Facts, field: string, why: string) => {
      leaks++;
      throw new Error(`${p.name} / ${f.reference} / ${field}: ${why}`);
    };
    for (const p of personas) {
      await inBatches(facts, async (f) => {
        const { data, errors = [] } = await ask(p, DETAIL, { r: f.reference });
        const got = data?.shipment as Json;
        expect(got, `${p.name} ${f.reference}`).toBeTruthy();
        const forbiddenAt = (path: string) =>
          errors.some((e) => e.extensions?.code === "FORBIDDEN" && e.path?.join(".") === path);
        const expectVisible = (field: string, expected: unknown, actual: unknown) => {
          checked++;
          if (JSON.stringify(actual) !== JSON.stringify(expected))
            fail(p, f, field, "differs from the ledger");
        };
        const expectForbidden = (field: string, path: string, actual: unknown, present: boolean) => {
          checked++;
          if (actual !== null && actual !== undefined) fail(p, f, field, `leaked ${JSON.stringify(actual)}`);
          if (present && !forbiddenAt(path)) fail(p, f, field, "null without FORBIDDEN");
        };
        for (const field of PUBLIC) expectVisible(field, f.truth[field], got[field]);
        for (const field of COMMERCIAL) {
          if (isParty(p, f)) expectVisible(field, f.truth[field], got[field]);
          else expectForbidden(field, `shipment.${field}`, got[field], f.truth[field] !== null);
        }
        // Port facts: all to the parties; to an authority, those at its port; vessel moves to anyone.
        const terminalAt = (port: string | null | undefined) => isAuthority(p, "TERMINAL_OPERATOR", port);
        const customsAt = (port: string | null | undefined) => isAuthority(p, "CUSTOMS", port);
        const anyPort = (check: (port: string) => boolean) => [...f.ports].some(check);
        const portEvents = ((f.truth.portEvents ?? []) as Json[]).filter(
          (e) =>
            isParty(p, f) ||
            e.eventType === "TRANSPORT" ||
            terminalAt(e.location?.unLocationCode) ||
            customsAt(e.location?.unLocationCode),
        );
        expectVisible("portEvents", f.truth.portEvents === null ? null : portEvents, got.portEvents);
        const customs = f.truth.customs as Json | null;
        if (customs && !isParty(p, f) && !customsAt(customs.location?.unLocationCode))
          expectForbidden("customs", "shipment.customs", got.customs, true);
        else expectVisible("customs", customs, got.customs);
        expectVisible(
          "customsDeclarations",
          f.truth.customsDeclarations === null
            ? null
            : (f.truth.customsDeclarations as Json[]).filter(
                (c) => isParty(p, f) || customsAt(c.location?.unLocationCode),
              ),
          got.customsDeclarations,
        );
        const mayRelease = isParty(p, f) || anyPort((port) => terminalAt(port) || customsAt(port));
        if (f.truth.portRelease && !mayRelease)
          expectForbidden("portRelease", "shipment.portRelease", got.portRelease, true);
        else expectVisible("portRelease", f.truth.portRelease, got.portRelease);
        expectVisible(
          "portReleases",
          f.truth.portReleases === null ? null : mayRelease ? f.truth.portReleases : [],
          got.portReleases,
        );
        const mayFees = isParty(p, f) || anyPort(terminalAt);
        expectVisible(
          "portFees",
          f.truth.portFees === null ? null : mayFees ? f.truth.portFees : [],
          got.portFees,
        );
        // The merged timeline: everything to the parties; vessel moves and the authority's own port events to others.
        const events = (f.truth.events as Json[]).filter(
          (e) =>
            isParty(p, f) ||
            e.eventType === "TRANSPORT" ||
            (e.sources.some((s: Json) => s.kind === "ANTCHAIN") &&
              (terminalAt(e.location?.unLocationCode) || customsAt(e.location?.unLocationCode))),
        );
        expectVisible("events", events, got.events);
        const bill = f.truth.billOfLading as Json | null;
        if (bill) {
          for (const field of ["documentHash", "titleStatus", "verification"])
            expectVisible(`billOfLading.${field}`, bill[field], got.billOfLading[field]);
          expectVisible("verdict.status", bill.verdict.status, got.billOfLading.verdict.status);
          // A sea waybill's store holds no title (titleStatus null): its title fields are empty for anyone.
          for (const field of TITLE) {
            if (isTitleParty(p, f) || bill.titleStatus === null)
              expectVisible(`billOfLading.${field}`, bill[field], got.billOfLading[field]);
            else
              expectForbidden(
                `billOfLading.${field}`,
                `shipment.billOfLading.${field}`,
                got.billOfLading[field],
                bill[field] !== null,
              );
          }
          (bill.verdict.integrity.conflicts as Json[]).forEach((c, i) => {
            const gotConflict = got.billOfLading.verdict.integrity.conflicts[i];
            expectVisible("conflict.kind", c.kind, gotConflict.kind);
            if (isParty(p, f) || isTitleParty(p, f))
              expectVisible("conflict.description", c.description, gotConflict.description);
            else
              expectForbidden(
                "conflict.description",
                `shipment.billOfLading.verdict.integrity.conflicts.${i}.description`,
                gotConflict.description,
                true,
              );
          });
        }
      });
    }
    expect(leaks).toBe(0);
    expect(checked).toBeGreaterThan(personas.length * facts.length * 20);
  });

  it("identical queries in flight at once, by every persona: each gets exactly its answer alone (the gateway shares executions only within a caller)", async () => {
    const story = facts.find((f) => f.truth.billOfLading) ?? facts[0]!;
    const alone = await Promise.all(personas.map((p) => ask(p, DETAIL, { r: story.reference })));
    const metric = async () => {
      const text = await (await fetch(new URL("/metrics", stack.gateway.url))).text();
      return Number(/^tradegraph_operations_shared_total(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const sharedBefore = await metric();
    // Every persona's query four times, all sent before any is answered.
    const burst = await Promise.all(
      personas.flatMap((p, i) =>
        [0, 1, 2, 3].map(async () => ({ i, answer: await ask(p, DETAIL, { r: story.reference }) })),
      ),
    );
    // Errors arrive in the order the plan's parallel fetches finish: compared as a set.
    const canonical = (answer: Json) =>
      JSON.stringify({
        data: answer.data,
        errors: ((answer.errors ?? []) as GraphQLError[])
          .map((e) => JSON.stringify([e.path, e.extensions?.code, e.message]))
          .sort(),
      });
    for (const { i, answer } of burst)
      expect(canonical(answer), personas[i]!.name).toBe(canonical(alone[i]!));
    // The burst did share (else this test would prove nothing about sharing).
    expect(await metric()).toBeGreaterThan(sharedBefore);

    // GATEWAY_SHARE_IN_FLIGHT=off: the same burst, each request executed and fetched on its own.
    const unshared = await startGateway({
      access: stack.access.gateway,
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: stack.subgraphUrls,
      host: "127.0.0.1",
      port: 0,
      shareInFlight: false,
    });
    try {
      const askUnshared = async (p: Persona) =>
        (await fetch(unshared.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${p.token}` },
          body: JSON.stringify({ query: DETAIL, variables: { r: story.reference } }),
        }).then((r) => r.json())) as Json;
      const again = await Promise.all(
        personas.flatMap((p, i) => [0, 1].map(async () => ({ i, answer: await askUnshared(p) }))),
      );
      for (const { i, answer } of again)
        expect(canonical(answer), personas[i]!.name).toBe(canonical(alone[i]!));
      const text = await (await fetch(new URL("/metrics", unshared.url))).text();
      expect(text).toMatch(/^tradegraph_operations_shared_total(\{[^}]*\})? 0$/m);
      expect(text).not.toMatch(/^tradegraph_subgraph_fetches_shared_total\{/m);
    } finally {
      await unshared.close();
    }
  });

  it("every list shows exactly the records the persona may see, and totalCount counts only those", async () => {
    const refs = facts.map((f) => f.reference);
    const billFacts = facts.filter((f) => f.truth.billOfLading);
    const hashes = billFacts.map((f) => f.truth.billOfLading.documentHash as string);
    // Titles exist on token registries only (a sea waybill's document store holds no title): the operator
    // sees every title there is; each persona those it is a party to.
    const titles = (
      await stack.query<Json>(
        `query($h: [String!]!) { billsOfLading(documentHashes: $h) { documentHash } }`,
        {
          h: hashes,
        },
      )
    ).data!.billsOfLading as (Json | null)[];
    for (const p of personas) {
      const expected = facts.filter((f) => listable(p, f)).map((f) => f.reference);
      const { data, errors } = await ask(
        p,
        `query($refs: [String!]!, $hashes: [String!]!, $asOf: DateTime) {
          shipments(first: 500) { totalCount edges { node { reference } } }
          asOf: shipments(first: 500, asOf: $asOf) { totalCount edges { node { reference } } }
          shipmentsByReference(references: $refs) { reference }
          billsOfLading(documentHashes: $hashes) { documentHash }
        }`,
        { refs, hashes, asOf: new Date().toISOString() },
      );
      expect(errors, p.name).toBeUndefined();
      // As of an instant, the same rule: the rows of then, only those the caller may see.
      expect((data!.asOf.edges as Json[]).map((e) => e.node.reference).sort(), `${p.name}: asOf`).toEqual(
        [...expected].sort(),
      );
      expect(data!.asOf.totalCount).toBe(expected.length);
      const listed = (data!.shipments.edges as Json[]).map((e) => e.node.reference).sort();
      expect(listed, `${p.name}: shipments`).toEqual([...expected].sort());
      expect(data!.shipments.totalCount, `${p.name}: totalCount`).toBe(expected.length);
      expect(
        (data!.shipmentsByReference as (Json | null)[]).map((s) => s?.reference ?? null),
        `${p.name}: shipmentsByReference`,
      ).toEqual(refs.map((r) => (expected.includes(r) ? r : null)));
      const titleVisible = billFacts.map((f, i) =>
        titles[i] && isTitleParty(p, f) ? titles[i]!.documentHash : null,
      );
      expect(
        (data!.billsOfLading as (Json | null)[]).map((b) => b?.documentHash ?? null),
        `${p.name}: billsOfLading`,
      ).toEqual(titleVisible);
    }
  });

  it("verifyDocument of a presented document answers any authenticated caller alike", async () => {
    const doc = stack.chain.documents.find((d) => d.kind === "TOKEN_REGISTRY")!;
    const document = JSON.parse(readFileSync(doc.path, "utf8")) as Json;
    const query = `query($d: JSON!) { verifyDocument(document: $d) { valid status fragments { type status } } }`;
    const expected = (await ask(personas.at(-1)!, query, { d: document })).data;
    for (const p of personas) expect((await ask(p, query, { d: document })).data, p.name).toEqual(expected);
  });

  it("crosswalk and a container's shipments never reveal a B/L the caller may not see", async () => {
    for (const p of personas) {
      for (const f of facts.slice(0, 8)) {
        const container = (f.truth.equipment as Json[])[0]?.reference as string | undefined;
        const { data, errors } = await ask(
          p,
          `query($id: String!, $c: String!) { crosswalk(identifier: $id) { canonical } equipment(reference: $c) { shipments { reference } } }`,
          { id: f.reference, c: container ?? "CSNU1234565" },
        );
        expect(errors, p.name).toBeUndefined();
        expect(data!.crosswalk?.canonical ?? null, `${p.name} crosswalk ${f.reference}`).toBe(
          listable(p, f) ? f.reference : null,
        );
        for (const s of data!.equipment.shipments as Json[])
          expect(
            listable(
              p,
              facts.find((x) => x.reference === s.reference)!,
            ),
            `${p.name} container`,
          ).toBe(true);
        if (container && listable(p, f))
          expect((data!.equipment.shipments as Json[]).map((s) => s.reference)).toContain(f.reference);
      }
    }
  });

  it("aggregates are the analyst's: statistics answer for the analyst and the operator, FORBIDDEN for the rest", async () => {
    const query = `{ portStatistics(port: "CNSHA", from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z") { shipments }
      laneStatistics(from: "2025-12-01T00:00:00Z", to: "2026-12-01T00:00:00Z") { shipments }
      titleStatistics(from: "2025-12-01T00:00:00Z", to: "2026-12-01T00:00:00Z") { ebls } }`;
    const operator = await ask(personas.at(-1)!, query);
    for (const p of personas) {
      const { data, errors } = await ask(p, query);
      if (p.roles.includes("analyst") || isOperator(p)) {
        expect(errors, p.name).toBeUndefined();
        expect(data).toEqual(operator.data);
      } else {
        expect(data, p.name).toBeNull();
        expect(new Set(errors!.map((e) => e.extensions?.code))).toEqual(new Set(["FORBIDDEN"]));
      }
    }
  });
  it("subgraphs trust only the gateway: unsigned, tampered, stale or re-signed-by-a-stranger requests get 401 before any GraphQL runs", async () => {
    const subgraphs = {
      evm: stack.evmSubgraph,
      fabric: stack.fabricSubgraph,
      antchain: stack.antchainSubgraph,
      interop: stack.interopSubgraph,
      analytics: stack.analyticsSubgraph,
    };
    // The forged call of the issue: an invented Shipment representation, asking interop for its status.
    const forged = JSON.stringify({
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Shipment { status } } }`,
      variables: {
        r: [
          {
            __typename: "Shipment",
            reference: "FAKE000000001",
            carrierEventLog: [],
            portEventLog: [],
            portOfDischarge: { unLocationCode: "CNSHA" },
            carrierReleaseRecord: { status: "RELEASED", releasedAt: "2026-01-01T00:00:00Z" },
            portReleaseRecord: null,
            customsRecord: null,
          },
        ],
      },
    });
    const operator = encodePrincipal({ subject: "operator", party: null, roles: ["operator"] });
    const post = (url: string, body: string, headers: Record<string, string> = {}) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    for (const [name, server] of Object.entries(subgraphs)) {
      const unsigned = await post(server.url, JSON.stringify({ query: "{ __typename }" }));
      expect(unsigned.status, name).toBe(401);
      const body = (await unsigned.json()) as { data?: unknown; errors: GraphQLError[] };
      expect(body.data, name).toBeUndefined();
      expect(body.errors[0]!.extensions!.code, name).toBe("UNAUTHENTICATED");
    }
    const url = subgraphs.interop.url;
    expect((await post(url, forged)).status).toBe(401);
    // Signed for another body (tampered in flight), or too old, or with a stranger's secret.
    const signed = signSubgraphRequest(stack.access.proofSecret, operator, forged);
    expect((await post(url, forged.replace("FAKE", "FAKF"), signed)).status).toBe(401);
    const stale = signSubgraphRequest(stack.access.proofSecret, operator, forged, Date.now() - 5 * 60_000);
    expect((await post(url, forged, stale)).status).toBe(401);
    const stranger = signSubgraphRequest(Buffer.alloc(32, 7), operator, forged);
    expect((await post(url, forged, stranger)).status).toBe(401);
    // A principal swapped under a valid signature is a tampered request too.
    const other = encodePrincipal({ subject: "x", party: "MAEU", roles: [] });
    expect((await post(url, forged, { ...signed, "x-tradegraph-principal": other })).status).toBe(401);
    // The gateway's own proof is accepted (the harness holds its secret): the check is not a blanket refusal.
    const genuine = await post(url, forged, signSubgraphRequest(stack.access.proofSecret, operator, forged));
    expect(genuine.status).toBe(200);
  });

  it("an alias bomb, a 12-deep cycle and an oversized list are refused with their codes before any subgraph is called", async () => {
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
      const operatorPersona = personas.at(-1)!;
      const ref = facts[0]!.reference;
      const bomb = `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: me { roles }`).join(" ")} }`;
      const cycle = `{ shipment(reference: "${ref}") { equipment { shipments { equipment { shipments { equipment { shipments { equipment { shipments { equipment { shipments { reference } } } } } } } } } } } }`;
      const refs = Array.from({ length: 1000 }, (_, i) => `MAEU${String(i).padStart(9, "0")}`);
      const oversized = `query($refs: [String!]!) { shipmentsByReference(references: $refs) { events { eventID sources { network blockNumber transactionId } } equipment { shipments { events { eventID } } } } }`;
      const codeOf = async (query: string, variables: Json = {}) => {
        const response = await fetch(stack.gateway.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${operatorPersona.token}` },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as { data?: unknown; errors?: GraphQLError[] };
        expect(body.data ?? null).toBeNull();
        return body.errors?.[0]?.extensions?.code;
      };
      expect(["TOO_MANY_ALIASES", "TOO_MANY_TOKENS"]).toContain(await codeOf(bomb));
      expect(await codeOf(cycle)).toBe("QUERY_TOO_DEEP");
      expect(await codeOf(oversized, { refs })).toBe("QUERY_TOO_COSTLY");
      expect(subgraphRequests).toBe(0);
    } finally {
      for (const s of servers) s.server.off("request", count);
    }
  });

  it("rate limits per principal in Redis: RATE_LIMITED with Retry-After, other principals unaffected", async () => {
    const limiter = createRateLimiter(stack.redis, {
      points: 3,
      windowSeconds: 60,
      // Its own counters: the stack's gateway keeps its (generous) budget under `${prefix}ratelimit`.
      keyPrefix: `${stack.prefix}ratelimit-small`,
    });
    const gw = await startGateway({
      access: { ...stack.access.gateway, rateLimit: (p) => limiter.consume(p.subject) },
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { interop: stack.interopSubgraph.url },
      host: "127.0.0.1",
      port: 0,
    });
    try {
      const call = (token: string) =>
        fetch(gw.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: "{ me { roles } }" }),
        });
      const [shipper, consignee] = [personas[2]!, personas[3]!];
      for (let i = 0; i < 3; i++) expect((await call(shipper.token)).status).toBe(200);
      const limited = await call(shipper.token);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await limited.json()) as { errors: GraphQLError[] }).errors[0]!.extensions!.code).toBe(
        "RATE_LIMITED",
      );
      expect((await call(consignee.token)).status).toBe(200);
    } finally {
      await gw.close();
    }
  });

  it("CORS: an allowed origin's preflight gets 204 and its headers, another origin's 403", async () => {
    const preflight = (origin: string) =>
      fetch(stack.gateway.url, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type",
        },
      });
    const allowed = await preflight(TEST_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(TEST_ORIGIN);
    expect(allowed.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    expect((await preflight("https://evil.example")).status).toBe(403);
    const actual = await fetch(stack.gateway.url, {
      method: "POST",
      headers: {
        origin: TEST_ORIGIN,
        "content-type": "application/json",
        authorization: `Bearer ${personas[0]!.token}`,
      },
      body: JSON.stringify({ query: "{ me { roles } }" }),
    });
    expect(actual.headers.get("access-control-allow-origin")).toBe(TEST_ORIGIN);
  });

  it("an API key (stored only as a hash) authenticates as its party; a revoked or unknown key does not", async () => {
    const consignee = personas[3]!;
    const { key } = createApiKey(stack.access.apiKeysFile, { party: consignee.party!, roles: [] });
    // The secret is everything after `tg_<16 hex id>_` (base64url may itself hold "_").
    const secret = key.slice("tg_".length + 16 + 1);
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(readFileSync(stack.access.apiKeysFile, "utf8")).not.toContain(secret);
    const me = async (apiKey: string) =>
      fetch(stack.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": apiKey },
        body: JSON.stringify({ query: "{ me { party { id } } }" }),
      });
    await expect
      .poll(async () => ((await (await me(key)).json()) as Json).data?.me?.party?.id, { timeout: 5000 })
      .toBe(consignee.party);
    expect((await me(`${key.slice(0, -3)}abc`)).status).toBe(401);
  });
  it("a report is a list too: the shipments CSV export as the shipper holds its shipments only", async () => {
    const { execFile } = await import("node:child_process");
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const shipper = personas[2]!;
    const out = join(mkdtempSync(join(tmpdir(), "tg-access-report-")), "mine.json");
    await new Promise<void>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          "bin/tradegraph.mjs",
          "report",
          "shipments",
          "--format",
          "json",
          "--out",
          out,
          "--gateway",
          stack.gateway.url,
        ],
        { encoding: "utf8", timeout: 60_000, env: { ...process.env, TRADEGRAPH_TOKEN: shipper.token } },
        (error, _stdout, stderr) => (error ? reject(new Error(stderr || String(error))) : resolve()),
      ),
    );
    const rows = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { reference: string }).reference)
      .sort();
    expect(rows).toEqual(
      facts
        .filter((f) => listable(shipper, f))
        .map((f) => f.reference)
        .sort(),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(facts.length);
  });
});
