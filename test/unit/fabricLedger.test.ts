import { createHash, generateKeyPairSync, randomBytes, sign, verify } from "node:crypto";
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { peer } from "@hyperledger/fabric-protos";
import * as asn1js from "asn1js";
import { describe, expect, it } from "vitest";
import { CorruptBlockFile } from "../../networks/fabric/blockFile.ts";
import { blockHeaderHash } from "../../networks/fabric/blocks.ts";
import { signLowS, verifyLowS } from "../../networks/fabric/ecdsa.ts";
import { Ledger, LedgerFormatError, type PendingTransaction } from "../../networks/fabric/ledger.ts";
import { StateLock } from "../../networks/fabric/stateLock.ts";

const { VALID, MVCC_READ_CONFLICT, PHANTOM_READ_CONFLICT, DUPLICATE_TXID } = peer.TxValidationCode;

let txCounter = 0;
/** A transaction as the committer receives it; the envelope is opaque to the ledger. */
function tx(parts: Partial<PendingTransaction> = {}): PendingTransaction {
  return {
    txId: `tx${++txCounter}`,
    creatorMspId: "COSUMSP",
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, txCounter)).toISOString(),
    chaincodeId: "carrier",
    envelope: randomBytes(64),
    reads: [],
    rangeQueries: [],
    writes: [],
    event: null,
    ...parts,
  };
}
const put = (key: string, value: string) => ({ key, value: Buffer.from(value).toString("base64") });
const newFile = () => join(mkdtempSync(join(tmpdir(), "tg-ledger-")), "ledger", "tradelane.blocks.jsonl");

describe("Fabric ledger: block store", () => {
  it("keeps every committed block across a torn last line, and appends cleanly after it", () => {
    const file = newFile();
    const ledger = new Ledger(file);
    for (let i = 0; i < 5; i++) ledger.commit([tx({ writes: [put(`k${i}`, `v${i}`)] })]);
    ledger.close();
    const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
    expect(lines).toHaveLength(6);
    // A crash in the middle of appending the next block leaves part of its line, without the newline.
    appendFileSync(file, lines[5]!.slice(0, Math.floor(lines[5]!.length / 2)));

    const reopened = new Ledger(file);
    expect(reopened.recovery.droppedBytes).toBe(Math.floor(lines[5]!.length / 2));
    expect(reopened.height).toBe(6);
    expect(reopened.get("k4")?.value.toString()).toBe("v4");
    reopened.commit([tx({ writes: [put("k5", "v5")] })]);
    reopened.close();
    const after = readFileSync(file, "utf8");
    expect(after.endsWith("\n")).toBe(true);
    expect(
      after
        .split("\n")
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { number: number }).number),
    ).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const third = new Ledger(file);
    expect(third.recovery.droppedBytes).toBe(0);
    expect(third.height).toBe(7);
    expect(third.get("k5")?.value.toString()).toBe("v5");
    third.close();
  });

  it("drops a zero-filled tail (a power cut after the size grew) but refuses a corrupt block with blocks after it", () => {
    const file = newFile();
    const ledger = new Ledger(file);
    ledger.commit([tx({ writes: [put("a", "1")] })]);
    ledger.close();
    appendFileSync(file, Buffer.alloc(300));
    const reopened = new Ledger(file);
    expect(reopened.height).toBe(2);
    expect(reopened.recovery.droppedBytes).toBe(300);
    reopened.commit([tx({ writes: [put("b", "2")] })]);
    reopened.close();

    const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
    lines[1] = lines[1]!.slice(0, 40);
    writeFileSync(file, `${lines.join("\n")}\n`);
    expect(() => new Ledger(file)).toThrow(CorruptBlockFile);
    expect(() => new Ledger(file)).toThrow(/line 2 is corrupt/);
  });

  it("refuses a block whose data was changed or that does not chain, and a store of the earlier format", () => {
    const file = newFile();
    const ledger = new Ledger(file);
    ledger.commit([tx({ writes: [put("a", "1")] })]);
    ledger.commit([tx({ writes: [put("b", "2")] })]);
    ledger.close();
    const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
    const tampered = JSON.parse(lines[1]!) as { transactions: { envelope: string }[] };
    tampered.transactions[0]!.envelope = randomBytes(64).toString("base64");
    writeFileSync(file, [lines[0], JSON.stringify(tampered), lines[2]].join("\n") + "\n");
    expect(() => new Ledger(file)).toThrow(/data does not match its data hash/);

    const old = newFile();
    new Ledger(old).close();
    writeFileSync(
      old,
      `${JSON.stringify({ number: 0, previousHash: "", dataHash: "", transactions: [] })}\n`,
    );
    expect(() => new Ledger(old)).toThrow(LedgerFormatError);
    expect(() => new Ledger(old)).toThrow(/rm -rf \.tradegraph/);
  });

  it("chains blocks by Fabric's header hash (SHA-256 of the DER header), checked against an ASN.1 library", () => {
    const ledger = new Ledger(newFile());
    for (let i = 0; i < 3; i++) ledger.commit([tx({ writes: [put(`k${i}`, "v")] }), tx()]);
    for (let n = 1; n < ledger.height; n++) {
      const previous = ledger.block(n - 1)!;
      const der = new asn1js.Sequence({
        value: [
          new asn1js.Integer({ value: previous.number }),
          new asn1js.OctetString({ valueHex: Buffer.from(previous.previousHash, "hex") }),
          new asn1js.OctetString({ valueHex: Buffer.from(previous.dataHash, "hex") }),
        ],
      }).toBER();
      expect(ledger.block(n)!.previousHash).toBe(createHash("sha256").update(Buffer.from(der)).digest("hex"));
    }
    // Big block numbers encode as minimal two's complement integers, as Go's asn1 does.
    for (const number of [127, 128, 255, 256, 65_535, 2 ** 40]) {
      const der = new asn1js.Sequence({
        value: [
          new asn1js.Integer({ value: number }),
          new asn1js.OctetString({ valueHex: new Uint8Array(32) }),
          new asn1js.OctetString({ valueHex: new Uint8Array(32).fill(1) }),
        ],
      }).toBER();
      expect(blockHeaderHash(number, new Uint8Array(32), new Uint8Array(32).fill(1))).toEqual(
        createHash("sha256").update(Buffer.from(der)).digest(),
      );
    }
    ledger.close();
  });
});

describe("Fabric ledger: validation at commit", () => {
  it("marks a stale read, and a read of a key an earlier transaction of the block wrote, MVCC_READ_CONFLICT", () => {
    const ledger = new Ledger(newFile());
    ledger.commit([tx({ writes: [put("a", "1")] })]);
    const version = ledger.get("a")!.version;
    const block = ledger.commit([
      tx({ reads: [{ key: "a", version }], writes: [put("a", "2")] }),
      tx({ reads: [{ key: "a", version }], writes: [put("a", "3")] }),
      tx({ reads: [{ key: "b", version: null }], writes: [put("b", "1")] }),
    ]);
    expect(block.transactions.map((t) => t.validationCode)).toEqual([VALID, MVCC_READ_CONFLICT, VALID]);
    expect(ledger.get("a")?.value.toString()).toBe("2");
    ledger.close();
  });

  it("re-runs range reads: a key added, removed or changed in the range is PHANTOM_READ_CONFLICT", () => {
    const ledger = new Ledger(newFile());
    ledger.commit([tx({ writes: [put("r/1", "x"), put("r/3", "x"), put("s/1", "x")] })]);
    const read = (key: string) => ({ key, version: ledger.get(key)!.version });
    const exhausted = { startKey: "r/", endKey: "r0", itrExhausted: true, reads: [read("r/1"), read("r/3")] };
    // Stopped after r/1: the range ends at r/1 (inclusive), so r/3 changing does not matter.
    const partial = { startKey: "r/", endKey: "r/1", itrExhausted: false, reads: [read("r/1")] };
    const block = ledger.commit([
      tx({ writes: [put("r/2", "new")] }),
      tx({ rangeQueries: [exhausted] }),
      tx({ rangeQueries: [partial] }),
      tx({ rangeQueries: [{ startKey: "s/", endKey: "s0", itrExhausted: true, reads: [read("s/1")] }] }),
    ]);
    expect(block.transactions.map((t) => t.validationCode)).toEqual([
      VALID,
      PHANTOM_READ_CONFLICT,
      VALID,
      VALID,
    ]);

    const deleted = ledger.commit([
      tx({ writes: [{ key: "s/1", value: null }] }),
      tx({ rangeQueries: [{ startKey: "s/", endKey: "s0", itrExhausted: true, reads: [read("r/3")] }] }),
    ]);
    expect(deleted.transactions[1]!.validationCode).toBe(PHANTOM_READ_CONFLICT);
    const stale = {
      startKey: "r/",
      endKey: "r0",
      itrExhausted: true,
      reads: [read("r/1"), read("r/2"), read("r/3")],
    };
    ledger.commit([tx({ writes: [put("r/3", "changed")] })]);
    expect(ledger.commit([tx({ rangeQueries: [stale] })]).transactions[0]!.validationCode).toBe(
      PHANTOM_READ_CONFLICT,
    );
    ledger.close();
  });

  it("keeps a transaction id once (DUPLICATE_TXID), indexed at its first commit; history is newest first", () => {
    const ledger = new Ledger(newFile());
    const first = tx({ writes: [put("k", "1")] });
    ledger.commit([first, tx({ txId: first.txId, writes: [put("k", "dup")] })]);
    const later = ledger.commit([
      tx({ txId: first.txId, writes: [put("k", "again")] }),
      tx({ writes: [put("k", "2")] }),
    ]);
    expect(later.transactions.map((t) => t.validationCode)).toEqual([DUPLICATE_TXID, VALID]);
    expect(ledger.transaction(first.txId)).toEqual({ blockNumber: 1, validationCode: VALID });
    expect(ledger.historyOf("k").map((h) => h.value?.toString())).toEqual(["2", "1"]);
    ledger.close();
  });
});

describe("state lock", () => {
  it("lets a commit wait for running simulations, and holds simulations that arrive while it waits", async () => {
    const lock = new StateLock();
    const order: string[] = [];
    let finishFirst!: () => void;
    const first = lock.shared(async () => {
      order.push("sim1 start");
      await new Promise<void>((r) => (finishFirst = r));
      order.push("sim1 end");
    });
    const commit = lock.exclusive(() => order.push("commit"));
    const second = lock.shared(async () => {
      order.push("sim2");
    });
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(["sim1 start"]);
    finishFirst();
    await Promise.all([first, commit, second]);
    expect(order).toEqual(["sim1 start", "sim1 end", "commit", "sim2"]);
  });
});

describe("ECDSA signatures as Fabric's BCCSP takes them", () => {
  it("signs with a low S and refuses a valid signature whose S is high", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const half = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n / 2n;
    const sOf = (der: Buffer) => {
      const rLength = der[3]!;
      const sLength = der[5 + rLength]!;
      return BigInt(`0x${der.subarray(6 + rLength, 6 + rLength + sLength).toString("hex")}`);
    };
    const data = randomBytes(100);
    for (let i = 0; i < 20; i++) {
      const low = signLowS(data, privateKey);
      expect(sOf(low) <= half).toBe(true);
      expect(verify("sha256", data, publicKey, low)).toBe(true);
      expect(verifyLowS(data, publicKey, low)).toBe(true);
    }
    // Node's own signer gives a high S about half the time: valid ECDSA, which Fabric refuses.
    let high: Buffer | null = null;
    for (let i = 0; i < 200 && !high; i++) {
      const sig = sign("sha256", data, privateKey);
      if (sOf(sig) > half) high = sig;
    }
    expect(high).not.toBeNull();
    expect(verify("sha256", data, publicKey, high!)).toBe(true);
    expect(verifyLowS(data, publicKey, high!)).toBe(false);
    expect(verifyLowS(data, publicKey, new Uint8Array(0))).toBe(false);
  });
});
