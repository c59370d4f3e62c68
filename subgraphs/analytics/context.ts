import type { RequestAccess } from "../../access/requestAccess.ts";
import type DataLoader from "dataloader";
import type { IndexCheckpoint } from "../../analytics/queries.ts";
import type { Sql } from "../../analytics/sql.ts";

/** The analytics subgraph answers from the read model; it never reads a ledger while answering. */
export interface AnalyticsSubgraphContext {
  sql: Sql;
  /** Per request: each network's read-model checkpoint, all read in one query. */
  checkpoints: DataLoader<string, IndexCheckpoint | null>;
  /** This request's caller and its batched access decisions. */
  access: RequestAccess;
}
