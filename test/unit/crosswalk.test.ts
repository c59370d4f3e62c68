import { describe, expect, it } from "vitest";
import { CARRIER_CROSSWALK } from "../../interop/crosswalk/carriers.ts";
import { lookupIdentifier } from "../../interop/crosswalk/lookup.ts";
import { carrierMsp } from "../../networks/fabric/orgs.ts";
import { CARRIERS } from "../../world/catalog.ts";
import { containerNumber } from "../../world/identifiers.ts";

describe("carrier crosswalk, row by row", () => {
  it.each(CARRIER_CROSSWALK.map((r) => [r.scac, r]))(
    "%s matches the carrier's identities on each network",
    (scac, row) => {
      const carrier = CARRIERS.find((c) => c.scac === scac)!;
      expect(carrier, `${scac} is a carrier of the world`).toBeDefined();
      expect(row.name).toBe(carrier.name);
      expect(row.fabricMspId).toBe(carrierMsp(scac));
      expect(row.containerPrefix).toBe(carrier.containerPrefix);
      expect(row.blPrefix).toBe(carrier.blPrefix);
      for (const form of [row.scac, row.fabricMspId, row.containerPrefix])
        expect(lookupIdentifier(form, [])?.canonical).toBe(scac);
    },
  );
});

describe("lookupIdentifier", () => {
  const parties = [
    {
      address: "0x9BA1d95AbCD53102a05c66936aca3049139f19f8",
      name: "Bank of China Shanghai Branch",
      lei: "54930053HGCFWVHYZX42",
    },
  ];
  it.each([
    ["COSU6612345678", "BILL_OF_LADING", "COSU6612345678"],
    ["COSU-6612345678", "BILL_OF_LADING", "COSU6612345678"],
    [containerNumber("CSNU", 123456), "CONTAINER", containerNumber("CSNU", 123456)],
    [`CSNU ${containerNumber("CSNU", 123456).slice(4)}`, "CONTAINER", containerNumber("CSNU", 123456)],
    ["MAEUMSP", "CARRIER", "MAEU"],
    ["0x9ba1d95abcd53102a05c66936aca3049139f19f8", "PARTY", "Bank of China Shanghai Branch"],
    ["bank of china shanghai branch", "PARTY", "Bank of China Shanghai Branch"],
  ])("%s is a %s (%s)", (value, kind, canonical) => {
    expect(lookupIdentifier(value, parties)).toMatchObject({ kind, canonical });
  });
  it("gives every network's form and where it came from", () => {
    expect(lookupIdentifier("COSU6612345678", parties)!.identifiers).toEqual(
      expect.arrayContaining([
        { network: "FABRIC", scheme: "B/L number", value: "COSU6612345678", origin: "FORMAT_RULE" },
        { network: "ANTCHAIN", scheme: "bill number", value: "COSU-6612345678", origin: "FORMAT_RULE" },
      ]),
    );
    expect(lookupIdentifier(parties[0]!.address, parties)!.identifiers).toContainEqual({
      network: "REFERENCE",
      scheme: "LEI",
      value: parties[0]!.lei,
      origin: "NETWORK_RECORD",
    });
  });
  it("says null for what no network knows", () => {
    expect(lookupIdentifier("hello", parties)).toBeNull();
    expect(lookupIdentifier("0x0000000000000000000000000000000000000001", parties)).toBeNull();
  });
});
