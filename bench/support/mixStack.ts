/**
 * A whole in-process stack for the users'-mix benchmarks, run as a child process: prints one line
 * `MIX {json}` with the gateway URL, the references the mix asks for and, when the stack has access
 * control, a bearer token per user. Written against the test stack's API as it has stood since before
 * access control (`startTestStack(redisUrl, shipments)` with `gateway.url`), so `bench/access.bench.ts`
 * can run it in a checkout of the commit before and compare. Stops on SIGTERM.
 */
import { startTestStack } from "../../test/support/stack.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const stack = await startTestStack(redisUrl, Number(process.env.MIX_SHIPMENTS ?? 50));
const world = stack.chain.world.shipments;
const ebl =
  world.find((s) => s.documentKind === "NEGOTIABLE_EBL" && s.portOfDischarge.startsWith("CN")) ?? world[0]!;
const access = (stack as unknown as { access?: { token(p: string | null, r?: string[]): Promise<string> } })
  .access;
const tokens = access
  ? {
      consignee: await access.token(ebl.consignee),
      analyst: await access.token(ebl.carrierScac, ["analyst"]),
      operator: await access.token(null),
    }
  : null;
console.log(
  `MIX ${JSON.stringify({ url: stack.gateway.url, reference: ebl.reference, carrier: ebl.carrierScac, pod: ebl.portOfDischarge, tokens })}`,
);
process.once("SIGTERM", () => {
  void stack.close().finally(() => process.exit(0));
});
