import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { csvRecord } from "./csv.ts";

export interface ReportOptions {
  gatewayUrl: string;
  out: string;
  format: "csv" | "json";
  filter: {
    carrier?: string;
    portOfLoading?: string;
    portOfDischarge?: string;
    departedFrom?: string;
    departedTo?: string;
  };
  pageSize?: number;
  /** Called after each page: rows written so far and the total. */
  onProgress?: (written: number, total: number) => void;
}

const COLUMNS = [
  "reference",
  "carrier",
  "portOfLoading",
  "portOfDischarge",
  "status",
  "eta",
  "titleStatus",
  "verdict",
] as const;

const QUERY = `query Report($filter: ShipmentFilter, $first: Int, $after: String) {
  shipments(filter: $filter, first: $first, after: $after) {
    totalCount
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

/**
 * Streams the shipments report through the gateway page by page (it is a GraphQL client like any user's),
 * writing each page as it arrives so memory stays flat, and keeping the last cursor beside the output so an
 * interrupted export resumes where it stopped. CSV is RFC 4180, UTF-8, ISO dates; JSON is one object per line.
 */
export async function exportShipments(
  options: ReportOptions,
): Promise<{ written: number; total: number; resumed: boolean }> {
  const progressFile = `${options.out}.progress`;
  const resumed = existsSync(progressFile) && existsSync(options.out);
  let state = resumed
    ? (JSON.parse(readFileSync(progressFile, "utf8")) as { after: string | null; written: number })
    : { after: null, written: 0 };
  if (!resumed) writeFileSync(options.out, options.format === "csv" ? csvRecord([...COLUMNS]) : "");
  let total: number;
  for (;;) {
    const response = await fetch(options.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: QUERY,
        variables: { filter: options.filter, first: options.pageSize ?? 200, after: state.after },
      }),
    });
    const body = (await response.json()) as {
      data?: {
        shipments: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: Node }[];
        };
      };
      errors?: { message: string }[];
    };
    if (!body.data)
      throw new Error(
        `the gateway answered: ${body.errors?.map((e) => e.message).join("; ") ?? response.status}`,
      );
    const page = body.data.shipments;
    total = page.totalCount;
    const rows = page.edges.map(({ node }) => [
      node.reference,
      node.carrier?.scac ?? null,
      node.portOfLoading?.unLocationCode ?? null,
      node.portOfDischarge?.unLocationCode ?? null,
      node.status,
      node.eta?.at ?? null,
      node.billOfLading?.titleStatus ?? null,
      node.billOfLading?.verdict?.status ?? null,
    ]);
    appendFileSync(
      options.out,
      options.format === "csv"
        ? rows.map(csvRecord).join("")
        : rows
            .map((r) => `${JSON.stringify(Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]])))}\n`)
            .join(""),
    );
    state = { after: page.pageInfo.endCursor ?? state.after, written: state.written + rows.length };
    writeFileSync(progressFile, JSON.stringify(state));
    options.onProgress?.(state.written, total);
    if (!page.pageInfo.hasNextPage) break;
  }
  rmSync(progressFile, { force: true });
  return { written: state.written, total, resumed };
}
