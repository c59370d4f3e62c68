/**
 * `npx tradegraph report shipments --format csv|json --out FILE [--carrier COSU] [--port-of-loading CNSHK]
 *  [--port-of-discharge CNSHA] [--from 2026-01-01T00:00:00Z] [--to ...] [--gateway http://localhost:4000/graphql]`
 */
import { parseArgs } from "node:util";
import { exportShipments } from "./shipmentsReport.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: "string", default: "csv" },
    out: { type: "string" },
    carrier: { type: "string" },
    "port-of-loading": { type: "string" },
    "port-of-discharge": { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    gateway: {
      type: "string",
      default: process.env.TRADEGRAPH_GATEWAY_URL ?? "http://localhost:4000/graphql",
    },
  },
});

const [command, name] = positionals;
if (
  command !== "report" ||
  name !== "shipments" ||
  !values.out ||
  (values.format !== "csv" && values.format !== "json")
) {
  console.error(
    "usage: tradegraph report shipments --format csv|json --out FILE [--carrier SCAC] [--port-of-loading LOCODE] [--port-of-discharge LOCODE] [--from ISO] [--to ISO] [--gateway URL]",
  );
  process.exit(2);
}
const started = Date.now();
const tty = process.stderr.isTTY;
const result = await exportShipments({
  gatewayUrl: values.gateway!,
  out: values.out,
  format: values.format,
  filter: {
    ...(values.carrier ? { carrier: values.carrier } : {}),
    ...(values["port-of-loading"] ? { portOfLoading: values["port-of-loading"] } : {}),
    ...(values["port-of-discharge"] ? { portOfDischarge: values["port-of-discharge"] } : {}),
    ...(values.from ? { departedFrom: values.from } : {}),
    ...(values.to ? { departedTo: values.to } : {}),
  },
  onProgress(written, total) {
    if (!tty) return;
    const elapsed = (Date.now() - started) / 1000;
    const eta = written > 0 ? ((total - written) * elapsed) / written : 0;
    const width = 30;
    const done = total > 0 ? Math.round((written / total) * width) : width;
    process.stderr.write(
      `\r[${"#".repeat(done)}${".".repeat(width - done)}] ${written}/${total} rows, ETA ${eta.toFixed(0)} s `,
    );
  },
});
if (tty) process.stderr.write("\n");
console.log(
  `${result.resumed ? "resumed and " : ""}wrote ${result.written} of ${result.total} shipments to ${values.out}`,
);
