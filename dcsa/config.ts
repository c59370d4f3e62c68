import { hostname } from "node:os";
import { z } from "zod";
import { port } from "../serving/config.ts";
import { callbackPolicy } from "./callbackUrl.ts";
import { DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from "./worker.ts";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The read model's database, which the API and the delivery worker both need. */
export const databaseShape = {
  /** PostgreSQL holding the read model (the analytics subgraph's `DATABASE_URL`). */
  DATABASE_URL: z
    .string({ error: "the DCSA service reads the read model's PostgreSQL: set DATABASE_URL" })
    .min(1, "the DCSA service reads the read model's PostgreSQL: set DATABASE_URL"),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a plain lowercase identifier")
    .default("public"),
};

/**
 * `DCSA_CALLBACK_ALLOW`: address ranges outside the public internet that callbacks may reach
 * (`loopback`, `private`, `link-local`, CIDRs; comma-separated). Default none. `npm start` sets `loopback`.
 */
export const callbackAllowShape = {
  DCSA_CALLBACK_ALLOW: z
    .string()
    .default("")
    .transform((value, context) => {
      try {
        return callbackPolicy(value);
      } catch (error) {
        context.issues.push({ code: "custom", input: value, message: (error as Error).message });
        return z.NEVER;
      }
    }),
};

/** The API's own settings. */
export const apiShape = {
  DCSA_HOST: z.string().default("127.0.0.1"),
  DCSA_PORT: port(4006),
  /** The path the API is served under. */
  DCSA_BASE_PATH: z
    .string()
    .regex(/^(\/[A-Za-z0-9._-]+)+$/, "a path like /v2")
    .default("/v2"),
  /** How clients reach the API (paging links start with it). @default http://localhost:<port><base path> */
  DCSA_PUBLIC_URL: z.url().optional(),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  RATE_LIMIT_POINTS: positiveInt(600),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
  RATE_LIMIT_OPERATOR_POINTS: positiveInt(6000),
};

/** The delivery worker's settings (see `DeliveryOptions`). */
export const deliveryShape = {
  /**
   * This worker's name in leases; unique among live workers. Stable across restarts (`delivery-1`), a
   * restarted worker takes its leases back at once; the default is new each start, so a killed worker's
   * leases lapse after DCSA_DELIVERY_TIMEOUT_MS + DCSA_LEASE_MARGIN_MS.
   */
  DCSA_WORKER_ID: z.string().min(1).default(`${hostname()}:${process.pid}`),
  DCSA_DELIVERY_CONCURRENCY: positiveInt(DEFAULT_DELIVERY_OPTIONS.concurrency),
  DCSA_MAX_EVENTS_PER_NOTIFICATION: positiveInt(DEFAULT_DELIVERY_OPTIONS.maxEventsPerNotification),
  DCSA_DELIVERY_TIMEOUT_MS: positiveInt(DEFAULT_DELIVERY_OPTIONS.timeoutMs),
  DCSA_LEASE_MARGIN_MS: positiveInt(DEFAULT_DELIVERY_OPTIONS.leaseMarginMs),
  DCSA_MAX_ATTEMPTS: positiveInt(DEFAULT_DELIVERY_OPTIONS.maxAttempts),
  DCSA_RETRY_BASE_MS: positiveInt(DEFAULT_DELIVERY_OPTIONS.backoff.baseMs),
  DCSA_RETRY_MAX_MS: positiveInt(DEFAULT_DELIVERY_OPTIONS.backoff.maxMs),
  DCSA_POLL_INTERVAL_MS: positiveInt(DEFAULT_DELIVERY_OPTIONS.pollIntervalMs),
};

export function deliveryOptionsOf(c: z.output<z.ZodObject<typeof deliveryShape>>): DeliveryOptions {
  return {
    workerId: c.DCSA_WORKER_ID,
    concurrency: c.DCSA_DELIVERY_CONCURRENCY,
    maxEventsPerNotification: c.DCSA_MAX_EVENTS_PER_NOTIFICATION,
    timeoutMs: c.DCSA_DELIVERY_TIMEOUT_MS,
    leaseMarginMs: c.DCSA_LEASE_MARGIN_MS,
    maxAttempts: c.DCSA_MAX_ATTEMPTS,
    backoff: { baseMs: c.DCSA_RETRY_BASE_MS, maxMs: c.DCSA_RETRY_MAX_MS },
    pollIntervalMs: c.DCSA_POLL_INTERVAL_MS,
  };
}
