import { ApolloServer } from "@apollo/server";
import { describe, expect, it } from "vitest";
import { isoInstant, UsageError } from "../../cli/reportArguments.ts";
import { DateTimeSyntaxError, parseRfc3339, parseRfc3339Date } from "../../domain/dateTime.ts";
import { formatGraphQLError } from "../../serving/graphqlErrors.ts";
import { DateTimeScalar } from "../../serving/scalars.ts";

describe("RFC 3339 date-times, checked against the calendar", () => {
  it("reads offsets, fractions, lower-case t and z, leap days and years below 100", () => {
    expect(parseRfc3339("2026-11-20T11:00:00Z").toISOString()).toBe("2026-11-20T11:00:00.000Z");
    expect(parseRfc3339("2026-11-20T19:00:00+08:00").toISOString()).toBe("2026-11-20T11:00:00.000Z");
    expect(parseRfc3339("2026-11-20T05:30:00-05:30").toISOString()).toBe("2026-11-20T11:00:00.000Z");
    expect(parseRfc3339("2026-11-20t11:00:00.1234567z").toISOString()).toBe("2026-11-20T11:00:00.123Z");
    expect(parseRfc3339("2028-02-29T00:00:00Z").toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(parseRfc3339("2000-02-29T00:00:00Z").toISOString()).toBe("2000-02-29T00:00:00.000Z");
    expect(parseRfc3339("0099-01-01T00:00:00Z").getUTCFullYear()).toBe(99);
    expect(parseRfc3339Date("2026-06-01").toISOString()).toBe("2026-06-01T00:00:00.000Z");
  });

  it("refuses impossible dates and times, naming the field, instead of moving them to another instant", () => {
    for (const [text, says] of [
      ["2026-13-01T00:00:00Z", "month 13"],
      ["2026-00-10T00:00:00Z", "month 00"],
      ["2026-02-31T00:00:00Z", "2026-02 has 28 days"],
      ["2026-02-29T00:00:00Z", "2026-02 has 28 days"],
      ["1900-02-29T00:00:00Z", "1900-02 has 28 days"],
      ["2026-04-31T00:00:00Z", "2026-04 has 30 days"],
      ["2026-01-00T00:00:00Z", "day 00"],
      ["2026-01-01T24:00:00Z", "hour 24"],
      ["2026-01-01T00:60:00Z", "minute 60"],
      ["2026-12-31T23:59:60Z", "leap seconds"],
      ["2026-01-01T00:00:61Z", "second 61"],
      ["2026-01-01T00:00:00+24:00", "offset +24:00"],
      ["2026-01-01T00:00:00+05:60", "offset +05:60"],
      ["2026-01-01T00:00Z", "not an RFC 3339"],
      ["2026-01-01T00:00:00", "not an RFC 3339"],
      ["2026-01-01 00:00:00Z", "not an RFC 3339"],
      ["20260101T000000Z", "not an RFC 3339"],
    ] as const) {
      let error: unknown;
      try {
        parseRfc3339(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(DateTimeSyntaxError);
      expect((error as Error).message, text).toContain(says);
    }
    expect(() => parseRfc3339("2026-02-31T00:00:00Z")).toThrow(/has 28 days, so day 31 does not exist/);
    expect(() => parseRfc3339Date("2026-02-30")).toThrow(/day 30 does not exist/);
  });

  it("the CLI's dates use the same check, with ISO 8601's optional seconds", () => {
    expect(isoInstant("from", "2026-06-01T08:30+08:00")).toBe("2026-06-01T00:30:00.000Z");
    for (const bad of ["2026-02-31", "2026-13-01", "2026-06-01T00:00:00+25:00", "2026-06-01T23:59:60Z"])
      expect(() => isoInstant("as-of", bad), bad).toThrow(UsageError);
    expect(() => isoInstant("as-of", "2026-06-01T00:00:00+25:00")).toThrow(/offset \+25:00 does not exist/);
  });
});

describe("the DateTime scalar: an impossible date is BAD_USER_INPUT, as a variable and as a literal", () => {
  // A resolver that uses its argument as every resolver of `asOf` does: an Invalid Date that got this
  // far would throw a RangeError here, which a client sees as INTERNAL_SERVER_ERROR.
  const server = new ApolloServer({
    typeDefs: `scalar DateTime
      type Query { echo(at: DateTime!): String! }`,
    resolvers: {
      DateTime: DateTimeScalar,
      Query: { echo: (_: unknown, { at }: { at: Date }) => at.toISOString() },
    },
    formatError: formatGraphQLError,
  });

  const ask = async (query: string, variables?: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, ...(variables ? { variables } : {}) });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult;
  };

  it("answers a real instant, converted to UTC", async () => {
    const result = await ask(`query($at: DateTime!) { echo(at: $at) }`, { at: "2026-11-20T19:00:00+08:00" });
    expect(result.data).toEqual({ echo: "2026-11-20T11:00:00.000Z" });
  });

  for (const at of ["2026-13-01T00:00:00Z", "2026-02-31T00:00:00Z", "2026-01-01T25:00:00Z"]) {
    it(`refuses ${at} with BAD_USER_INPUT and says why`, async () => {
      const asVariable = await ask(`query($at: DateTime!) { echo(at: $at) }`, { at });
      expect(asVariable.data).toBeUndefined();
      expect(asVariable.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(asVariable.errors?.[0]?.message).toContain(`DateTime "${at}" is not a valid RFC 3339 date-time`);
      const asLiteral = await ask(`{ echo(at: "${at}") }`);
      expect(asLiteral.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(asLiteral.errors?.[0]?.message).toContain("is not a valid RFC 3339 date-time");
    });
  }
});
