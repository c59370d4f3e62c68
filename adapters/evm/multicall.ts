import {
  BaseError,
  decodeFunctionResult,
  encodeFunctionData,
  numberToHex,
  parseAbi,
  RpcRequestError,
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

/**
 * One call's outcome. Only what the chain deterministically said is an answer: a value, a revert (with
 * its revert data), or no code at the address. A call the node did not answer is `UNANSWERED`.
 */
export type ReadResult =
  | { ok: true; value: unknown }
  | { ok: false; kind: "REVERTED"; data: Hex }
  | { ok: false; kind: "NO_CODE" }
  | { ok: false; kind: "UNDECODABLE" }
  | { ok: false; kind: "UNANSWERED"; error: unknown };

/**
 * Reads many contract functions through Multicall3 `aggregate3`, pinned to one block. Calls are
 * encoded first, then every chunk (~`chunkBytes` of calldata, measured fastest on EDR) is sent in the
 * same tick so the transport batches them: one HTTP round trip per `rpcBatchSize` chunks.
 *
 * A call that failed inside the multicall without revert data is sent again on its own (one more
 * round, only for those): inside Multicall3 it ran on whatever gas the calls before it left, so an
 * out-of-gas there says nothing about the contract. A chunk the node did not answer makes its calls
 * `UNANSWERED`; when no chunk was answered at all, the read rejects (the node is down).
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
  const answers = await Promise.allSettled(
    chunks.map(
      (calls) =>
        client.request({
          method: "eth_call",
          params: [
            {
              to: multicall3,
              data: encodeFunctionData({ abi: multicall3Abi, functionName: "aggregate3", args: [calls] }),
            },
            block,
          ],
        }) as Promise<Hex>,
    ),
  );
  const first = answers[0]!;
  if (answers.every((a) => a.status === "rejected")) throw (first as PromiseRejectedResult).reason;

  const results: ReadResult[] = [];
  const retry: number[] = [];
  answers.forEach((answer, c) => {
    if (answer.status === "rejected") {
      for (const _ of chunks[c]!) results.push({ ok: false, kind: "UNANSWERED", error: answer.reason });
      return;
    }
    const decoded = decodeFunctionResult({
      abi: multicall3Abi,
      functionName: "aggregate3",
      data: answer.value,
    }) as readonly { success: boolean; returnData: Hex }[];
    for (const r of decoded) {
      const read = reads[results.length]!;
      if (!r.success) {
        if (r.returnData === "0x") retry.push(results.length);
        results.push({ ok: false, kind: "REVERTED", data: r.returnData });
      } else results.push(decodeAnswer(read, r.returnData));
    }
  });
  if (retry.length > 0) {
    const direct = await Promise.all(
      retry.map((i) => readOne(client, reads[i]!, encoded[i]!.callData, block)),
    );
    retry.forEach((i, j) => (results[i] = direct[j]!));
  }
  return results;
}

function decodeAnswer(read: ContractRead, data: Hex): ReadResult {
  // A successful call that returned nothing: no contract at that address (an EOA, or not deployed yet).
  if (data === "0x") return { ok: false, kind: "NO_CODE" };
  try {
    return {
      ok: true,
      value: decodeFunctionResult({ abi: read.abi, functionName: read.functionName, data } as never),
    };
  } catch {
    return { ok: false, kind: "UNDECODABLE" }; // not the contract we expected at that address
  }
}

/** One call on its own, with the node's full gas allowance: its revert, if any, is the contract's. */
async function readOne(client: PublicClient, read: ContractRead, data: Hex, block: Hex): Promise<ReadResult> {
  try {
    const answer = (await client.request({
      method: "eth_call",
      params: [{ to: read.address, data }, block],
    })) as Hex;
    return decodeAnswer(read, answer);
  } catch (error) {
    const rpc = error instanceof BaseError ? error.walk((e) => e instanceof RpcRequestError) : undefined;
    if (rpc instanceof RpcRequestError && /revert/i.test(rpc.details ?? rpc.shortMessage)) {
      const revertData = (rpc as unknown as { data?: unknown }).data;
      return {
        ok: false,
        kind: "REVERTED",
        data: typeof revertData === "string" && revertData.startsWith("0x") ? (revertData as Hex) : "0x",
      };
    }
    return { ok: false, kind: "UNANSWERED", error };
  }
}
