import { readFileSync } from "node:fs";
import { z } from "zod";

const entry = z.object({
  chainId: z.number().int(),
  address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  name: z.string(),
  kind: z.enum(["TOKEN_REGISTRY", "DOCUMENT_STORE"]),
  scac: z.string().optional(),
});
export type TrustListEntry = z.infer<typeof entry>;

/**
 * Issuers a verifier trusts. OpenAttestation proves identity with DNS-TXT records; offline there is no
 * DNS, so identity is checked against this list (the same shape TradeTrust's registry of issuers has).
 */
export class TrustList {
  private readonly byKey: Map<string, TrustListEntry>;
  constructor(readonly entries: TrustListEntry[]) {
    this.byKey = new Map(entries.map((e) => [`${e.chainId}:${e.address.toLowerCase()}`, e]));
  }
  static fromFile(path: string): TrustList {
    return new TrustList(z.array(entry).parse(JSON.parse(readFileSync(path, "utf8"))));
  }
  find(chainId: number, address: string): TrustListEntry | undefined {
    return this.byKey.get(`${chainId}:${address.toLowerCase()}`);
  }
}
