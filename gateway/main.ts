/** Entry point of the gateway: serves the committed supergraph on /graphql, with /health. */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { host, loadConfigOrExit, port } from "../serving/config.ts";
import { SUBGRAPHS } from "../schema/subgraphs.ts";
import { startGateway } from "./server.ts";
import { runService } from "../serving/service.ts";
import { redisCheck } from "../serving/health.ts";
import { createObservability, observabilityConfigShape } from "../serving/observability.ts";
import {
  authenticatorConfigShape,
  authenticatorOptionsFromConfig,
  createAuthenticator,
} from "../access/identity/authenticator.ts";
import { accessConfigShape, loadProofSecrets } from "../access/serviceConfig.ts";
import { isOperator } from "../access/principal.ts";
import { ConfigInvalidError } from "../domain/errors.ts";
import { createCacheRedis } from "../verification/redis.ts";
import {
  corsResponse,
  createQueryLimits,
  createRateLimiter,
  createTrustedDocuments,
  limitsEnv,
  limitsFromEnv,
  readTrustedDocuments,
} from "./limits/index.ts";

const config = loadConfigOrExit(
  "gateway",
  z.object({
    GATEWAY_HOST: host,
    GATEWAY_PORT: port(4000),
    SUPERGRAPH_FILE: z.string().default("schema/supergraph.graphql"),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
    /** Production mode turns introspection and the landing page off unless set explicitly. */
    GATEWAY_MODE: z.enum(["development", "production"]).default("development"),
    GATEWAY_INTROSPECTION: z.enum(["on", "off"]).optional(),
    GATEWAY_LANDING_PAGE: z.enum(["on", "off"]).optional(),
    /** Identical queries and subgraph reads for the same caller in flight at once share one execution. */
    GATEWAY_SHARE_IN_FLIGHT: z.enum(["on", "off"]).default("on"),
    ...accessConfigShape,
    ...authenticatorConfigShape,
    ...limitsEnv,
    ...observabilityConfigShape,
    /** e.g. SUBGRAPH_EVM_URL=http://127.0.0.1:4001/graphql */
    ...Object.fromEntries(SUBGRAPHS.map((s) => [`SUBGRAPH_${s.name.toUpperCase()}_URL`, z.url().optional()])),
    /** e.g. SUBGRAPH_ANTCHAIN_TIMEOUT_MS=3000 */
    ...Object.fromEntries(
      SUBGRAPHS.map((s) => [
        `SUBGRAPH_${s.name.toUpperCase()}_TIMEOUT_MS`,
        z.coerce.number().int().positive().optional(),
      ]),
    ),
  }),
  process.env,
);

const subgraphUrls: Record<string, string> = {};
const subgraphTimeoutsMs: Record<string, number> = {};
for (const s of SUBGRAPHS) {
  const url = (config as Record<string, unknown>)[`SUBGRAPH_${s.name.toUpperCase()}_URL`];
  if (typeof url === "string") subgraphUrls[s.name] = url;
  const timeout = (config as Record<string, unknown>)[`SUBGRAPH_${s.name.toUpperCase()}_TIMEOUT_MS`];
  if (typeof timeout === "number") subgraphTimeoutsMs[s.name] = timeout;
}
const limits = limitsFromEnv(config);
let authenticator, proofSecret, trusted;
try {
  authenticator = createAuthenticator(await authenticatorOptionsFromConfig(config, "gateway"));
  proofSecret = loadProofSecrets(config, "gateway")[0]!;
  trusted =
    limits.trustedDocuments.mode === "enforce"
      ? [createTrustedDocuments(readTrustedDocuments(limits.trustedDocuments.file), "enforce")]
      : [];
} catch (error) {
  if (!(error instanceof ConfigInvalidError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const observability = createObservability("gateway", config);
const queryLimits = createQueryLimits(limits.queryLimits);
const redis = createCacheRedis(config.REDIS_URL);
const rateLimiter = createRateLimiter(redis, limits.rateLimit);
const production = config.GATEWAY_MODE === "production";
const server = await startGateway({
  access: {
    authenticate: (headers) => authenticator.authenticate(headers),
    proofSecret,
    rateLimit: (principal) => rateLimiter.consume(principal.subject, { operator: isOperator(principal) }),
  },
  // Trusted documents first: an operation outside the manifest is refused before anything else runs.
  limits: { validationRules: queryLimits.validationRules, plugins: [...trusted, ...queryLimits.plugins] },
  crossOrigin: (method, headers) => {
    const cors = corsResponse(method, headers, limits.cors);
    return cors.kind === "preflight"
      ? { preflightStatus: cors.status, headers: cors.headers }
      : { headers: cors.headers };
  },
  requestDeadlineMs: limits.requestDeadlineMs,
  shareInFlight: config.GATEWAY_SHARE_IN_FLIGHT === "on",
  introspection: (config.GATEWAY_INTROSPECTION ?? (production ? "off" : "on")) === "on",
  landingPage: (config.GATEWAY_LANDING_PAGE ?? (production ? "off" : "on")) === "on",
  supergraphSdl: readFileSync(config.SUPERGRAPH_FILE, "utf8"),
  subgraphUrls,
  host: config.GATEWAY_HOST,
  port: config.GATEWAY_PORT,
  subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
  subgraphTimeoutsMs,
  observability,
  // Redis down: rate limits hold per process, in memory (DEGRADED, still serving).
  healthChecks: { rateLimitStore: redisCheck(redis) },
});
runService("gateway", { url: server.url }, async () => {
  await server.close();
  redis.disconnect();
});
