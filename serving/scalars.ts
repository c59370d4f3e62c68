import { GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { DateTimeSyntaxError, parseRfc3339 } from "../domain/dateTime.ts";
import { BadUserInputError } from "../domain/errors.ts";

/**
 * RFC 3339 in UTC. Serializes Date (or an ISO string); parses RFC 3339 with an offset, checked against
 * the calendar: an impossible date or time is BAD_USER_INPUT, never another instant or an internal error.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "RFC 3339 date-time, always UTC",
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError(`DateTime cannot represent ${String(value)}`);
    return date.toISOString();
  },
  parseValue(value) {
    return parseDate(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new BadUserInputError("DateTime must be an RFC 3339 string");
    return parseDate(ast.value);
  },
});

function parseDate(value: unknown): Date {
  if (typeof value !== "string")
    throw new BadUserInputError(
      `DateTime must be an RFC 3339 string, e.g. 2026-11-20T11:00:00Z; got ${JSON.stringify(value)}`,
    );
  try {
    return parseRfc3339(value);
  } catch (error) {
    if (!(error instanceof DateTimeSyntaxError)) throw error;
    // The calendar check is the point: "2026-02-31" must not quietly become March 3.
    throw new BadUserInputError(
      `DateTime ${JSON.stringify(value)} is not a valid RFC 3339 date-time: ${error.message}; e.g. 2026-11-20T11:00:00Z`,
    );
  }
}

/** Any JSON value. */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: "JSON",
  description: "Arbitrary JSON",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast) => literal(ast),
});

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.LIST:
      return ast.values.map(literal);
    case Kind.NULL:
      return null;
    default:
      throw new BadUserInputError("JSON literals cannot contain variables");
  }
}
