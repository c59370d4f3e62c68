import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { peer } from "@hyperledger/fabric-protos";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAs } from "../../networks/fabric/client.ts";
import { Ledger } from "../../networks/fabric/ledger.ts";
import { startLocalCarrierNetwork, type LocalCarrierNetwork } from "../support/carrierNetwork.ts";

describe("the carrier network's ledger survives crashes", () => {
  let local: LocalCarrierNetwork;

  beforeAll(async () => {
    local = await startLocalCarrierNetwork(5);
  });
  afterAll(async () => {
    await local?.close();
  });

  it("starts after a crash tore the block store's last line, with every block before it, and keeps committing", async () => {
    const file = join(local.dir, "ledger", "tradelane.blocks.jsonl");
    const height = local.network.ledger.height;
    const refs = local.world.shipments.map((s) => s.reference);
    const before = await local.adapter().shipmentsByReference(refs);
    let torn = "";
    await local.restart(() => {
      // What a crash mid-append leaves: the start of the next block's line, no newline.
      const last = readFileSync(file, "utf8").trimEnd().split("\n").at(-1)!;
      torn = last.slice(0, Math.floor(last.length / 3));
      appendFileSync(file, torn);
    });
    expect(local.network.ledger.recovery.droppedBytes).toBe(Buffer.byteLength(torn));
    expect(local.network.ledger.height).toBe(height);
    expect(await local.adapter().shipmentsByReference(refs)).toEqual(before);

    const s = local.world.shipments[0]!;
    const admin = local.network.consortium.carrierAdmins.get(s.carrierScac)!;
    const client = connectAs(local.network.endpoint, admin);
    try {
      const submitted = await client.gateway
        .getNetwork("tradelane")
        .getContract("carrier")
        .newProposal("SetRelease", { arguments: [s.reference, JSON.stringify({ status: "HOLD" })] })
        .endorse()
        .then((t) => t.submit());
      expect((await submitted.getStatus()).code).toBe(peer.TxValidationCode.VALID);
    } finally {
      client.close();
    }
    // The new block is a line of its own, not glued to the torn bytes, and is there after another restart.
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.filter(Boolean).map((l) => (JSON.parse(l) as { number: number }).number)).toEqual(
      Array.from({ length: height + 1 }, (_, i) => i),
    );
    await local.restart();
    expect(local.network.ledger.height).toBe(height + 1);
    const [after] = await local.adapter().shipmentsByReference([s.reference]);
    expect(after?.release.status).toBe("REFUSED");
  });

  it("keeps every block it reported committed when its process is killed with SIGKILL mid-stream", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "tg-kill-")), "ledger.jsonl");
    // A process that commits blocks as fast as it can and says so after each commit returns.
    const writer = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `const { Ledger } = await import(${JSON.stringify(new URL("../../networks/fabric/ledger.ts", import.meta.url).href)});
         const ledger = new Ledger(${JSON.stringify(file)});
         for (let i = 0; ; i++) {
           const block = ledger.commit([{ txId: "tx" + i, creatorMspId: "COSUMSP", timestamp: new Date().toISOString(),
             chaincodeId: "carrier", envelope: Buffer.from("envelope " + i), reads: [], rangeQueries: [],
             writes: [{ key: "k" + (i % 7), value: Buffer.from(String(i)).toString("base64") }], event: null }]);
           process.stdout.write("committed " + block.number + " " + block.dataHash + "\\n");
           if (i % 10 === 9) await new Promise((r) => setImmediate(r));
         }`,
      ],
      { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] },
    );
    const reported = new Map<number, string>();
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      writer.on("exit", (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the writer reported too few blocks")), 30_000);
      createInterface({ input: writer.stdout! }).on("line", (line) => {
        const [, number, hash] = line.split(" ");
        reported.set(Number(number), hash!);
        if (reported.size === 150) {
          clearTimeout(timer);
          writer.kill("SIGKILL");
          resolve();
        }
      });
    });
    expect(await exited).toBe("SIGKILL");

    const ledger = new Ledger(file);
    expect(ledger.height).toBeGreaterThanOrEqual(Math.max(...reported.keys()) + 1);
    for (const [number, hash] of reported) expect(ledger.block(number)?.dataHash).toBe(hash);
    // And it goes on from there.
    const next = ledger.commit([]);
    expect(next.number).toBe(ledger.height - 1);
    ledger.close();
  });
});
