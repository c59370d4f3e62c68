import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { queryGateway, withGatewayCredentials } from "../../cli/gatewayClient.ts";
import { escapeHtml, jsonForScript } from "../../cli/html/escape.ts";
import { createProgressBar } from "../../cli/progressBar.ts";
import { isoInstant, parseReportArguments, UsageError } from "../../cli/reportArguments.ts";
import { tablesToCsv, tablesToJsonLines } from "../../cli/reports/writeTables.ts";

describe("report CLI arguments", () => {
  it("takes ISO 8601 dates and date-times with a zone as UTC instants, and nothing else", () => {
    expect(isoInstant("from", "2026-06-01")).toBe("2026-06-01T00:00:00.000Z");
    expect(isoInstant("from", "2026-06-01T08:30:00+08:00")).toBe("2026-06-01T00:30:00.000Z");
    expect(isoInstant("to", "2026-06-01T00:00Z")).toBe("2026-06-01T00:00:00.000Z");
    for (const bad of [
      "2026-02-30",
      "01/06/2026",
      "2026-06-01T00:00:00",
      "2026-6-1",
      "2026-06-01T24:00Z",
      "now",
    ])
      expect(() => isoInstant("from", bad), bad).toThrow(UsageError);
  });

  it("reads each report's options and refuses what does not apply", () => {
    const argv = (s: string) => s.split(" ");
    expect(
      parseReportArguments(
        argv(
          "report port-statistics --port cnsha --from 2026-06-01 --to 2026-07-01 --group-by month --out p.csv",
        ),
        {},
      ),
    ).toEqual({
      report: "port-statistics",
      port: "CNSHA",
      from: "2026-06-01T00:00:00.000Z",
      to: "2026-07-01T00:00:00.000Z",
      groupBy: "MONTH",
      format: "csv",
      out: "p.csv",
      gatewayUrl: "http://localhost:4000/graphql",
      asOf: null,
    });
    expect(parseReportArguments(argv("--help"), {})).toBeNull();
    expect(
      parseReportArguments(
        argv("report titles --from 2026-06-01 --to 2026-07-01 --out t.json --format json"),
        {
          TRADEGRAPH_GATEWAY_URL: "http://127.0.0.1:1/graphql",
        },
      ),
    ).toMatchObject({ report: "titles", format: "json", gatewayUrl: "http://127.0.0.1:1/graphql" });
    expect(
      parseReportArguments(
        argv("report lanes --from 2026-06-01 --to 2026-07-01 --as-of 2026-06-15T12:00:00+08:00 --out l.csv"),
        {},
      ),
    ).toMatchObject({ report: "lanes", asOf: "2026-06-15T04:00:00.000Z" });
    expect(() =>
      parseReportArguments(
        argv("report lanes --from 2026-06-01 --to 2026-07-01 --as-of yesterday --out l.csv"),
        {},
      ),
    ).toThrow(/--as-of must be an ISO 8601/);
    for (const [line, says] of [
      ["report", "which report"],
      ["export shipments --out x", 'unknown command "export"'],
      ["report overview --from 2026-06-01 --to 2026-07-01 --out x", "needs --port"],
      ["report overview --port CNSHA --from 2026-06-01 --to 2026-07-01", "--out FILE is required"],
      ["report lanes --from 2026-06-01 --to 2026-07-01 --carrier MAEU --out x", "--carrier does not apply"],
      [
        "report port-statistics --port CNSHA --from 2026-06-01 --to 2026-07-01 --group-by lane --out x",
        "--group-by",
      ],
      ["report overview --port Shanghai --from 2026-06-01 --to 2026-07-01 --out x", "UN/LOCODE"],
      ["report lanes --from 2026-06-01 --to 2026-07-01 --out x --colour red", "Unknown option"],
    ] as const)
      expect(() => parseReportArguments(argv(line), {}), line).toThrow(says);
  });
});

describe("report CLI credentials", () => {
  const argv = (s: string) =>
    `report titles --from 2026-06-01 --to 2026-07-01 --out t.csv ${s}`.trim().split(" ");

  it("takes --token or --api-key, else the environment's, one kind only", () => {
    expect(parseReportArguments(argv(""), {})).not.toHaveProperty("credentials");
    expect(parseReportArguments(argv("--token a.b.c"), {})).toMatchObject({
      credentials: { bearerToken: "a.b.c" },
    });
    expect(parseReportArguments(argv(""), { TRADEGRAPH_API_KEY: "tg_k" })).toMatchObject({
      credentials: { apiKey: "tg_k" },
    });
    // An option replaces the environment's credentials rather than adding to them.
    expect(parseReportArguments(argv("--token a.b.c"), { TRADEGRAPH_API_KEY: "tg_k" })?.credentials).toEqual({
      bearerToken: "a.b.c",
    });
    expect(() => parseReportArguments(argv("--token a.b.c --api-key tg_k"), {})).toThrow(
      "give --token or --api-key, not both",
    );
    expect(() =>
      parseReportArguments(argv(""), { TRADEGRAPH_TOKEN: "a.b.c", TRADEGRAPH_API_KEY: "tg_k" }),
    ).toThrow("give TRADEGRAPH_TOKEN or TRADEGRAPH_API_KEY, not both");
  });

  it("sends them on every gateway request of a run, and nothing outside one", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers);
      request.resume().on("end", () => response.end(JSON.stringify({ data: { ok: true } })));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    try {
      await withGatewayCredentials({ bearerToken: "a.b.c" }, () =>
        Promise.all([queryGateway(url, "{ ok }", {}), queryGateway(url, "{ ok }", {})]),
      );
      await withGatewayCredentials({ apiKey: "tg_k" }, () => queryGateway(url, "{ ok }", {}));
      await queryGateway(url, "{ ok }", {});
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen.map((h) => [h.authorization, h["x-api-key"]])).toEqual([
      ["Bearer a.b.c", undefined],
      ["Bearer a.b.c", undefined],
      [undefined, "tg_k"],
      [undefined, undefined],
    ]);
  });
});

describe("report writers", () => {
  const tables = [
    { name: "a", title: "A", columns: ["group", "n"], rows: [['x, "y"', 1.25]] },
    { name: "b", title: "B", columns: ["group", "share"], rows: [["ünï\r\ncode", null]] },
  ];

  it("several tables make one RFC 4180 sheet led by a section column; one table is written as it is", () => {
    const csv = tablesToCsv(tables);
    expect(csv.split("\r\n")[0]).toBe("section,group,n,share");
    expect(parse(csv, { columns: true })).toEqual([
      { section: "a", group: 'x, "y"', n: "1.25", share: "" },
      { section: "b", group: "ünï\r\ncode", n: "", share: "" },
    ]);
    expect(tablesToCsv([tables[0]!])).toBe('group,n\r\n"x, ""y""",1.25\r\n');
    expect(
      tablesToJsonLines(tables)
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { section: "a", group: 'x, "y"', n: 1.25 },
      { section: "b", group: "ünï\r\ncode", share: null },
    ]);
  });

  it("escapes text for HTML, and JSON so that no value can close its script element", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const hostile = { s: "</script ><!-- & \u2028" };
    const json = jsonForScript(hostile);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(hostile);
  });

  it("draws the progress bar on a terminal only", () => {
    const written: string[] = [];
    const terminal = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const bar = createProgressBar(terminal, 10);
    bar.update(5, 10);
    bar.finish();
    expect(written[0]).toMatch(/^\r\[#{5}\.{5}\] 5\/10 rows, ETA \d+ s $/);
    expect(written[1]).toBe("\n");
    const log: string[] = [];
    const file = { isTTY: false, write: (s: string) => log.push(s) } as unknown as NodeJS.WriteStream;
    const quiet = createProgressBar(file);
    quiet.update(1, 2);
    quiet.finish();
    expect(log).toEqual([]);
  });
});
