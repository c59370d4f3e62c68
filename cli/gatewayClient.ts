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
  let response: Response;
  try {
    response = await fetch(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new GatewayError(
      `the gateway at ${gatewayUrl} did not answer: ${(error as Error).message}`,
      undefined,
    );
  }
  const text = await response.text();
  let body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new GatewayError(
      `the gateway answered HTTP ${response.status}, not GraphQL: ${text.slice(0, 200)}`,
      undefined,
    );
  }
  if (!body.data || (body.errors?.length && !options.acceptPartial))
    throw new GatewayError(
      `the gateway answered: ${body.errors?.map((e) => e.message).join("; ") ?? `HTTP ${response.status} without data`}`,
      body.errors?.[0]?.extensions?.code,
    );
  return body.data;
}
