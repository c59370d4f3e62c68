import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ChartData, Report } from "../reports/report.ts";
import type { Cell, Table } from "../reports/table.ts";
import { escapeHtml, jsonForScript } from "./escape.ts";

const CHART_SCRIPT = readFileSync(new URL("./charts.browser.js", import.meta.url), "utf8");
const STYLES = readFileSync(new URL("./report.css", import.meta.url), "utf8");
// Both go inline; either holding this would end its element early and spill the rest as markup.
for (const inline of [CHART_SCRIPT, STYLES])
  if (/<\/(script|style)/i.test(inline))
    throw new Error("an inline script or stylesheet closes its own element");

const CHART_CAPTIONS: Record<keyof ChartData, string> = {
  dwell:
    "Dwell time per carrier: hours from discharge to gate-out (bar to the median, whisker to p95, dot at the mean)",
  release: "Release lead time over time: hours from arrival to release, per month (median and p95)",
  lanes: "Lane on-time share: shipments arriving within 24 hours of their first ETA, per port pair",
};

// Only what the script and the stylesheet on this page need: the browser itself then refuses any fetch,
// so the page cannot depend on the network even by mistake.
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const CONTENT_SECURITY_POLICY = `default-src 'none'; script-src ${sha256(CHART_SCRIPT)}; style-src ${sha256(STYLES)}`;

function formatCell(column: string, value: Cell): { text: string; numeric: boolean } {
  if (value === null) return { text: "", numeric: false };
  if (typeof value === "string") return { text: value, numeric: false };
  if (column.endsWith("Share")) return { text: `${(value * 100).toFixed(1)} %`, numeric: true };
  return { text: Number.isInteger(value) ? String(value) : value.toFixed(1), numeric: true };
}

function renderTable(table: Table): string {
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("");
  const body = table.rows.length
    ? table.rows
        .map(
          (row) =>
            `<tr>${table.columns
              .map((column, i) => {
                const { text, numeric } = formatCell(column, row[i] ?? null);
                return numeric
                  ? `<td class="number">${escapeHtml(text)}</td>`
                  : `<td>${escapeHtml(text)}</td>`;
              })
              .join("")}</tr>`,
        )
        .join("\n")
    : `<tr><td class="empty" colspan="${table.columns.length}">no rows</td></tr>`;
  return `<table data-table="${escapeHtml(table.name)}">
<caption>${escapeHtml(table.title)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

/**
 * The report as one self-contained HTML page: styles, data and the chart script are inline, fonts are
 * the system's, and a Content-Security-Policy forbids every fetch, so the file reads the same offline and
 * sent by mail. Tables are rendered here; charts are drawn in the browser from the embedded JSON, as SVG.
 */
export function renderReportPage(report: Report, generatedAt: Date = new Date()): string {
  const slots = (Object.keys(CHART_CAPTIONS) as (keyof ChartData)[]).filter((c) => report.charts[c]);
  const parameters = Object.entries(report.parameters)
    .map(([k, v]) => `<span>${escapeHtml(k)}: ${escapeHtml(v)}</span>`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">
<title>${escapeHtml(report.title)}</title>
<style>${STYLES}</style>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
<p class="parameters">${parameters}<span>generated ${escapeHtml(generatedAt.toISOString())}</span></p>
${slots.map((c) => `<figure data-chart-slot="${c}"><figcaption>${escapeHtml(CHART_CAPTIONS[c])}</figcaption></figure>`).join("\n")}
${report.tables.map(renderTable).join("\n")}
<script type="application/json" id="report-data">${jsonForScript({ title: report.title, parameters: report.parameters, charts: report.charts })}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}
