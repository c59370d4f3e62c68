import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeAbiParameters, decodeEventLog, keccak256, parseAbi, toFunctionSelector, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAntchainAdapter } from "../../adapters/antchain/index.ts";
import { NetworkUnavailableError } from "../../domain/errors.ts";
import { startPortNetwork } from "../../networks/antchain/network.ts";
import type { ChainReceipt } from "../../wire/antchain/records.ts";
import { PARTIES } from "../../world/catalog.ts";
import { startLocalPortNetwork, TEST_BIZID, type LocalPortNetwork } from "../support/portNetwork.ts";

interface Answer {
  success: boolean;
  code: string;
  data: string;
}

const REST = "/api/contract";
const fee = (feeNo: string, billNo: string, amount = "1200") =>
  JSON.stringify({ feeNo, billNo, feeType: "THC", amount, currency: "CNY", paidTime: "2026-11-19 10:00:00" });

describe("port network over its BaaS REST API", () => {
  let local: LocalPortNetwork;
  const tenant = (accessId: string) => local.network.tenants.find((t) => t.accessId === accessId)!;
  const reader = () => tenant("tradegraph-reader");
  const terminal = () => tenant("cmport-terminal");
  const keyOf = (accessId: string) => createPrivateKey(readFileSync(tenant(accessId).privateKeyPath, "utf8"));

  beforeAll(async () => {
    local = await startLocalPortNetwork(40);
  });
  afterAll(async () => {
    await local?.close();
  });

  async function post(path: string, body: unknown): Promise<Answer> {
    const response = await fetch(`${local.network.url}${REST}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json;charset=utf-8" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  }

  /**
   * The handshake as the published clients form it: `secret` is hex SHA256withRSA of accessId + time in
   * ms (the Go SDK's `shake()` in ctwel/antchain-client-go-sdk client/rest_client.go, the JavaScript
   * module engine-x/antOpenUnionBlockchain index.js `shakeHand`).
   */
  function shakeHandBody(accessId: string, time = String(Date.now()), key: KeyObject = keyOf(accessId)) {
    return { accessId, time, secret: sign("sha256", Buffer.from(accessId + time), key).toString("hex") };
  }
  async function token(accessId = reader().accessId): Promise<string> {
    const answer = await post("shakeHand", shakeHandBody(accessId));
    expect(answer).toMatchObject({ success: true, code: "200" });
    return answer.data;
  }

  /**
   * `chainCall` as the Go REST SDK marshals its CallRestParam (model/base_param.go: accessId, bizid,
   * hash, token, requestStr, method; empty fields omitted): no tenantid, no signature, no timestamp.
   */
  function goChainCall(t: string, method: string, hash = "", requestStr = "") {
    return {
      accessId: reader().accessId,
      bizid: TEST_BIZID,
      ...(hash ? { hash } : {}),
      token: t,
      ...(requestStr ? { requestStr } : {}),
      method,
    };
  }

  /**
   * A Solidity contract call as the SDKs form it: the Go SDK's `CallContract` (CallRestBizParam JSON tags
   * in model/call_rest_biz_param.go) and the Java SDK's `CallRestBizParam.builder()` as used in
   * leondelee/antchain-service (MyERC1155._chainCall): orderId, bizid, account, contractName,
   * methodSignature, inputParamListStr (a JSON array), outTypes (a JSON array), mykmsKeyId, method,
   * tenantid, gas, plus accessId and token. Nothing else authenticates the request.
   */
  function sdkContractCall(
    t: string,
    call: {
      accessId?: string;
      method: "CALLCONTRACTBIZ" | "CALLCONTRACTBIZASYNC";
      orderId: string;
      methodSignature: string;
      inputParamListStr: string;
      outTypes: string;
      account?: string;
      isLocalTransaction?: boolean;
    },
  ) {
    const who = tenant(call.accessId ?? reader().accessId);
    const account = call.account ?? who.accounts[0]!;
    return {
      accessId: who.accessId,
      bizid: TEST_BIZID,
      token: t,
      method: call.method,
      orderId: call.orderId,
      account,
      tenantid: who.tenantId,
      contractName: "PortLogistics",
      outTypes: call.outTypes,
      methodSignature: call.methodSignature,
      inputParamListStr: call.inputParamListStr,
      mykmsKeyId: who.kmsKeyIds[account] ?? `${who.tenantId}:${account}`,
      ...(call.isLocalTransaction ? { isLocalTransaction: true } : {}),
      gas: 100000,
    };
  }

  const receiptOf = async (t: string, hash: string): Promise<ChainReceipt> => {
    local.network.chain.cut();
    const answer = await post("chainCall", goChainCall(t, "QUERYRECEIPT", hash));
    expect(answer).toMatchObject({ success: true, code: "200" });
    return JSON.parse(answer.data) as ChainReceipt;
  };

  describe("handshake", () => {
    it("answers a token for accessId + time signed with the tenant's access key", async () => {
      expect(await token()).toMatch(/^[0-9a-f-]{36}$/);
    });
    it.each([
      [
        "a wrong signature",
        () => ({
          ...shakeHandBody("tradegraph-reader"),
          secret: sign("sha256", Buffer.from("x"), keyOf("tradegraph-reader")).toString("hex"),
        }),
        "401",
      ],
      [
        "another key's signature",
        () =>
          shakeHandBody(
            "tradegraph-reader",
            undefined,
            generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey,
          ),
        "401",
      ],
      ["a stale time", () => shakeHandBody("tradegraph-reader", String(Date.now() - 3_600_000)), "401"],
      ["an unknown accessId", () => ({ ...shakeHandBody("tradegraph-reader"), accessId: "nobody" }), "401"],
      ["a missing secret", () => ({ accessId: "tradegraph-reader", time: String(Date.now()) }), "400"],
    ])("refuses %s", async (_, body, code) => {
      expect(await post("shakeHand", body())).toMatchObject({ success: false, code });
    });
  });

  describe("requests formed as the published SDKs form them", () => {
    it("chainCall queries: last block, a header (requestStr as a string or a JSON number), a block body", async () => {
      const t = await token();
      const last = await post("chainCall", goChainCall(t, "QUERYLASTBLOCK"));
      expect(last).toMatchObject({ success: true, code: "200" });
      expect(JSON.parse(last.data)).toMatchObject({
        number: local.network.chain.height,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const header = JSON.parse((await post("chainCall", goChainCall(t, "QUERYBLOCK", "", "1"))).data);
      // totothink/antchain query_api.go sends the block number as a JSON number.
      const again = await post("chainCall", { ...goChainCall(t, "QUERYBLOCK"), requestStr: 1 });
      expect(JSON.parse(again.data)).toEqual(header);
      const body = JSON.parse((await post("chainCall", goChainCall(t, "QUERYBLOCKBODY", "", "1"))).data);
      expect(body.header).toEqual(header);
      expect(body.transactions).toHaveLength(header.transactionCount);
    });

    it("a local call (CALLCONTRACTBIZ) answers {outRes} decoded by outTypes, and writes nothing", async () => {
      const t = await token();
      const height = local.network.chain.height;
      const s = local.world.shipments.find((x) => x.portOfDischarge.startsWith("CN"))!;
      const billNo = `${s.reference.slice(0, 4)}-${s.reference.slice(4)}`;
      const answer = await post(
        "chainCallForBiz",
        sdkContractCall(t, {
          method: "CALLCONTRACTBIZ",
          orderId: `order_${Date.now()}`,
          methodSignature: "queryBills(string)",
          inputParamListStr: JSON.stringify([JSON.stringify([billNo])]),
          outTypes: JSON.stringify(["string"]),
          isLocalTransaction: true,
        }),
      );
      expect(answer).toMatchObject({ success: true, code: "200" });
      const { outRes } = JSON.parse(answer.data) as { outRes: [string] };
      expect(JSON.parse(outRes[0])[0]).toMatchObject({ billNo });
      local.network.chain.cut();
      expect(local.network.chain.height).toBe(height);
    });

    it("CALLCONTRACTBIZASYNC answers the transaction hash; its receipt carries ABI-encoded output and topic logs", async () => {
      const t = await token(terminal().accessId);
      const answer = await post(
        "chainCallForBiz",
        sdkContractCall(t, {
          accessId: terminal().accessId,
          method: "CALLCONTRACTBIZASYNC",
          orderId: `order_fee_${Date.now()}`,
          methodSignature: "recordFee(string)",
          inputParamListStr: JSON.stringify([fee(`FSDK${Date.now()}`, "COSU-0000000009")]),
          outTypes: '["bool"]',
        }),
      );
      expect(answer).toMatchObject({
        success: true,
        code: "200",
        data: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const receipt = await receiptOf(await token(), answer.data);
      expect(receipt).toMatchObject({ txHash: answer.data, result: 0 });
      // The output as the Java and Go SDKs read it: base64, then ABI-decoded by the function's outputs.
      const output = `0x${Buffer.from(receipt.output, "base64").toString("hex")}` as const;
      expect(decodeAbiParameters([{ type: "bool" }], output)).toEqual([true]);
      const [log] = receipt.logs;
      expect(log!.topics[0]).toBe(keccak256(toHex("FeePaid(string,string)")).slice(2));
      expect(
        decodeEventLog({
          abi: parseAbi(["event FeePaid(string billNo, string feeNo)"]),
          topics: log!.topics.map((x) => `0x${x}` as const) as [`0x${string}`],
          data: `0x${Buffer.from(log!.data, "base64").toString("hex")}`,
        }).args,
      ).toMatchObject({ billNo: "COSU-0000000009" });
      // QUERYTRANSACTION: transactionDO.data is the call data, base64 (as the Go SDK's tests read it).
      const tx = JSON.parse(
        (await post("chainCall", goChainCall(await token(), "QUERYTRANSACTION", answer.data))).data,
      );
      expect(tx.blockNumber).toBe(receipt.blockNumber);
      expect(Buffer.from(tx.transactionDO.data, "base64").toString("hex").slice(0, 8)).toBe(
        toFunctionSelector("recordFee(string)").slice(2),
      );
      // The Go SDK's QueryReceipt goes through chainCallForBiz, without tenantid.
      const viaBiz = await post("chainCallForBiz", goChainCall(await token(), "QUERYRECEIPT", answer.data));
      expect(JSON.parse(viaBiz.data)).toEqual(receipt);
    });

    it("a terminal move's log carries its move code as an indexed bytes2 topic", async () => {
      const blocks = Array.from({ length: local.network.chain.height + 1 }, (_, n) =>
        local.network.chain.block(n)!,
      );
      const moved = blocks
        .flatMap((b) => b.receipts.flatMap((r) => r.logs))
        .find((l) => l.topics[0] === keccak256(toHex("ContainerMoved(bytes2,string,string)")).slice(2));
      expect(moved).toBeDefined();
      const { args } = decodeEventLog({
        abi: parseAbi(["event ContainerMoved(bytes2 indexed moveCode, string billNo, string ctnNo)"]),
        topics: moved!.topics.map((x) => `0x${x}` as const) as [`0x${string}`],
        data: `0x${Buffer.from(moved!.data, "base64").toString("hex")}`,
      });
      expect(Buffer.from(args!.moveCode.slice(2), "hex").toString()).toMatch(/^(XH|ZH|JG|TG|CY)$/);
      expect(args!.ctnNo).toMatch(/^[A-Z]{4} \d{7}$/);
    });

    it("needs no per-request signature or timestamp, and ignores the old fields when a client still sends them", async () => {
      const t = await token();
      const old = { ...goChainCall(t, "QUERYLASTBLOCK"), timestamp: "1", signature: "00" };
      expect(await post("chainCall", old)).toMatchObject({ success: true, code: "200" });
    });

    it("answers 202 for a missing, unknown, expired or another tenant's token (the SDKs shake hands again)", async () => {
      const { token: _t, ...noToken } = goChainCall("x", "QUERYLASTBLOCK");
      expect(await post("chainCall", noToken)).toMatchObject({ success: false, code: "202" });
      expect(await post("chainCall", goChainCall("f".repeat(36), "QUERYLASTBLOCK"))).toMatchObject({
        success: false,
        code: "202",
      });
      const theirs = await token(terminal().accessId);
      expect(await post("chainCall", goChainCall(theirs, "QUERYLASTBLOCK"))).toMatchObject({ code: "202" });
    });

    it.each([
      ["another chain's bizid", (b: Record<string, unknown>) => ({ ...b, bizid: "ffffffff" }), "400"],
      [
        "the field requestStr where inputParamListStr belongs",
        (b: Record<string, unknown>) => {
          const { inputParamListStr, ...rest } = b;
          return { ...rest, requestStr: inputParamListStr };
        },
        "400",
      ],
      ["no outTypes", (b: Record<string, unknown>) => ({ ...b, outTypes: undefined }), "400"],
      ["outTypes that are not a list", (b: Record<string, unknown>) => ({ ...b, outTypes: "bool" }), "400"],
      [
        "arguments that do not fit the signature",
        (b: Record<string, unknown>) => ({ ...b, inputParamListStr: "[1, 2]" }),
        "400",
      ],
      ["no mykmsKeyId", (b: Record<string, unknown>) => ({ ...b, mykmsKeyId: undefined }), "400"],
      [
        "another account's KMS key",
        (b: Record<string, unknown>) => ({ ...b, mykmsKeyId: "CMPORT:cmport_terminal_ops" }),
        "403",
      ],
      [
        "an account of another tenant",
        (b: Record<string, unknown>) => ({
          ...b,
          account: "cmport_terminal_ops",
          mykmsKeyId: "CMPORT:cmport_terminal_ops",
        }),
        "403",
      ],
      ["another tenant's tenantid", (b: Record<string, unknown>) => ({ ...b, tenantid: "CMPORT" }), "403"],
      [
        "a contract that does not exist",
        (b: Record<string, unknown>) => ({ ...b, contractName: "Nothing" }),
        "404",
      ],
    ])("refuses a contract call with %s", async (_, change, code) => {
      const body = sdkContractCall(await token(), {
        method: "CALLCONTRACTBIZ",
        orderId: `order_${Math.random()}`,
        methodSignature: "queryBills(string)",
        inputParamListStr: JSON.stringify([JSON.stringify(["COSU-0000000001"])]),
        outTypes: '["string"]',
      });
      expect(await post("chainCallForBiz", body)).toMatchObject({ success: true });
      expect(await post("chainCallForBiz", change(body))).toMatchObject({ success: false, code });
    });

    it("a write by an account that is not a port writer: refused by the contract, locally (422) or in its receipt", async () => {
      const t = await token();
      const write = {
        methodSignature: "recordFee(string)",
        inputParamListStr: JSON.stringify([fee("FNOTWRITER", "COSU-0000000001")]),
        outTypes: '["bool"]',
      };
      expect(
        await post(
          "chainCallForBiz",
          sdkContractCall(t, { ...write, method: "CALLCONTRACTBIZ", orderId: "o-local" }),
        ),
      ).toMatchObject({
        success: false,
        code: "422",
        data: expect.stringContaining("not a port community writer"),
      });
      const sent = await post(
        "chainCallForBiz",
        sdkContractCall(t, { ...write, method: "CALLCONTRACTBIZASYNC", orderId: `o-async-${Date.now()}` }),
      );
      const receipt = await receiptOf(t, sent.data);
      expect(receipt.result).not.toBe(0);
      expect(receipt.logs).toEqual([]);
      const reason = decodeAbiParameters(
        [{ type: "string" }],
        `0x${Buffer.from(receipt.output, "base64").toString("hex").slice(8)}`,
      );
      expect(reason[0]).toContain("not a port community writer");
    });

    it("answers 414 for a transaction not yet in a block, 404 for one the chain never saw", async () => {
      // A network whose blocks are a minute apart: the transaction stays pending until the test seals it.
      const dir = mkdtempSync(join(tmpdir(), "tg-port-pending-"));
      const slow = await startPortNetwork({
        dir,
        host: "127.0.0.1",
        port: 0,
        bizid: TEST_BIZID,
        blockIntervalMs: 60_000,
      });
      try {
        const at = (path: string, body: unknown) =>
          fetch(`${slow.url}${REST}/${path}`, { method: "POST", body: JSON.stringify(body) }).then(
            (r) => r.json() as Promise<Answer>,
          );
        const who = (accessId: string) => slow.tenants.find((x) => x.accessId === accessId)!;
        const tokenAt = async (accessId: string) => {
          const key = createPrivateKey(readFileSync(who(accessId).privateKeyPath, "utf8"));
          return (await at("shakeHand", shakeHandBody(accessId, undefined, key))).data;
        };
        const terminalToken = await tokenAt("cmport-terminal");
        const sent = await at("chainCallForBiz", {
          ...sdkContractCall(terminalToken, {
            accessId: terminal().accessId,
            method: "CALLCONTRACTBIZASYNC",
            orderId: "order_pending",
            methodSignature: "recordFee(string)",
            inputParamListStr: JSON.stringify([fee("FPEND", "COSU-0000000008")]),
            outTypes: '["bool"]',
          }),
        });
        expect(sent).toMatchObject({ success: true, code: "200" });
        const readerToken = await tokenAt("tradegraph-reader");
        expect(await at("chainCall", goChainCall(readerToken, "QUERYRECEIPT", sent.data))).toMatchObject({
          success: false,
          code: "414",
        });
        expect(await at("chainCall", goChainCall(readerToken, "QUERYRECEIPT", "0".repeat(64)))).toMatchObject(
          {
            success: false,
            code: "404",
          },
        );
        slow.chain.cut();
        expect(await at("chainCall", goChainCall(readerToken, "QUERYRECEIPT", sent.data))).toMatchObject({
          success: true,
          code: "200",
        });
      } finally {
        await slow.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it("renews an expired token once, and a token about to expire before it is refused", async () => {
    const short = await startLocalPortNetwork(5, 300);
    try {
      // The adapter believes tokens last long; the service expires them after 300 ms: renewal on 202.
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

  it("treats a replayed orderId as the same call (first hash, nothing written twice) and refuses it for another call", async () => {
    const client = local.terminalClient();
    const body = {
      method: "CALLCONTRACTBIZASYNC",
      orderId: "test-replay-1",
      account: "cmport_terminal_ops",
      mykmsKeyId: client.kmsKeyIdOf("cmport_terminal_ops"),
      contractName: "PortLogistics",
      methodSignature: "recordFee(string)",
      inputParamListStr: JSON.stringify([fee("FREPLAY1", "COSU-0000000001")]),
      outTypes: '["bool"]',
    };
    const first = await client.call("/api/contract/chainCallForBiz", body);
    const second = await client.call("/api/contract/chainCallForBiz", body);
    expect(first.success && second.success).toBe(true);
    expect(second.data).toBe(first.data);
    const other = await client.call("/api/contract/chainCallForBiz", {
      ...body,
      inputParamListStr: JSON.stringify([fee("FREPLAY2", "COSU-0000000001")]),
    });
    expect(other).toMatchObject({ success: false, code: "400" });
    local.network.chain.cut();
    const receipt = await client.call("/api/contract/chainCallForBiz", {
      method: "QUERYRECEIPTBIZ",
      orderId: "test-replay-1",
    });
    expect(JSON.parse(receipt.data)).toMatchObject({ txHash: first.data, result: 0 });
    const [bill] = await local.adapter().billsByReference(["COSU0000000001"]);
    expect(bill!.fees.filter((f) => f.source.transactionId === first.data)).toHaveLength(1);
  });

  it("the adapter reads by local calls only: reading every bill and container creates no transaction", async () => {
    const adapter = local.adapter();
    local.network.chain.cut();
    const height = local.network.chain.height;
    await adapter.billsByReference(local.world.shipments.map((s) => s.reference));
    await adapter.containerEvents(local.world.shipments.flatMap((s) => s.containers.map((c) => c.number)));
    local.network.chain.cut();
    expect(local.network.chain.height).toBe(height);
  });

  it("the adapter sends only what the published SDKs send: their fields, their types, nothing of its own", async () => {
    // The Go REST SDK's JSON tags: CallRestParam (model/base_param.go) for chainCall, CallRestBizParam
    // (model/call_rest_biz_param.go) for chainCallForBiz; the handshake's {accessId, time, secret}.
    const sdkFields: Record<string, readonly string[]> = {
      shakeHand: ["accessId", "time", "secret"],
      chainCall: ["accessId", "bizid", "hash", "token", "requestStr", "method"],
      chainCallForBiz: [
        ...["orderId", "bizid", "account", "contractName", "methodSignature", "inputParamListStr"],
        ...["outTypes", "mykmsKeyId", "method", "tenantid", "gas", "accessId", "token"],
      ],
    };
    const seen: { path: string; body: Record<string, unknown> }[] = [];
    // A recording hop between the adapter and the service: what goes over the wire, byte for byte.
    const recorder = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString();
      seen.push({
        path: req.url!.slice(`${REST}/`.length),
        body: JSON.parse(body) as Record<string, unknown>,
      });
      const answer = await fetch(`${local.network.url}${req.url}`, {
        method: "POST",
        headers: { "content-type": req.headers["content-type"] ?? "application/json" },
        body,
      });
      res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
    });
    await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
    try {
      const adapter = local.adapter({ url: `http://127.0.0.1:${(recorder.address() as AddressInfo).port}` });
      await adapter.sync(); // the follower: QUERYLASTBLOCK, QUERYBLOCKBODY / QUERYBLOCK
      const s = local.world.shipments.find((x) => x.portOfDischarge.startsWith("CN"))!;
      await adapter.billsByReference([s.reference]); // a local contract call
      await adapter.containerEvents(s.containers.map((c) => c.number));
      await adapter.proveTransaction(local.network.chain.block(2)!.transactions[0]!.hash); // QUERYRECEIPT
      const methods = new Set(seen.map((r) => String(r.body.method ?? r.path)));
      expect([...methods].sort()).toEqual(
        ["CALLCONTRACTBIZ", "QUERYBLOCKBODY", "QUERYLASTBLOCK", "QUERYRECEIPT", "shakeHand"]
          .concat(methods.has("QUERYBLOCK") ? ["QUERYBLOCK"] : [])
          .sort(),
      );
      for (const { path, body } of seen) {
        expect(
          Object.keys(body).filter((k) => !sdkFields[path]!.includes(k)),
          `${path} ${String(body.method)}`,
        ).toEqual([]);
        for (const [k, v] of Object.entries(body))
          expect(typeof v, `${path} ${k}`).toBe(k === "gas" ? "number" : "string");
      }
      for (const { body } of seen.filter((r) => r.path === "chainCallForBiz")) {
        expect(body).toMatchObject({
          method: "CALLCONTRACTBIZ", // never CALLCONTRACTBIZASYNC: a read must not be a paid transaction
          bizid: TEST_BIZID,
          tenantid: reader().tenantId,
          account: reader().accounts[0],
          mykmsKeyId: reader().kmsKeyIds[reader().accounts[0]!],
          contractName: "PortLogistics",
          methodSignature: expect.stringMatching(/^[A-Za-z]\w*\([a-z0-9,[\]]*\)$/),
        });
        expect(Array.isArray(JSON.parse(String(body.inputParamListStr)))).toBe(true);
        expect(Array.isArray(JSON.parse(String(body.outTypes)))).toBe(true);
      }
      for (const { body } of seen.filter((r) => r.path === "chainCall"))
        expect(body).toMatchObject({
          accessId: reader().accessId,
          bizid: TEST_BIZID,
          token: expect.any(String),
        });
    } finally {
      await new Promise((resolve) => recorder.close(resolve));
    }
  });

  it("proves a receipt sits in a checked block: its Merkle path to the checked header's receipt root", async () => {
    const adapter = local.adapter();
    const block = local.network.chain.block(2)!;
    const txHash = block.transactions.at(-1)!.hash;
    expect(await adapter.proveTransaction(txHash)).toMatchObject({
      txHash,
      blockNumber: 2,
      receiptRoot: block.header.receiptRoot,
      proven: true,
    });
    await expect(adapter.proveTransaction("0".repeat(64))).rejects.toMatchObject({ code: "NOT_FOUND" });
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
      const sources = [
        ...record.events.map((e) => e.source),
        ...record.portCalls.map((c) => c.source),
        ...record.customs.flatMap((c) => c.history.map((h) => h.source)),
        ...record.releases.map((r) => r.source),
        ...record.fees.map((f) => f.source),
      ];
      for (const source of sources)
        expect(source).toMatchObject({
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

  it("keeps the chain and resumes the adapter's checked chain across restarts, without gaps or duplicates", async () => {
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
      mykmsKeyId: client.kmsKeyIdOf("cmport_terminal_ops"),
      contractName: "PortLogistics",
      methodSignature: "recordFee(string)",
      inputParamListStr: JSON.stringify([fee("FRESTART", "COSU-0000000002", "1")]),
      outTypes: '["bool"]',
    });
    local.network.chain.cut();
    const second = local.adapter({ checkpointFile });
    expect(second.follower.verifiedHeight).toBe(height);
    const after: string[] = [];
    second.onChange((c) => after.push(c.transactionId));
    await second.sync();
    expect(after).toEqual([written.data]);
    expect(new Set(seen).has(written.data)).toBe(false);
    const [bill] = await second.billsByReference(["COSU0000000002"]);
    expect(bill!.fees.find((f) => f.source.transactionId === written.data)!.source.proven).toBe(true);
  });

  it("reports the service being down as NETWORK_UNAVAILABLE", async () => {
    const down = createAntchainAdapter({
      url: "http://127.0.0.1:9",
      bizid: TEST_BIZID,
      accessId: "x",
      tenantId: "y",
      privateKey: readFileSync(reader().privateKeyPath, "utf8"),
      account: "a",
      kmsKeyId: "k",
      requestTimeoutMs: 500,
    });
    await expect(down.billsByReference(["COSU1234567"])).rejects.toBeInstanceOf(NetworkUnavailableError);
    expect((await down.status()).health).toBe("DOWN");
  });
});
