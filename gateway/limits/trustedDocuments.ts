import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ApolloServerPlugin, BaseContext, GraphQLRequest } from "@apollo/server";
import { stripIgnoredCharacters } from "graphql";
import { z } from "zod";
import { ConfigInvalidError } from "../../domain/errors.ts";
import { queryLimitGraphQLError } from "./limitError.ts";
import { refuseBeforeParsing, refusalListener } from "./refusal.ts";

/**
 * Apollo's persisted query manifest (https://www.apollographql.com/docs/graphos/platform/security/persisted-queries),
 * the format `@apollo/generate-persisted-query-manifest` writes and Apollo Router reads: each
 * operation's `id` is the SHA-256 (hex) of its `body`. `schema/trustedDocuments.ts` writes ours.
 */
export interface PersistedQueryManifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: TrustedOperation[];
}

export interface TrustedOperation {
  id: string;
  name: string;
  type: "query" | "mutation" | "subscription";
  body: string;
}

/** `off`: any document runs. `enforce`: only the manifest's operations run (PERSISTED_QUERY_REQUIRED otherwise). */
export type TrustedDocumentsMode = "off" | "enforce";

export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

const manifestSchema = z.object({
  format: z.literal("apollo-persisted-query-manifest"),
  version: z.literal(1),
  operations: z.array(
    z
      .object({
        id: z.string().regex(/^[0-9a-f]{64}$/),
        name: z.string(),
        type: z.enum(["query", "mutation", "subscription"]),
        body: z.string().min(1),
      })
      .refine((o) => o.id === sha256Hex(o.body), { message: "id is not the SHA-256 of body", path: ["id"] }),
  ),
});

/** Reads and checks a manifest file; every problem is reported at once, naming the file. */
export function readTrustedDocuments(file: string): PersistedQueryManifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigInvalidError(
      [`TRUSTED_DOCUMENTS_FILE: cannot read ${file}: ${String(error)}`],
      "gateway",
    );
  }
  const result = manifestSchema.safeParse(json);
  if (!result.success)
    throw new ConfigInvalidError(
      result.error.issues.map((i) => `TRUSTED_DOCUMENTS_FILE ${file}: ${i.path.join(".")}: ${i.message}`),
      "gateway",
    );
  return result.data;
}

/**
 * Trusted documents: in `enforce` mode the gateway runs only the operations of `manifest` (the README's,
 * `schema/operations/`, the report CLI's), so no one can send it a document nobody reviewed. A request
 * names its operation by
 * - `extensions.persistedQuery.sha256Hash` (Apollo's persisted queries / APQ shape), or
 * - `documentId` beside `query` in the body or URL (the GraphQL over HTTP persisted documents draft;
 *   `sha256:<hex>` or bare hex), or
 * - its `query` text, when that hashes to an operation: exactly, or after graphql-js's
 *   `stripIgnoredCharacters` (so whitespace, commas and comments may differ from the manifest's body).
 *
 * The manifest's body is what runs. Anything else is refused with PERSISTED_QUERY_REQUIRED before it
 * is parsed. Apollo's own APQ registration cannot widen the list: every request is decided here first.
 */
export function createTrustedDocuments(
  manifest: PersistedQueryManifest,
  mode: TrustedDocumentsMode,
): ApolloServerPlugin<BaseContext> {
  if (mode === "off") return {};
  const byId = new Map(manifest.operations.map((o) => [o.id, o.body]));
  const byStrippedId = new Map(
    manifest.operations.map((o) => [sha256Hex(stripIgnoredCharacters(o.body)), o.body]),
  );
  // Stripping lexes the whole text: a text this much longer than every body cannot be one of them reformatted.
  const strippable = 8 * Math.max(0, ...manifest.operations.map((o) => o.body.length)) + 4096;

  const bodyFor = (request: GraphQLRequest): string | undefined => {
    const id = requestedId(request);
    if (id !== undefined) return byId.get(id);
    const query = request.query;
    if (typeof query !== "string") return undefined;
    const exact = byId.get(sha256Hex(query));
    if (exact !== undefined || query.length > strippable) return exact;
    try {
      return byStrippedId.get(sha256Hex(stripIgnoredCharacters(query)));
    } catch {
      return undefined; // not even lexable: certainly not a trusted document
    }
  };

  return {
    async requestDidStart({ request }) {
      const body = bodyFor(request);
      if (body === undefined) {
        refuseBeforeParsing(
          request,
          queryLimitGraphQLError(
            "PERSISTED_QUERY_REQUIRED",
            "This gateway runs trusted documents only: send the SHA-256 of a known operation (extensions.persistedQuery.sha256Hash or documentId) or its text",
          ),
        );
      } else {
        request.query = body;
        // The hash (if any) named the body now in place; Apollo need not check or register it again.
        if (request.extensions?.persistedQuery) {
          const { persistedQuery: _resolved, ...rest } = request.extensions;
          request.extensions = rest;
        }
      }
      return refusalListener;
    },
  };
}

/** The operation id a request names, lower-case hex, from the APQ extension or `documentId`. */
function requestedId(request: GraphQLRequest): string | undefined {
  const persisted: unknown = request.extensions?.persistedQuery;
  if (persisted && typeof persisted === "object" && "sha256Hash" in persisted)
    return typeof persisted.sha256Hash === "string" ? persisted.sha256Hash.toLowerCase() : "";
  // Apollo Server drops body fields it does not know from `request`; the raw body is kept in `http`.
  const body: unknown = request.http?.body;
  const fromBody =
    body && typeof body === "object" && "documentId" in body && typeof body.documentId === "string"
      ? body.documentId
      : undefined;
  const documentId =
    fromBody ?? new URLSearchParams(request.http?.search ?? "").get("documentId") ?? undefined;
  return documentId === undefined ? undefined : documentId.replace(/^sha256:/i, "").toLowerCase();
}
