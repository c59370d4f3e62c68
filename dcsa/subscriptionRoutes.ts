import { z } from "zod";
import { BadUserInputError } from "../domain/errors.ts";
import { checkCallbackUrl } from "./callbackUrl.ts";
import type { DcsaHandler, DcsaRequest } from "./context.ts";
import { pagingHeaders, queryAndPosition } from "./eventRoutes.ts";
import { filterFromBody, subscriptionFilterShape, UNSUPPORTED_FILTERS } from "./filters.ts";
import { decodeSecret, MIN_SECRET_BYTES } from "./signature.ts";
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listDeadLetters,
  listSubscriptions,
  redeliverDeadLetters,
  setSubscriptionSecret,
  subscriptionBody,
  updateSubscription,
} from "./subscriptions.ts";

const callbackUrl = z.string().max(2048);
const secret = z.string().max(1024);

/** POST: `subscriptionBodyWithSecret`. Unknown fields are refused (a misspelt filter would widen it). */
const createBody = z.object({ callbackUrl, secret, ...subscriptionFilterShape }).strict();
/** PUT: `subscription` (its ID may repeat the path's; the secret must be omitted). */
const updateBody = z
  .object({ subscriptionID: z.string().optional(), callbackUrl, ...subscriptionFilterShape })
  .strict();
const secretBody = z.object({ secret }).strict();

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (body && typeof body === "object") {
    for (const name of Object.keys(body))
      if (name in UNSUPPORTED_FILTERS)
        throw new BadUserInputError(`${name} is not supported: ${UNSUPPORTED_FILTERS[name]}`, name);
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where =
      issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "body");
    throw new BadUserInputError(`${where}: ${issue.message}`, String(issue.path[0] ?? "body"));
  }
  return result.data;
}

function checkedSecret(text: string): string {
  if (!decodeSecret(text))
    throw new BadUserInputError(`secret: base64 of at least ${MIN_SECRET_BYTES} bytes`, "secret");
  return text;
}

const uuid = (request: DcsaRequest) => {
  const id = request.params.subscriptionID!;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    throw new BadUserInputError("subscriptionID: a UUID", "subscriptionID");
  return id.toLowerCase();
};

/** `POST /v2/event-subscriptions`: 201 with the subscription, without its secret. */
export const postSubscription: DcsaHandler = async (request, services) => {
  const body = parse(createBody, request.body);
  const url = await checkCallbackUrl(services.callbacks, body.callbackUrl);
  const created = await createSubscription(
    services.sql,
    request.owner,
    url.toString(),
    checkedSecret(body.secret),
    filterFromBody(body),
  );
  return { status: 201, body: subscriptionBody(created) };
};

/** `GET /v2/event-subscriptions`: the caller's party's subscriptions (the operator: all). */
export const getSubscriptions: DcsaHandler = async (request, services) => {
  for (const name of request.url.searchParams.keys())
    if (!["limit", "cursor"].includes(name))
      throw new BadUserInputError(`Unknown query parameter ${name}`, name);
  const { query, position } = queryAndPosition(
    request,
    (q): q is { limit: number } => typeof (q as { limit?: unknown })?.limit === "number",
    (_, limit) => ({ limit }),
  );
  const page = await listSubscriptions(services.sql, request.owner, position, query.limit);
  return {
    status: 200,
    body: page.items.map(subscriptionBody),
    headers: pagingHeaders(services, "/event-subscriptions", query, position, page),
  };
};

export const getSubscriptionById: DcsaHandler = async (request, services) => ({
  status: 200,
  body: subscriptionBody(await getSubscription(services.sql, request.owner, uuid(request))),
});

/** `PUT /v2/event-subscriptions/{id}`: replaces callback and filters (the secret has its own endpoint). */
export const putSubscription: DcsaHandler = async (request, services) => {
  const id = uuid(request);
  if (request.body && typeof request.body === "object" && "secret" in request.body)
    throw new BadUserInputError("secret: only valid when creating; change it with PUT .../secret", "secret");
  const body = parse(updateBody, request.body);
  if (body.subscriptionID !== undefined && body.subscriptionID.toLowerCase() !== id)
    throw new BadUserInputError("subscriptionID: differs from the path's", "subscriptionID");
  const url = await checkCallbackUrl(services.callbacks, body.callbackUrl);
  const { subscriptionID: _, ...fields } = body;
  const updated = await updateSubscription(
    services.sql,
    request.owner,
    id,
    url.toString(),
    filterFromBody(fields),
  );
  return { status: 200, body: subscriptionBody(updated) };
};

export const deleteSubscriptionById: DcsaHandler = async (request, services) => {
  await deleteSubscription(services.sql, request.owner, uuid(request));
  return { status: 204 };
};

/** `PUT /v2/event-subscriptions/{id}/secret`: 204. */
export const putSecret: DcsaHandler = async (request, services) => {
  const id = uuid(request);
  const body = parse(secretBody, request.body);
  await setSubscriptionSecret(services.sql, request.owner, id, checkedSecret(body.secret));
  return { status: 204 };
};

/**
 * `GET /v2/event-subscriptions/{id}/dead-letters` (an extension; the spec has no such endpoint): the
 * deliveries given up after the configured attempts, each event with its attempts and last error.
 */
export const getDeadLetters: DcsaHandler = async (request, services) => {
  const id = uuid(request);
  const { query, position } = queryAndPosition(
    request,
    (q): q is { limit: number } => typeof (q as { limit?: unknown })?.limit === "number",
    (_, limit) => ({ limit }),
  );
  const page = await listDeadLetters(services.sql, request.owner, id, position, query.limit);
  return {
    status: 200,
    body: page.items,
    headers: pagingHeaders(services, `/event-subscriptions/${id}/dead-letters`, query, position, page),
  };
};

/** `POST /v2/event-subscriptions/{id}/dead-letters/redeliver` (an extension): queues them again. */
export const postRedeliver: DcsaHandler = async (request, services) => ({
  status: 200,
  body: { redelivered: await redeliverDeadLetters(services.sql, request.owner, uuid(request)) },
});
