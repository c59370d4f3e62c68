import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAuthenticator } from "../../access/identity/authenticator.ts";
import { ensureLocalIssuer } from "../../access/identity/localIssuer.ts";
import { PartyDirectory } from "../../access/partyDirectory.ts";
import type { ShipmentAccessDirectory } from "../../access/shipmentAccess.ts";
import type { SubgraphAccess } from "../../serving/subgraphServer.ts";
import type { GatewayAccess } from "../../gateway/server.ts";
import { buildPartyDirectory } from "../../world/partyDirectory.ts";

/**
 * Identity and access for a benchmark's in-process stack: real token verification and real subgraph
 * proofs, as in production. Benchmarks query as the operator unless they measure access itself.
 */
export async function benchAccess(shipments: ShipmentAccessDirectory | null = null): Promise<{
  subgraph: SubgraphAccess;
  gateway: GatewayAccess;
  operatorHeaders: Record<string, string>;
}> {
  const stateDir = mkdtempSync(join(tmpdir(), "tradegraph-bench-"));
  const parties = new PartyDirectory(buildPartyDirectory({ carriers: new Map(), parties: new Map() }));
  const issuer = await ensureLocalIssuer(stateDir);
  const authenticator = createAuthenticator({
    jwt: { issuer: issuer.issuer, audience: issuer.audience, jwksFile: issuer.jwksFile },
    directory: parties,
  });
  const proofSecret = randomBytes(32);
  const token = await issuer.issueToken({ party: null, roles: ["operator"], ttlSeconds: 3600 });
  return {
    subgraph: { proofSecrets: [proofSecret], parties, shipments },
    gateway: {
      authenticate: (headers) => authenticator.authenticate(headers),
      proofSecret,
      logOperatorUse: () => undefined,
    },
    operatorHeaders: { "content-type": "application/json", authorization: `Bearer ${token}` },
  };
}
