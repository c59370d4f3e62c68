/**
 * `npm start` as a child process, on free ports and in a state directory of its own, for the tests and
 * benchmarks that need the stack as it really starts (each service its own process, tsx or compiled).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface StackProcessOptions {
  /** Each run needs its own: the world, ledgers and issuer keys live there. */
  stateDir: string;
  shipments: number;
  /** The product's services from dist/ (`npm run build` first). */
  compiled: boolean;
  /** A PostgreSQL database and a schema of its own for the read model (dropped by nobody: name it). */
  databaseUrl: string;
  databaseSchema: string;
  redisPrefix: string;
  timeoutMs: number;
  /** More settings for every service (an OTLP endpoint, say). */
  env?: Record<string, string>;
}

/** One service's start as `stack/services.ts` measured it. */
export interface ServiceStartup {
  name: string;
  runtime: "tsx" | "compiled";
  startMs: number;
  rssBytes: number;
}

export interface StackProcess {
  pid: number;
  gatewayUrl: string;
  /** Everything it printed up to "Tradegraph is up" and the sample queries after it. */
  output: string;
  startup: ServiceStartup[];
  stop(): Promise<void>;
}

/** Every port `stack/start.ts` reads, set to 0: the operating system picks free ones. */
const PORT_VARIABLES = [
  "EVM_PORT",
  "DNS_PORT",
  "FABRIC_PORT",
  "ANTCHAIN_PORT",
  "GATEWAY_PORT",
  "EVM_SUBGRAPH_PORT",
  "FABRIC_SUBGRAPH_PORT",
  "ANTCHAIN_SUBGRAPH_PORT",
  "INTEROP_SUBGRAPH_PORT",
  "ANALYTICS_SUBGRAPH_PORT",
  "DCSA_PORT",
];

/** Starts the stack and resolves once it printed its welcome (all services READY), or rejects. */
export function startStackProcess(options: StackProcessOptions): Promise<StackProcess> {
  const args = ["--import", "tsx", "stack/start.ts", "--shipments", String(options.shipments)];
  args.push("--state-dir", options.stateDir, ...(options.compiled ? ["--compiled"] : []));
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...Object.fromEntries(PORT_VARIABLES.map((name) => [name, "0"])),
    DATABASE_URL: options.databaseUrl,
    DATABASE_SCHEMA: options.databaseSchema,
    REDIS_PREFIX: options.redisPrefix,
    ...options.env,
  };
  // Settings meant for this process's own run must not leak into the stack's (a real chain, say).
  for (const name of ["EVM_RPC_URL", "FABRIC_PEER_ENDPOINT", "ANTCHAIN_URL", "TRADEGRAPH_STATE_DIR"])
    delete env[name];
  // Its own process group: stopping it stops every service it spawned.
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGINT");
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      void stop().then(() => reject(new Error(`${message}\n${output.slice(-4000)}`)));
    };
    const timer = setTimeout(
      () => fail(`the stack did not start within ${options.timeoutMs} ms`),
      options.timeoutMs,
    );
    createInterface({ input: child.stderr! }).on("line", (line) => (output += `${line}\n`));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      output += `${line}\n`;
      // The welcome ends with this line: every service is READY and startup.json is written.
      if (line === "Ctrl-C stops everything.") {
        clearTimeout(timer);
        const gatewayUrl = /GraphQL: (\S+)/.exec(output)?.[1];
        if (!gatewayUrl) return fail("the stack printed no GraphQL URL");
        const startup = JSON.parse(
          readFileSync(join(options.stateDir, "startup.json"), "utf8"),
        ) as ServiceStartup[];
        resolve({ pid: child.pid!, gatewayUrl, output, startup, stop });
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the stack exited (code ${code}, signal ${signal})\n${output.slice(-4000)}`));
    });
  });
}
