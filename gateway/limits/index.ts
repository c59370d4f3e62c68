/**
 * Limits on abuse at the gateway, each in its own file: query limits checked before planning
 * (`createQueryLimits`), per-principal rate limits shared through Redis (`createRateLimiter`), CORS
 * (`corsResponse`), trusted documents (`createTrustedDocuments`), an overall deadline per request
 * (`withDeadline`), and their environment variables (`limitsEnv`, `limitsFromEnv`).
 */
export {
  limitsEnv,
  limitsFromEnv,
  DEFAULT_REQUEST_DEADLINE_MS,
  type GatewayLimits,
  type LimitsEnv,
} from "./config.ts";
export { corsResponse, CORS_HEADERS, CORS_METHODS, type CorsOptions, type CorsResult } from "./cors.ts";
export { withDeadline } from "./deadline.ts";
export { estimateCost, type CostEstimate, type CostModel } from "./estimateCost.ts";
export { createQueryLimits, DEFAULT_QUERY_LIMITS, type QueryLimitOptions } from "./queryLimits.ts";
export {
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type RateLimiter,
  type RateLimitOptions,
} from "./rateLimiter.ts";
export {
  createTrustedDocuments,
  readTrustedDocuments,
  sha256Hex,
  type PersistedQueryManifest,
  type TrustedDocumentsMode,
  type TrustedOperation,
} from "./trustedDocuments.ts";
