import type { Sql } from "../analytics/sql.ts";
import type { PartyDirectory } from "../access/partyDirectory.ts";
import type { Principal } from "../access/principal.ts";
import type { CallbackPolicy } from "./callbackUrl.ts";
import type { Owner } from "./subscriptions.ts";
import type { Viewer } from "./visibility.ts";

/** What the API's handlers share: the read model, the party directory and the callback policy. */
export interface DcsaServices {
  sql: Sql;
  parties: PartyDirectory;
  callbacks: CallbackPolicy;
  /** Where the API is reached from outside, e.g. `http://localhost:4006/v2`: paging links start with it. */
  publicUrl: string;
}

/** One authenticated request, as a handler sees it. */
export interface DcsaRequest {
  method: string;
  url: URL;
  /** Path parameters (`subscriptionID`, `eventID`). */
  params: Record<string, string>;
  /** The parsed JSON body (undefined without one). */
  body: unknown;
  principal: Principal;
  viewer: Viewer;
  owner: Owner;
}

export interface DcsaResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type DcsaHandler = (request: DcsaRequest, services: DcsaServices) => Promise<DcsaResponse>;
