import type { CarrierShipment, PortShipmentRecord, Title, TitleTransfer } from "../domain/model.ts";
import type { PartyDirectory } from "./partyDirectory.ts";

/**
 * Who a shipment belongs to, by party id: the facts every access decision on it reads. Built by the read
 * model's indexer from all three networks (the carrier's record names shipper, consignee and notify
 * party; the eBL chain names who holds title; the port network and the record name the ports).
 */
export interface ShipmentAccess {
  reference: string;
  /** The carrier's SCAC (its party id). */
  carrier: string;
  /** Parties to the shipment: carrier, shipper, consignee, notify party, current holder and beneficiary of its eBL. */
  parties: string[];
  /** Parties to its eBL's title, past and present (holders, beneficiaries, nominees), and the issuing carrier. */
  titleParties: string[];
  /** UN/LOCODEs the shipment calls at (loading, discharge, and every port call the port network records). */
  ports: string[];
}

/** Reads shipments' access facts in one round trip; null for a B/L the directory does not know. */
export interface ShipmentAccessDirectory {
  byReferences(references: readonly string[]): Promise<(ShipmentAccess | null)[]>;
}

const sorted = (values: Iterable<string | undefined>) =>
  [...new Set([...values].filter((v): v is string => typeof v === "string" && v.length > 0))].sort();

/** The title's parties, past and present, named by directory id (addresses nobody registered are left out). */
export function titlePartiesOf(
  title: Pick<Title, "holder" | "beneficiary" | "nominee"> | null,
  chain: readonly Pick<TitleTransfer, "from" | "to">[],
  issuerCarrier: string | null,
  directory: PartyDirectory,
): string[] {
  const refs = [title?.holder, title?.beneficiary, title?.nominee, ...chain.flatMap((t) => [t.from, t.to])];
  return sorted([issuerCarrier ?? undefined, ...refs.map((r) => directory.resolve(r)?.id)]);
}

/** One shipment's access facts from the networks' canonical records. */
export function shipmentAccessOf(
  carrier: CarrierShipment,
  port: PortShipmentRecord | null,
  title: { title: Title | null; chain: readonly TitleTransfer[] },
  directory: PartyDirectory,
): ShipmentAccess {
  const scac = carrier.carrier.scac;
  return {
    reference: carrier.reference,
    carrier: scac,
    parties: sorted([
      scac,
      directory.resolve(carrier.shipper)?.id,
      directory.resolve(carrier.consignee)?.id,
      directory.resolve(carrier.notifyParty)?.id,
      directory.resolve(title.title?.holder)?.id,
      directory.resolve(title.title?.beneficiary)?.id,
    ]),
    titleParties: titlePartiesOf(title.title, title.chain, scac, directory),
    ports: sorted([
      carrier.portOfLoading?.unLocationCode,
      carrier.portOfDischarge?.unLocationCode,
      ...(port?.portCalls ?? []).map((c) => c.location?.unLocationCode),
      ...(port?.events ?? []).map((e) => e.location?.unLocationCode),
    ]),
  };
}
