import type { BaseContext, GraphQLRequest, GraphQLRequestListener } from "@apollo/server";
import type { GraphQLError } from "graphql";

/**
 * Refusing a request *before* Apollo Server parses it. A plugin's hooks up to parsing cannot answer
 * with an error of their own (Apollo Server turns anything they throw into a bare 500), but
 * `requestDidStart` runs before Apollo reads the request, and `didResolveOperation` may throw a
 * `GraphQLError` that becomes the response. So a refused request has its document swapped for a
 * one-field stand-in (parsed and validated in microseconds; the real one, however large, is never
 * parsed) and the refusal is thrown once Apollo reaches `didResolveOperation`, before anything is
 * planned or executed.
 */
const STAND_IN = "{__typename}";
const refusals = new WeakMap<GraphQLRequest, GraphQLError>();

export function refuseBeforeParsing(request: GraphQLRequest, error: GraphQLError): void {
  if (!refusals.has(request)) refusals.set(request, error); // the first refusal is the one reported
  request.query = STAND_IN;
  request.operationName = undefined;
  // An APQ hash names the refused text, not the stand-in: Apollo would answer "provided sha does not match".
  if (request.extensions?.persistedQuery) {
    const { persistedQuery: _refused, ...rest } = request.extensions;
    request.extensions = rest;
  }
}

/** The listener every plugin that refuses early returns: it throws the refusal, if any. */
export const refusalListener: GraphQLRequestListener<BaseContext> = {
  async didResolveOperation({ request }) {
    const error = refusals.get(request);
    if (error) throw error;
  },
};
