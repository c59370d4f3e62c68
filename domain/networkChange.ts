/**
 * What a network change touched, as caches and indexes key it: one variant per kind of record, each
 * with its own identifiers, so no consumer builds or parses keys by prefix.
 */
export type ChangedSubject =
  | { kind: "shipment"; reference: string }
  | { kind: "booking"; bookingNumber: string }
  | { kind: "document"; documentHash: string }
  | { kind: "equipment"; containerNumber: string }
  | { kind: "portCall"; callNumber: string }
  | { kind: "title"; title: TitleRef };

/** A title on the eBL network: a token registry and the document hash that is its token id. */
export interface TitleRef {
  /** Lower-case hex address. */
  registry: string;
  /** Lower-case 0x-prefixed hash. */
  documentHash: string;
}

/** A change a network reported, as far as caches and indexes need to know. */
export interface NetworkChange {
  network: string;
  subjects: readonly ChangedSubject[];
  blockNumber: string;
  transactionId: string;
}

export function titleRef(registry: string, documentHash: string): TitleRef {
  return { registry: registry.toLowerCase(), documentHash: documentHash.toLowerCase() };
}

/**
 * A title's identity as one string, where a string is what the store needs (a map key, a database
 * column): `<registry>:<documentHash>`. Never parsed back; the typed `TitleRef` travels instead.
 */
export function titleId(title: TitleRef): string {
  return `${title.registry}:${title.documentHash}`;
}

/** The B/L numbers a change names. */
export function changedShipments(change: NetworkChange): string[] {
  return change.subjects.flatMap((s) => (s.kind === "shipment" ? [s.reference] : []));
}

/** The container numbers a change names. */
export function changedEquipment(change: NetworkChange): string[] {
  return change.subjects.flatMap((s) => (s.kind === "equipment" ? [s.containerNumber] : []));
}

/** The titles a change names. */
export function changedTitles(change: NetworkChange): TitleRef[] {
  return change.subjects.flatMap((s) => (s.kind === "title" ? [s.title] : []));
}
