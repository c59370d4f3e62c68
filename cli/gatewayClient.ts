import { AsyncLocalStorage } from "node:async_hooks";

/** How the CLI proves who it is to the gateway: a bearer JWT or an API key (see `tradegraph token`, `keys`). */
export type GatewayCredentials = { bearerToken: string } | { apiKey: string };

// The report modules take a gateway URL and call `queryGateway` from many places; the credentials of a
// run reach every one of those requests through this context rather than through each signature.
const credentialsOfRun = new AsyncLocalStorage<GatewayCredentials>();

/** Runs `work` with every `queryGateway` inside it sending these credentials. */
export function withGatewayCredentials<T>(credentials: GatewayCredentials | undefined, work: () => T): T {
  return credentials ? credentialsOfRun.run(credentials, work) : work();
}

function credentialHeaders(credentials: GatewayCredentials | undefined): Record<string, string> {
  if (!credentials) return {};
  return "bearerToken" in credentials
    ? { authorization: `Bearer ${credentials.bearerToken}` }
    : { "x-api-key": credentials.apiKey };
}

/** The gateway answered with errors and no data, or did not answer in GraphQL at all. */
export class GatewayError extends Error {
  override readonly name = "GatewayError";
  constructor(
    message: string,
    /** The `extensions.code` of the first error, when the gateway gave one (e.g. BAD_USER_INPUT). */
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * One GraphQL request to the gateway over HTTP POST, as any user's client would send it
 * (https://graphql.github.io/graphql-over-http/draft/). A partial answer (data with errors) fails too,
 * since a statistic built from half an answer would look complete and be wrong, unless `acceptPartial`:
 * a shipment listing keeps its rows when one network is down, with that network's columns empty.
 */
export async function queryGateway<T>(
  gatewayUrl: string,
  query: string,
  variables: Record<string, unknown>,
  options: { acceptPartial?: boolean } = {},
): Promise<T> {
  return (await queryGatewayPartial<T>(gatewayUrl, query, variables, options)).data;
}

/** An error of a partial answer, as the gateway gave it. */
export interface AnswerError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** `queryGateway`, with the errors of a partial answer too (which rows lack which network). */
export async function queryGatewayPartial<T>(
  gatewayUrl: string,
  query: string,
  variables: Record<string, unknown>,
  options: { acceptPartial?: boolean } = {},
): Promise<{ data: T; errors: AnswerError[] }> {
  const credentials = credentialsOfRun.getStore();
  let response: Response;
  try {
    response = await fetch(gatewayUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json",
        ...credentialHeaders(credentials),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new GatewayError(
      `the gateway at ${gatewayUrl} did not answer: ${(error as Error).message}`,
      undefined,
    );
  }
  const text = await response.text();
  let body: { data?: T | null; errors?: (AnswerError & { extensions?: { code?: string } })[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new GatewayError(
      `the gateway answered HTTP ${response.status}, not GraphQL: ${text.slice(0, 200)}`,
      undefined,
    );
  }
  if (!body.data || (body.errors?.length && !options.acceptPartial)) {
    const code = body.errors?.[0]?.extensions?.code;
    const hint =
      code === "UNAUTHENTICATED" && !credentials
        ? " (pass --token or --api-key, or set TRADEGRAPH_TOKEN or TRADEGRAPH_API_KEY)"
        : "";
    throw new GatewayError(
      `the gateway answered: ${body.errors?.map((e) => e.message).join("; ") ?? `HTTP ${response.status} without data`}${hint}`,
      code,
    );
  }
  return { data: body.data, errors: body.errors ?? [] };
}
