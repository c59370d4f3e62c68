import { readFileSync } from "node:fs";
import { z } from "zod";

const entry = z.object({
  address: z.string(),
  name: z.string(),
  partyId: z.string().optional(),
  role: z.string().optional(),
  lei: z.string().optional(),
});
export type AddressBookEntry = z.infer<typeof entry>;

/** Names for addresses, as a party directory publishes them. Unknown addresses stay nameless. */
export class AddressBook {
  private readonly byAddress: Map<string, AddressBookEntry>;
  constructor(entries: AddressBookEntry[]) {
    this.byAddress = new Map(entries.map((e) => [e.address.toLowerCase(), e]));
  }
  static fromFile(path: string | undefined): AddressBook {
    if (!path) return new AddressBook([]);
    return new AddressBook(z.array(entry).parse(JSON.parse(readFileSync(path, "utf8"))));
  }
  nameOf(address: string | null | undefined): string | null {
    return address ? (this.byAddress.get(address.toLowerCase())?.name ?? null) : null;
  }
}
