import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import {
  antchainAdapterOptionsFrom,
  antchainConnectionConfigShape,
} from "../../adapters/antchain/serviceConfig.ts";
import { evmAdapterOptionsFrom, evmConnectionConfigShape } from "../../adapters/evm/serviceConfig.ts";
import {
  fabricAdapterOptionsFrom,
  fabricConnectionConfigShape,
} from "../../adapters/fabric/serviceConfig.ts";
import { parseConfig } from "../../serving/config.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const parse = <S extends Record<string, z.ZodType>>(shape: S, env: Record<string, string>) =>
  parseConfig("test", z.object(shape), env);

/** A state directory with the files a setting names (PEM stand-ins: only their contents are passed on). */
function stateDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "tg-netconfig-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("a real network's connection settings, the same for every service that reads it", () => {
  it("Fabric: every client and TLS setting from the environment, no local profile needed", () => {
    const dir = stateDir({
      "cert.pem": "CERT",
      "key.pem": "KEY",
      "ca.pem": "CA",
      "c.pem": "TC",
      "k.pem": "TK",
    });
    const config = parse(fabricConnectionConfigShape, {
      FABRIC_PEER_ENDPOINT: "peer0.carrier.example:7051",
      FABRIC_MSP_ID: "CarrierMSP",
      FABRIC_CERT_PATH: join(dir, "cert.pem"),
      FABRIC_KEY_PATH: join(dir, "key.pem"),
      FABRIC_TLS_CA_PATH: join(dir, "ca.pem"),
      FABRIC_TLS_SERVER_NAME: "peer0.carrier.example",
      FABRIC_TLS_CLIENT_CERT_PATH: join(dir, "c.pem"),
      FABRIC_TLS_CLIENT_KEY_PATH: join(dir, "k.pem"),
      FABRIC_CHANNEL: "shipping",
    });
    expect(fabricAdapterOptionsFrom(config, dir, "analytics-carrier-fabric").options).toEqual({
      name: "carrier-fabric",
      endpoint: "peer0.carrier.example:7051",
      mspId: "CarrierMSP",
      certificate: "CERT",
      privateKey: "KEY",
      tlsRootCertificate: "CA",
      tlsServerName: "peer0.carrier.example",
      tlsClientCertificate: "TC",
      tlsClientKey: "TK",
      channel: "shipping",
      chaincode: "carrier",
      evaluateTimeoutMs: 5000,
      checkpointFile: join(dir, "checkpoints", "analytics-carrier-fabric.json"),
    });
    const half = parse(fabricConnectionConfigShape, {
      FABRIC_PEER_ENDPOINT: "peer0.carrier.example:7051",
      FABRIC_TLS_CLIENT_CERT_PATH: join(dir, "c.pem"),
    });
    expect(fabricAdapterOptionsFrom(half, dir, "x").problems).toEqual([
      expect.stringMatching(/^FABRIC_MSP_ID: not set/),
      expect.stringMatching(/^FABRIC_CERT_PATH: not set/),
      expect.stringMatching(/^FABRIC_KEY_PATH: not set/),
      "FABRIC_TLS_CLIENT_CERT_PATH and FABRIC_TLS_CLIENT_KEY_PATH: set both or neither",
    ]);
  });

  it("Fabric: the local profile's TLS files are used only for the local peer", () => {
    const dir = stateDir({
      "cert.pem": "CERT",
      "key.pem": "KEY",
      "ca.pem": "CA",
      "c.pem": "TC",
      "k.pem": "TK",
    });
    const profile = {
      endpoint: "127.0.0.1:7051",
      mspId: "TradegraphMSP",
      certificatePath: join(dir, "cert.pem"),
      privateKeyPath: join(dir, "key.pem"),
      tls: {
        caCertificatePath: join(dir, "ca.pem"),
        clientCertificatePath: join(dir, "c.pem"),
        clientKeyPath: join(dir, "k.pem"),
      },
    };
    mkdirSync(join(dir, "fabric"));
    writeFileSync(join(dir, "fabric", "connection.json"), JSON.stringify(profile));
    const local = fabricAdapterOptionsFrom(parse(fabricConnectionConfigShape, {}), dir, "x").options!;
    expect(local).toMatchObject({ endpoint: "127.0.0.1:7051", tlsRootCertificate: "CA", tlsClientKey: "TK" });
    // npm start names the local peer's endpoint explicitly: still the profile's peer, with its TLS.
    const named = parse(fabricConnectionConfigShape, { FABRIC_PEER_ENDPOINT: "127.0.0.1:7051" });
    expect(fabricAdapterOptionsFrom(named, dir, "x").options).toMatchObject({ tlsClientCertificate: "TC" });
    const other = parse(fabricConnectionConfigShape, { FABRIC_PEER_ENDPOINT: "peer0.real.example:7051" });
    const remote = fabricAdapterOptionsFrom(other, dir, "x").options!;
    expect(remote.endpoint).toBe("peer0.real.example:7051");
    expect(remote.tlsRootCertificate ?? remote.tlsClientCertificate ?? null).toBeNull();
  });

  it("AntChain BaaS: tenant, account, KMS key and trusted checkpoint from the environment", () => {
    const dir = stateDir({ "access.pem": "RSA KEY" });
    const hash = "ab".repeat(32);
    const config = parse(antchainConnectionConfigShape, {
      ANTCHAIN_URL: "https://rest.baas.alipay.com",
      ANTCHAIN_BIZID: "a00e36c5",
      ANTCHAIN_ACCESS_ID: "ACCESS",
      ANTCHAIN_TENANT_ID: "TENANT",
      ANTCHAIN_KEY_PATH: join(dir, "access.pem"),
      ANTCHAIN_ACCOUNT: "reader_account",
      ANTCHAIN_KMS_KEY_ID: "KMS123",
      ANTCHAIN_TRUSTED_CHECKPOINT: `1200:${hash}`,
      ANTCHAIN_REQUEST_TIMEOUT_MS: "15000",
      ANTCHAIN_POLL_INTERVAL_MS: "3000",
    });
    expect(antchainAdapterOptionsFrom(config, dir, "port-antchain").options).toEqual({
      name: "port-antchain",
      url: "https://rest.baas.alipay.com",
      bizid: "a00e36c5",
      accessId: "ACCESS",
      tenantId: "TENANT",
      privateKey: "RSA KEY",
      account: "reader_account",
      kmsKeyId: "KMS123",
      trustedCheckpoint: { number: 1200, hash },
      tokenTtlMs: 1_800_000,
      requestTimeoutMs: 15_000,
      retries: 1,
      pollIntervalMs: 3000,
      checkpointFile: join(dir, "checkpoints", "port-antchain.json"),
    });
    expect(() => parse(antchainConnectionConfigShape, { ANTCHAIN_TRUSTED_CHECKPOINT: "0x12" })).toThrow(
      /ANTCHAIN_TRUSTED_CHECKPOINT: must be <block number>:<64 hex block hash>/,
    );
    expect(
      antchainAdapterOptionsFrom(parse(antchainConnectionConfigShape, {}), dir, "x").problems,
    ).toHaveLength(7);
  });

  it("AntChain BaaS: the local access file's checkpoint is trusted only for the local service", () => {
    const dir = stateDir({ "access.pem": "RSA KEY" });
    const local = {
      url: "http://127.0.0.1:8090",
      bizid: "a00e36c5",
      accessId: "tradegraph-reader",
      tenantId: "TRADEGRAPH",
      privateKeyPath: join(dir, "access.pem"),
      account: "tradegraph_reader",
      kmsKeyId: "TRADEGRAPH:tradegraph_reader",
      trustedCheckpoint: { number: 0, hash: "cd".repeat(32) },
    };
    mkdirSync(join(dir, "antchain"));
    writeFileSync(join(dir, "antchain", "access.json"), JSON.stringify(local));
    const same = parse(antchainConnectionConfigShape, { ANTCHAIN_URL: local.url });
    expect(antchainAdapterOptionsFrom(same, dir, "x").options!.trustedCheckpoint).toEqual(
      local.trustedCheckpoint,
    );
    const other = parse(antchainConnectionConfigShape, { ANTCHAIN_URL: "https://rest.baas.alipay.com" });
    expect(antchainAdapterOptionsFrom(other, dir, "x").options!.trustedCheckpoint).toBeUndefined();
  });

  it("EVM: a hosted provider's endpoint and limits from the environment, over the local deployment", () => {
    const dir = stateDir();
    const local = {
      rpcUrl: "http://127.0.0.1:8545",
      chainId: 31337,
      titleEscrowFactory: `0x${"1".repeat(40)}`,
    };
    mkdirSync(join(dir, "evm"));
    writeFileSync(join(dir, "evm", "deployment.json"), JSON.stringify(local));
    expect(evmAdapterOptionsFrom(parse(evmConnectionConfigShape, {}), dir, null).options).toMatchObject({
      rpcUrl: local.rpcUrl,
      chainId: 31337,
      titleEscrowFactory: local.titleEscrowFactory,
      rpcBatchSize: 100,
      logRange: 2000,
      requestTimeoutMs: 5000,
      retries: 2,
      reorgWindow: 64,
    });
    const factory = `0x${"2".repeat(40)}`;
    const hosted = parse(evmConnectionConfigShape, {
      EVM_RPC_URL: "https://eth-sepolia.example.org/v2/key",
      EVM_CHAIN_ID: "11155111",
      EVM_TITLE_ESCROW_FACTORY: factory,
      EVM_START_BLOCK: "5000000",
      EVM_RPC_BATCH_SIZE: "10",
      EVM_LOG_RANGE: "500",
      EVM_REORG_WINDOW: "128",
      EVM_POLL_INTERVAL_MS: "12000",
    });
    const options = evmAdapterOptionsFrom(hosted, dir, "ebl-evm").options!;
    expect(options).toMatchObject({
      rpcUrl: "https://eth-sepolia.example.org/v2/key",
      chainId: 11155111,
      titleEscrowFactory: factory,
      startBlock: 5_000_000n,
      rpcBatchSize: 10,
      logRange: 500,
      reorgWindow: 128,
      pollIntervalMs: 12_000,
      checkpointFile: join(dir, "checkpoints", "ebl-evm.json"),
    });
    expect(() => parse(evmConnectionConfigShape, { EVM_RPC_BATCH_SIZE: "5000" })).toThrow(
      /EVM_RPC_BATCH_SIZE/,
    );
    expect(evmAdapterOptionsFrom(parse(evmConnectionConfigShape, {}), stateDir(), null).problems).toEqual([
      expect.stringMatching(/^EVM_TITLE_ESCROW_FACTORY: not set/),
    ]);
  });

  /** An entry point started with no settings and an empty state directory: what it says it is missing. */
  function missingSettings(entry: string): Promise<{ code: number | null; stderr: string }> {
    const env: Record<string, string> = { PATH: process.env.PATH ?? "", TRADEGRAPH_STATE_DIR: stateDir() };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", entry], { cwd: root, env });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stderr }));
    });
  }

  it("the read model's indexer asks for the same settings as the network subgraphs", async () => {
    const { code, stderr } = await missingSettings("subgraphs/analytics/main.ts");
    expect(code, stderr).toBe(2);
    // The eBL chain is optional for the read model (its title columns stay empty without it).
    expect([...stderr.matchAll(/\b([A-Z][A-Z0-9_]+): not set/g)].map((m) => m[1])).toEqual([
      ...["FABRIC_PEER_ENDPOINT", "FABRIC_MSP_ID", "FABRIC_CERT_PATH", "FABRIC_KEY_PATH"],
      ...["ANTCHAIN_URL", "ANTCHAIN_BIZID", "ANTCHAIN_ACCESS_ID", "ANTCHAIN_TENANT_ID", "ANTCHAIN_KEY_PATH"],
      ...["ANTCHAIN_ACCOUNT", "ANTCHAIN_KMS_KEY_ID"],
    ]);
  });
});
