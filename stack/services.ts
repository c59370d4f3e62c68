import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface RunningService {
  name: string;
  child: ChildProcess;
  ready: Record<string, unknown>;
}

/** Services spawned and not yet ready: a stop during seeding must not leave them running. */
const starting = new Set<ChildProcess>();

/** Stops every service still starting (SIGTERM). */
export function stopStarting(): void {
  for (const child of starting) child.kill("SIGTERM");
}

/**
 * Starts one service as its own Node process and waits for its `READY {json}` line. Each service can
 * fail, restart or scale on its own; its output is prefixed with its name.
 */
export function startService(
  name: string,
  entry: string,
  env: Record<string, string>,
  timeoutMs = 180_000,
): Promise<RunningService> {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    // Production mode, unless told otherwise: graphql-js skips its development-only checks (its
    // multi-realm instanceOf alone was ~20 ms of a 200-shipment entity response).
    env: { NODE_ENV: "production", ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  starting.add(child);
  child.once("exit", () => starting.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`${name} did not become ready within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const prefix = (line: string) => `[${name}] ${line}`;
    createInterface({ input: child.stderr! }).on("line", (line) => console.error(prefix(line)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith("READY ")) {
        clearTimeout(timer);
        starting.delete(child);
        resolve({ name, child, ready: JSON.parse(line.slice(6)) as Record<string, unknown> });
      } else if (process.env.TRADEGRAPH_VERBOSE) {
        console.log(prefix(line));
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
}

export async function stopService(service: RunningService, timeoutMs = 5000): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => service.child.once("exit", () => resolve()));
  service.child.kill("SIGTERM");
  const timer = setTimeout(() => service.child.kill("SIGKILL"), timeoutMs);
  await exited;
  clearTimeout(timer);
}
