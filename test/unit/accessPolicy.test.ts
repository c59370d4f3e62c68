import { readFileSync } from "node:fs";
import {
  isObjectType,
  Kind,
  parse,
  type ConstDirectiveNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from "graphql";
import { describe, expect, it } from "vitest";
import { signSubgraphRequest, verifySubgraphRequest, encodePrincipal } from "../../access/gatewayProof.ts";
import { PartyDirectory } from "../../access/partyDirectory.ts";
import {
  isPublicMilestone,
  isShipmentParty,
  isTitleParty,
  mayListShipment,
  maySeeAggregates,
  maySeePortFact,
  POLICIES,
  type Caller,
} from "../../access/policy.ts";
import { ROLES, type Principal } from "../../access/principal.ts";
import type { ShipmentAccess } from "../../access/shipmentAccess.ts";
import { composeSupergraph } from "../../schema/composeSupergraph.ts";
import { SUBGRAPHS } from "../../schema/subgraphs.ts";
import { resolvers as analytics } from "../../subgraphs/analytics/resolvers/index.ts";
import { resolvers as antchain } from "../../subgraphs/antchain/resolvers/index.ts";
import { resolvers as evm } from "../../subgraphs/evm/resolvers/index.ts";
import { resolvers as fabric } from "../../subgraphs/fabric/resolvers/index.ts";
import { resolvers as interop } from "../../subgraphs/interop/resolvers/index.ts";
import { buildPartyDirectory } from "../../world/partyDirectory.ts";
import { cachedAccessDirectory } from "../../access/cachedDirectory.ts";

const RESOLVERS: Record<string, Record<string, Record<string, unknown>>> = {
  analytics,
  antchain,
  evm,
  fabric,
  interop,
} as never;
const AUTH_DIRECTIVES = new Set(["authenticated", "policy", "requiresScopes"]);

interface FieldAccess {
  subgraph: string;
  typeDirectives: readonly ConstDirectiveNode[];
  fieldDirectives: readonly ConstDirectiveNode[];
  external: boolean;
}

/** Every `Type.field` each subgraph defines, with the directives on the field and on its type. */
function subgraphFields(): Map<string, FieldAccess[]> {
  const fields = new Map<string, FieldAccess[]>();
  for (const s of SUBGRAPHS) {
    const doc = parse(readFileSync(s.schemaFile, "utf8"));
    for (const def of doc.definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      const type = def as ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
      for (const field of type.fields ?? []) {
        const key = `${type.name.value}.${field.name.value}`;
        fields.set(key, [
          ...(fields.get(key) ?? []),
          {
            subgraph: s.name,
            typeDirectives: type.directives ?? [],
            fieldDirectives: field.directives ?? [],
            external: (field.directives ?? []).some((d) => d.name.value === "external"),
          },
        ]);
      }
    }
  }
  return fields;
}

const names = (directives: readonly ConstDirectiveNode[]) => directives.map((d) => d.name.value);
const stringsIn = (directive: ConstDirectiveNode): string[] => {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const n = node as { kind?: string; value?: unknown; values?: unknown[] };
    if (n.kind === Kind.STRING) out.push(n.value as string);
    for (const v of n.values ?? []) walk(v);
  };
  for (const arg of directive.arguments ?? []) walk(arg.value);
  return out;
};

describe("the API schema declares who may see every field", () => {
  const fields = subgraphFields();
  const api = composeSupergraph(process.cwd());
  const apiSchema = parse(api.apiSdl);

  it("every field of the API is covered by @authenticated, @policy or @requiresScopes where it is resolved", () => {
    const uncovered: string[] = [];
    let walked = 0;
    for (const def of apiSchema.definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      for (const field of def.fields ?? []) {
        walked++;
        const key = `${def.name.value}.${field.name.value}`;
        const owners = (fields.get(key) ?? []).filter((f) => !f.external);
        if (owners.length === 0) uncovered.push(`${key} (defined nowhere?)`);
        for (const owner of owners) {
          const covered = [...names(owner.fieldDirectives), ...names(owner.typeDirectives)].some((d) =>
            AUTH_DIRECTIVES.has(d),
          );
          if (!covered) uncovered.push(`${key} in ${owner.subgraph}`);
        }
      }
    }
    expect(uncovered).toEqual([]);
    expect(walked).toBeGreaterThan(150);
  });

  it("every @policy names a policy the subgraphs enforce, every @requiresScopes a role that exists", () => {
    const known = new Set<string>(Object.values(POLICIES));
    for (const [key, owners] of fields)
      for (const owner of owners)
        for (const d of [...owner.fieldDirectives, ...owner.typeDirectives]) {
          if (d.name.value === "policy")
            for (const p of stringsIn(d)) expect(known.has(p), `${key}: unknown policy ${p}`).toBe(true);
          if (d.name.value === "requiresScopes")
            for (const r of stringsIn(d))
              expect((ROLES as readonly string[]).includes(r), `${key}: unknown role ${r}`).toBe(true);
        }
  });

  it("every field under @policy or @requiresScopes has a resolver of its own (a default resolver enforces nothing)", () => {
    const missing: string[] = [];
    for (const [key, owners] of fields) {
      const [type, field] = key.split(".") as [string, string];
      for (const owner of owners) {
        if (!names(owner.fieldDirectives).some((d) => d === "policy" || d === "requiresScopes")) continue;
        if (typeof RESOLVERS[owner.subgraph]?.[type]?.[field] !== "function")
          missing.push(`${key} in ${owner.subgraph}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("the committed supergraph carries the policy (a router that enforces it loads it as it is)", () => {
    const supergraph = readFileSync("schema/supergraph.graphql", "utf8");
    for (const link of ["authenticated", "requiresScopes", "policy"])
      expect(supergraph).toContain(`https://specs.apollo.dev/${link}/v0.1", for: SECURITY`);
    expect(isObjectType).toBeTypeOf("function");
  });
});

describe("policy decisions", () => {
  const directory = new PartyDirectory(buildPartyDirectory({ carriers: new Map(), parties: new Map() }));
  const caller = (party: string | null, roles: Principal["roles"] = []): Caller => ({
    principal: {
      subject: party ?? "operator",
      party,
      roles: party === null ? ["operator", ...roles] : roles,
    },
    party: party ? (directory.get(party) ?? null) : null,
  });
  const shipment: ShipmentAccess = {
    reference: "MAEU123456789",
    carrier: "MAEU",
    parties: ["MAEU", "shp-saic", "cne-tesla", "bnk-boc"],
    titleParties: ["MAEU", "shp-saic", "bnk-boc", "bnk-hsbc"],
    ports: ["CNSHA", "DEHAM"],
  };

  it.each([
    ["MAEU", true],
    ["COSU", false],
    ["shp-saic", true],
    ["cne-tesla", true],
    ["bnk-hsbc", false], // held title once: sees the title, not the commercial record
    ["trm-cnsha", false],
    [null, true],
  ])("shipment parties: %s -> %s", (party, expected) => {
    expect(isShipmentParty(caller(party), shipment)).toBe(expected);
  });

  it.each([
    ["trm-cnsha", "EVENT", "CNSHA", true],
    ["trm-cnsha", "EVENT", "DEHAM", false],
    ["trm-cnsha", "CUSTOMS", "CNSHA", false],
    ["trm-cnsha", "FEE", null, true],
    ["cus-cn", "CUSTOMS", "CNSHA", true],
    ["cus-cn", "FEE", null, false],
    ["cus-eu", "RELEASE", null, true], // DEHAM is the EU's
    ["cus-us", "RELEASE", null, false],
    ["COSU", "EVENT", "CNSHA", false],
  ] as const)("port fact for %s: %s at %s -> %s", (party, kind, port, expected) => {
    expect(maySeePortFact(caller(party), shipment, kind, port)).toBe(expected);
  });

  it("titles, lists, aggregates and public milestones", () => {
    expect(isTitleParty(caller("bnk-hsbc"), shipment.titleParties)).toBe(true);
    expect(isTitleParty(caller("cne-tesla"), shipment.titleParties)).toBe(false);
    expect(mayListShipment(caller("bnk-hsbc"), shipment)).toBe(true);
    expect(mayListShipment(caller("trm-cnsha"), shipment)).toBe(true);
    expect(mayListShipment(caller("trm-uslax"), shipment)).toBe(false);
    expect(mayListShipment(caller("COSU"), shipment)).toBe(false);
    expect(mayListShipment(caller("COSU"), null)).toBe(false);
    expect(maySeeAggregates(caller("COSU"))).toBe(false);
    expect(maySeeAggregates(caller("COSU", ["analyst"]))).toBe(true);
    expect(isPublicMilestone({ eventType: "TRANSPORT" })).toBe(true);
    expect(isPublicMilestone({ eventType: "EQUIPMENT" })).toBe(false);
  });
});

describe("the gateway's proof", () => {
  const secret = Buffer.alloc(32, 1);
  const principal = encodePrincipal({ subject: "MAEU", party: "MAEU", roles: [] });
  const body = Buffer.from('{"query":"{ __typename }"}');

  it("verifies the exact body, principal and a fresh timestamp, with any current secret", () => {
    const headers = signSubgraphRequest(secret, principal, body, 1_000_000);
    expect(verifySubgraphRequest([secret], headers, body, 1_000_500)).toEqual({
      subject: "MAEU",
      party: "MAEU",
      roles: [],
    });
    // During a rotation the subgraph holds both secrets.
    expect(() =>
      verifySubgraphRequest([Buffer.alloc(32, 2), secret], headers, body, 1_000_500),
    ).not.toThrow();
  });

  it.each([
    ["another body", (h: Record<string, string>) => [h, Buffer.from('{"query":"{ me }"}'), 1_000_500]],
    ["stale", (h: Record<string, string>) => [h, body, 1_000_000 + 61_000]],
    ["from the future", (h: Record<string, string>) => [h, body, 1_000_000 - 61_000]],
    [
      "no signature",
      (h: Record<string, string>) => [{ ...h, "x-tradegraph-signature": "" }, body, 1_000_500],
    ],
    [
      "another principal",
      (h: Record<string, string>) => [
        {
          ...h,
          "x-tradegraph-principal": encodePrincipal({ subject: "x", party: null, roles: ["operator"] }),
        },
        body,
        1_000_500,
      ],
    ],
  ] as const)("refuses %s", (_, alter) => {
    const [headers, b, now] = alter(signSubgraphRequest(secret, principal, body, 1_000_000)) as [
      Record<string, string>,
      Buffer,
      number,
    ];
    expect(() => verifySubgraphRequest([secret], headers, b, now)).toThrow(
      expect.objectContaining({ code: "UNAUTHENTICATED" }),
    );
  });
});

describe("the access directory's per-process cache", () => {
  it("asks once per shipment per TTL, remembers unknown shipments, and forgets the oldest beyond its bound", async () => {
    const asked: string[][] = [];
    const facts = (reference: string): ShipmentAccess => ({
      reference,
      carrier: "MAEU",
      parties: ["MAEU"],
      titleParties: [],
      ports: [],
    });
    let clock = 0;
    const directory = cachedAccessDirectory(
      {
        byReferences: async (refs) => {
          asked.push([...refs]);
          return refs.map((r) => (r.startsWith("MAEU") ? facts(r) : null));
        },
      },
      { ttlMs: 1000, maxEntries: 3, now: () => clock },
    );
    expect(await directory.byReferences(["MAEU1", "COSU1"])).toEqual([facts("MAEU1"), null]);
    expect(await directory.byReferences(["MAEU1", "COSU1", "MAEU2"])).toEqual([
      facts("MAEU1"),
      null,
      facts("MAEU2"),
    ]);
    expect(asked).toEqual([["MAEU1", "COSU1"], ["MAEU2"]]);
    clock = 1000; // expired: asked again
    await directory.byReferences(["MAEU1"]);
    expect(asked.at(-1)).toEqual(["MAEU1"]);
    await directory.byReferences(["MAEU3", "MAEU4"]); // over the bound of 3: the oldest (COSU1) goes
    await directory.byReferences(["COSU1"]);
    expect(asked.at(-1)).toEqual(["COSU1"]);
  });
});
