import type { PartyDirectory } from "../access/partyDirectory.ts";
import { isPortAuthority, type Caller } from "../access/policy.ts";
import { isOperator, type Principal } from "../access/principal.ts";

/** Who is looking, reduced to what the visibility condition reads. */
export interface Viewer {
  operator: boolean;
  /** The caller's party id when the directory knows it; null sees nothing but as the operator. */
  party: string | null;
  /** The ports where the caller is the authority that sees port events (terminal operator, customs). */
  authorityPorts: string[];
}

/** The viewer a principal is, from the party directory (the same facts every subgraph decides on). */
export function viewerOf(principal: Principal, parties: PartyDirectory): Viewer {
  const caller: Caller = {
    principal,
    party: principal.party ? (parties.get(principal.party) ?? null) : null,
  };
  return {
    operator: isOperator(principal),
    party: caller.party?.id ?? null,
    authorityPorts: (caller.party?.ports ?? []).filter((port) => isPortAuthority(caller, "EVENT", port)),
  };
}

/**
 * The SQL condition under which the viewer whose facts are the SQL expressions `v` sees event `e` of the
 * shipment whose access row is `a` (`shipment_access`): the graph's rule for `Shipment.events`, on the
 * shipments the viewer may list (`mayListShipment`), since a feed of events names their B/Ls.
 *
 * - the operator sees everything;
 * - the shipment's parties (carrier, shipper, consignee, notify party, eBL holder and beneficiary) see
 *   all its events;
 * - its title's past parties and the authorities of its ports see its vessel's arrivals and departures
 *   (public milestones), and an authority also the port network's events at its own ports.
 *
 * `test/integration/dcsaApi.test.ts` checks this against `access/policy.ts` for every party and event.
 */
export function visibilitySql(v: { operator: string; party: string; authorityPorts: string }): string {
  const authority = `(cardinality(${v.authorityPorts}) > 0 and a.ports && ${v.authorityPorts})`;
  return `(${v.operator} or (${v.party} is not null and a.reference is not null and (
    ${v.party} = any(a.parties)
    or ((${v.party} = any(a.title_parties) or ${authority}) and (
      e.event_type = 'TRANSPORT'
      or (e.port_reported and cardinality(${v.authorityPorts}) > 0 and (case when e.location is null
        then a.ports && ${v.authorityPorts} else e.location = any(${v.authorityPorts}) end))
    ))
  )))`;
}
