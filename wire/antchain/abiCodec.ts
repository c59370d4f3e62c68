import { type AbiParameter, decodeAbiParameters, encodeAbiParameters, type Hex } from "viem";

/**
 * ABI encoding as bytes, with a fast path for the port contract's common shape: one dynamic `string` or
 * `bytes` (every query answers one JSON string, every write takes one). viem's general encoder builds hex
 * strings character by character, ~0.25 s for a 1 MB string, which a 1,000-bill answer is; the layout of a
 * lone dynamic value is fixed (offset 0x20, length, data padded to 32 bytes), so it is written directly.
 * Everything else goes through viem. Both paths give the same bytes (tested against viem).
 */
export function encodeAbi(params: readonly AbiParameter[], values: readonly unknown[]): Buffer {
  const only = params.length === 1 ? params[0]!.type : null;
  if (only === "string" || only === "bytes") {
    const data =
      only === "string"
        ? Buffer.from(values[0] as string, "utf8")
        : Buffer.from((values[0] as Hex).slice(2), "hex");
    const out = Buffer.alloc(64 + Math.ceil(data.length / 32) * 32);
    out.writeUInt8(0x20, 31);
    writeUint(out, 32, data.length);
    data.copy(out, 64);
    return out;
  }
  return Buffer.from(encodeAbiParameters(params, values as unknown[]).slice(2), "hex");
}

/** The inverse of `encodeAbi`; throws on data that does not decode as `params`. */
export function decodeAbi(params: readonly AbiParameter[], data: Buffer): unknown[] {
  const only = params.length === 1 ? params[0]!.type : null;
  if (only === "string" || only === "bytes") {
    const offset = readUint(data, 0);
    const length = readUint(data, offset);
    const start = offset + 32;
    if (start + length > data.length) throw new Error("ABI data is shorter than its length says");
    const bytes = data.subarray(start, start + length);
    return [only === "string" ? bytes.toString("utf8") : (`0x${bytes.toString("hex")}` as Hex)];
  }
  return [...decodeAbiParameters(params, `0x${data.toString("hex")}`)];
}

function writeUint(out: Buffer, at: number, value: number): void {
  out.writeUIntBE(value, at + 26, 6);
}

/** A 32-byte big-endian word that must fit a safe integer (an offset or a length). */
function readUint(data: Buffer, at: number): number {
  if (at + 32 > data.length) throw new Error("ABI data ends inside a word");
  if (data.subarray(at, at + 26).some((b) => b !== 0)) throw new Error("ABI offset or length out of range");
  return data.readUIntBE(at + 26, 6);
}
