/**
 * Title integrity across networks: conflicts no single network can see, found by setting the title's
 * history (EVM) beside the carrier's record (Fabric) and the port's release orders (AntChain).
 */
export type TitleConflictKind =
  | "DUPLICATE_TITLE"
  | "HASH_MISMATCH"
  | "RELEASE_TO_NON_HOLDER"
  | "RELEASE_WHILE_TITLE_LIVE"
  | "RELEASED_TWICE";

export interface TitleConflict {
  kind: TitleConflictKind;
  description: string;
  /** Networks whose facts disagree. */
  networks: string[];
  at: Date | null;
}

interface Named {
  name?: string | null;
  address?: string | null;
}

export interface IntegrityInput {
  documentHash: string;
  titleStatus: string | null;
  registry: { address: string; chainId: number } | null;
  liveRegistries: { address: string; chainId: number }[] | null;
  endorsementChain: { action: string; from: Named | null; to: Named | null; at: string }[] | null;
  carrier: {
    reference: string;
    eblLocation: { documentHash: string; address: string; chainId: number } | null;
    carrierRelease: Release | null;
    portReleases: Release[] | null;
  } | null;
}

export interface Release {
  status: string;
  releasedTo: Named | null;
  releasedAt: string | null;
}

const sameName = (a: string | null | undefined, b: string | null | undefined) =>
  Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());

/** Title state at an instant, replayed from the endorsement chain: who held it and whether it was live. */
function titleAt(
  chain: NonNullable<IntegrityInput["endorsementChain"]>,
  at: Date,
): { live: boolean; holder: Named | null; surrenderedBy: Named | null } {
  let live = false;
  let holder: Named | null = null;
  let surrenderedBy: Named | null = null;
  for (const t of chain) {
    if (new Date(t.at) > at) break;
    switch (t.action) {
      case "ISSUE":
      case "RESTORE":
        live = true;
        holder = t.to ?? holder;
        break;
      case "TRANSFER_HOLDER":
      case "TRANSFER_OWNERS":
      case "REJECT_TRANSFER":
        holder = t.to ?? holder;
        break;
      case "RETURN_TO_ISSUER":
        live = false;
        surrenderedBy = t.from ?? holder;
        break;
      case "ACCOMPLISH":
        live = false;
        break;
    }
  }
  return { live, holder, surrenderedBy };
}

export function findConflicts(input: IntegrityInput): TitleConflict[] {
  const conflicts: TitleConflict[] = [];
  const live = input.liveRegistries ?? [];
  if (live.length > 1) {
    conflicts.push({
      kind: "DUPLICATE_TITLE",
      description: `document ${input.documentHash} is live on ${live.length} registries: ${live.map((r) => r.address).join(", ")}`,
      networks: ["EVM"],
      at: null,
    });
  }
  const carrier = input.carrier;
  if (
    carrier?.eblLocation &&
    carrier.eblLocation.documentHash.toLowerCase() === input.documentHash.toLowerCase()
  ) {
    if (input.titleStatus === null && input.endorsementChain !== null) {
      conflicts.push({
        kind: "HASH_MISMATCH",
        description: `the carrier records token ${carrier.eblLocation.documentHash} for B/L ${carrier.reference}, but no registry ever minted it`,
        networks: ["FABRIC", "EVM"],
        at: null,
      });
    } else if (
      input.registry &&
      input.registry.address.toLowerCase() !== carrier.eblLocation.address.toLowerCase()
    ) {
      conflicts.push({
        kind: "HASH_MISMATCH",
        description: `the carrier records registry ${carrier.eblLocation.address} for B/L ${carrier.reference}, but the token lives on ${input.registry.address}`,
        networks: ["FABRIC", "EVM"],
        at: null,
      });
    }
  }
  const chain = input.endorsementChain;
  const releases = [carrier?.carrierRelease, ...(carrier?.portReleases ?? [])].filter(
    (r): r is Release => r?.status === "RELEASED" && r.releasedAt !== null,
  );
  if (chain && chain.length > 0) {
    for (const release of releases) {
      const at = new Date(release.releasedAt!);
      const state = titleAt(chain, at);
      const to = release.releasedTo?.name ?? "an unnamed party";
      if (state.live) {
        conflicts.push({
          kind: "RELEASE_WHILE_TITLE_LIVE",
          description: `cargo released to ${to} at ${at.toISOString()} while the title was live with ${state.holder?.name ?? state.holder?.address ?? "its holder"}`,
          networks: ["EVM", "ANTCHAIN", "FABRIC"],
          at,
        });
      } else if (
        state.surrenderedBy?.name &&
        release.releasedTo?.name &&
        !sameName(state.surrenderedBy.name, release.releasedTo.name)
      ) {
        conflicts.push({
          kind: "RELEASE_TO_NON_HOLDER",
          description: `cargo released to ${to}, but the title was surrendered by ${state.surrenderedBy.name}`,
          networks: ["EVM", "ANTCHAIN"],
          at,
        });
      }
    }
  }
  // The terminal releases the cargo; two release orders there mean it was released twice. (A carrier
  // and a port naming different parties for the one release is RELEASE_TO_NON_HOLDER, above.)
  const portReleased = (carrier?.portReleases ?? []).filter((r) => r.status === "RELEASED");
  if (portReleased.length > 1) {
    conflicts.push({
      kind: "RELEASED_TWICE",
      description: `the port released the cargo ${portReleased.length} times, to ${portReleased.map((r) => r.releasedTo?.name ?? "?").join(" and ")}`,
      networks: ["ANTCHAIN"],
      at: new Date(portReleased.at(-1)!.releasedAt!),
    });
  }
  // One conflict per kind and instant: the same release can be seen by two networks.
  const seen = new Set<string>();
  return conflicts.filter((c) => {
    const key = `${c.kind}:${c.at?.getTime() ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
