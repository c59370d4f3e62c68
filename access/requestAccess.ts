import DataLoader from "dataloader";
import { ForbiddenError, NetworkUnavailableError } from "../domain/errors.ts";
import type { PartyDirectory } from "./partyDirectory.ts";
import {
  isPortAuthority,
  isShipmentParty,
  isTitleParty,
  mayListShipment,
  maySeeAggregates,
  maySeePortFact,
  type Caller,
  type PortFactKind,
} from "./policy.ts";
import { isOperator, type Principal } from "./principal.ts";
import type { ShipmentAccess, ShipmentAccessDirectory } from "./shipmentAccess.ts";

/** The name under which an unreachable access directory is reported (NETWORK_UNAVAILABLE). */
export const ACCESS_DIRECTORY = "access-directory";

/**
 * One request's access decisions. Shipments' access facts are loaded through a DataLoader, so checking
 * 1,000 shipments in one request costs one directory query, not 1,000.
 */
export class RequestAccess {
  readonly caller: Caller;
  private readonly shipments: DataLoader<string, ShipmentAccess | null> | null;

  constructor(
    readonly principal: Principal,
    readonly parties: PartyDirectory,
    directory: ShipmentAccessDirectory | null,
  ) {
    this.caller = { principal, party: principal.party ? (parties.get(principal.party) ?? null) : null };
    this.shipments = directory
      ? new DataLoader<string, ShipmentAccess | null>(
          async (refs) => {
            try {
              return await directory.byReferences(refs);
            } catch (error) {
              const unavailable = new NetworkUnavailableError(
                ACCESS_DIRECTORY,
                "The access directory could not be read",
                { cause: error },
              );
              return refs.map(() => unavailable);
            }
          },
          // One macrotask: every key of the request lands in one query (entity lists resolve over several hops).
          { batchScheduleFn: (callback) => setImmediate(callback), maxBatchSize: 5000 },
        )
      : null;
  }

  get operator(): boolean {
    return isOperator(this.principal);
  }

  /** The shipment's access facts; null when the directory does not know it (only the operator then sees it). */
  shipment(reference: string): Promise<ShipmentAccess | null> {
    if (!this.shipments) return Promise.resolve(null);
    return this.shipments.load(reference);
  }

  async isShipmentParty(reference: string): Promise<boolean> {
    if (this.operator) return true;
    return isShipmentParty(this.caller, await this.shipment(reference));
  }

  async maySeePortFact(reference: string, kind: PortFactKind, port: string | null): Promise<boolean> {
    if (this.operator) return true;
    return maySeePortFact(this.caller, await this.shipment(reference), kind, port);
  }

  /** A port fact no shipment is known for (a container's terminal moves): the port's authorities only. */
  isPortAuthority(kind: PortFactKind, port: string | null): boolean {
    return this.operator || (port !== null && isPortAuthority(this.caller, kind, port));
  }

  async mayListShipment(reference: string): Promise<boolean> {
    if (this.operator) return true;
    return mayListShipment(this.caller, await this.shipment(reference));
  }

  isTitleParty(titleParties: readonly string[]): boolean {
    return isTitleParty(this.caller, titleParties);
  }

  maySeeAggregates(): boolean {
    return maySeeAggregates(this.caller);
  }

  /** A field's value when the check passes; otherwise FORBIDDEN at the field's path (the record stays). */
  async guard<T>(allowed: boolean | Promise<boolean>, what: string, value: () => T | Promise<T>): Promise<T> {
    if (!(await allowed)) throw new ForbiddenError(`Not visible to this caller: ${what}`);
    return value();
  }
}
