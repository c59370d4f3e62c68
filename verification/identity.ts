import { Resolver } from "node:dns/promises";
import { NetworkUnavailableError } from "../domain/errors.ts";
import { DnsTxtCode, FRAGMENT, fragment, skipped, type Fragment } from "./fragments.ts";
import type { TrustList } from "./trustList.ts";
import type { DocumentIssuer } from "./wrappedDocument.ts";

/**
 * A domain's TXT records, each as one string (a record's character-strings joined). Resolves `[]` for a
 * name with no TXT records (or none at all); rejects only when DNS could not be asked.
 */
export type TxtResolver = (domain: string) => Promise<string[]>;

export interface DnsTxtResolverOptions {
  /** DNS servers (`host` or `host:port`); the system's when absent. */
  servers?: readonly string[];
  /** Deadline per query attempt. @default 1000 */
  timeoutMs?: number;
  /** Attempts per query. @default 2 */
  tries?: number;
  /** How long an answer is reused. @default 60000 */
  cacheTtlMs?: number;
}

/** Network name DNS failures are reported under. */
export const DNS_NETWORK = "dns";

/**
 * DNS-TXT through Node's resolver (UDP, then TCP when truncated), optionally pointed at given servers;
 * answers are kept `cacheTtlMs` and concurrent lookups of one name share one query. OpenAttestation's
 * own resolver asks public DNS-over-HTTPS services (Google, Cloudflare); any resolver that serves the
 * same records serves the same verdict.
 */
export function createDnsTxtResolver(options: DnsTxtResolverOptions = {}): TxtResolver {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 1000, tries: options.tries ?? 2 });
  if (options.servers?.length) resolver.setServers([...options.servers]);
  const ttl = options.cacheTtlMs ?? 60_000;
  const answers = new Map<string, { at: number; records: Promise<string[]> }>();
  return (domain) => {
    const name = domain.replace(/^\w+:\/\//, "").toLowerCase();
    const held = answers.get(name);
    if (held && Date.now() - held.at < ttl) return held.records;
    const records = resolver.resolveTxt(name).then(
      (chunks) => chunks.map((c) => c.join("")),
      (error: NodeJS.ErrnoException) => {
        answers.delete(name);
        if (error.code === "ENODATA" || error.code === "ENOTFOUND") return [];
        throw new NetworkUnavailableError(DNS_NETWORK, `DNS could not be asked for ${name} (${error.code})`, {
          cause: error,
        });
      },
    );
    answers.set(name, { at: Date.now(), records });
    return records;
  };
}

/** An OpenAttestation DNS-TXT record: `openatts net=ethereum netId=<chain id> addr=<0x address>`. */
export interface OpenAttestationRecord {
  type: string;
  net?: string;
  netId?: string;
  addr?: string;
}

/** Parses a TXT record as OpenAttestation's dnsprove does (quotes trimmed; `key=value` tokens). */
export function parseOpenAttestationRecord(record: string): OpenAttestationRecord | null {
  const text = record.startsWith('"') ? record.slice(1, -1) : record;
  if (!text.startsWith("openatts")) return null;
  const [type, ...pairs] = text.trim().split(" ");
  const parsed: OpenAttestationRecord = { type: type! };
  for (const pair of pairs) {
    const [key, ...value] = pair.split("=");
    const joined = value.join("=").trim();
    (parsed as unknown as Record<string, string>)[key!.trim()] = joined.endsWith(";")
      ? joined.slice(0, -1).trim()
      : joined;
  }
  return parsed;
}

/** How ISSUER_IDENTITY is decided. */
export interface IssuerIdentityCheck {
  /** The ISSUER_IDENTITY fragments for a document's issuers (every issuer is checked). */
  forDocument(issuers: readonly DocumentIssuer[], chainId: number): Promise<Fragment[]>;
  /** For a title known only by its issuer contract: no document, so no identity proof to follow. */
  forAddress(chainId: number, address: string): Promise<Fragment[]>;
}

/**
 * OpenAttestation's DNS-TXT identity proof: each issuer names a domain (`identityProof.location`) whose
 * TXT records must hold `openatts net=ethereum netId=<chain id> addr=<its registry or store>`. Every
 * issuer must prove itself. A title known only by hash has no location to look up: with a trust list
 * it is checked against the list, else SKIPPED.
 */
export function dnsTxtIdentity(resolve: TxtResolver, trustList?: TrustList): IssuerIdentityCheck {
  return {
    async forDocument(issuers, chainId) {
      const uses = issuers.some(
        (i) => (i.documentStore ?? i.tokenRegistry) && i.identityProof?.type === "DNS-TXT",
      );
      if (!uses) return [skipped.dnsTxt(), skipped.dnsDid()];
      const invalidIssuers = (message: string) =>
        fragment(
          "ISSUER_IDENTITY",
          FRAGMENT.dnsTxt,
          "ERROR",
          { codes: DnsTxtCode, code: DnsTxtCode.INVALID_ISSUERS, message },
          undefined,
          true,
        );
      let identities: unknown[];
      try {
        identities = await Promise.all(
          issuers.map(async (issuer) => {
            if (issuer.identityProof?.type !== "DNS-TXT")
              return {
                status: "INVALID",
                reason: {
                  message: "Issuer is not using DNS-TXT identityProof type",
                  code: DnsTxtCode.INVALID_ISSUERS,
                  codeString: "INVALID_ISSUERS",
                },
              };
            const location = issuer.identityProof.location;
            const address = issuer.documentStore ?? issuer.tokenRegistry;
            if (!location) throw invalidIssuers("Location not found in identity proof");
            if (!address) throw invalidIssuers("Smart contract address not found in identity proof");
            const records = (await resolve(location)).map(parseOpenAttestationRecord);
            const match = records.some(
              (r) =>
                r?.type === "openatts" &&
                r.net === "ethereum" &&
                r.netId === String(chainId) &&
                r.addr?.toLowerCase() === address.toLowerCase(),
            );
            return match
              ? { status: "VALID", location, value: address }
              : {
                  status: "INVALID",
                  location,
                  value: address,
                  reason: {
                    message: `Matching DNS record not found for ${address}`,
                    code: DnsTxtCode.MATCHING_RECORD_NOT_FOUND,
                    codeString: "MATCHING_RECORD_NOT_FOUND",
                  },
                };
          }),
        );
      } catch (error) {
        if ((error as Fragment).type === "ISSUER_IDENTITY") return [error as Fragment, skipped.dnsDid()];
        return [
          fragment("ISSUER_IDENTITY", FRAGMENT.dnsTxt, "ERROR", {
            codes: DnsTxtCode,
            code: DnsTxtCode.UNEXPECTED_ERROR,
            message: "Unable to query DNS",
          }),
          skipped.dnsDid(),
        ];
      }
      const invalid = identities.find((i) => (i as { status: string }).status !== "VALID") as
        { reason: { message: string; code: number } } | undefined;
      return [
        invalid
          ? fragment(
              "ISSUER_IDENTITY",
              FRAGMENT.dnsTxt,
              "INVALID",
              { codes: DnsTxtCode, code: invalid.reason.code, message: invalid.reason.message },
              identities,
            )
          : fragment("ISSUER_IDENTITY", FRAGMENT.dnsTxt, "VALID", null, identities),
        skipped.dnsDid(),
      ];
    },
    async forAddress(chainId, address) {
      if (trustList) return trustListIdentity(trustList).forAddress(chainId, address);
      return [
        skipped.dnsTxt(
          "The document itself was not supplied, so its DNS-TXT identity proof cannot be located; pass it to verifyDocument",
        ),
        skipped.dnsDid(),
      ];
    },
  };
}

/**
 * Identity from a configured trust list of registries and stores (TradeTrust's own site keeps such a
 * registry of issuers): the explicit option where DNS cannot be asked. Every issuer must be on it.
 */
export function trustListIdentity(trustList: TrustList): IssuerIdentityCheck {
  const check = (chainId: number, addresses: string[]): Fragment => {
    const missing = addresses.find((a) => !trustList.find(chainId, a));
    return missing
      ? fragment("ISSUER_IDENTITY", FRAGMENT.trustList, "INVALID", {
          codes: DnsTxtCode,
          code: DnsTxtCode.INVALID_IDENTITY,
          message: `issuer ${missing} on chain ${chainId} is not on the trust list`,
        })
      : {
          ...fragment(
            "ISSUER_IDENTITY",
            FRAGMENT.trustList,
            "VALID",
            null,
            addresses.map((a) => ({
              status: "VALID",
              value: a,
              name: trustList.find(chainId, a)!.name,
            })),
          ),
          reason: `issued by ${addresses.map((a) => trustList.find(chainId, a)!.name).join(", ")}`,
        };
  };
  return {
    forDocument: async (issuers, chainId) => [
      check(
        chainId,
        issuers.map((i) => i.documentStore ?? i.tokenRegistry ?? "an issuer without a registry or store"),
      ),
    ],
    forAddress: async (chainId, address) => [check(chainId, [address])],
  };
}
