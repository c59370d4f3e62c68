import { sign, type KeyObject } from "node:crypto";
import { z } from "zod";

/**
 * The BaaS REST requests, as the published clients form them (the Go REST SDK's `CallRestBizParam` and
 * `CallRestParam` JSON tags, the Java SDK's `CallRestBizParam` builder, the JavaScript and PHP
 * examples): a JSON body POSTed to one of three paths. After the handshake a request carries only
 * `accessId` and `token` (and `tenantid` on chainCallForBiz): no per-request signature or timestamp.
 * The schemas are the service's check of each request; the builders are what clients send.
 */
export const BAAS_PATHS = {
  shakeHand: "/api/contract/shakeHand",
  chainCall: "/api/contract/chainCall",
  chainCallForBiz: "/api/contract/chainCallForBiz",
} as const;

const text = z.string().min(1);
const hash = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex characters, no 0x");

/** `{accessId, time, secret}`: `secret` is hex SHA256withRSA of accessId + time (ms since the epoch). */
export const shakeHandSchema = z.object({
  accessId: text,
  time: z.string().regex(/^\d{13}$/, "must be milliseconds since the epoch"),
  secret: z.string().regex(/^[0-9a-fA-F]+$/, "must be a hex signature"),
});
export type ShakeHandRequest = z.infer<typeof shakeHandSchema>;

export function shakeHandRequest(accessId: string, key: KeyObject, now = Date.now()): ShakeHandRequest {
  const time = String(now);
  return { accessId, time, secret: sign("sha256", Buffer.from(accessId + time), key).toString("hex") };
}

/** Fields every request after the handshake carries. */
export const credentialsSchema = z.object({ accessId: text, token: text, bizid: text });

/** A block number as `requestStr`: the Go SDKs send it as a string or as a JSON number. */
const blockNumber = z.union([
  z.number().int().min(0),
  z.string().regex(/^\d+$/, "must be a block number").transform(Number),
]);

export const chainCallSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("QUERYLASTBLOCK") }),
  z.object({ method: z.enum(["QUERYBLOCK", "QUERYBLOCKBODY"]), requestStr: blockNumber }),
  z.object({ method: z.enum(["QUERYTRANSACTION", "QUERYRECEIPT"]), hash }),
  /** `requestStr` is `{"queryAccount":"<name>"}` (the Go SDK's AccountRequest). */
  z.object({ method: z.literal("QUERYACCOUNT"), requestStr: text }),
]);
export type ChainCallMethod = z.infer<typeof chainCallSchema>["method"];

/**
 * A contract call through chainCallForBiz: CALLCONTRACTBIZASYNC sends a transaction and answers its
 * hash; CALLCONTRACTBIZ executes locally and answers `{"outRes":[...]}`. `methodSignature` is types
 * only, no spaces ("recordMove(string)"); `inputParamListStr` a JSON array of the arguments; `outTypes`
 * a JSON array of output types; `mykmsKeyId` the key the service signs with for `account`.
 */
export const contractCallSchema = z.object({
  method: z.enum(["CALLCONTRACTBIZASYNC", "CALLCONTRACTBIZ"]),
  tenantid: text,
  orderId: text,
  account: text,
  contractName: text,
  methodSignature: text,
  inputParamListStr: text,
  outTypes: text,
  mykmsKeyId: text,
  /** Most gas the call may use; absent or 0 means no limit. */
  gas: z.number().int().min(0).optional(),
});
export type ContractCallRequest = z.infer<typeof contractCallSchema>;

/** A receipt by the client's orderId, or a transaction or receipt by hash (also offered on chainCallForBiz). */
export const bizQuerySchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("QUERYRECEIPTBIZ"), tenantid: text, orderId: text }),
  z.object({ method: z.enum(["QUERYRECEIPT", "QUERYTRANSACTION"]), hash }),
]);

/** The body of a contract call, less the credentials and chain the client adds to every request. */
export function contractCallBody(call: {
  method: ContractCallRequest["method"];
  orderId: string;
  account: string;
  kmsKeyId: string;
  contractName: string;
  methodSignature: string;
  inputs: readonly unknown[];
  outTypes: readonly string[];
  gas?: number;
}): Omit<ContractCallRequest, "tenantid"> {
  return {
    method: call.method,
    orderId: call.orderId,
    account: call.account,
    contractName: call.contractName,
    methodSignature: call.methodSignature,
    inputParamListStr: JSON.stringify(call.inputs),
    outTypes: JSON.stringify(call.outTypes),
    mykmsKeyId: call.kmsKeyId,
    ...(call.gas !== undefined ? { gas: call.gas } : {}),
  };
}

/** A local call's answer: the outputs decoded by the request's `outTypes`. */
export const localCallAnswerSchema = z.object({ outRes: z.array(z.unknown()) });
