import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { ensureLocalIssuer } from "../../access/identity/localIssuer.ts";
import { ensureLocalProofSecret } from "../../access/serviceConfig.ts";
import { startService, stopService, type RunningService } from "../../stack/services.ts";
import { writeLocalPartyDirectory } from "../../stack/localParties.ts";
import { generateWorld } from "../../world/generate.ts";
import { startFaultProxy, type FaultProxy } from "./faultProxy.ts";
import { freePort } from "./freePort.ts";
import { PrivateRedis } from "./privateRedis.ts";

/** The services as `npm start` runs them, each its own process, each restartable on its own port. */
export type ServiceName =
  | "evm-network"
  | "dns"
  | "fabric-network"
  | "antchain-network"
  | "evm-subgraph"
  | "fabric-subgraph"
  | "antchain-subgraph"
  | "interop-subgraph"
  | "analytics-subgraph"
  | "gateway";

interface ServiceSpec {
  entry: string;
  env: Record<string, string>;
  running: RunningService;
}

export interface BenchUser {
  token: string;
}

/**
 * The whole stack as separate processes on free loopback ports, for the fault and soak suite: the three
 * local ledgers (and the issuers' DNS), the five subgraphs and the gateway, over a Redis of its own
 * (killable) and a PostgreSQL schema of its own in database `test`. The port network is reached through
 * a fault proxy (latency, garbage). Every service can be frozen (SIGSTOP), killed (SIGKILL) and started
 * again with the same settings, state directory and port.
 */
export async function startProcessStack(options: { shipments: number }) {
  const stateDir = mkdtempSync(join(tmpdir(), "tradegraph-faults-"));
  const schema = `faults_${process.pid}_${Date.now()}`;
  const databaseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const redis = await PrivateRedis.start();
  const anchor = new Date(new Date().toISOString().slice(0, 10));
  const world = { seed: "faults", shipments: options.shipments, anchor };
  const shared: Record<string, string> = {
    TRADEGRAPH_STATE_DIR: stateDir,
    WORLD_SEED: world.seed,
    WORLD_SHIPMENTS: String(world.shipments),
    WORLD_ANCHOR: anchor.toISOString(),
    REDIS_URL: redis.url,
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
  };
  const services = new Map<ServiceName, ServiceSpec>();
  let proxy: FaultProxy | null = null;
  const start = async (name: ServiceName, entry: string, env: Record<string, string>) => {
    const running = await startService(name, entry, { ...shared, ...env }, 300_000);
    services.set(name, { entry, env: { ...shared, ...env }, running });
    return running.ready;
  };
  const close = async () => {
    for (const name of [...services.keys()].reverse()) {
      const s = services.get(name)!;
      s.running.child.kill("SIGCONT");
      await stopService(s.running);
    }
    await proxy?.close();
    await redis.kill();
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect().then(
      () => admin.query(`drop schema if exists "${schema}" cascade`).finally(() => admin.end()),
      () => undefined,
    );
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    const evm = await start("evm-network", "networks/evm/main.ts", { EVM_PORT: String(await freePort()) });
    const dns = await start("dns", "networks/dns/main.ts", { DNS_PORT: String(await freePort()) });
    const fabric = await start("fabric-network", "networks/fabric/main.ts", {
      FABRIC_PORT: String(await freePort()),
    });
    const antchain = await start("antchain-network", "networks/antchain/main.ts", {
      ANTCHAIN_PORT: String(await freePort()),
    });
    proxy = await startFaultProxy(String(antchain.url));
    const addressBook = join(stateDir, "evm/address-book.json");
    const trustList = join(stateDir, "evm/trust-list.json");
    writeLocalPartyDirectory(stateDir, addressBook, trustList);
    ensureLocalProofSecret(stateDir);
    const urls = {
      EVM_RPC_URL: String(evm.url),
      FABRIC_PEER_ENDPOINT: String(fabric.endpoint),
      ANTCHAIN_URL: proxy.url,
    };
    const ports = {
      evm: await freePort(),
      fabric: await freePort(),
      antchain: await freePort(),
      interop: await freePort(),
      analytics: await freePort(),
    };
    const subgraphs = await Promise.all([
      start("evm-subgraph", "subgraphs/evm/main.ts", {
        EVM_RPC_URL: urls.EVM_RPC_URL,
        EVM_SUBGRAPH_PORT: String(ports.evm),
        IDENTITY_DNS_SERVERS: String(dns.address),
        TRUST_LIST_FILE: trustList,
        ADDRESS_BOOK_FILE: addressBook,
      }),
      start("fabric-subgraph", "subgraphs/fabric/main.ts", {
        FABRIC_PEER_ENDPOINT: urls.FABRIC_PEER_ENDPOINT,
        FABRIC_SUBGRAPH_PORT: String(ports.fabric),
      }),
      start("antchain-subgraph", "subgraphs/antchain/main.ts", {
        ANTCHAIN_URL: urls.ANTCHAIN_URL,
        ANTCHAIN_SUBGRAPH_PORT: String(ports.antchain),
      }),
      start("interop-subgraph", "subgraphs/interop/main.ts", {
        INTEROP_SUBGRAPH_PORT: String(ports.interop),
        ADDRESS_BOOK_FILE: addressBook,
        TRUST_LIST_FILE: trustList,
      }),
      start("analytics-subgraph", "subgraphs/analytics/main.ts", {
        ...urls,
        ANALYTICS_SUBGRAPH_PORT: String(ports.analytics),
      }),
    ]);
    const [evmSg, fabricSg, antchainSg, interopSg, analyticsSg] = subgraphs.map((r) => String(r.url));
    const gateway = await start("gateway", "gateway/main.ts", {
      GATEWAY_PORT: String(await freePort()),
      SUBGRAPH_EVM_URL: evmSg!,
      SUBGRAPH_FABRIC_URL: fabricSg!,
      SUBGRAPH_ANTCHAIN_URL: antchainSg!,
      SUBGRAPH_INTEROP_URL: interopSg!,
      SUBGRAPH_ANALYTICS_URL: analyticsSg!,
      // The bench measures faults, not the per-caller budget.
      RATE_LIMIT_POINTS: "100000000",
      RATE_LIMIT_OPERATOR_POINTS: "100000000",
    });

    // The README users: a dozen eBLs tracked and owned by their consignees, the analytics page by an analyst.
    const generated = generateWorld({ seed: world.seed, shipments: world.shipments, anchor });
    const issuer = await ensureLocalIssuer(stateDir);
    const titled = generated.shipments
      .filter((s) => s.documentKind === "NEGOTIABLE_EBL" && s.conflicts.length === 0)
      .slice(0, 12);
    const token = (party: string, roles: string[] = []) =>
      issuer.issueToken({ party, roles: roles as never, ttlSeconds: 6 * 3600 });
    const users = {
      consignees: await Promise.all(
        titled.map(async (s) => ({ reference: s.reference, token: await token(s.consignee) })),
      ),
      analyst: { token: await token(titled[0]!.carrierScac, ["analyst"]) },
    };

    const spec = (name: ServiceName) => {
      const s = services.get(name);
      if (!s) throw new Error(`no service ${name}`);
      return s;
    };
    return {
      gatewayUrl: String(gateway.url),
      redis,
      proxy,
      users,
      /** Every process of the stack, by name (the private Redis included), for RSS sampling. */
      pids(): Map<string, number> {
        const out = new Map<string, number>();
        for (const [name, s] of services) if (s.running.child.pid) out.set(name, s.running.child.pid);
        if (redis.pid) out.set("redis", redis.pid);
        return out;
      },
      freeze(name: ServiceName) {
        spec(name).running.child.kill("SIGSTOP");
      },
      thaw(name: ServiceName) {
        spec(name).running.child.kill("SIGCONT");
      },
      /** SIGKILL, as a crash would; resolves once the process is gone. */
      async kill(name: ServiceName) {
        const { child } = spec(name).running;
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGKILL");
        await exited;
      },
      /** Starts the service again with the same settings (port, state directory); resolves once ready. */
      async restart(name: ServiceName) {
        const s = spec(name);
        s.running = await startService(name, s.entry, s.env, 300_000);
      },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

export type ProcessStack = Awaited<ReturnType<typeof startProcessStack>>;
