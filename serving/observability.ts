import { z } from "zod";
import type { HealthCheck } from "./health.ts";
import { instrumentAdapter } from "./instrumentAdapter.ts";
import { createLogger, logConfigShape, type Logger, type LogLevel } from "./logger.ts";
import { ServiceMetrics } from "./metrics.ts";
import { startTracing } from "./tracing.ts";
import type { NetworkAdapter } from "../domain/networkAdapter.ts";

/** The settings every service reads for logs, metrics and traces (spread into its zod config). */
export const observabilityConfigShape = {
  ...logConfigShape,
  /** When set, `/metrics` asks for `Authorization: Bearer <METRICS_TOKEN>`; else it is open like `/health`. */
  METRICS_TOKEN: z.string().min(1).optional(),
  /** An OTLP/HTTP collector's base URL: when set, spans are exported to `<url>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
};

export interface ServiceObservability {
  logger: Logger;
  metrics: ServiceMetrics;
  metricsToken?: string;
  checks?: Record<string, HealthCheck>;
}

/**
 * A service's logger and metrics, from its parsed config; with `OTEL_EXPORTER_OTLP_ENDPOINT` set, its
 * spans exported over OTLP/HTTP too (`tracing.ts`). Every service continues the W3C `traceparent` it
 * receives and each log line carries `traceId`, exported or not.
 */
export function createObservability(
  service: string,
  config: {
    LOG_LEVEL: LogLevel;
    METRICS_TOKEN?: string | undefined;
    OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  },
): ServiceObservability {
  const logger = createLogger(service, config.LOG_LEVEL);
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT) {
    startTracing({ service, endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
    logger.info({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT }, "exporting spans over OTLP/HTTP");
  }
  return {
    logger,
    metrics: new ServiceMetrics(service, { processMetrics: true }),
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
  };
}

/**
 * An adapter measured for this service: each ledger call counted, timed and logged (debug) with its
 * request id, its wire counters and circuit breaker exposed when it has them.
 */
export function observeAdapter<T extends NetworkAdapter>(adapter: T, observability: ServiceObservability): T {
  const { metrics, logger } = observability;
  const extras = adapter as unknown as { counters?: unknown; circuit?: unknown };
  if (extras.counters && typeof extras.counters === "object")
    metrics.watchProtocolCounters(adapter.name, extras.counters);
  if (typeof extras.circuit === "function") {
    const circuit = extras.circuit as () => string;
    metrics.watchCircuit(adapter.name, () => circuit.call(adapter));
  }
  return instrumentAdapter(adapter, metrics, logger.child({ network: adapter.name }));
}
