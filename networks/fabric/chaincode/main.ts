/**
 * Entry point of the carrier chaincode as an external service, configured the way Fabric's
 * chaincode-as-a-service images are: CHAINCODE_SERVER_ADDRESS (host:port to listen on) and CHAINCODE_ID
 * (the package id the peer installed, `label:hash`); TLS with CHAINCODE_TLS_CERT / CHAINCODE_TLS_KEY
 * (PEM files) and CHAINCODE_TLS_CLIENT_CA_CERT to require the peer's client certificate.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { loadConfigOrExit } from "../../../serving/config.ts";
import { runService } from "../../../serving/service.ts";
import { startCarrierChaincodeServer } from "./server.ts";

const config = loadConfigOrExit(
  "carrier-chaincode",
  z.object({
    CHAINCODE_SERVER_ADDRESS: z.string().regex(/^[^:]+:\d+$/, "must be host:port"),
    CHAINCODE_ID: z.string().regex(/^[^:]+:.+$/, "must be label:hash"),
    CHAINCODE_TLS_CERT: z.string().optional(),
    CHAINCODE_TLS_KEY: z.string().optional(),
    CHAINCODE_TLS_CLIENT_CA_CERT: z.string().optional(),
  }),
  process.env,
);

const server = await startCarrierChaincodeServer({
  address: config.CHAINCODE_SERVER_ADDRESS,
  packageId: config.CHAINCODE_ID,
  ...(config.CHAINCODE_TLS_CERT && config.CHAINCODE_TLS_KEY
    ? {
        tls: {
          certificate: readFileSync(config.CHAINCODE_TLS_CERT, "utf8"),
          key: readFileSync(config.CHAINCODE_TLS_KEY, "utf8"),
          ...(config.CHAINCODE_TLS_CLIENT_CA_CERT
            ? { clientCaCertificate: readFileSync(config.CHAINCODE_TLS_CLIENT_CA_CERT, "utf8") }
            : {}),
        },
      }
    : {}),
});
runService("carrier-chaincode", { address: server.address, packageId: config.CHAINCODE_ID }, () =>
  server.close(),
);
