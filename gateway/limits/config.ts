import { z } from "zod";
import type { CorsOptions } from "./cors.ts";
import { DEFAULT_QUERY_LIMITS, type QueryLimitOptions } from "./queryLimits.ts";
import { DEFAULT_RATE_LIMITS, type RateLimitOptions } from "./rateLimiter.ts";
import type { TrustedDocumentsMode } from "./trustedDocuments.ts";

/** The overall deadline of one request. @default 30000 */
export const DEFAULT_REQUEST_DEADLINE_MS = 30_000;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * `CORS_ORIGINS=https://app.example.com,http://localhost:5173` (or `*`): each entry must be an origin
 * exactly as a browser sends it (scheme, host, port if not the default; no path), since it is compared
 * with the `Origin` header as a string. A trailing slash is forgiven.
 */
const corsOrigins = z.string().transform((value, context) => {
  const origins: string[] = [];
  for (const entry of value
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean)) {
    if (entry === "*") {
      origins.push(entry);
      continue;
    }
    const origin = URL.canParse(entry) ? new URL(entry).origin : "null";
    if (origin === "null" || origin !== entry.replace(/\/$/, "").toLowerCase())
      context.issues.push({
        code: "custom",
        input: value,
        message: `"${entry}" is not an origin (scheme://host[:port], no path), nor *`,
      });
    else origins.push(origin);
  }
  return origins;
});

/**
 * The gateway's limits, as environment variables: spread into the gateway's config schema
 * (`z.object({...GATEWAY_HOST..., ...limitsEnv})`) and turn the parsed values into options with
 * `limitsFromEnv`. Defaults are the modules' own.
 */
export const limitsEnv = {
  LIMIT_MAX_DEPTH: positiveInt(DEFAULT_QUERY_LIMITS.maxDepth),
  LIMIT_MAX_ALIASES: z.coerce.number().int().nonnegative().default(DEFAULT_QUERY_LIMITS.maxAliases),
  LIMIT_MAX_ROOT_FIELDS: positiveInt(DEFAULT_QUERY_LIMITS.maxRootFields),
  LIMIT_MAX_TOKENS: positiveInt(DEFAULT_QUERY_LIMITS.maxTokens),
  LIMIT_MAX_COST: positiveInt(DEFAULT_QUERY_LIMITS.maxCost),
  LIMIT_DEFAULT_LIST_SIZE: positiveInt(DEFAULT_QUERY_LIMITS.defaultListSize),
  REQUEST_DEADLINE_MS: positiveInt(DEFAULT_REQUEST_DEADLINE_MS),
  RATE_LIMIT_POINTS: positiveInt(DEFAULT_RATE_LIMITS.points),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(DEFAULT_RATE_LIMITS.windowSeconds),
  RATE_LIMIT_OPERATOR_POINTS: positiveInt(DEFAULT_RATE_LIMITS.operatorPoints),
  CORS_ORIGINS: corsOrigins.default([]),
  TRUSTED_DOCUMENTS: z.enum(["off", "enforce"]).default("off"),
  TRUSTED_DOCUMENTS_FILE: z.string().default("schema/trusted-documents.json"),
};

export type LimitsEnv = z.output<z.ZodObject<typeof limitsEnv>>;

export interface GatewayLimits {
  queryLimits: QueryLimitOptions;
  rateLimit: RateLimitOptions;
  cors: CorsOptions;
  trustedDocuments: { mode: TrustedDocumentsMode; file: string };
  requestDeadlineMs: number;
}

/** The parsed variables as each module's options. */
export function limitsFromEnv(env: LimitsEnv): GatewayLimits {
  return {
    queryLimits: {
      maxDepth: env.LIMIT_MAX_DEPTH,
      maxAliases: env.LIMIT_MAX_ALIASES,
      maxRootFields: env.LIMIT_MAX_ROOT_FIELDS,
      maxTokens: env.LIMIT_MAX_TOKENS,
      maxCost: env.LIMIT_MAX_COST,
      defaultListSize: env.LIMIT_DEFAULT_LIST_SIZE,
    },
    rateLimit: {
      points: env.RATE_LIMIT_POINTS,
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      operatorPoints: env.RATE_LIMIT_OPERATOR_POINTS,
    },
    cors: { origins: env.CORS_ORIGINS },
    trustedDocuments: { mode: env.TRUSTED_DOCUMENTS, file: env.TRUSTED_DOCUMENTS_FILE },
    requestDeadlineMs: env.REQUEST_DEADLINE_MS,
  };
}
