import { createHash, createPrivateKey, X509Certificate } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import { connect, hash, signers, type Contract, type Gateway } from "@hyperledger/fabric-gateway";
import type { CarrierShipment, NetworkStatus } from "../../domain/model.ts";
import { ConfigInvalidError } from "../../domain/errors.ts";
import type { NetworkAdapter, NetworkChange } from "../../domain/networkAdapter.ts";
import { CARRIER_QUERIES, MAX_KEYS_PER_EVALUATE } from "../../wire/fabric/carrierContract.ts";
import { toFabricError } from "./errors.ts";
import { CarrierEventFollower } from "./eventFollower.ts";
import { mapShipment } from "./mapShipment.ts";
import type { NativeShipment } from "./nativeTypes.ts";
import {
  resolveFabricOptions,
  type FabricAdapterOptions,
  type ResolvedFabricAdapterOptions,
} from "./options.ts";

export type { FabricAdapterOptions } from "./options.ts";

export { MAX_KEYS_PER_EVALUATE };

/** The carrier network: bookings, B/Ls, carrier milestones and cargo release on Hyperledger Fabric. */
export interface FabricAdapter extends NetworkAdapter {
  readonly options: ResolvedFabricAdapterOptions;
  /** Evaluate calls made (one per batch of up to 1,000 keys). */
  readonly counters: { evaluates: number };
  /** Shipments by B/L number, in order; null where the carrier has none. One Evaluate per 1,000. */
  shipmentsByReference(references: readonly string[]): Promise<(CarrierShipment | null)[]>;
  shipmentsByBooking(bookingReferences: readonly string[]): Promise<(CarrierShipment | null)[]>;
  shipmentsByDocumentHash(documentHashes: readonly string[]): Promise<(CarrierShipment | null)[]>;
  shipmentsByContainer(containerNumber: string): Promise<CarrierShipment[]>;
  /** B/L numbers in key order after `after` (a page of at most 1,000), for indexing. */
  listReferences(after: string, pageSize: number): Promise<string[]>;
}

/**
 * Creates the Fabric adapter: the Fabric Gateway client (`@hyperledger/fabric-gateway`) over
 * `@grpc/grpc-js`, with the identity and signer from options. Reads are Evaluate calls; the event
 * follower resumes from its checkpoint.
 */
export function createFabricAdapter(input: FabricAdapterOptions): FabricAdapter {
  const options = resolveFabricOptions(input);
  if (Boolean(options.tlsClientCertificate) !== Boolean(options.tlsClientKey))
    throw new ConfigInvalidError(["tlsClientCertificate and tlsClientKey go together"], options.name);
  if (options.tlsClientCertificate && !options.tlsRootCertificate)
    throw new ConfigInvalidError(
      ["a TLS client certificate needs tlsRootCertificate (the peer's TLS CA)"],
      options.name,
    );
  const credentials = options.tlsRootCertificate
    ? grpc.credentials.createSsl(
        Buffer.from(options.tlsRootCertificate),
        options.tlsClientKey ? Buffer.from(options.tlsClientKey) : null,
        options.tlsClientCertificate ? Buffer.from(options.tlsClientCertificate) : null,
      )
    : grpc.credentials.createInsecure();
  const client = new grpc.Client(
    options.endpoint,
    credentials,
    options.tlsServerName ? { "grpc.ssl_target_name_override": options.tlsServerName } : {},
  );
  const gateway: Gateway = connect({
    client,
    identity: { mspId: options.mspId, credentials: Buffer.from(options.certificate) },
    signer: signers.newPrivateKeySigner(createPrivateKey(options.privateKey)),
    hash: hash.sha256,
    // With mutual TLS the peer checks that event requests name the TLS certificate of their connection.
    ...(options.tlsClientCertificate
      ? {
          tlsClientCertificateHash: createHash("sha256")
            .update(new X509Certificate(options.tlsClientCertificate).raw)
            .digest(),
        }
      : {}),
    evaluateOptions: () => ({ deadline: Date.now() + options.evaluateTimeoutMs }),
  });
  const network = gateway.getNetwork(options.channel);
  const contract: Contract = network.getContract(options.chaincode);
  const follower = new CarrierEventFollower(network, options.chaincode, options.name, options.checkpointFile);
  const counters = { evaluates: 0 };
  const ctx = { network: options.name, blockOf: (txId: string) => follower.blockOf(txId) };

  async function evaluateBatched(fn: string, keys: readonly string[]): Promise<(CarrierShipment | null)[]> {
    const out: (CarrierShipment | null)[] = [];
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_EVALUATE)
      chunks.push(keys.slice(i, i + MAX_KEYS_PER_EVALUATE));
    try {
      const results = await Promise.all(
        chunks.map(async (chunk) => {
          counters.evaluates++;
          const bytes = await contract.evaluateTransaction(fn, JSON.stringify(chunk));
          return JSON.parse(Buffer.from(bytes).toString()) as (NativeShipment | null)[];
        }),
      );
      for (const list of results)
        for (const native of list) out.push(native ? mapShipment(native, ctx) : null);
      return out;
    } catch (error) {
      throw toFabricError(options.name, error);
    }
  }

  return {
    name: options.name,
    kind: "FABRIC",
    options,
    counters,
    start: async () => follower.start(),
    close: async () => {
      follower.stop();
      gateway.close();
      client.close();
    },
    onChange: (listener: (change: NetworkChange) => void) => follower.onChange(listener),
    shipmentsByReference: (refs) => evaluateBatched(CARRIER_QUERIES.getShipments, refs),
    shipmentsByBooking: (refs) => evaluateBatched(CARRIER_QUERIES.getShipmentsByBooking, refs),
    shipmentsByDocumentHash: (hashes) =>
      evaluateBatched(
        CARRIER_QUERIES.getShipmentsByDocumentHash,
        hashes.map((h) => h.toLowerCase()),
      ),
    async shipmentsByContainer(containerNumber) {
      try {
        counters.evaluates++;
        const bytes = await contract.evaluateTransaction(
          CARRIER_QUERIES.getShipmentsByContainer,
          containerNumber,
        );
        return (JSON.parse(Buffer.from(bytes).toString()) as (NativeShipment | null)[])
          .filter((n): n is NativeShipment => n !== null)
          .map((n) => mapShipment(n, ctx));
      } catch (error) {
        throw toFabricError(options.name, error);
      }
    },
    async listReferences(after, pageSize) {
      try {
        counters.evaluates++;
        const bytes = await contract.evaluateTransaction(
          CARRIER_QUERIES.listShipments,
          after,
          String(Math.min(Math.max(pageSize, 1), MAX_KEYS_PER_EVALUATE)),
        );
        return JSON.parse(Buffer.from(bytes).toString()) as string[];
      } catch (error) {
        throw toFabricError(options.name, error);
      }
    },
    async status(): Promise<NetworkStatus> {
      const started = performance.now();
      try {
        await contract.evaluateTransaction(CARRIER_QUERIES.listShipments, "", "1");
        return {
          name: options.name,
          kind: "FABRIC",
          health: follower.lastError ? "DEGRADED" : "UP",
          height: follower.lastBlock?.toString() ?? null,
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
          cache: null,
          indexedHeight: follower.getBlockNumber()?.toString() ?? null,
        };
      } catch {
        return {
          name: options.name,
          kind: "FABRIC",
          health: "DOWN",
          height: null,
          latencyMs: null,
          cache: null,
          indexedHeight: follower.getBlockNumber()?.toString() ?? null,
        };
      }
    },
  };
}
