import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { Lexer, Source, TokenKind } from "graphql";
import { queryLimitGraphQLError } from "./limitError.ts";
import { refuseBeforeParsing, refusalListener } from "./refusal.ts";

/**
 * Refuses a document of more than `max` tokens (TOO_MANY_TOKENS) before it is parsed: parsing costs
 * memory and time in proportion to the tokens, and every later limit needs the parsed document, so
 * this one must come first and cost little. It lexes only up to `max + 1` tokens, so a 100,000-token
 * document costs what a 5,001-token one does.
 *
 * GraphQL Armor's max-tokens is a parser (its plugin replaces the parse function, an Envelop hook
 * Apollo Server lacks); this counts the same tokens the same way (graphql-js's own lexer, comments
 * excluded, as graphql-js's `maxTokens` parse option does) in `requestDidStart`, the hook that runs
 * before Apollo reads the document.
 */
export function maxTokensPlugin(max: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ request }) {
      const query = request.query;
      // Each token is at least one character: a document no longer than the limit cannot exceed it.
      if (typeof query === "string" && query.length > max && countTokens(query, max) > max)
        refuseBeforeParsing(
          request,
          queryLimitGraphQLError(
            "TOO_MANY_TOKENS",
            `The document has more than ${max} tokens, the limit: send a smaller one`,
            // Counting stops at the first token over the limit: `actual` is a lower bound.
            { max, actual: max + 1 },
          ),
        );
      return refusalListener;
    },
  };
}

/** Tokens in `source`, counting no further than `stopAfter + 1`. A lexical error ends the count (the parser reports it). */
export function countTokens(source: string, stopAfter: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (count <= stopAfter && lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // An unterminated string or a stray character: not this limit's business.
  }
  return count;
}
