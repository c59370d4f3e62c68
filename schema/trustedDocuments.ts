/**
 * Writes schema/trusted-documents.json: the operations the gateway runs when TRUSTED_DOCUMENTS=enforce,
 * in Apollo's persisted query manifest format. Run it after changing any of its sources:
 * `node --import tsx schema/trustedDocuments.ts`.
 *
 * Sources: `schema/operations/*.graphql` (the typed operations), `schema/operations/readme/*.graphql`
 * (the README's samples, kept in step with README.md by a test), and the report CLI's queries (imported,
 * so their text is byte for byte what the CLI sends). Each must be one operation valid against
 * schema/api.graphql, or nothing is written.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildASTSchema, Kind, parse, validate, type OperationDefinitionNode } from "graphql";
import { LANE_STATISTICS_QUERY } from "../cli/reports/laneStatistics.ts";
import { OVERVIEW_QUERY } from "../cli/reports/overview.ts";
import { PORT_STATISTICS_QUERY } from "../cli/reports/portStatistics.ts";
import { SHIPMENT_LISTING_QUERY } from "../cli/reports/shipmentListing.ts";
import { TITLE_STATISTICS_QUERY } from "../cli/reports/titleStatistics.ts";
import {
  sha256Hex,
  type PersistedQueryManifest,
  type TrustedOperation,
} from "../gateway/limits/trustedDocuments.ts";

export const TRUSTED_DOCUMENTS_FILE = "schema/trusted-documents.json";

/** Where an operation comes from (for error messages; a file's base name names an anonymous operation), and its text. */
interface Source {
  origin: string;
  body: string;
}

export function trustedDocumentSources(root: string): Source[] {
  const graphqlFiles = (dir: string) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith(".graphql"))
      .sort()
      .map((f) => ({ origin: `${dir}/${f}`, body: readFileSync(join(root, dir, f), "utf8") }));
  return [
    ...graphqlFiles("schema/operations"),
    ...graphqlFiles("schema/operations/readme"),
    { origin: "cli/reports/shipmentListing.ts", body: SHIPMENT_LISTING_QUERY },
    { origin: "cli/reports/overview.ts", body: OVERVIEW_QUERY },
    { origin: "cli/reports/portStatistics.ts", body: PORT_STATISTICS_QUERY },
    { origin: "cli/reports/laneStatistics.ts", body: LANE_STATISTICS_QUERY },
    { origin: "cli/reports/titleStatistics.ts", body: TITLE_STATISTICS_QUERY },
  ];
}

/** The manifest, checked: each source is one operation, valid against schema/api.graphql. */
export function buildTrustedDocuments(root: string): PersistedQueryManifest {
  const schema = buildASTSchema(parse(readFileSync(join(root, "schema/api.graphql"), "utf8")));
  const problems: string[] = [];
  const operations = new Map<string, TrustedOperation>();
  for (const { origin, body } of trustedDocumentSources(root)) {
    let document;
    try {
      document = parse(body);
    } catch (error) {
      problems.push(`${origin}: ${String(error)}`);
      continue;
    }
    const errors = validate(schema, document);
    const definitions = document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    if (errors.length) problems.push(...errors.map((e) => `${origin}: ${e.message}`));
    else if (definitions.length !== 1)
      problems.push(`${origin}: holds ${definitions.length} operations, not one`);
    else {
      const [operation] = definitions as [OperationDefinitionNode];
      const id = sha256Hex(body);
      operations.set(id, {
        id,
        name: operation.name?.value ?? basename(origin).replace(/\.\w+$/, ""),
        type: operation.operation,
        body,
      });
    }
  }
  if (problems.length)
    throw new Error(`Trusted documents not written:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return { format: "apollo-persisted-query-manifest", version: 1, operations: [...operations.values()] };
}

/** The file's text: two-space JSON, as Prettier formats it. */
export const manifestText = (manifest: PersistedQueryManifest): string =>
  `${JSON.stringify(manifest, null, 2)}\n`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.cwd();
  const manifest = buildTrustedDocuments(root);
  writeFileSync(join(root, TRUSTED_DOCUMENTS_FILE), manifestText(manifest));
  console.log(`wrote ${TRUSTED_DOCUMENTS_FILE}: ${manifest.operations.length} operations`);
}
