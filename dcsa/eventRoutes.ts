import { BadUserInputError } from "../domain/errors.ts";
import type { DcsaHandler, DcsaRequest, DcsaServices } from "./context.ts";
import {
  compactQuery,
  EVENT_QUERY_PARAMETERS,
  eventQueryFromParams,
  getEvent,
  isCompactQuery,
  listEvents,
  type EventQuery,
} from "./eventQueries.ts";
import { FILTER_ALIASES, FILTER_NAMES, UNSUPPORTED_FILTERS } from "./filters.ts";
import { decodeCursor, encodeCursor, parseLimit, type Page, type Position } from "./paging.ts";

const KNOWN_PARAMETERS = new Set<string>([
  ...FILTER_NAMES,
  ...Object.keys(FILTER_ALIASES),
  ...Object.keys(UNSUPPORTED_FILTERS),
  ...EVENT_QUERY_PARAMETERS,
]);

/** Unknown parameters are refused, so a misspelt filter does not silently widen a query. */
function checkParameters(params: URLSearchParams): void {
  for (const name of params.keys())
    if (!KNOWN_PARAMETERS.has(name) && !/^eventCreatedDateTime(:(gte|gt|lte|lt|eq))?$/.test(name))
      throw new BadUserInputError(`Unknown query parameter ${name}`, name);
}

/** The spec's paging headers: links to this page and its neighbours, each a cursor. */
export function pagingHeaders<Q>(
  services: DcsaServices,
  path: string,
  query: Q,
  position: Position,
  page: Page<unknown>,
): Record<string, string> {
  const link = (p: Position) => `${services.publicUrl}${path}?cursor=${encodeCursor({ query, position: p })}`;
  const headers: Record<string, string> = { "current-page": link(position) };
  if (page.next) headers["next-page"] = link(page.next);
  if (page.previous) headers["prev-page"] = link(page.previous);
  if (page.previous) headers["first-page"] = link({ kind: "first" });
  if (page.next) headers["last-page"] = link({ kind: "last" });
  return headers;
}

/** The query and position of a list request: from its cursor, or from its parameters (first page). */
export function queryAndPosition<Q extends { limit: number }>(
  request: DcsaRequest,
  isQuery: (q: unknown) => q is Q,
  fromParams: (params: URLSearchParams, limit: number) => Q,
): { query: Q; position: Position } {
  const params = request.url.searchParams;
  const cursor = params.get("cursor");
  if (cursor === null)
    return { query: fromParams(params, parseLimit(params.get("limit"))), position: { kind: "first" } };
  const decoded = decodeCursor(cursor, isQuery);
  const limit = params.get("limit");
  return {
    query: limit === null ? decoded.query : { ...decoded.query, limit: parseLimit(limit) },
    position: decoded.position,
  };
}

/** `GET /v2/events`: the events the caller may see, filtered, a page at a time. */
export const getEvents: DcsaHandler = async (request, services) => {
  checkParameters(request.url.searchParams);
  const { query, position } = queryAndPosition<EventQuery>(request, isCompactQuery, eventQueryFromParams);
  const page = await listEvents(services.sql, request.viewer, query, position);
  return {
    status: 200,
    body: page.items,
    headers: pagingHeaders(services, "/events", compactQuery(query), position, page),
  };
};

/** `GET /v2/events/{eventID}`. */
export const getEventById: DcsaHandler = async (request, services) => ({
  status: 200,
  body: await getEvent(services.sql, request.viewer, request.params.eventID!),
});
