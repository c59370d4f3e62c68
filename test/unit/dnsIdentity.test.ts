import { Resolver } from "node:dns/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDnsServer, type RunningDnsServer } from "../../networks/dns/server.ts";
import {
  createDnsTxtResolver,
  dnsTxtIdentity,
  parseOpenAttestationRecord,
} from "../../verification/identity.ts";
import type { DocumentIssuer } from "../../verification/wrappedDocument.ts";

const REGISTRY = "0x1111111111111111111111111111111111111111";
const STORE = "0x2222222222222222222222222222222222222222";
const OTHER = "0x3333333333333333333333333333333333333333";
const issuer = (address: string, location: string | null, type = "DNS-TXT"): DocumentIssuer => ({
  name: "COSCO",
  tokenRegistry: address as `0x${string}`,
  documentStore: null,
  identityProof: { type, location },
});

describe("DNS-TXT issuer identity through a local authoritative DNS server", () => {
  let dns: RunningDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer({
      host: "127.0.0.1",
      port: 0,
      zones: ["carriers.tradegraph.example"],
      records: [
        {
          name: "cosu.carriers.tradegraph.example",
          data: `openatts net=ethereum netId=31337 addr=${REGISTRY}`,
        },
        { name: "cosu.carriers.tradegraph.example", data: `openatts net=ethereum netId=31337 addr=${STORE}` },
        { name: "cosu.carriers.tradegraph.example", data: "v=spf1 -all" },
        {
          name: "long.carriers.tradegraph.example",
          data: `openatts net=ethereum netId=1 addr=${REGISTRY} ${"x".repeat(400)}`,
        },
      ],
    });
  });
  afterAll(async () => dns?.close());

  it("answers TXT questions as any resolver asks them: Node's own resolver, over UDP", async () => {
    const resolver = new Resolver();
    resolver.setServers([dns.address]);
    const records = (await resolver.resolveTxt("cosu.carriers.tradegraph.example")).map((r) => r.join(""));
    expect(records).toEqual(
      expect.arrayContaining([
        `openatts net=ethereum netId=31337 addr=${REGISTRY}`,
        `openatts net=ethereum netId=31337 addr=${STORE}`,
        "v=spf1 -all",
      ]),
    );
    // A record over 255 bytes travels as several character-strings and is joined back whole.
    const long = await resolver.resolveTxt("long.carriers.tradegraph.example");
    expect(long[0]!.length).toBeGreaterThan(1);
    expect(long[0]!.join("")).toHaveLength(`openatts net=ethereum netId=1 addr=${REGISTRY} `.length + 400);
    await expect(resolver.resolveTxt("nobody.carriers.tradegraph.example")).rejects.toMatchObject({
      code: "ENOTFOUND",
    });
    await expect(resolver.resolveTxt("example.com")).rejects.toMatchObject({ code: "EREFUSED" });
  });

  it("parses records as OpenAttestation's dnsprove does", () => {
    expect(parseOpenAttestationRecord(`"openatts net=ethereum netId=3 addr=${REGISTRY}"`)).toEqual({
      type: "openatts",
      net: "ethereum",
      netId: "3",
      addr: REGISTRY,
    });
    expect(parseOpenAttestationRecord("v=spf1 -all")).toBeNull();
  });

  it("proves every issuer: VALID only when each names a record with its address and the chain id", async () => {
    const identity = dnsTxtIdentity(createDnsTxtResolver({ servers: [dns.address] }));
    const location = "cosu.carriers.tradegraph.example";
    const [valid] = await identity.forDocument([issuer(REGISTRY, location)], 31337);
    expect(valid).toMatchObject({
      type: "ISSUER_IDENTITY",
      name: "OpenAttestationDnsTxtIdentityProof",
      status: "VALID",
      data: [{ status: "VALID", location, value: REGISTRY }],
    });
    const [wrongChain] = await identity.forDocument([issuer(REGISTRY, location)], 1);
    expect(wrongChain).toMatchObject({ status: "INVALID", code: 4, codeString: "MATCHING_RECORD_NOT_FOUND" });
    // Two issuers: the second's address is on no record, so the document's identity is INVALID.
    const [second] = await identity.forDocument([issuer(REGISTRY, location), issuer(OTHER, location)], 31337);
    expect(second).toMatchObject({
      status: "INVALID",
      reason: `Matching DNS record not found for ${OTHER}`,
    });
    expect((second!.data as { status: string }[]).map((d) => d.status)).toEqual(["VALID", "INVALID"]);
    // A name with no records at all is not a proof either.
    const [nowhere] = await identity.forDocument(
      [issuer(REGISTRY, "nobody.carriers.tradegraph.example")],
      31337,
    );
    expect(nowhere).toMatchObject({ status: "INVALID", codeString: "MATCHING_RECORD_NOT_FOUND" });
    const [noLocation] = await identity.forDocument([issuer(REGISTRY, null)], 31337);
    expect(noLocation).toMatchObject({ status: "ERROR", codeString: "INVALID_ISSUERS" });
    const skipped = await identity.forDocument([issuer(REGISTRY, location, "DID")], 31337);
    expect(skipped.map((f) => [f.name, f.status])).toEqual([
      ["OpenAttestationDnsTxtIdentityProof", "SKIPPED"],
      ["OpenAttestationDnsDidIdentityProof", "SKIPPED"],
    ]);
  });

  it("is ERROR, never INVALID, when DNS cannot be asked", async () => {
    const silent = await startDnsServer({ host: "127.0.0.1", port: 0, zones: ["x.example"], records: [] });
    const address = silent.address;
    await silent.close(); // nothing listens there now
    const identity = dnsTxtIdentity(createDnsTxtResolver({ servers: [address], timeoutMs: 200, tries: 1 }));
    const [down] = await identity.forDocument([issuer(REGISTRY, "cosu.carriers.tradegraph.example")], 31337);
    expect(down).toMatchObject({ status: "ERROR", reason: "Unable to query DNS" });
  });
});
