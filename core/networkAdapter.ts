import type { NetworkKind, NetworkStatus } from "./model.ts";

/** A change a network reported, as far as caches and indexes need to know. */
export interface NetworkChange {
  network: string;
  /** Canonical keys the change touches, e.g. `title:<registry>:<documentHash>`. */
  keys: string[];
  blockNumber: string;
  transactionId: string;
}

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
