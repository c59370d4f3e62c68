import { BAAS_CODES } from "../../wire/antchain/answers.ts";
import { identityOf, type TransactionAnswer } from "../../wire/antchain/records.ts";
import { chainCallSchema } from "../../wire/antchain/requests.ts";
import type { PortChain } from "./chain.ts";
import { parseRequest, Refusal } from "./refusal.ts";
import type { Tenant } from "./tenants.ts";

/**
 * The chain queries (`chainCall`; the receipt and transaction queries are also offered on
 * chainCallForBiz): each answers a JSON document in `data`. A transaction accepted but not yet in a block
 * is 414 (waiting to execute), one the chain never saw 404.
 */
export function answerChainQuery(chain: PortChain, tenants: readonly Tenant[], body: unknown): string {
  const request = parseRequest(chainCallSchema, body);
  switch (request.method) {
    case "QUERYLASTBLOCK":
      return JSON.stringify(chain.header(chain.height));
    case "QUERYBLOCK":
    case "QUERYBLOCKBODY": {
      const block = chain.block(request.requestStr);
      if (!block) throw new Refusal(BAAS_CODES.NOT_FOUND, `block ${request.requestStr} does not exist`);
      return JSON.stringify(request.method === "QUERYBLOCK" ? block.header : block);
    }
    case "QUERYTRANSACTION": {
      const found = chain.transaction(request.hash);
      if (!found) throw missing(chain, request.hash, "transaction");
      const answer: TransactionAnswer = { blockNumber: found.blockNumber, transactionDO: found.tx };
      return JSON.stringify(answer);
    }
    case "QUERYRECEIPT": {
      const receipt = chain.receipt(request.hash);
      if (!receipt) throw missing(chain, request.hash, "receipt");
      return JSON.stringify(receipt);
    }
    case "QUERYACCOUNT": {
      let name: unknown;
      try {
        name = (JSON.parse(request.requestStr) as { queryAccount?: unknown }).queryAccount;
      } catch {
        name = undefined;
      }
      if (typeof name !== "string")
        throw new Refusal(BAAS_CODES.BAD_REQUEST, 'requestStr must be {"queryAccount":"<account name>"}');
      if (!tenants.some((t) => t.accounts.includes(name)))
        throw new Refusal(BAAS_CODES.NOT_FOUND, `account ${name} does not exist`);
      // status 0: a normal (not frozen) account.
      return JSON.stringify({ id: identityOf(name), status: 0 });
    }
  }
}

function missing(chain: PortChain, hash: string, what: string): Refusal {
  return chain.isPending(hash)
    ? new Refusal(BAAS_CODES.TX_WAITING_EXECUTE, `transaction ${hash} is waiting to be executed`)
    : new Refusal(BAAS_CODES.NOT_FOUND, `${what} ${hash} does not exist`);
}
