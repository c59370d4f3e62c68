import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStackProcess, type StackProcess } from "../../stack/stackProcess.ts";

/**
 * Production runs the compiled services: `npm run build`, then `npm start -- --compiled` starts every
 * product service from dist/ with plain `node` (the local ledgers still from source), each its own
 * process, and the gateway answers the README's queries.
 */
const PRODUCT_SERVICES = [
  "evm-subgraph",
  "fabric-subgraph",
  "antchain-subgraph",
  "interop-subgraph",
  "analytics-subgraph",
  "gateway",
  "dcsa",
  "dcsa-delivery",
];

/** The command lines of a process's descendants, from /proc. */
function descendantCommands(pid: number): string[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean);
  return children.flatMap((child) => {
    const command = readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0").join(" ").trim();
    return [command, ...descendantCommands(Number(child))];
  });
}

describe("the compiled services", () => {
  const stateDir = mkdtempSync(join(tmpdir(), "tradegraph-compiled-"));
  const databaseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const databaseSchema = `compiled_${process.pid}_${Date.now()}`;
  let stack: StackProcess;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ["--import", "tsx", "build/compile.ts"], { encoding: "utf8" });
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    stack = await startStackProcess({
      stateDir,
      shipments: 10,
      compiled: true,
      databaseUrl,
      databaseSchema,
      redisPrefix: `${databaseSchema}:`,
      timeoutMs: 150_000,
    });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(stateDir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists ${databaseSchema} cascade`);
    await client.end();
  });

  it("runs every product service from dist/ with plain node, the local ledgers from source", () => {
    const runtimes = Object.fromEntries(stack.startup.map((s) => [s.name, s.runtime]));
    for (const service of PRODUCT_SERVICES) expect(runtimes[service], service).toBe("compiled");
    expect(runtimes["evm-network"]).toBe("tsx");
    const commands = descendantCommands(stack.pid);
    for (const entry of ["dist/gateway/main.js", "dist/subgraphs/interop/main.js", "dist/dcsa/main.js"])
      expect(commands.filter((c) => c.endsWith(entry) && !c.includes("tsx"))).toHaveLength(1);
  });

  it("answers the README's tracking and ownership queries through the gateway", async () => {
    // The welcome names a shipment with an eBL and a token for its consignee.
    const reference = /where is shipment (\S+), and/.exec(stack.output)?.[1];
    const token = /TOKEN=(\S+) +# the consignee/.exec(stack.output)?.[1];
    expect(reference).toBeDefined();
    expect(token).toBeDefined();
    const ask = async (file: string) => {
      const response = await fetch(stack.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: readFileSync(join("schema/operations/readme", file), "utf8"),
          variables: { reference },
        }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as {
        data?: Record<string, Record<string, unknown>>;
        errors?: unknown[];
      };
    };
    const tracking = await ask("Tracking.graphql");
    expect(tracking.errors).toBeUndefined();
    expect(tracking.data?.shipment?.status).toEqual(expect.any(String));
    expect((tracking.data?.shipment?.events as unknown[]).length).toBeGreaterThan(0);
    const ownership = await ask("Ownership.graphql");
    // The title's holder and endorsements only its parties see: the consignee may no longer be one.
    const codes = (ownership.errors ?? []).map(
      (e) => (e as { extensions?: { code?: string } }).extensions?.code,
    );
    expect(codes.filter((code) => code !== "FORBIDDEN")).toEqual([]);
    expect(ownership.data?.billOfLading?.reference).toBe(reference);
    expect(ownership.data?.billOfLading?.titleStatus).toEqual(expect.any(String));
  });
});
