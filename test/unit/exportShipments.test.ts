import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExportResumeError, exportShipments, type ReportOptions } from "../../cli/shipmentsReport.ts";

/**
 * The exporter's file handling, against a small GraphQL endpoint that pages a fixed listing the way the
 * gateway does (keyset cursors, `totalCount` when asked, a partial answer with errors at row paths).
 * What is under test is the exporter: what it writes, cuts back, refuses and reports. The real gateway
 * is exercised by test/e2e/reports.test.ts, including a kill -9 of the real command.
 */
const ROWS = Array.from({ length: 23 }, (_, i) => `MAEU${String(100_000_000 + i)}`);

describe("report shipments: crash-safe, resumable only as the same request, incomplete rows said", () => {
  let server: Server;
  let url: string;
  let dir: string;
  /** Row indexes whose title part the endpoint answers with NETWORK_UNAVAILABLE. */
  let titleDown = new Set<number>();
  /** `withTotal` of each request, in order. */
  let totalsAsked: boolean[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const { variables } = JSON.parse(body) as {
          variables: { first: number; after: string | null; withTotal: boolean; live: boolean };
        };
        totalsAsked.push(variables.withTotal);
        const start = variables.after === null ? 0 : Number(variables.after) + 1;
        const page = ROWS.slice(start, start + variables.first);
        const errors = page.flatMap((_, i) =>
          titleDown.has(start + i)
            ? [
                {
                  message: "The ebl-evm network is unavailable",
                  path: ["shipments", "edges", i, "node", "billOfLading", "titleStatus"],
                  extensions: { code: "NETWORK_UNAVAILABLE", network: "ebl-evm" },
                },
              ]
            : [],
        );
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            data: {
              shipments: {
                ...(variables.withTotal ? { totalCount: ROWS.length } : {}),
                pageInfo: {
                  hasNextPage: start + variables.first < ROWS.length,
                  endCursor: page.length ? String(start + page.length - 1) : null,
                },
                edges: page.map((reference, i) => ({
                  node: {
                    reference,
                    carrier: { scac: "MAEU" },
                    portOfLoading: { unLocationCode: "DEHAM" },
                    portOfDischarge: { unLocationCode: "CNSHA" },
                    status: "IN_TRANSIT",
                    eta: { at: "2026-11-20T11:00:00.000Z" },
                    billOfLading: titleDown.has(start + i)
                      ? {
                          titleStatus: null,
                          verdict: { status: "ERROR", checks: [{ network: "EVM", status: "ERROR" }] },
                        }
                      : { titleStatus: "ISSUED", verdict: { status: "VALID", checks: [] } },
                  },
                })),
              },
            },
            ...(errors.length ? { errors } : {}),
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    dir = mkdtempSync(join(tmpdir(), "tg-export-"));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const options = (out: string, extra: Partial<ReportOptions> = {}): ReportOptions => ({
    gatewayUrl: url,
    out,
    format: "csv",
    filter: { portOfDischarge: "CNSHA" },
    pageSize: 5,
    ...extra,
  });
  /** Runs an export that stops (as a crash would) once `pages` pages are committed. */
  const interrupted = async (opts: ReportOptions, pages: number) => {
    let seen = 0;
    await expect(
      exportShipments({
        ...opts,
        onProgress: () => {
          if (++seen === pages) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
  };

  it("an uninterrupted export: every row once, no progress file left", async () => {
    titleDown = new Set();
    const out = join(dir, "whole.csv");
    expect(await exportShipments(options(out))).toEqual({
      written: 23,
      total: 23,
      resumed: false,
      incomplete: null,
    });
    const records = parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.reference)).toEqual(ROWS);
    expect(existsSync(`${out}.progress`)).toBe(false);
    expect(existsSync(`${out}.incomplete.csv`)).toBe(false);
  });

  it("a page written but not yet counted, and a torn row after it, are cut back on resume: no duplicate, no torn row", async () => {
    titleDown = new Set();
    const whole = join(dir, "whole.csv");
    const out = join(dir, "torn.csv");
    await interrupted(options(out), 2);
    const committed = readFileSync(out, "utf8");
    // What a kill -9 between the page's write and its cursor's save leaves: the next page's rows on
    // disk with no cursor counting them, the last one cut mid-field.
    const next = readFileSync(whole, "utf8").split("\r\n").slice(11, 15).join("\r\n");
    appendFileSync(out, `${next}\r\nMAEU1000000`);
    const resumed = await exportShipments(options(out));
    expect(resumed).toMatchObject({ resumed: true, written: 23, total: 23 });
    expect(readFileSync(out, "utf8").startsWith(committed)).toBe(true);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(whole, "utf8"));
  });

  it("refuses to resume with another filter, instant or format, and leaves the interrupted export as it was", async () => {
    titleDown = new Set();
    const out = join(dir, "other.csv");
    await interrupted(options(out), 1);
    const before = readFileSync(out, "utf8");
    for (const other of [
      { filter: { portOfDischarge: "CNNGB" } },
      { asOf: "2026-11-01T00:00:00.000Z" },
      { format: "json" as const },
    ]) {
      const attempt = exportShipments(options(out, other));
      await expect(attempt).rejects.toThrow(ExportResumeError);
      await expect(attempt).rejects.toThrow(/interrupted export of another request.*delete .*other\.csv/);
    }
    expect(readFileSync(out, "utf8")).toBe(before);
    // The same request still resumes; the filter's key order does not matter.
    expect(await exportShipments(options(out))).toMatchObject({ resumed: true, written: 23 });
  });

  it("refuses a progress file left by the version that did not record what it had written", async () => {
    const out = join(dir, "old.csv");
    writeFileSync(out, "reference\r\n");
    writeFileSync(`${out}.progress`, JSON.stringify({ after: "4", written: 5 }));
    await expect(exportShipments(options(out))).rejects.toThrow(/older version/);
  });

  it("rows a network could not answer for are written, listed with that network, and the result says so", async () => {
    titleDown = new Set([2, 7, 8, 21]);
    const out = join(dir, "partial.csv");
    await interrupted(options(out), 2);
    const result = await exportShipments(options(out));
    expect(result).toMatchObject({
      written: 23,
      total: 23,
      resumed: true,
      incomplete: { rows: 4, networks: ["EVM", "ebl-evm"], file: `${out}.incomplete.csv` },
    });
    const listed = parse(readFileSync(`${out}.incomplete.csv`, "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(listed).toEqual([2, 7, 8, 21].map((i) => ({ reference: ROWS[i], missing: "EVM ebl-evm" })));
    const records = parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.reference)).toEqual(ROWS);
    expect(records[2]).toMatchObject({ titleStatus: "", verdict: "ERROR" });

    // JSON lines mark the row itself.
    const json = join(dir, "partial.json");
    await exportShipments(options(json, { format: "json" }));
    const lines = readFileSync(json, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.incomplete).map((l) => l.reference)).toEqual(
      [2, 7, 8, 21].map((i) => ROWS[i]),
    );
    expect(lines[7]!.incomplete).toEqual(["EVM", "ebl-evm"]);
    expect(lines[0]).not.toHaveProperty("incomplete");
    titleDown = new Set();
  });

  it("asks the total once per run, not on every page", async () => {
    const out = join(dir, "requests.csv");
    totalsAsked = [];
    await exportShipments(options(out));
    expect(totalsAsked).toEqual([true, false, false, false, false]);
  });
});
