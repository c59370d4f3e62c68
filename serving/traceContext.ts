import type { Span } from "@opentelemetry/api";
import { randomBytes } from "node:crypto";

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/#traceparent-header): which trace a request
 * belongs to and which span called it. The trace id is kept across the gateway and the subgraphs and
 * logged on every line; when spans are exported (`tracing.ts`), the ids are the exported spans' own.
 */
export interface TraceContext {
  /** 32 lower-case hex digits, never all zeros. */
  traceId: string;
  /** This service's span for the request: 16 hex digits. */
  spanId: string;
  /** The caller's span, when the request carried a valid `traceparent`. */
  parentSpanId: string | null;
  /** Trace flags (bit 0: sampled), two hex digits. */
  flags: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;

/** Random bytes drawn 4 KiB at a time: one draw per request and per fetch cost a few percent of the gateway's CPU. */
let pool = Buffer.alloc(0);
let taken = 0;

/** `bytes` random bytes as lower-case hex, never all zeros (an invalid trace or span id). */
function randomId(bytes: number): string {
  for (;;) {
    if (taken + bytes > pool.length) {
      pool = randomBytes(4096);
      taken = 0;
    }
    const id = pool.toString("hex", taken, (taken += bytes));
    if (!/^0+$/.test(id)) return id;
  }
}

const spanId = () => randomId(8);

/**
 * The trace a request continues: its `traceparent` when valid (version ff, or an all-zero id, is not),
 * else a new trace. Either way this service gets a span id of its own.
 */
export function continueTrace(header: string | string[] | undefined): TraceContext {
  const text = Array.isArray(header) ? header[0] : header;
  const match = text ? TRACEPARENT.exec(text.trim()) : null;
  if (
    match &&
    match[1] !== "ff" &&
    !/^0+$/.test(match[2]!) &&
    !/^0+$/.test(match[3]!) &&
    // Version 00 has exactly four fields; later versions may add more, which we ignore.
    (match[1] !== "00" || text!.trim().length === 55)
  )
    return { traceId: match[2]!, spanId: spanId(), parentSpanId: match[3]!, flags: match[4]! };
  return { traceId: randomId(16), spanId: spanId(), parentSpanId: null, flags: "01" };
}

/** The `traceparent` for a call this service makes: the same trace, a new span whose parent is ours. */
export function childTraceparent(trace: TraceContext): { header: string; spanId: string } {
  const child = spanId();
  return { header: `00-${trace.traceId}-${child}-${trace.flags}`, spanId: child };
}

/** The trace context of an exported span (`tracing.ts`): its ids, and the caller's span when it sent one. */
export function traceOfSpan(span: Span, header: string | string[] | undefined): TraceContext {
  const { traceId, spanId: id, traceFlags } = span.spanContext();
  const caller = continueTrace(header);
  return {
    traceId,
    spanId: id,
    parentSpanId: caller.parentSpanId !== null && caller.traceId === traceId ? caller.parentSpanId : null,
    flags: traceFlags.toString(16).padStart(2, "0"),
  };
}
