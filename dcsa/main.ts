/**
 * Entry point of the DCSA Track & Trace 2.2 API: `/v2/events` and `/v2/event-subscriptions` over the
 * read model's canonical events, behind the graph's credentials and rate limits.
 */
import { z } from "zod";
import {
  authenticatorConfigShape,
  authenticatorOptionsFromConfig,
  createAuthenticator,
} from "../access/identity/authenticator.ts";
import { isOperator } from "../access/principal.ts";
import { loadConfigOrExit } from "../serving/config.ts";
import { ConfigInvalidError } from "../domain/errors.ts";
import { runService } from "../serving/service.ts";
import { createRateLimiter } from "../gateway/limits/rateLimiter.ts";
import { createCacheRedis } from "../verification/redis.ts";
import { apiShape, callbackAllowShape, databaseShape } from "./config.ts";
import { migrateDcsa, openDcsaDatabase } from "./database.ts";
import { startDcsaServer } from "./server.ts";

const config = loadConfigOrExit(
  "dcsa",
  z.object({ ...apiShape, ...databaseShape, ...callbackAllowShape, ...authenticatorConfigShape }),
  process.env,
);

let authenticatorOptions;
try {
  authenticatorOptions = await authenticatorOptionsFromConfig(config, "dcsa");
} catch (error) {
  if (!(error instanceof ConfigInvalidError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const authenticator = createAuthenticator(authenticatorOptions);
const db = openDcsaDatabase(config.DATABASE_URL, config.DATABASE_SCHEMA);
await migrateDcsa(db, config.DATABASE_SCHEMA);
const redis = createCacheRedis(config.REDIS_URL);
// The graph's limiter with a budget of its own: polling events does not spend a caller's GraphQL budget.
const rateLimiter = createRateLimiter(redis, {
  points: config.RATE_LIMIT_POINTS,
  windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
  operatorPoints: config.RATE_LIMIT_OPERATOR_POINTS,
  keyPrefix: "tradegraph:ratelimit:dcsa",
});
const publicUrl =
  config.DCSA_PUBLIC_URL?.replace(/\/$/, "") ??
  `http://localhost:${config.DCSA_PORT}${config.DCSA_BASE_PATH}`;
const server = await startDcsaServer({
  services: {
    sql: db.sql,
    parties: authenticatorOptions.directory,
    callbacks: config.DCSA_CALLBACK_ALLOW,
    publicUrl,
  },
  access: {
    authenticate: (headers) => authenticator.authenticate(headers),
    rateLimit: (principal) => rateLimiter.consume(principal.subject, { operator: isOperator(principal) }),
  },
  host: config.DCSA_HOST,
  port: config.DCSA_PORT,
  basePath: config.DCSA_BASE_PATH,
  health: async () => {
    await db.sql.query("select 1");
    return { status: "UP" };
  },
});
runService("dcsa", { url: server.url, publicUrl }, async () => {
  await server.close();
  redis.disconnect();
  await db.close();
});
