import { DateTimeScalar } from "../../../core/scalars.ts";
import { currentLocation, deriveStatus, latestEta } from "../../../interop/status.ts";
import { mergeTimeline } from "../../../interop/timeline.ts";
import type { Resolvers } from "../__generated__/resolvers.ts";
import type { InteropSubgraphContext } from "../context.ts";
import type { ShipmentRepresentation } from "../parents.ts";

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

export const resolvers: Resolvers<InteropSubgraphContext> = {
  DateTime: DateTimeScalar,
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
