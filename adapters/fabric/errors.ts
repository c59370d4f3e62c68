import { status } from "@grpc/grpc-js";
import { GatewayError } from "@hyperledger/fabric-gateway";
import { NetworkError, NetworkUnavailableError, type TradegraphError } from "../../domain/errors.ts";

/**
 * Maps Fabric Gateway failures to the project's error tree by gRPC status: no answer (UNAVAILABLE,
 * DEADLINE_EXCEEDED, CANCELLED) is the network being unavailable; a refusal or a chaincode error is a
 * network error carrying the gRPC code and the peer's details.
 */
export function toFabricError(network: string, error: unknown): TradegraphError {
  if (error instanceof NetworkUnavailableError || error instanceof NetworkError) return error;
  const code = error instanceof GatewayError ? error.code : (error as { code?: number })?.code;
  const details =
    error instanceof GatewayError
      ? error.details.map((d) => `${d.mspId}@${d.address}: ${d.message}`).join("; ")
      : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code === status.UNAVAILABLE || code === status.DEADLINE_EXCEEDED || code === status.CANCELLED) {
    return new NetworkUnavailableError(network, `The ${network} peer is unavailable`, {
      cause: error,
      details: message,
    });
  }
  if (code === status.PERMISSION_DENIED || code === status.FAILED_PRECONDITION) {
    return new NetworkError(network, `The ${network} peer refused this client's identity`, {
      cause: error,
      details: details || message,
      rpcCode: code,
    });
  }
  return new NetworkError(network, `The ${network} peer returned an error`, {
    cause: error,
    details: details || message,
    ...(code !== undefined ? { rpcCode: code } : {}),
  });
}
