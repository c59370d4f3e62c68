import { randomUUID } from "node:crypto";
import { NetworkError } from "../../domain/errors.ts";
import { localCallAnswerSchema, contractCallBody } from "../../wire/antchain/requests.ts";
import type { ResolvedAntchainAdapterOptions } from "./options.ts";
import type { BaasRestClient } from "./restClient.ts";

/**
 * Calls a read-only function of the port contract locally (CALLCONTRACTBIZ: executed by the service,
 * no transaction, nothing paid) and answers its outputs as the service decodes them by `outTypes`.
 * Never CALLCONTRACTBIZASYNC: on a real chain that would be a paid transaction per read. Safe to retry.
 */
export async function readContract(
  client: BaasRestClient,
  options: ResolvedAntchainAdapterOptions,
  methodSignature: string,
  inputs: readonly unknown[],
  outTypes: readonly string[],
): Promise<unknown[]> {
  const data = await client.chainCallForBiz(
    contractCallBody({
      method: "CALLCONTRACTBIZ",
      // Required on every contract call; a local call creates no transaction, so it only names the request.
      orderId: `tradegraph-read-${randomUUID()}`,
      account: options.account,
      kmsKeyId: options.kmsKeyId,
      contractName: options.contractName,
      methodSignature,
      inputs,
      outTypes,
    }),
    true,
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    parsed = undefined;
  }
  const answer = localCallAnswerSchema.safeParse(parsed);
  if (!answer.success || answer.data.outRes.length !== outTypes.length)
    throw new NetworkError(
      options.name,
      `The ${options.name} service answered ${methodSignature} without its outputs`,
      {
        details: data.slice(0, 200),
      },
    );
  return answer.data.outRes;
}
