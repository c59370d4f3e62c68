import { describe, expect, it } from "vitest";
import { classifyTransaction, type EscrowLog } from "../../adapters/evm/transfers.ts";

const A = "0x000000000000000000000000000000000000000a";
const B = "0x000000000000000000000000000000000000000b";
const Z = "0x0000000000000000000000000000000000000000";
const log = (eventName: string, args: Record<string, unknown>): EscrowLog => ({
  eventName,
  args,
  transactionHash: "0x1",
  logIndex: 0,
});

/** Each row: the events one transaction emits (per FINDINGS) -> the one action a user did. */
const ROWS: [string, EscrowLog[], string | null][] = [
  [
    "mint",
    [
      log("BeneficiaryTransfer", { fromBeneficiary: Z, toBeneficiary: A }),
      log("HolderTransfer", { fromHolder: Z, toHolder: A }),
      log("TokenReceived", { beneficiary: A, holder: A, isMinting: true }),
    ],
    "ISSUE",
  ],
  ["restore", [log("TokenReceived", { beneficiary: A, holder: A, isMinting: false })], "RESTORE"],
  [
    "transferOwners",
    [
      log("BeneficiaryTransfer", { fromBeneficiary: A, toBeneficiary: B }),
      log("HolderTransfer", { fromHolder: A, toHolder: B }),
      log("Nomination", { prevNominee: Z, nominee: Z }),
    ],
    "TRANSFER_OWNERS",
  ],
  ["transferHolder", [log("HolderTransfer", { fromHolder: A, toHolder: B })], "TRANSFER_HOLDER"],
  [
    "transferBeneficiary",
    [
      log("BeneficiaryTransfer", { fromBeneficiary: A, toBeneficiary: B }),
      log("Nomination", { prevNominee: B, nominee: Z }),
    ],
    "TRANSFER_BENEFICIARY",
  ],
  ["nominate", [log("Nomination", { prevNominee: Z, nominee: B })], "NOMINATE"],
  ["nomination reset alone", [log("Nomination", { prevNominee: B, nominee: Z })], null],
  [
    "rejectTransferHolder",
    [
      log("RejectTransferHolder", { fromHolder: B, toHolder: A }),
      log("HolderTransfer", { fromHolder: B, toHolder: A }),
    ],
    "REJECT_TRANSFER",
  ],
  [
    "returnToIssuer",
    [log("Nomination", { prevNominee: Z, nominee: Z }), log("ReturnToIssuer", { caller: A })],
    "RETURN_TO_ISSUER",
  ],
  [
    "burn",
    [
      log("BeneficiaryTransfer", { fromBeneficiary: A, toBeneficiary: Z }),
      log("HolderTransfer", { fromHolder: A, toHolder: Z }),
      log("Shred", {}),
    ],
    "ACCOMPLISH",
  ],
];

describe("classifyTransaction", () => {
  it.each(ROWS)("%s", (_, logs, action) => {
    expect(classifyTransaction(logs)?.action ?? null).toBe(action);
  });
  it("keeps the parties of a transfer", () => {
    expect(classifyTransaction(ROWS[3]![1])).toEqual({ action: "TRANSFER_HOLDER", from: A, to: B });
  });
});
