import { readFileSync } from "node:fs";
import { z } from "zod";
import type { PartyKind } from "./principal.ts";

/**
 * One member of the consortium as its directory publishes it: the id credentials name, and every way
 * the ledgers write it (legal names on the carrier and port networks, addresses on the eBL chain).
 */
export const partyEntrySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum([
    "CARRIER",
    "SHIPPER",
    "CONSIGNEE",
    "NOTIFY",
    "BANK",
    "FORWARDER",
    "TERMINAL_OPERATOR",
    "CUSTOMS",
  ]),
  /** Other names the ledgers use for this party (the legal name is always one). */
  aliases: z.array(z.string()).default([]),
  /** EVM addresses (wallets, and for a carrier its token registries and document stores). */
  addresses: z.array(z.string().regex(/^0x[0-9a-fA-F]{40}$/)).default([]),
  /** UN/LOCODEs where a terminal operator or customs authority acts. */
  ports: z.array(z.string().regex(/^[A-Z]{5}$/)).default([]),
});
export type PartyEntry = z.output<typeof partyEntrySchema>;

export const partyDirectoryFileSchema = z.object({ parties: z.array(partyEntrySchema) });

/** The consortium's party directory: lookups by id, by a name a ledger wrote, or by an EVM address. */
export class PartyDirectory {
  private readonly byId = new Map<string, PartyEntry>();
  private readonly byName = new Map<string, PartyEntry>();
  private readonly byAddress = new Map<string, PartyEntry>();

  constructor(readonly entries: readonly PartyEntry[]) {
    for (const p of entries) {
      if (this.byId.has(p.id)) throw new Error(`party directory: duplicate id ${p.id}`);
      this.byId.set(p.id, p);
      for (const n of [p.name, ...p.aliases]) this.byName.set(normalise(n), p);
      for (const a of p.addresses) this.byAddress.set(a.toLowerCase(), p);
    }
  }

  static fromFile(path: string): PartyDirectory {
    const parsed = partyDirectoryFileSchema.parse(JSON.parse(readFileSync(path, "utf8")));
    return new PartyDirectory(parsed.parties);
  }

  get(id: string): PartyEntry | undefined {
    return this.byId.get(id);
  }

  /** The party a ledger names by legal name (case and spacing ignored). */
  byLedgerName(name: string | null | undefined): PartyEntry | undefined {
    return name ? this.byName.get(normalise(name)) : undefined;
  }

  byEvmAddress(address: string | null | undefined): PartyEntry | undefined {
    return address ? this.byAddress.get(address.toLowerCase()) : undefined;
  }

  /** A party written either way: by address when there is one, else by name. */
  resolve(ref: { name?: string | null; address?: string | null } | null | undefined): PartyEntry | undefined {
    if (!ref) return undefined;
    return this.byEvmAddress(ref.address) ?? this.byLedgerName(ref.name);
  }

  ofKind(kind: PartyKind): PartyEntry[] {
    return this.entries.filter((p) => p.kind === kind);
  }
}

const normalise = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();
