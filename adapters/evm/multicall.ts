import {
  decodeFunctionResult,
  encodeFunctionData,
  numberToHex,
  parseAbi,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";

const multicall3Abi = parseAbi([
  "struct Call3 { address target; bool allowFailure; bytes callData; }",
  "struct Result { bool success; bytes returnData; }",
  "function aggregate3(Call3[] calls) payable returns (Result[] returnData)",
]);

export interface ContractRead {
  address: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
}

export type ReadResult = { ok: true; value: unknown } | { ok: false };

/**
 * Reads many contract functions through Multicall3 `aggregate3`, pinned to one block. Calls are
 * encoded first, then every chunk (~`chunkBytes` of calldata, measured fastest on EDR) is sent in the
 * same tick so the transport puts them in one JSON-RPC batch: one HTTP round trip however many calls.
 * A call that reverts is `{ ok: false }`; a transport failure rejects the whole read.
 */
export async function readMany(
  client: PublicClient,
  multicall3: Address,
  reads: readonly ContractRead[],
  blockNumber: bigint,
  chunkBytes = 4096,
): Promise<ReadResult[]> {
  if (reads.length === 0) return [];
  const encoded = reads.map((r) => ({
    target: r.address,
    allowFailure: true,
    callData: encodeFunctionData({ abi: r.abi, functionName: r.functionName, args: r.args } as never),
  }));
  const chunks: (typeof encoded)[] = [];
  let current: typeof encoded = [];
  let size = 0;
  for (const call of encoded) {
    const callSize = (call.callData.length - 2) / 2 + 128;
    if (current.length > 0 && size + callSize > chunkBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(call);
    size += callSize;
  }
  chunks.push(current);
  const block = numberToHex(blockNumber);
  const payloads = chunks.map((calls) =>
    encodeFunctionData({ abi: multicall3Abi, functionName: "aggregate3", args: [calls] }),
  );
  const answers = await Promise.all(
    payloads.map(
      (data) =>
        client.request({ method: "eth_call", params: [{ to: multicall3, data }, block] }) as Promise<Hex>,
    ),
  );
  const results: ReadResult[] = [];
  for (const answer of answers) {
    const decoded = decodeFunctionResult({
      abi: multicall3Abi,
      functionName: "aggregate3",
      data: answer,
    }) as readonly { success: boolean; returnData: Hex }[];
    for (const r of decoded) {
      const read = reads[results.length]!;
      if (!r.success || r.returnData === "0x") {
        results.push({ ok: false });
        continue;
      }
      try {
        results.push({
          ok: true,
          value: decodeFunctionResult({
            abi: read.abi,
            functionName: read.functionName,
            data: r.returnData,
          } as never),
        });
      } catch {
        results.push({ ok: false }); // not the contract we expected at that address
      }
    }
  }
  return results;
}
