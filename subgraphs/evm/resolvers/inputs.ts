import type { Hex } from "viem";
import { BadUserInputError } from "../../../core/errors.ts";

/** Most titles one request may ask for; the documented limit of `billsOfLading`. */
export const MAX_TITLES_PER_REQUEST = 1000;

export function parseDocumentHash(value: string, argument = "documentHash"): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new BadUserInputError(
      `${argument} must be 0x followed by 64 hex characters (the document's merkle root); got ${JSON.stringify(value.slice(0, 80))}`,
      argument,
    );
  }
  return value.toLowerCase() as Hex;
}
