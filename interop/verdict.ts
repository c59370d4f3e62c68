import type { TitleConflict } from "./titleIntegrity.ts";

export type CheckStatus = "VALID" | "INVALID" | "SKIPPED" | "ERROR";

export interface VerdictCheck {
  network: "EVM" | "FABRIC" | "ANTCHAIN";
  name: "TITLE" | "CARRIER_RECORD" | "PORT_RELEASE";
  status: CheckStatus;
  reason: string | null;
}

export interface Verdict {
  valid: boolean;
  status: "VALID" | "INVALID" | "ERROR";
  checks: VerdictCheck[];
}

export interface VerdictInput {
  documentHash: string;
  titleStatus: string | null;
  /** The title network's own verification; null when its subgraph could not be asked. */
  titleVerification: {
    status: string;
    fragments: { type: string; status: string; reason: string | null }[];
  } | null;
  /** Null when the carrier network could not be asked. */
  carrierLookup: "FOUND" | "NOT_FOUND" | null;
  carrierEbl: { documentHash: string; address: string } | null;
  titleRegistry: { address: string } | null;
  /** Null when the port network could not be asked (or the carrier record, which names the B/L, is missing). */
  portLookup: "FOUND" | "NOT_FOUND" | null;
  portReleased: boolean;
  conflicts: TitleConflict[];
}

/**
 * One verdict on a bill of lading across the three networks. A network that could not be asked makes its
 * check ERROR and the verdict ERROR, never INVALID; any check that found something wrong, or any title
 * conflict, makes it INVALID.
 */
export function combineVerdict(input: VerdictInput): Verdict {
  const checks: VerdictCheck[] = [];
  const title = input.titleVerification;
  checks.push(
    !title
      ? { network: "EVM", name: "TITLE", status: "ERROR", reason: "the eBL title network could not be asked" }
      : input.titleStatus === "ACCOMPLISHED" &&
          title.fragments.every((f) => f.status !== "INVALID" || f.type === "DOCUMENT_STATUS")
        ? // A shredded title is the normal end of a surrendered eBL, not a forgery: the document was genuine.
          {
            network: "EVM",
            name: "TITLE",
            status: "VALID",
            reason: "title accomplished: surrendered and shredded by the carrier",
          }
        : {
            network: "EVM",
            name: "TITLE",
            status: title.status === "VALID" ? "VALID" : title.status === "ERROR" ? "ERROR" : "INVALID",
            reason:
              title.fragments
                .filter((f) => f.status !== "VALID" && f.status !== "SKIPPED")
                .map((f) => `${f.type}: ${f.reason ?? f.status}`)
                .join("; ") || null,
          },
  );
  if (input.carrierLookup === null) {
    checks.push({
      network: "FABRIC",
      name: "CARRIER_RECORD",
      status: "ERROR",
      reason: "the carrier network could not be asked",
    });
  } else if (input.carrierLookup === "NOT_FOUND" || !input.carrierEbl) {
    checks.push({
      network: "FABRIC",
      name: "CARRIER_RECORD",
      status: "INVALID",
      reason: "no carrier on the carrier network records issuing this document",
    });
  } else {
    const sameHash = input.carrierEbl.documentHash.toLowerCase() === input.documentHash.toLowerCase();
    const sameRegistry =
      !input.titleRegistry ||
      input.titleRegistry.address.toLowerCase() === input.carrierEbl.address.toLowerCase();
    checks.push(
      sameHash && sameRegistry
        ? {
            network: "FABRIC",
            name: "CARRIER_RECORD",
            status: "VALID",
            reason: "the carrier's record names this document and its registry",
          }
        : {
            network: "FABRIC",
            name: "CARRIER_RECORD",
            status: "INVALID",
            reason: sameHash
              ? "the carrier's record names another registry"
              : "the carrier's record names another document hash",
          },
    );
  }
  const releaseConflicts = input.conflicts.filter((c) => c.kind.startsWith("RELEASE"));
  if (input.portLookup === null) {
    checks.push({
      network: "ANTCHAIN",
      name: "PORT_RELEASE",
      status: input.carrierLookup === "NOT_FOUND" ? "SKIPPED" : "ERROR",
      reason:
        input.carrierLookup === "NOT_FOUND"
          ? "no B/L number to ask the port network about"
          : "the port network could not be asked",
    });
  } else if (!input.portReleased) {
    checks.push({
      network: "ANTCHAIN",
      name: "PORT_RELEASE",
      status: "SKIPPED",
      reason: "the cargo has not been released at a port on the port network",
    });
  } else {
    checks.push(
      releaseConflicts.length > 0
        ? {
            network: "ANTCHAIN",
            name: "PORT_RELEASE",
            status: "INVALID",
            reason: releaseConflicts.map((c) => c.description).join("; "),
          }
        : {
            network: "ANTCHAIN",
            name: "PORT_RELEASE",
            status: "VALID",
            reason: "released to the party that surrendered the title",
          },
    );
  }
  const invalid = checks.some((c) => c.status === "INVALID") || input.conflicts.length > 0;
  const error = checks.some((c) => c.status === "ERROR");
  const status = invalid ? "INVALID" : error ? "ERROR" : "VALID";
  return { valid: status === "VALID", status, checks };
}
