import { queryGateway } from "../gatewayClient.ts";
import type { Cell } from "./table.ts";

/** The analytics subgraph's `ShipmentFilter`, as the CLI passes it (ISO 8601 strings for times). */
export interface ShipmentFilter {
  carrier?: string;
  portOfLoading?: string;
  portOfDischarge?: string;
  departedFrom?: string;
  departedTo?: string;
  arrivedFrom?: string;
  arrivedTo?: string;
}

export const SHIPMENT_COLUMNS = [
  "reference",
  "carrier",
  "portOfLoading",
  "portOfDischarge",
  "status",
  "eta",
  "titleStatus",
  "verdict",
] as const;

// Each node resolves through every network's fields (carrier, port, title) like any user's query.
// The total is asked for once (it costs a count over the whole filter), not on every page.
export const SHIPMENT_LISTING_QUERY = `query Report($filter: ShipmentFilter, $first: Int, $after: String, $asOf: DateTime, $withTotal: Boolean!) {
  shipments(filter: $filter, first: $first, after: $after, asOf: $asOf) {
    totalCount @include(if: $withTotal)
    pageInfo { hasNextPage endCursor }
    edges { node { reference carrier { scac } portOfLoading { unLocationCode } portOfDischarge { unLocationCode } status eta { at } billOfLading { titleStatus verdict { status } } } }
  }
}`;

interface Node {
  reference: string;
  carrier: { scac: string } | null;
  portOfLoading: { unLocationCode: string } | null;
  portOfDischarge: { unLocationCode: string } | null;
  status: string | null;
  eta: { at: string } | null;
  billOfLading: { titleStatus: string | null; verdict: { status: string } | null } | null;
}

export interface ShipmentPage {
  /** One row per shipment, in `SHIPMENT_COLUMNS` order. */
  rows: Cell[][];
  /** Only when asked for (`withTotal`). */
  totalCount: number | null;
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * One page of the shipment listing through the gateway. A network that cannot be asked leaves its
 * columns empty rather than failing the page: the rows from the others are still right.
 */
export async function fetchShipmentPage(
  gatewayUrl: string,
  filter: ShipmentFilter,
  first: number,
  after: string | null,
  /** Which shipments match, as the read model stood then (rows still resolve live). */
  asOf: string | null = null,
  withTotal = true,
): Promise<ShipmentPage> {
  const { shipments } = await queryGateway<{
    shipments: {
      totalCount?: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: Node }[];
    };
  }>(gatewayUrl, SHIPMENT_LISTING_QUERY, { filter, first, after, asOf, withTotal }, { acceptPartial: true });
  return {
    rows: shipments.edges.map(({ node }) => [
      node.reference,
      node.carrier?.scac ?? null,
      node.portOfLoading?.unLocationCode ?? null,
      node.portOfDischarge?.unLocationCode ?? null,
      node.status,
      node.eta?.at ?? null,
      node.billOfLading?.titleStatus ?? null,
      node.billOfLading?.verdict?.status ?? null,
    ]),
    totalCount: shipments.totalCount ?? null,
    hasNextPage: shipments.pageInfo.hasNextPage,
    endCursor: shipments.pageInfo.endCursor,
  };
}
