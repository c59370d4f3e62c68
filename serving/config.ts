import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigInvalidError } from "../domain/errors.ts";

/**
 * Parses a service's configuration once, at start-up. Values come from the environment, optionally
 * overlaid on a JSON file named by `TRADEGRAPH_CONFIG`; every problem is reported at once.
 */
export function parseConfig<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  let fileValues: Record<string, unknown> = {};
  const file = env.TRADEGRAPH_CONFIG;
  if (file) {
    try {
      const all = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      const section = all[service];
      fileValues = section && typeof section === "object" ? (section as Record<string, unknown>) : {};
    } catch (error) {
      throw new ConfigInvalidError([`TRADEGRAPH_CONFIG: cannot read ${file}: ${String(error)}`], service);
    }
  }
  const input: Record<string, unknown> = { ...fileValues };
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== "") input[key] = value;
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new ConfigInvalidError(problems, service);
  }
  return result.data;
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const url = (fallback: string) => z.url().default(fallback);
export const host = z.string().default("127.0.0.1");

/**
 * For entry points: parses the config, or prints every problem and exits with status 2 (no stack
 * trace: the message names each variable to fix).
 */
export function loadConfigOrExit<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  try {
    return parseConfig(service, schema, env);
  } catch (error) {
    if (error instanceof ConfigInvalidError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}
