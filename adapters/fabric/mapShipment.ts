import type { CarrierShipment, Location, Provenance, TrackingEvent } from "../../domain/model.ts";
import {
  CARRIER_DOCTYPE_MAP,
  CARRIER_KIND_MAP,
  CARRIER_RELEASE_MAP,
  localPortTimeToEpoch,
  localPortTimeToUtc,
  lookupPort,
  lookupStatus,
  type PortMapping,
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

// One shared, frozen Location per port: events at the same port need not each allocate one.
const locations = new Map<PortMapping, Location>();
function locationOf(port: PortMapping): Location {
  let found = locations.get(port);
  if (!found)
    locations.set(
      port,
      (found = Object.freeze({ unLocationCode: port.unLocode, name: port.name, facilityCode: null })),
    );
  return found;
}

function location(native: string): Location | null {
  const port = lookupPort(native);
  return port ? locationOf(port) : null;
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
  const updatedAt = Date.parse(native.updatedAt);
  const timed = native.milestones.map((m) => {
    const mapping = lookupStatus(m.status);
    const port = lookupPort(m.portName);
    const at = localPortTimeToEpoch(m.localTime, port);
    // An unknown port leaves the instant unknowable; the record time of the write stands in.
    const epoch = at ?? updatedAt;
    const event: TrackingEvent = {
      eventID: `${ctx.network}:${native.blNo}:${m.seq}`,
      eventType: mapping?.eventType ?? "SHIPMENT",
      eventClassifier: CARRIER_KIND_MAP[m.kind] ?? "ACT",
      eventDateTime: new Date(epoch),
      code: mapping?.code ?? m.status,
      mapped: mapping !== undefined && at !== null,
      nativeCode: m.status,
      location: port ? locationOf(port) : null,
      equipmentReference: m.cntrNo ?? null,
      vessel: mapping?.eventType === "TRANSPORT" || mapping?.eventType === "EQUIPMENT" ? vessel : null,
      carrierVoyageNumber: native.voyageNo || null,
      source: m.txId
        ? {
            network: ctx.network,
            kind: "FABRIC",
            blockNumber: ctx.blockOf(m.txId),
            transactionId: m.txId,
            finality: "FINAL",
            recordedAt: null,
          }
        : source,
    };
    return { epoch, event };
  });
  timed.sort((a, b) => a.epoch - b.epoch);
  const events = timed.map((t) => t.event);
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
    notifyParty: native.notifyName ? { name: native.notifyName } : null,
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
