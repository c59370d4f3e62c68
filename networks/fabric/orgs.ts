import { CARRIERS } from "../../world/catalog.ts";
import { ensureOrg, type MemberCredentials, type OrgMaterial } from "./msp.ts";

/** The consortium: one MSP per carrier, the port community, a trade-finance bank, and Tradegraph itself. */
export const PLATFORM_MSP = "TradegraphMSP";
export const PORT_MSP = "PortMSP";
export const BANK_MSP = "BankMSP";
export const carrierMsp = (scac: string) => `${scac}MSP`;

/**
 * The carrier chaincode's default endorsement policy: the consortium's peer and one carrier's peer.
 * A chaincode-level policy cannot name "the carrier that owns this B/L" (that would take key-level
 * policies); the chaincode itself checks that only the issuing carrier writes its shipments.
 */
export const defaultEndorsementPolicy = () =>
  `AND('${PLATFORM_MSP}.peer', OutOf(1, ${CARRIERS.map((c) => `'${carrierMsp(c.scac)}.peer'`).join(", ")}))`;

export interface Consortium {
  orgs: OrgMaterial[];
  carrierAdmins: Map<string, MemberCredentials>;
  /** The peer of the gateway's own organisation (TradegraphMSP). */
  peer: MemberCredentials;
  /** One peer per organisation (MSP id -> peer identity), each able to endorse for its org. */
  peers: Map<string, MemberCredentials>;
  /** The ordering service's identity, which signs block headers. */
  orderer: MemberCredentials;
  reader: MemberCredentials;
  port: MemberCredentials;
  bank: MemberCredentials;
}

export async function ensureConsortium(mspDir: string): Promise<Consortium> {
  const orgs: OrgMaterial[] = [];
  const carrierAdmins = new Map<string, MemberCredentials>();
  const peers = new Map<string, MemberCredentials>();
  const peer0 = { name: "peer0", ou: "peer" } as const;
  for (const c of CARRIERS) {
    const { org, members } = await ensureOrg(mspDir, carrierMsp(c.scac), ["admin", peer0]);
    orgs.push(org);
    carrierAdmins.set(c.scac, members[0]!);
    peers.set(org.mspId, members[1]!);
  }
  const platform = await ensureOrg(mspDir, PLATFORM_MSP, [
    peer0,
    "reader",
    { name: "orderer0", ou: "orderer" },
  ]);
  const port = await ensureOrg(mspDir, PORT_MSP, ["terminal", peer0]);
  const bank = await ensureOrg(mspDir, BANK_MSP, ["trade-finance", peer0]);
  orgs.push(platform.org, port.org, bank.org);
  peers.set(PLATFORM_MSP, platform.members[0]!);
  peers.set(PORT_MSP, port.members[1]!);
  peers.set(BANK_MSP, bank.members[1]!);
  return {
    orgs,
    carrierAdmins,
    peer: platform.members[0]!,
    peers,
    orderer: platform.members[2]!,
    reader: platform.members[1]!,
    port: port.members[0]!,
    bank: bank.members[0]!,
  };
}
