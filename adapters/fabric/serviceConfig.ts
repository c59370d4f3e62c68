import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { FabricAdapterOptions } from "./options.ts";

/**
 * The carrier network's connection settings, as zod fields for an entry point's config. Every service
 * that reads the carrier network (the carrier subgraph, the read model's indexer) takes the same ones,
 * so pointing the product at a real peer is the same configuration everywhere. Unset values come from
 * the local network's connection profile (`<state dir>/fabric/connection.json`, written by `npm start`).
 */
export const fabricConnectionConfigShape = {
  /** Network name in provenance, errors and checkpoints. */
  FABRIC_NETWORK_NAME: z.string().default("carrier-fabric"),
  /** Gateway peer host:port. */
  FABRIC_PEER_ENDPOINT: z
    .string()
    .regex(/^[^:]+:\d+$/, "must be host:port")
    .optional(),
  /** The client identity: its MSP id, X.509 certificate and private key (PEM files). */
  FABRIC_MSP_ID: z.string().optional(),
  FABRIC_CERT_PATH: z.string().optional(),
  FABRIC_KEY_PATH: z.string().optional(),
  /** TLS to the peer: the CA of its TLS certificate (PEM file), and a server name override. */
  FABRIC_TLS_CA_PATH: z.string().optional(),
  FABRIC_TLS_SERVER_NAME: z.string().optional(),
  /** Client certificate and key (PEM files) for a peer that requires mutual TLS. */
  FABRIC_TLS_CLIENT_CERT_PATH: z.string().optional(),
  FABRIC_TLS_CLIENT_KEY_PATH: z.string().optional(),
  FABRIC_CHANNEL: z.string().default("tradelane"),
  FABRIC_CHAINCODE: z.string().default("carrier"),
  /** Deadline for one Evaluate. */
  FABRIC_EVALUATE_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
};
export type FabricConnectionConfig = z.output<z.ZodObject<typeof fabricConnectionConfigShape>>;

interface LocalProfile {
  endpoint: string;
  mspId: string;
  certificatePath: string;
  privateKeyPath: string;
  tls?: { caCertificatePath: string; clientCertificatePath: string; clientKeyPath: string };
}

/**
 * The adapter's options from the parsed settings, the local profile filling what is unset; or every
 * setting that is missing. TLS files come from the profile only for the profile's own peer (a peer named in
 * the configuration is the local one only when its endpoint is the profile's).
 */
export function fabricAdapterOptionsFrom(
  config: FabricConnectionConfig,
  stateDir: string,
  checkpointName: string,
): { options: FabricAdapterOptions; problems: [] } | { options: null; problems: string[] } {
  const profileFile = join(stateDir, "fabric", "connection.json");
  const profile = existsSync(profileFile)
    ? (JSON.parse(readFileSync(profileFile, "utf8")) as LocalProfile)
    : undefined;
  const local =
    !config.FABRIC_PEER_ENDPOINT || config.FABRIC_PEER_ENDPOINT === profile?.endpoint
      ? profile?.tls
      : undefined;
  const endpoint = config.FABRIC_PEER_ENDPOINT ?? profile?.endpoint;
  const mspId = config.FABRIC_MSP_ID ?? profile?.mspId;
  const certPath = config.FABRIC_CERT_PATH ?? profile?.certificatePath;
  const keyPath = config.FABRIC_KEY_PATH ?? profile?.privateKeyPath;
  const tlsCaPath = config.FABRIC_TLS_CA_PATH ?? local?.caCertificatePath;
  const tlsCertPath = config.FABRIC_TLS_CLIENT_CERT_PATH ?? local?.clientCertificatePath;
  const tlsKeyPath = config.FABRIC_TLS_CLIENT_KEY_PATH ?? local?.clientKeyPath;
  const unset = (name: string) => `${name}: not set and ${profileFile} does not exist`;
  const problems = [
    !endpoint && unset("FABRIC_PEER_ENDPOINT"),
    !mspId && unset("FABRIC_MSP_ID"),
    !certPath && unset("FABRIC_CERT_PATH"),
    !keyPath && unset("FABRIC_KEY_PATH"),
    Boolean(tlsCertPath) !== Boolean(tlsKeyPath) &&
      "FABRIC_TLS_CLIENT_CERT_PATH and FABRIC_TLS_CLIENT_KEY_PATH: set both or neither",
  ].filter((x): x is string => Boolean(x));
  if (problems.length > 0) return { options: null, problems };
  return {
    problems: [],
    options: {
      name: config.FABRIC_NETWORK_NAME,
      endpoint: endpoint!,
      mspId: mspId!,
      certificate: readFileSync(certPath!, "utf8"),
      privateKey: readFileSync(keyPath!, "utf8"),
      ...(tlsCaPath ? { tlsRootCertificate: readFileSync(tlsCaPath, "utf8") } : {}),
      ...(tlsCertPath && tlsKeyPath
        ? {
            tlsClientCertificate: readFileSync(tlsCertPath, "utf8"),
            tlsClientKey: readFileSync(tlsKeyPath, "utf8"),
          }
        : {}),
      ...(config.FABRIC_TLS_SERVER_NAME ? { tlsServerName: config.FABRIC_TLS_SERVER_NAME } : {}),
      channel: config.FABRIC_CHANNEL,
      chaincode: config.FABRIC_CHAINCODE,
      evaluateTimeoutMs: config.FABRIC_EVALUATE_TIMEOUT_MS,
      checkpointFile: join(stateDir, "checkpoints", `${checkpointName}.json`),
    },
  };
}
