import type { Hex } from "viem";
import { BadUserInputError } from "./errors.ts";

/** Most keys one list argument may carry (`billsOfLading`, `shipmentsByReference`): the documented limit. */
export const MAX_KEYS_PER_REQUEST = 1000;

export function parseDocumentHash(value: string, argument = "documentHash"): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new BadUserInputError(
      `${argument} must be 0x followed by 64 hex characters (the document's merkle root); got ${JSON.stringify(value.slice(0, 80))}`,
      argument,
    );
  }
  return value.toLowerCase() as Hex;
}

/** Transport document references and booking references: DCSA allows up to 20 (booking 35) characters. */
export function parseReference(value: string, argument: string): string {
  const trimmed = value.trim().toUpperCase();
  if (!/^[A-Z0-9-]{4,35}$/.test(trimmed)) {
    throw new BadUserInputError(
      `${argument} must be 4 to 35 letters, digits or dashes; got ${JSON.stringify(value.slice(0, 80))}`,
      argument,
    );
  }
  return trimmed;
}

/** ISO 6346 container number: owner code, category, serial, check digit (e.g. CSQU3054383). */
export function parseContainerNumber(value: string, argument = "reference"): string {
  const trimmed = value.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{3}[UJZ][0-9]{7}$/.test(trimmed)) {
    throw new BadUserInputError(
      `${argument} must be an ISO 6346 container number such as CSQU3054383; got ${JSON.stringify(value.slice(0, 80))}`,
      argument,
    );
  }
  return trimmed;
}
