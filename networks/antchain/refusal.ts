import { z } from "zod";
import { BAAS_CODES, type BaasCode } from "../../wire/antchain/answers.ts";

/** A request the service refuses, with the answer code and the reason it gives. */
export class Refusal extends Error {
  constructor(
    readonly code: BaasCode,
    message: string,
  ) {
    super(message);
  }
}

/** Parses a request part with a wire schema; every problem in one 400 answer. */
export function parseRequest<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new Refusal(
    BAAS_CODES.BAD_REQUEST,
    parsed.error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; "),
  );
}
