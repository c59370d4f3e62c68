import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AntchainAdapter } from "../../adapters/antchain/index.ts";
import type { PortShipmentRecord, Provenance } from "../../domain/model.ts";
import type { BaasAnswer } from "../../wire/antchain/answers.ts";
import type { BillView, BlockBody } from "../../wire/antchain/records.ts";
import { startLocalPortNetwork, type LocalPortNetwork } from "../support/portNetwork.ts";

/**
 * `proven` over the wire: the adapter reads the real port network through a node that alters answers
 * (a block body, or the contract's answer), and facts the checked header chain does not hold are not
 * proven.
 */
describe("proven when the node the adapter asks alters what it serves", () => {
  let local: LocalPortNetwork;
  let proxy: Server;
  let proxyUrl: string;
  /** Changes an answer on its way to the adapter. */
  let alter: (body: Record<string, unknown>, answer: BaasAnswer) => BaasAnswer = (_, a) => a;

  beforeAll(async () => {
    local = await startLocalPortNetwork(8);
    proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString("utf8");
      const upstream = await fetch(`${local.network.url}${req.url}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: text,
      });
      const answer = alter(
        JSON.parse(text) as Record<string, unknown>,
        (await upstream.json()) as BaasAnswer,
      );
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    proxy?.close();
    await local?.close();
  });

  const sourcesOf = (r: PortShipmentRecord): Provenance[] =>
    [
      ...r.events.map((e) => e.source),
      ...r.portCalls.map((c) => c.source),
      ...r.customs.flatMap((c) => c.history.map((h) => h.source)),
      ...r.releases.map((x) => x.source),
      ...r.fees.map((f) => f.source),
    ].filter((s): s is Provenance => s !== null);
  const allFacts = async (adapter: AntchainAdapter) =>
    (await adapter.billsByReference(local.world.shipments.map((s) => s.reference)))
      .filter((r): r is PortShipmentRecord => r !== null)
      .flatMap(sourcesOf);

  it("a block body whose receipts do not match its header: the follower stops before it, its facts are not proven", async () => {
    const bad = 2;
    alter = (body, answer) => {
      if (body.method !== "QUERYBLOCKBODY" || String(body.requestStr) !== String(bad)) return answer;
      const block = JSON.parse(answer.data) as BlockBody;
      block.receipts[0]!.gasUsed += 1;
      return { ...answer, data: JSON.stringify(block) };
    };
    const adapter = local.adapter({ url: proxyUrl });
    try {
      await expect(adapter.sync()).rejects.toMatchObject({
        code: "NETWORK_ERROR",
        shortMessage: expect.stringContaining(`Block ${bad} of port-antchain does not check`),
      });
      expect(adapter.follower.verifiedHeight).toBe(bad - 1);
      expect((await adapter.status()).health).toBe("DEGRADED");
      const facts = await allFacts(adapter);
      expect(facts.some((f) => Number(f.blockNumber) < bad && f.proven)).toBe(true);
      expect(facts.filter((f) => Number(f.blockNumber) >= bad).every((f) => f.proven === false)).toBe(true);
      expect(facts.some((f) => Number(f.blockNumber) >= bad)).toBe(true);
    } finally {
      await adapter.close();
      alter = (_, a) => a;
    }
  });

  it("a contract answer that misstates a fact: that fact is not proven, every other one is", async () => {
    const adapter = local.adapter({ url: proxyUrl });
    await adapter.sync();
    alter = (body, answer) => {
      if (body.methodSignature !== "queryBills(string)" || !answer.success) return answer;
      const { outRes } = JSON.parse(answer.data) as { outRes: [string] };
      const views = JSON.parse(outRes[0]) as (BillView | null)[];
      const move = views.find((v) => v && v.moves.length > 0)?.moves[0];
      if (move) move.moveTime = "2026-01-01 00:00:00";
      return { ...answer, data: JSON.stringify({ outRes: [JSON.stringify(views)] }) };
    };
    try {
      const facts = await allFacts(adapter);
      const unproven = facts.filter((f) => !f.proven);
      expect(unproven).toHaveLength(1);
      expect(facts.length).toBeGreaterThan(10);
    } finally {
      await adapter.close();
      alter = (_, a) => a;
    }
  });
});
