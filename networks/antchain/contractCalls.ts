import { toFunctionSelector } from "viem";
import { decodeAbi, encodeAbi } from "../../wire/antchain/abiCodec.ts";
import {
  AbiJsonError,
  abiValuesToJson,
  jsonToAbiValues,
  parseMethodSignature,
  parseOutTypes,
} from "../../wire/antchain/abiJson.ts";
import { BAAS_CODES } from "../../wire/antchain/answers.ts";
import { canonicalJson, sha256Hex } from "../../wire/antchain/canonicalJson.ts";
import { identityOf } from "../../wire/antchain/records.ts";
import { bizQuerySchema, contractCallSchema } from "../../wire/antchain/requests.ts";
import { OrderConflictError, type PortChain } from "./chain.ts";
import { ContractError } from "./portContract.ts";
import { answerChainQuery } from "./queries.ts";
import { parseRequest, Refusal } from "./refusal.ts";
import type { Tenant } from "./tenants.ts";

export interface BizCallContext {
  chain: PortChain;
  tenants: readonly Tenant[];
  /** Names of the contracts deployed on the chain. */
  contracts: ReadonlySet<string>;
}

/**
 * `chainCallForBiz` in the managed-key mode: the service signs for the tenant's account with the KMS key
 * the request names. CALLCONTRACTBIZASYNC sends a transaction and answers its hash (any function: a read
 * sent this way is a paid transaction like any other); CALLCONTRACTBIZ executes locally, without a
 * transaction, and answers `{"outRes":[...]}`, the outputs decoded by the request's `outTypes`.
 * QUERYRECEIPTBIZ finds a receipt by the tenant's orderId.
 */
export function answerBizCall(ctx: BizCallContext, tenant: Tenant, body: Record<string, unknown>): string {
  if (body.method === "CALLCONTRACTBIZASYNC" || body.method === "CALLCONTRACTBIZ")
    return contractCall(ctx, tenant, body);
  const request = parseRequest(bizQuerySchema, body);
  if (request.method !== "QUERYRECEIPTBIZ") return answerChainQuery(ctx.chain, ctx.tenants, request);
  if (request.tenantid !== tenant.tenantId)
    throw new Refusal(BAAS_CODES.FORBIDDEN, `tenantid ${request.tenantid} is not this accessId's tenant`);
  const hash = ctx.chain.txHashForOrder(tenant.tenantId, request.orderId);
  if (!hash) throw new Refusal(BAAS_CODES.NOT_FOUND, `no transaction for orderId ${request.orderId}`);
  return answerChainQuery(ctx.chain, ctx.tenants, { method: "QUERYRECEIPT", hash });
}

function contractCall(ctx: BizCallContext, tenant: Tenant, body: Record<string, unknown>): string {
  const request = parseRequest(contractCallSchema, body);
  if (request.tenantid !== tenant.tenantId)
    throw new Refusal(BAAS_CODES.FORBIDDEN, `tenantid ${request.tenantid} is not this accessId's tenant`);
  if (!tenant.accounts.includes(request.account))
    throw new Refusal(
      BAAS_CODES.FORBIDDEN,
      `tenant ${tenant.tenantId} may not send from account ${request.account}`,
    );
  if (tenant.kmsKeyIds[request.account] !== request.mykmsKeyId)
    throw new Refusal(
      BAAS_CODES.FORBIDDEN,
      `mykmsKeyId ${request.mykmsKeyId} is not account ${request.account}'s key`,
    );
  if (!ctx.contracts.has(request.contractName))
    throw new Refusal(BAAS_CODES.NOT_FOUND, `contract ${request.contractName} does not exist`);
  let data: `0x${string}`;
  let outTypes;
  try {
    const { params } = parseMethodSignature(request.methodSignature);
    outTypes = parseOutTypes(request.outTypes);
    data = `${toFunctionSelector(request.methodSignature)}${encodeAbi(params, jsonToAbiValues(params, request.inputParamListStr)).toString("hex")}`;
  } catch (error) {
    if (error instanceof AbiJsonError) throw new Refusal(BAAS_CODES.BAD_REQUEST, error.message);
    throw error;
  }
  const from = identityOf(request.account);
  const to = identityOf(request.contractName);

  if (request.method === "CALLCONTRACTBIZ") {
    let output: string;
    try {
      output = ctx.chain.call(from, to, data);
    } catch (error) {
      if (error instanceof ContractError) throw new Refusal(BAAS_CODES.CONTRACT_REVERTED, error.message);
      throw error;
    }
    let values: readonly unknown[];
    try {
      values = decodeAbi(outTypes, Buffer.from(output, "base64"));
    } catch {
      throw new Refusal(BAAS_CODES.BAD_REQUEST, `the output does not decode as outTypes ${request.outTypes}`);
    }
    return JSON.stringify({ outRes: abiValuesToJson(outTypes, values) });
  }

  // The parameters that make an order what it is: the same orderId with other parameters is refused.
  const { orderId: _o, tenantid: _t, mykmsKeyId: _k, ...parameters } = request;
  try {
    return ctx.chain.submit({
      order: {
        tenant: tenant.tenantId,
        orderId: request.orderId,
        request: sha256Hex(canonicalJson(parameters)),
      },
      from,
      to,
      gas: request.gas ?? 0,
      data,
    }).hash;
  } catch (error) {
    if (error instanceof OrderConflictError) throw new Refusal(BAAS_CODES.BAD_REQUEST, error.message);
    throw error;
  }
}
