import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getData, wrapDocument, type v2 } from "@tradetrust-tt/tradetrust";
import { isDeepStrictEqual } from "node:util";
import { CARRIERS, PARTIES, PORTS } from "../../world/catalog.ts";
import type { WorldShipment } from "../../world/types.ts";
import { identityLocationOf } from "./identity.ts";

export interface IssuedDocument {
  reference: string;
  /** 0x-prefixed merkle root: the tokenId on a registry, the hash issued on a document store. */
  documentHash: `0x${string}`;
  path: string;
  document: v2.WrappedDocument;
}

/** Where the eBL was issued: a token registry (negotiable) or a document store (sea waybill). */
export interface IssuanceTarget {
  kind: "TOKEN_REGISTRY" | "DOCUMENT_STORE";
  address: string;
  chainId: number;
}

/**
 * Builds the OpenAttestation v2 bill of lading for a shipment and wraps it with TradeTrust's own library
 * (merkle root = tokenId). A document already on disk with the same content is kept, so its salts, and
 * therefore its hash, stay stable across restarts.
 */
export function issueDocument(
  shipment: WorldShipment,
  target: IssuanceTarget,
  directory: string,
): IssuedDocument {
  mkdirSync(directory, { recursive: true });
  const raw = rawBillOfLading(shipment, target);
  const path = join(directory, `${shipment.reference}.tt`);
  if (existsSync(path)) {
    const existing = JSON.parse(readFileSync(path, "utf8")) as v2.WrappedDocument;
    if (isDeepStrictEqual(getData(existing), JSON.parse(JSON.stringify(raw)))) {
      return {
        reference: shipment.reference,
        documentHash: `0x${existing.signature.merkleRoot}`,
        path,
        document: existing,
      };
    }
  }
  const wrapped = wrapDocument(raw);
  writeFileSync(path, JSON.stringify(wrapped, null, 2));
  return {
    reference: shipment.reference,
    documentHash: `0x${wrapped.signature.merkleRoot}`,
    path,
    document: wrapped,
  };
}

function rawBillOfLading(s: WorldShipment, target: IssuanceTarget): v2.OpenAttestationDocument {
  const carrier = CARRIERS.find((c) => c.scac === s.carrierScac)!;
  const party = (id: string) => PARTIES.find((p) => p.id === id)?.name ?? id;
  const portName = (code: string) => `${PORTS.find((p) => p.unLocode === code)?.name ?? code} (${code})`;
  const issuer = {
    name: carrier.name,
    identityProof: { type: "DNS-TXT", location: identityLocationOf(carrier.scac) },
    ...(target.kind === "TOKEN_REGISTRY"
      ? { tokenRegistry: target.address }
      : { documentStore: target.address }),
  };
  return {
    $template: {
      name: "BILL_OF_LADING",
      type: "EMBEDDED_RENDERER",
      url: "https://generic-templates.tradetrust.io",
    },
    network: { chain: "ETH", chainId: String(target.chainId) },
    issuers: [issuer],
    blNumber: s.reference,
    transportDocumentTypeCode: target.kind === "TOKEN_REGISTRY" ? "BOL" : "SWB",
    isToOrder: target.kind === "TOKEN_REGISTRY",
    carrierCode: s.carrierScac,
    carrierName: carrier.name,
    bookingReference: s.bookingReference,
    shipper: { name: party(s.shipper) },
    consignee: { name: target.kind === "TOKEN_REGISTRY" ? "TO ORDER" : party(s.consignee) },
    notifyParty: { name: party(s.consignee) },
    vessel: s.vessel.name,
    vesselIMONumber: s.vessel.imoNumber,
    voyageNo: s.voyage,
    portOfLoading: portName(s.portOfLoading),
    portOfDischarge: portName(s.portOfDischarge),
    placeOfReceipt: portName(s.portOfLoading),
    placeOfDelivery: portName(s.portOfDischarge),
    packages: s.containers.map((c) => ({
      description: s.commodity,
      containerNumber: c.number,
      isoEquipmentCode: c.isoSizeType,
      sealNumber: c.sealNumber,
      weight: `${c.grossWeightKg} KGM`,
    })),
  } as unknown as v2.OpenAttestationDocument;
}
