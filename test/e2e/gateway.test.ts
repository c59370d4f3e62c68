/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed */
import { readFileSync } from "node:fs";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createEvmAdapter } from "../../adapters/evm/index.ts";
import { startGateway } from "../../gateway/server.ts";
import {
  HolderOfBillDocument,
  ShipmentStatusDocument,
  TitlesReportDocument,
  VerifyDocumentDocument,
} from "../../schema/generated/operations.ts";
import { AddressBook } from "../../subgraphs/evm/addressBook.ts";
import { startEvmSubgraph } from "../../subgraphs/evm/server.ts";
import { DocumentStatusChecker } from "../../verification/documentStatus.ts";
import { StatusCache } from "../../verification/statusCache.ts";
import { PARTIES } from "../../world/catalog.ts";
import { startTestStack, type TestStack } from "../support/stack.ts";

describe("the federated gateway answers each user's query from the real networks", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(inject("redisUrl"));
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** The current holder of the eBL transfers holdership to `to` by a signed transaction; the index syncs. */
  const transferHolder = async (doc: { issuer: `0x${string}`; documentHash: `0x${string}` }, to: string) => {
    const { titles } = await stack.evm.readTitles([{ registry: doc.issuer, documentHash: doc.documentHash }]);
    const holder = [...stack.chain.actors.parties.values()].find(
      (p) => p.account.address.toLowerCase() === titles[0]!.holder!.address!.toLowerCase(),
    )!;
    const { artifacts } = await import("../../networks/evm/contracts.ts");
    await stack.chain.clients.walletFor(holder).writeContract({
      address: titles[0]!.escrow as `0x${string}`,
      abi: artifacts.titleEscrow.abi,
      functionName: "transferHolder",
      args: [to as `0x${string}`, "0x"],
      gas: 500_000n,
    });
    await stack.evm.sync();
  };

  const ebl = (outcome: string) =>
    stack.chain.documents.find(
      (d) =>
        d.kind === "TOKEN_REGISTRY" &&
        stack.chain.world.shipments.find((s) => s.reference === d.reference)!.title.at(-1)!.action ===
          outcome,
    )!;

  it("e-commerce platform: shipment status, carrier events and release", async () => {
    const shipment = stack.chain.world.shipments.find((s) => s.events.some((e) => e.code === "RELS"))!;
    const result = await stack.query<any>(print(ShipmentStatusDocument), { reference: shipment.reference });
    expect(result.errors).toBeUndefined();
    const s = result.data!.shipment;
    expect(s).toMatchObject({
      reference: shipment.reference,
      carrier: { scac: shipment.carrierScac },
      portOfLoading: { unLocationCode: shipment.portOfLoading },
      portOfDischarge: { unLocationCode: shipment.portOfDischarge },
    });
    expect(s.carrierRelease.status).toBe("RELEASED");
    expect(s.carrierEvents.map((e: { code: string }) => e.code)).toEqual(
      expect.arrayContaining(["RECE", "DEPA", "ARRI", "DISC", "RELS"]),
    );
    const times = s.carrierEvents.map((e: { eventDateTime: string }) => e.eventDateTime);
    expect(times).toEqual([...times].sort());
  });

  it("a shipment into a Chinese port: carrier events, port events, customs and both releases together, each with provenance", async () => {
    const shipment = stack.chain.world.shipments.find(
      (s) => s.portOfDischarge.startsWith("CN") && s.events.some((e) => e.code === "RELS"),
    )!;
    const result = await stack.query<any>(
      `query($r: String!) { shipment(reference: $r) {
        carrierEvents { code source { network kind transactionId finality } }
        portEvents { code eventDateTime equipmentReference source { network kind blockNumber transactionId finality proven } }
        portCalls { location { unLocationCode } actualArrival source { blockNumber } }
        customs { direction status declaredAt clearedAt history { nativeCode } }
        carrierRelease { status source { kind } }
        portRelease { status releasedTo { name } releasedAt source { kind transactionId proven } }
        equipment { reference terminalEvents { code } }
      } }`,
      { r: shipment.reference },
    );
    expect(result.errors).toBeUndefined();
    const s = result.data!.shipment;
    expect(s.carrierEvents.length).toBeGreaterThan(3);
    expect(
      s.carrierEvents.every((e: any) => e.source.kind === "FABRIC" && e.source.finality === "FINAL"),
    ).toBe(true);
    expect(s.portEvents.map((e: any) => e.code)).toEqual(expect.arrayContaining(["ARRI", "DISC", "GTOT"]));
    expect(
      s.portEvents.every(
        (e: any) =>
          e.source.kind === "ANTCHAIN" &&
          e.source.proven === true &&
          /^[0-9a-f]{64}$/.test(e.source.transactionId),
      ),
    ).toBe(true);
    expect(s.portCalls[0].location.unLocationCode).toBe(shipment.portOfDischarge);
    expect(s.customs).toMatchObject({ direction: "IMPORT", status: "CLEARED" });
    expect(s.carrierRelease).toMatchObject({ status: "RELEASED", source: { kind: "FABRIC" } });
    expect(s.portRelease).toMatchObject({ status: "RELEASED", source: { kind: "ANTCHAIN", proven: true } });
    expect(s.equipment[0].terminalEvents.map((e: any) => e.code)).toEqual(expect.arrayContaining(["DISC"]));
  });

  it("the port network down: port fields are null with NETWORK_UNAVAILABLE, the carrier's record still answers", async () => {
    const shipment = stack.chain.world.shipments.find(
      (s) => s.portOfDischarge.startsWith("CN") && s.events.some((e) => e.code === "RELS"),
    )!;
    const { createAntchainAdapter } = await import("../../adapters/antchain/index.ts");
    const { startAntchainSubgraph } = await import("../../subgraphs/antchain/server.ts");
    const down = createAntchainAdapter({
      url: "http://127.0.0.1:9",
      bizid: "a00e36c5",
      accessId: "x",
      tenantId: "y",
      privateKey: readFileSync(stack.port.network.tenants[1]!.privateKeyPath, "utf8"),
      account: "a",
      kmsKeyId: "k",
      requestTimeoutMs: 500,
      retries: 0,
    });
    const sg = await startAntchainSubgraph({ adapter: down }, "127.0.0.1", 0, stack.access.subgraph);
    const gw = await startGateway({
      access: stack.access.gateway,
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { evm: stack.evmSubgraph.url, fabric: stack.fabricSubgraph.url, antchain: sg.url },
      host: "127.0.0.1",
      port: 0,
    });
    try {
      const response = await fetch(gw.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${stack.operatorToken}` },
        body: JSON.stringify({
          query: `query($r: String!) { shipment(reference: $r) { reference carrierRelease { status } portEvents { code } portRelease { status } } }`,
          variables: { r: shipment.reference },
        }),
      });
      const result = (await response.json()) as {
        data?: Record<string, any>;
        errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[];
      };
      expect(result.data!.shipment).toMatchObject({
        reference: shipment.reference,
        carrierRelease: { status: "RELEASED" },
        portEvents: null,
        portRelease: null,
      });
      expect(result.errors?.find((e) => e.path?.[1] === "portEvents")?.extensions).toMatchObject({
        code: "NETWORK_UNAVAILABLE",
        network: "port-antchain",
      });
    } finally {
      await gw.close();
      await sg.close();
    }
  });

  it("one timeline across networks: the same discharge from carrier and terminal is one event with both sources", async () => {
    const shipment = stack.chain.world.shipments.find(
      (s) => s.portOfDischarge.startsWith("CN") && s.events.some((e) => e.code === "RELS"),
    )!;
    const result = await stack.query<any>(
      `query($r: String!) { shipment(reference: $r) { status statusSince eta { at eventClassifier source { network } } currentLocation { unLocationCode }
        events { code eventClassifier eventDateTime equipmentReference sources { network kind proven } }
        equipmentOnly: events(eventType: EQUIPMENT, codes: ["DISC"]) { code equipmentReference } } }`,
      { r: shipment.reference },
    );
    expect(result.errors).toBeUndefined();
    const s = result.data!.shipment;
    const discharges = s.events.filter((e: any) => e.code === "DISC");
    expect(discharges).toHaveLength(shipment.containers.length);
    for (const d of discharges)
      expect(d.sources.map((x: any) => x.network).sort()).toEqual(["carrier-fabric", "port-antchain"]);
    const arrival = s.events.find((e: any) => e.code === "ARRI" && e.eventClassifier === "ACT");
    expect(arrival.sources).toHaveLength(2);
    const times = s.events.map((e: any) => e.eventDateTime);
    expect(times).toEqual([...times].sort());
    expect(s.equipmentOnly.map((e: any) => e.code)).toEqual(shipment.containers.map(() => "DISC"));
    expect(s.status).toBe(shipment.events.some((e) => e.code === "GTOT") ? "DELIVERED" : "RELEASED");
    expect(s.eta.eventClassifier).toBe("ACT");
    expect(s.currentLocation.unLocationCode).toBe(shipment.portOfDischarge);
  });

  it("status across the world's shipments matches the story", async () => {
    const shipments = stack.chain.world.shipments;
    const result = await stack.query<any>(
      `query($r: [String!]!) { shipmentsByReference(references: $r) { reference status } }`,
      { r: shipments.map((s) => s.reference) },
    );
    expect(result.errors).toBeUndefined();
    result.data!.shipmentsByReference.forEach((got: any, i: number) => {
      const s = shipments[i]!;
      const has = (code: string) => s.events.some((e) => e.code === code && e.classifier === "ACT");
      // Gate-outs are the port network's facts, and it covers Chinese ports only.
      const gatedOut = has("GTOT") && s.portOfDischarge.startsWith("CN");
      const expected = has("RELS")
        ? gatedOut
          ? "DELIVERED"
          : "RELEASED"
        : has("HOLD")
          ? "RELEASE_REFUSED"
          : has("DISC") || has("ARRI")
            ? null
            : has("DEPA")
              ? "IN_TRANSIT|DEPARTED"
              : has("LOAD")
                ? "LOADED"
                : has("GTIN")
                  ? "RECEIVED"
                  : "BOOKED";
      if (expected === null)
        expect(["ARRIVED", "DISCHARGED", "CUSTOMS_HELD", "CUSTOMS_CLEARED"]).toContain(got.status);
      else expect(expected.split("|"), s.reference).toContain(got.status);
    });
  });

  it("the port network down: the timeline still answers from the carrier, marked with the outage", async () => {
    const shipment = stack.chain.world.shipments.find(
      (s) => s.portOfDischarge.startsWith("CN") && s.events.some((e) => e.code === "RELS"),
    )!;
    const { createAntchainAdapter } = await import("../../adapters/antchain/index.ts");
    const { startAntchainSubgraph } = await import("../../subgraphs/antchain/server.ts");
    const down = createAntchainAdapter({
      url: "http://127.0.0.1:9",
      bizid: "a00e36c5",
      accessId: "x",
      tenantId: "y",
      privateKey: readFileSync(stack.port.network.tenants[1]!.privateKeyPath, "utf8"),
      account: "a",
      kmsKeyId: "k",
      requestTimeoutMs: 500,
      retries: 0,
    });
    const sg = await startAntchainSubgraph({ adapter: down }, "127.0.0.1", 0, stack.access.subgraph);
    const gw = await startGateway({
      access: stack.access.gateway,
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: {
        evm: stack.evmSubgraph.url,
        fabric: stack.fabricSubgraph.url,
        antchain: sg.url,
        interop: stack.interopSubgraph.url,
      },
      host: "127.0.0.1",
      port: 0,
    });
    try {
      const response = await fetch(gw.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${stack.operatorToken}` },
        body: JSON.stringify({
          query: `query($r: String!) { shipment(reference: $r) { reference status events { code sources { network } } } }`,
          variables: { r: shipment.reference },
        }),
      });
      const result = (await response.json()) as {
        data?: Record<string, any>;
        errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[];
      };
      expect(result.data!.shipment.reference).toBe(shipment.reference);
      expect(result.data!.shipment.events.length).toBeGreaterThan(3);
      expect(
        result.data!.shipment.events.every((e: any) =>
          e.sources.every((x: any) => x.network === "carrier-fabric"),
        ),
      ).toBe(true);
      expect(
        result.errors?.some(
          (e) => e.extensions?.code === "NETWORK_UNAVAILABLE" && e.extensions?.network === "port-antchain",
        ),
      ).toBe(true);
      expect(JSON.stringify(result)).not.toContain("INVALID");
    } finally {
      await gw.close();
      await sg.close();
    }
  });

  it("one verdict per B/L across networks: every seeded conflict found, no conflict on the clean B/Ls", async () => {
    const ebls = stack.chain.world.shipments.filter(
      (s) => s.documentKind === "NEGOTIABLE_EBL" && s.title.length > 0,
    );
    expect(new Set(ebls.flatMap((s) => s.conflicts))).toEqual(
      new Set([
        "DUPLICATE_TITLE",
        "HASH_MISMATCH",
        "RELEASE_TO_NON_HOLDER",
        "RELEASE_WHILE_TITLE_LIVE",
        "RELEASED_TWICE",
      ]),
    );
    for (const s of ebls) {
      const result = await stack.query<any>(
        `query($r: String) { billOfLading(reference: $r) { verdict { valid status checks { network name status } integrity { consistent conflicts { kind networks } } } } }`,
        { r: s.reference },
      );
      expect(result.errors, s.reference).toBeUndefined();
      const verdict = result.data!.billOfLading.verdict;
      const kinds = verdict.integrity.conflicts.map((c: any) => c.kind);
      if (s.conflicts.length === 0) {
        expect(kinds, s.reference).toEqual([]);
        expect(verdict.status, s.reference).toBe("VALID");
      } else {
        for (const kind of s.conflicts) expect(kinds, s.reference).toContain(kind);
        expect(verdict).toMatchObject({ valid: false, status: "INVALID", integrity: { consistent: false } });
      }
      expect(verdict.checks.map((c: any) => c.name)).toEqual(["TITLE", "CARRIER_RECORD", "PORT_RELEASE"]);
    }
  });

  it("stopping each network in turn: partial data, NETWORK_UNAVAILABLE naming it, ERROR (never INVALID), and recovery", async () => {
    const clean = stack.chain.world.shipments.find(
      (s) =>
        s.documentKind === "NEGOTIABLE_EBL" &&
        s.conflicts.length === 0 &&
        s.portOfDischarge.startsWith("CN") &&
        s.events.some((e) => e.code === "RELS"),
    )!;
    const query = `query($r: String) { billOfLading(reference: $r) { reference titleStatus verdict { status checks { name status } } } }`;
    const { createAntchainAdapter } = await import("../../adapters/antchain/index.ts");
    const { startAntchainSubgraph } = await import("../../subgraphs/antchain/server.ts");
    const downPort = createAntchainAdapter({
      url: "http://127.0.0.1:9",
      bizid: "a00e36c5",
      accessId: "x",
      tenantId: "y",
      privateKey: readFileSync(stack.port.network.tenants[1]!.privateKeyPath, "utf8"),
      account: "a",
      kmsKeyId: "k",
      requestTimeoutMs: 500,
      retries: 0,
    });
    const downEvm = createEvmAdapter({
      rpcUrl: "http://127.0.0.1:9/",
      chainId: 31337,
      titleEscrowFactory: stack.chain.deployment.titleEscrowFactory,
      requestTimeoutMs: 500,
    });
    const cache = new StatusCache(stack.redis, { prefix: `${stack.prefix}outage:` });
    const portDown = await startAntchainSubgraph(
      { adapter: downPort },
      "127.0.0.1",
      0,
      stack.access.subgraph,
    );
    const evmDown = await startEvmSubgraph(
      {
        adapter: downEvm,
        cache,
        checker: new DocumentStatusChecker(downEvm, cache),
        trustList: stack.chain.trustList,
        addressBook: new AddressBook([]),
      },
      "127.0.0.1",
      0,
      stack.access.subgraph,
    );
    const urls = {
      evm: stack.evmSubgraph.url,
      fabric: stack.fabricSubgraph.url,
      antchain: stack.antchainSubgraph.url,
      interop: stack.interopSubgraph.url,
    };
    const ask = async (subgraphUrls: Record<string, string>) => {
      const gw = await startGateway({
        access: stack.access.gateway,
        supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
        subgraphUrls,
        host: "127.0.0.1",
        port: 0,
        subgraphTimeoutMs: 2000,
      });
      try {
        const response = await fetch(gw.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${stack.operatorToken}` },
          body: JSON.stringify({ query, variables: { r: clean.reference } }),
        });
        return (await response.json()) as {
          data?: Record<string, any>;
          errors?: { extensions?: Record<string, unknown> }[];
        };
      } finally {
        await gw.close();
      }
    };
    try {
      const portOut = await ask({ ...urls, antchain: portDown.url });
      expect(portOut.data!.billOfLading.verdict.status).toBe("ERROR");
      expect(
        portOut.data!.billOfLading.verdict.checks.find((c: any) => c.name === "PORT_RELEASE").status,
      ).toBe("ERROR");
      expect(
        portOut.errors?.some(
          (e) => e.extensions?.network === "port-antchain" && e.extensions?.code === "NETWORK_UNAVAILABLE",
        ),
      ).toBe(true);

      const evmOut = await ask({ ...urls, evm: evmDown.url });
      expect(evmOut.data!.billOfLading.reference).toBe(clean.reference);
      expect(evmOut.data!.billOfLading.titleStatus).toBeNull();
      expect(evmOut.data!.billOfLading.verdict.status).toBe("ERROR");
      expect(
        evmOut.errors?.some(
          (e) => e.extensions?.network === "ebl-evm" && e.extensions?.code === "NETWORK_UNAVAILABLE",
        ),
      ).toBe(true);

      // The title subgraph itself unreachable: the carrier's fields still answer, the verdict cannot be formed.
      const subgraphOut = await ask({ ...urls, evm: "http://127.0.0.1:9/graphql" });
      expect(subgraphOut.data!.billOfLading.reference).toBe(clean.reference);
      expect(subgraphOut.data!.billOfLading.verdict).toBeNull();
      expect(
        subgraphOut.errors?.some(
          (e) => e.extensions?.code === "NETWORK_UNAVAILABLE" && e.extensions?.network === "evm",
        ),
      ).toBe(true);

      for (const out of [portOut, evmOut, subgraphOut])
        expect(JSON.stringify(out.data)).not.toContain("INVALID");
      // Recovery: the same gateway set-up with every network back answers VALID, nothing restarted.
      const recovered = await ask(urls);
      expect(recovered.errors).toBeUndefined();
      expect(recovered.data!.billOfLading.verdict.status).toBe("VALID");
    } finally {
      await portDown.close();
      await evmDown.close();
      await downEvm.close();
    }
  });

  it("crosswalk: a B/L as the port writes it, a container as the terminal writes it, a party by address", async () => {
    const shipment = stack.chain.world.shipments.find(
      (s) => s.portOfDischarge.startsWith("CN") && s.events.some((e) => e.code === "RELS"),
    )!;
    const portBill = `${shipment.reference.slice(0, 4)}-${shipment.reference.slice(4)}`;
    const ctn = shipment.containers[0]!.number;
    const bank = stack.chain.actors.parties.get("bnk-boc")!.account.address;
    const result = await stack.query<any>(
      `query($b: String!, $c: String!, $p: String!) {
        bill: crosswalk(identifier: $b) { kind canonical identifiers { network value origin } shipment { reference status carrier { scac } } }
        box: crosswalk(identifier: $c) { kind canonical equipment { reference terminalEvents { code } } }
        party: crosswalk(identifier: $p) { kind canonical identifiers { network scheme value } }
        none: crosswalk(identifier: "nothing") { kind } }`,
      { b: portBill, c: `${ctn.slice(0, 4)} ${ctn.slice(4)}`, p: bank },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.bill).toMatchObject({
      kind: "BILL_OF_LADING",
      canonical: shipment.reference,
      shipment: { reference: shipment.reference, carrier: { scac: shipment.carrierScac } },
    });
    expect(["RELEASED", "DELIVERED"]).toContain(result.data!.bill.shipment.status);
    expect(result.data!.box).toMatchObject({ kind: "CONTAINER", canonical: ctn });
    expect(result.data!.box.equipment.terminalEvents.map((e: any) => e.code)).toContain("DISC");
    expect(result.data!.party).toMatchObject({ kind: "PARTY", canonical: "Bank of China Shanghai Branch" });
    expect(result.data!.none).toBeNull();
    const registry = stack.chain.deployment.registries[shipment.carrierScac]!;
    const carrier = await stack.query<any>(
      `query($a: String!) { crosswalk(identifier: $a) { kind canonical identifiers { network scheme value } } }`,
      { a: registry },
    );
    expect(carrier.data!.crosswalk).toMatchObject({ kind: "CARRIER", canonical: shipment.carrierScac });
    expect(carrier.data!.crosswalk.identifiers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ network: "FABRIC", value: `${shipment.carrierScac}MSP` }),
        expect.objectContaining({ network: "EVM", value: registry }),
      ]),
    );
  });

  it("a slow network answers past its own timeout only: the others' fields arrive", async () => {
    const { createServer } = await import("node:net");
    const sockets: import("node:net").Socket[] = [];
    const hanging = createServer((socket) => sockets.push(socket)); // accepts, never answers
    await new Promise<void>((r) => hanging.listen(0, "127.0.0.1", () => r()));
    const port = (hanging.address() as import("node:net").AddressInfo).port;
    const shipment = stack.chain.world.shipments.find((s) => s.portOfDischarge.startsWith("CN"))!;
    const gw = await startGateway({
      access: stack.access.gateway,
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: {
        evm: stack.evmSubgraph.url,
        fabric: stack.fabricSubgraph.url,
        antchain: `http://127.0.0.1:${port}/graphql`,
        interop: stack.interopSubgraph.url,
      },
      subgraphTimeoutMs: 30_000,
      subgraphTimeoutsMs: { antchain: 500 },
      host: "127.0.0.1",
      port: 0,
    });
    try {
      const started = Date.now();
      const response = await fetch(gw.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${stack.operatorToken}` },
        body: JSON.stringify({
          query: `query($r: String!) { shipment(reference: $r) { reference carrier { scac } portEvents { code } } }`,
          variables: { r: shipment.reference },
        }),
      });
      const result = (await response.json()) as {
        data?: Record<string, any>;
        errors?: { extensions?: Record<string, unknown> }[];
      };
      expect(Date.now() - started).toBeLessThan(3000);
      expect(result.data!.shipment).toMatchObject({
        reference: shipment.reference,
        carrier: { scac: shipment.carrierScac },
        portEvents: null,
      });
      expect(
        result.errors?.some(
          (e) => e.extensions?.code === "NETWORK_UNAVAILABLE" && e.extensions?.network === "antchain",
        ),
      ).toBe(true);
    } finally {
      await gw.close();
      for (const s of sockets) s.destroy();
      hanging.close();
    }
  });

  it("a title transfer evicts the cached verification, seen through the gateway", async () => {
    const doc = stack.chain.documents.find(
      (d) =>
        d.kind === "TOKEN_REGISTRY" &&
        stack.chain.world.shipments.find((s) => s.reference === d.reference)!.title.at(-1)!.action ===
          "ISSUE" &&
        stack.chain.world.shipments.find((s) => s.reference === d.reference)!.conflicts.length === 0,
    )!;
    const ask = () =>
      stack.query<any>(
        `query($h: String!) { billOfLading(documentHash: $h) { holder { address } verification { status cached } verdict { status } } }`,
        { h: doc.documentHash },
      );
    await ask();
    const warm = await ask();
    expect(warm.data!.billOfLading.verification).toEqual({ status: "VALID", cached: true });
    const to = stack.chain.actors.parties.get("bnk-ing")!.account.address;
    await transferHolder(doc, to);
    // The first answer after the title event: the new holder, verified afresh (the event evicted it).
    await vi.waitFor(
      async () => {
        const after = await ask();
        expect(after.data!.billOfLading.holder.address).toBe(to);
        expect(after.data!.billOfLading.verification.cached).toBe(false);
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it("a repeated verdict is served from the caches (no carrier or port call), and a port change evicts its B/L", async () => {
    const s = stack.chain.world.shipments.find(
      (x) =>
        x.documentKind === "NEGOTIABLE_EBL" &&
        x.conflicts.length === 0 &&
        x.portOfDischarge.startsWith("CN") &&
        x.events.some((e) => e.code === "RELS"),
    )!;
    const ask = () =>
      stack.query<any>(
        `query($r: String!) { shipment(reference: $r) { portFees { feeType amount } billOfLading { verdict { status } } } }`,
        { r: s.reference },
      );
    // Stop the port follower (close waits for a pass in flight), so every port request counted is the
    // query's and nothing is evicted meanwhile. Cache writes land after an answer is sent, so the caches are
    // warm once some repeat makes no call: poll for that repeat (bounded), never sleep.
    await stack.antchain.close();
    let again: Awaited<ReturnType<typeof ask>> | undefined;
    await expect
      .poll(
        async () => {
          const before = { fabric: stack.fabric.counters.evaluates, port: stack.antchain.client.requests };
          again = await ask();
          return {
            fabric: stack.fabric.counters.evaluates - before.fabric,
            port: stack.antchain.client.requests - before.port,
          };
        },
        { timeout: 10_000, interval: 50 },
      )
      .toEqual({ fabric: 0, port: 0 });
    expect(again!.data!.shipment.billOfLading.verdict.status).toBe("VALID");
    await stack.antchain.start();
    const fees = again!.data!.shipment.portFees.length;
    const client = stack.port.terminalClient();
    await client.call("/api/contract/chainCallForBiz", {
      method: "CALLCONTRACTBIZASYNC",
      orderId: `e2e-fee-${Date.now()}`,
      account: "cmport_terminal_ops",
      mykmsKeyId: client.kmsKeyIdOf("cmport_terminal_ops"),
      contractName: "PortLogistics",
      methodSignature: "recordFee(string)",
      outTypes: '["bool"]',
      inputParamListStr: JSON.stringify([
        JSON.stringify({
          feeNo: `FE2E${Date.now()}`,
          billNo: `${s.reference.slice(0, 4)}-${s.reference.slice(4)}`,
          feeType: "STORAGE",
          amount: "300",
          currency: "CNY",
          paidTime: "2026-11-19 12:00:00",
        }),
      ]),
    });
    stack.port.network.chain.cut();
    await stack.antchain.sync();
    // The follower's eviction reaches Redis on its own time: wait for the answer, not for a fixed time.
    await expect.poll(async () => (await ask()).data!.shipment.portFees.length).toBe(fees + 1);
  });

  it("networks reports a network DOWN while it is down and UP again once it is back, nothing restarted", async () => {
    const status = async () =>
      (
        (await stack.query<any>(`{ networks { name health } }`)).data!.networks as {
          name: string;
          health: string;
        }[]
      ).find((n) => n.name === "port-antchain")!.health;
    await stack.registry.publish(await stack.antchain.status());
    expect(await status()).toBe("UP");
    const port = stack.port;
    const url = port.network.url;
    await port.network.close();
    await stack.registry.publish(await stack.antchain.status());
    expect(await status()).toBe("DOWN");
    await port.restart();
    expect(port.network.url).toBe(url);
    await stack.registry.publish(await stack.antchain.status());
    expect(await status()).toBe("UP");
  });

  it("analyst: a page of shipments from the read model, each resolving through every network, and port statistics", async () => {
    const result = await stack.query<any>(
      `{ shipments(filter: { portOfDischarge: "CNSHA" }, first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { reference status carrier { scac } portEvents { code } } } }
         portStatistics(port: "CNSHA", from: "2026-01-01T00:00:00Z", to: "2026-11-20T00:00:00Z", groupBy: CARRIER) { key shipments containerMoves dwellHours { count mean p50 p95 } releaseLeadHours { count p50 } } }`,
    );
    expect(result.errors).toBeUndefined();
    const expected = stack.chain.world.shipments
      .filter((s) => s.portOfDischarge === "CNSHA")
      .map((s) => s.reference)
      .sort();
    expect(result.data!.shipments.totalCount).toBe(expected.length);
    expect(result.data!.shipments.edges.map((e: any) => e.node.reference)).toEqual(expected.slice(0, 3));
    for (const e of result.data!.shipments.edges)
      expect(stack.chain.world.shipments.find((s) => s.reference === e.node.reference)!.carrierScac).toBe(
        e.node.carrier.scac,
      );
    expect(result.data!.portStatistics.length).toBeGreaterThan(0);
    for (const g of result.data!.portStatistics)
      expect(g.dwellHours.p50 === null || g.dwellHours.p50 > 0).toBe(true);
    const bad = await stack.query(`{ shipments(first: 1000) { totalCount } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("analyst: title statistics and the title-status filter match the world's title histories", async () => {
    const from = "2026-01-01T00:00:00Z";
    const to = "2026-11-20T00:00:00Z";
    const result =
      await stack.query<any>(`{ titleStatistics(from: "${from}", to: "${to}") { ebls transfersBeforeSurrender { count mean } issueToSurrenderHours { count mean p50 } }
      live: shipments(filter: { titleStatus: ISSUED }, first: 500) { totalCount } }`);
    expect(result.errors).toBeUndefined();
    // The world's eBLs whose carrier record names the minted token (the seeded hash mismatch does not).
    const ebls = stack.chain.world.shipments.filter(
      (s) =>
        s.documentKind === "NEGOTIABLE_EBL" && s.title.length > 0 && !s.conflicts.includes("HASH_MISMATCH"),
    );
    const surrendered = ebls.filter((s) => s.title.some((t) => t.action === "RETURN_TO_ISSUER"));
    const transfers = surrendered.map((s) => {
      const until = s.title.findIndex((t) => t.action === "RETURN_TO_ISSUER");
      return s.title
        .slice(0, until)
        .filter((t) => ["TRANSFER_HOLDER", "TRANSFER_BENEFICIARY", "TRANSFER_OWNERS"].includes(t.action))
        .length;
    });
    const hours = surrendered.map(
      (s) =>
        (s.title.find((t) => t.action === "RETURN_TO_ISSUER")!.at.getTime() - s.title[0]!.at.getTime()) /
        3_600_000,
    );
    const stats = result.data!.titleStatistics;
    expect(stats.ebls).toBe(ebls.length);
    expect(stats.transfersBeforeSurrender.count).toBe(surrendered.length);
    expect(stats.transfersBeforeSurrender.mean).toBeCloseTo(
      transfers.reduce((a, b) => a + b, 0) / transfers.length,
      6,
    );
    // Block times may sit a second or two after the story's (two transactions never share a second).
    expect(
      Math.abs(stats.issueToSurrenderHours.mean - hours.reduce((a, b) => a + b, 0) / hours.length),
    ).toBeLessThan(0.01);
    const live = ebls.filter((s) => !["RETURN_TO_ISSUER", "ACCOMPLISH"].includes(s.title.at(-1)!.action));
    expect(result.data!.live.totalCount).toBe(live.length);
  });

  it("analyst: asOf answers as the read model stood before a later title transfer, saying which heights it used", async () => {
    const doc = stack.chain.documents
      .filter(
        (d) =>
          d.kind === "TOKEN_REGISTRY" &&
          stack.chain.world.shipments.find((s) => s.reference === d.reference)!.title.at(-1)!.action ===
            "ISSUE",
      )
      .at(-1)!;
    const page = (asOf?: string) =>
      stack.query<any>(
        `query($asOf: DateTime) { shipments(first: 500, asOf: $asOf) { cut { asOf heights { network height } } edges { node { reference } state { titleStatus titleTransfers } } } }`,
        { asOf: asOf ?? null },
      );
    const stateOf = (r: any) =>
      r.data.shipments.edges.find((e: any) => e.node.reference === doc.reference).state;
    await stack.indexer.settle();
    const indexed = async () =>
      (await stack.query<any>(`{ readModelCut { heights { network } } }`)).data.readModelCut.heights.length;
    await expect.poll(indexed, { timeout: 10_000, interval: 100 }).toBe(3);
    const before = stateOf(await page());
    expect(before.titleStatus).toBe("ISSUED");
    // t1 strictly after the indexed facts and strictly before the transfer, on a millisecond clock.
    const tick = async () => {
      const at = Date.now();
      await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(at), { interval: 1 });
    };
    await tick();
    const t1 = new Date().toISOString();
    await tick();

    const { titles } = await stack.evm.readTitles([{ registry: doc.issuer, documentHash: doc.documentHash }]);
    const to = [...stack.chain.actors.parties.values()].find(
      (p) => p.account.address.toLowerCase() !== titles[0]!.holder!.address!.toLowerCase(),
    )!.account.address;
    await transferHolder(doc, to);
    let live = await page();
    await vi.waitFor(
      async () => {
        live = await page();
        expect(stateOf(live).titleTransfers).toBe(before.titleTransfers + 1);
      },
      { timeout: 10_000, interval: 50 },
    );
    // The transfer is a fact in the read model, with the eBL network's block and transaction.
    const [last] = await stack.readModel.query<any>(
      `select action, to_party, network, block, tx from title_transfers where reference = $1 order by seq desc limit 1`,
      [doc.reference],
    );
    expect(last).toMatchObject({ action: "TRANSFER_HOLDER", network: stack.evm.name });
    expect(last.to_party.toLowerCase()).toBe(to.toLowerCase());
    expect(last.tx).toMatch(/^0x[0-9a-f]{64}$/);

    const then = await page(t1);
    expect(then.errors).toBeUndefined();
    expect(stateOf(then)).toEqual(before);
    expect(then.data.shipments.cut.asOf).toBe(t1);
    // The eBL network's height as of t1 is below the one the live answer reflects; each network is named.
    const evmHeight = (r: any) =>
      BigInt(r.data.shipments.cut.heights.find((h: any) => h.network === stack.evm.name)?.height ?? -1);
    expect(evmHeight(then)).toBeGreaterThanOrEqual(0n);
    expect(evmHeight(live)).toBeGreaterThan(evmHeight(then));
    expect(then.data.shipments.cut.heights.map((h: any) => h.network).sort()).toEqual(
      [stack.evm.name, stack.fabric.name, stack.antchain.name].sort(),
    );

    const future = await page(new Date(Date.now() + 3_600_000).toISOString());
    expect(future.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("networks says how far the read model trails each network it indexes", async () => {
    const ask = () =>
      stack.query<any>(
        `{ networks { name height readModel { indexedHeight indexedAt lagBlocks lagSeconds } } }`,
      );
    let result = await ask();
    const own = () => result.data.networks.find((n: any) => n.name === stack.evm.name);
    // Caught up within a few heartbeats (the indexer records its followers' heights while idle).
    const ready = () =>
      own()?.readModel?.lagBlocks === 0 &&
      [stack.fabric.name, stack.antchain.name].every(
        (name) => result.data.networks.find((x: any) => x.name === name)?.readModel,
      );
    await vi.waitFor(
      async () => {
        result = await ask();
        expect(ready()).toBe(true);
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(result.errors).toBeUndefined();
    expect(own().readModel).toMatchObject({ indexedHeight: own().height, lagBlocks: 0, lagSeconds: 0 });
    for (const name of [stack.fabric.name, stack.antchain.name]) {
      const n = result.data.networks.find((x: any) => x.name === name);
      expect(BigInt(n.readModel.indexedHeight)).toBeGreaterThan(0n);
      expect(Date.parse(n.readModel.indexedAt)).toBeLessThanOrEqual(Date.now());
    }
  });

  it("report CLI: the shipments CSV round-trips through a CSV parser, and an interrupted export resumes", async () => {
    const { exportShipments: exportAsAnyone } = await import("../../cli/shipmentsReport.ts");
    const { withGatewayCredentials } = await import("../../cli/gatewayClient.ts");
    const exportShipments = (options: Parameters<typeof exportAsAnyone>[0]) =>
      withGatewayCredentials({ bearerToken: stack.operatorToken }, () => exportAsAnyone(options));
    const { parse } = await import("csv-parse/sync");
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "tg-report-"));
    const world = stack.chain.world.shipments.map((x) => x.reference).sort();

    const out = join(dir, "shipments.csv");
    let pages = 0;
    await expect(
      exportShipments({
        gatewayUrl: stack.gateway.url,
        out,
        format: "csv",
        filter: {},
        pageSize: 7,
        onProgress: () => {
          if (++pages === 2) throw new Error("interrupted");
        },
      }),
    ).rejects.toThrow("interrupted");
    const resumed = await exportShipments({
      gatewayUrl: stack.gateway.url,
      out,
      format: "csv",
      filter: {},
      pageSize: 7,
    });
    expect(resumed).toMatchObject({ resumed: true, written: world.length, total: world.length });
    const records = parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.reference)).toEqual(world);
    expect(Object.keys(records[0]!)).toEqual([
      "reference",
      "carrier",
      "portOfLoading",
      "portOfDischarge",
      "status",
      "eta",
      "titleStatus",
      "verdict",
    ]);
    for (const r of records) if (r.eta) expect(new Date(r.eta).toISOString()).toBe(r.eta);

    // The installed command, as a user runs it.
    // Asynchronously: the gateway it calls runs in this very process.
    const { execFile } = await import("node:child_process");
    const json = join(dir, "shanghai.json");
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
          json,
          "--port-of-discharge",
          "CNSHA",
          "--gateway",
          stack.gateway.url,
          "--token",
          stack.operatorToken,
        ],
        { encoding: "utf8", timeout: 60_000 },
        (error, _stdout, stderr) => (error ? reject(new Error(stderr || String(error))) : resolve()),
      ),
    );
    const lines = readFileSync(json, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { reference: string; portOfDischarge: string });
    expect(lines.map((l) => l.reference)).toEqual(
      stack.chain.world.shipments
        .filter((x) => x.portOfDischarge === "CNSHA")
        .map((x) => x.reference)
        .sort(),
    );
  });

  it("cross-border app: the eBL by B/L number, title and verification from the EVM subgraph in the same request", async () => {
    const doc = ebl("TRANSFER_OWNERS") ?? ebl("ISSUE");
    const shipment = stack.chain.world.shipments.find((s) => s.reference === doc.reference)!;
    const result = await stack.query<any>(print(HolderOfBillDocument), { reference: doc.reference });
    expect(result.errors).toBeUndefined();
    const bill = result.data!.billOfLading;
    expect(bill.documentHash).toBe(doc.documentHash);
    expect(bill.reference).toBe(doc.reference);
    expect(bill.titleStatus).toBe("ISSUED");
    const lastHolder = [...shipment.title].reverse().find((t) => t.holder)!.holder!;
    expect(bill.holder.name).toBe(PARTIES.find((p) => p.id === lastHolder)!.name);
    expect(bill.endorsementChain[0].action).toBe("ISSUE");
    expect(bill.verification).toMatchObject({ valid: true, status: "VALID" });
  });

  it("cross-border app: by document hash, the carrier network supplies the B/L number", async () => {
    const doc = ebl("ISSUE");
    const result = await stack.query<any>(print(HolderOfBillDocument), { documentHash: doc.documentHash });
    expect(result.errors).toBeUndefined();
    expect(result.data!.billOfLading).toMatchObject({ reference: doc.reference, titleStatus: "ISSUED" });
  });

  it("many shipments in one request, in order, null for an unknown B/L number", async () => {
    const refs = stack.chain.world.shipments.slice(0, 3).map((s) => s.reference);
    const result = await stack.query<any>(
      `query($r: [String!]!) { shipmentsByReference(references: $r) { reference carrier { scac } portEvents { code } } }`,
      { r: [...refs, "COSU0000000000"] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.shipmentsByReference.map((s: any) => s?.reference ?? null)).toEqual([...refs, null]);
  });

  it("a paper B/L has no electronic bill of lading", async () => {
    const paper = stack.chain.world.shipments.find((s) => s.documentKind === "PAPER_BL")!;
    const result = await stack.query<any>(
      `query($r: String!) { billOfLading(reference: $r) { documentHash } shipment(reference: $r) { documentKind billOfLading { documentHash } } }`,
      { r: paper.reference },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      billOfLading: null,
      shipment: { documentKind: "PAPER_BL", billOfLading: null },
    });
  });

  it("anyone with a .tt file: verifyDocument through the gateway", async () => {
    const document = JSON.parse(readFileSync(ebl("ISSUE").path, "utf8"));
    const result = await stack.query<any>(print(VerifyDocumentDocument), { document });
    expect(result.errors).toBeUndefined();
    expect(result.data!.verifyDocument).toMatchObject({ valid: true, status: "VALID" });
  });

  it("analyst: many titles and every network's status in one request", async () => {
    const hashes = stack.chain.documents
      .filter((d) => d.kind === "TOKEN_REGISTRY")
      .map((d) => d.documentHash);
    const unknown = `0x${"cd".repeat(32)}`;
    const result = await stack.query<any>(print(TitlesReportDocument), {
      documentHashes: [...hashes, unknown],
    });
    expect(result.errors).toBeUndefined();
    const bills = result.data!.billsOfLading as ({ documentHash: string; titleStatus: string } | null)[];
    expect(bills).toHaveLength(hashes.length + 1);
    expect(bills.slice(0, -1).map((b) => b!.documentHash)).toEqual(hashes);
    expect(bills.at(-1)).toBeNull();
    for (const b of bills.slice(0, -1))
      expect(["ISSUED", "RETURNED_TO_ISSUER", "ACCOMPLISHED"]).toContain(b!.titleStatus);
    expect(new Set(bills.slice(0, -1).map((b) => b!.titleStatus)).size).toBeGreaterThan(1);
    expect(result.data!.networks).toEqual([
      expect.objectContaining({ name: "ebl-evm", health: "UP", cache: "UP" }),
      expect.objectContaining({ name: "carrier-fabric", health: "UP" }),
      expect.objectContaining({ name: "port-antchain", health: "UP" }),
    ]);
  });

  it.each([
    ["a malformed hash", `{ billOfLading(documentHash: "0x12") { titleStatus } }`, {}, /64 hex/],
    ["no key at all", `{ billOfLading { titleStatus } }`, {}, /pass reference/],
    ["a malformed B/L number", `{ shipment(reference: "x") { reference } }`, {}, /4 to 35/],
    ["a malformed container number", `{ equipment(reference: "ABC") { reference } }`, {}, /ISO 6346/],
    [
      "a list over the limit",
      `query($h: [String!]!) { billsOfLading(documentHashes: $h) { titleStatus } }`,
      { h: Array.from({ length: 1001 }, () => `0x${"ab".repeat(32)}`) },
      /at most 1000/,
    ],
    [
      "too many B/L numbers",
      `query($r: [String!]!) { shipmentsByReference(references: $r) { reference } }`,
      { r: Array.from({ length: 1001 }, () => "COSU1234567") },
      /at most 1000/,
    ],
    [
      "a non-document",
      `query($d: JSON!) { verifyDocument(document: $d) { status } }`,
      { d: { hello: "world" } },
      /not a wrapped OpenAttestation/,
    ],
  ])("answers %s with BAD_USER_INPUT and a clear message", async (_, text, variables, message) => {
    const result = await stack.query(text, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(message);
  });

  it("refuses a body over 2 MiB with 413 and BAD_USER_INPUT, and stays up", async () => {
    const response = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${stack.operatorToken}` },
      body: JSON.stringify({
        query: "{ networks { name } }",
        variables: { pad: "x".repeat(3 * 1024 * 1024) },
      }),
    });
    expect(response.status).toBe(413);
    expect(
      ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe("BAD_USER_INPUT");
    expect((await stack.query(`{ networks { name } }`)).errors).toBeUndefined();
  });

  it("answers a bad variable type with BAD_USER_INPUT, not a crash", async () => {
    const result = await stack.query(
      `query($h: String!) { billOfLading(documentHash: $h) { titleStatus } }`,
      { h: 42 },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("/health answers for the gateway and each subgraph", async () => {
    const health = await (await fetch(stack.gateway.url.replace("/graphql", "/health"))).json();
    expect(health).toEqual({
      status: "UP",
      subgraphs: { evm: "UP", fabric: "UP", antchain: "UP", interop: "UP", analytics: "UP" },
    });
  });

  it("reports a subgraph that is down as NETWORK_UNAVAILABLE naming it", async () => {
    const dead = await startGateway({
      access: stack.access.gateway,
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { evm: "http://127.0.0.1:9/graphql", fabric: "http://127.0.0.1:9/graphql" },
      host: "127.0.0.1",
      port: 0,
      subgraphTimeoutMs: 1000,
    });
    try {
      const response = await fetch(dead.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${stack.operatorToken}` },
        body: JSON.stringify({ query: "{ networks { name } }" }),
      });
      const result = (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "NETWORK_UNAVAILABLE", network: "evm" });
    } finally {
      await dead.close();
    }
  });

  it("the chain down: title fields are NETWORK_UNAVAILABLE and the verdict is ERROR, never INVALID", async () => {
    const downAdapter = createEvmAdapter({
      rpcUrl: "http://127.0.0.1:9/",
      chainId: 31337,
      titleEscrowFactory: stack.chain.deployment.titleEscrowFactory,
      requestTimeoutMs: 500,
    });
    const cache = new StatusCache(stack.redis, { prefix: `${stack.prefix}down:` });
    const sg = await startEvmSubgraph(
      {
        adapter: downAdapter,
        cache,
        checker: new DocumentStatusChecker(downAdapter, cache),
        trustList: stack.chain.trustList,
        addressBook: new AddressBook([]),
      },
      "127.0.0.1",
      0,
      stack.access.subgraph,
    );
    const gw = await startGateway({
      access: stack.access.gateway,
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { evm: sg.url, fabric: stack.fabricSubgraph.url },
      host: "127.0.0.1",
      port: 0,
    });
    try {
      const document = JSON.parse(readFileSync(ebl("ISSUE").path, "utf8"));
      const response = await fetch(gw.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${stack.operatorToken}` },
        body: JSON.stringify({
          query: `query($d: JSON!, $h: [String!]!) { verifyDocument(document: $d) { status valid } billsOfLading(documentHashes: $h) { titleStatus } networks { name health } }`,
          variables: { d: document, h: [ebl("ISSUE").documentHash] },
        }),
      });
      const result = (await response.json()) as {
        data?: Record<string, any>;
        errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[];
      };
      expect(result.data!.verifyDocument).toEqual({ status: "ERROR", valid: false });
      expect(result.data!.networks[0]).toEqual({ name: "ebl-evm", health: "DOWN" });
      expect(result.data!.billsOfLading).toEqual([null]);
      expect(result.errors?.find((e) => e.path?.[0] === "billsOfLading")).toMatchObject({
        path: ["billsOfLading", 0],
        extensions: { code: "NETWORK_UNAVAILABLE", network: "ebl-evm" },
      });
    } finally {
      await gw.close();
      await sg.close();
      await downAdapter.close();
    }
  });

  it("the carrier network down: the carrier's fields say NETWORK_UNAVAILABLE, the eBL title by hash still answers", async () => {
    const reader = stack.carrier.network.consortium.reader;
    const { createFabricAdapter } = await import("../../adapters/fabric/index.ts");
    const { startFabricSubgraph } = await import("../../subgraphs/fabric/server.ts");
    const down = createFabricAdapter({
      endpoint: "127.0.0.1:9",
      mspId: reader.mspId,
      certificate: reader.certificatePem,
      privateKey: reader.privateKeyPem,
      evaluateTimeoutMs: 500,
    });
    const sg = await startFabricSubgraph({ adapter: down }, "127.0.0.1", 0, stack.access.subgraph);
    const gw = await startGateway({
      access: stack.access.gateway,
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { evm: stack.evmSubgraph.url, fabric: sg.url },
      host: "127.0.0.1",
      port: 0,
    });
    try {
      const doc = ebl("ISSUE");
      const response = await fetch(gw.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${stack.operatorToken}` },
        body: JSON.stringify({
          query: `query($r: String!, $h: String!) { shipment(reference: $r) { reference carrier { scac } } billOfLading(documentHash: $h) { reference titleStatus } }`,
          variables: { r: doc.reference, h: doc.documentHash },
        }),
      });
      const result = (await response.json()) as {
        data?: Record<string, any>;
        errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[];
      };
      // The shipment by its key (the other networks' fields resolve for it); the carrier's fields null.
      expect(result.data!.shipment).toEqual({ reference: doc.reference, carrier: null });
      expect(result.data!.billOfLading).toEqual({ reference: null, titleStatus: "ISSUED" });
      expect(result.errors?.find((e) => e.path?.join(".") === "shipment.carrier")?.extensions).toMatchObject({
        code: "NETWORK_UNAVAILABLE",
        network: "carrier-fabric",
      });
      expect(result.errors?.find((e) => e.path?.[1] === "reference")?.extensions).toMatchObject({
        code: "NETWORK_UNAVAILABLE",
        network: "carrier-fabric",
      });
    } finally {
      await gw.close();
      await sg.close();
      await down.close();
    }
  });
});
