import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { partiesFile } from "../access/serviceConfig.ts";
import { buildPartyDirectory } from "../world/partyDirectory.ts";

interface AddressBookEntry {
  address: string;
  partyId: string;
}
interface TrustListEntry {
  address: string;
  scac: string;
}

/**
 * Writes the local world's party directory (`<state dir>/parties.json`), with each party's addresses on
 * the local eBL chain as the chain's address book and trust list record them (none when the chain is a
 * real one the stack did not seed). A real deployment writes this file from its members' records.
 */
export function writeLocalPartyDirectory(
  stateDir: string,
  addressBookFile: string,
  trustListFile: string,
): string {
  const book = readList<AddressBookEntry>(addressBookFile);
  const trust = readList<TrustListEntry>(trustListFile);
  const carriers = new Map<string, string[]>();
  const add = (scac: string, address: string) => carriers.set(scac, [...(carriers.get(scac) ?? []), address]);
  const parties = new Map<string, string>();
  for (const entry of book) {
    const [, scac] = /^(?:carrier|registry)-([A-Z]{4})$/.exec(entry.partyId) ?? [];
    if (scac) add(scac, entry.address);
    else parties.set(entry.partyId, entry.address);
  }
  for (const entry of trust)
    if (!carriers.get(entry.scac)?.includes(entry.address)) add(entry.scac, entry.address);
  const file = partiesFile(stateDir);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ parties: buildPartyDirectory({ carriers, parties }) }, null, 2));
  renameSync(temp, file);
  return file;
}

const readList = <T>(file: string): T[] =>
  existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T[]) : [];
