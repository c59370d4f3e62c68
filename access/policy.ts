import type { PartyEntry } from "./partyDirectory.ts";
import { isAnalyst, isOperator, type Principal } from "./principal.ts";
import type { ShipmentAccess } from "./shipmentAccess.ts";

/**
 * The access policy, as the schema names it in `@policy` (README "Who sees what" is the same table in
 * prose). Every decision is a pure function of the caller and the record's access facts.
 */
export const POLICIES = {
  /** A shipment's commercial details: its parties (carrier, shipper, consignee, notify, eBL holder and beneficiary). */
  SHIPMENT_PARTIES: "shipment.parties",
  /** A port fact: the shipment's parties, or the terminal operator / customs authority of the fact's port. */
  PORT_FACT: "shipment.portFact",
  /** An eBL's title: its parties past and present, its issuing carrier, banks holding or nominated. */
  TITLE_PARTIES: "title.parties",
  /** Browsing lists: a record appears only to callers who may see it. */
  LISTED: "list.visible",
} as const;

/** The kinds of port fact, which decide which port authority sees them. */
export type PortFactKind = "EVENT" | "PORT_CALL" | "CUSTOMS" | "RELEASE" | "FEE";

const PORT_ROLE_FACTS: Record<"TERMINAL_OPERATOR" | "CUSTOMS", readonly PortFactKind[]> = {
  TERMINAL_OPERATOR: ["EVENT", "PORT_CALL", "RELEASE", "FEE"],
  CUSTOMS: ["EVENT", "PORT_CALL", "CUSTOMS", "RELEASE"],
};

export interface Caller {
  principal: Principal;
  /** The caller's directory entry; null for the operator. */
  party: PartyEntry | null;
}

export function isShipmentParty(caller: Caller, access: ShipmentAccess | null): boolean {
  if (isOperator(caller.principal)) return true;
  return !!access && !!caller.party && access.parties.includes(caller.party.id);
}

/** A port fact at `port` (null when the fact names none: it is taken as the shipment's port of call). */
export function maySeePortFact(
  caller: Caller,
  access: ShipmentAccess | null,
  kind: PortFactKind,
  port: string | null,
): boolean {
  if (isShipmentParty(caller, access)) return true;
  if (port) return isPortAuthority(caller, kind, port);
  // A fact that names no port (a release, a fee) is the authority's if the shipment calls at its port.
  return !!access && access.ports.some((p) => isPortAuthority(caller, kind, p));
}

/** The terminal operator or customs authority at `port`, for the kinds of fact its role covers. */
export function isPortAuthority(caller: Caller, kind: PortFactKind, port: string): boolean {
  if (isOperator(caller.principal)) return true;
  const party = caller.party;
  if (!party || (party.kind !== "TERMINAL_OPERATOR" && party.kind !== "CUSTOMS")) return false;
  return PORT_ROLE_FACTS[party.kind].includes(kind) && party.ports.includes(port);
}

export function isTitleParty(caller: Caller, titleParties: readonly string[]): boolean {
  if (isOperator(caller.principal)) return true;
  return !!caller.party && titleParties.includes(caller.party.id);
}

/** Whether a shipment may appear in a list the caller browses (a list reveals B/L numbers). */
export function mayListShipment(caller: Caller, access: ShipmentAccess | null): boolean {
  if (isShipmentParty(caller, access)) return true;
  if (access && isTitleParty(caller, access.titleParties)) return true;
  const party = caller.party;
  return (
    !!access &&
    !!party &&
    (party.kind === "TERMINAL_OPERATOR" || party.kind === "CUSTOMS") &&
    access.ports.some((p) => party.ports.includes(p))
  );
}

/** Aggregates over every shipment: the analyst role (and the operator). */
export const maySeeAggregates = (caller: Caller): boolean => isAnalyst(caller.principal);

/** DCSA transport events (vessel arrivals and departures) are public milestones, as on a carrier's tracking page. */
export const isPublicMilestone = (event: { eventType: string }): boolean => event.eventType === "TRANSPORT";
