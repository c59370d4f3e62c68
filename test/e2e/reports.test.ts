/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createEvmAdapter } from "../../adapters/evm/index.ts";
import { withGatewayCredentials } from "../../cli/gatewayClient.ts";
import { renderReportPage } from "../../cli/html/reportPage.ts";
import { exportShipments } from "../../cli/shipmentsReport.ts";
import { startGateway } from "../../gateway/server.ts";
import { AddressBook } from "../../subgraphs/evm/addressBook.ts";
import { startEvmSubgraph } from "../../subgraphs/evm/server.ts";
import { DocumentStatusChecker } from "../../verification/documentStatus.ts";
import { StatusCache } from "../../verification/statusCache.ts";
import { ensureChromium } from "../support/chromium.ts";
import { mine } from "../support/localChain.ts";
import { startTestStack, type TestStack } from "../support/stack.ts";

const DAY = 86_400_000;

/** The token reports run with (the stack's operator: the numbers are compared with the whole world's). */
let reportToken = "";

/** The installed command, as a user runs it; asynchronously, since the gateway it calls runs in this process. */
function tradegraph(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      ["bin/tradegraph.mjs", ...args],
      { encoding: "utf8", timeout: 60_000, env: { ...process.env, TRADEGRAPH_TOKEN: reportToken } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    ),
  );
}

/**
 * Opens a report page from file:// in headless Chromium with every non-file request refused and
 * recorded, and collects script errors and console errors (a CSP violation is one).
 */
async function openReportPage(browser: Browser, file: string) {
  const context = await browser.newContext({ offline: true });
  const requests: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) requests.push(request.url());
  });
  // The chart script is inline and synchronous, so it has run (or failed) by the load event goto waits for:
  // a page whose script did not run has no data-charts-drawn to find.
  await page.goto(pathToFileURL(file).href);
  return { page, errors, requests, close: () => context.close() };
}

const marks = (page: Page, chart: string) => page.locator(`svg[data-chart="${chart}"] [data-mark]`);
const declaredMarks = (page: Page, chart: string) =>
  page.locator(`svg[data-chart="${chart}"]`).getAttribute("data-marks");

describe("report CLI: reports through the gateway as CSV, JSON and a self-contained HTML page", () => {
  let stack: TestStack;
  let browser: Browser;
  let dir: string;
  let port: string;
  let from: string;
  let to: string;

  beforeAll(async () => {
    // Chromium's install (when missing) and the stack's start overlap: both take a while. Settled, not
    // raced, so a failed install still leaves the started stack for afterAll to close.
    const [started, installed] = await Promise.allSettled([
      startTestStack(inject("redisUrl")),
      ensureChromium(),
    ]);
    if (started.status === "fulfilled") stack = started.value;
    if (started.status === "rejected") throw started.reason;
    reportToken = stack.operatorToken;
    if (installed.status === "rejected") throw installed.reason;
    const executablePath = installed.value;
    browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
    dir = mkdtempSync(join(tmpdir(), "tg-reports-"));
    // The Chinese port of discharge with the most shipments (the port network covers Chinese ports), and
    // a window holding the whole world, which runs from 75 days before its anchor to 12 after plus voyages.
    const counts = new Map<string, number>();
    for (const s of stack.chain.world.shipments)
      if (s.portOfDischarge.startsWith("CN"))
        counts.set(s.portOfDischarge, (counts.get(s.portOfDischarge) ?? 0) + 1);
    port = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const anchor = stack.chain.world.anchor.getTime();
    from = new Date(anchor - 150 * DAY).toISOString();
    to = new Date(anchor + 120 * DAY).toISOString();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("overview --format html: one offline page whose three charts drew a mark per carrier, month and lane", async () => {
    const out = join(dir, "overview.html");
    const run = await tradegraph([
      "report",
      "overview",
      "--port",
      port,
      "--from",
      from,
      "--to",
      to,
      "--format",
      "html",
      "--out",
      out,
      "--gateway",
      stack.gateway.url,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    // What the charts must show, asked of the gateway directly rather than of the CLI's code.
    const answer = await stack.query<any>(
      `query($port: String!, $from: DateTime!, $to: DateTime!) {
        byCarrier: portStatistics(port: $port, from: $from, to: $to, groupBy: CARRIER) { key dwellHours { count p50 p95 mean } }
        byMonth: portStatistics(port: $port, from: $from, to: $to, groupBy: MONTH) { key releaseLeadHours { count p50 p95 } }
        laneStatistics(from: $from, to: $to, port: $port) { portOfLoading portOfDischarge onTimeShare }
        shipments(filter: { portOfDischarge: $port, arrivedFrom: $from, arrivedTo: $to }) { totalCount }
      }`,
      { port, from, to },
    );
    expect(answer.errors).toBeUndefined();
    const carriers = answer.data.byCarrier.filter((g: any) => g.dwellHours.count > 0);
    const months = answer.data.byMonth.filter((g: any) => g.releaseLeadHours.count > 0);
    const lanes = answer.data.laneStatistics.filter((l: any) => l.onTimeShare !== null);
    // Otherwise a page with three empty charts would pass.
    expect(carriers.length).toBeGreaterThan(0);
    expect(months.length).toBeGreaterThan(0);
    expect(lanes.length).toBeGreaterThan(0);
    for (const l of answer.data.laneStatistics) expect([l.portOfLoading, l.portOfDischarge]).toContain(port);

    const html = readFileSync(out, "utf8");
    // Self-contained: nothing to fetch, no URL to load anything from.
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=|@import|url\(/i);

    const { page, errors, requests, close } = await openReportPage(browser, out);
    try {
      expect(await page.locator("body").getAttribute("data-charts-drawn")).toBe("3");
      for (const [chart, expected] of [
        ["dwell", carriers.length],
        ["release", months.length],
        ["lanes", lanes.length],
      ] as const) {
        expect(await declaredMarks(page, chart), chart).toBe(String(expected));
        expect(await marks(page, chart).count(), chart).toBe(expected);
        const box = await page.locator(`svg[data-chart="${chart}"]`).boundingBox();
        expect(box!.width * box!.height, chart).toBeGreaterThan(10_000);
      }
      // A bar per carrier with a median, in the gateway's order, labelled with the carrier.
      expect(await marks(page, "dwell").locator("rect").count()).toBe(
        carriers.filter((g: any) => g.dwellHours.p50 !== null).length,
      );
      const labels = await page.locator('svg[data-chart="dwell"] > text').allTextContents();
      for (const g of carriers) expect(labels).toContain(g.key);
      // The bars' heights follow the medians: the tallest bar is the largest median's.
      const heights = await marks(page, "dwell")
        .locator("rect")
        .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height"))));
      const medians = carriers.map((g: any) => g.dwellHours.p50).filter((v: number | null) => v !== null);
      expect(heights.indexOf(Math.max(...heights))).toBe(medians.indexOf(Math.max(...medians)));
      const laneWidths = await marks(page, "lanes")
        .locator("rect")
        .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("width"))));
      expect(laneWidths).toHaveLength(lanes.length);

      // The tables: one row per carrier group, and the listing holds the port's arrivals in the window.
      expect(await page.locator('table[data-table="portByCarrier"] tbody tr').count()).toBe(
        answer.data.byCarrier.length,
      );
      expect(await page.locator('table[data-table="shipments"] tbody tr').count()).toBe(
        Math.max(1, answer.data.shipments.totalCount),
      );
      const embedded = JSON.parse((await page.locator("#report-data").textContent())!);
      expect(embedded.charts.dwell.map((d: any) => d.carrier)).toEqual(carriers.map((g: any) => g.key));

      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await close();
    }
  });

  it("port-statistics --format csv parses as RFC 4180 and its numbers are the gateway's", async () => {
    const out = join(dir, "port.csv");
    const run = await tradegraph([
      "report",
      "port-statistics",
      "--port",
      port,
      "--from",
      from,
      "--to",
      to,
      "--group-by",
      "carrier",
      "--format",
      "csv",
      "--out",
      out,
      "--gateway",
      stack.gateway.url,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const answer = await stack.query<any>(
      `query($port: String!, $from: DateTime!, $to: DateTime!) {
        portStatistics(port: $port, from: $from, to: $to, groupBy: CARRIER) {
          key shipments containerMoves dwellHours { count mean p50 p95 } releaseLeadHours { count mean p50 p95 } } }`,
      { port, from, to },
    );
    expect(answer.errors).toBeUndefined();
    const text = readFileSync(out, "utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    const records = parse(text, { columns: true }) as Record<string, string>[];
    const number = (v: string) => (v === "" ? null : Number(v));
    expect(records.length).toBeGreaterThan(0);
    expect(
      records.map((r) => ({
        key: r.group,
        shipments: number(r.shipments!),
        containerMoves: number(r.containerMoves!),
        dwellHours: {
          count: number(r.dwellCount!),
          mean: number(r.dwellMeanHours!),
          p50: number(r.dwellP50Hours!),
          p95: number(r.dwellP95Hours!),
        },
        releaseLeadHours: {
          count: number(r.releaseLeadCount!),
          mean: number(r.releaseLeadMeanHours!),
          p50: number(r.releaseLeadP50Hours!),
          p95: number(r.releaseLeadP95Hours!),
        },
      })),
    ).toEqual(answer.data.portStatistics);
  });

  it("overview as CSV and JSON: one sheet with a section per table; --carrier narrows the listing", async () => {
    const carrier = stack.chain.world.shipments.find((s) => s.portOfDischarge === port)!.carrierScac;
    const common = ["--port", port, "--from", from, "--to", to, "--gateway", stack.gateway.url];
    const csv = join(dir, "overview.csv");
    const json = join(dir, "overview.json");
    const runs = await Promise.all([
      tradegraph(["report", "overview", ...common, "--carrier", carrier, "--format", "csv", "--out", csv]),
      tradegraph(["report", "overview", ...common, "--format", "json", "--out", json]),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const all = await stack.query<any>(
      `query($f: ShipmentFilter) { shipments(filter: $f, first: 500) { totalCount edges { node { reference carrier { scac } } } } }`,
      { f: { portOfDischarge: port, arrivedFrom: from, arrivedTo: to } },
    );
    expect(all.data.shipments.totalCount).toBeGreaterThan(0);
    const arrived = all.data.shipments.edges.map((e: any) => e.node);
    const ofCarrier = arrived.filter((n: any) => n.carrier.scac === carrier).map((n: any) => n.reference);

    const records = parse(readFileSync(csv, "utf8"), { columns: true }) as Record<string, string>[];
    expect(new Set(records.map((r) => r.section))).toEqual(
      new Set([
        "portByCarrier",
        "portByMonth",
        "lanes",
        "titles",
        ...(ofCarrier.length ? ["shipments"] : []),
      ]),
    );
    expect(records.filter((r) => r.section === "shipments").map((r) => r.reference)).toEqual(ofCarrier);
    const lines = readFileSync(json, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.section === "shipments").map((l) => l.reference)).toEqual(
      arrived.map((n: any) => n.reference),
    );
    expect(lines.filter((l) => l.section === "titles")).toHaveLength(1);
  });

  it("shipments --format html: the streamed listing as a table page, with no chart to draw", async () => {
    const out = join(dir, "shipments.html");
    const run = await tradegraph([
      "report",
      "shipments",
      "--port-of-discharge",
      port,
      "--format",
      "html",
      "--out",
      out,
      "--gateway",
      stack.gateway.url,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const expected = stack.chain.world.shipments
      .filter((s) => s.portOfDischarge === port)
      .map((s) => s.reference)
      .sort();
    expect(run.stdout).toContain(`wrote ${expected.length} of ${expected.length} shipments`);
    const { page, errors, close } = await openReportPage(browser, out);
    try {
      expect(await page.locator("body").getAttribute("data-charts-drawn")).toBe("0");
      expect(
        await page.locator('table[data-table="shipments"] tbody tr td:first-child').allTextContents(),
      ).toEqual(expected);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("--as-of: the report as the read model stood then, equal to the API's asOf answer; an instant before its history is refused", async () => {
    await stack.indexer.settle();
    const asOf = new Date().toISOString();
    const out = join(dir, "lanes-as-of.json");
    const run = await tradegraph([
      "report",
      "lanes",
      "--from",
      from,
      "--to",
      to,
      "--as-of",
      asOf,
      "--format",
      "json",
      "--out",
      out,
      "--gateway",
      stack.gateway.url,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const answer = await stack.query<any>(
      `query($from: DateTime!, $to: DateTime!, $asOf: DateTime) { laneStatistics(from: $from, to: $to, asOf: $asOf) { portOfLoading portOfDischarge shipments onTimeShare } }`,
      { from, to, asOf },
    );
    const lines = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(answer.data.laneStatistics.length);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((l: any) => [l.portOfLoading, l.portOfDischarge, Number(l.shipments)])).toEqual(
      answer.data.laneStatistics.map((l: any) => [l.portOfLoading, l.portOfDischarge, l.shipments]),
    );
    const early = await tradegraph([
      "report",
      "titles",
      "--from",
      from,
      "--to",
      to,
      "--as-of",
      "2001-01-01",
      "--out",
      join(dir, "early.csv"),
      "--gateway",
      stack.gateway.url,
    ]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("history begins");
  });

  it("exit 2 with the usage for a command line it does not understand; exit 1 with the gateway's message", async () => {
    const out = join(dir, "never.csv");
    const gateway = ["--gateway", stack.gateway.url];
    for (const [args, says] of [
      [["report", "cargo", "--out", out], 'unknown report "cargo"'],
      [["report", "lanes", "--from", from, "--to", to, "--format", "pdf", "--out", out], "--format must be"],
      [["report", "port-statistics", "--from", from, "--to", to, "--out", out], "needs --port"],
      [["report", "overview", "--port", port, "--from", "01/06/2026", "--to", to, "--out", out], "ISO 8601"],
      [["report", "lanes", "--from", to, "--to", from, "--out", out], "--from must be before --to"],
    ] as const) {
      const run = await tradegraph([...args, ...gateway]);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(says);
      expect(run.stderr).toContain("usage: tradegraph report <name>");
    }
    // Two years: the gateway refuses windows over 366 days (BAD_USER_INPUT), and the CLI says so.
    const refused = await tradegraph([
      "report",
      "lanes",
      "--from",
      "2025-01-01",
      "--to",
      "2027-01-01",
      "--out",
      out,
      ...gateway,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("366 days");
    expect(() => readFileSync(out)).toThrow();
  });

  it("shipments: kill -9 mid-stream, then the same command resumes; the file equals an uninterrupted export (no duplicate, no torn row)", async () => {
    const args = (out: string) => [
      "bin/tradegraph.mjs",
      ...["report", "shipments", "--format", "csv", "--page-size", "2", "--out", out],
      ...["--gateway", stack.gateway.url],
    ];
    // The reference: the same export, uninterrupted, by the same code in this process.
    const whole = join(dir, "uninterrupted.csv");
    await withGatewayCredentials({ bearerToken: reportToken }, () =>
      exportShipments({ gatewayUrl: stack.gateway.url, out: whole, format: "csv", filter: {}, pageSize: 2 }),
    );

    const out = join(dir, "killed.csv");
    const child = spawn(process.execPath, args(out), {
      env: { ...process.env, TRADEGRAPH_TOKEN: reportToken },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // Killed once a few pages are committed, wherever it then is (writing a page, saving its cursor...).
    await vi.waitFor(
      () => {
        const progress = JSON.parse(readFileSync(`${out}.progress`, "utf8")) as { written: number };
        expect(progress.written).toBeGreaterThanOrEqual(6);
      },
      { timeout: 30_000, interval: 5 },
    );
    child.kill("SIGKILL");
    await exited;
    expect(existsSync(`${out}.progress`)).toBe(true);

    const resumed = await tradegraph(args(out).slice(1));
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    const n = stack.chain.world.shipments.length;
    expect(resumed.stdout).toContain(`resumed and wrote ${n} of ${n} shipments`);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(whole, "utf8"));
    const records = parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
    expect(new Set(records.map((r) => r.reference)).size).toBe(n);
    expect(existsSync(`${out}.progress`)).toBe(false);
  });

  it("shipments --as-of: each row as the read model held it then (the edge's state), not today's status and title", async () => {
    await stack.indexer.settle();
    // An eBL still with its shipper, who is both holder and beneficiary, hands it back to the carrier
    // after the instant the report is asked for.
    const doc = stack.chain.documents.find(
      (d) =>
        d.kind === "TOKEN_REGISTRY" &&
        stack.chain.world.shipments.find((s) => s.reference === d.reference)!.title.at(-1)!.action ===
          "ISSUE",
    )!;
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5)); // the instant must lie strictly before the change
    const { titles } = await stack.evm.readTitles([{ registry: doc.issuer, documentHash: doc.documentHash }]);
    const shipper = [...stack.chain.actors.parties.values()].find(
      (p) => p.account.address.toLowerCase() === titles[0]!.holder!.address!.toLowerCase(),
    )!;
    const { artifacts } = await import("../../networks/evm/contracts.ts");
    await stack.chain.clients.walletFor(shipper).writeContract({
      address: titles[0]!.escrow as `0x${string}`,
      abi: artifacts.titleEscrow.abi,
      functionName: "returnToIssuer",
      args: ["0x"],
      gas: 500_000n,
    });
    const rowNow = async () =>
      (
        await stack.query<any>(
          `{ shipments(first: 500) { edges { node { reference } state { titleStatus } } } }`,
        )
      ).data.shipments.edges.find((e: any) => e.node.reference === doc.reference).state.titleStatus;
    await vi.waitFor(
      async () => {
        await mine(stack.chain.clients, 1);
        await stack.evm.sync();
        await stack.indexer.settle();
        expect(await rowNow()).toBe("RETURNED_TO_ISSUER");
      },
      { timeout: 30_000, interval: 200 },
    );

    const out = join(dir, "as-of.csv");
    const run = await tradegraph([
      ...["report", "shipments", "--as-of", before, "--out", out],
      ...["--gateway", stack.gateway.url],
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const rows = parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.reference === doc.reference)!.titleStatus).toBe("ISSUED");
    // Row for row what the API answers as of that instant.
    const then = await stack.query<any>(
      `query($asOf: DateTime) { shipments(first: 500, asOf: $asOf) { edges { node { reference } state { carrier portOfLoading portOfDischarge status titleStatus } } } }`,
      { asOf: before },
    );
    expect(rows).toEqual(
      then.data.shipments.edges.map((e: any) => ({
        reference: e.node.reference,
        carrier: e.state.carrier,
        portOfLoading: e.state.portOfLoading ?? "",
        portOfDischarge: e.state.portOfDischarge ?? "",
        status: e.state.status ?? "",
        eta: "",
        titleStatus: e.state.titleStatus ?? "",
        verdict: "",
      })),
    );
    // While now, the same listing says what happened since.
    const live = join(dir, "now.csv");
    expect(
      (await tradegraph(["report", "shipments", "--out", live, "--gateway", stack.gateway.url])).code,
    ).toBe(0);
    const nowRows = parse(readFileSync(live, "utf8"), { columns: true }) as Record<string, string>[];
    expect(nowRows.find((r) => r.reference === doc.reference)!.titleStatus).toBe("RETURNED_TO_ISSUER");
  });

  it("shipments with the eBL chain down: every row written, the title-less ones listed naming the network, exit 3", async () => {
    // The EVM subgraph up, its chain not answering: titles are NETWORK_UNAVAILABLE, the rest answers.
    const silentChain = createEvmAdapter({
      rpcUrl: "http://127.0.0.1:9",
      chainId: 31337,
      titleEscrowFactory: stack.chain.deployment.titleEscrowFactory,
    });
    const cache = new StatusCache(stack.redis, { prefix: `${stack.prefix}silent-export:` });
    const evm = await startEvmSubgraph(
      {
        adapter: silentChain,
        cache,
        checker: new DocumentStatusChecker(silentChain, cache),
        trustList: stack.chain.trustList,
        addressBook: new AddressBook([]),
      },
      "127.0.0.1",
      0,
      stack.access.subgraph,
    );
    const gateway = await startGateway({
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { ...stack.subgraphUrls, evm: evm.url },
      host: "127.0.0.1",
      port: 0,
      access: stack.access.gateway,
    });
    try {
      const out = join(dir, "chain-down.csv");
      const run = await tradegraph(["report", "shipments", "--out", out, "--gateway", gateway.url]);
      expect(run.code, run.stderr).toBe(3);
      const n = stack.chain.world.shipments.length;
      expect(run.stderr).toMatch(
        new RegExp(`wrote ${n} of ${n} shipments to .*; \\d+ of them incomplete: .*ebl-evm`),
      );
      expect(run.stderr).toContain(`${out}.incomplete.csv`);
      const rows = parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(n);
      const listed = parse(readFileSync(`${out}.incomplete.csv`, "utf8"), { columns: true }) as Record<
        string,
        string
      >[];
      // Every eBL's row lacks its title, and says so; none is passed off as a bill without one.
      const ebls = stack.chain.documents.filter((d) => d.kind === "TOKEN_REGISTRY").map((d) => d.reference);
      expect(ebls.length).toBeGreaterThan(0);
      for (const reference of ebls) {
        expect(rows.find((r) => r.reference === reference)!.titleStatus).toBe("");
        expect(listed.find((l) => l.reference === reference)?.missing).toContain("ebl-evm");
      }
    } finally {
      await gateway.close();
      await evm.close();
    }
  });
});

describe("the HTML report page in Chromium, whatever the data", () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: await ensureChromium(), args: ["--no-sandbox"] });
    dir = mkdtempSync(join(tmpdir(), "tg-page-"));
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows markup in the data as text, never runs it, and says 'no data' for an empty chart", async () => {
    // An end tag with a space before its ">" and a comment opener: what JSON alone lets through.
    const hostile = "</script ><script>document.title='pwned'</script><!--<img src=x onerror=alert(1)>";
    const file = join(dir, "hostile.html");
    writeFileSync(
      file,
      renderReportPage({
        title: `Port ${hostile}`,
        parameters: { port: hostile },
        tables: [{ name: "t", title: hostile, columns: ["group", hostile], rows: [[hostile, 1.5]] }],
        charts: {
          dwell: [{ carrier: hostile, count: 3, mean: 20, p50: 12, p95: 40 }],
          release: [],
          lanes: [{ portOfLoading: hostile, portOfDischarge: "CNSHA", shipments: 2, onTimeShare: 0.5 }],
        },
      }),
    );
    const { page, errors, requests, close } = await openReportPage(browser, file);
    try {
      expect(await page.locator("body").getAttribute("data-charts-drawn")).toBe("3");
      expect(await page.title()).toBe(`Port ${hostile}`);
      expect(await page.locator("img").count()).toBe(0);
      expect(await page.locator("script").count()).toBe(2);
      expect(await page.locator("table td").first().textContent()).toBe(hostile);
      expect(await page.locator('svg[data-chart="dwell"] > text').allTextContents()).toContain(hostile);
      expect(await marks(page, "dwell").count()).toBe(1);
      expect(await marks(page, "lanes").count()).toBe(1);
      expect(await declaredMarks(page, "release")).toBe("0");
      expect(await page.locator('svg[data-chart="release"]').textContent()).toContain("no data");
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await close();
    }
  });

  it("a chart that cannot draw is not counted as drawn", async () => {
    const file = join(dir, "broken.html");
    // A row without its numbers, as a changed API could send: the dwell chart throws, the others draw.
    const broken = [{ carrier: "MAEU" }] as never;
    writeFileSync(
      file,
      renderReportPage({
        title: "t",
        parameters: {},
        tables: [],
        charts: { dwell: broken, release: [], lanes: [] },
      }),
    );
    const { page, close } = await openReportPage(browser, file);
    try {
      expect(await page.locator("body").getAttribute("data-charts-drawn")).toBe("2");
      expect(await page.locator(".chart-error").count()).toBe(1);
    } finally {
      await close();
    }
  });
});
