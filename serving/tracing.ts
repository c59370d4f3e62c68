import {
  context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type Tracer,
} from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { Resource } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";

/**
 * OpenTelemetry traces, exported over OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set: one span per
 * request a service serves (continuing the caller's W3C `traceparent`), one per subgraph fetch the
 * gateway makes (its id is the `traceparent` the subgraph continues), one per adapter call (the ledger
 * call). So a client request is one trace across gateway, subgraphs, adapters and ledger calls, each span
 * named by the service that made it (`service.name`).
 *
 * The SDK's 1.x line (`sdk-trace-base` 1.30, OTLP exporter 0.57): the 2.x line needs Node 22.15 and this
 * project supports Node 20.19. Without the endpoint nothing is loaded into the request path: `tracer()`
 * is null and every span helper below does nothing.
 */
let active: { tracer: Tracer; provider: BasicTracerProvider } | null = null;
const propagator = new W3CTraceContextPropagator();

export interface TracingOptions {
  service: string;
  /** The collector's base URL; spans go to `<endpoint>/v1/traces` (the OTLP/HTTP convention). */
  endpoint: string;
  /** How long finished spans wait to be sent in one batch. @default 1000 */
  exportDelayMs?: number;
}

/** Starts exporting this process's spans; once per process (a second call keeps the first). */
export function startTracing(options: TracingOptions): { shutdown(): Promise<void> } {
  if (!active) {
    const provider = new BasicTracerProvider({
      resource: new Resource({ "service.name": options.service }),
    });
    const url = `${options.endpoint.replace(/\/+$/, "")}/v1/traces`;
    provider.addSpanProcessor(
      new BatchSpanProcessor(new OTLPTraceExporter({ url }), {
        scheduledDelayMillis: options.exportDelayMs ?? 1000,
      }),
    );
    active = { tracer: provider.getTracer("tradegraph"), provider };
  }
  const { provider } = active;
  return { shutdown: () => provider.shutdown() };
}

export function tracer(): Tracer | null {
  return active?.tracer ?? null;
}

/** A span for a request this service serves, continuing the caller's `traceparent` when it sent one. */
export function startServerSpan(
  name: string,
  headers: Record<string, string | string[] | undefined>,
  attributes: Attributes,
): Span | null {
  if (!active) return null;
  const parent = propagator.extract(ROOT_CONTEXT, headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => carrier[key],
  });
  return active.tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
}

/** A span for a call this service makes on behalf of `parent` (a subgraph fetch, a ledger call). */
export function startClientSpan(
  name: string,
  parent: Span | null | undefined,
  attributes: Attributes,
): Span | null {
  if (!active || !parent) return null;
  return active.tracer.startSpan(
    name,
    { kind: SpanKind.CLIENT, attributes },
    trace.setSpan(context.active(), parent),
  );
}

/** The `traceparent` header that makes `span` the parent of what the callee does. */
export function traceparentOf(span: Span): string {
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, {
    set: (c, key, value) => (c[key] = value),
  });
  return carrier.traceparent!;
}

/** Ends a span, marking it failed when the work failed. */
export function endSpan(span: Span | null, error?: unknown, attributes?: Attributes): void {
  if (!span) return;
  if (attributes) span.setAttributes(attributes);
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message ?? String(error) });
  }
  span.end();
}
