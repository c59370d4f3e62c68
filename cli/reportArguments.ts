import { parseArgs } from "node:util";
import { DateTimeSyntaxError, parseRfc3339, parseRfc3339Date } from "../domain/dateTime.ts";
import type { GatewayCredentials } from "./gatewayClient.ts";
import type { StatisticsGroup } from "./reports/portStatistics.ts";

export const USAGE = `usage: tradegraph report <name> --format csv|json|html --out FILE [options] [--gateway URL]
                        [--token JWT | --api-key KEY]

reports:
  shipments        [--carrier SCAC] [--port-of-loading LOCODE] [--port-of-discharge LOCODE] [--from DATE] [--to DATE]
                   [--page-size N]
                   the shipment listing, streamed page by page (N rows a request, 1-500, default 200); rerun
                   the same command to resume an interrupted export (dates: departure); rows some network
                   could not answer for are listed in FILE.incomplete.csv and the command exits 3
  port-statistics  --port LOCODE --from DATE --to DATE [--group-by carrier|month]
                   dwell (discharge to gate-out) and release lead time (arrival to release) at a port
  lanes            --from DATE --to DATE
                   per port pair: transit time and on-time share of shipments departed in the window
  titles           --from DATE --to DATE
                   eBLs issued in the window: transfers before surrender, hours from issue to surrender
  overview         --port LOCODE --from DATE --to DATE [--carrier SCAC]
                   all of the above for one port, with the shipments that arrived there (--carrier narrows these)

formats: csv (RFC 4180, UTF-8, ISO dates; several tables share one header led by a "section" column),
         json (one object per line), html (one self-contained page with tables and charts, readable offline)
DATE: ISO 8601, 2026-06-01 or 2026-06-01T00:00:00Z; --from is inclusive, --to exclusive
--as-of DATE (any report): the answer as the read model stood at that instant, not now
--gateway defaults to $TRADEGRAPH_GATEWAY_URL, else http://localhost:4000/graphql
--token (else $TRADEGRAPH_TOKEN) is sent as Authorization: Bearer; --api-key (else $TRADEGRAPH_API_KEY) as x-api-key

other commands:
  tradegraph token --party ID [--role ROLE]...   a bearer token from the local issuer (tradegraph token --help)
  tradegraph keys create|list|revoke             API keys (tradegraph keys --help)`;

export const REPORT_NAMES = ["shipments", "port-statistics", "lanes", "titles", "overview"] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
export type ReportFormat = "csv" | "json" | "html";

interface Common {
  format: ReportFormat;
  out: string;
  gatewayUrl: string;
  /** The read model's state at this instant (ISO 8601), instead of now. */
  asOf: string | null;
  /** Sent with every gateway request; absent when none was given. */
  credentials?: GatewayCredentials;
}

/** A report to run, as the command line asked for it, checked. */
export type ReportRequest = Common &
  (
    | {
        report: "shipments";
        carrier: string | null;
        portOfLoading: string | null;
        portOfDischarge: string | null;
        from: string | null;
        to: string | null;
        /** Rows per gateway request. @default 200 */
        pageSize: number | null;
      }
    | { report: "port-statistics"; port: string; from: string; to: string; groupBy: StatisticsGroup | null }
    | { report: "lanes" | "titles"; from: string; to: string }
    | { report: "overview"; port: string; from: string; to: string; carrier: string | null }
  );

/** The command line is not one the CLI understands; main prints the message and the usage, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const OPTIONS = {
  format: { type: "string" },
  out: { type: "string" },
  gateway: { type: "string" },
  carrier: { type: "string" },
  port: { type: "string" },
  "port-of-loading": { type: "string" },
  "port-of-discharge": { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  "group-by": { type: "string" },
  "as-of": { type: "string" },
  "page-size": { type: "string" },
  token: { type: "string" },
  "api-key": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

// Which options each report reads: a stray one is more likely a mistake than something to ignore.
const ALLOWED: Record<ReportName, (keyof typeof OPTIONS)[]> = {
  shipments: ["carrier", "port-of-loading", "port-of-discharge", "from", "to", "page-size"],
  "port-statistics": ["port", "from", "to", "group-by"],
  lanes: ["from", "to"],
  titles: ["from", "to"],
  overview: ["port", "from", "to", "carrier"],
};
const COMMON = ["format", "out", "gateway", "as-of", "token", "api-key", "help"];

// ISO 8601 as people type it: a date, or a date-time with a zone whose seconds may be left out.
const SHORT_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date or date-time (with a zone), as the UTC instant the gateway's DateTime expects. */
export function isoInstant(option: string, text: string): string {
  try {
    const full = text.replace(SHORT_TIME, "$1:00$2");
    // Checked against the calendar by the same reader as the API's DateTime (2026-02-30 is refused).
    return (/[Tt]/.test(text) ? parseRfc3339(full) : parseRfc3339Date(text)).toISOString();
  } catch (error) {
    if (!(error instanceof DateTimeSyntaxError)) throw error;
    throw new UsageError(
      `--${option} must be an ISO 8601 date or date-time with a zone (2026-06-01, 2026-06-01T00:00:00Z); got "${text}": ${error.message}`,
    );
  }
}

/** Rows per request: the gateway's `first` allows 1 to 500. */
function pageSize(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 500)
    throw new UsageError(`--page-size must be a whole number from 1 to 500; got "${text}"`);
  return n;
}

/**
 * The credentials to send: the options when either is given, else the environment's. One kind only:
 * the gateway refuses two that name different identities, and a stale variable should not cause that.
 */
function credentialsOf(
  values: { token?: string; "api-key"?: string },
  env: NodeJS.ProcessEnv,
): GatewayCredentials | undefined {
  const fromOptions = values.token !== undefined || values["api-key"] !== undefined;
  const [token, apiKey, origin] = fromOptions
    ? [values.token, values["api-key"], ["--token", "--api-key"]]
    : [
        env.TRADEGRAPH_TOKEN || undefined,
        env.TRADEGRAPH_API_KEY || undefined,
        ["TRADEGRAPH_TOKEN", "TRADEGRAPH_API_KEY"],
      ];
  if (token !== undefined && apiKey !== undefined)
    throw new UsageError(`give ${origin[0]} or ${origin[1]}, not both`);
  // Checked for shape only (never echoed: it is a credential); the gateway verifies it.
  const printable = /^[\x21-\x7e]+$/;
  if (token !== undefined) {
    if (!printable.test(token)) throw new UsageError(`${origin[0]} must be a JWT, without spaces`);
    return { bearerToken: token };
  }
  if (apiKey !== undefined) {
    if (!printable.test(apiKey)) throw new UsageError(`${origin[1]} must be an API key, tg_<id>_<secret>`);
    return { apiKey };
  }
  return undefined;
}

/** `null` when the command line asks for help; a `UsageError` saying what is wrong when it is not valid. */
export function parseReportArguments(argv: string[], env: NodeJS.ProcessEnv): ReportRequest | null {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  const [command, name, ...rest] = positionals;
  if (command !== "report")
    throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  if (!name) throw new UsageError("which report? name one");
  if (!(REPORT_NAMES as readonly string[]).includes(name))
    throw new UsageError(`unknown report "${name}"; the reports are ${REPORT_NAMES.join(", ")}`);
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const report = name as ReportName;
  for (const option of Object.keys(values))
    if (!COMMON.includes(option) && !ALLOWED[report].includes(option as keyof typeof OPTIONS))
      throw new UsageError(`--${option} does not apply to report ${report}`);

  const format = values.format ?? "csv";
  if (format !== "csv" && format !== "json" && format !== "html")
    throw new UsageError(`--format must be csv, json or html; got "${format}"`);
  if (!values.out) throw new UsageError("--out FILE is required");
  const common: Common = {
    format,
    out: values.out,
    gatewayUrl: values.gateway ?? env.TRADEGRAPH_GATEWAY_URL ?? "http://localhost:4000/graphql",
    asOf: values["as-of"] ? isoInstant("as-of", values["as-of"]) : null,
  };
  const credentials = credentialsOf(values, env);
  if (credentials) common.credentials = credentials;
  const required = (option: "port" | "from" | "to") => {
    const value = values[option];
    if (!value) throw new UsageError(`report ${report} needs --${option}`);
    return value;
  };
  const timeWindow = () => {
    const from = isoInstant("from", required("from"));
    const to = isoInstant("to", required("to"));
    if (!(from < to)) throw new UsageError(`--from must be before --to; got ${from} and ${to}`);
    return { from, to };
  };
  const locode = (option: "port" | "port-of-loading" | "port-of-discharge", value: string) => {
    if (!/^[A-Za-z]{2}[A-Za-z2-9]{3}$/.test(value))
      throw new UsageError(`--${option} must be a UN/LOCODE such as CNSHA; got "${value}"`);
    return value.toUpperCase();
  };
  const scac = (value: string | undefined) => (value ? value.toUpperCase() : null);

  switch (report) {
    case "shipments":
      return {
        ...common,
        report,
        carrier: scac(values.carrier),
        portOfLoading: values["port-of-loading"]
          ? locode("port-of-loading", values["port-of-loading"])
          : null,
        portOfDischarge: values["port-of-discharge"]
          ? locode("port-of-discharge", values["port-of-discharge"])
          : null,
        from: values.from ? isoInstant("from", values.from) : null,
        to: values.to ? isoInstant("to", values.to) : null,
        pageSize: values["page-size"] ? pageSize(values["page-size"]) : null,
      };
    case "port-statistics": {
      const groupBy = values["group-by"]?.toUpperCase() ?? null;
      if (groupBy !== null && groupBy !== "CARRIER" && groupBy !== "MONTH")
        throw new UsageError(`--group-by must be carrier or month; got "${values["group-by"]}"`);
      return { ...common, report, port: locode("port", required("port")), ...timeWindow(), groupBy };
    }
    case "lanes":
    case "titles":
      return { ...common, report, ...timeWindow() };
    case "overview":
      return {
        ...common,
        report,
        port: locode("port", required("port")),
        ...timeWindow(),
        carrier: scac(values.carrier),
      };
  }
}
