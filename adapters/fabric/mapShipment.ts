import type { CarrierShipment, Location, Provenance, TrackingEvent } from "../../core/model.ts";
import {
  CARRIER_DOCTYPE_MAP,
  CARRIER_KIND_MAP,
  CARRIER_RELEASE_MAP,
  localPortTimeToUtc,
  lookupPort,
  lookupStatus,
} from "./mappings.ts";
import type { NativeShipment } from "./nativeTypes.ts";

export interface MapContext {
  network: string;
  /** Block in which a transaction committed, as the event follower saw it (null if not yet seen). */
  blockOf(txId: string): string | null;
}

const CARRIER_NAMES: Record<string, string> = {
  COSU: "COSCO Shipping Lines",
  MAEU: "Maersk A/S",
  MSCU: "Mediterranean Shipping Company",
  CMDU: "CMA CGM",
  EGLV: "Evergreen Line",
  ONEY: "Ocean Network Express",
  HLCU: "Hapag-Lloyd",
  OOLU: "OOCL",
  YMLU: "Yang Ming Marine Transport",
  ZIMU: "ZIM Integrated Shipping",
};

function location(native: string): Location | null {
  const port = lookupPort(native);
  return port ? { unLocationCode: port.unLocode, name: port.name, facilityCode: null } : null;
}

/**
 * The carrier's record in canonical, DCSA-aligned form. Fabric commits are final, so every fact read
 * from committed state is FINAL, with the transaction that last wrote it.
 */
export function mapShipment(native: NativeShipment, ctx: MapContext): CarrierShipment {
  const source: Provenance = {
    network: ctx.network,
    kind: "FABRIC",
    blockNumber: ctx.blockOf(native.lastTxId),
    transactionId: native.lastTxId,
    finality: "FINAL",
    recordedAt: new Date(native.updatedAt),
  };
  const vessel = native.vesselImo ? { imoNumber: native.vesselImo, name: native.vesselName || null } : null;
  const events: TrackingEvent[] = native.milestones.map((m) => {
    const mapping = lookupStatus(m.status);
    const port = lookupPort(m.portName);
    const at = localPortTimeToUtc(m.localTime, port);
    return {
      eventID: `${ctx.network}:${native.blNo}:${m.seq}`,
      eventType: mapping?.eventType ?? "SHIPMENT",
      eventClassifier: CARRIER_KIND_MAP[m.kind] ?? "ACT",
      // An unknown port leaves the instant unknowable; the record time of the write stands in.
      eventDateTime: at ?? new Date(native.updatedAt),
      code: mapping?.code ?? m.status,
      mapped: Boolean(mapping) && Boolean(at),
      nativeCode: m.status,
      location: port ? { unLocationCode: port.unLocode, name: port.name, facilityCode: null } : null,
      equipmentReference: m.cntrNo ?? null,
      vessel: mapping?.eventType === "TRANSPORT" || mapping?.eventType === "EQUIPMENT" ? vessel : null,
      carrierVoyageNumber: native.voyageNo || null,
      source: m.txId
        ? { ...source, transactionId: m.txId, blockNumber: ctx.blockOf(m.txId), recordedAt: null }
        : source,
    };
  });
  events.sort((a, b) => a.eventDateTime.getTime() - b.eventDateTime.getTime());
  const podPort = lookupPort(native.podName);
  const ebl = native.ebl as {
    platform: string;
    chainId?: number;
    registry?: string;
    tokenId?: string;
    store?: string;
    documentHash?: string;
  };
  return {
    reference: native.blNo,
    carrierBookingReference: native.bookingNo,
    carrier: { scac: native.carrier, name: CARRIER_NAMES[native.carrier] ?? null },
    documentKind: CARRIER_DOCTYPE_MAP[native.docType] ?? null,
    shipper: native.shipperName ? { name: native.shipperName } : null,
    consignee: native.consigneeName ? { name: native.consigneeName } : null,
    portOfLoading: location(native.polName),
    portOfDischarge: location(native.podName),
    vessel,
    carrierVoyageNumber: native.voyageNo || null,
    equipment: native.containers.map((c) => ({ reference: c.cntrNo, isoEquipmentCode: c.sizeType || null })),
    ebl:
      ebl.platform === "TRADETRUST" && ebl.tokenId && ebl.registry
        ? {
            documentHash: ebl.tokenId.toLowerCase(),
            kind: "TOKEN_REGISTRY",
            chainId: ebl.chainId ?? 0,
            address: ebl.registry,
          }
        : ebl.platform === "DOCUMENT_STORE" && ebl.documentHash && ebl.store
          ? {
              documentHash: ebl.documentHash.toLowerCase(),
              kind: "DOCUMENT_STORE",
              chainId: ebl.chainId ?? 0,
              address: ebl.store,
            }
          : null,
    events,
    release: {
      status: CARRIER_RELEASE_MAP[native.release.status] ?? "NOT_REQUESTED",
      releasedTo: native.release.releasedTo ? { name: native.release.releasedTo } : null,
      releasedAt: native.release.localTime ? localPortTimeToUtc(native.release.localTime, podPort) : null,
      source,
    },
    source,
  };
}
