/**
 * `npx tradegraph <command>`:
 * - `report <name> --format csv|json|html --out FILE [options]`: reports through the gateway;
 * - `token --party ID [--role ROLE]...`: a bearer token from the local issuer;
 * - `keys create|list|revoke`: API keys.
 * Exit codes: 0 done, 1 the gateway or a file failed (the message says which), 2 a command line it
 * does not understand (the message and the usage go to stderr), 3 written, but some rows lack a
 * network's part (stderr names the networks and the file listing those rows).
 */
import { keysCommand } from "./keysCommand.ts";
import { createProgressBar } from "./progressBar.ts";
import { parseReportArguments, USAGE, UsageError, type ReportRequest } from "./reportArguments.ts";
import { runReport } from "./runReport.ts";
import { tokenCommand } from "./tokenCommand.ts";

const [command, ...rest] = process.argv.slice(2);
if (command === "token") process.exitCode = await tokenCommand(rest, process.env);
else if (command === "keys") process.exitCode = await keysCommand(rest, process.env);
else await reportCommand(process.argv.slice(2));

async function reportCommand(argv: string[]): Promise<void> {
  let request: ReportRequest | null;
  try {
    request = parseReportArguments(argv, process.env);
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
    const outcome = await runReport(request, progress.update);
    progress.finish();
    if (outcome.incomplete) {
      console.error(`tradegraph: ${outcome.message}`);
      process.exitCode = 3;
    } else console.log(outcome.message);
  } catch (error) {
    progress.finish();
    console.error(`tradegraph: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
