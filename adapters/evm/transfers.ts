import { zeroAddress, type Address } from "viem";
import type { TitleAction } from "../../domain/model.ts";

/** A decoded escrow event: the name and args viem's `parseEventLogs` gives. */
export interface EscrowLog {
  eventName: string;
  args: Record<string, unknown>;
  transactionHash: string;
  logIndex: number;
}

/** A title action as indexed; finality is computed at read time against the head. */
export interface IndexedTransfer {
  action: TitleAction;
  from: Address | null;
  to: Address | null;
  blockNumber: string;
  transactionHash: string;
  timestamp: number;
}

const isZero = (a: unknown) => typeof a !== "string" || a.toLowerCase() === zeroAddress;
const addr = (a: unknown): Address | null => (isZero(a) ? null : (a as Address));

/**
 * One transaction emits several escrow events for one action (a mint: TokenReceived plus holder and
 * beneficiary transfers from zero; a burn: transfers to zero plus Shred). This picks the one action the
 * user did, by the most specific event in the transaction.
 */
export function classifyTransaction(
  logs: EscrowLog[],
): Omit<IndexedTransfer, "blockNumber" | "transactionHash" | "timestamp"> | null {
  const by = (name: string) => logs.find((l) => l.eventName === name);
  const shred = by("Shred");
  if (shred) return { action: "ACCOMPLISH", from: null, to: null };
  const returned = by("ReturnToIssuer");
  if (returned) return { action: "RETURN_TO_ISSUER", from: addr(returned.args.caller), to: null };
  const rejectOwners = by("RejectTransferOwners");
  if (rejectOwners)
    return {
      action: "REJECT_TRANSFER",
      from: addr(rejectOwners.args.fromHolder),
      to: addr(rejectOwners.args.toHolder),
    };
  const rejectHolder = by("RejectTransferHolder");
  if (rejectHolder)
    return {
      action: "REJECT_TRANSFER",
      from: addr(rejectHolder.args.fromHolder),
      to: addr(rejectHolder.args.toHolder),
    };
  const rejectBeneficiary = by("RejectTransferBeneficiary");
  if (rejectBeneficiary)
    return {
      action: "REJECT_TRANSFER",
      from: addr(rejectBeneficiary.args.fromBeneficiary),
      to: addr(rejectBeneficiary.args.toBeneficiary),
    };
  const received = by("TokenReceived");
  if (received) {
    return {
      action: received.args.isMinting ? "ISSUE" : "RESTORE",
      from: null,
      to: addr(received.args.beneficiary),
    };
  }
  const beneficiary = by("BeneficiaryTransfer");
  const holder = by("HolderTransfer");
  if (beneficiary && holder)
    return {
      action: "TRANSFER_OWNERS",
      from: addr(holder.args.fromHolder),
      to: addr(beneficiary.args.toBeneficiary),
    };
  if (beneficiary)
    return {
      action: "TRANSFER_BENEFICIARY",
      from: addr(beneficiary.args.fromBeneficiary),
      to: addr(beneficiary.args.toBeneficiary),
    };
  if (holder)
    return { action: "TRANSFER_HOLDER", from: addr(holder.args.fromHolder), to: addr(holder.args.toHolder) };
  const nomination = by("Nomination");
  // A nomination reset to zero follows endorsements; only a real nomination is an action.
  if (nomination && !isZero(nomination.args.nominee))
    return { action: "NOMINATE", from: addr(nomination.args.prevNominee), to: addr(nomination.args.nominee) };
  return null;
}

export function tokenIdToHash(tokenId: bigint): `0x${string}` {
  return `0x${tokenId.toString(16).padStart(64, "0")}`;
}
