import type { GatewayConfigBase } from "@graphql-hive/gateway-runtime";
import { GraphQLError } from "graphql";
import type { Principal } from "../../access/principal.ts";
import type { RequestHeaders } from "../../access/identity/authenticator.ts";
import { toGraphQLError } from "../../serving/graphqlErrors.ts";

/** The context field the principal is kept in (Hive's `genericAuth` default; the proof plugin reads it). */
export const PRINCIPAL_FIELD = "currentUser";

/** HTTP status of a refused admission, by code: a caller without valid credentials gets 401, as from this gateway. */
const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, RATE_LIMITED: 429, NETWORK_UNAVAILABLE: 503 };

export interface TradegraphAuthenticationOptions {
  /** Resolves a request's credentials to its principal; throws UNAUTHENTICATED (`access/identity/authenticator.ts`). */
  authenticate(headers: RequestHeaders): Promise<Principal>;
  /** Spends one request of the principal's budget; throws RATE_LIMITED. */
  rateLimit?(principal: Principal): Promise<void>;
}

/**
 * Hive Gateway's `genericAuth` setting that admits callers as this gateway does: every request needs
 * credentials (a bearer JWT or an API key, checked by the same authenticator and party directory), and
 * is refused with HTTP 401 and `UNAUTHENTICATED` before anything is planned.
 *
 * Mode `resolve-only`: Hive resolves the principal but does not enforce the supergraph's
 * `@authenticated`, `@requiresScopes` and `@policy` itself. Its own enforcement would compare the
 * policies to static claims at validation time and drop whole fields; Tradegraph's policies depend on
 * the record (`shipment.parties` is a different set of callers for each shipment), so the subgraphs,
 * which read the access directory, stay the enforcers, and a forbidden field comes back null with
 * `FORBIDDEN` at its path through either gateway.
 */
export function tradegraphGenericAuth(
  options: TradegraphAuthenticationOptions,
): NonNullable<GatewayConfigBase<Record<string, unknown>>["genericAuth"]> {
  return {
    mode: "resolve-only",
    contextFieldName: PRINCIPAL_FIELD,
    async resolveUserFn(context) {
      const headers = (context as { headers?: Record<string, string> }).headers ?? {};
      try {
        const principal = await options.authenticate(headers);
        await options.rateLimit?.(principal);
        return principal;
      } catch (error) {
        const mapped = toGraphQLError(error);
        const code = String(mapped.extensions.code);
        const retryAfter = mapped.extensions.retryAfterSeconds;
        // No originalError: Yoga masks an error caused by a non-GraphQL one as "Unexpected error.".
        throw new GraphQLError(mapped.message, {
          extensions: {
            ...mapped.extensions,
            http: {
              status: STATUS[code] ?? 500,
              ...(typeof retryAfter === "number" ? { headers: { "retry-after": String(retryAfter) } } : {}),
            },
          },
        });
      }
    },
  };
}
