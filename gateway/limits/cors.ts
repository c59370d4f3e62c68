export interface CorsOptions {
  /**
   * Origins whose pages may call the gateway from a browser, as browsers send them
   * (`https://app.example.com`, `http://localhost:5173`); `"*"` allows every origin. Calls without an
   * `Origin` (curl, servers, the CLI) are not affected. @default [] (none)
   */
  origins: readonly string[];
  /** How long a browser may keep a preflight's answer, in seconds. @default 600 */
  maxAgeSeconds?: number;
}

/**
 * What to do about CORS for one request. `preflight`: answer now with `status` and `headers`, without
 * passing the request to Apollo Server (which answers OPTIONS with 400). `request`: serve it as usual
 * and add `headers` to the response. Header names are lower-case, as Apollo's `HeaderMap` has them;
 * Apollo sets `vary: accept`, so a `vary` here is to be joined to it (`accept, Origin`), not replace it.
 */
export type CorsResult =
  | { kind: "preflight"; status: 204 | 403; headers: Record<string, string> }
  | { kind: "request"; headers: Record<string, string> };

export const CORS_METHODS = "GET, POST, OPTIONS";
export const CORS_HEADERS = "authorization, content-type, x-api-key, apollo-require-preflight";

/**
 * CORS for `/graphql` (https://fetch.spec.whatwg.org/#http-cors-protocol) with an allowlist of origins.
 * Credentials travel in headers (`authorization`, `x-api-key`), never in cookies, so
 * `Access-Control-Allow-Credentials` is never sent and `*` is safe to answer for a wildcard. When the
 * allowlist names origins, the answer depends on `Origin`, so every response says `Vary: Origin` for
 * caches. A disallowed origin's normal request gets no CORS headers: its page cannot read the answer,
 * and Apollo's CSRF prevention refuses the requests a page could send without a preflight.
 */
export function corsResponse(
  method: string | undefined,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  options: CorsOptions,
): CorsResult {
  const origin = first(headers.origin);
  const wildcard = options.origins.includes("*");
  const allowed = origin !== undefined && (wildcard || options.origins.includes(origin));
  const vary: Record<string, string> = wildcard ? {} : { vary: "Origin" };
  const allowOrigin = wildcard ? "*" : (origin ?? "");

  if (method?.toUpperCase() === "OPTIONS") {
    // An OPTIONS without Origin is not a browser's preflight: say what the endpoint supports.
    if (origin === undefined)
      return { kind: "preflight", status: 204, headers: { ...vary, allow: CORS_METHODS } };
    if (!allowed) return { kind: "preflight", status: 403, headers: vary };
    return {
      kind: "preflight",
      status: 204,
      headers: {
        ...vary,
        "access-control-allow-origin": allowOrigin,
        "access-control-allow-methods": CORS_METHODS,
        "access-control-allow-headers": CORS_HEADERS,
        "access-control-max-age": String(options.maxAgeSeconds ?? 600),
      },
    };
  }
  if (!allowed) return { kind: "request", headers: vary };
  return {
    kind: "request",
    headers: {
      ...vary,
      "access-control-allow-origin": allowOrigin,
      // Not a CORS-safelisted response header: without this a page cannot read a 429's Retry-After.
      "access-control-expose-headers": "Retry-After",
    },
  };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
