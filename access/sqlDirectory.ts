import type { Sql } from "../analytics/sql.ts";
import type { ShipmentAccess, ShipmentAccessDirectory } from "./shipmentAccess.ts";

interface AccessRow {
  reference: string;
  carrier: string;
  parties: string[];
  title_parties: string[];
  ports: string[];
}

/** The read model's `shipment_access` table as a directory: one query for any number of B/Ls. */
export function sqlAccessDirectory(sql: Sql): ShipmentAccessDirectory {
  return {
    async byReferences(references) {
      const rows = await sql.query<AccessRow>(
        `select reference, carrier, parties, title_parties, ports from shipment_access where reference = any($1::text[])`,
        [references],
      );
      const byReference = new Map<string, ShipmentAccess>(
        rows.map((r) => [
          r.reference,
          {
            reference: r.reference,
            carrier: r.carrier,
            parties: r.parties,
            titleParties: r.title_parties,
            ports: r.ports,
          },
        ]),
      );
      return references.map((r) => byReference.get(r) ?? null);
    },
  };
}
