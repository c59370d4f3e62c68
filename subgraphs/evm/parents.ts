import type { Address, Hex } from "viem";

/** What a BillOfLading resolver receives: the key, and the registry the token was found on. */
export interface BillOfLadingParent {
  documentHash: Hex;
  registry: Address | null;
  /** Set when the registry lookup failed: the title fields report it instead of the entity vanishing. */
  lookupError?: Error;
}
