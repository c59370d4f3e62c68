import {
  type AbiFunction,
  decodeErrorResult,
  decodeEventLog,
  encodeAbiParameters,
  encodeErrorResult,
  encodeEventTopics,
  parseAbi,
  toFunctionSelector,
  toFunctionSignature,
  type Hex,
} from "viem";
import { decodeAbi, encodeAbi } from "./abiCodec.ts";
import { canonicalJson, sha256Hex } from "./canonicalJson.ts";
import type { ReceiptLog, RecordKind } from "./records.ts";

/**
 * The port-logistics contract's interface, written once for the chain that runs it and the clients that
 * call it: Solidity-style functions and events, so calls are ABI-encoded, outputs ABI-decoded and logs
 * read by their topics. Each write takes the record as one JSON string (the port community system's
 * message), as a Solidity contract storing JSON documents would.
 */
export const PORT_CONTRACT_NAME = "PortLogistics";

export const PORT_CONTRACT_ABI = parseAbi([
  "function recordPortCall(string payload) returns (bool)",
  "function recordMove(string payload) returns (bool)",
  "function recordCustoms(string payload) returns (bool)",
  "function recordRelease(string payload) returns (bool)",
  "function recordFee(string payload) returns (bool)",
  "function recordBatch(string entries) returns (uint256 recorded, uint256 skipped)",
  "function queryBills(string billNos) view returns (string)",
  "function queryContainers(string ctnNos) view returns (string)",
  "function queryPortCall(string callNo) view returns (string)",
  "event PortCallRecorded(string callNo, string portCode)",
  "event ContainerMoved(bytes2 indexed moveCode, string billNo, string ctnNo)",
  "event CustomsStatus(bytes2 indexed statusCode, string billNo, string declNo)",
  "event ReleaseOrder(bytes2 indexed statusCode, string billNo, string releaseNo)",
  "event FeePaid(string billNo, string feeNo)",
]);

/** Most writes one `recordBatch` carries, and most keys one query takes. */
export const MAX_BATCH = 1000;
export const MAX_KEYS_PER_QUERY = 1000;

export type PortWriteSignature =
  | "recordPortCall(string)"
  | "recordMove(string)"
  | "recordCustoms(string)"
  | "recordRelease(string)"
  | "recordFee(string)";

/** Which record each single write method stores. */
export const WRITE_KINDS: Readonly<Record<PortWriteSignature, RecordKind>> = {
  "recordPortCall(string)": "portCall",
  "recordMove(string)": "move",
  "recordCustoms(string)": "customs",
  "recordRelease(string)": "release",
  "recordFee(string)": "fee",
};

const functions = new Map<string, AbiFunction>(
  (PORT_CONTRACT_ABI as readonly { type: string }[])
    .filter((i) => i.type === "function")
    .map((i) => [toFunctionSignature(i as AbiFunction), i as AbiFunction]),
);

/** The function a method signature names, or undefined. */
export const portFunction = (signature: string) => functions.get(signature);
export const isPortWrite = (signature: string): signature is PortWriteSignature => signature in WRITE_KINDS;

const bySelector = new Map<string, { signature: string; fn: AbiFunction }>(
  [...functions.entries()].map(([signature, fn]) => [toFunctionSelector(fn), { signature, fn }]),
);

export function encodePortCall(signature: string, args: readonly unknown[]): Hex {
  const fn = portFunction(signature);
  if (!fn) throw new Error(`${PORT_CONTRACT_NAME} has no function ${signature}`);
  return `${toFunctionSelector(fn)}${encodeAbi(fn.inputs, args).toString("hex")}`;
}

/** The function and arguments of call data; null when it names no function of the contract or does not decode. */
export function decodePortCall(data: Hex): { signature: string; fn: AbiFunction; args: unknown[] } | null {
  const found = bySelector.get(data.slice(0, 10).toLowerCase());
  if (!found) return null;
  try {
    return { ...found, args: decodeAbi(found.fn.inputs, Buffer.from(data.slice(10), "hex")) };
  } catch {
    return null;
  }
}

export type PortEvent =
  | { eventName: "PortCallRecorded"; args: { callNo: string; portCode: string } }
  | { eventName: "ContainerMoved"; args: { moveCode: Hex; billNo: string; ctnNo: string } }
  | { eventName: "CustomsStatus"; args: { statusCode: Hex; billNo: string; declNo: string } }
  | { eventName: "ReleaseOrder"; args: { statusCode: Hex; billNo: string; releaseNo: string } }
  | { eventName: "FeePaid"; args: { billNo: string; feeNo: string } };

/** A receipt's log decoded by its topics; null when topic 0 is none of the contract's events. */
export function decodePortLog(log: ReceiptLog): PortEvent | null {
  try {
    return decodeEventLog({
      abi: PORT_CONTRACT_ABI,
      topics: log.topics.map((t) => `0x${t}` as Hex) as [Hex, ...Hex[]],
      data: `0x${Buffer.from(log.data, "base64").toString("hex")}`,
    }) as PortEvent;
  } catch {
    return null;
  }
}

/** Two-letter native codes travel as indexed `bytes2` topics. */
export const codeToBytes2 = (code: string): Hex => `0x${Buffer.from(code, "latin1").toString("hex")}`;
export const bytes2ToCode = (hex: Hex) => Buffer.from(hex.slice(2), "hex").toString("latin1");

/**
 * The fields the contract stores from a write's payload: a port call keeps only the fields the write
 * sets (it is updated step by step), every other record the whole payload. Provenance fields are the
 * chain's to set, never the writer's.
 */
export function writtenFields(kind: RecordKind, payload: Record<string, unknown>): Record<string, unknown> {
  const { txHash: _t, blockNumber: _b, ...fields } = payload;
  if (kind !== "portCall") return fields;
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ""));
}

/**
 * What a transaction wrote, as a checkable fingerprint: the names of the fields it set and a hash of
 * their values. A record read back later matches when its values under those names hash the same.
 */
export interface WriteDigest {
  kind: RecordKind;
  keys: string[];
  digest: string;
}

export function writeDigest(kind: RecordKind, fields: Record<string, unknown>): WriteDigest {
  const keys = Object.keys(fields).sort();
  return { kind, keys, digest: digestOf(kind, fields, keys) };
}

/** True when `record`'s values under the digest's field names are the ones that write set. */
export function matchesWrite(write: WriteDigest, record: Record<string, unknown>): boolean {
  return digestOf(write.kind, record, write.keys) === write.digest;
}

/**
 * The digest `record` would have had, had a write set exactly these fields (sorted names) to its values:
 * sha256 over the JSON of [kind, [[name, value]...]], values in canonical JSON.
 */
export function digestOf(kind: RecordKind, fields: Record<string, unknown>, keys: readonly string[]): string {
  const value = (v: unknown) => (v !== null && typeof v === "object" ? canonicalJson(v) : (v ?? null));
  return sha256Hex(JSON.stringify([kind, keys.map((k) => [k, value(fields[k])])]));
}

/**
 * The records a call writes if it succeeds, per entry for a batch (entries already recorded are skipped
 * by the contract, so a batch may write fewer). Payloads that are not JSON objects write nothing.
 */
export function writesOfCall(
  signature: string,
  args: readonly unknown[],
): { kind: RecordKind; fields: Record<string, unknown> }[] {
  const parse = (text: unknown): unknown => {
    try {
      return typeof text === "string" ? JSON.parse(text) : undefined;
    } catch {
      return undefined;
    }
  };
  const one = (method: unknown, payload: unknown) =>
    typeof method === "string" &&
    isPortWrite(method) &&
    payload &&
    typeof payload === "object" &&
    !Array.isArray(payload)
      ? [
          {
            kind: WRITE_KINDS[method],
            fields: writtenFields(WRITE_KINDS[method], payload as Record<string, unknown>),
          },
        ]
      : [];
  if (signature === "recordBatch(string)") {
    const entries = parse(args[0]);
    return Array.isArray(entries)
      ? entries.flatMap((e: { method?: unknown; payload?: unknown }) => one(e?.method, e?.payload))
      : [];
  }
  return one(signature, parse(args[0]));
}

/** A contract event as the chain writes it into a receipt: topics by viem, data ABI-encoded, base64. */
export function encodePortLog(event: PortEvent, contractId: string): ReceiptLog {
  const item = PORT_CONTRACT_ABI.find(
    (i): i is Extract<(typeof PORT_CONTRACT_ABI)[number], { type: "event" }> =>
      i.type === "event" && i.name === event.eventName,
  )!;
  const args = event.args as Record<string, unknown>;
  const topics = encodeEventTopics({
    abi: [item],
    eventName: item.name,
    args: args as never,
  } as Parameters<typeof encodeEventTopics>[0]);
  const data = encodeAbiParameters(
    item.inputs.filter((i) => !("indexed" in i && i.indexed)),
    item.inputs.filter((i) => !("indexed" in i && i.indexed)).map((i) => args[i.name!]),
  );
  return {
    from: contractId,
    topics: (topics as Hex[]).map((t) => t.slice(2)),
    data: Buffer.from(data.slice(2), "hex").toString("base64"),
  };
}

const ERROR_ABI = [{ type: "error", name: "Error", inputs: [{ type: "string", name: "message" }] }] as const;

/** A revert's output: `Error(string)` ABI-encoded, base64, as Solidity's `revert("...")` returns. */
export const encodeRevert = (message: string) =>
  Buffer.from(
    encodeErrorResult({ abi: ERROR_ABI, errorName: "Error", args: [message] }).slice(2),
    "hex",
  ).toString("base64");

/** The reason of a reverted receipt's output, or null when it is not `Error(string)`. */
export function decodeRevert(output: string): string | null {
  try {
    const { args } = decodeErrorResult({
      abi: ERROR_ABI,
      data: `0x${Buffer.from(output, "base64").toString("hex")}`,
    });
    return String(args[0]);
  } catch {
    return null;
  }
}

/** A function's outputs, ABI-encoded, base64 (a receipt's `output`). */
export const encodeOutputs = (fn: AbiFunction, values: readonly unknown[]) =>
  encodeAbi(fn.outputs, values).toString("base64");

/** A receipt's base64 `output` decoded by a function's outputs. */
export const decodeOutputs = (fn: AbiFunction, output: string) =>
  decodeAbi(fn.outputs, Buffer.from(output, "base64"));
