import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { Span } from "@opentelemetry/api";
import type { Logger } from "./logger.ts";
import type { TraceContext } from "./traceContext.ts";

/** The header a request id travels in: from a client (optional), the gateway, to each subgraph. */
export const REQUEST_ID_HEADER = "x-request-id";

/**
 * What one HTTP request carries through its whole handling, however deep (resolvers, DataLoader
 * batches, adapter calls, the gateway's subgraph fetches): its id, its trace, a logger that stamps both
 * on every line, and what the closing log line and the metrics report.
 */
export interface RequestContext {
  requestId: string;
  trace: TraceContext;
  /** The request's span, when spans are exported (`serving/tracing.ts`). */
  span: Span | null;
  logger: Logger;
  /** The GraphQL operation's name, once known. */
  operationName: string | null;
  /** `extensions.code` of every error answered. */
  errorCodes: string[];
  /** Added to the request's closing log line (e.g. the caller's subject). */
  fields: Record<string, unknown>;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The request being handled, when there is one (not in a follower's poll or a health probe's timer). */
export const currentRequest = (): RequestContext | undefined => storage.getStore();

export const runInRequest = <T>(context: RequestContext, work: () => T): T => storage.run(context, work);

// Printable, short, no separators a log parser could trip on: anything else is replaced, not trusted.
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id when it is a sane one (a client or proxy may set it), else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && VALID_REQUEST_ID.test(value) ? value : randomUUID();
}
