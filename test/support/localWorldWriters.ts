import { join } from "node:path";
import { SeedingClient } from "../../networks/antchain/baasClient.ts";
import { CarrierWriter } from "../../networks/fabric/advance.ts";
import {
  carrierWriter,
  portWriter,
  titleWriter,
  type DocumentIndex,
} from "../../world/clock/networkWriters.ts";
import type { NetworkWriter } from "../../world/clock/worldClock.ts";
import type { World } from "../../world/types.ts";
import type { LocalCarrierNetwork } from "./carrierNetwork.ts";
import { TEST_ANCHOR, type LocalChain } from "./localChain.ts";
import { TEST_BIZID, type LocalPortNetwork } from "./portNetwork.ts";

/** The port community's accounts the clock writes from: the terminal operator's and China Customs'. */
export const TERMINAL_ACCOUNT = "cmport_terminal_ops";
export const CUSTOMS_ACCOUNT = "cn_customs_declarations";

/** A BaaS client of one of the local port community's tenants. */
export function tenantClient(port: LocalPortNetwork, accessId: string): SeedingClient {
  const tenant = port.network.tenants.find((t) => t.accessId === accessId)!;
  return new SeedingClient(
    port.network.url,
    tenant.accessId,
    tenant.privateKeyPath,
    TEST_BIZID,
    tenant.tenantId,
    tenant.kmsKeyIds,
  );
}

/**
 * The world clock's writers over the tests' local networks, as `npm start` wires them: titles from the
 * holders' and carriers' wallets, the carrier's Submits, the terminal's and customs' contract calls.
 * `close()` ends the carrier writer's Gateway connections.
 */
export function localWorldWriters(
  story: World,
  networks: { chain: LocalChain; carrier: LocalCarrierNetwork; port: LocalPortNetwork },
  documents: DocumentIndex,
): { writers: NetworkWriter[]; carrierWrites: CarrierWriter; close(): void } {
  const { chain, carrier, port } = networks;
  const carrierWrites = new CarrierWriter({
    endpoint: carrier.network.endpoint,
    channel: "tradelane",
    chaincode: "carrier",
    carrierAdmins: carrier.network.consortium.carrierAdmins,
    eblChainId: 31337,
    anchor: TEST_ANCHOR,
  });
  const writers = [
    titleWriter(
      {
        clients: chain.clients,
        actors: chain.actors,
        deployment: chain.deployment,
        documentsDir: join(chain.dir, "documents"),
      },
      documents,
    ),
    carrierWriter(carrierWrites, documents),
    portWriter(
      story,
      { client: port.terminalClient(), account: TERMINAL_ACCOUNT },
      { client: tenantClient(port, "cn-customs"), account: CUSTOMS_ACCOUNT },
    ),
  ];
  return { writers, carrierWrites, close: () => carrierWrites.close() };
}
