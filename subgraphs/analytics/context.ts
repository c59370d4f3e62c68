import type { Sql } from "../../analytics/sql.ts";

/** The analytics subgraph answers from the read model; it never reads a ledger while answering. */
export interface AnalyticsSubgraphContext {
  sql: Sql;
}
