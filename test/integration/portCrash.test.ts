import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SeedingClient } from "../../networks/antchain/baasClient.ts";
import { blockFileOf } from "../../networks/antchain/network.ts";
import { kmsKeyIdOf } from "../../networks/antchain/tenants.ts";
import { startService, stopService, type RunningService } from "../../stack/services.ts";
import { TEST_ANCHOR } from "../support/localChain.ts";

/**
 * kill -9 of the port network's process while a terminal writes to it: on restart (after the kill
 * tore the block file's last line), every transaction whose hash was answered has its receipt.
 */
describe("the port network's process killed with SIGKILL", () => {
  const stateDir = mkdtempSync(join(tmpdir(), "tg-port-crash-"));
  const bizid = "c0ffee01";
  const env = {
    TRADEGRAPH_STATE_DIR: stateDir,
    WORLD_SEED: "crash",
    WORLD_SHIPMENTS: "3",
    WORLD_ANCHOR: TEST_ANCHOR.toISOString(),
    ANTCHAIN_PORT: "0",
    ANTCHAIN_BIZID: bizid,
  };
  const running: RunningService[] = [];
  afterAll(async () => {
    for (const service of running) await stopService(service);
    rmSync(stateDir, { recursive: true, force: true });
  });

  const terminal = (url: string) =>
    new SeedingClient(
      url,
      "cmport-terminal",
      join(stateDir, "antchain", "tenants", "cmport-terminal", "access.key"),
      bizid,
      "CMPORT",
      { cmport_terminal_ops: kmsKeyIdOf("CMPORT", "cmport_terminal_ops") },
    );
  const write = (client: SeedingClient, n: number) =>
    client.call("/api/contract/chainCallForBiz", {
      method: "CALLCONTRACTBIZASYNC",
      orderId: `crash-${n}`,
      account: "cmport_terminal_ops",
      mykmsKeyId: client.kmsKeyIdOf("cmport_terminal_ops"),
      contractName: "PortLogistics",
      methodSignature: "recordFee(string)",
      inputParamListStr: JSON.stringify([JSON.stringify({ feeNo: `FCRASH${n}`, billNo: "COSU-0000000001" })]),
      outTypes: '["bool"]',
    });

  it("loses no answered transaction and starts again past a torn last line", async () => {
    const first = await startService("antchain-network", "networks/antchain/main.ts", env, 60_000);
    running.push(first);
    const client = terminal(String(first.ready.url));
    const answered: string[] = [];
    let n = 0;
    // Writers keep going until the kill; the kill lands while requests are in flight.
    const writers = Array.from({ length: 4 }, async () => {
      for (;;) {
        const answer = await write(client, n++).catch(() => null);
        if (!answer) return;
        if (answer.success) answered.push(answer.data);
      }
    });
    await expect.poll(() => answered.length, { timeout: 20_000 }).toBeGreaterThan(40);
    first.child.kill("SIGKILL");
    await Promise.all(writers);
    // What an interrupted write of the next block leaves behind.
    appendFileSync(blockFileOf(join(stateDir, "antchain"), bizid), '{"header":{"number":99999,"parentHa');

    const second = await startService("antchain-network", "networks/antchain/main.ts", env, 60_000);
    running.push(second);
    const reader = terminal(String(second.ready.url));
    const receipts = await Promise.all(
      answered.map((hash) => reader.call("/api/contract/chainCall", { method: "QUERYRECEIPT", hash })),
    );
    const missing = receipts.filter((r) => !r.success);
    expect(missing).toEqual([]);
    expect(receipts.every((r) => (JSON.parse(r.data) as { result: number }).result === 0)).toBe(true);
  });
});
