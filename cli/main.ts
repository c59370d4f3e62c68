/**
 * `npx tradegraph report <name> --format csv|json|html --out FILE [options]`: reports through the gateway.
 * Exit codes: 0 written, 1 the gateway or the file failed (the message says which), 2 a command line it
 * does not understand (the message and the usage go to stderr).
 */
import { createProgressBar } from "./progressBar.ts";
import { parseReportArguments, USAGE, UsageError, type ReportRequest } from "./reportArguments.ts";
import { runReport } from "./runReport.ts";

let request: ReportRequest | null;
try {
  request = parseReportArguments(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`tradegraph: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (request === null) {
  console.log(USAGE);
  process.exit(0);
}

const progress = createProgressBar();
try {
  const summary = await runReport(request, progress.update);
  progress.finish();
  console.log(summary);
} catch (error) {
  progress.finish();
  console.error(`tradegraph: ${(error as Error).message}`);
  process.exitCode = 1;
}
