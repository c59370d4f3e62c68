import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAuthenticator } from "../../access/identity/authenticator.ts";
import { ensureLocalIssuer } from "../../access/identity/localIssuer.ts";
import { PartyDirectory } from "../../access/partyDirectory.ts";
import type { Role } from "../../access/principal.ts";
import type { ShipmentAccessDirectory } from "../../access/shipmentAccess.ts";
import type { SubgraphAccess } from "../../serving/subgraphServer.ts";
import type { GatewayAccess } from "../../gateway/server.ts";
import { CARRIERS } from "../../world/catalog.ts";
import { buildPartyDirectory } from "../../world/partyDirectory.ts";
import type { LocalChain } from "./localChain.ts";

export interface TestAccess {
  parties: PartyDirectory;
  proofSecret: Buffer;
  /** Where the gateway looks up API keys (`createApiKey` adds one). */
  apiKeysFile: string;
  /** For subgraphs a test starts itself: the stack's secret, parties and access directory. */
  subgraph: SubgraphAccess;
  /** For gateways a test starts itself: real JWT verification against the test issuer. */
  gateway: GatewayAccess;
  /** A bearer token from the test's own issuer (ES256, one hour). */
  token(party: string | null, roles?: Role[]): Promise<string>;
  close(): void;
}

/**
 * Identity and access for an in-process test stack, made the way `npm start` makes them: the world's
 * party directory with the local chain's addresses, a local issuer under a temp state directory, and a
 * fresh proof secret. Gateways verify real tokens; subgraphs verify real proofs.
 */
export async function createTestAccess(
  chain: LocalChain,
  shipments: ShipmentAccessDirectory | null,
): Promise<TestAccess> {
  const stateDir = mkdtempSync(join(tmpdir(), "tradegraph-access-"));
  const parties = new PartyDirectory(
    buildPartyDirectory({
      carriers: new Map(
        CARRIERS.map((c) => [
          c.scac,
          [
            chain.actors.carriers.get(c.scac)!.account.address,
            chain.deployment.registries[c.scac]!,
            chain.deployment.documentStores[c.scac]!,
          ],
        ]),
      ),
      parties: new Map([...chain.actors.parties].map(([id, actor]) => [id, actor.account.address])),
    }),
  );
  const issuer = await ensureLocalIssuer(stateDir);
  const apiKeysFile = join(stateDir, "api-keys.json");
  const authenticator = createAuthenticator({
    jwt: { issuer: issuer.issuer, audience: issuer.audience, jwksFile: issuer.jwksFile },
    apiKeysFile,
    directory: parties,
  });
  const proofSecret = randomBytes(32);
  return {
    parties,
    proofSecret,
    apiKeysFile,
    subgraph: { proofSecrets: [proofSecret], parties, shipments },
    gateway: {
      authenticate: (headers) => authenticator.authenticate(headers),
      proofSecret,
      logOperatorUse: () => undefined,
    },
    token: (party, roles = []) =>
      issuer.issueToken({ party, roles: party === null ? ["operator", ...roles] : roles, ttlSeconds: 3600 }),
    close: () => rmSync(stateDir, { recursive: true, force: true }),
  };
}
