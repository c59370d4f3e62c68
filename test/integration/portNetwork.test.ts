import { createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../adapters/antchain/canonicalJson.ts";
import { createAntchainAdapter } from "../../adapters/antchain/index.ts";
import { receiptHash, verifyMerklePath } from "../../adapters/antchain/merkle.ts";
import { NetworkUnavailableError } from "../../core/errors.ts";
import { PARTIES } from "../../world/catalog.ts";
import { startLocalPortNetwork, TEST_BIZID, type LocalPortNetwork } from "../support/portNetwork.ts";

interface Answer {
  success: boolean;
  code: string;
  data: string;
}

describe("port network over its BaaS-style REST API", () => {
  let local: LocalPortNetwork;
  const reader = () => local.network.tenants.find((t) => t.accessId === "tradegraph-reader")!;
  const readerKey = () => createPrivateKey(readFileSync(reader().privateKeyPath, "utf8"));

  beforeAll(async () => {
    local = await startLocalPortNetwork(40);
  });
  afterAll(async () => {
    await local?.close();
  });

  async function post(path: string, body: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(`${local.network.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  }
  function handshakeBody(accessId = reader().accessId, time = String(Date.now()), key = readerKey()) {
    return { accessId, time, secret: sign("sha256", Buffer.from(accessId + time), key).toString("hex") };
  }
  async function token(): Promise<string> {
    const answer = await post("/api/contract/shakeHand", handshakeBody());
    expect(answer).toMatchObject({ success: true, code: "200" });
    return answer.data;
  }
  function signed(body: Record<string, unknown>, key = readerKey()) {
    const request = {
      ...body,
      accessId: reader().accessId,
      bizid: TEST_BIZID,
      tenantid: reader().tenantId,
      timestamp: String(Date.now()),
    };
    return {
      ...request,
      signature: sign("sha256", Buffer.from(canonicalJson(request)), key).toString("hex"),
    };
  }

  describe("handshake", () => {
    it("answers a token for a correctly signed accessId + time", async () => {
      expect(await token()).toMatch(/^[0-9a-f]{48}$/);
    });
    it.each([
      [
        "a wrong signature",
        () => ({
          ...handshakeBody(),
          secret: sign("sha256", Buffer.from("other"), readerKey()).toString("hex"),
        }),
        "10003",
      ],
      [
        "another key's signature",
        () =>
          handshakeBody(undefined, undefined, generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey),
        "10003",
      ],
      ["a stale time", () => handshakeBody(undefined, String(Date.now() - 3_600_000)), "10004"],
      ["an unknown accessId", () => handshakeBody("nobody"), "10002"],
      ["a missing secret", () => ({ accessId: "tradegraph-reader", time: String(Date.now()) }), "10001"],
    ])("refuses %s", async (_, body, code) => {
      expect(await post("/api/contract/shakeHand", body())).toMatchObject({ success: false, code });
    });
  });

  describe("requests", () => {
    it("answers a signed query with the token", async () => {
      const answer = await post(
        "/api/contract/chainCall",
        signed({ token: await token(), method: "QUERYLASTBLOCK" }),
      );
      expect(answer.success).toBe(true);
      expect(JSON.parse(answer.data)).toMatchObject({
        number: local.network.chain.height,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });
    it("refuses a missing token, an unknown token and a tampered body", async () => {
      expect(await post("/api/contract/chainCall", signed({ method: "QUERYLASTBLOCK" }))).toMatchObject({
        success: false,
        code: "10005",
      });
      expect(
        await post("/api/contract/chainCall", signed({ token: "f".repeat(48), method: "QUERYLASTBLOCK" })),
      ).toMatchObject({ success: false, code: "10006" });
      const request = signed({ token: await token(), method: "QUERYBLOCK", requestStr: "1" });
      expect(await post("/api/contract/chainCall", { ...request, requestStr: "2" })).toMatchObject({
        success: false,
        code: "10007",
      });
      expect(await post("/api/contract/chainCall", request)).toMatchObject({ success: true });
    });
    it("refuses a write from an account the tenant does not own", async () => {
      const answer = await post(
        "/api/contract/chainCallForBiz",
        signed({
          token: await token(),
          method: "CALLCONTRACTBIZASYNC",
          orderId: "x-1",
          account: "cmport_terminal_ops",
          contractName: "PortLogistics",
          methodSignature: "recordFee(string)",
          requestStr: JSON.stringify([JSON.stringify({ feeNo: "F1", billNo: "X" })]),
        }),
      );
      expect(answer).toMatchObject({ success: false, code: "10011" });
    });
    it("answers QUERYTRANSACTION, QUERYACCOUNT and an unknown hash", async () => {
      const t = await token();
      const block = JSON.parse(
        (await post("/api/contract/chainCall", signed({ token: t, method: "QUERYBLOCK", requestStr: "1" })))
          .data,
      ) as { transactionHashes: string[] };
      const tx = await post(
        "/api/contract/chainCall",
        signed({ token: t, method: "QUERYTRANSACTION", hash: block.transactionHashes[0] }),
      );
      expect(JSON.parse(tx.data)).toMatchObject({
        hash: block.transactionHashes[0],
        method: expect.stringMatching(/^record/),
      });
      expect(
        JSON.parse(
          (
            await post(
              "/api/contract/chainCall",
              signed({ token: t, method: "QUERYACCOUNT", requestStr: "cmport_terminal_ops" }),
            )
          ).data,
        ),
      ).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(
        await post(
          "/api/contract/chainCall",
          signed({ token: t, method: "QUERYRECEIPT", hash: "0".repeat(64) }),
        ),
      ).toMatchObject({ success: false, code: "10010" });
    });
  });

  it("renews an expired token once and a token about to expire before it is refused", async () => {
    const short = await startLocalPortNetwork(5, 300);
    try {
      // The adapter believes tokens last long; the service expires them after 300 ms: renewal on refusal.
      const trusting = short.adapter({ tokenTtlMs: 3_600_000 });
      await trusting.billsByReference(["COSU0000000"]);
      await new Promise((r) => setTimeout(r, 400));
      await trusting.billsByReference(["COSU0000000"]);
      expect(trusting.client.handshakes).toBe(2);
      // An adapter told the real lifetime renews at 80% of it, before the service refuses anything.
      const aware = short.adapter({ tokenTtlMs: 300 });
      await aware.billsByReference(["COSU0000000"]);
      const requests = aware.client.requests;
      await new Promise((r) => setTimeout(r, 260));
      await aware.billsByReference(["COSU0000000"]);
      expect(aware.client.handshakes).toBe(2);
      expect(aware.client.requests - requests).toBe(2); // handshake + query, no refused attempt
    } finally {
      await short.close();
    }
  });

  it("treats a replayed orderId as the same call: first receipt, nothing written twice", async () => {
    const client = local.terminalClient();
    const body = {
      method: "CALLCONTRACTBIZASYNC",
      orderId: "test-replay-1",
      account: "cmport_terminal_ops",
      mykmsKeyId: "k",
      contractName: "PortLogistics",
      methodSignature: "recordFee(string)",
      requestStr: JSON.stringify([
        JSON.stringify({
          feeNo: "FREPLAY1",
          billNo: "COSU-0000000001",
          feeType: "THC",
          amount: "1200",
          currency: "CNY",
          paidTime: "2026-11-19 10:00:00",
        }),
      ]),
      outTypes: "[bool]",
    };
    const first = await client.call("/api/contract/chainCallForBiz", body);
    const second = await client.call("/api/contract/chainCallForBiz", body);
    expect(first.success && second.success).toBe(true);
    expect(second.data).toBe(first.data);
    local.network.chain.cut();
    const receipt = await client.call("/api/contract/chainCallForBiz", {
      method: "QUERYRECEIPTBIZ",
      orderId: "test-replay-1",
    });
    expect(JSON.parse(receipt.data)).toMatchObject({ txHash: first.data, result: 0 });
    const [bill] = await local.adapter().billsByReference(["COSU0000000001"]);
    expect(bill!.fees.filter((f) => f.source.transactionId === first.data)).toHaveLength(1);
  });

  it("proves a receipt sits in its block, and a tampered receipt or path does not", async () => {
    const adapter = local.adapter();
    const block = local.network.chain.block(2)!;
    const txHash = block.transactions[block.transactions.length - 1]!.hash;
    const proof = await adapter.proveTransaction(txHash);
    expect(proof).toMatchObject({ txHash, blockNumber: 2, proven: true });

    const t = await token();
    const {
      proof: path,
      receiptHash: _claimed,
      ...receipt
    } = JSON.parse(
      (await post("/api/contract/chainCall", signed({ token: t, method: "QUERYRECEIPT", hash: txHash })))
        .data,
    ) as Record<string, unknown> & { proof: { side: "L" | "R"; hash: string }[] };
    const root = local.network.chain.header(2)!.receiptRoot;
    expect(verifyMerklePath(receiptHash(receipt), path, root)).toBe(true);
    expect(verifyMerklePath(receiptHash({ ...receipt, output: "false" }), path, root)).toBe(false);
    const tamperedPath = path.map((s, i) => (i === 0 ? { ...s, hash: "0".repeat(64) } : s));
    expect(path.length).toBeGreaterThan(0);
    expect(verifyMerklePath(receiptHash(receipt), tamperedPath, root)).toBe(false);
  });

  it("reads back what the port recorded, mapped to DCSA, UN/LOCODE and UTC, every fact FINAL and proven", async () => {
    const adapter = local.adapter();
    await adapter.sync();
    const inChina = local.world.shipments.filter(
      (s) => s.portOfDischarge.startsWith("CN") || s.portOfLoading.startsWith("CN"),
    );
    const records = await adapter.billsByReference(inChina.map((s) => s.reference));
    let checked = 0;
    for (const [i, s] of inChina.entries()) {
      const record = records[i];
      const portEvents = s.events.filter(
        (e) =>
          e.containerNumber &&
          ((e.unLocode === s.portOfLoading && ["GTIN", "LOAD"].includes(e.code)) ||
            (e.unLocode === s.portOfDischarge && ["DISC", "GTOT", "INSP"].includes(e.code))) &&
          e.unLocode.startsWith("CN"),
      );
      if (!record) {
        expect(portEvents).toHaveLength(0);
        continue;
      }
      checked++;
      const moves = record.events.filter((e) => e.eventType === "EQUIPMENT");
      expect(moves.map((e) => `${e.code}:${e.equipmentReference}`).sort()).toEqual(
        portEvents.map((e) => `${e.code}:${e.containerNumber}`).sort(),
      );
      for (const m of moves) {
        const truth = portEvents.find(
          (e) => e.code === m.code && e.containerNumber === m.equipmentReference,
        )!;
        expect(Math.abs(m.eventDateTime.getTime() - truth.at.getTime())).toBeLessThanOrEqual(9 * 60_000);
        expect(m.location?.unLocationCode).toBe(truth.unLocode);
      }
      for (const e of record.events)
        expect(e.source).toMatchObject({
          kind: "ANTCHAIN",
          finality: "FINAL",
          proven: true,
          transactionId: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
      const rels = s.events.find((e) => e.code === "RELS");
      if (rels && s.portOfDischarge.startsWith("CN")) {
        // The first release order; the world seeds a wrong party and a second order on purpose.
        const first = record.releases[0]!;
        const party = s.conflicts.includes("RELEASE_TO_NON_HOLDER")
          ? "Kuehne+Nagel Forwarding"
          : PARTIES.find((p) => p.id === s.consignee)!.name;
        expect(first).toMatchObject({ status: "RELEASED", releasedTo: { name: party } });
        expect(first.releasedAt!.getTime()).toBe(Math.floor(rels.at.getTime() / 1000) * 1000);
        expect(record.releases).toHaveLength(s.conflicts.includes("RELEASED_TWICE") ? 2 : 1);
      }
      if (
        s.trouble.includes("CUSTOMS_HOLD") &&
        s.portOfDischarge.startsWith("CN") &&
        s.events.some((e) => e.code === "INSP")
      ) {
        const imp = record.customs.find((c) => c.direction === "IMPORT")!;
        expect(imp.history.map((h) => h.status)).toEqual(
          expect.arrayContaining(["DECLARED", "INSPECTED", "HELD"]),
        );
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("keeps the chain and resumes the adapter's checkpoint across restarts, without gaps or duplicates", async () => {
    const checkpointFile = join(mkdtempSync(join(tmpdir(), "tg-port-cp-")), "port.json");
    const first = local.adapter({ checkpointFile });
    const seen: string[] = [];
    first.onChange((c) => seen.push(c.transactionId));
    await first.sync();
    expect(seen.length).toBeGreaterThan(0);
    await first.close();
    const height = local.network.chain.height;
    const head = local.network.chain.header(height)!.hash;
    await local.restart();
    expect(local.network.chain.height).toBe(height);
    expect(local.network.chain.header(height)!.hash).toBe(head);

    const client = local.terminalClient();
    const written = await client.call("/api/contract/chainCallForBiz", {
      method: "CALLCONTRACTBIZASYNC",
      orderId: "after-restart-1",
      account: "cmport_terminal_ops",
      mykmsKeyId: "k",
      contractName: "PortLogistics",
      methodSignature: "recordFee(string)",
      requestStr: JSON.stringify([
        JSON.stringify({
          feeNo: "FRESTART",
          billNo: "COSU-0000000002",
          feeType: "THC",
          amount: "1",
          currency: "CNY",
          paidTime: "2026-11-19 10:00:00",
        }),
      ]),
    });
    local.network.chain.cut();
    const second = local.adapter({ checkpointFile });
    const after: string[] = [];
    second.onChange((c) => after.push(c.transactionId));
    await second.sync();
    expect(after).toEqual([written.data]);
    expect(new Set(seen).has(written.data)).toBe(false);
  });

  it("reports the service being down as NETWORK_UNAVAILABLE", async () => {
    const down = createAntchainAdapter({
      url: "http://127.0.0.1:9",
      bizid: TEST_BIZID,
      accessId: "x",
      tenantId: "y",
      privateKey: readFileSync(reader().privateKeyPath, "utf8"),
      requestTimeoutMs: 500,
    });
    await expect(down.billsByReference(["COSU1234567"])).rejects.toBeInstanceOf(NetworkUnavailableError);
    expect((await down.status()).health).toBe("DOWN");
  });
});
