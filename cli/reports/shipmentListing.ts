import { queryGatewayPartial } from "../gatewayClient.ts";
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

// Now ($live): each node resolves through every network's fields (carrier, port, title) like any user's
// query. As of an instant: the row the read model held then (the edge's `state`); nothing live is asked,
// since a live field would mix today's answer into a report of that instant.
// The total is asked for once (it costs a count over the whole filter), not on every page.
export const SHIPMENT_LISTING_QUERY = `query Report($filter: ShipmentFilter, $first: Int, $after: String, $asOf: DateTime, $withTotal: Boolean!, $live: Boolean!) {
  shipments(filter: $filter, first: $first, after: $after, asOf: $asOf) {
    totalCount @include(if: $withTotal)
    pageInfo { hasNextPage endCursor }
    edges {
      node { reference ... on Shipment @include(if: $live) { carrier { scac } portOfLoading { unLocationCode } portOfDischarge { unLocationCode } status eta { at } billOfLading { titleStatus verdict { status checks { network status } } } } }
      state @skip(if: $live) { carrier portOfLoading portOfDischarge status titleStatus }
    }
  }
}`;

interface Node {
  reference: string;
  carrier?: { scac: string } | null;
  portOfLoading?: { unLocationCode: string } | null;
  portOfDischarge?: { unLocationCode: string } | null;
  status?: string | null;
  eta?: { at: string } | null;
  billOfLading?: {
    titleStatus: string | null;
    verdict: { status: string; checks: { network: string; status: string }[] } | null;
  } | null;
}

interface State {
  carrier: string;
  portOfLoading: string | null;
  portOfDischarge: string | null;
  status: string | null;
  titleStatus: string | null;
}

export interface ShipmentPage {
  /** One row per shipment, in `SHIPMENT_COLUMNS` order. */
  rows: Cell[][];
  /**
   * Per row, the networks whose part of it did not arrive (their columns are empty or ERROR, not
   * because the shipment has nothing there); empty when the row is whole.
   */
  missing: string[][];
  /** Only when asked for (`withTotal`). */
  totalCount: number | null;
  hasNextPage: boolean;
  endCursor: string | null;
}

interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; network?: string; serviceName?: string };
}

/**
 * One page of the shipment listing through the gateway. A network that cannot be asked leaves its
 * columns empty rather than failing the page (the rows from the others are still right), and the page
 * says which rows lack which network: an empty title column must not pass for a bill without a title.
 */
export async function fetchShipmentPage(
  gatewayUrl: string,
  filter: ShipmentFilter,
  first: number,
  after: string | null,
  /** The rows as the read model held them at this instant, instead of now. */
  asOf: string | null = null,
  withTotal = true,
): Promise<ShipmentPage> {
  const { data, errors } = await queryGatewayPartial<{
    shipments: {
      totalCount?: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: Node; state?: State }[];
    };
  }>(
    gatewayUrl,
    SHIPMENT_LISTING_QUERY,
    { filter, first, after, asOf, withTotal, live: asOf === null },
    { acceptPartial: true },
  );
  const { shipments } = data;
  const missing = shipments.edges.map(() => new Set<string>());
  for (const error of (errors ?? []) as GraphQLErrorShape[]) {
    const code = error.extensions?.code;
    // A field the caller may not see is withheld, not missing: the row is whole for this caller.
    if (code === "FORBIDDEN") continue;
    const network = error.extensions?.network ?? error.extensions?.serviceName ?? code ?? "unknown";
    const [root, edges, index] = error.path ?? [];
    if (root === "shipments" && edges === "edges" && typeof index === "number") missing[index]?.add(network);
    // Without a path into one row (a subgraph's whole fetch failed), every row of the page may lack it.
    else for (const row of missing) row.add(network);
  }
  shipments.edges.forEach(({ node }, i) => {
    const verdict = node.billOfLading?.verdict;
    if (verdict?.status === "ERROR")
      for (const check of verdict.checks) if (check.status === "ERROR") missing[i]!.add(check.network);
  });
  return {
    rows: shipments.edges.map(({ node, state }) =>
      state
        ? [
            node.reference,
            state.carrier,
            state.portOfLoading,
            state.portOfDischarge,
            state.status,
            null,
            state.titleStatus,
            null,
          ]
        : [
            node.reference,
            node.carrier?.scac ?? null,
            node.portOfLoading?.unLocationCode ?? null,
            node.portOfDischarge?.unLocationCode ?? null,
            node.status ?? null,
            node.eta?.at ?? null,
            node.billOfLading?.titleStatus ?? null,
            node.billOfLading?.verdict?.status ?? null,
          ],
    ),
    missing: missing.map((set) => [...set].sort()),
    totalCount: shipments.totalCount ?? null,
    hasNextPage: shipments.pageInfo.hasNextPage,
    endCursor: shipments.pageInfo.endCursor,
  };
}
