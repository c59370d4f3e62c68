import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { NetworkHealth, NetworkStatus } from "../domain/model.ts";

/** Hits and misses a cache counts itself (`RecordCache` does); read when Prometheus scrapes. */
export interface CacheCounts {
  hits: number;
  misses: number;
}

/** Seconds: from a cached answer (a few ms) to a request at the gateway's 30 s deadline. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: a ledger call, from a local evaluate (~2 ms) to a subgraph's 10 s fetch deadline. */
const CALL_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/** Distinct operation names kept as labels; any further name is counted as "other". */
const MAX_OPERATIONS = 100;
const HEALTH_STATES: NetworkHealth[] = ["UP", "DEGRADED", "DOWN"];
const CIRCUIT_STATES = ["CLOSED", "OPEN", "HALF_OPEN"];

/**
 * One service's Prometheus metrics, in a registry of its own (a test runs the gateway and five subgraphs
 * in one process; a shared default registry would mix them and refuse the second registration). Names
 * follow Prometheus's conventions: `_seconds`, `_total`, base units.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requestDuration: Histogram<"operation">;
  private readonly errors: Counter<"code">;
  private readonly httpResponses: Counter<"route" | "status">;
  private readonly networkCalls: Counter<"network" | "operation" | "outcome">;
  private readonly networkCallDuration: Histogram<"network" | "operation">;
  private readonly networkFailures: Counter<"network" | "operation" | "code">;
  private readonly networkHealth: Gauge<"network" | "state">;
  private readonly networkHeight: Gauge<"network">;
  private readonly indexedHeight: Gauge<"network">;
  private readonly indexLagBlocks: Gauge<"network">;
  private readonly readModelLagBlocks: Gauge<"network">;
  private readonly readModelLagSeconds: Gauge<"network">;
  private readonly subgraphFetchDuration: Histogram<"subgraph" | "outcome">;
  private readonly subgraphFetchesShared: Counter<"subgraph">;
  private readonly operationsShared: Counter;
  private readonly cacheSources: { cache: string; counts: CacheCounts }[] = [];
  private readonly counterSources: { network: string; counters: object }[] = [];
  private readonly circuitSources: { network: string; state: () => string }[] = [];

  constructor(
    readonly service: string,
    options: {
      /** Process metrics (CPU, RSS, event-loop lag, GC): once per process, so entry points only. */
      processMetrics?: boolean;
    } = {},
  ) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ service });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    this.requestDuration = new Histogram({
      name: "tradegraph_graphql_request_duration_seconds",
      help: "GraphQL requests from arrival to the last byte sent, by operation name",
      labelNames: ["operation"],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: "tradegraph_graphql_errors_total",
      help: "Errors answered, by extensions.code (a partial answer counts each of its errors)",
      labelNames: ["code"],
      registers,
    });
    this.httpResponses = new Counter({
      name: "tradegraph_http_responses_total",
      help: "HTTP responses by route and status",
      labelNames: ["route", "status"],
      registers,
    });
    this.networkCalls = new Counter({
      name: "tradegraph_network_calls_total",
      help: "Calls to a ledger through its adapter, by operation and outcome",
      labelNames: ["network", "operation", "outcome"],
      registers,
    });
    this.networkCallDuration = new Histogram({
      name: "tradegraph_network_call_duration_seconds",
      help: "Latency of calls to a ledger through its adapter",
      labelNames: ["network", "operation"],
      buckets: CALL_BUCKETS,
      registers,
    });
    this.networkFailures = new Counter({
      name: "tradegraph_network_call_failures_total",
      help: "Failed calls to a ledger, by the project error code they raised",
      labelNames: ["network", "operation", "code"],
      registers,
    });
    this.networkHealth = new Gauge({
      name: "tradegraph_network_health",
      help: "1 for the network's current state (UP, DEGRADED, DOWN) as last probed, 0 for the others",
      labelNames: ["network", "state"],
      registers,
    });
    this.networkHeight = new Gauge({
      name: "tradegraph_network_height",
      help: "The network's head as last probed",
      labelNames: ["network"],
      registers,
    });
    this.indexedHeight = new Gauge({
      name: "tradegraph_network_indexed_height",
      help: "The height this service's event follower has processed",
      labelNames: ["network"],
      registers,
    });
    this.indexLagBlocks = new Gauge({
      name: "tradegraph_network_index_lag_blocks",
      help: "Blocks the network's head is ahead of this service's event follower",
      labelNames: ["network"],
      registers,
    });
    this.readModelLagBlocks = new Gauge({
      name: "tradegraph_readmodel_lag_blocks",
      help: "Blocks a network is ahead of the analysts' read model",
      labelNames: ["network"],
      registers,
    });
    this.readModelLagSeconds = new Gauge({
      name: "tradegraph_readmodel_lag_seconds",
      help: "0 when the read model is caught up with a network; else how long it has stood at its height",
      labelNames: ["network"],
      registers,
    });
    this.subgraphFetchDuration = new Histogram({
      name: "tradegraph_subgraph_fetch_duration_seconds",
      help: "The gateway's fetches to each subgraph, by outcome (ok, or failed: refused, reset, timed out)",
      labelNames: ["subgraph", "outcome"],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.subgraphFetchesShared = new Counter({
      name: "tradegraph_subgraph_fetches_shared_total",
      help: "The gateway's subgraph reads answered by an identical read for the same caller already in flight",
      labelNames: ["subgraph"],
      registers,
    });
    this.operationsShared = new Counter({
      name: "tradegraph_operations_shared_total",
      help: "Queries answered by the execution of an identical query for the same caller already in flight",
      registers,
    });
    const circuitSources = this.circuitSources;
    new Gauge({
      name: "tradegraph_circuit_state",
      help: "1 for a network circuit breaker's current state (CLOSED, OPEN: failing fast, HALF_OPEN: probing), 0 for the others",
      labelNames: ["network", "state"],
      registers,
      collect() {
        for (const { network, state } of circuitSources) {
          const current = state();
          for (const s of CIRCUIT_STATES) this.set({ network, state: s }, s === current ? 1 : 0);
        }
      },
    });
    const cacheSources = this.cacheSources;
    new Counter({
      name: "tradegraph_cache_requests_total",
      help: "Cache reads by cache and result (hit or miss)",
      labelNames: ["cache", "result"],
      registers,
      // Read from the caches' own counts at scrape time: nothing is added to their hot path.
      collect() {
        this.reset();
        for (const { cache, counts } of cacheSources) {
          this.inc({ cache, result: "hit" }, counts.hits);
          this.inc({ cache, result: "miss" }, counts.misses);
        }
      },
    });
    const counterSources = this.counterSources;
    new Counter({
      name: "tradegraph_network_protocol_requests_total",
      help: "Requests an adapter sent on its wire protocol (JSON-RPC HTTP requests, Fabric evaluates, BaaS calls)",
      labelNames: ["network", "counter"],
      registers,
      collect() {
        this.reset();
        for (const { network, counters } of counterSources)
          for (const [counter, value] of Object.entries(counters))
            if (typeof value === "number") this.inc({ network, counter }, value);
      },
    });
  }

  /** The label for an operation name: bounded, since clients choose the names. */
  private operationLabel(name: string | null | undefined): string {
    if (!name) return "anonymous";
    const label = name.slice(0, 64);
    if (this.operations.has(label)) return label;
    if (this.operations.size >= MAX_OPERATIONS) return "other";
    this.operations.add(label);
    return label;
  }

  observeRequest(operation: string | null | undefined, seconds: number, errorCodes: readonly string[]): void {
    this.requestDuration.observe({ operation: this.operationLabel(operation) }, seconds);
    for (const code of errorCodes) this.errors.inc({ code });
  }

  observeHttpResponse(route: string, status: number): void {
    this.httpResponses.inc({ route, status: String(status) });
  }

  observeNetworkCall(network: string, operation: string, seconds: number, failureCode: string | null): void {
    this.networkCalls.inc({ network, operation, outcome: failureCode ? "error" : "ok" });
    this.networkCallDuration.observe({ network, operation }, seconds);
    if (failureCode) this.networkFailures.inc({ network, operation, code: failureCode });
  }

  /** Records a probe's result (health, head, follower) and passes it on, for `startPublishing`. */
  observeNetworkStatus(status: NetworkStatus): NetworkStatus {
    const network = status.name;
    for (const state of HEALTH_STATES)
      this.networkHealth.set({ network, state }, status.health === state ? 1 : 0);
    if (status.height !== null) this.networkHeight.set({ network }, Number(status.height));
    if (status.indexedHeight !== null) this.indexedHeight.set({ network }, Number(status.indexedHeight));
    if (status.height !== null && status.indexedHeight !== null)
      this.indexLagBlocks.set(
        { network },
        Math.max(0, Number(BigInt(status.height) - BigInt(status.indexedHeight))),
      );
    return status;
  }

  observeReadModelLag(network: string, lag: { lagBlocks: number | null; lagSeconds: number }): void {
    if (lag.lagBlocks !== null) this.readModelLagBlocks.set({ network }, lag.lagBlocks);
    this.readModelLagSeconds.set({ network }, lag.lagSeconds);
  }

  observeSubgraphFetch(subgraph: string, seconds: number, ok: boolean): void {
    this.subgraphFetchDuration.observe({ subgraph, outcome: ok ? "ok" : "failed" }, seconds);
  }

  countSharedOperation(): void {
    this.operationsShared.inc();
  }

  countSharedSubgraphFetch(subgraph: string): void {
    this.subgraphFetchesShared.inc({ subgraph });
  }

  /** Exposes a network's circuit breaker, read at scrape time (the EVM adapter's `circuit()`). */
  watchCircuit(network: string, state: () => string): void {
    this.circuitSources.push({ network, state });
  }

  /** Exposes a cache's own hit and miss counts. */
  watchCache(cache: string, counts: CacheCounts): void {
    this.cacheSources.push({ cache, counts });
  }

  /** Exposes an adapter's own wire counters (`counters` on the EVM and Fabric adapters). */
  watchProtocolCounters(network: string, counters: object): void {
    this.counterSources.push({ network, counters });
  }

  /** The text exposition format, and its content type. */
  async expose(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
