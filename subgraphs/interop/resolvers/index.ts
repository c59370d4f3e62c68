import { DateTimeScalar } from "../../../core/scalars.ts";
import { currentLocation, deriveStatus, latestEta } from "../../../interop/status.ts";
import { mergeTimeline } from "../../../interop/timeline.ts";
import type { Resolvers } from "../__generated__/resolvers.ts";
import type { InteropSubgraphContext } from "../context.ts";
import { BadUserInputError } from "../../../core/errors.ts";
import { lookupIdentifier } from "../../../interop/crosswalk/lookup.ts";
import { findConflicts } from "../../../interop/titleIntegrity.ts";
import { combineVerdict } from "../../../interop/verdict.ts";
import type { BillOfLadingRepresentation, ShipmentRepresentation } from "../parents.ts";

const events = (s: ShipmentRepresentation) => [...(s.carrierEvents ?? []), ...(s.portEvents ?? [])];

function status(s: ShipmentRepresentation, ctx: InteropSubgraphContext) {
  return deriveStatus({
    events: events(s),
    portOfDischarge: s.portOfDischarge?.unLocationCode ?? null,
    releases: [s.carrierRelease ?? null, s.portRelease ?? null],
    customs: s.customs ?? null,
    now: ctx.now(),
  });
}

function integrityOf(b: BillOfLadingRepresentation) {
  const conflicts = findConflicts({
    documentHash: b.documentHash,
    titleStatus: b.titleStatus ?? null,
    registry: b.registry ?? null,
    liveRegistries: b.liveRegistries ?? null,
    endorsementChain: b.endorsementChain ?? null,
    carrier: b.shipment
      ? {
          reference: b.shipment.reference,
          eblLocation: b.shipment.eblLocation,
          carrierRelease: b.shipment.carrierRelease,
          portReleases: b.shipment.portReleases,
        }
      : null,
  });
  return { consistent: conflicts.length === 0, conflicts };
}

export const resolvers: Resolvers<InteropSubgraphContext> = {
  DateTime: DateTimeScalar,
  Query: {
    crosswalk(_, { identifier }, ctx) {
      if (identifier.trim().length === 0 || identifier.length > 200)
        throw new BadUserInputError("identifier must be 1 to 200 characters", "identifier");
      const entry = lookupIdentifier(identifier, ctx.parties, ctx.issuers);
      if (!entry) return null;
      return {
        ...entry,
        shipment: entry.kind === "BILL_OF_LADING" ? { reference: entry.canonical } : null,
        equipment: entry.kind === "CONTAINER" ? { reference: entry.canonical } : null,
      };
    },
  },
  BillOfLading: {
    __resolveReference: (ref) => ref as BillOfLadingRepresentation,
    titleIntegrity: (b) => integrityOf(b),
    verdict(b) {
      const integrity = integrityOf(b);
      const verdict = combineVerdict({
        documentHash: b.documentHash,
        titleStatus: b.titleStatus ?? null,
        titleVerification: b.verification ?? null,
        carrierLookup: b.carrierLookup ?? null,
        carrierEbl: b.shipment?.eblLocation ?? null,
        titleRegistry: b.registry ?? null,
        portLookup: b.shipment?.portLookup ?? null,
        portReleased: (b.shipment?.portReleases ?? []).some((r) => r.status === "RELEASED"),
        conflicts: integrity.conflicts,
      });
      return { ...verdict, integrity };
    },
  },
  Shipment: {
    __resolveReference: (ref) => ref as ShipmentRepresentation,
    events: (s, { eventType, codes, from, to }) =>
      mergeTimeline([s.carrierEvents ?? [], s.portEvents ?? []], {
        eventType: eventType ?? null,
        codes: codes ?? null,
        from: from ?? null,
        to: to ?? null,
      }),
    status: (s, _, ctx) => status(s, ctx)?.status ?? null,
    statusSince: (s, _, ctx) => status(s, ctx)?.since ?? null,
    eta: (s) => latestEta(events(s) as never, s.portOfDischarge?.unLocationCode ?? null),
    currentLocation: (s) => currentLocation(events(s)),
  },
};
