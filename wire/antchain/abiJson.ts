import { type AbiParameter, parseAbiParameters } from "viem";

/**
 * How the BaaS REST API carries contract values as JSON, both ways: `inputParamListStr` is a JSON array
 * of the arguments, `outTypes` a JSON array of the output types, and a local call's answer is
 * `{"outRes":[...]}` with the outputs decoded by those types. Numbers may come as JSON numbers or decimal
 * strings (Java SDKs send BigInteger as numbers); bytes travel as base64, as Go's and Java's JSON encoders
 * write byte arrays.
 */

export class AbiJsonError extends Error {}

const SIGNATURE = /^([A-Za-z_$][A-Za-z0-9_$]*)\(([^()\s]*)\)$/;

/** "recordMove(string)" to its name and parameter types; types only, no spaces, as the clients send it. */
export function parseMethodSignature(signature: string): { name: string; params: readonly AbiParameter[] } {
  const match = SIGNATURE.exec(signature);
  if (!match) throw new AbiJsonError(`methodSignature ${JSON.stringify(signature)} is not "name(type,...)"`);
  return { name: match[1]!, params: parseTypes(match[2] ? match[2].split(",") : []) };
}

/**
 * `outTypes` as the clients send it: a JSON array (`["bool","string"]`, the Java and Go SDKs) or the
 * same list unquoted (`[bool]`, as in some published examples).
 */
export function parseOutTypes(outTypes: string): readonly AbiParameter[] {
  const text = outTypes.trim();
  let types: unknown;
  try {
    types = JSON.parse(text);
  } catch {
    if (!/^\[[\w\s,[\]]*\]$/.test(text))
      throw new AbiJsonError(`outTypes ${JSON.stringify(outTypes)} is not a list`);
    const inner = text.slice(1, -1).trim();
    types = inner ? inner.split(",").map((t) => t.trim()) : [];
  }
  if (!Array.isArray(types) || types.some((t) => typeof t !== "string"))
    throw new AbiJsonError("outTypes must be a list of type names");
  return parseTypes(types as string[]);
}

function parseTypes(types: readonly string[]): readonly AbiParameter[] {
  if (types.length === 0) return [];
  try {
    return parseAbiParameters(types.join(","));
  } catch (error) {
    throw new AbiJsonError(
      `unknown ABI type in ${types.join(",")}: ${(error as Error).message.split("\n")[0]}`,
    );
  }
}

/** `inputParamListStr` to ABI values for the given parameters. */
export function jsonToAbiValues(params: readonly AbiParameter[], inputParamListStr: string): unknown[] {
  let list: unknown;
  try {
    list = JSON.parse(inputParamListStr);
  } catch {
    throw new AbiJsonError("inputParamListStr is not JSON");
  }
  if (!Array.isArray(list)) throw new AbiJsonError("inputParamListStr must be a JSON array");
  if (list.length !== params.length)
    throw new AbiJsonError(`inputParamListStr has ${list.length} values for ${params.length} parameters`);
  return params.map((p, i) => toAbi(p.type, list[i], i));
}

function toAbi(type: string, value: unknown, at: number | string): unknown {
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) throw new AbiJsonError(`value ${at} must be a list for ${type}`);
    if (array[2] && value.length !== Number(array[2]))
      throw new AbiJsonError(`value ${at} must have ${array[2]} items for ${type}`);
    return value.map((v, i) => toAbi(array[1]!, v, `${at}.${i}`));
  }
  if (type === "string") {
    if (typeof value !== "string") throw new AbiJsonError(`value ${at} must be a string`);
    return value;
  }
  if (type === "bool") {
    if (typeof value !== "boolean") throw new AbiJsonError(`value ${at} must be true or false`);
    return value;
  }
  if (/^u?int\d*$/.test(type)) {
    if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
    if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
    throw new AbiJsonError(`value ${at} must be an integer for ${type}`);
  }
  if (type === "address") {
    if (typeof value !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(value))
      throw new AbiJsonError(`value ${at} must be a 0x address`);
    return value;
  }
  if (/^bytes\d*$/.test(type)) {
    if (typeof value !== "string") throw new AbiJsonError(`value ${at} must be base64 bytes`);
    return base64ToHex(value);
  }
  throw new AbiJsonError(`type ${type} is not supported by this chain's REST calls`);
}

/** ABI values to the JSON a local call answers in `outRes`. */
export function abiValuesToJson(params: readonly AbiParameter[], values: readonly unknown[]): unknown[] {
  return params.map((p, i) => fromAbi(p.type, values[i]));
}

function fromAbi(type: string, value: unknown): unknown {
  const array = /^(.*)\[\d*\]$/.exec(type);
  if (array) return (value as unknown[]).map((v) => fromAbi(array[1]!, v));
  if (typeof value === "bigint")
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  if (/^bytes\d*$/.test(type)) return hexToBase64(value as string);
  return value;
}

export const hexToBase64 = (hex: string) => Buffer.from(hex.replace(/^0x/, ""), "hex").toString("base64");
export const base64ToHex = (b64: string): `0x${string}` => `0x${Buffer.from(b64, "base64").toString("hex")}`;
