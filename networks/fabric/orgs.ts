import { CARRIERS } from "../../world/catalog.ts";
import { ensureOrg, type MemberCredentials, type OrgMaterial } from "./msp.ts";

/** The consortium: one MSP per carrier, the port community, a trade-finance bank, and Tradegraph itself. */
export const PLATFORM_MSP = "TradegraphMSP";
export const PORT_MSP = "PortMSP";
export const BANK_MSP = "BankMSP";
export const carrierMsp = (scac: string) => `${scac}MSP`;

export interface Consortium {
  orgs: OrgMaterial[];
  carrierAdmins: Map<string, MemberCredentials>;
  peer: MemberCredentials;
  reader: MemberCredentials;
  port: MemberCredentials;
  bank: MemberCredentials;
}

export async function ensureConsortium(mspDir: string): Promise<Consortium> {
  const orgs: OrgMaterial[] = [];
  const carrierAdmins = new Map<string, MemberCredentials>();
  for (const c of CARRIERS) {
    const { org, members } = await ensureOrg(mspDir, carrierMsp(c.scac), ["admin"]);
    orgs.push(org);
    carrierAdmins.set(c.scac, members[0]!);
  }
  const platform = await ensureOrg(mspDir, PLATFORM_MSP, ["peer0", "reader"]);
  const port = await ensureOrg(mspDir, PORT_MSP, ["terminal"]);
  const bank = await ensureOrg(mspDir, BANK_MSP, ["trade-finance"]);
  orgs.push(platform.org, port.org, bank.org);
  return {
    orgs,
    carrierAdmins,
    peer: platform.members[0]!,
    reader: platform.members[1]!,
    port: port.members[0]!,
    bank: bank.members[0]!,
  };
}
