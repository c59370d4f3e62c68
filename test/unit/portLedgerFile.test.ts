import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CorruptJsonLinesError, JsonLinesFile } from "../../core/jsonLinesFile.ts";
import { PortChain } from "../../networks/antchain/chain.ts";
import { encodePortCall, PORT_CONTRACT_NAME } from "../../wire/antchain/portContract.ts";
import { identityOf } from "../../wire/antchain/records.ts";

/** Crash safety of the local port ledger's files: what kill -9 leaves behind must not stop it starting. */
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "tg-port-ledger-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("JSON lines files", () => {
  it("drop a torn last line and keep every line before it; the next append starts a clean line", () => {
    const path = join(tempDir(), "log.jsonl");
    writeFileSync(path, '{"n":1}\n{"n":2}\n{"n":3,"par');
    const { file, records, tornBytes } = JsonLinesFile.open<{ n: number }>(path);
    expect(records).toEqual([{ n: 1 }, { n: 2 }]);
    expect(tornBytes).toBe('{"n":3,"par'.length);
    file.append([{ n: 3 }], { sync: true });
    file.close();
    expect(readFileSync(path, "utf8")).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
  });

  it("keep a complete last record whose newline was not written", () => {
    const path = join(tempDir(), "log.jsonl");
    writeFileSync(path, '{"n":1}\n{"n":2}');
    const { file, records } = JsonLinesFile.open<{ n: number }>(path);
    expect(records).toEqual([{ n: 1 }, { n: 2 }]);
    file.append([{ n: 3 }], { sync: false });
    file.close();
    expect(JsonLinesFile.open(path).records).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it("refuse a damaged line before the last one: that is not a crash, and skipping it would lose data silently", () => {
    const path = join(tempDir(), "log.jsonl");
    writeFileSync(path, '{"n":1}\n{"n":\n{"n":3}\n');
    expect(() => JsonLinesFile.open(path)).toThrow(CorruptJsonLinesError);
  });
});

describe("the port chain after kill -9", () => {
  const submit = (chain: PortChain, orderId: string) =>
    chain.submit({
      order: { tenant: "CMPORT", orderId, request: orderId },
      from: identityOf("ops"),
      to: identityOf(PORT_CONTRACT_NAME),
      gas: 0,
      data: encodePortCall("recordFee(string)", [JSON.stringify({ feeNo: orderId, billNo: "COSU-1" })]),
    }).hash;

  it("starts from a block file whose last line was torn mid-write, keeping every block before it", () => {
    const dir = tempDir();
    const file = join(dir, "b.blocks.jsonl");
    const chain = new PortChain(file, { writers: ["ops"] });
    submit(chain, "o1");
    chain.cut();
    submit(chain, "o2");
    chain.close();
    const head = chain.header(chain.height)!;
    appendFileSync(file, '{"header":{"number":3,"parentHash":"'); // the next block, cut off by the kill
    const again = new PortChain(file, { writers: ["ops"] });
    expect(again.tornBytes).toBeGreaterThan(0);
    expect(again.height).toBe(head.number);
    expect(again.header(head.number)).toEqual(head);
    expect(again.receipt(again.txHashForOrder("CMPORT", "o2")!)).toMatchObject({ result: 0 });
    again.close();
  });

  it("seals every transaction whose hash was answered, even when its block was torn or never written", () => {
    const dir = tempDir();
    const file = join(dir, "b.blocks.jsonl");
    const chain = new PortChain(file, { writers: ["ops"], batchTimeoutMs: 60_000 });
    const answered = ["a", "b", "c"].map((id) => submit(chain, id));
    // What the disk holds at the kill: the accepted transactions (fsynced before their hashes were
    // answered), and the block sealing them written only in part.
    const pendingFile = file.replace(".blocks.jsonl", ".pending.jsonl");
    const crashed = join(dir, "crashed.blocks.jsonl");
    copyFileSync(pendingFile, crashed.replace(".blocks.jsonl", ".pending.jsonl"));
    chain.cut();
    const blocks = readFileSync(file, "utf8");
    writeFileSync(crashed, blocks.slice(0, blocks.length - 200));
    chain.close();

    const restarted = new PortChain(crashed, { writers: ["ops"] });
    for (const hash of answered) expect(restarted.receipt(hash)).toMatchObject({ txHash: hash, result: 0 });
    // The same orderId still answers the same hash: a client retrying after the crash writes nothing twice.
    expect(submit(restarted, "a")).toBe(answered[0]);
    restarted.close();
    const reopened = new PortChain(crashed, { writers: ["ops"] });
    expect(reopened.height).toBe(restarted.height);
    reopened.close();
  });

  it("refuses to start from a block file whose stored receipts do not replay", () => {
    const dir = tempDir();
    const file = join(dir, "b.blocks.jsonl");
    const chain = new PortChain(file, { writers: ["ops"] });
    submit(chain, "o1");
    chain.close();
    writeFileSync(file, readFileSync(file, "utf8").replace('"result":0', '"result":1'));
    expect(() => new PortChain(file, { writers: ["ops"] })).toThrow(/damaged|diverged/);
  });
});
