import { join } from "node:path";
import { ChaincodeRuntime } from "./chaincodeRuntime.ts";
import { CarrierContract } from "./chaincode/carrierContract.ts";
import { Ledger } from "./ledger.ts";
import { Membership } from "./membership.ts";
import { ensureConsortium, PLATFORM_MSP, type Consortium } from "./orgs.ts";
import { FabricGatewayPeer, servePeer } from "./peer.ts";
import { newPeerSigner } from "./transactions.ts";

export interface CarrierNetworkOptions {
  dir: string;
  host: string;
  port: number;
  channel: string;
  chaincode: string;
}

export interface RunningCarrierNetwork {
  endpoint: string;
  consortium: Consortium;
  ledger: Ledger;
  close(): Promise<void>;
}

/** Starts the carrier network: consortium MSPs, the ledger from disk, the chaincode, the Gateway peer. */
export async function startCarrierNetwork(options: CarrierNetworkOptions): Promise<RunningCarrierNetwork> {
  const consortium = await ensureConsortium(join(options.dir, "msp"));
  const ledger = new Ledger(join(options.dir, "ledger", `${options.channel}.blocks.jsonl`));
  const chaincodes = new ChaincodeRuntime();
  chaincodes.install(options.chaincode, [new CarrierContract()]);
  const signer = newPeerSigner(PLATFORM_MSP, consortium.peer.certificatePem, consortium.peer.privateKeyPem);
  const peer = new FabricGatewayPeer({
    channelId: options.channel,
    ledger,
    membership: new Membership(consortium.orgs),
    chaincodes,
    signer,
    address: `${options.host}:${options.port}`,
  });
  const served = await servePeer(peer, options.host, options.port);
  return { endpoint: `${options.host}:${served.port}`, consortium, ledger, close: () => served.close() };
}
