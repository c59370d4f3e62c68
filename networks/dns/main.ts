/**
 * Entry point of the local world's DNS server: serves the carriers' OpenAttestation DNS-TXT identity
 * records (written by the eBL network at `<state dir>/evm/dns-records.json`) over UDP, so verifiers
 * prove issuer identity by DNS as OpenAttestation does. Start it after the eBL network.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { host, loadConfigOrExit, port } from "../../serving/config.ts";
import { runService } from "../../serving/service.ts";
import { startDnsServer } from "./server.ts";

const config = loadConfigOrExit(
  "dns",
  z.object({
    DNS_HOST: host,
    DNS_PORT: port(8053),
    DNS_RECORDS_FILE: z.string().optional(),
    TRADEGRAPH_STATE_DIR: z.string().default(".tradegraph"),
  }),
  process.env,
);

const file = config.DNS_RECORDS_FILE ?? join(config.TRADEGRAPH_STATE_DIR, "evm/dns-records.json");
const zone = z.object({
  zones: z.array(z.string()).min(1),
  records: z.array(z.object({ name: z.string(), data: z.string(), ttl: z.number().int().optional() })),
});
const { zones, records } = zone.parse(JSON.parse(readFileSync(file, "utf8")));
const server = await startDnsServer({ host: config.DNS_HOST, port: config.DNS_PORT, zones, records });
runService("dns", { address: server.address, zones, records: records.length }, () => server.close());
