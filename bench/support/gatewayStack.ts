/**
 * The ledgers and subgraphs of one test world, without a gateway of their own in use, run as a child
 * process for `bench/gateways.bench.ts`: prints one line `STACK {json}` with what a gateway needs to sit
 * in front of them (subgraph URLs, the proof secret, the party directory, a token issuer's public keys)
 * and the mix's references and tokens. Stops on SIGTERM.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureLocalIssuer } from "../../access/identity/localIssuer.ts";
import { startTestStack } from "../../test/support/stack.ts";
import type { GatewayStackInfo } from "./gatewayConfig.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
// The read model in PostgreSQL, as `npm start` runs it (MIX_DATABASE=pglite: embedded, in this process).
const stack = await startTestStack(redisUrl, Number(process.env.MIX_SHIPMENTS ?? 50), {
  databaseUrl:
    process.env.MIX_DATABASE === "pglite"
      ? undefined
      : (process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"),
});
// An issuer of the bench's own, whose public keys the gateway processes read: the stack's test issuer
// keeps its key in memory. Subgraphs check only the gateway's proof, so any issuer the gateways trust works.
const stateDir = mkdtempSync(join(tmpdir(), "tradegraph-gateways-bench-"));
const issuer = await ensureLocalIssuer(stateDir);
const world = stack.chain.world.shipments;
const titled = world.filter((s) => s.documentKind === "NEGOTIABLE_EBL").slice(0, 12);
const user = async (party: string, roles: ("analyst" | "operator")[] = []) => ({
  token: await issuer.issueToken({ party, roles, ttlSeconds: 4 * 3600 }),
  principal: { subject: `bench:${party}`, party, roles },
});
const info: GatewayStackInfo = {
  subgraphUrls: stack.subgraphUrls,
  proofSecret: stack.access.proofSecret.toString("base64"),
  parties: [...stack.access.parties.entries],
  jwt: { issuer: issuer.issuer, audience: issuer.audience, jwksFile: issuer.jwksFile },
  consignees: await Promise.all(
    titled.map(async (s) => ({ reference: s.reference, user: await user(s.consignee) })),
  ),
  // The README's analytics page is the MAEU lane into Shanghai: asked by a MAEU analyst, it lists that
  // carrier's shipments there (an analyst at another carrier would be shown none of them).
  analyst: await user("MAEU", ["analyst"]),
};
console.log(`STACK ${JSON.stringify(info)}`);
process.once("SIGTERM", () => {
  rmSync(stateDir, { recursive: true, force: true });
  void stack.close().finally(() => process.exit(0));
});
