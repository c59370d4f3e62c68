import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { parse } from "yaml";

/** The official DCSA definitions, saved verbatim from dcsaorg/DCSA-OpenAPI (see SOURCE.md beside them). */
export const DCSA_FIXTURES = "test/fixtures/dcsa";

export const readSpec = (path: string): Record<string, unknown> =>
  parse(readFileSync(join(DCSA_FIXTURES, path), "utf8")) as Record<string, unknown>;

/**
 * TNT 2.2.0 as DCSA bundled it (`tnt/v2/test/tnt_v2.2.0.yaml`): the API with every `$ref` to SwaggerHub
 * (Event Domain 1.0.4, DCSA Domain 1.0.3, Error Domain 1.0.0) resolved into `components`. The source file
 * `tnt/v2/TNT_v2.2.0.yaml` names Event Domain 1.0.4, which the repository keeps only in this bundle.
 */
export const TNT_BUNDLE = "tnt/v2/test/tnt_v2.2.0.yaml";

/** The SwaggerHub URLs Event Domain 1.0.3 references, and the saved files that are those documents. */
const DOMAIN_FILES: Record<string, string> = {
  "https://api.swaggerhub.com/domains/dcsaorg/EVENT_DOMAIN/1.0.3": "domain/event/event_domain_v1.0.3.yaml",
  "https://api.swaggerhub.com/domains/dcsaorg/DCSA_DOMAIN/1.0.2": "domain/dcsa/dcsa_domain_v1.0.2.yaml",
  "https://api.swaggerhub.com/domains/dcsaorg/DOCUMENTATION_DOMAIN/1.0.2":
    "domain/documentation/documentation_domain_v1.0.2.yaml",
  "https://api.swaggerhub.com/domains/dcsaorg/DOCUMENTATION_DOMAIN/1.0.3":
    "domain/documentation/documentation_domain_v1.0.3.yaml",
  "https://api.swaggerhub.com/domains/dcsaorg/LOCATION_DOMAIN/1.0.2":
    "domain/location/dcsa_location_v1.0.2.yaml",
};

export interface Check {
  (value: unknown): boolean;
  /** The last failure, readable. */
  errors(): string;
}

function check(validate: ValidateFunction): Check {
  const fn = ((value: unknown) => validate(value)) as Check;
  fn.errors = () =>
    (validate.errors ?? [])
      .slice(0, 8)
      .map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`)
      .join("; ");
  return fn;
}

function newAjv(): Ajv {
  // OpenAPI 3.0 schemas: `example`, `deprecated`, `discriminator` and friends are annotations here.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  // ERROR_DOMAIN 1.0.0 writes `format: $date-time`, a typo for date-time; validate it as meant.
  ajv.addFormat("$date-time", fullFormats["date-time"]);
  return ajv;
}

/** Validators for what the TNT 2.2.0 API sends, compiled from the bundle's own schemas. */
export interface DcsaSchemas {
  /** One event: `anyOf` shipmentEvent, transportEvent, equipmentEvent (the list's item schema). */
  event: Check;
  /** `GET /v2/events`'s 200 body. */
  eventList: Check;
  /** `GET /v2/events/{eventID}`'s 200 body. */
  eventById: Check;
  /** A notification's body, as the subscription's callback declares it. */
  notification: Check;
  /** A subscription as the API returns it. */
  subscription: Check;
  /** A list of subscriptions. */
  subscriptionList: Check;
  /** The error object. */
  error: Check;
  /** The header `Notification-Signature` must match. */
  signaturePattern: RegExp;
  /** Enums of the spec, by schema name (e.g. `shipmentEventTypeCode`). */
  enumOf(name: string): string[];
  /** Event Domain 1.0.3 (its own references resolved to the saved domain files), by schema name. */
  domain103(name: string): Check;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function loadDcsaSchemas(): DcsaSchemas {
  const bundle = readSpec(TNT_BUNDLE) as Json;
  const ajv = newAjv();
  ajv.addSchema({ ...bundle, $id: "tnt.json" });
  const ref = (pointer: string) => check(ajv.compile({ $ref: `tnt.json${pointer}` }));
  const paths = bundle.paths as Json;
  const schemaAt = (pointer: string[]) => {
    let node: Json = bundle;
    for (const key of pointer) node = node[key];
    return node;
  };
  const inline = (schema: Json) => check(ajv.compile({ $id: `inline-${Math.random()}`, ...rebase(schema) }));
  // Inline schemas in `paths` use local `#/components/...` references: point them at the bundle.
  const rebase = (node: unknown): Json =>
    JSON.parse(JSON.stringify(node), (key, value) =>
      key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `tnt.json${value}` : value,
    );
  const callback = paths["/v2/event-subscriptions"].post.callbacks.event["{$request.body.callbackUrl}"].post;
  const signature = (callback.parameters as Json[]).find((p) => p.name === "Notification-Signature")!;

  const domain = newAjv();
  for (const [id, file] of Object.entries(DOMAIN_FILES)) domain.addSchema({ ...readSpec(file), $id: id });

  return {
    event: inline(paths["/v2/events"].get.responses["200"].content["application/json"].schema.items),
    eventList: inline(paths["/v2/events"].get.responses["200"].content["application/json"].schema),
    eventById: ref("#/components/schemas/inline_response_200"),
    notification: inline(callback.requestBody.content["application/json"].schema),
    subscription: ref("#/components/schemas/subscription"),
    subscriptionList: inline(
      paths["/v2/event-subscriptions"].get.responses["200"].content["application/json"].schema,
    ),
    error: ref("#/components/schemas/error"),
    signaturePattern: new RegExp(`^${signature.schema.pattern}$`),
    enumOf: (name) => schemaAt(["components", "schemas", name]).enum as string[],
    domain103: (name) =>
      check(
        domain.compile({
          $ref: `https://api.swaggerhub.com/domains/dcsaorg/EVENT_DOMAIN/1.0.3#/components/schemas/${name}`,
        }),
      ),
  };
}
