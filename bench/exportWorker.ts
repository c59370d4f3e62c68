/**
 * Child process of the read-model scale benchmark: runs the report CLI's exporter (`exportShipments`, the
 * code `npx tradegraph report shipments --format csv` runs) against a GraphQL endpoint and prints one JSON
 * line with its throughput and this process's peak memory, so the exporter's memory is measured alone.
 *
 * Usage: node --import tsx bench/exportWorker.ts <graphql url> <out.csv>
 */
import { readFileSync } from "node:fs";
import { exportShipments } from "../cli/shipmentsReport.ts";
import { withGatewayCredentials } from "../cli/gatewayClient.ts";

/**
 * This process's own peak RSS: VmHWM, which Linux resets when a process execs. Not getrusage's maxRSS:
 * Linux carries that across exec, so a child forked from a big parent reports the parent's RSS at fork.
 */
function peakRss(): number | null {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

const [url, out] = process.argv.slice(2);
if (!url || !out) {
  console.error("usage: exportWorker.ts <graphql url> <out.csv>");
  process.exit(2);
}
// RSS once the exporter is loaded and before it reads a row: the floor the peak is compared with.
const startRss = process.memoryUsage().rss;
let sampledPeak = startRss;
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}, 20);
const started = performance.now();
const token = process.env.TRADEGRAPH_TOKEN;
const result = await withGatewayCredentials(token ? { bearerToken: token } : undefined, () =>
  exportShipments({ gatewayUrl: url, out, format: "csv", filter: {} }),
);
const ms = performance.now() - started;
clearInterval(sampler);
console.log(
  JSON.stringify({
    written: result.written,
    total: result.total,
    ms,
    startRssBytes: startRss,
    sampledPeakRssBytes: sampledPeak,
    peakRssBytes: peakRss() ?? sampledPeak,
  }),
);
