import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface RunningService {
  name: string;
  child: ChildProcess;
  ready: Record<string, unknown>;
  /** How it ran: TypeScript through tsx, or the JavaScript `npm run build` wrote to dist/. */
  runtime: "tsx" | "compiled";
  /** Milliseconds from spawn to its READY line. */
  startMs: number;
  /** Resident memory of its process and any process it started, read at READY. */
  rssBytes: number;
}

/**
 * Where a product service's compiled entry point is (`npm run build`): `gateway/main.ts` ->
 * `dist/gateway/main.js`. Another build's folder works too: its files resolve packages from the
 * `node_modules` beside it (a production install's, say). Fails, saying how to build, when it is missing.
 */
export function compiledEntry(entry: string, distDir = "dist"): string {
  const compiled = join(distDir, entry.replace(/\.ts$/, ".js"));
  if (!existsSync(compiled)) throw new Error(`${compiled} does not exist: run \`npm run build\` first`);
  return compiled;
}

/** Resident set size of a process and its descendants, from /proc (Linux); 0 where /proc is absent. */
export function processTreeRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
    const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
    return kib * 1024 + children.reduce((sum, child) => sum + processTreeRss(child), 0);
  } catch {
    return 0;
  }
}

/** Services spawned and not yet ready: a stop during seeding must not leave them running. */
const starting = new Set<ChildProcess>();

/** Stops every service still starting (SIGTERM). */
export function stopStarting(): void {
  for (const child of starting) child.kill("SIGTERM");
}

/**
 * Starts one service as its own Node process and waits for its `READY {json}` line. Each service can
 * fail, restart or scale on its own; its output is prefixed with its name. A `.ts` entry runs through
 * tsx, a `.js` one (from `compiledEntry`) as it is.
 */
export function startService(
  name: string,
  entry: string,
  env: Record<string, string>,
  timeoutMs = 180_000,
): Promise<RunningService> {
  const runtime = entry.endsWith(".js") ? "compiled" : "tsx";
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, runtime === "tsx" ? ["--import", "tsx", entry] : [entry], {
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
        resolve({
          name,
          child,
          ready: JSON.parse(line.slice(6)) as Record<string, unknown>,
          runtime,
          startMs: Math.round(performance.now() - spawnedAt),
          rssBytes: child.pid === undefined ? 0 : processTreeRss(child.pid),
        });
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
