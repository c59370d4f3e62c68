import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { currentRequest } from "./requestContext.ts";

/**
 * Tells the request's context (`serving/requestContext.ts`) what Apollo learned: the operation's name and
 * the codes of the errors it answers, as formatted (after `formatError`, so the codes are the ones the
 * client sees). The HTTP layer turns these into the request's log line and its metrics.
 */
export function requestObservabilityPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName }) {
          const request = currentRequest();
          if (request) request.operationName = operationName ?? null;
        },
        async willSendResponse({ response, operationName }) {
          const request = currentRequest();
          if (!request) return;
          request.operationName ??= operationName ?? null;
          if (response.body.kind !== "single") return;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.code;
            request.errorCodes.push(typeof code === "string" ? code : "INTERNAL_SERVER_ERROR");
          }
        },
      };
    },
  };
}
