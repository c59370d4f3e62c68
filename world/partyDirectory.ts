import type { PartyEntry } from "../access/partyDirectory.ts";
import { CARRIERS, PARTIES, PORTS, type PartyRole } from "./catalog.ts";

/** Customs authorities by the country part of a UN/LOCODE; the catalog's three plus those its ports need. */
const CUSTOMS_BY_COUNTRY: Record<string, { id: string; name: string }> = {
  CN: { id: "cus-cn", name: "China Customs" },
  US: { id: "cus-us", name: "U.S. Customs and Border Protection" },
  NL: { id: "cus-eu", name: "EU Customs (Union Customs Code)" },
  DE: { id: "cus-eu", name: "EU Customs (Union Customs Code)" },
  BE: { id: "cus-eu", name: "EU Customs (Union Customs Code)" },
  GB: { id: "cus-gb", name: "HM Revenue & Customs" },
  HK: { id: "cus-hk", name: "Hong Kong Customs and Excise Department" },
  SG: { id: "cus-sg", name: "Singapore Customs" },
  TH: { id: "cus-th", name: "Thai Customs Department" },
  MY: { id: "cus-my", name: "Royal Malaysian Customs Department" },
  KR: { id: "cus-kr", name: "Korea Customs Service" },
};

const KIND_OF_ROLE: Record<PartyRole, PartyEntry["kind"]> = {
  SHIPPER: "SHIPPER",
  CONSIGNEE: "CONSIGNEE",
  BANK: "BANK",
  FORWARDER: "FORWARDER",
  CUSTOMS: "CUSTOMS",
};

/** Where each party signs on the eBL chain, as the local chain derived it. */
export interface PartyAddresses {
  /** By SCAC: the carrier's wallet and its token registries and document stores. */
  carriers: ReadonlyMap<string, readonly string[]>;
  /** By catalog party id. */
  parties: ReadonlyMap<string, string>;
}

/** Terminal operator of a port: one per port in this world, operating every terminal there. */
export const terminalOperatorId = (unLocode: string) => `trm-${unLocode.toLowerCase()}`;

/**
 * The consortium's party directory for the local world: every carrier by SCAC, every trading party,
 * bank and customs authority by its catalog id, and one terminal operator per port. A real deployment
 * writes this file from its members' onboarding records (`PARTIES_FILE`).
 */
export function buildPartyDirectory(addresses: PartyAddresses): PartyEntry[] {
  const customs = new Map<string, PartyEntry>();
  for (const port of PORTS) {
    const authority = CUSTOMS_BY_COUNTRY[port.unLocode.slice(0, 2)];
    if (!authority) continue;
    const entry = customs.get(authority.id) ?? {
      id: authority.id,
      name: authority.name,
      kind: "CUSTOMS" as const,
      aliases: [],
      addresses: [],
      ports: [],
    };
    entry.ports.push(port.unLocode);
    customs.set(authority.id, entry);
  }
  return [
    ...CARRIERS.map((c) => ({
      id: c.scac,
      name: c.name,
      kind: "CARRIER" as const,
      aliases: [],
      addresses: [...(addresses.carriers.get(c.scac) ?? [])],
      ports: [],
    })),
    ...PARTIES.filter((p) => p.role !== "CUSTOMS").map((p) => {
      const address = addresses.parties.get(p.id);
      return {
        id: p.id,
        name: p.name,
        kind: KIND_OF_ROLE[p.role],
        aliases: [],
        addresses: address ? [address] : [],
        ports: [],
      };
    }),
    ...PARTIES.filter((p) => p.role === "CUSTOMS").map((p) => {
      const entry = customs.get(p.id);
      const address = addresses.parties.get(p.id);
      customs.delete(p.id);
      return {
        id: p.id,
        name: p.name,
        kind: "CUSTOMS" as const,
        aliases: [],
        addresses: address ? [address] : [],
        ports: entry?.ports ?? [],
      };
    }),
    ...customs.values(),
    ...PORTS.map((port) => ({
      id: terminalOperatorId(port.unLocode),
      name: `${port.name} Terminal Operator (${port.terminals.join(", ")})`,
      kind: "TERMINAL_OPERATOR" as const,
      aliases: [],
      addresses: [],
      ports: [port.unLocode],
    })),
  ];
}
