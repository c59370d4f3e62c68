/**
 * What every service entry point does once it is wired: say it is ready (the `READY {json}` line
 * `npm start` waits for) and, on SIGINT/SIGTERM, stop its parts in order and exit.
 */
export function runService(
  service: string,
  details: Record<string, unknown>,
  stop: () => Promise<void> | void,
): void {
  console.log(`READY ${JSON.stringify({ service, ...details })}`);
  const shutdown = async () => {
    await stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
}
