import { CARRIERS } from "../../world/catalog.ts";
import type { EvmDeployment } from "./deploy.ts";

/** The DNS zone under which the local world's carriers publish their OpenAttestation identity. */
export const IDENTITY_ZONE = "carriers.tradegraph.example";

/** Where a carrier's documents say its identity is proven (`issuers[].identityProof.location`). */
export const identityLocationOf = (scac: string) => `${scac.toLowerCase()}.${IDENTITY_ZONE}`;

/**
 * The TXT records each carrier publishes for OpenAttestation's DNS-TXT identity proof: one per
 * contract it issues from, `openatts net=ethereum netId=<chain id> addr=<address>` (OpenAttestation's
 * ADR "decentralized identity proof DNS-TXT").
 */
export function openAttestationDnsRecords(deployment: EvmDeployment): { name: string; data: string }[] {
  return CARRIERS.flatMap((c) =>
    [deployment.registries[c.scac], deployment.documentStores[c.scac]]
      .filter((address): address is `0x${string}` => Boolean(address))
      .map((address) => ({
        name: identityLocationOf(c.scac),
        data: `openatts net=ethereum netId=${deployment.chainId} addr=${address}`,
      })),
  );
}
