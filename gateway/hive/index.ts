/**
 * Tradegraph behind Hive Gateway: what a team running Hive Gateway (the `@graphql-hive/gateway` CLI's
 * `gateway.config.ts`, or `createGatewayRuntime`) adds so that Hive answers as this project's gateway
 * does. `startHiveGateway` (`server.ts`) wires them all; taken one by one:
 *
 *   genericAuth: tradegraphGenericAuth({ authenticate, rateLimit }),   // same callers, 401/429 at admission
 *   plugins: () => [useTradegraphQueryLimits(), useTradegraphProof({ secret })],
 *   maskedErrors: { maskError: maskTradegraphErrors },                 // codes kept, outages NETWORK_UNAVAILABLE
 *   __experimental__batchExecution: false,                             // errors keep their path (see server.ts)
 */
export {
  tradegraphGenericAuth,
  PRINCIPAL_FIELD,
  type TradegraphAuthenticationOptions,
} from "./authentication.ts";
export { maskTradegraphErrors } from "./errors.ts";
export { httpTransport } from "./httpTransport.ts";
export { useTradegraphQueryLimits } from "./queryLimits.ts";
export { startHiveGateway, type HiveGatewayOptions } from "./server.ts";
export { useTradegraphProof, type TradegraphProofOptions } from "./tradegraphProofPlugin.ts";
