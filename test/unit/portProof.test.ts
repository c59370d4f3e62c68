import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChainCheckError, CheckedChain } from "../../adapters/antchain/checkedChain.ts";
import { mapBill } from "../../adapters/antchain/mapBill.ts";
import { PortChain } from "../../networks/antchain/chain.ts";
import { sha256Hex } from "../../wire/antchain/canonicalJson.ts";
import { encodePortCall, PORT_CONTRACT_NAME } from "../../wire/antchain/portContract.ts";
import {
  headerHashOf,
  identityOf,
  type BillView,
  type BlockBody,
  type ContainerMove,
} from "../../wire/antchain/records.ts";

/**
 * `proven` on port facts, held to the header chain the adapter checks itself: blocks from the real port
 * chain (networks/antchain), checked by the adapter's CheckedChain, then altered one way at a time.
 */
const BILL = "COSU-6612345678";
const move = {
  moveNo: "2248XH30543835678",
  ctnNo: "CSQU 3054383",
  billNo: BILL,
  portCode: "2248",
  callNo: "2248472945E",
  moveCode: "XH",
  moveTime: "2026-11-19 14:00:00",
};
const call = {
  callNo: "2248472945E",
  vesselName: "COSCO PRIDE",
  imo: "9074729",
  voyage: "045E",
  portCode: "2248",
  berth: "YSGT-3",
};

describe("proven: facts held to the adapter's checked header chain", () => {
  let dir: string;
  let chain: PortChain;
  let blocks: BlockBody[];
  const txOf = (block: number, index = 0) => blocks[block]!.transactions[index]!.hash;
  const bodies = () => structuredClone(blocks);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tg-port-proof-"));
    chain = new PortChain(join(dir, "chain.blocks.jsonl"), { writers: ["ops"] });
    let order = 0;
    const send = (from: string, signature: string, payload: object) =>
      chain.submit({
        order: { tenant: "T", orderId: String(order++), request: String(order) },
        from: identityOf(from),
        to: identityOf(PORT_CONTRACT_NAME),
        gas: 0,
        data: encodePortCall(signature, [JSON.stringify(payload)]),
      });
    send("ops", "recordMove(string)", move); // block 1: a move, and a fee by an account that may not write
    send("intruder", "recordFee(string)", { feeNo: "F1", billNo: BILL });
    chain.cut();
    send("ops", "recordPortCall(string)", { ...call, eta: "2026-11-19 08:00:00" }); // block 2
    chain.cut();
    send("ops", "recordPortCall(string)", { ...call, ata: "2026-11-19 10:30:00" }); // block 3
    chain.cut();
    blocks = Array.from({ length: chain.height + 1 }, (_, n) => chain.block(n)!);
  });
  afterAll(() => {
    chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const checked = (upTo = blocks.length - 1, from = 0, path?: string) => {
    const c = new CheckedChain(
      "biz",
      PORT_CONTRACT_NAME,
      { number: from, hash: blocks[from]!.header.hash },
      path,
    );
    for (const b of bodies().slice(from, upTo + 1)) c.extend(b);
    return c;
  };
  const view = (): BillView =>
    (JSON.parse(chain.contract.query("queryBills(string)", [JSON.stringify([BILL])])) as BillView[])[0]!;

  it("proves the contract's answer fact by fact once every block from the checkpoint checks", () => {
    const c = checked();
    expect(c.tip).toEqual({ number: 3, hash: blocks[3]!.header.hash });
    const record = mapBill(view(), { network: "port-antchain", proven: (kind, w) => c.proves(kind, w) });
    const sources = [...record.events.map((e) => e.source), ...record.portCalls.map((p) => p.source)];
    expect(sources.length).toBeGreaterThan(2);
    expect(sources.every((s) => s.proven)).toBe(true);
  });

  it("a fact whose values are not what its transaction wrote is not proven", () => {
    const c = checked();
    const [written] = view().moves as ContainerMove[];
    expect(c.proves("move", written!)).toBe(true);
    expect(c.proves("move", { ...written!, moveTime: "2026-11-19 15:00:00" })).toBe(false);
    expect(c.proves("customs", written!)).toBe(false);
    // The port call's latest write set the ATA: the answer must show it; the ETA came from block 2.
    const portCall = view().portCalls[0]!;
    expect(portCall).toMatchObject({ eta: "2026-11-19 08:00:00", txHash: txOf(3) });
    expect(c.proves("portCall", portCall)).toBe(true);
    expect(c.proves("portCall", { ...portCall, ata: "2026-11-19 11:00:00" })).toBe(false);
  });

  it("a fact citing a transaction that reverted, or another block, is not proven", () => {
    const c = checked();
    expect(blocks[1]!.receipts[1]!.result).not.toBe(0);
    const fee = { feeNo: "F1", billNo: BILL, txHash: txOf(1, 1), blockNumber: 1 };
    expect(c.proves("fee", fee)).toBe(false);
    const [written] = view().moves;
    expect(c.proves("move", { ...written!, blockNumber: 2 })).toBe(false);
  });

  it("a fact in a block outside the checked chain is not proven: not yet checked, or before the checkpoint", () => {
    const [written] = view().moves;
    expect(checked(0).proves("move", written!)).toBe(false);
    const fromTwo = checked(3, 2);
    expect(fromTwo.proves("move", written!)).toBe(false);
    expect(fromTwo.proves("portCall", view().portCalls[0]!)).toBe(true);
  });

  it("refuses a block whose receipt root does not match its receipts, and checks nothing after it", () => {
    const c = checked(0);
    const altered = bodies();
    altered[1]!.receipts[0]!.output = Buffer.from("false").toString("base64");
    expect(() => c.extend(altered[1]!)).toThrow(/receipt root/);
    expect(c.tip!.number).toBe(0);
    expect(() => c.extend(altered[2]!)).toThrow(ChainCheckError);
    expect(c.proves("move", view().moves[0]!)).toBe(false);
  });

  it("refuses a header that does not link to its parent, even when it hashes correctly", () => {
    const c = checked(1);
    const altered = bodies()[2]!;
    altered.header.parentHash = sha256Hex("another parent");
    const { hash: _h, ...fields } = altered.header;
    altered.header.hash = headerHashOf(fields);
    expect(() => c.extend(altered)).toThrow(/does not link/);
  });

  it("refuses a header that is not its fields' hash, an altered transaction, and a transaction root that does not match", () => {
    const c = checked(1);
    const wrongHash = bodies()[2]!;
    wrongHash.header.timestamp += 1;
    expect(() => c.extend(wrongHash)).toThrow(/hash to its header's hash/);
    const alteredTx = bodies()[2]!;
    alteredTx.transactions[0]!.gas = 1;
    expect(() => c.extend(alteredTx)).toThrow(/transaction whose hash is wrong/);
    const dropped = bodies()[1]!;
    dropped.transactions.reverse();
    expect(() => checked(0).extend(dropped)).toThrow(/transaction root/);
    expect(c.tip!.number).toBe(1);
  });

  it("starts only at the trusted checkpoint: another first block is refused; without one, genesis as first seen", () => {
    const trusted = new CheckedChain("biz", PORT_CONTRACT_NAME, {
      number: 0,
      hash: sha256Hex("other genesis"),
    });
    expect(() => trusted.extend(bodies()[0]!)).toThrow(/trusted checkpoint/);
    const onFirstUse = new CheckedChain("biz", PORT_CONTRACT_NAME);
    expect(() => onFirstUse.extend(bodies()[1]!)).toThrow(/trusted checkpoint 0/);
    onFirstUse.extend(bodies()[0]!);
    expect(onFirstUse.tip).toEqual({ number: 0, hash: blocks[0]!.header.hash });
  });

  it("keeps the checked chain across restarts; a torn last line loses only that block; an altered line drops the file", () => {
    const path = join(dir, "checked.jsonl");
    const first = checked(3, 0, path);
    first.save();
    const [written] = view().moves;
    expect(new CheckedChain("biz", PORT_CONTRACT_NAME, undefined, path).proves("move", written!)).toBe(true);

    const lines = readFileSync(path, "utf8");
    writeFileSync(path, lines.slice(0, lines.length - 40)); // kill -9 mid-write of block 3
    const torn = new CheckedChain("biz", PORT_CONTRACT_NAME, undefined, path);
    expect(torn.tip!.number).toBe(2);
    torn.extend(bodies()[3]!);
    torn.save();
    expect(new CheckedChain("biz", PORT_CONTRACT_NAME, undefined, path).tip!.number).toBe(3);

    // A kept block whose receipt leaf was changed no longer matches its root: start over from the network.
    writeFileSync(path, readFileSync(path, "utf8").replace(blocks[1]!.header.receiptRoot, sha256Hex("x")));
    expect(new CheckedChain("biz", PORT_CONTRACT_NAME, undefined, path).tip).toBeNull();
    // Another chain's anchor: not ours either.
    checked(1, 0, path).save();
    appendFileSync(path, "");
    const elsewhere = new CheckedChain(
      "biz",
      PORT_CONTRACT_NAME,
      { number: 0, hash: sha256Hex("elsewhere") },
      path,
    );
    expect(elsewhere.tip).toBeNull();
  });
});
