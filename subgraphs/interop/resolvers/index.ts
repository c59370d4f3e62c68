import { DateTimeScalar } from "../../../serving/scalars.ts";
import { currentLocation, deriveStatus, latestEta } from "../../../interop/status.ts";
import { mergeTimeline } from "../../../interop/timeline.ts";
import type { Resolvers } from "../__generated__/resolvers.ts";
import type { InteropSubgraphContext } from "../context.ts";
import { BadUserInputError, NetworkUnavailableError } from "../../../domain/errors.ts";
import { lookupIdentifier } from "../../../interop/crosswalk/lookup.ts";
import { findConflicts } from "../../../interop/titleIntegrity.ts";
import { titlePartiesOf } from "../../../access/shipmentAccess.ts";
import { combineVerdict } from "../../../interop/verdict.ts";
import type { BillOfLadingRepresentation, ConflictParent, ShipmentRepresentation } from "../parents.ts";
import { isPublicMilestone } from "../../../access/policy.ts";

const events = (s: ShipmentRepresentation) => [...(s.carrierEventLog ?? []), ...(s.portEventLog ?? [])];

function status(s: ShipmentRepresentation, ctx: InteropSubgraphContext) {
  return deriveStatus({
    events: events(s),
    portOfDischarge: s.portOfDischarge?.unLocationCode ?? null,
    releases: [s.carrierReleaseRecord ?? null, s.portReleaseRecord ?? null],
    customs: s.customsRecord ?? null,
    now: ctx.now(),
  });
}

/** The title network's name, as its subgraph names it in NETWORK_UNAVAILABLE errors. */
const TITLE_NETWORK = "ebl-evm";
/** The carrier's and the port's networks, as their subgraphs name them. */
const CARRIER_NETWORK = "carrier-fabric";
const PORT_NETWORK = "port-antchain";

/**
 * A shipment's derived values (status, ETA, location) need both the carrier's and the port's
 * logs. A log that did not arrive is null (the port's lookup null with it), never "no events": deriving
 * from one network alone could show a status that moved backwards, so the field is unknown instead.
 */
function bothLogs(s: ShipmentRepresentation, what: string): ShipmentRepresentation {
  if (s.carrierEventLog == null)
    throw new NetworkUnavailableError(
      CARRIER_NETWORK,
      `The carrier network could not be asked, so the shipment's ${what} is unknown`,
    );
  if (s.portLookup == null)
    throw new NetworkUnavailableError(
      PORT_NETWORK,
      `The port network could not be asked, so the shipment's ${what} is unknown`,
    );
  return s;
}

/**
 * The title network's inputs did not arrive (its subgraph or its chain could not be asked). A bill no
 * registry minted has an empty endorsement record and no live registries, never null, so null means
 * unknown: integrity cannot be judged, and is never reported as consistent or in conflict.
 */
const titleUnknown = (b: BillOfLadingRepresentation) =>
  b.endorsementRecord == null || b.liveRegistries == null;

function integrityOf(b: BillOfLadingRepresentation, ctx: InteropSubgraphContext) {
  if (titleUnknown(b))
    throw new NetworkUnavailableError(
      TITLE_NETWORK,
      "The eBL title network could not be asked, so title integrity is unknown",
    );
  return integrityFrom(b, ctx);
}

function integrityFrom(b: BillOfLadingRepresentation, ctx: InteropSubgraphContext) {
  const conflicts = findConflicts({
    documentHash: b.documentHash,
    titleStatus: b.titleStatus ?? null,
    registry: b.registry ?? null,
    liveRegistries: b.liveRegistries ?? null,
    endorsementChain: b.endorsementRecord ?? null,
    carrier: b.shipment
      ? {
          reference: b.shipment.reference,
          eblLocation: b.shipment.eblLocation,
          carrierRelease: b.shipment.carrierReleaseRecord,
          portReleases: b.portReleaseRecords ?? null,
        }
      : null,
  });
  const chain = b.endorsementRecord ?? [];
  const issuer = b.registry ? (ctx.access.parties.byEvmAddress(b.registry.address)?.id ?? null) : null;
  const bill = {
    reference: b.shipment?.reference ?? null,
    titleParties: titlePartiesOf(null, chain, issuer, ctx.access.parties),
  };
  return {
    consistent: conflicts.length === 0,
    conflicts: conflicts.map((c): ConflictParent => ({ ...c, bill })),
  };
}

export const resolvers: Resolvers<InteropSubgraphContext> = {
  DateTime: DateTimeScalar,
  Query: {
    me: (_, __, ctx) => ({
      party: ctx.access.caller.party,
      roles: ctx.access.principal.roles,
    }),
    parties: (_, { kind }, ctx) => (kind ? ctx.access.parties.ofKind(kind) : [...ctx.access.parties.entries]),
    async crosswalk(_, { identifier }, ctx) {
      if (identifier.trim().length === 0 || identifier.length > 200)
        throw new BadUserInputError("identifier must be 1 to 200 characters", "identifier");
      const entry = lookupIdentifier(identifier, ctx.parties, ctx.issuers);
      if (!entry) return null;
      // A B/L's entry reveals the shipment: only to callers who may see it (as if nobody knew the number).
      if (entry.kind === "BILL_OF_LADING" && !(await ctx.access.mayListShipment(entry.canonical)))
        return null;
      return {
        ...entry,
        shipment: entry.kind === "BILL_OF_LADING" ? { reference: entry.canonical } : null,
        equipment: entry.kind === "CONTAINER" ? { reference: entry.canonical } : null,
      };
    },
  },
  BillOfLading: {
    __resolveReference: (ref) => ref as BillOfLadingRepresentation,
    titleIntegrity: (b, _, ctx) => integrityOf(b, ctx),
    verdict(b, _, ctx) {
      // Without the title's inputs the verdict is still formed (its TITLE check is ERROR) from what the
      // other networks said; only its integrity, which needs the title, is unknown (NETWORK_UNAVAILABLE
      // if asked for: graphql-js calls a function-valued field).
      const integrity = integrityFrom(b, ctx);
      const verdict = combineVerdict({
        documentHash: b.documentHash,
        titleStatus: b.titleStatus ?? null,
        titleVerification: b.verification ?? null,
        carrierLookup: b.carrierLookup ?? null,
        carrierEbl: b.shipment?.eblLocation ?? null,
        titleRegistry: b.registry ?? null,
        portLookup: b.portLookup ?? null,
        portReleased: (b.portReleaseRecords ?? []).some((r) => r.status === "RELEASED"),
        conflicts: integrity.conflicts,
      });
      return {
        ...verdict,
        integrity: titleUnknown(b) ? ((() => integrityOf(b, ctx)) as unknown as typeof integrity) : integrity,
      };
    },
  },
  TitleConflict: {
    // Descriptions name who holds title and whom cargo went to: the title's and the shipment's parties only.
    description: async (c, _, ctx) =>
      ctx.access.guard(
        ctx.access.isTitleParty(c.bill.titleParties) ||
          (c.bill.reference !== null && ctx.access.isShipmentParty(c.bill.reference)),
        "the conflict's description",
        () => c.description,
      ),
  },
  Shipment: {
    __resolveReference: (ref) => ref as ShipmentRepresentation,
    // The timeline merges every network's log that arrived (a missing one is reported at its own path,
    // so the timeline is marked incomplete with the network named), then shows each
    // caller what it may see: all of it to the shipment's parties, its port's events to a port authority,
    // the vessel's arrivals and departures (public milestones) to anyone else.
    async events(s, { eventType, codes, from, to }, ctx) {
      const merged = mergeTimeline([s.carrierEventLog ?? [], s.portEventLog ?? []], {
        eventType: eventType ?? null,
        codes: codes ?? null,
        from: from ?? null,
        to: to ?? null,
      });
      if (await ctx.access.isShipmentParty(s.reference)) return merged;
      const allowed = await Promise.all(
        merged.map(
          (e) =>
            isPublicMilestone(e) ||
            (e.sources.some((p) => p.kind === "ANTCHAIN") &&
              ctx.access.maySeePortFact(s.reference, "EVENT", e.location?.unLocationCode ?? null)),
        ),
      );
      return merged.filter((_, i) => allowed[i]);
    },
    status: (s, _, ctx) => status(bothLogs(s, "status"), ctx)?.status ?? null,
    statusSince: (s, _, ctx) => status(bothLogs(s, "status"), ctx)?.since ?? null,
    eta: (s) => latestEta(events(bothLogs(s, "ETA")) as never, s.portOfDischarge?.unLocationCode ?? null),
    currentLocation: (s) => currentLocation(events(bothLogs(s, "location"))),
  },
};
