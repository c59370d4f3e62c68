import type { NetworkKind, NetworkStatus } from "./model.ts";
import type { NetworkChange } from "./networkChange.ts";

export type { ChangedSubject, NetworkChange } from "./networkChange.ts";

/**
 * What every adapter is, whatever its protocol. Network-specific reads live on each adapter's own
 * interface, which extends this one.
 */
export interface NetworkAdapter {
  readonly name: string;
  readonly kind: NetworkKind;
  /** Starts following the network's events from the last checkpoint. */
  start(): Promise<void>;
  /** Probes the network; never throws (a failure is DOWN). */
  status(): Promise<NetworkStatus>;
  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: (change: NetworkChange) => void): () => void;
  close(): Promise<void>;
}
