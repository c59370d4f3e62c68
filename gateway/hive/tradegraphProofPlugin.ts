import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { encodePrincipal, PROOF_HEADERS, signSubgraphRequest } from "../../access/gatewayProof.ts";
import type { Principal } from "../../access/principal.ts";

export interface TradegraphProofOptions {
  /** The secret subgraphs verify with (`GATEWAY_PROOF_SECRET`'s first value: the one that signs). */
  secret: Buffer;
  /**
   * Where the authenticated principal sits on the GraphQL context: the field the authentication plugin
   * sets (`genericAuth`'s `contextFieldName`).
   * @default "currentUser"
   */
  contextField?: string;
}

/**
 * Hive Gateway plugin: signs every subgraph request with the Tradegraph gateway proof
 * (`access/gatewayProof.ts`), so subgraphs that trust only the gateway answer Hive Gateway too.
 *
 * Two hooks, because of where Hive decides things:
 * - `onSubgraphExecute` puts the caller's principal (from the context field the authentication plugin
 *   set, encoded once per request) in the request's headers. executor-http merges identical in-flight
 *   queries to one subgraph into one fetch, across callers, and counts headers in that comparison only
 *   when they come with the request: so two callers never share one answer decided for one of them.
 * - `onFetch` sees the body exactly as it goes on the wire, and adds the timestamp and the signature
 *   over it, as the subgraphs check.
 *
 * A fetch without a principal (Hive fetching for itself) goes unsigned, and a subgraph refuses it.
 */
export function useTradegraphProof(options: TradegraphProofOptions): GatewayPlugin {
  const field = options.contextField ?? "currentUser";
  const encoded = new WeakMap<object, string>();
  const principalOf = (context: unknown): string | undefined => {
    if (!context || typeof context !== "object") return undefined;
    const cached = encoded.get(context);
    if (cached !== undefined) return cached;
    const principal = (context as Record<string, unknown>)[field] as Principal | null | undefined;
    if (!principal) return undefined;
    const value = encodePrincipal(principal);
    encoded.set(context, value);
    return value;
  };
  return {
    onSubgraphExecute({ executionRequest, setExecutionRequest }) {
      const principal = principalOf(executionRequest.context);
      if (!principal) return;
      const extensions = executionRequest.extensions ?? {};
      setExecutionRequest({
        ...executionRequest,
        extensions: {
          ...extensions,
          headers: {
            ...(extensions.headers as Record<string, string>),
            [PROOF_HEADERS.principal]: principal,
          },
        },
      });
    },
    onFetch({ context, options: init, setOptions }) {
      const headers = new Headers(init.headers as HeadersInit | undefined);
      const principal = headers.get(PROOF_HEADERS.principal) ?? principalOf(context);
      if (!principal) return;
      const body = init.body;
      // Subgraph requests are JSON text (executor-http serialises them); anything else (a multipart
      // upload, a stream) cannot be signed without buffering it, and this graph takes no uploads.
      if (typeof body !== "string" && !(body instanceof Uint8Array))
        throw new TypeError("Tradegraph proof: a subgraph request body must be a string or bytes");
      const bytes =
        typeof body === "string" ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      for (const [name, value] of Object.entries(signSubgraphRequest(options.secret, principal, bytes)))
        headers.set(name, value);
      setOptions({ ...init, headers: Object.fromEntries(headers) });
    },
  };
}
