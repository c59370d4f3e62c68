import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import { gateway, peer } from "@hyperledger/fabric-protos";
import { signBlockHeader } from "./blocks.ts";
import { ChaincodeConnection, grpcChaincodeTransport } from "./chaincodeSupport.ts";
import { inProcessChaincodeTransport } from "./chaincode/inProcess.ts";
import { startCarrierChaincodeServer, type RunningChaincodeServer } from "./chaincode/server.ts";
import { DeliverService } from "./deliver.ts";
import { Ledger } from "./ledger.ts";
import { Membership } from "./membership.ts";
import { defaultEndorsementPolicy, ensureConsortium, PLATFORM_MSP, type Consortium } from "./orgs.ts";
import { FabricGatewayPeer } from "./peer.ts";
import { formatPolicy, parsePolicy } from "./policy.ts";
import { ensureTls, type TlsMaterial } from "./tls.ts";
import { newPeerSigner, type PeerSigner } from "./transactions.ts";

export interface CarrierNetworkOptions {
  dir: string;
  host: string;
  port: number;
  channel: string;
  chaincode: string;
  /** The chaincode's endorsement policy in Fabric's DSL. @default consortium peer AND one carrier peer */
  endorsementPolicy?: string;
  /**
   * Mutual TLS on the peer: a server certificate from the network's TLS CA (under `<dir>/tls`), and
   * every client must present a certificate that CA issued. @default false (plaintext gRPC)
   */
  tls?: boolean;
  /**
   * How the peer reaches the carrier chaincode (fabric-shim in every case):
   * - `{ address }`: a chaincode server already running as an external service (chaincode-as-a-service),
   *   e.g. `networks/fabric/chaincode/main.ts` in its own process, dialled over gRPC;
   * - `"grpc"`: the peer starts that server itself, in this process, on a free loopback port;
   * - `"in-process"`: fabric-shim's message handler in this process over an in-memory message stream.
   * @default "in-process"
   */
  chaincodeRuntime?: "in-process" | "grpc" | { address: string; dialTimeoutMs?: number };
  /** The package id the chaincode registers with. @default `<chaincode>_1.0:<sha256 of its source>` */
  chaincodePackageId?: string;
}

export interface RunningCarrierNetwork {
  endpoint: string;
  consortium: Consortium;
  ledger: Ledger;
  /** The endorsement policy in force, in the DSL. */
  endorsementPolicy: string;
  /** The chaincode package id the peer expects. */
  chaincodePackageId: string;
  /** Present with `tls: true`: the TLS CA and the client certificates issued to the network's clients. */
  tls: TlsMaterial | null;
  close(): Promise<void>;
}

/** Names of the TLS client certificates the network issues (one per client kind). */
export const TLS_CLIENTS = ["seeder", "reader"] as const;

/**
 * Starts the carrier network: consortium MSPs, the ledger from disk, the chaincode as an external service
 * (fabric-shim's server, started here unless one runs elsewhere), and the Gateway peer with its Deliver
 * service, on mutual TLS when asked.
 */
export async function startCarrierNetwork(options: CarrierNetworkOptions): Promise<RunningCarrierNetwork> {
  const consortium = await ensureConsortium(join(options.dir, "msp"));
  const orderer = newPeerSigner(
    PLATFORM_MSP,
    consortium.orderer.certificatePem,
    consortium.orderer.privateKeyPem,
  );
  const ledger = new Ledger(
    join(options.dir, "ledger", `${options.channel}.blocks.jsonl`),
    (n, previous, data) => signBlockHeader(orderer, n, previous, data),
  );
  if (ledger.recovery.droppedBytes > 0)
    console.warn(
      `fabric-network: dropped a torn last line (${ledger.recovery.droppedBytes} bytes) from the block store; every block before it is kept`,
    );
  const tls = options.tls ? await ensureTls(join(options.dir, "tls"), options.host, [...TLS_CLIENTS]) : null;
  const policy = parsePolicy(options.endorsementPolicy ?? defaultEndorsementPolicy());
  const packageId = options.chaincodePackageId ?? chaincodePackageId(options.chaincode);
  const runtime = options.chaincodeRuntime ?? "in-process";
  let chaincodeServer: RunningChaincodeServer | null = null;
  if (runtime === "grpc")
    chaincodeServer = await startCarrierChaincodeServer({ address: "127.0.0.1:0", packageId });
  const connection = new ChaincodeConnection(
    options.chaincode,
    packageId,
    runtime === "in-process"
      ? inProcessChaincodeTransport(packageId)
      : grpcChaincodeTransport(typeof runtime === "string" ? { address: chaincodeServer!.address } : runtime),
  );
  const endorsers = new Map<string, PeerSigner>(
    [...consortium.peers].map(([mspId, m]) => [
      mspId,
      newPeerSigner(mspId, m.certificatePem, m.privateKeyPem),
    ]),
  );
  const membership = new Membership(consortium.orgs);
  const peerService = new FabricGatewayPeer({
    channelId: options.channel,
    ledger,
    membership,
    chaincodes: new Map([[options.chaincode, { runtime: connection, policy }]]),
    signer: endorsers.get(PLATFORM_MSP)!,
    endorsers,
    address: `${options.host}:${options.port}`,
  });
  const deliver = new DeliverService({
    channelId: options.channel,
    ledger,
    membership,
    mutualTls: tls !== null,
  });
  const credentials = tls
    ? grpc.ServerCredentials.createSsl(
        Buffer.from(tls.caCertificatePem),
        [
          {
            cert_chain: Buffer.from(tls.server.certificatePem),
            private_key: Buffer.from(tls.server.privateKeyPem),
          },
        ],
        true,
      )
    : grpc.ServerCredentials.createInsecure();
  const server = new grpc.Server({ "grpc.keepalive_permit_without_calls": 1 });
  server.addService(gateway.GatewayService, peerService.service());
  server.addService(peer.DeliverService, deliver.service());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${options.host}:${options.port}`, credentials, (error, p) =>
      error ? reject(error) : resolve(p),
    ),
  );
  peerService.address = `${options.host}:${port}`;
  return {
    endpoint: `${options.host}:${port}`,
    consortium,
    ledger,
    endorsementPolicy: formatPolicy(policy),
    chaincodePackageId: packageId,
    tls,
    async close() {
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      connection.close();
      chaincodeServer?.close();
      ledger.close();
    },
  };
}

/**
 * The chaincode's package id as Fabric names an installed package, `<label>:<sha256 of the package>`;
 * here the package is the chaincode's source files, so a changed chaincode gets a new id.
 */
export function chaincodePackageId(label: string): string {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "chaincode");
  const hash = createHash("sha256");
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort())
    hash.update(name).update(readFileSync(join(dir, name)));
  return `${label}_1.0:${hash.digest("hex")}`;
}
