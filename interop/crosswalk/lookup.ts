import { CARRIER_CROSSWALK } from "./carriers.ts";

export type CrosswalkKind = "BILL_OF_LADING" | "CONTAINER" | "CARRIER" | "PARTY";

export interface CrosswalkIdentifier {
  network: "FABRIC" | "ANTCHAIN" | "EVM" | "REFERENCE";
  /** What the identifier is on that network (e.g. "B/L number", "MSP ID", "account address"). */
  scheme: string;
  value: string;
  /** Where the row came from: a reference table, a network's own format rule, or a network's record. */
  origin: "TABLE" | "FORMAT_RULE" | "NETWORK_RECORD";
}

export interface CrosswalkEntry {
  kind: CrosswalkKind;
  /** The canonical identifier: B/L number, ISO 6346 container number, SCAC, or party name. */
  canonical: string;
  identifiers: CrosswalkIdentifier[];
}

/** A carrier's registry or store as the EVM network's trust list records it. */
export interface IssuerRecord {
  scac?: string;
  address: string;
  chainId: number;
  kind: "TOKEN_REGISTRY" | "DOCUMENT_STORE";
}

export interface PartyRecord {
  address: string;
  name: string;
  lei?: string;
  role?: string;
}

/**
 * Looks an identifier up by any network's form of it: a B/L as the carrier writes it ("COSU6612345678")
 * or as the port writes it ("COSU-6612345678"); a container as ISO 6346 or the terminal's "CSNU 1234567";
 * a carrier by SCAC, Fabric MSP ID or container prefix; a party by EVM address or name.
 */
export function lookupIdentifier(
  value: string,
  parties: readonly PartyRecord[],
  issuers: readonly IssuerRecord[] = [],
): CrosswalkEntry | null {
  const text = value.trim();
  const compact = text.replace(/[\s-]/g, "").toUpperCase();
  const issuer = /^0x[0-9a-fA-F]{40}$/.test(text)
    ? issuers.find((i) => i.address.toLowerCase() === text.toLowerCase())
    : undefined;
  const carrier = CARRIER_CROSSWALK.find(
    (c) =>
      c.scac === compact ||
      c.fabricMspId === compact ||
      (compact.length === 4 && c.containerPrefix === compact) ||
      c.scac === issuer?.scac,
  );
  if (carrier) {
    return {
      kind: "CARRIER",
      canonical: carrier.scac,
      identifiers: [
        { network: "REFERENCE", scheme: "SCAC", value: carrier.scac, origin: "TABLE" },
        { network: "FABRIC", scheme: "MSP ID", value: carrier.fabricMspId, origin: "TABLE" },
        {
          network: "REFERENCE",
          scheme: "BIC container owner prefix",
          value: carrier.containerPrefix,
          origin: "TABLE",
        },
        { network: "REFERENCE", scheme: "B/L prefix", value: carrier.blPrefix, origin: "TABLE" },
        ...issuers
          .filter((i) => i.scac === carrier.scac)
          .map((i) => ({
            network: "EVM" as const,
            scheme:
              i.kind === "TOKEN_REGISTRY"
                ? `token registry (chain ${i.chainId})`
                : `document store (chain ${i.chainId})`,
            value: i.address,
            origin: "NETWORK_RECORD" as const,
          })),
      ],
    };
  }
  if (/^0x[0-9a-fA-F]{40}$/.test(text)) {
    const party = parties.find((p) => p.address.toLowerCase() === text.toLowerCase());
    return party ? partyEntry(party) : null;
  }
  if (/^[A-Z]{3}[UJZ][0-9]{7}$/.test(compact)) {
    return {
      kind: "CONTAINER",
      canonical: compact,
      identifiers: [
        { network: "FABRIC", scheme: "container number", value: compact, origin: "FORMAT_RULE" },
        {
          network: "ANTCHAIN",
          scheme: "container number",
          value: `${compact.slice(0, 4)} ${compact.slice(4)}`,
          origin: "FORMAT_RULE",
        },
      ],
    };
  }
  const blCarrier = CARRIER_CROSSWALK.find((c) => compact.startsWith(c.blPrefix));
  if (blCarrier && /^[A-Z]{4}[0-9]{6,16}$/.test(compact)) {
    return {
      kind: "BILL_OF_LADING",
      canonical: compact,
      identifiers: [
        { network: "FABRIC", scheme: "B/L number", value: compact, origin: "FORMAT_RULE" },
        {
          network: "ANTCHAIN",
          scheme: "bill number",
          value: `${compact.slice(0, 4)}-${compact.slice(4)}`,
          origin: "FORMAT_RULE",
        },
        { network: "REFERENCE", scheme: "carrier SCAC", value: blCarrier.scac, origin: "TABLE" },
      ],
    };
  }
  const byName = parties.find((p) => p.name.toLowerCase() === text.toLowerCase());
  return byName ? partyEntry(byName) : null;
}

function partyEntry(party: PartyRecord): CrosswalkEntry {
  return {
    kind: "PARTY",
    canonical: party.name,
    identifiers: [
      { network: "EVM", scheme: "account address", value: party.address, origin: "NETWORK_RECORD" },
      // The carrier and port systems name parties by their legal name.
      { network: "FABRIC", scheme: "party name", value: party.name, origin: "FORMAT_RULE" },
      { network: "ANTCHAIN", scheme: "party name", value: party.name, origin: "FORMAT_RULE" },
      ...(party.lei
        ? [
            {
              network: "REFERENCE" as const,
              scheme: "LEI",
              value: party.lei,
              origin: "NETWORK_RECORD" as const,
            },
          ]
        : []),
    ],
  };
}
