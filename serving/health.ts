import type { NetworkStatus } from "../domain/model.ts";

/** UP: serving fully. DEGRADED: serving, with part of some answers missing. DOWN: cannot serve. */
export type HealthState = "UP" | "DEGRADED" | "DOWN";

/** One dependency's state, with whatever details say why (height, latency, the error). */
export interface DependencyState {
  status: HealthState;
  [detail: string]: unknown;
}

export interface HealthCheck {
  check(): Promise<DependencyState>;
  /**
   * Without it the service cannot answer at all (the access directory every decision reads): DOWN
   * makes the service DOWN. Otherwise DOWN makes it DEGRADED: a network subgraph whose ledger is
   * down still answers, with that network's fields null and NETWORK_UNAVAILABLE.
   */
  required?: boolean;
}

/** What `/health/ready` answers (HTTP 200 when UP or DEGRADED, 503 when DOWN). */
export interface Readiness {
  status: HealthState;
  service: string;
  checks: Record<string, DependencyState>;
}

/**
 * How long one dependency may take to answer a check. A subgraph's checks must finish well inside the
 * time the gateway gives the subgraph's whole readiness (2 s), or a subgraph whose ledger is frozen would
 * look DOWN itself, when it is up and serving what it can (DEGRADED).
 */
export const CHECK_TIMEOUT_MS = 1000;

/**
 * Runs every check at once, each bounded in time (a frozen ledger must not freeze the probe), and
 * combines them: DOWN if a required check is DOWN, else DEGRADED if any is not UP, else UP. `combine`
 * overrides that rule (the gateway is DOWN only when no subgraph can serve).
 */
export async function readiness(
  service: string,
  checks: Record<string, HealthCheck>,
  combine?: (states: Record<string, DependencyState>) => HealthState,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, { check }]) => [name, await bounded(check, timeoutMs)] as const),
  );
  const states = Object.fromEntries(entries);
  const status =
    combine?.(states) ??
    (entries.some(([name, s]) => s.status === "DOWN" && checks[name]!.required)
      ? "DOWN"
      : entries.some(([, s]) => s.status !== "UP")
        ? "DEGRADED"
        : "UP");
  return { status, service, checks: states };
}

async function bounded(check: () => Promise<DependencyState>, timeoutMs: number): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DependencyState>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: "DOWN", error: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([
      check().catch((error: unknown) => ({
        status: "DOWN" as const,
        error: error instanceof Error ? error.message : String(error),
      })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A ledger as its adapter's probe sees it. */
export function networkCheck(status: () => Promise<NetworkStatus>): HealthCheck {
  return {
    check: async () => {
      const s = await status();
      return {
        status: s.health,
        network: s.name,
        height: s.height,
        indexedHeight: s.indexedHeight,
        latencyMs: s.latencyMs,
      };
    },
  };
}

/** A cache in Redis: DOWN only degrades (answers continue, uncached). `health` answers "UP" or "DOWN: why". */
export function cacheCheck(health: () => Promise<string>): HealthCheck {
  return {
    check: async () => {
      const text = await health();
      return text === "UP" || text === "DISABLED"
        ? { status: "UP", state: text }
        : { status: "DOWN", error: text.replace(/^DOWN: /, "") };
    },
  };
}

/** A Redis client answering PING. */
export function redisCheck(redis: { ping(): Promise<string> }): HealthCheck {
  return { check: async () => ({ status: (await redis.ping()) === "PONG" ? "UP" : "DOWN" }) };
}

/** A SQL database answering `select 1` (the read model, the access directory). */
export function sqlCheck(
  sql: { query(text: string, params?: unknown[]): Promise<unknown[]> },
  required: boolean,
): HealthCheck {
  return { required, check: async () => (await sql.query("select 1"), { status: "UP" }) };
}
