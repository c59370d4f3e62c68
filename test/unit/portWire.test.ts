import { decodeAbiParameters, encodeAbiParameters, keccak256, toHex } from "viem";
import { describe, expect, it } from "vitest";
import {
  abiValuesToJson,
  jsonToAbiValues,
  parseMethodSignature,
  parseOutTypes,
} from "../../wire/antchain/abiJson.ts";
import { decodeAbi, encodeAbi } from "../../wire/antchain/abiCodec.ts";
import {
  bytes2ToCode,
  codeToBytes2,
  decodeOutputs,
  decodePortCall,
  decodePortLog,
  decodeRevert,
  encodeOutputs,
  encodePortCall,
  encodePortLog,
  encodeRevert,
  portFunction,
  writesOfCall,
} from "../../wire/antchain/portContract.ts";

/** The wire contract both the port ledger and its adapter import: JSON <-> ABI values, calls, outputs, logs. */
describe("the BaaS REST JSON encoding of contract values", () => {
  it("reads outTypes as the Java and Go SDKs send them (a JSON list) and as published examples do ([bool])", () => {
    expect(parseOutTypes('["bool","string"]').map((p) => p.type)).toEqual(["bool", "string"]);
    expect(parseOutTypes("[bool]").map((p) => p.type)).toEqual(["bool"]);
    expect(parseOutTypes("[uint256, string]").map((p) => p.type)).toEqual(["uint256", "string"]);
    expect(parseOutTypes("[]")).toEqual([]);
    expect(() => parseOutTypes("bool")).toThrow(/not a list/);
    expect(() => parseOutTypes('["uint7x"]')).toThrow(/unknown ABI type/);
  });

  it("reads inputParamListStr by the signature's types: numbers as numbers or strings, bytes as base64", () => {
    const { name, params } = parseMethodSignature("f(uint256,string,bool,bytes,string[])");
    expect(name).toBe("f");
    expect(jsonToAbiValues(params, JSON.stringify([1001, "a", true, "AQI=", ["x", "y"]]))).toEqual([
      1001n,
      "a",
      true,
      "0x0102",
      ["x", "y"],
    ]);
    expect(jsonToAbiValues(parseMethodSignature("g(uint256)").params, '["123456789012345678901"]')).toEqual([
      123456789012345678901n,
    ]);
    expect(() => jsonToAbiValues(params, "[1]")).toThrow(/1 values for 5 parameters/);
    expect(() => jsonToAbiValues(params, JSON.stringify(["1", "a", true, "AQI=", []]))).not.toThrow();
    expect(() => jsonToAbiValues(params, JSON.stringify([1, 2, true, "", []]))).toThrow(
      /value 1 must be a string/,
    );
    expect(() => parseMethodSignature("f(uint256, string)")).toThrow(/name\(type/);
  });

  it("answers outputs as outRes JSON: small integers as numbers, large ones as strings, bytes as base64", () => {
    const types = parseOutTypes('["uint256","uint256","bytes","bool"]');
    expect(abiValuesToJson(types, [7n, 2n ** 64n, "0x0102", true])).toEqual([
      7,
      "18446744073709551616",
      "AQI=",
      true,
    ]);
  });
});

describe("the ABI codec's fast path for one string or bytes", () => {
  const cases: [string, unknown][] = [
    ["string", ""],
    ["string", "a"],
    ["string", "x".repeat(31)],
    ["string", "x".repeat(32)],
    ["string", "港口 2248 上海".repeat(9)],
    ["bytes", "0x"],
    ["bytes", `0x${"ab".repeat(33)}`],
  ];
  it.each(cases)("encodes %s %j byte for byte as viem does, and decodes it back", (type, value) => {
    const params = [{ type }];
    const ours = encodeAbi(params, [value]);
    expect(`0x${ours.toString("hex")}`).toBe(encodeAbiParameters(params, [value]));
    expect(decodeAbi(params, ours)).toEqual(decodeAbiParameters(params, `0x${ours.toString("hex")}`));
  });
  it("leaves every other shape to viem, and refuses data shorter than its length", () => {
    const params = [{ type: "uint256" }, { type: "string" }];
    expect(decodeAbi(params, encodeAbi(params, [5n, "x"]))).toEqual([5n, "x"]);
    expect(() =>
      decodeAbi([{ type: "string" }], encodeAbi([{ type: "string" }], ["abc"]).subarray(0, 64)),
    ).toThrow();
    expect(() => decodeAbi([{ type: "string" }], encodeAbi([{ type: "bool" }], [true]))).toThrow();
  });
});

describe("the port contract's calls, outputs and logs", () => {
  it("encodes a call as selector + ABI arguments and decodes it back to its signature", () => {
    const data = encodePortCall("recordMove(string)", ['{"moveNo":"M1"}']);
    expect(data.slice(0, 10)).toBe(keccak256(toHex("recordMove(string)")).slice(0, 10));
    expect(decodePortCall(data)).toMatchObject({
      signature: "recordMove(string)",
      args: ['{"moveNo":"M1"}'],
    });
    expect(decodePortCall("0xdeadbeef")).toBeNull();
  });

  it("encodes outputs and reverts as a receipt carries them (base64 ABI) and decodes them", () => {
    const batch = portFunction("recordBatch(string)")!;
    expect(decodeOutputs(batch, encodeOutputs(batch, [3n, 1n]))).toEqual([3n, 1n]);
    expect(decodeRevert(encodeRevert("the sender is not a port community writer"))).toBe(
      "the sender is not a port community writer",
    );
    expect(decodeRevert(encodeOutputs(batch, [3n, 1n]))).toBeNull();
  });

  it("writes logs with the event's signature hash as topic 0 and indexed values as topics", () => {
    const log = encodePortLog(
      {
        eventName: "CustomsStatus",
        args: { statusCode: codeToBytes2("KL"), billNo: "COSU-1", declNo: "D1" },
      },
      "ab".repeat(32),
    );
    expect(log.topics[0]).toBe(keccak256(toHex("CustomsStatus(bytes2,string,string)")).slice(2));
    expect(log.topics[1]).toBe(`4b4c${"0".repeat(60)}`);
    const decoded = decodePortLog(log)!;
    expect(decoded).toMatchObject({ eventName: "CustomsStatus", args: { billNo: "COSU-1", declNo: "D1" } });
    expect(bytes2ToCode((decoded.args as { statusCode: `0x${string}` }).statusCode)).toBe("KL");
    expect(decodePortLog({ ...log, topics: [keccak256(toHex("Other()")).slice(2)] })).toBeNull();
  });

  it("lists what a call writes, per entry for a batch, as the fields the contract stores", () => {
    const batch = JSON.stringify([
      { method: "recordMove(string)", payload: { moveNo: "M1", txHash: "forged" } },
      { method: "recordPortCall(string)", payload: { callNo: "C1", eta: "", ata: "2026-11-19 10:30:00" } },
      { method: "recordNothing(string)", payload: {} },
    ]);
    expect(writesOfCall("recordBatch(string)", [batch])).toEqual([
      { kind: "move", fields: { moveNo: "M1" } },
      { kind: "portCall", fields: { callNo: "C1", ata: "2026-11-19 10:30:00" } },
    ]);
    expect(writesOfCall("queryBills(string)", ['["COSU-1"]'])).toEqual([]);
  });
});
