import { createServer } from "node:net";
import type { Server } from "@grpc/grpc-js";
import { JSONSerializer } from "fabric-contract-api";
import type { ChaincodeServerOpts } from "fabric-shim";
import { loadFabricShim } from "./fabricShim.ts";
import { contracts } from "./index.ts";

export interface ChaincodeServerOptions {
  /** host:port to listen on; port 0 picks a free one. */
  address: string;
  /** The package id the server registers with (the peer refuses another). */
  packageId: string;
  /** TLS for the chaincode server; `clientCaCertificate` makes it require the peer's client certificate. */
  tls?: { certificate: string; key: string; clientCaCertificate?: string };
}

export interface RunningChaincodeServer {
  address: string;
  close(): void;
}

/**
 * Serves the carrier chaincode as an external service (chaincode-as-a-service), exactly as
 * `fabric-chaincode-node server --chaincode-address … --chaincode-id …` would serve this package on a
 * real network: fabric-shim's ChaincodeServer, its ChaincodeStub and ClientIdentity, fabric-contract-api's
 * transaction routing and argument marshalling. The peer dials it and drives it over the chaincode protocol.
 */
export async function startCarrierChaincodeServer(
  options: ChaincodeServerOptions,
): Promise<RunningChaincodeServer> {
  const { Shim, ChaincodeFromContract } = loadFabricShim();
  const address = await withPort(options.address);
  const chaincode = new ChaincodeFromContract(
    [...contracts],
    { transaction: "jsonSerializer", serializers: { jsonSerializer: JSONSerializer } },
    {},
    "carrier",
    "1.0",
  );
  const server = Shim.server(chaincode, {
    ccid: options.packageId,
    address,
    ...(options.tls
      ? {
          tlsProps: {
            key: Buffer.from(options.tls.key),
            cert: Buffer.from(options.tls.certificate),
            ...(options.tls.clientCaCertificate
              ? { clientCACerts: Buffer.from(options.tls.clientCaCertificate) }
              : {}),
          },
        }
      : {}),
  } as ChaincodeServerOpts);
  await server.start();
  return {
    address,
    // ChaincodeServer has no stop(); its gRPC server is the one field to shut down.
    close: () => (server as unknown as { _server: Server })._server.forceShutdown(),
  };
}

/** fabric-shim does not report the port it bound, so a port 0 is resolved to a free one first. */
async function withPort(address: string): Promise<string> {
  const at = address.lastIndexOf(":");
  const host = address.slice(0, at);
  if (address.slice(at + 1) !== "0") return address;
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const bound = (probe.address() as { port: number }).port;
      probe.close(() => resolve(bound));
    });
  });
  return `${host}:${port}`;
}
